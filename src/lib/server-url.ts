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

/** A host name or IPv4 address, or a bracketed IPv6 address, with an optional port. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

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
  // Browsers differ on odd hosts (Chromium percent-encodes spaces): accept only plain names and IPs.
  return scheme && HOST.test(url.host) ? `${scheme}://${url.host}` : undefined;
}

/** `base` as a pattern that does not match a longer host or port (`ws://a:80` in `ws://a:8080`). */
function exactly(base: string): RegExp {
  return new RegExp(`${base.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w.:-])`, 'g');
}

/** `ws://h` → `http://h`, `wss://h` → `https://h`. */
function httpOf(server: string): string {
  return server.replace(/^ws/, 'http');
}

/** Rewrites the lesson's addresses in `code` to `server` (a ws:// or wss:// base URL). */
export function rewriteServer(code: string, server: string): string {
  return code.replace(exactly(LESSON_WS_BASE), server).replace(exactly(LESSON_HTTP_BASE), httpOf(server));
}

/** The reverse of rewriteServer: puts the lesson's addresses back, so saved code survives a change of server. */
export function lessonForm(code: string, server: string): string {
  return code.replace(exactly(server), LESSON_WS_BASE).replace(exactly(httpOf(server)), LESSON_HTTP_BASE);
}
