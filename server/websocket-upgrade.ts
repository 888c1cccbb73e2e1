/**
 * The course's WebSocket door: answers each upgrade request for a lesson route (404, the
 * admission's refusal, the route's own refusal, or ws's handshake), then counts the open
 * connection until it closes. Socket.IO's upgrades never come here: Engine.IO answers them.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Admission } from './admission.ts';
import { clientAddress } from './client-address.ts';
import { Connection, CourseSocket, connectionOf, type ConnectionLimits } from './connection.ts';
import { refuseUpgrade } from './http-refusal.ts';
import type { Logger } from './log.ts';
import { REFUSAL } from './messages.fr.ts';
import type { Metrics } from './metrics.ts';
import type { ServerOptions } from './settings.ts';
import { parseRequestUrl } from './request-url.ts';
import { selectProtocol, type WebSocketRoute } from './routes/route.ts';
import type { Tracing } from './trace/tracing.ts';

/** What the door needs from the server around it. */
export interface WebSocketUpgradeDeps {
  options: Pick<ServerOptions, 'maxPayload' | 'trustProxy'> & ConnectionLimits;
  routes: ReadonlyMap<string, WebSocketRoute>;
  admission: Pick<Admission, 'check' | 'hold' | 'release' | 'refuseUpgrade'>;
  metrics: Pick<Metrics, 'opened' | 'closed' | 'rateLimited'>;
  log: Logger;
  /** Told the status of every refusal (metrics, logs). */
  refused: (status: number) => void;
  /** The open connections, which the door fills and empties (the heartbeat and metrics read it). */
  connections: Set<Connection>;
  /** Frame tracing (« Trames »): only connections that carry a channel's token are tapped. */
  tracing?: Pick<Tracing, 'claim'>;
}

/** The door of one server. */
export interface WebSocketUpgrade {
  /** Answers one upgrade request (the server's 'upgrade' listener, Socket.IO's path aside). */
  handle(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Resolves once no WebSocket is open. */
  drained(): Promise<void>;
}

/** Errors end in a close event, which is where connections are counted out. */
function ignoreError(): void {}

/**
 * A socket that fails before or during the upgrade is destroyed. A shared function rather
 * than a closure: the listener stays for the socket's life, and a closure would keep the
 * whole upgrade scope (request, headers, URL) alive with it, about 2 KB per connection.
 */
function destroySocket(this: Duplex): void {
  this.destroy();
}

/** Creates the door; connections it opens are added to deps.connections. */
export function createWebSocketUpgrade(deps: WebSocketUpgradeDeps): WebSocketUpgrade {
  const { options, routes, admission, metrics, log, refused, connections, tracing } = deps;
  const limits: ConnectionLimits = { maxBuffered: options.maxBuffered, rateLimit: options.rateLimit, rateBurst: options.rateBurst, budget: options.budget, rateLimited: metrics.rateLimited };
  const routeOf = new WeakMap<IncomingMessage, WebSocketRoute>();
  const wss = new WebSocketServer({
    WebSocket: CourseSocket,
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: options.maxPayload,
    handleProtocols: (offered, req) => selectProtocol(offered, routeOf.get(req)?.protocols),
  });
  let onEmpty: (() => void) | undefined;

  const refuse = (socket: Duplex, status: number, body: string): void => {
    refused(status);
    refuseUpgrade(socket, status, body);
  };

  /** Counts a new connection (admitted in this same tick: no other can take its slot); onClose forgets it. */
  const track = (ws: CourseSocket, route: string, ip: string, answer: WebSocketRoute['message']): Connection => {
    const conn = new Connection(ws, route, ip, limits, answer);
    connections.add(conn);
    admission.hold(ip);
    metrics.opened(route);
    ws.on('error', ignoreError);
    ws.on('close', onClose);
    return conn;
  };

  /** One close listener for every socket of this server (`this` is the socket), not one closure each. */
  function onClose(this: WebSocket, code: number): void {
    const conn = connectionOf(this);
    connections.delete(conn);
    admission.release(conn.ip);
    metrics.closed(conn, conn.serverCode || code);
    // Counts and codes only: never message contents, nor addresses.
    log.info(
      `close route=${conn.route} code=${conn.serverCode || code} by=${conn.serverCode ? 'server' : 'client'} ` +
        `in=${conn.messagesIn} out=${conn.messagesOut} bytesIn=${conn.bytesIn} bytesOut=${conn.bytesOut} ` +
        `ms=${Date.now() - conn.openedAt}`,
    );
    if (connections.size === 0) onEmpty?.();
  }

  return {
    handle(req, socket, head) {
      socket.on('error', destroySocket);
      // Before anything reads the URL: no route, log or lesson ever sees the trace token.
      const tap = tracing?.claim(req);
      const url = parseRequestUrl(req);
      if (!url) return refuse(socket, 400, REFUSAL.badRequest);
      const route = routes.get(url.pathname);
      if (!route) return refuse(socket, 404, REFUSAL.noRoute(url.pathname));
      const ip = clientAddress(req, options.trustProxy);
      const verdict = admission.check(req, ip, true);
      if (verdict) return admission.refuseUpgrade(socket, verdict, req);
      const refusal = route.refuse?.(req, url);
      if (refusal) return refuse(socket, refusal.status, refusal.body);
      routeOf.set(req, route);
      // handleUpgrade answers bad handshakes itself (400, 405) and calls back synchronously.
      wss.handleUpgrade(req, socket, head, (ws) => {
        // From here on, ws destroys the socket on error itself.
        socket.off('error', destroySocket);
        tap?.attach(socket, url.pathname);
        const conn = track(ws, url.pathname, ip, route.message);
        route.handle?.(ws, req, url, conn);
      });
    },
    drained() {
      return new Promise<void>((resolve) => {
        onEmpty = resolve;
        if (connections.size === 0) resolve();
      });
    },
  };
}
