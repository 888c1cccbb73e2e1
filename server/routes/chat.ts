/**
 * /chat?room=NAME: a broadcast room (NAME default "general", at most 64 characters, else HTTP 400).
 * The joiner gets `{"type":"welcome","id","count"}`; the others get `{"type":"join","id","count"}`
 * and later `{"type":"leave","id","count"}`; each text message becomes
 * `{"type":"chat","from":id,"text"}` for every OTHER member. Binary messages are ignored.
 * A message whose relayed JSON would exceed MAX_CHAT_MESSAGE bytes closes its sender with 1009.
 *
 * Several instances of the server share their rooms through `shared` (Redis, see REDIS_URL):
 * each instance relays to its own members what any instance publishes on the room's channel.
 */
import { createMemoryState } from '../shared/memory-state.ts';
import type { SharedState } from '../shared/shared-state.ts';
import type { Channel, WebSocketRoute } from './route.ts';

/** Longest room name accepted. */
export const MAX_ROOM_NAME = 64;

/** Longest chat message, in bytes of the JSON each member receives (larger: close 1009 to its sender). */
export const MAX_CHAT_MESSAGE = 8 * 1024;

// A fault while leaving costs nothing more: the member is already gone.
const ignore = (): void => {};

/** The members of one room on this instance. */
type Room = { members: Map<number, Channel>; joining: number; unsubscribe: () => void };

/** Creates the chat endpoint; its rooms are this instance's unless `shared` spans several. */
export function createChatRoute(shared: SharedState = createMemoryState()): WebSocketRoute {
  const rooms = new Map<string, Room>();
  let lastId = 0;

  const relay = (room: Map<number, Channel>, except: number, bytes: Buffer): void => {
    for (const [id, member] of room) if (id !== except) member.send(bytes, false);
  };
  // Published as "except json": every instance relays the same bytes to its members but one.
  const publish = (name: string, except: number, json: string): void => shared.publish(`chat:${name}`, `${except} ${json}`);
  const open = (name: string): Room => {
    const members = new Map<number, Channel>();
    const unsubscribe = shared.subscribe(`chat:${name}`, (message) => {
      const cut = message.indexOf(' ');
      const from = Number(message.slice(0, cut));
      const bytes = Buffer.from(message.slice(cut + 1));
      // Ids heard from other instances: should Redis lose its sequence, ours start above them.
      if (from > lastId) lastId = from;
      // Checked again on arrival: no instance can make this one send more than its bound.
      if (bytes.length <= MAX_CHAT_MESSAGE) relay(members, from, bytes);
    });
    const room = { members, joining: 0, unsubscribe };
    rooms.set(name, room);
    return room;
  };
  /** Members of the room on every instance (this one's alone while nothing is shared). */
  const count = async (name: string, room: Room): Promise<number> => {
    const local = room.members.size + room.joining;
    return (await shared.count('chat', name, local)) ?? local;
  };

  return {
    refuse(_req, url) {
      const name = url.searchParams.get('room') ?? 'general';
      if (name.length > MAX_ROOM_NAME) return { status: 400, body: `Nom de salon trop long : ${MAX_ROOM_NAME} caractères au plus.` };
      return undefined;
    },
    handle(ws, _req, url, channel) {
      const name = url.searchParams.get('room') || 'general';
      const room = rooms.get(name) ?? open(name);
      // While Redis answers (id, count), the socket is not read: no message can come before the welcome.
      ws.pause();
      room.joining++;
      void join(name, room).then(({ id, count }) => {
        room.joining--;
        if (ws.readyState !== 1) return void leave(name, room, id, false).catch(ignore);
        room.members.set(id, channel);
        channel.send(JSON.stringify({ type: 'welcome', id, count }), false);
        publish(name, id, JSON.stringify({ type: 'join', id, count }));
        ws.on('message', (data: Buffer, isBinary: boolean) => {
          // A message that just got the sender closed (rate limit) is not relayed.
          if (isBinary || ws.readyState !== 1) return;
          // Measured as relayed, after JSON escaping (a control character takes six bytes). A text
          // already too long is not even encoded: its JSON can only be longer.
          const json = data.length < MAX_CHAT_MESSAGE ? JSON.stringify({ type: 'chat', from: id, text: data.toString() }) : undefined;
          if (json === undefined || Buffer.byteLength(json) > MAX_CHAT_MESSAGE) {
            // Too long costs its sender only: nobody else, on any instance, receives a byte of it.
            return channel.close(1009, `Message trop long : ${MAX_CHAT_MESSAGE} octets au plus, une fois en JSON`);
          }
          publish(name, id, json);
        });
        ws.on('close', () => void leave(name, room, id, true).catch(ignore));
        ws.resume();
      }).catch(() => channel.drop());
    },
  };

  /** A new member's id, unique across instances while they share (a Redis sequence), and the room's count. */
  async function join(name: string, room: Room): Promise<{ id: number; count: number }> {
    const id = (lastId = Math.max(lastId + 1, (await shared.next('chat-id', lastId)) ?? 0));
    return { id, count: await count(name, room) };
  }

  async function leave(name: string, room: Room, id: number, announce: boolean): Promise<void> {
    room.members.delete(id);
    if (room.members.size + room.joining === 0 && rooms.get(name) === room) {
      rooms.delete(name);
      room.unsubscribe();
    }
    const left = await count(name, room);
    if (announce && left > 0) publish(name, id, JSON.stringify({ type: 'leave', id, count: left }));
  }
}
