/** Per-connection bookkeeping: counters, rate limit, backpressure and liveness of one WebSocket. */
import { WebSocket } from 'ws';
import type { Channel, WebSocketRoute } from './routes/route.ts';
import { takeToken, type TokenBucket } from './rate-limit.ts';
import type { BacklogSource, SendBudget } from './send-budget.ts';

/** The per-connection limits, all from the settings. */
export interface ConnectionLimits {
  /** Bytes the server may hold unsent for one peer before giving up on it. */
  maxBuffered: number;
  /** Sustained messages per second a client may send; 0 disables the limit. */
  rateLimit: number;
  /** Messages a client may send in a burst above the sustained rate. */
  rateBurst: number;
  /** The server-wide budget of unsent bytes, told of every byte queued. */
  budget: SendBudget;
  /** Told of each connection closed for sending too fast (metrics). */
  rateLimited?: () => void;
}

/** Close codes the server itself uses (RFC 6455 §7.4.1). */
export const CLOSE = {
  NORMAL: 1000,
  GOING_AWAY: 1001,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
  TRY_AGAIN_LATER: 1013,
} as const;

/**
 * The server's WebSocket class: ws's own plus one slot that leads back to the Connection.
 * Listeners are then plain functions shared by every socket (`this` is the socket), instead
 * of closures made for each connection: an idle connection costs less memory.
 */
export class CourseSocket extends WebSocket {
  /** Set once by the Connection that owns this socket. */
  connection: Connection | undefined = undefined;
}

/** One open WebSocket as the server sees it. */
export class Connection implements Channel, TokenBucket {
  readonly ws: CourseSocket;
  readonly route: string;
  readonly ip: string;
  readonly openedAt: number;
  messagesIn = 0;
  messagesOut = 0;
  bytesIn = 0;
  bytesOut = 0;
  /** Code of a close the server initiated (0 when the peer did, or nobody did yet). */
  serverCode = 0;
  /** The chat room joined, '' for none (see Channel.room). */
  room = '';
  /** Set by pongs and cleared by each heartbeat; a peer still false at the next beat is dead. */
  alive = true;
  /** Last message received or sent; the heartbeat closes connections idle for too long. */
  lastActive: number;
  /** The rate limit's token bucket (see takeToken). */
  tokens: number;
  lastRefill: number;
  private readonly limits: ConnectionLimits;
  private readonly answer: WebSocketRoute['message'];

  /** `answer` is called with each message that passes the rate limit, after it is counted. */
  constructor(ws: CourseSocket, route: string, ip: string, limits: ConnectionLimits, answer?: WebSocketRoute['message']) {
    const now = Date.now();
    this.ws = ws;
    this.route = route;
    this.ip = ip;
    this.openedAt = now;
    this.lastActive = now;
    this.lastRefill = now;
    this.tokens = limits.rateBurst;
    this.limits = limits;
    this.answer = answer;
    ws.connection = this;
    ws.on('message', onMessage);
    ws.on('pong', onPong);
  }

  /** Counts and rate-limits an incoming message, then hands it to the route's `answer`. */
  received(data: Buffer, isBinary: boolean): void {
    const now = Date.now();
    this.messagesIn++;
    this.bytesIn += data.length;
    this.lastActive = now;
    const limits = this.limits;
    if (limits.rateLimit !== 0 && !takeToken(this, now, limits.rateLimit, limits.rateBurst)) {
      if (this.ws.readyState === 1) limits.rateLimited?.();
      this.close(CLOSE.POLICY_VIOLATION, 'Trop de messages par seconde');
      return;
    }
    if (this.answer === undefined) return;
    answering = this;
    try {
      this.answer(this, data, isBinary);
    } finally {
      answering = undefined;
    }
  }

  /**
   * Sends unless this peer's own backlog is over maxBuffered, in which case it is closed with
   * 1008: only what this peer has not read counts, never the size of the message at hand.
   */
  send(data: Buffer | string, binary: boolean): boolean {
    const ws = this.ws;
    if (ws.readyState !== 1) return false;
    const limits = this.limits;
    if (ws.bufferedAmount > limits.maxBuffered) {
      // The peer does not read what we send: refusing to buffer more is our policy (1008),
      // not an overload of the server (1013).
      this.cut(CLOSE.POLICY_VIOLATION, 'Trop de données en attente');
      return false;
    }
    const size = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.messagesOut++;
    this.bytesOut += size;
    limits.budget.queued(size);
    // An answer sent while its message is dispatched needs no second reading of the clock.
    if (answering !== this) this.lastActive = Date.now();
    ws.send(data, binary ? BINARY : TEXT);
    return true;
  }

  /**
   * Closes a peer whose backlog must go. Its close frame waits behind that backlog, so the
   * socket is cut soon after rather than after ws's 30 s close timeout.
   */
  cut(code: number, reason: string): void {
    const ws = this.ws;
    this.close(code, reason);
    setTimeout(() => ws.terminate(), BACKLOG_CUT_DELAY_MS).unref();
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

/** The open connections of one server as a source of unsent bytes for its SendBudget. */
export function connectionBacklogs(connections: ReadonlySet<Connection>): BacklogSource<Connection> {
  return {
    peers: () => connections,
    pending: (conn) => conn.ws.bufferedAmount,
    // A peer already closing is cut within BACKLOG_CUT_DELAY_MS at most (or ws's close timeout).
    open: (conn) => conn.ws.readyState === 1,
    shed: (conn) => conn.cut(CLOSE.TRY_AGAIN_LATER, 'Serveur saturé : trop de données en attente'),
  };
}

/** The connection whose message `answer` is handling right now (received set lastActive already). */
let answering: Connection | undefined;

/** The Connection of a socket that the server accepted (listeners receive it as `this`). */
export function connectionOf(ws: WebSocket): Connection {
  return (ws as CourseSocket).connection!;
}

/** Registered on every socket by its Connection, before any listener of the route. */
function onMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  connectionOf(this).received(data, isBinary);
}

function onPong(this: WebSocket): void {
  connectionOf(this).alive = true;
}

// Shared option objects, so that sending allocates nothing of ours.
const BINARY = { binary: true };
const TEXT = { binary: false };
