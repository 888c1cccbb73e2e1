/**
 * The HTTP side of the transports lab, all with `Access-Control-Allow-Origin: *` because the
 * learner's code runs in an opaque-origin sandbox (its requests carry `Origin: null`):
 * - GET /api/updates?since=N → JSON array of the updates after N (default 0), at once, maybe [];
 * - GET /api/updates/wait?since=N → long polling: answers as soon as an update after N exists,
 *   or [] after 25 s;
 * - GET /api/updates/stream → Server-Sent Events, one `id:` + `data:` event per update
 *   (honours Last-Event-ID to resend what a reconnecting client missed).
 * A long poll that waits and an event stream stay open: admission counts them like WebSockets.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Admission } from '../admission.ts';
import { STREAM_OPENING } from '../messages.fr.ts';
import type { Update, UpdatesFeed } from './feed.ts';

/** How long a long-polling request is held before answering []. */
export const LONG_POLL_TIMEOUT_MS = 25000;

const CORS = { 'Access-Control-Allow-Origin': '*' };
const JSON_HEADERS = { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** Handles one lab request; returns false when the path is not one of the lab's. */
export type UpdatesApi = {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): boolean;
  /** Answers pending long polls and ends event streams (shutdown). */
  close(): void;
};

function sinceParam(value: string | null | undefined): number {
  return value && /^\d+$/.test(value) ? Number(value) : 0;
}

/** Creates the lab's HTTP endpoints on `feed`; what stays open goes through `admission`. */
export function createUpdatesApi(feed: UpdatesFeed, admission: Pick<Admission, 'admitResponse'>): UpdatesApi {
  const open = new Set<() => void>();

  /** Keeps a response open until `finish`; start returns what undoes it, and gets `end` to call. */
  const hold = (res: ServerResponse, start: (end: () => void) => () => void, finish: () => void): void => {
    let stop = (): void => {};
    const end = (): void => {
      if (!open.delete(end)) return;
      stop();
      finish();
    };
    open.add(end);
    // The response's close, not the request's: the latter fires as soon as a GET is read.
    res.on('close', end);
    stop = start(end);
  };

  const wait = (req: IncomingMessage, res: ServerResponse, since: number): void => {
    const ready = feed.since(since);
    // Answered at once: a plain request, not counted.
    if (ready.length > 0) return void res.writeHead(200, JSON_HEADERS).end(JSON.stringify(ready));
    if (!admission.admitResponse(req, res, CORS)) return;
    let answer: Update[] = [];
    hold(
      res,
      (end) => {
        const timer = setTimeout(end, LONG_POLL_TIMEOUT_MS);
        const unsubscribe = feed.subscribe((update) => {
          answer = [update];
          end();
        });
        return () => {
          clearTimeout(timer);
          unsubscribe();
        };
      },
      () => {
        if (!res.writableEnded) res.writeHead(200, JSON_HEADERS).end(JSON.stringify(answer));
      },
    );
  };

  const stream = (req: IncomingMessage, res: ServerResponse): void => {
    if (!admission.admitResponse(req, res, CORS)) return;
    res.writeHead(200, {
      ...CORS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      // nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    const event = (update: Update): void => void res.write(`id: ${update.n}\ndata: ${JSON.stringify(update)}\n\n`);
    res.write(`: ${STREAM_OPENING}\n\n`);
    const lastId = req.headers['last-event-id'];
    if (typeof lastId === 'string' && /^\d+$/.test(lastId)) for (const missed of feed.since(Number(lastId))) event(missed);
    hold(res, () => feed.subscribe(event), () => res.end());
  };

  return {
    handle(req, res, url) {
      const path = url.pathname;
      if (path !== '/api/updates' && path !== '/api/updates/wait' && path !== '/api/updates/stream') return false;
      if (req.method === 'OPTIONS') {
        res.writeHead(204, { ...CORS, 'Access-Control-Allow-Methods': 'GET', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '86400' }).end();
      } else if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { ...CORS, Allow: 'GET, OPTIONS' }).end();
      } else if (path === '/api/updates') {
        res.writeHead(200, JSON_HEADERS).end(JSON.stringify(feed.since(sinceParam(url.searchParams.get('since')))));
      } else if (path === '/api/updates/wait') {
        wait(req, res, sinceParam(url.searchParams.get('since')));
      } else {
        stream(req, res);
      }
      return true;
    },
    close() {
      for (const end of [...open]) end();
    },
  };
}
