/**
 * Frame tracing for « Trames »: a page opens the trace channel (TRACE_PATH) and receives a token;
 * connections it opens with that token in TRACE_PARAM get a tap (tap.ts), whose frames go to that
 * channel only. The parameter is taken off the request before any route sees it. A wrong or stale
 * token costs nothing and tells nothing: the connection works, untraced, exactly as without one.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { Channel, WebSocketRoute } from '../routes/route.ts';
import { MAX_TRACED_SOCKETS, TRACE_BACKLOG_SHARE, TRACE_TOKEN_BYTES } from './limits.ts';
import { Tap, type TapSink } from './tap.ts';

/** The trace channel's path. */
export const TRACE_PATH = '/trace';
/** The query parameter that carries `token` or `token.label`; always the last one of the URL. */
export const TRACE_PARAM = 'ws-trace';
const MARK = `${TRACE_PARAM}=`;
/** `label` names the socket for the page (`3r2-1`); the server never interprets it. */
const PARAM = new RegExp(`[?&]${TRACE_PARAM}=([A-Za-z0-9_-]{1,64})(?:\\.([A-Za-z0-9-]{1,24}))?$`);

/** A connection about to open with a valid token. */
export interface PendingTap {
  /** Taps the socket (call in ws's upgrade callback, before the route runs). */
  attach(socket: Duplex, route: string): void;
}

/** Tracing for one server. */
export interface Tracing {
  /** The trace channel route. */
  route: WebSocketRoute;
  /** Takes TRACE_PARAM off `req.url`; returns a pending tap when its token names an open channel. */
  claim(req: IncomingMessage): PendingTap | undefined;
  /** Open trace channels (tests). */
  readonly channels: number;
}

class TraceChannel implements TapSink {
  readonly taps = new Set<Tap>();
  #ws: WebSocket;
  #channel: Channel;
  #maxBacklog: number;
  #sockets = 0;

  constructor(ws: WebSocket, channel: Channel, maxBuffered: number) {
    this.#ws = ws;
    this.#channel = channel;
    this.#maxBacklog = maxBuffered * TRACE_BACKLOG_SHARE;
  }

  post(message: object): boolean {
    if (this.#ws.bufferedAmount > this.#maxBacklog) return false;
    return this.#channel.send(JSON.stringify(message), false);
  }

  forget(tap: Tap): void {
    this.taps.delete(tap);
  }

  attach(socket: Duplex, route: string, label: string | undefined): void {
    const name = label ?? String(++this.#sockets);
    if (this.taps.size >= MAX_TRACED_SOCKETS) return void this.post({ type: 'untraced', label: name, reason: 'sockets' });
    this.taps.add(new Tap(socket, name, this));
    this.post({ type: 'open', label: name, route });
  }

  close(): void {
    for (const tap of this.taps) tap.detach();
  }
}

/** Creates the tracing of one server; `maxBuffered` bounds each channel's backlog (TRACE_BACKLOG_SHARE). */
export function createTracing(maxBuffered: number): Tracing {
  const channels = new Map<string, TraceChannel>();
  return {
    route: {
      handle(ws, _req, _url, channel) {
        const token = randomBytes(TRACE_TOKEN_BYTES).toString('base64url');
        const trace = new TraceChannel(ws, channel, maxBuffered);
        channels.set(token, trace);
        ws.once('close', () => {
          channels.delete(token);
          trace.close();
        });
        trace.post({ type: 'hello', token, param: TRACE_PARAM });
      },
    },
    claim(req) {
      const raw = req.url;
      // The one cost of tracing on an untraced connection: this scan, once per upgrade.
      if (raw === undefined || !raw.includes(MARK)) return undefined;
      const match = PARAM.exec(raw);
      if (!match) return undefined;
      req.url = raw.slice(0, match.index);
      const channel = channels.get(match[1]);
      if (!channel) return undefined;
      const label = match[2];
      return {
        attach(socket, route) {
          // A channel's own socket is never traced: its frames would report themselves.
          if (route !== TRACE_PATH) channel.attach(socket, route, label);
        },
      };
    },
    get channels() {
      return channels.size;
    },
  };
}
