/**
 * attachCourse: everything the course adds to an HTTP server that already exists (its HTTP APIs,
 * its WebSockets, Socket.IO, admission, heartbeat), without creating, serving files or listening.
 * createServer mounts it on its own listener; `npm run dev` mounts it on Vite's (src/build/dev-course.ts).
 */
import * as http from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Registry } from 'prom-client';
import { createAdmission, type RefusalReason } from './admission.ts';
import { CLOSE, connectionBacklogs, type Connection } from './connection.ts';
import { containUpgrade } from './containment.ts';
import { startHeartbeat } from './heartbeat.ts';
import { createHttpEndpoints } from './http-endpoints.ts';
import { createInstructorView } from './instructor/instructor-view.ts';
import { createLogger } from './log.ts';
import { SHUTDOWN_REASON } from './messages.fr.ts';
import { createMetrics } from './metrics.ts';
import { parseRequestUrl } from './request-url.ts';
import { createRoutes } from './routes/index.ts';
import { createSharedState } from './shared/create-shared-state.ts';
import { shareCaps } from './shared/shared-caps.ts';
import { registerSharedMetrics } from './shared/shared-metrics.ts';
import { shareSocketIoRooms } from './shared/socket-io-adapter.ts';
import { attachSocketIo, SOCKET_IO_PATH } from './routes/socket-io.ts';
import { SendBudget } from './send-budget.ts';
import type { ServerOptions } from './settings.ts';
import { createUpdatesFeed } from './updates/feed.ts';
import { createUpdatesApi } from './updates/updates-api.ts';
import { createTracing, TRACE_PATH } from './trace/tracing.ts';
import { createWebSocketUpgrade } from './websocket-upgrade.ts';

/** Longest wait, after cutting the last stragglers at shutdown, for their close events. */
const DRAIN_AFTER_DROP_MS = 1000;

/** How the course shares its server. */
export interface AttachOptions {
  /**
   * Answer 404 to an upgrade on a path the course does not serve (its own server), or leave it
   * to the server's other upgrade listeners (Vite's dev server, whose HMR socket shares the port).
   */
  refuseUnknownUpgrades: boolean;
}

/** The course mounted on a server. */
export interface CourseAttachment {
  /** Answers healthz, metrics, the lab's HTTP API, Socket.IO's long polling and 426 on WebSocket paths; false for any other request. */
  handleRequest(req: http.IncomingMessage, res: http.ServerResponse): boolean;
  /** Closes every WebSocket with 1001, cuts stragglers after shutdownGrace, and leaves the server's listeners as they were. */
  close(): Promise<void>;
  /** Open WebSockets right now. */
  readonly connectionCount: number;
  /** Long-lived connections of every kind open right now (what the caps count). */
  readonly admittedCount: number;
  /** The course's own Prometheus registry (what GET /metrics shows). */
  readonly metrics: Registry;
}

/** Mounts the course's endpoints on `server`; its upgrade listener is contained (a throw costs one upgrade). */
export function attachCourse(server: http.Server | HttpsServer, options: ServerOptions, attach: AttachOptions): CourseAttachment {
  const log = createLogger(options.logLevel);
  const shared = createSharedState(options, log);
  const feed = createUpdatesFeed(options.updatesInterval, shared);
  const routes = createRoutes(feed, shared);
  const tracing = createTracing(options.maxBuffered);
  routes.set(TRACE_PATH, tracing.route);
  const connections = new Set<Connection>();
  const startedAt = Date.now();
  const metrics = createMetrics(connections);
  registerSharedMetrics(metrics.registry, shared);
  const refused = (status: number, reason?: RefusalReason): void => {
    metrics.refused(status, reason);
    log.debug(`refused status=${status}`);
  };
  const budget = new SendBudget(options.maxBufferedTotal);
  budget.addSource(connectionBacklogs(connections));
  const admission = createAdmission(options, refused, () => budget.overTotal());
  const stopSharingCaps = shareCaps(admission, shared, options.redisKeyTtl);
  const updatesApi = createUpdatesApi(feed, admission);
  const upgrades = createWebSocketUpgrade({ options: { ...options, budget }, routes, admission, metrics, log, refused, connections, tracing });
  let closing: Promise<void> | undefined;
  const instructor = createInstructorView({
    token: options.instructorToken,
    tls: options.tlsCert !== '',
    trustProxy: options.trustProxy,
    shared,
    source: { read: metrics.read, admitted: () => admission.size },
    log,
  });

  const endpoints = createHttpEndpoints({
    stopping: () => closing !== undefined,
    connections: () => connections.size,
    startedAt,
    registry: metrics.registry,
    trustProxy: options.trustProxy,
    publicMetrics: options.publicMetrics,
    isWebSocketPath: (pathname) => routes.has(pathname),
    redis: () => shared.status,
  });

  // The « Socket.IO » lesson's endpoint. Engine.IO rewires the request listeners of the server it
  // is given, so it gets a private one that never listens: the course hands it its requests, and a
  // shared server (Vite's) keeps its own listeners untouched, across remounts too.
  const engineDoor = http.createServer();
  const io = attachSocketIo(engineDoor, { ...options, budget, shared });
  shareSocketIoRooms(io, shared).catch((error: Error) => log.error(`socket.io redis adapter: ${error.message}`));
  admission.admitEngine(io.engine);
  const isSocketIo = (req: http.IncomingMessage): boolean => (req.url ?? '').startsWith(SOCKET_IO_PATH);

  const onUpgrade = containUpgrade((req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isSocketIo(req)) return void engineDoor.emit('upgrade', req, socket, head);
    const url = parseRequestUrl(req);
    if (url && instructor?.handleUpgrade(req, socket, head, url)) return;
    if (!attach.refuseUnknownUpgrades && (!url || !routes.has(url.pathname))) return;
    upgrades.handle(req, socket, head);
  }, log);
  server.on('upgrade', onUpgrade);

  const stopHeartbeat = startHeartbeat(connections, options.heartbeatInterval, options.idleTimeout);

  async function shutdown(): Promise<void> {
    admission.stop();
    instructor?.close();
    stopHeartbeat();
    budget.close();
    feed.close();
    updatesApi.close();
    const drained = upgrades.drained();
    for (const conn of connections) conn.close(CLOSE.GOING_AWAY, SHUTDOWN_REASON);
    io.disconnectSockets(true);
    io.engine.close();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, options.shutdownGrace)))]);
    clearTimeout(timer);
    for (const conn of connections) conn.drop();
    // Their close listeners run (a chat member's leave reaches the other instances) before the
    // shared state closes; bounded, as a dropped socket closes within a few ticks.
    await Promise.race([drained, new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_AFTER_DROP_MS)))]);
    clearTimeout(timer);
    server.off('upgrade', onUpgrade);
    stopSharingCaps();
    await shared.close();
  }

  return {
    handleRequest(req, res) {
      if (isSocketIo(req)) return engineDoor.emit('request', req, res);
      const url = parseRequestUrl(req);
      if (!url) {
        res.writeHead(400).end();
        return true;
      }
      return endpoints(req, res, url.pathname) || updatesApi.handle(req, res, url) || (instructor?.handleRequest(req, res, url) ?? false);
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
