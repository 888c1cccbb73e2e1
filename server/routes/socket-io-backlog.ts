/**
 * Engine.IO keeps what a session cannot send yet in its writeBuffer, without any limit, and
 * its WebSocket transport adds ws's own buffer: a Socket.IO client that never reads grew the
 * server by hundreds of megabytes. This bounds a session's pending output the way
 * MAX_BUFFERED bounds the course's own sockets: past the bound, that session alone is cut.
 */

/** The part of an Engine.IO session (engine.io's Socket) that the bound reads. */
export interface EngineSession {
  readonly transport: { readonly name: string; readonly socket?: { readonly bufferedAmount: number; terminate(): void } };
  on(event: 'packetCreate', listener: (packet: { data?: unknown }) => void): unknown;
  on(event: 'flush', listener: () => void): unknown;
  close(discard?: boolean): unknown;
}

/** Bytes a packet's payload holds: a string, a Buffer (binary attachment), or nothing (ping). */
function sizeOf(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  return (data as { byteLength?: number } | undefined)?.byteLength ?? 0;
}

/** Cuts `session` once its writeBuffer plus its WebSocket's bufferedAmount exceed maxBuffered bytes. */
export function boundPendingOutput(session: EngineSession, maxBuffered: number): void {
  // Bytes in the writeBuffer: counted as packets enter it, zeroed when Engine.IO hands the
  // whole buffer to the transport (then ws's bufferedAmount counts them).
  let queued = 0;
  session.on('flush', () => {
    queued = 0;
  });
  session.on('packetCreate', (packet) => {
    queued += sizeOf(packet.data);
    const transport = session.transport;
    const ws = transport.name === 'websocket' ? transport.socket : undefined;
    if (queued + (ws?.bufferedAmount ?? 0) <= maxBuffered) return;
    // Discard: an orderly close would wait behind the very backlog that the peer never reads.
    session.close(true);
    // ws would keep its buffer until its own 30 s close timeout; the peer reads nothing anyway.
    ws?.terminate();
  });
}
