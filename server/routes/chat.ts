/**
 * /chat?room=NAME: a broadcast room (NAME default "general", at most 64 characters, else HTTP 400).
 * The joiner gets `{"type":"welcome","id","count"}`; the others get `{"type":"join","id","count"}`
 * and later `{"type":"leave","id","count"}`; each text message becomes
 * `{"type":"chat","from":id,"text"}` for every OTHER member. Binary messages are ignored.
 */
import type { Channel, WebSocketRoute } from './route.ts';

/** Longest room name accepted. */
export const MAX_ROOM_NAME = 64;

/** Creates the chat endpoint with its own rooms (one set per server instance). */
export function createChatRoute(): WebSocketRoute {
  const rooms = new Map<string, Map<number, Channel>>();
  let lastId = 0;

  const broadcast = (room: Map<number, Channel>, except: number, message: object): void => {
    const text = JSON.stringify(message);
    for (const [id, member] of room) if (id !== except) member.send(text, false);
  };

  return {
    refuse(_req, url) {
      const name = url.searchParams.get('room') ?? 'general';
      if (name.length > MAX_ROOM_NAME) return { status: 400, body: `Nom de salon trop long : ${MAX_ROOM_NAME} caractères au plus.` };
      return undefined;
    },
    handle(ws, _req, url, channel) {
      const name = url.searchParams.get('room') || 'general';
      const room = rooms.get(name) ?? new Map<number, Channel>();
      rooms.set(name, room);
      const id = ++lastId;
      room.set(id, channel);
      channel.send(JSON.stringify({ type: 'welcome', id, count: room.size }), false);
      broadcast(room, id, { type: 'join', id, count: room.size });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        // A message that just got the sender closed (rate limit) is not relayed.
        if (!isBinary && ws.readyState === 1) broadcast(room, id, { type: 'chat', from: id, text: data.toString() });
      });
      ws.on('close', () => {
        room.delete(id);
        if (room.size === 0) rooms.delete(name);
        else broadcast(room, id, { type: 'leave', id, count: room.size });
      });
    },
  };
}
