/**
 * The server the snippets talk to. Lessons write `ws://localhost:8080` and `http://localhost:8080`;
 * the page shows and runs the address that works from where it is viewed (or the one the
 * learner chose, e.g. their instructor's server).
 */

/** The address lessons are written with. */
export const LESSON_WS_BASE = 'ws://localhost:8080';
export const LESSON_HTTP_BASE = 'http://localhost:8080';

/** The WebSocket base URL that works from a page at `location`: ws:// over http, wss:// over https. */
export function defaultServer(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** Normalises a server address typed by a learner (`exemple.fr`, `https://exemple.fr/`) to `wss://exemple.fr`. */
export function normaliseServer(input: string): string | undefined {
  const text = input.trim();
  if (text === '') return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `wss://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return undefined;
  }
  const scheme = { 'ws:': 'ws', 'http:': 'ws', 'wss:': 'wss', 'https:': 'wss' }[url.protocol];
  return scheme && url.host ? `${scheme}://${url.host}` : undefined;
}

/** Rewrites the lesson's addresses in `code` to `server` (a ws:// or wss:// base URL). */
export function rewriteServer(code: string, server: string): string {
  const http = server.replace(/^ws/, 'http');
  return code.replaceAll(LESSON_WS_BASE, server).replaceAll(LESSON_HTTP_BASE, http);
}
