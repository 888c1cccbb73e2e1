/**
 * The one stream of updates that the polling, long-polling, SSE and WebSocket lab endpoints
 * all read, so learners compare transports on identical data. It ticks only while someone
 * listens, or polled recently, so an idle server does nothing.
 *
 * With several instances sharing state (REDIS_URL), one of those awake produces for all: the
 * holder of a lock in Redis, numbering from a shared sequence; every instance hears its updates
 * on the bus, so all show the same `n`. A leader that goes idle lets its lock lapse (three
 * intervals) and another awake instance takes over. While Redis is down, each instance ticks
 * alone from its last `n`, which never goes back.
 */
import type { SharedState } from '../shared/shared-state.ts';

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

/** The bus channel and lock of the shared feed. */
const CHANNEL = 'updates';

/** Creates a lazy feed producing one update every intervalMs, shared with other instances through `shared`. */
export function createUpdatesFeed(intervalMs: number, shared?: SharedState): UpdatesFeed {
  const sharing = shared !== undefined && shared.status !== 'off' ? shared : undefined;
  const history: Update[] = [];
  const listeners = new Set<UpdateListener>();
  let n = 0;
  let value = 50;
  let timer: NodeJS.Timeout | undefined;
  let polledAt = 0;
  let closed = false;

  const ingest = (update: Update): void => {
    // Never back, never twice: an update from before this instance's last one is dropped.
    if (update.n <= n) return;
    n = update.n;
    value = update.value;
    history.push(update);
    if (history.length > HISTORY_SIZE) history.shift();
    for (const listener of listeners) listener(update);
  };
  const produce = (next: number): void => {
    const wandered = Math.min(100, Math.max(0, value + Math.round((Math.random() - 0.5) * 10)));
    const update = { n: next, time: new Date().toISOString(), value: wandered };
    // Through the bus, this instance's listeners get it too, synchronously.
    if (sharing) sharing.publish(CHANNEL, JSON.stringify(update));
    else ingest(update);
  };
  const lead = async (bus: SharedState): Promise<void> => {
    const leader = await bus.claim(CHANNEL, intervalMs * 3);
    if (leader === false) return;
    produce((leader && (await bus.next(CHANNEL, n))) || n + 1);
  };
  const stopBus = sharing?.subscribe(CHANNEL, (message) => {
    const update = parseUpdate(message);
    if (update) ingest(update);
  });
  const tick = (): void => {
    if (listeners.size === 0 && Date.now() - polledAt > POLL_KEEPALIVE_TICKS * intervalMs) {
      clearInterval(timer);
      timer = undefined;
      return;
    }
    if (sharing?.status === 'up') void lead(sharing).catch(() => {});
    else produce(n + 1);
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
      stopBus?.();
      clearInterval(timer);
      timer = undefined;
      listeners.clear();
    },
  };
}

/** An update heard on the bus, or undefined when it is not one (nothing from outside is trusted blindly). */
function parseUpdate(message: string): Update | undefined {
  try {
    const { n, time, value } = JSON.parse(message) as Partial<Update>;
    if (Number.isSafeInteger(n) && typeof time === 'string' && time.length < 40 && typeof value === 'number') return { n: n!, time, value };
  } catch {
    // Not JSON: ignored.
  }
  return undefined;
}
