/** A raw WebSocket client on node:net, to send what a well-behaved client never would. */
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';

/** Opcodes of RFC 6455 §5.2. */
export const OP = { CONT: 0x0, TEXT: 0x1, BINARY: 0x2, CLOSE: 0x8, PING: 0x9, PONG: 0xa } as const;

/** Builds one frame; by default final, masked and without RSV bits. */
export function frame(opcode: number, payload: Buffer | string, opts: { fin?: boolean; mask?: boolean; rsv?: number } = {}): Buffer {
  const data = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const { fin = true, mask = true, rsv = 0 } = opts;
  const len = data.length;
  const head = Buffer.alloc(2 + (len > 65535 ? 8 : len > 125 ? 2 : 0) + (mask ? 4 : 0));
  head[0] = (fin ? 0x80 : 0) | (rsv << 4) | opcode;
  let offset = 2;
  if (len > 65535) {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
    offset = 10;
  } else if (len > 125) {
    head[1] = 126;
    head.writeUInt16BE(len, 2);
    offset = 4;
  } else head[1] = len;
  if (!mask) return Buffer.concat([head, data]);
  head[1] |= 0x80;
  const key = randomBytes(4);
  key.copy(head, offset);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = data[i] ^ key[i & 3];
  return Buffer.concat([head, masked]);
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

/** Resolves with the code of the server's close frame, or 0 if the connection ends without one. */
export function closeCodeFrom(socket: Socket): Promise<number> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const scan = (): number | undefined => {
      // Walk the frames the server sent (unmasked) looking for a close frame.
      let i = 0;
      while (i + 2 <= buf.length) {
        const opcode = buf[i] & 0x0f;
        let len = buf[i + 1] & 0x7f;
        let offset = i + 2;
        if (len === 126) {
          if (buf.length < offset + 2) return undefined;
          len = buf.readUInt16BE(offset);
          offset += 2;
        } else if (len === 127) {
          if (buf.length < offset + 8) return undefined;
          len = Number(buf.readBigUInt64BE(offset));
          offset += 8;
        }
        if (buf.length < offset + len) return undefined;
        if (opcode === OP.CLOSE) return len >= 2 ? buf.readUInt16BE(offset) : 1005;
        i = offset + len;
      }
      return undefined;
    };
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const code = scan();
      if (code !== undefined) {
        socket.destroy();
        resolve(code);
      }
    });
    socket.once('close', () => resolve(0));
    socket.resume();
  });
}
