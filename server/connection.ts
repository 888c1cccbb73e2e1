/** Per-connection bookkeeping: counters, rate limit, backpressure and liveness of one WebSocket. */
import type { WebSocket } from 'ws';
import type { Channel } from './routes/route.ts';
import { takeToken, type TokenBucket } from './rate-limit.ts';

/** The per-connection limits, all from the settings. */
export interface ConnectionLimits {
  /** Bytes the server may hold unsent for one peer before giving up on it. */
  maxBuffered: number;
  /** Sustained messages per second a client may send; 0 disables the limit. */
  rateLimit: number;
  /** Messages a client may send in a burst above the sustained rate. */
  rateBurst: number;
}

/** Close codes the server itself uses (RFC 6455 §7.4.1). */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY_VIOLATION: 1008,
  TRY_AGAIN_LATER: 1013,
} as const;

/** One open WebSocket as the server sees it. */
export class Connection implements Channel, TokenBucket {
  readonly ws: WebSocket;
  readonly route: string;
  readonly ip: string;
  readonly openedAt = Date.now();
  messagesIn = 0;
  messagesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  /** Code of a close the server initiated (0 when the peer did, or nobody did yet). */
  serverCode = 0;
  /** Set by pongs and cleared by each heartbeat; a peer still false at the next beat is dead. */
  alive = true;
  lastActive = this.openedAt;
  /** The rate limit's token bucket (see takeToken). */
  tokens: number;
  lastRefill = this.openedAt;
  private readonly limits: ConnectionLimits;

  constructor(ws: WebSocket, route: string, ip: string, limits: ConnectionLimits) {
    this.ws = ws;
    this.route = route;
    this.ip = ip;
    this.limits = limits;
    this.tokens = limits.rateBurst;
    ws.on('message', this.onMessage);
    ws.on('pong', this.onPong);
  }

  /** Counts and rate-limits every incoming message; registered before the route's listener. */
  private readonly onMessage = (data: Buffer, _isBinary: boolean): void => {
    const now = Date.now();
    this.messagesIn++;
    this.bytesIn += data.length;
    this.lastActive = now;
    const { rateLimit, rateBurst } = this.limits;
    if (rateLimit !== 0 && !takeToken(this, now, rateLimit, rateBurst)) {
      this.close(CLOSE.POLICY_VIOLATION, 'Trop de messages par seconde');
    }
  };

  private readonly onPong = (): void => {
    this.alive = true;
  };

  /** Sends unless the peer lags more than maxBuffered bytes, in which case it is closed with 1008. */
  send(data: Buffer | string, binary: boolean): boolean {
    const ws = this.ws;
    if (ws.readyState !== 1) return false;
    if (ws.bufferedAmount > this.limits.maxBuffered) {
      // The peer does not read what we send: refusing to buffer more is our policy (1008),
      // not an overload of the server (1013). Its close frame waits behind the backlog, so
      // the socket is cut soon after rather than after ws's 30 s close timeout.
      this.close(CLOSE.POLICY_VIOLATION, 'Trop de données en attente');
      setTimeout(() => ws.terminate(), BACKLOG_CUT_DELAY_MS).unref();
      return false;
    }
    this.messagesOut++;
    this.bytesOut += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.lastActive = Date.now();
    ws.send(data, binary ? BINARY : TEXT);
    return true;
  }

  /** Closes from the server side, once. */
  close(code: number, reason: string): void {
    if (this.ws.readyState > 1) return;
    if (this.serverCode === 0) this.serverCode = code;
    this.ws.close(code, reason);
  }

  /** Destroys the TCP connection without a close frame. */
  drop(): void {
    if (this.serverCode === 0) this.serverCode = 1006;
    this.ws.terminate();
  }
}

/** How long a peer closed for not reading gets to read its backlog before being cut. */
export const BACKLOG_CUT_DELAY_MS = 1000;

// Shared option objects, so that sending allocates nothing of ours.
const BINARY = { binary: true };
const TEXT = { binary: false };
