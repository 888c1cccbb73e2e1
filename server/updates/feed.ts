/**
 * The one stream of updates that the polling, long-polling, SSE and WebSocket lab endpoints
 * all read, so learners compare transports on identical data. It ticks only while someone
 * listens, or polled recently, so an idle server does nothing.
 */

/** One update of the lab stream. */
export interface Update {
  /** Sequence number, increasing for the server's whole life. */
  n: number;
  /** When it was produced, ISO 8601. */
  time: string;
  /** A made-up measurement that wanders between 0 and 100. */
  value: number;
}

/** Receives each new update. */
export type UpdateListener = (update: Update) => void;

/** The shared feed. */
export interface UpdatesFeed {
  /** Updates after n still held (the last HISTORY_SIZE), oldest first; keeps the ticker awake. */
  since(n: number): Update[];
  /** Calls listener on each new update until the returned function is called. */
  subscribe(listener: UpdateListener): () => void;
  /** Stops ticking for good (shutdown). */
  close(): void;
}

/** Updates kept for polling clients that come back late. */
export const HISTORY_SIZE = 100;

/** How long a poll keeps the ticker running without any subscriber, in intervals. */
const POLL_KEEPALIVE_TICKS = 30;

/** Creates a lazy feed producing one update every intervalMs. */
export function createUpdatesFeed(intervalMs: number): UpdatesFeed {
  const history: Update[] = [];
  const listeners = new Set<UpdateListener>();
  let n = 0;
  let value = 50;
  let timer: NodeJS.Timeout | undefined;
  let polledAt = 0;
  let closed = false;

  const tick = (): void => {
    if (listeners.size === 0 && Date.now() - polledAt > POLL_KEEPALIVE_TICKS * intervalMs) {
      clearInterval(timer);
      timer = undefined;
      return;
    }
    value = Math.min(100, Math.max(0, value + Math.round((Math.random() - 0.5) * 10)));
    const update = { n: ++n, time: new Date().toISOString(), value };
    history.push(update);
    if (history.length > HISTORY_SIZE) history.shift();
    for (const listener of listeners) listener(update);
  };
  const wake = (): void => {
    if (!timer && !closed) timer = setInterval(tick, intervalMs);
  };

  return {
    since(after) {
      polledAt = Date.now();
      wake();
      return history.filter((update) => update.n > after);
    },
    subscribe(listener) {
      listeners.add(listener);
      wake();
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      clearInterval(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}
