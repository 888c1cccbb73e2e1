/**
 * /formateur/: the instructor's live view of the class. Every second this instance reads its
 * metrics, publishes a snapshot on the shared bus, and sends the board (every instance's latest
 * snapshot, merged) to the open views. Off without INSTRUCTOR_TOKEN; without the right token, every
 * path of it answers like a path that does not exist.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { requestedHost } from '../client-address.ts';
import type { Logger } from '../log.ts';
import { SHUTDOWN_REASON } from '../messages.fr.ts';
import { COMMON_HEADERS, INSTRUCTOR_CSP } from '../security-headers.ts';
import type { SharedState } from '../shared/shared-state.ts';
import { createInstructorAccess, INSTRUCTOR_PATH } from './access.ts';
import { Board } from './board.ts';
import { createSampler, type SamplerSource } from './snapshot.ts';
import { createViewers } from './viewers.ts';

/** The bus channel of the snapshots. */
export const SNAPSHOT_CHANNEL = 'instructor:snapshot';
/** Milliseconds between two snapshots. */
export const SAMPLE_INTERVAL_MS = 1000;
/** The views' WebSocket. */
export const VIEW_SOCKET_PATH = `${INSTRUCTOR_PATH}direct`;

/** The page's files, read once: they are part of the server, not of the built site. */
const FILES = new Map(
  [
    ['', 'index.html', 'text/html; charset=utf-8'],
    ['page.css', 'page.css', 'text/css; charset=utf-8'],
    ['page.js', 'page.js', 'text/javascript; charset=utf-8'],
  ].map(([path, file, type]) => [`${INSTRUCTOR_PATH}${path}`, { body: readFileSync(new URL(`./page/${file}`, import.meta.url)), type }]),
);

/** What the view needs from the server around it. */
export interface InstructorDeps {
  /** INSTRUCTOR_TOKEN; empty: no view. */
  token: string;
  /** Whether the course itself speaks TLS (the session cookie is then Secure). */
  tls: boolean;
  trustProxy: boolean;
  shared: Pick<SharedState, 'instanceId' | 'publish' | 'subscribe'>;
  /** The metrics, read at each snapshot. */
  source: Omit<SamplerSource, 'instance'>;
  log: Logger;
}

/** The view mounted on one server. */
export interface InstructorView {
  /** Answers the view's pages; false for anything else, and for anyone without the token. */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Takes the views' WebSocket; false for anything else, and for anyone without the token. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
  /** Stops sampling and closes the views with 1001. */
  close(): void;
}

/** Creates the view, or undefined when no token is set. */
export function createInstructorView(deps: InstructorDeps): InstructorView | undefined {
  if (deps.token === '') return undefined;
  const { shared, log } = deps;
  const access = createInstructorAccess(deps.token);
  const board = new Board();
  const viewers = createViewers();
  const sample = createSampler({ instance: shared.instanceId, ...deps.source }, Date.now());
  const unsubscribe = shared.subscribe(SNAPSHOT_CHANNEL, (message) => void board.receive(message, Date.now()));
  const current = (): string => JSON.stringify(board.view(Date.now()));

  let sampling = false;
  const tick = (): void => {
    if (sampling) return;
    sampling = true;
    sample(Date.now())
      .then((snapshot) => {
        shared.publish(SNAPSHOT_CHANNEL, JSON.stringify(snapshot));
        if (viewers.size > 0) viewers.broadcast(current());
      })
      .catch((error: unknown) => log.error(`instructor snapshot failed: ${(error as Error).message}`))
      .finally(() => (sampling = false));
  };
  // A first snapshot at once, so that a view opened right after the start already counts this instance.
  tick();
  const timer = setInterval(tick, SAMPLE_INTERVAL_MS);
  timer.unref();

  const secure = (req: IncomingMessage): boolean => deps.tls || (deps.trustProxy && req.headers['x-forwarded-proto'] === 'https');
  // A browser's Origin must be this very site: no other page, not even the course's sandboxed frames.
  const sameSite = (req: IncomingMessage): boolean => {
    const origin = req.headers.origin;
    return origin === undefined || (URL.canParse(origin) && new URL(origin).host === requestedHost(req, deps.trustProxy));
  };

  return {
    handleRequest(req, res, url) {
      const file = FILES.get(url.pathname);
      if (!file && url.pathname !== INSTRUCTOR_PATH.slice(0, -1)) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const grant = access.grant(req, url);
      if (grant === 'token') {
        // The token leaves the address bar and the history at once; the cookie carries the session.
        res.writeHead(303, { ...COMMON_HEADERS, Location: INSTRUCTOR_PATH, 'Content-Length': '0', 'Set-Cookie': access.sessionCookie(secure(req)), 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
        res.end();
        return true;
      }
      if (grant !== 'session' || !file) return false;
      res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': file.type, 'Content-Security-Policy': INSTRUCTOR_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' });
      res.end(req.method === 'HEAD' ? undefined : file.body);
      return true;
    },
    handleUpgrade(req, socket, head, url) {
      if (url.pathname !== VIEW_SOCKET_PATH || access.grant(req, url) === undefined || !sameSite(req)) return false;
      viewers.accept(req, socket, head, current);
      return true;
    },
    close() {
      clearInterval(timer);
      unsubscribe();
      viewers.close(SHUTDOWN_REASON);
    },
  };
}
