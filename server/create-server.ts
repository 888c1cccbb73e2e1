/** createServer: one HTTP(S) listener for the built course, its HTTP APIs and its WebSockets. */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientAddress } from './client-address.ts';
import { CLOSE, Connection, CourseSocket, connectionBacklogs, connectionOf } from './connection.ts';
import { refuseUpgrade } from './http-refusal.ts';
import { createLogger } from './log.ts';
import type { ServerOptions } from './options.ts';
import { DEFAULT_OPTIONS } from './settings.ts';
import { createMetrics } from './metrics.ts';
import { isOriginAllowed } from './origin-policy.ts';
import { createRoutes } from './routes/index.ts';
import { SendBudget } from './send-budget.ts';
import { selectProtocol, type Refusal, type WebSocketRoute } from './routes/route.ts';
import { createStaticHandler } from './static-site.ts';
import { createUpdatesFeed } from './updates/feed.ts';
import { createUpdatesApi } from './updates/updates-api.ts';
import { attachSocketIo, SOCKET_IO_PATH } from '../server-extras/socket-io.ts';

/** Where a started server can be reached. */
export interface ListenResult {
  port: number;
  host: string;
  /** Base URL of the course, e.g. http://localhost:8080/ */
  url: string;
}

/** A course server, not listening until listen() is called. */
export interface CourseServer {
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<ListenResult>;
  /** Stops accepting, closes every WebSocket with 1001, cuts stragglers after shutdownGrace. */
  close(): Promise<void>;
  /** Open WebSockets right now. */
  readonly connectionCount: number;
  /** The server's own Prometheus registry (what GET /metrics shows). */
  readonly metrics: Registry;
}

/** The request target as a URL; concatenated so that `//x` stays a path, not a host. */
function parseRequestUrl(req: http.IncomingMessage): URL | undefined {
  try {
    return new URL(`http://localhost${req.url ?? '/'}`);
  } catch {
    return undefined;
  }
}

const SHUTDOWN_REASON = "Le serveur s'arrête";

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

