/**
 * Admission: the one place that decides whether a connection that stays open may start, and
 * counts it until it ends. Every kind shares one budget: WebSocket, Socket.IO session (long
 * polling or WebSocket), Server-Sent Events stream, long poll. Requests that end at once are
 * never counted.
 */
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { clientAddress } from './client-address.ts';
import { refuseUpgrade } from './http-refusal.ts';
import { REFUSAL } from './messages.fr.ts';
import { isOriginAllowed } from './origin-policy.ts';

/** What admission reads from the settings. */
export interface AdmissionPolicy {
  /** Open long-lived connections across all clients (more → 503). */
  maxConnections: number;
  /** Open long-lived connections from one address (more → 429). */
  maxConnectionsPerIp: number;
  /** Extra Origins allowed for WebSockets and Socket.IO (see origin-policy.ts). */
  allowedOrigins: readonly string[];
  /** Whether X-Forwarded-For names the client (behind our own proxy only). */
  trustProxy: boolean;
}

/**
 * The outcome of check(): a small integer, so that deciding allocates nothing. ADMITTED is 0,
 * so `if (verdict)` reads « if refused ».
 */
export const VERDICT = { ADMITTED: 0, STOPPING: 1, ORIGIN: 2, SERVER_FULL: 3, ADDRESS_FULL: 4, OVERLOADED: 5 } as const;
/** One of VERDICT's values. */
export type Verdict = (typeof VERDICT)[keyof typeof VERDICT];

/** The HTTP status that answers each verdict (ADMITTED has none). */
export const STATUS: readonly number[] = [0, 503, 403, 503, 429, 503];

/** Seconds a client refused for a cap is asked to wait before trying again. */
export const RETRY_AFTER_SECONDS = 10;
const RETRY = { 'Retry-After': String(RETRY_AFTER_SECONDS) };

/** An Engine.IO request, once Engine.IO has parsed its query. */
type EngineRequest = IncomingMessage & { _query: Record<string, string | undefined> };

/** The part of an Engine.IO server that admission uses: its middleware API and its sessions. */
export interface EngineSessions {
  use(middleware: (req: EngineRequest, res: ServerResponse | { socket: Duplex }, next: () => void) => void): void;
  on(event: 'connection', listener: (session: { request: IncomingMessage; once(event: 'close', listener: () => void): unknown }) => void): unknown;
}

/** The admission point of one server. */
export interface Admission {
  /** Why one more long-lived connection from `ip` may not open (ADMITTED if it may); counts nothing. */
  check(req: IncomingMessage, ip: string, checkOrigin: boolean): Verdict;
  /** Counts an admitted connection; call release(ip) exactly once when it ends. */
  hold(ip: string): void;
  /** Forgets one connection from ip. */
  release(ip: string): void;
  /** Answers a refused upgrade on its raw socket with the verdict's status, then closes it. */
  refuseUpgrade(socket: Duplex, verdict: Verdict, req: IncomingMessage): void;
  /**
   * Admits a response that stays open (SSE, long poll) and releases it on the response's
   * close; or answers the refusal with `headers` added (CORS) and returns false.
   */
  admitResponse(req: IncomingMessage, res: ServerResponse, headers?: Record<string, string>): boolean;
  /** Puts every new Engine.IO session (any transport) through admission, counted until it closes. */
  admitEngine(engine: EngineSessions): void;
  /** From now on, everything is refused with 503 (shutdown). */
  stop(): void;
  /** Long-lived connections open now, of every kind. */
  readonly size: number;
  /** This instance's open long-lived connections by address (what it shares with the others). */
  readonly perIp: ReadonlyMap<string, number>;
  /**
   * What the other instances hold, by address (see shared-caps.ts): added to this instance's
   * own count when checking the per-IP cap. Replaced whole, never mutated in place.
   */
  elsewhere: ReadonlyMap<string, number>;
}

/**
 * Creates the admission point; `refused` is told the status of every refusal (metrics, logs),
 * and `overloaded` says when the server holds too many unsent bytes to take anyone more.
 */
