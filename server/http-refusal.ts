/** Answers an upgrade request with a plain HTTP error on the raw socket, then closes it. */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

/** Writes a short text response with `status` and destroys the socket once it is flushed. */
export function refuseUpgrade(socket: Duplex, status: number, body: string, headers: Record<string, string> = {}): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const text = body.endsWith('\n') ? body : `${body}\n`;
  let head =
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\n` +
    'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(text)}\r\n`;
  for (const name in headers) head += `${name}: ${headers[name]}\r\n`;
  socket.once('finish', () => socket.destroy());
  socket.end(`${head}\r\n${text}`);
}
