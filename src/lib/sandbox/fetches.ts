/**
 * The learner's HTTP work, counted: a fetch (and the reading of its body) or an open EventSource
 * keeps the run alive (activity.ts), so a run waiting on the network is not declared over early.
 */
import type { createActivity } from './activity.ts';
import type { Scope } from './scope.ts';

/** Replaces `scope`'s fetch, Response body readers and EventSource with ones that tell `activity`. */
export function wrapFetch(scope: Scope, activity: ReturnType<typeof createActivity>) {
  const nativeFetch = (scope.fetch as typeof fetch).bind(scope);
  const track = <T>(promise: Promise<T>): Promise<T> => {
    activity.add('fetch');
    return promise.finally(() => activity.done('fetch'));
  };
  scope.fetch = ((...args: Parameters<typeof fetch>) => track(nativeFetch(...args))) as typeof fetch;
  // Reading a body is network work too: `await response.json()` must not see the run end under it.
  for (const method of ['text', 'json', 'arrayBuffer', 'blob', 'bytes'] as const) {
    const original = Response.prototype[method] as ((this: Response) => Promise<unknown>) | undefined;
    if (!original) continue;
    Object.defineProperty(Response.prototype, method, { value(this: Response) { return track(original.call(this)); } });
  }
  if (typeof EventSource === 'undefined') return;
  const NativeEventSource = EventSource;
  scope.EventSource = class extends NativeEventSource {
    #open = true;
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      activity.add('eventsource');
      // An EventSource reconnects by itself after an error; only a final CLOSED ends its work.
      this.addEventListener('error', () => this.readyState === NativeEventSource.CLOSED && this.#done());
    }
    close() {
      super.close();
      this.#done();
    }
    #done() {
      if (!this.#open) return;
      this.#open = false;
      activity.done('eventsource');
    }
  };
}
