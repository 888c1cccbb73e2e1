/** Everything createServer can be told; main.ts fills it from flags and environment. */
import type { LogLevel } from './log.ts';

/** The server's options; the README documents each through the settings table. */
export interface ServerOptions {
  /** TCP port; 0 picks a free one (tests). */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Directory of the built site. */
  staticDir: string;
  /** Extra Origins allowed to open WebSockets, as `scheme://host[:port]`; `*` allows all. */
  allowedOrigins: string[];
  /** Largest message accepted, in bytes (bigger → close 1009). */
  maxPayload: number;
  /** Unsent bytes held for one peer before it is closed with 1008. */
  maxBuffered: number;
  /** Unsent bytes held for all peers together; past it, 503 to newcomers and the largest backlogs closed with 1013. */
  maxBufferedTotal: number;
  /** Open WebSockets across all clients (more → HTTP 503). */
  maxConnections: number;
  /** Open WebSockets from one address (more → HTTP 429). */
  maxConnectionsPerIp: number;
  /** Sustained messages per second per connection (more → close 1008); 0 = no limit. */
  rateLimit: number;
  /** Burst of messages allowed above the sustained rate. */
  rateBurst: number;
  /** Milliseconds without any message either way before closing with 1001; 0 = never. */
  idleTimeout: number;
  /** Milliseconds between pings; a peer silent for a whole interval is terminated. */
  heartbeatInterval: number;
  /** Milliseconds a client has to send its complete request headers. */
  handshakeTimeout: number;
  /** Milliseconds given to clients to close on shutdown before they are cut. */
  shutdownGrace: number;
  /** Believe X-Forwarded-For / X-Forwarded-Host (only behind your own reverse proxy). */
  trustProxy: boolean;
  /** PEM certificate file: serve https:// and wss:// directly. */
  tlsCert: string;
  /** PEM private key file, with tlsCert. */
  tlsKey: string;
  /** Milliseconds between two updates of the polling / SSE / WebSocket lab. */
  updatesInterval: number;
  /** How much to log. */
  logLevel: LogLevel;
}
