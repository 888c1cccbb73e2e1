/** createServer: one HTTP(S) listener for the built course, its HTTP APIs and its WebSockets. */
import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { attachCourse, type CourseAttachment } from './attach-course.ts';
import { containListeners } from './containment.ts';
import { createLogger } from './log.ts';
import { STOPPED } from './messages.fr.ts';
import { DEFAULT_OPTIONS, type ServerOptions } from './settings.ts';
import { cutSilentSockets } from './silent-sockets.ts';
import { HSTS } from './security-headers.ts';
import { createStaticHandler } from './static-site.ts';

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
  const serveStatic = createStaticHandler(options.staticDir);
  let closing: Promise<void> | undefined;

  const tls = options.tlsCert !== '';
  const serverOptions: http.ServerOptions = {
    headersTimeout: options.handshakeTimeout,
    requestTimeout: options.handshakeTimeout * 3,
    // Node only looks for expired headersTimeout this often (30 s by default).
    connectionsCheckingInterval: Math.min(1000, options.handshakeTimeout),
  };
  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (!course.handleRequest(req, res)) serveStatic(req, res);
  };
  const server = tls
    ? https.createServer(
        // handshakeTimeout: a client that never finishes TLS is cut like one that never sends its headers (Node: 120 s).
        { ...serverOptions, handshakeTimeout: options.handshakeTimeout, cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) },
        onRequest,
      )
    : http.createServer(serverOptions, onRequest);

  // A hard ceiling on TCP sockets (pages and every admitted connection) well above the caps.
  server.maxConnections = options.maxConnections + 1000;
  cutSilentSockets(server, options.handshakeTimeout, tls);
  // Every request listener is attached: a throw in any of them costs one request.
  const log = createLogger(options.logLevel);
  containListeners(server, log, tls ? (_req, res) => res.setHeader('Strict-Transport-Security', HSTS) : undefined);
  // Alone on its port, the course refuses upgrades on unknown paths; its upgrade listener is contained by attachCourse.
  const course: CourseAttachment = attachCourse(server, options, { refuseUnknownUpgrades: true });

  async function shutdown(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await course.close();
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
      return course.connectionCount;
    },
    get admittedCount() {
      return course.admittedCount;
    },
    metrics: course.metrics,
  };
}
