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
  cspFor,
} from './security-headers.ts';
import { decideRange, findFile, isDotPath, normalisePath } from './static-file.ts';

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
    res.setHeader('Content-Security-Policy', cspFor(pathname));
  }
}

/** Methods a static file answers; anything else gets 405. */
const ALLOW = 'GET, HEAD';

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
  // Look files up per request instead of indexing them at start: a rebuild while the server
  // runs must serve the new assets, and a vanished file must be a 404, not a crash.
  // The build writes .br and .gz copies (src/integrations/precompress.ts): send those as they are.
  const serve = sirv(root, { dev: true, etag: true, brotli: true, gzip: true, onNoMatch: notFound });
  const compress = compression();
  return (req, res) => {
    for (const name in COMMON_HEADERS) res.setHeader(name, COMMON_HEADERS[name]);
    const raw = req.url ?? '/';
    const query = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';
    const path = normalisePath(raw.slice(0, raw.length - query.length));
    if (path === undefined) return void res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Chemin invalide.\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuseMethod(req, res, path);
    const file = isDotPath(path) ? undefined : findFile(root, path, String(req.headers['accept-encoding'] ?? ''));
    // The 404 page is a full page: compressed like any other.
    if (!file) return compress(req as never, res as never, () => notFound(req, res));
    // From here on, sirv and the headers see the same path: the one just resolved.
    req.url = path.replaceAll('%', '%25') + query;
    setStaticHeaders(res, path);
    const range = decideRange(req.headers.range, req.headers['if-range'] as string | undefined, file.size);
    if (range.kind === 'unsatisfiable') {
      res.writeHead(416, { 'Content-Range': `bytes */${file.size}`, 'Content-Type': 'text/plain; charset=utf-8' });
      return void res.end(req.method === 'HEAD' ? undefined : 'Plage demandée hors du fichier.\n');
    }
    if (range.kind === 'partial') {
      req.headers.range = range.header;
      // A compressed slice would not match its Content-Range (nginx's gzip skips 206 too).
      return serve(req, res);
    }
    delete req.headers.range;
    // For what the build did not precompress (API answers, small files); it leaves responses that
    // already carry a Content-Encoding alone. Its types speak Express; a bare Node pair suffices.
    compress(req as never, res as never, () => serve(req, res));
  };
}

/** OPTIONS for the cross-origin assets of /_astro/ (CORS preflight); 405 for any other method. */
function refuseMethod(req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method === 'OPTIONS' && path.startsWith('/_astro/')) {
    res.writeHead(204, {
      Allow: `${ALLOW}, OPTIONS`,
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Methods': ALLOW,
      'Access-Control-Max-Age': '86400',
    });
    return void res.end();
  }
  res.writeHead(405, { Allow: path.startsWith('/_astro/') ? `${ALLOW}, OPTIONS` : ALLOW, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Méthode non autorisée.\n');
}
