/** createServer: one HTTP(S) listener for the built course, its HTTP APIs and its WebSockets. */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { createAdmission } from './admission.ts';
import { CLOSE, connectionBacklogs, type Connection } from './connection.ts';
import { containListeners } from './containment.ts';
import { startHeartbeat } from './heartbeat.ts';
import { createHttpEndpoints } from './http-endpoints.ts';
import { createLogger } from './log.ts';
import { SHUTDOWN_REASON, STOPPED } from './messages.fr.ts';
import { DEFAULT_OPTIONS, type ServerOptions } from './settings.ts';
import { createMetrics } from './metrics.ts';
import { parseRequestUrl } from './request-url.ts';
import { createRoutes } from './routes/index.ts';
import { cutSilentSockets } from './silent-sockets.ts';
import { HSTS } from './security-headers.ts';
import { SendBudget } from './send-budget.ts';
import { createStaticHandler } from './static-site.ts';
import { createUpdatesFeed } from './updates/feed.ts';
import { createUpdatesApi } from './updates/updates-api.ts';
import { attachSocketIo, SOCKET_IO_PATH } from './routes/socket-io.ts';
import { createWebSocketUpgrade } from './websocket-upgrade.ts';

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
  /** Long-lived connections of every kind open right now (what the caps count). */
  readonly admittedCount: number;
  /** The server's own Prometheus registry (what GET /metrics shows). */
  readonly metrics: Registry;
}

/** Creates the server; every option not given takes its documented default. */
export function createServer(overrides: Partial<ServerOptions> = {}): CourseServer {
  const options: ServerOptions = { ...DEFAULT_OPTIONS, ...overrides };
  const log = createLogger(options.logLevel);
  const feed = createUpdatesFeed(options.updatesInterval);
  const routes = createRoutes(feed);
  const serveStatic = createStaticHandler(options.staticDir);
  const connections = new Set<Connection>();
  const startedAt = Date.now();
  const metrics = createMetrics(connections);
  const refused = (status: number): void => {
    metrics.refused(status);
    log.debug(`refused status=${status}`);
  };
  const budget = new SendBudget(options.maxBufferedTotal);
  budget.addSource(connectionBacklogs(connections));
  const admission = createAdmission(options, refused, () => budget.overTotal());
  const updatesApi = createUpdatesApi(feed, admission);
  const upgrades = createWebSocketUpgrade({ options: { ...options, budget }, routes, admission, metrics, log, refused, connections });
  let closing: Promise<void> | undefined;

  const tls = options.tlsCert !== '';
  const serverOptions: http.ServerOptions = {
    headersTimeout: options.handshakeTimeout,
    requestTimeout: options.handshakeTimeout * 3,
    // Node only looks for expired headersTimeout this often (30 s by default).
    connectionsCheckingInterval: Math.min(1000, options.handshakeTimeout),
  };
  const endpoints = createHttpEndpoints({
    stopping: () => closing !== undefined,
    connections: () => connections.size,
    startedAt,
    registry: metrics.registry,
    trustProxy: options.trustProxy,
    publicMetrics: options.publicMetrics,
    isWebSocketPath: (pathname) => routes.has(pathname),
  });
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = parseRequestUrl(req);
    if (!url) return void res.writeHead(400).end();
    if (endpoints(req, res, url.pathname)) return;
    if (updatesApi.handle(req, res, url)) return;
    serveStatic(req, res);
  };
  const server = tls
    ? https.createServer(
        // handshakeTimeout: a client that never finishes TLS is cut like one that never sends its headers (Node: 120 s).
        { ...serverOptions, handshakeTimeout: options.handshakeTimeout, cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) },
        onRequest,
      )
    : http.createServer(serverOptions, onRequest);

  // The « Socket.IO » lesson's endpoint; Engine.IO answers its own requests and upgrades.
  const io = attachSocketIo(server, { ...options, budget });
  admission.admitEngine(io.engine);

  // A hard ceiling on TCP sockets (pages and every admitted connection) well above the caps.
  server.maxConnections = options.maxConnections + 1000;
  cutSilentSockets(server, options.handshakeTimeout, tls);
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    // Engine.IO answers its own upgrades.
    if (!(req.url ?? '').startsWith(SOCKET_IO_PATH)) upgrades.handle(req, socket, head);
  });

  // Last, once Engine.IO and our upgrade listener are attached: a throw in any of them costs one request.
  containListeners(server, log, tls ? (_req, res) => res.setHeader('Strict-Transport-Security', HSTS) : undefined);

  const stopHeartbeat = startHeartbeat(connections, options.heartbeatInterval, options.idleTimeout);

  async function shutdown(): Promise<void> {
    admission.stop();
    stopHeartbeat();
    budget.close();
    feed.close();
    updatesApi.close();
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const drained = upgrades.drained();
    for (const conn of connections) conn.close(CLOSE.GOING_AWAY, SHUTDOWN_REASON);
    io.disconnectSockets(true);
    io.engine.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, options.shutdownGrace)))]);
    clearTimeout(timer);
    for (const conn of connections) conn.drop();
    server.closeAllConnections();
    await stopped;
    log.info(STOPPED);
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
    get admittedCount() {
      return admission.size;
    },
    metrics: metrics.registry,
  };
}
