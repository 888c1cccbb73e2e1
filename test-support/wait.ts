/** Waiting on state or events, never on the clock alone. */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';

/** Resolves once check() holds (checked every 10 ms, awaited when async), failing after timeoutMs. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const REQUEST_START = 'http.server.request.start';

/**
 * Resolves when an HTTP server of this process starts handling a request whose URL starts with
 * `url`: by then its handler has run, so a request in flight is known to have arrived.
 */
export function requestArrives(url: string): Promise<void> {
  return new Promise((resolve) => {
    const onStart = (message: unknown): void => {
      if (!(message as { request: IncomingMessage }).request.url?.startsWith(url)) return;
      unsubscribe(REQUEST_START, onStart);
      // The channel fires just before the server emits 'request': resolve once the handler ran.
      setImmediate(resolve);
    };
    subscribe(REQUEST_START, onStart);
  });
}
