/** Serves the built course (Astro's dist/) with compression, caching and security headers. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import compression from 'compression';
import sirv from 'sirv';
import {
  COMMON_HEADERS,
  IMMUTABLE_CACHE,
  PAGE_CSP,
  REVALIDATE_CACHE,
  RUNNER_CSP,
  isRunnerPath,
} from './security-headers.ts';

/** A plain Node request handler. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** True when a request path names an HTML page (a directory, an .html file, or no extension). */
function isHtmlPath(pathname: string): boolean {
  if (pathname.endsWith('/') || pathname.endsWith('.html')) return true;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.');
}

/** Sets the headers a page or asset needs, according to its path. */
export function setStaticHeaders(res: ServerResponse, pathname: string): void {
  if (pathname.startsWith('/_astro/')) {
    res.setHeader('Cache-Control', IMMUTABLE_CACHE);
    // The runner iframe has an opaque origin, so its module scripts from /_astro/ are cross-origin.
    res.setHeader('Access-Control-Allow-Origin', '*');
    return;
  }
  res.setHeader('Cache-Control', REVALIDATE_CACHE);
  if (isHtmlPath(pathname)) {
    res.setHeader('Content-Security-Policy', isRunnerPath(pathname) ? RUNNER_CSP : PAGE_CSP);
  }
}

/** Creates the handler for the static site in `dir`; a missing dir yields 404s, not a crash. */
export function createStaticHandler(dir: string): HttpHandler {
  const root = resolve(dir);
  const notFound = (req: IncomingMessage, res: ServerResponse): void => {
    const page = join(root, '404.html');
    res.statusCode = 404;
    res.setHeader('Cache-Control', REVALIDATE_CACHE);
    if (existsSync(page)) {
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Security-Policy', PAGE_CSP);
      res.end(req.method === 'HEAD' ? undefined : readFileSync(page));
    } else {
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end('Page introuvable.\n');
    }
  };
  const serve = existsSync(root)
    ? sirv(root, {
        // Look files up per request instead of indexing them at start: a rebuild while the server
        // runs must serve the new assets, and a vanished file must be a 404, not a crash.
        dev: true,
        etag: true,
        // The build writes .br and .gz copies (src/integrations/precompress.ts): send those as they are.
        brotli: true,
        gzip: true,
        setHeaders: setStaticHeaders,
        onNoMatch: notFound,
      })
    : notFound;
  const compress = compression();
  return (req, res) => {
    for (const name in COMMON_HEADERS) res.setHeader(name, COMMON_HEADERS[name]);
    // For what the build did not precompress (API answers, small files); it leaves responses that
    // already carry a Content-Encoding alone. Its types speak Express; a bare Node pair suffices.
    compress(req as never, res as never, () => serve(req, res));
  };
}