/** Creates the server; every option not given takes its documented default. */
export function createServer(overrides: Partial<ServerOptions> = {}): CourseServer {
  const options: ServerOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const log = createLogger(options.logLevel);
  const feed = createUpdatesFeed(options.updatesInterval);
  const updatesApi = createUpdatesApi(feed);
  const routes = createRoutes(feed);
  const serveStatic = createStaticHandler(options.staticDir);
  const connections = new Set<Connection>();
  const perIp = new Map<string, number>();
  const startedAt = Date.now();
  const metrics = createMetrics(connections);
  let closing: Promise<void> | undefined;
  let onEmpty: (() => void) | undefined;

  const budget = new SendBudget(options.maxBufferedTotal);
  budget.addSource(connectionBacklogs(connections));
  const limits = { maxBuffered: options.maxBuffered, rateLimit: options.rateLimit, rateBurst: options.rateBurst, budget };
  const routeOf = new WeakMap<http.IncomingMessage, WebSocketRoute>();
  const wss = new WebSocketServer({
    WebSocket: CourseSocket,
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: options.maxPayload,
    handleProtocols: (offered, req) => selectProtocol(offered, routeOf.get(req)?.protocols),
  });

  const tls = options.tlsCert !== '';
  const serverOptions: http.ServerOptions = {
    headersTimeout: options.handshakeTimeout,
    requestTimeout: options.handshakeTimeout * 3,
    // Node only looks for expired headersTimeout this often (30 s by default).
    connectionsCheckingInterval: Math.min(1000, options.handshakeTimeout),
  };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = parseRequestUrl(req);
    if (!url) return void res.writeHead(400).end();
    if (url.pathname === '/healthz') {
      const body = { status: closing ? 'stopping' : 'ok', connections: connections.size, uptime: Math.round((Date.now() - startedAt) / 1000) };
      res.writeHead(closing ? 503 : 200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      return void res.end(JSON.stringify(body));
    }
    if (url.pathname === '/metrics') {
      metrics.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(text),
        () => res.writeHead(500).end(),
      );
      return;
    }
    if (updatesApi.handle(req, res, url)) return;
    if (routes.has(url.pathname)) {
      res.writeHead(426, { Upgrade: 'websocket', Connection: 'Upgrade', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Ce point d’accès attend une connexion WebSocket.\n');
      return;
    }
    serveStatic(req, res);
  };
  const server = tls
    ? https.createServer({ ...serverOptions, cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) }, onRequest)
    : http.createServer(serverOptions, onRequest);

  /** Open Socket.IO sessions: they hold sockets too, so they count against the same caps. */
  let socketIoSessions = 0;
  const holdIp = (ip: string): void => void perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
  const releaseIp = (ip: string): void => {
    const left = (perIp.get(ip) ?? 1) - 1;
    if (left === 0) perIp.delete(ip);
    else perIp.set(ip, left);
  };
  /** Why one more connection from `ip` would break a cap (WebSockets and Socket.IO count together). */
  const overCap = (ip: string): Refusal | undefined => {
    if (budget.overTotal()) return { status: 503, body: 'Serveur saturé : trop de données en attente d’envoi.' };
    if (connections.size + socketIoSessions >= options.maxConnections) return { status: 503, body: 'Trop de connexions sur ce serveur.' };
    if ((perIp.get(ip) ?? 0) >= options.maxConnectionsPerIp) return { status: 429, body: 'Trop de connexions depuis votre adresse.' };
    return undefined;
  };
  // The « Socket.IO » lesson's endpoint; Engine.IO answers its own requests and upgrades.
  const io = attachSocketIo(server, {
    maxPayload: options.maxPayload,
    rateLimit: options.rateLimit,
    rateBurst: options.rateBurst,
    refuse(req) {
      if (closing) return "Le serveur s'arrête.";
      if (!isOriginAllowed(req, options.allowedOrigins, options.trustProxy)) return `Origine refusée : ${req.headers.origin}.`;
      return overCap(clientAddress(req, options.trustProxy))?.body;
    },
    track(req) {
      const ip = clientAddress(req, options.trustProxy);
      socketIoSessions++;
      holdIp(ip);
      return () => {
        socketIoSessions--;
        releaseIp(ip);
      };
    },
  });

  // A hard ceiling on TCP sockets (pages, SSE, WebSockets) well above the WebSocket cap.
  server.maxConnections = options.maxConnections + 1000;
  const refuse = (socket: Duplex, status: number, body: string, headers?: Record<string, string>): void => {
    metrics.refused(status);
    log.debug(`refused status=${status}`);
    refuseUpgrade(socket, status, body, headers);
  };

  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').startsWith(SOCKET_IO_PATH)) return;
    socket.on('error', destroySocket);
    if (closing) return refuse(socket, 503, "Le serveur s'arrête.");
    const url = parseRequestUrl(req);
    if (!url) return refuse(socket, 400, 'Requête invalide.');
    const route = routes.get(url.pathname);
    if (!route) return refuse(socket, 404, `Aucun point d’accès WebSocket à ${url.pathname}.`);
    if (!isOriginAllowed(req, options.allowedOrigins, options.trustProxy)) {
      return refuse(socket, 403, `Origine refusée : ${req.headers.origin}. Voir --allowed-origins.`);
    }
    const ip = clientAddress(req, options.trustProxy);
    const capped = overCap(ip);
    if (capped) return refuse(socket, capped.status, capped.body, { 'Retry-After': '10' });
    const refusal = route.refuse?.(req, url);
    if (refusal) return refuse(socket, refusal.status, refusal.body);
    routeOf.set(req, route);
    // handleUpgrade answers bad handshakes itself (400, 405) and calls back synchronously.
    wss.handleUpgrade(req, socket, head, (ws) => {
      // From here on, ws destroys the socket on error itself.
      socket.off('error', destroySocket);
      const conn = track(ws, url.pathname, ip, route.message);
      route.handle?.(ws, req, url, conn);
    });
  });

  /** Counts a new connection; onClose forgets it. */
  function track(ws: CourseSocket, route: string, ip: string, answer: WebSocketRoute['message']): Connection {
    const conn = new Connection(ws, route, ip, limits, answer);
    connections.add(conn);
    holdIp(ip);
    metrics.opened(route);
    ws.on('error', ignoreError);
    ws.on('close', onClose);
    return conn;
  }

  /** One close listener for every socket of this server (`this` is the socket), not one closure each. */
  function onClose(this: WebSocket, code: number): void {
    const conn = connectionOf(this);
    connections.delete(conn);
    releaseIp(conn.ip);
    metrics.closed(conn, conn.serverCode || code);
    // Counts and codes only: never message contents, nor addresses.
    log.info(
      `close route=${conn.route} code=${conn.serverCode || code} by=${conn.serverCode ? 'server' : 'client'} ` +
        `in=${conn.messagesIn} out=${conn.messagesOut} bytesIn=${conn.bytesIn} bytesOut=${conn.bytesOut} ` +
        `ms=${Date.now() - conn.openedAt}`,
    );
    if (connections.size === 0) onEmpty?.();
  }

  const heartbeat = setInterval(() => {
    const now = Date.now();
    for (const conn of connections) {
      if (!conn.alive) {
        conn.drop();
        continue;
      }
      if (options.idleTimeout > 0 && now - conn.lastActive > options.idleTimeout) {
        conn.close(CLOSE.GOING_AWAY, 'Inactivité trop longue');
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, options.heartbeatInterval);
  heartbeat.unref();

  async function shutdown(): Promise<void> {
    clearInterval(heartbeat);
    budget.close();
    feed.close();
    updatesApi.close();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = new Promise<void>((resolve) => {
      onEmpty = resolve;
      if (connections.size === 0) resolve();
    });
    for (const conn of connections) conn.close(CLOSE.GOING_AWAY, SHUTDOWN_REASON);
    io.disconnectSockets(true);
    io.engine.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, options.shutdownGrace)))]);
    clearTimeout(timer);
    for (const conn of connections) conn.drop();
    server.closeAllConnections();
    await stopped;
    log.info('arrêt terminé');
  }

  return {
    listen() {
      return new Promise<ListenResult>((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          const shown = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
          const name = shown.includes(':') ? `[${shown}]` : shown;
          resolve({ port, host: options.host, url: `${tls ? 'https' : 'http'}://${name}:${port}/` });
        });
      });
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
    get connectionCount() {
      return connections.size;
    },
    metrics: metrics.registry,
  };
}
