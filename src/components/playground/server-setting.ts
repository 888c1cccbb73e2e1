/**
 * The server the snippets talk to: the page's own by default, or the one the learner chose.
 * One setting for the whole course, kept in localStorage; every playground follows it.
 */
import { defaultServer, normaliseServer } from '../../lib/server-url.ts';

const KEY = 'ws-pas-a-pas:server';
/** Dispatched on window when the setting changes (here or in another tab). */
export const SERVER_CHANGE = 'ws-server-change';

/** The site's own server, used when the learner chose none. */
export function siteServer(): string {
  return defaultServer(location);
}

/** The WebSocket base URL (`ws://host:port`) snippets should use on this page. */
export function currentServer(): string {
  try {
    const stored = localStorage.getItem(KEY);
    const valid = stored ? normaliseServer(stored) : undefined;
    if (valid) return valid;
  } catch {
    // Storage may be unavailable; the page's own server is the right default anyway.
  }
  return siteServer();
}

/** Remembers the learner's choice (undefined: back to the site's server); returns the server now in use. */
export function chooseServer(input: string | undefined): string {
  const server = input === undefined ? undefined : normaliseServer(input);
  try {
    if (server && server !== siteServer()) localStorage.setItem(KEY, server);
    else localStorage.removeItem(KEY);
  } catch {
    // Without storage the choice lasts until the page is left.
  }
  dispatchEvent(new CustomEvent(SERVER_CHANGE));
  return currentServer();
}

addEventListener('storage', (event) => {
  if (event.key === KEY) dispatchEvent(new CustomEvent(SERVER_CHANGE));
});
