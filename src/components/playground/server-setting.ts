/** The server the snippets talk to: the page's own by default, or the one the learner chose. */
import { defaultServer, normaliseServer } from '../../lib/server-url.ts';

const KEY = 'ws-pas-a-pas:server';

/** The WebSocket base URL (`ws://host:port`) snippets should use on this page. */
export function currentServer(): string {
  try {
    const stored = localStorage.getItem(KEY);
    const valid = stored ? normaliseServer(stored) : undefined;
    if (valid) return valid;
  } catch {
    // Storage may be unavailable; the page's own server is the right default anyway.
  }
  return defaultServer(location);
}

/** Remembers the learner's choice; undefined goes back to the page's own server. */
export function chooseServer(input: string | undefined): string | undefined {
  const server = input === undefined ? undefined : normaliseServer(input);
  try {
    if (server) localStorage.setItem(KEY, server);
    else localStorage.removeItem(KEY);
  } catch {
    // Without storage the choice lasts until the page is left.
  }
  return server;
}
