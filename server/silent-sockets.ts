/**
 * Node times out a request whose headers come too slowly, but not a TCP connection that never
 * sends a byte: one address could hold thousands of silent sockets until server.maxConnections
 * turns everyone else away. Such a socket is cut after handshakeTimeout, like a slow request.
 */
import type { Server as HttpServer, IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/** Arms an inactivity timeout on each new connection, disarmed by its first request. */
export function cutSilentSockets(server: HttpServer | HttpsServer, timeoutMs: number, tls: boolean): void {
  // Over TLS the handshake has its own timeout (https handshakeTimeout); the clock for a
  // request then starts on the secure socket that HTTP reads.
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    // No callback: on 'timeout', Node's HTTP server destroys a socket nobody else listens for.
    socket.setTimeout(timeoutMs);
  });
  // A request has begun: from now on its own limits apply (headersTimeout, requestTimeout,
  // keepAliveTimeout between requests), and a long poll may stay quiet for longer.
  server.on('request', (req: IncomingMessage) => req.socket.setTimeout(0));
}
