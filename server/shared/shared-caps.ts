/**
 * The per-IP cap across instances. Admission's check stays two Map lookups, allocation-free:
 * this instance's own counts, plus a snapshot of what the others hold that is synced through
 * Redis every CAPS_SYNC_MS. The trade-off: during one sync period,
 * instances admit on slightly stale totals, so an address may briefly pass the cap by what the
 * others admitted since the last sync (at most one period's worth of new connections); it can
 * never stay above it. While Redis is down each instance counts alone (the cap is then per instance).
 */
import type { Admission } from '../admission.ts';
import type { SharedState } from './shared-state.ts';

/** Longest interval between two syncs of the per-IP counts (shorter with a small key TTL). */
export const CAPS_SYNC_MS = 1000;

const NOWHERE: ReadonlyMap<string, number> = new Map();

/** Keeps `admission.elsewhere` in step with the other instances; returns what stops it. */
export function shareCaps(admission: Pick<Admission, 'perIp' | 'elsewhere'>, shared: SharedState, keyTtl: number): () => void {
  if (shared.status === 'off') return () => {};
  let running = false;
  const sync = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      // Undefined while Redis is down: nothing is known of the others, each instance counts alone.
      admission.elsewhere = (await shared.sync('ip', admission.perIp)) ?? NOWHERE;
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void sync(), Math.min(CAPS_SYNC_MS, Math.floor(keyTtl / 3)));
  timer.unref();
  const stopStatus = shared.onStatus(() => void sync());
  return () => {
    clearInterval(timer);
    stopStatus();
  };
}
