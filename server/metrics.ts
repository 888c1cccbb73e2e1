/**
 * Prometheus metrics on a registry of the server's own (never prom-client's global one, so
 * that several servers can live in one process). Per-message counters are plain integers on
 * each Connection, summed at scrape time: the echo hot path never touches prom-client.
 */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { RefusalReason } from './admission.ts';
import type { Connection } from './connection.ts';

/** What the server reports to the metrics. */
export interface Metrics {
  readonly registry: Registry;
  /** A WebSocket opened on route. */
  opened(route: string): void;
  /** A connection ended; its counters move from "live" to "closed" totals. */
  closed(conn: Connection, code: number): void;
  /** A long-lived connection (any kind) was refused with an HTTP error status; admission's refusals say why. */
  refused(status: number, reason?: RefusalReason): void;
  /** A WebSocket was closed for sending too many messages per second. */
  rateLimited(): void;
  /** The same figures as plain numbers, for the instructor's view: no second store. */
  read(): Promise<MetricsReading>;
}

/** What the metrics hold at one moment; totals count since the server started. */
export interface MetricsReading {
  /** Open WebSockets by route. */
  routes: Map<string, number>;
  /** Open WebSockets by chat room. */
  rooms: Map<string, number>;
  messagesIn: number;
  messagesOut: number;
  /** Closes by code, in total. */
  closes: Map<number, number>;
  /** Refusals by reason in total: admission's (REFUSAL_REASON) and `rate`. */
  refusals: Map<string, number>;
}

type Totals = { messagesIn: number; messagesOut: number; bytesIn: number; bytesOut: number };

/** Creates the metrics of one server, reading its live connections at scrape time. */
export function createMetrics(live: ReadonlySet<Connection>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const done: Totals = { messagesIn: 0, messagesOut: 0, bytesIn: 0, bytesOut: 0 };

  new Gauge({
    name: 'websocket_connections',
    help: 'Open WebSocket connections, by route.',
    labelNames: ['route'],
    registers: [registry],
    collect() {
      this.reset();
      for (const conn of live) this.inc({ route: conn.route });
    },
  });
  const sum = (name: string, help: string, field: keyof Totals): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        let total = done[field];
        for (const conn of live) total += conn[field];
        this.reset();
        this.inc(total);
      },
    });
  };
  sum('websocket_messages_received_total', 'Messages received from clients.', 'messagesIn');
  sum('websocket_messages_sent_total', 'Messages sent to clients by the routes.', 'messagesOut');
  sum('websocket_bytes_received_total', 'Payload bytes received from clients.', 'bytesIn');
  sum('websocket_bytes_sent_total', 'Payload bytes sent to clients.', 'bytesOut');
  const opened = new Counter({ name: 'websocket_connections_total', help: 'WebSocket connections accepted, by route.', labelNames: ['route'], registers: [registry] });
  const closes = new Counter({ name: 'websocket_closes_total', help: 'WebSocket closes, by close code (1006: cut without close frame).', labelNames: ['code'], registers: [registry] });
  const reasons = new Counter({ name: 'websocket_refusals_total', help: 'Refusals by reason: origin, address_full, server_full, overloaded, stopping (admission), rate (closed for too many messages per second).', labelNames: ['reason'], registers: [registry] });
  const refusals = new Counter({ name: 'websocket_handshakes_refused_total', help: 'Long-lived connections (WebSocket, Socket.IO, SSE, long poll) refused with an HTTP error, by status.', labelNames: ['status'], registers: [registry] });

  return {
    registry,
    opened: (route) => opened.inc({ route }),
    closed(conn, code) {
      done.messagesIn += conn.messagesIn;
      done.messagesOut += conn.messagesOut;
      done.bytesIn += conn.bytesIn;
      done.bytesOut += conn.bytesOut;
      closes.inc({ code: String(code) });
    },
    refused(status, reason) {
      refusals.inc({ status: String(status) });
      if (reason) reasons.inc({ reason });
    },
    rateLimited: () => reasons.inc({ reason: 'rate' }),
    async read() {
      const reading: MetricsReading = { routes: new Map(), rooms: new Map(), messagesIn: done.messagesIn, messagesOut: done.messagesOut, closes: new Map(), refusals: new Map() };
      for (const conn of live) {
        reading.routes.set(conn.route, (reading.routes.get(conn.route) ?? 0) + 1);
        if (conn.room !== '') reading.rooms.set(conn.room, (reading.rooms.get(conn.room) ?? 0) + 1);
        reading.messagesIn += conn.messagesIn;
        reading.messagesOut += conn.messagesOut;
      }
      for (const { labels, value } of (await closes.get()).values) reading.closes.set(Number(labels.code), value);
      for (const { labels, value } of (await reasons.get()).values) reading.refusals.set(String(labels.reason), value);
      return reading;
    },
  };
}
