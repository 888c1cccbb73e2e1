/**
 * A Socket.IO endpoint on the course server, for the lesson « Socket.IO » : it lets a plain
 * WebSocket see the Engine.IO protocol that Socket.IO speaks on top of WebSocket
 * (ws://HOST/socket.io/?EIO=4&transport=websocket), and lets a real Socket.IO client try
 * acknowledgements and rooms.
 *
 * Mounting: call attachSocketIo(httpServer) once the server exists, and make the server's own
 * `upgrade` listener ignore SOCKET_IO_PATH (Engine.IO answers those upgrades itself). Who may
 * open a session is admission's business (server/admission.ts), through `io.engine`.
 */
import type { Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { Server } from 'socket.io';
import { takeToken } from '../rate-limit.ts';
import type { SendBudget } from '../send-budget.ts';
import type { SharedState } from '../shared/shared-state.ts';
import { boundPendingOutput, engineBacklogs, type EngineSession } from './socket-io-backlog.ts';

/** Where Engine.IO listens (both long polling and WebSocket). */
export const SOCKET_IO_PATH = '/socket.io/';

/**
 * Ping period. Engine.IO 4 pings from the server; 2 s instead of the default 25 s so that the
 * lesson's snippet sees a ping (`2`) and answers it (`3`) without a long wait.
 */
export const SOCKET_IO_PING_INTERVAL = 2000;

/** Options the course server may pass through. */
export interface SocketIoOptions {
  /** Largest message accepted, in bytes; keep it equal to the server's maxPayload. */
  maxPayload?: number;
  /** Bytes a session may hold unsent before it is cut; keep it equal to the server's maxBuffered. */
  maxBuffered?: number;
  /** Sustained events per second one client may emit (0: no limit), and the burst above it. */
  rateLimit?: number;
  rateBurst?: number;
  /** The server-wide budget of unsent bytes: told of every packet queued, and of every session. */
  budget?: SendBudget;
  /** Where room counts are summed across instances (REDIS_URL); the rooms themselves go through Socket.IO's Redis adapter. */
  shared?: SharedState;
}

/** Events a client may emit, and what they do. */
interface ClientEvents {
  /** Sends `text` back through the acknowledgement callback. */
  echo: (text: unknown, ack?: (reply: unknown) => void) => void;
  /** Joins a room (leaving the previous one); acknowledges with the room's member count. */
  join: (room: string, ack?: (count: number) => void) => void;
  /** Relays `text` to the other members of the sender's room as a `said` event. */
  say: (text: string) => void;
}

/** Events the server emits. */
interface ServerEvents {
  said: (message: { from: string; text: string }) => void;
}

/** Attaches Socket.IO to `httpServer` at SOCKET_IO_PATH and returns it (close it with the server). */
export function attachSocketIo(httpServer: HttpServer | HttpsServer, options: SocketIoOptions = {}): Server<ClientEvents, ServerEvents> {
  const { maxBuffered = 4 * 1024 * 1024, rateLimit = 0, rateBurst = 1 } = options;
  const io = new Server<ClientEvents, ServerEvents>(httpServer, {
    path: SOCKET_IO_PATH,
    serveClient: false,
    cors: { origin: true },
    pingInterval: SOCKET_IO_PING_INTERVAL,
    pingTimeout: 5000,
    maxHttpBufferSize: options.maxPayload ?? 1024 * 1024,
    // The course server answers every other upgrade itself: Engine.IO must not end those sockets.
    destroyUpgrade: false,
  });
  // Bounded at the Engine.IO level: a session buffers whether or not it joins a namespace.
  const budget = options.budget;
  const queued = budget ? (bytes: number) => budget.queued(bytes) : undefined;
  const sessions = new Set<EngineSession>();
  budget?.addSource(engineBacklogs(sessions));
  io.engine.on('connection', (session: EngineSession) => {
    boundPendingOutput(session, maxBuffered, queued);
    if (!budget) return;
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  io.on('connection', (socket) => {
    if (rateLimit > 0) {
      const bucket = { tokens: rateBurst, lastRefill: Date.now() };
      socket.use((_packet, next) => {
        // Same policy as the WebSocket routes: a flooding client is disconnected, others are not.
        if (takeToken(bucket, Date.now(), rateLimit, rateBurst)) next();
        else socket.disconnect(true);
      });
    }
    let room: string | undefined;
    // Members of a room on every instance: this one's count goes to the shared state, which sums.
    const count = async (name: string): Promise<number> => {
      const local = io.sockets.adapter.rooms.get(name)?.size ?? 0;
      return (await options.shared?.count('socket-io', name, local)) ?? local;
    };
    socket.on('disconnect', () => {
      if (room) void count(room);
    });
    socket.on('echo', (text, ack) => {
      if (typeof ack === 'function') ack(text);
    });
    socket.on('join', async (name, ack) => {
      if (typeof name !== 'string' || name.length === 0 || name.length > 64) return;
      if (room) {
        await socket.leave(room);
        void count(room);
      }
      room = name;
      await socket.join(name);
      const members = await count(name);
      if (typeof ack === 'function') ack(members);
    });
    socket.on('say', (text) => {
      if (room && typeof text === 'string') socket.to(room).emit('said', { from: socket.id, text });
    });
  });
  return io;
}