export function createAdmission(policy: AdmissionPolicy, refused: (status: number) => void, overloaded: () => boolean = () => false): Admission {
  const perIp = new Map<string, number>();
  let elsewhere: ReadonlyMap<string, number> = new Map();
  let open = 0;
  let stopping = false;

  const check = (req: IncomingMessage, ip: string, checkOrigin: boolean): Verdict => {
    if (stopping) return VERDICT.STOPPING;
    if (checkOrigin && !isOriginAllowed(req, policy.allowedOrigins, policy.trustProxy)) return VERDICT.ORIGIN;
    if (overloaded()) return VERDICT.OVERLOADED;
    if (open >= policy.maxConnections) return VERDICT.SERVER_FULL;
    // Two lookups, no allocation: the other instances' counts are a snapshot synced in the background.
    if ((perIp.get(ip) ?? 0) + (elsewhere.get(ip) ?? 0) >= policy.maxConnectionsPerIp) return VERDICT.ADDRESS_FULL;
    return VERDICT.ADMITTED;
  };
  const hold = (ip: string): void => {
    open++;
    perIp.set(ip, (perIp.get(ip) ?? 0) + 1);
  };
  const release = (ip: string): void => {
    open--;
    const left = (perIp.get(ip) ?? 1) - 1;
    if (left === 0) perIp.delete(ip);
    else perIp.set(ip, left);
  };
  /** The refusal's body and headers; only refusals allocate. */
  const answer = (verdict: Verdict, req: IncomingMessage): { body: string; headers: Record<string, string> | undefined } => {
    if (verdict === VERDICT.ORIGIN) return { body: REFUSAL.origin(req.headers.origin), headers: undefined };
    if (verdict === VERDICT.STOPPING) return { body: REFUSAL.stopping, headers: undefined };
    if (verdict === VERDICT.OVERLOADED) return { body: REFUSAL.overloaded, headers: RETRY };
    return { body: verdict === VERDICT.SERVER_FULL ? REFUSAL.tooManyOnServer : REFUSAL.tooManyFromAddress, headers: RETRY };
  };
  const refuseResponse = (res: ServerResponse, verdict: Verdict, req: IncomingMessage, extra?: Record<string, string>): void => {
    const status = STATUS[verdict];
    refused(status);
    const { body, headers } = answer(verdict, req);
    res.writeHead(status, { ...extra, ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`${body}\n`);
  };
  const admission: Admission = {
    check,
    hold,
    release,
    refuseUpgrade(socket, verdict, req) {
      const status = STATUS[verdict];
      refused(status);
      const { body, headers } = answer(verdict, req);
      refuseUpgrade(socket, status, body, headers);
    },
    admitResponse(req, res, headers) {
      const ip = clientAddress(req, policy.trustProxy);
      const verdict = check(req, ip, false);
      if (verdict) {
        refuseResponse(res, verdict, req, headers);
        return false;
      }
      hold(ip);
      // The response's close, not the request's: the latter fires as soon as a GET is read.
      res.once('close', () => release(ip));
      return true;
    },
    admitEngine(engine) {
      // Requests admitted whose session has not started yet, with the address they count against.
      const pending = new WeakMap<IncomingMessage, string>();
      engine.use((req, res, next) => {
        // A request of an admitted session (a poll, an upgrade to WebSocket) is that session.
        if (req._query.sid !== undefined) return next();
        const ip = clientAddress(req, policy.trustProxy);
        const verdict = check(req, ip, true);
        const polling = res instanceof ServerResponse;
        // Not calling next() ends Engine.IO's work on a refused request.
        if (verdict) return polling ? refuseResponse(res, verdict, req) : admission.refuseUpgrade(res.socket, verdict, req);
        // Counted now, not when the session starts (a few ticks later), so that concurrent
        // handshakes cannot all pass one free slot. Released here if no session comes of it.
        hold(ip);
        pending.set(req, ip);
        (polling ? res : res.socket).once('close', () => {
          if (pending.delete(req)) release(ip);
        });
        next();
      });
      engine.on('connection', (session) => {
        const ip = pending.get(session.request);
        if (ip === undefined) return;
        pending.delete(session.request);
        session.once('close', () => release(ip));
      });
    },
    stop() {
      stopping = true;
    },
    get size() {
      return open;
    },
    perIp,
    get elsewhere() {
      return elsewhere;
    },
    set elsewhere(counts) {
      elsewhere = counts;
    },
  };
  return admission;
}
