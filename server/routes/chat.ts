/**
 * /chat?room=NAME: a broadcast room (NAME default "general", at most 64 characters, else HTTP 400).
 * The joiner gets `{"type":"welcome","id","count"}`; the others get `{"type":"join","id","count"}`
 * and later `{"type":"leave","id","count"}`; each text message becomes
 * `{"type":"chat","from":id,"text"}` for every OTHER member. Binary messages are ignored.
 * A message whose relayed JSON would exceed MAX_CHAT_MESSAGE bytes closes its sender with 1009.
 */
import type { Channel, WebSocketRoute } from './route.ts';

/** Longest room name accepted. */
export const MAX_ROOM_NAME = 64;

/** Longest chat message, in bytes of the JSON each member receives (larger: close 1009 to its sender). */
export const MAX_CHAT_MESSAGE = 8 * 1024;

/** Creates the chat endpoint with its own rooms (one set per server instance). */
export function createChatRoute(): WebSocketRoute {
  const rooms = new Map<string, Map<number, Channel>>();
  let lastId = 0;

  // Encoded once per broadcast, whatever the number of members: all get the same bytes.
  const encode = (message: object): Buffer => Buffer.from(JSON.stringify(message));
  const relay = (room: Map<number, Channel>, except: number, bytes: Buffer): void => {
    for (const [id, member] of room) if (id !== except) member.send(bytes, false);
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
      channel.room = name;
      channel.send(JSON.stringify({ type: 'welcome', id, count: room.size }), false);
      relay(room, id, encode({ type: 'join', id, count: room.size }));
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        // A message that just got the sender closed (rate limit) is not relayed.
        if (isBinary || ws.readyState !== 1) return;
        // Measured as relayed, after JSON escaping (a control character takes six bytes). A text
        // already too long is not even encoded: its JSON can only be longer.
        const bytes = data.length < MAX_CHAT_MESSAGE ? encode({ type: 'chat', from: id, text: data.toString() }) : undefined;
        if (bytes === undefined || bytes.length > MAX_CHAT_MESSAGE) {
          // Too long costs its sender only: nobody else receives a byte of it.
          return channel.close(1009, `Message trop long : ${MAX_CHAT_MESSAGE} octets au plus, une fois en JSON`);
        }
        relay(room, id, bytes);
      });
      ws.on('close', () => {
        room.delete(id);
        if (room.size === 0) rooms.delete(name);
        else relay(room, id, encode({ type: 'leave', id, count: room.size }));
      });
    },
  };
}
