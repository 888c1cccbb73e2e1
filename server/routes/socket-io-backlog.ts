/**
 * Engine.IO keeps what a session cannot send yet in its writeBuffer, without any limit, and
 * its WebSocket transport adds ws's own buffer: a Socket.IO client that never reads grew the
 * server by hundreds of megabytes. This bounds a session's pending output the way
 * MAX_BUFFERED bounds the course's own sockets: past the bound, that session alone is cut.
 */
import type { BacklogSource } from '../send-budget.ts';

/** The part of an Engine.IO session (engine.io's Socket) that the bound reads. */
export interface EngineSession {
  readonly readyState: string;
  readonly writeBuffer: readonly { data?: unknown }[];
  readonly transport: { readonly name: string; readonly socket?: { readonly bufferedAmount: number; terminate(): void } };
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
  close(discard?: boolean): unknown;
}

/** Bytes a packet's payload holds: a string, a Buffer (binary attachment), or nothing (ping). */
function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  return (data as { byteLength?: number } | undefined)?.byteLength ?? 0;
}

/** The bytes of a session's WebSocket transport not yet written to the network (0 when polling). */
function socketBacklog(session: EngineSession): number {
  return session.transport.name === 'websocket' ? (session.transport.socket?.bufferedAmount ?? 0) : 0;
}

/** Ends a session at once, discarding what it could not send. */
function cut(session: EngineSession): void {
  // Discard: an orderly close would wait behind the very backlog that the peer never reads.
  session.close(true);
  // ws would keep its buffer until its own 30 s close timeout; the peer reads nothing anyway.
  if (session.transport.name === 'websocket') session.transport.socket?.terminate();
}

/**
 * The server's Socket.IO sessions as one source of the server-wide budget of unsent bytes
 * (send-budget.ts): summed only when the budget measures, shed largest first past it.
 */
export function engineBacklogs(sessions: ReadonlySet<EngineSession>): BacklogSource<EngineSession> {
  return {
    peers: () => sessions,
    pending: (session) => session.writeBuffer.reduce((sum, packet) => sum + sizeOf(packet.data), 0) + socketBacklog(session),
    open: (session) => session.readyState === 'open',
    shed: cut,
  };
}

/**
 * Cuts `session` once its writeBuffer plus its WebSocket's bufferedAmount exceed maxBuffered
 * bytes; `queued` is told the size of every packet (the server-wide budget counts them).
 */
export function boundPendingOutput(session: EngineSession, maxBuffered: number, queued: (bytes: number) => void = () => {}): void {
  // Bytes in the writeBuffer: counted as packets enter it, zeroed when Engine.IO hands the
  // whole buffer to the transport (then ws's bufferedAmount counts them).
  let pendingBytes = 0;
  session.on('flush', () => {
    pendingBytes = 0;
  });
  session.on('packetCreate', (packet) => {
    const size = sizeOf(packet.data);
    queued(size);
    pendingBytes += size;
    if (pendingBytes + socketBacklog(session) > maxBuffered) cut(session);
  });
}
