/** The server's own plain HTTP answers: /healthz, /metrics, and 426 on a WebSocket path. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { clientAddress } from './client-address.ts';

/** What the endpoints read from the running server. */
export interface EndpointState {
  /** True once close() has begun. */
  stopping(): boolean;
  /** Open WebSockets right now. */
  connections(): number;
  /** When the server was created (Date.now()). */
  startedAt: number;
  /** The server's Prometheus registry. */
  registry: Registry;
  /** Believe X-Forwarded-For (the client address /metrics is checked against). */
  trustProxy: boolean;
  /** Answer /metrics to every address, not only loopback ones. */
  publicMetrics: boolean;
  /** True for paths that only WebSockets are served on. */
  isWebSocketPath(pathname: string): boolean;
  /** Redis as this instance sees it: off (REDIS_URL unset), up, or down (still serving, rooms local). */
  redis(): 'off' | 'up' | 'down';
}

/** True for 127.0.0.0/8 and ::1 (IPv4-mapped forms are already unwrapped by clientAddress). */
export function isLoopback(address: string): boolean {
  return address === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Answers the request and returns true when `pathname` is one of these endpoints. */
export function createHttpEndpoints(state: EndpointState): (req: IncomingMessage, res: ServerResponse, pathname: string) => boolean {
  return (req, res, pathname) => {
    if (pathname === '/healthz') {
      const stopping = state.stopping();
      const body = { status: stopping ? 'stopping' : 'ok', connections: state.connections(), uptime: Math.round((Date.now() - state.startedAt) / 1000), redis: state.redis() };
      res.writeHead(stopping ? 503 : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
      return true;
    }
    if (pathname === '/metrics') {
      // Anyone else gets the site's ordinary 404: nothing says the endpoint exists.
      if (!state.publicMetrics && !isLoopback(clientAddress(req, state.trustProxy))) return false;
      state.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': state.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
        () => res.writeHead(500).end(),
      );
      return true;
    }
    if (state.isWebSocketPath(pathname)) {
      res.writeHead(426, { Upgrade: 'websocket', Connection: 'Upgrade', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ce point d’accès attend une connexion WebSocket.\n');
      return true;
    }
    return false;
  };
}
