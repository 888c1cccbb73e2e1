/** A raw WebSocket client on node:net, to send what a well-behaved client never would. */
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { decodeFrame, encodeFrame, OPCODES, type DecodedFrame } from './frames.ts';

/** Opcodes of RFC 6455 §5.2, under the short names the server tests use (values from frames.ts). */
export const OP = {
  CONT: OPCODES.continuation,
  TEXT: OPCODES.text,
  BINARY: OPCODES.binary,
  CLOSE: OPCODES.close,
  PING: OPCODES.ping,
  PONG: OPCODES.pong,
} as const;

/** Builds one frame with frames.ts's encoder; by default final, masked with a random key and without RSV bits. */
export function frame(opcode: number, payload: Buffer | string, opts: { fin?: boolean; mask?: boolean; rsv?: number } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const { fin = true, mask = true, rsv = 0 } = opts;
  return Buffer.from(encodeFrame({ fin, rsv, opcode, payload: data, mask: mask ? randomBytes(4) : undefined }));
}

/** A close frame payload: 2-byte code then reason. */
export function closePayload(code: number, reason = ''): Buffer {
  const buf = Buffer.alloc(2 + Buffer.byteLength(reason));
  buf.writeUInt16BE(code, 0);
  buf.write(reason, 2);
  return buf;
}

/** Opens a TCP socket to port, closed after the file's tests. */
export async function tcp(port: number, localAddress?: string): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1', localAddress });
  after(() => socket.destroy());
  await once(socket, 'connect');
  return socket;
}

/** Sends raw request text and resolves with the status line's code and everything after the head. */
export async function request(socket: Socket, text: string): Promise<{ status: number; head: string; rest: Buffer }> {
  socket.write(text);
  let buf = Buffer.alloc(0);
  for (;;) {
    const end = buf.indexOf('\r\n\r\n');
    if (end >= 0) {
      const head = buf.subarray(0, end).toString();
      return { status: Number(head.split(' ')[1]), head, rest: buf.subarray(end + 4) };
    }
    const chunk = await new Promise<Buffer | null>((resolve) => {
      socket.once('data', resolve);
      socket.once('close', () => resolve(null));
    });
    if (!chunk) return { status: 0, head: '', rest: buf };
    buf = Buffer.concat([buf, chunk]);
  }
}

/** A valid upgrade request for path. */
export function upgradeRequest(path: string, extra = ''): string {
  return `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`;
}

/** Opens a raw WebSocket on path and returns the socket positioned after the 101. */
export async function rawWebSocket(port: number, path = '/echo'): Promise<Socket> {
  const socket = await tcp(port);
  const { status, rest } = await request(socket, upgradeRequest(path));
  if (status !== 101) throw new Error(`expected 101, got ${status}`);
  if (rest.length) socket.unshift(rest);
  return socket;
}

/** Reads the frames a peer sends on `socket`, one at a time; `'end'` once it hung up without more. */
export function frameReader(socket: Socket, initial: Buffer = Buffer.alloc(0)): () => Promise<DecodedFrame | 'end'> {
  let buffer = initial;
  let ended = false;
  let wake = () => {};
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake();
  });
  socket.once('close', () => {
    ended = true;
    wake();
  });
  socket.on('error', () => {});
  socket.resume();
  return async () => {
    for (;;) {
      const decoded = decodeFrame(buffer);
      if (decoded) {
        buffer = buffer.subarray(decoded.frameLength);
        return decoded;
      }
      if (ended) return 'end';
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
}

/** The code a close frame carries (1005 when it carries none). */
export function closeCodeOf(decoded: DecodedFrame): number {
  return decoded.payload.length >= 2 ? Buffer.from(decoded.payload).readUInt16BE(0) : 1005;
}

/** Resolves with the code of the peer's close frame, or 0 if the connection ends without one. */
export async function closeCodeFrom(socket: Socket): Promise<number> {
  const next = frameReader(socket);
  for (;;) {
    const decoded = await next();
    if (decoded === 'end') return 0;
    if (decoded.opcode === OPCODES.close) {
      socket.destroy();
      return closeCodeOf(decoded);
    }
  }
}
