/**
 * /handshake: on open, sends one JSON message describing the handshake as the server saw it:
 * `{"type":"handshake","request":{"method","url","httpVersion","headers"},"response":{"status":101,
 * "headers":{"Upgrade","Connection","Sec-WebSocket-Accept","Sec-WebSocket-Protocol"?}}}`,
 * then echoes. Request headers keep the client's spelling; Cookie and Authorization are
 * masked so that page scripts cannot read HttpOnly cookies through this echo.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocketRoute } from './route.ts';

/** The fixed GUID of RFC 6455 §1.3. */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key: base64(sha1(key + GUID)). */
export function acceptFor(key: string): string {
  return createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
}

const MASKED = new Set(['cookie', 'authorization', 'proxy-authorization']);

/** The request headers as sent (original case, repeated ones joined), secrets masked. */
function requestHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    const value = MASKED.has(name.toLowerCase()) ? '(masqué)' : raw[i + 1];
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** The handshake-inspection demo endpoint; speaks `json` and `chat` like /echo to show selection. */
export const handshakeRoute: WebSocketRoute = {
  protocols: ['json', 'chat'],
  handle(ws, req, _url, channel) {
    const response: Record<string, string> = {
      Upgrade: 'websocket',
      Connection: 'Upgrade',
      'Sec-WebSocket-Accept': acceptFor(String(req.headers['sec-websocket-key'])),
    };
    if (ws.protocol) response['Sec-WebSocket-Protocol'] = ws.protocol;
    const request = { method: req.method, url: req.url, httpVersion: req.httpVersion, headers: requestHeaders(req) };
    channel.send(JSON.stringify({ type: 'handshake', request, response: { status: 101, headers: response } }), false);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      channel.send(data, isBinary);
    });
  },
};
