/**
 * Counts by key over the last few minutes: a ring of one bucket per minute, so that memory
 * stays bounded however long the server runs (a bucket is reused once its minute has left the window).
 */

/** One minute's counts. */
interface Bucket<K> {
  minute: number;
  counts: Map<K, number>;
}

/** Counts of the last `minutes` minutes, keyed by K (a close code, a refusal reason). */
export class MinuteRing<K> {
  private readonly buckets: Bucket<K>[];
  private readonly minutes: number;

  /** A ring covering `minutes` minutes, the current one included. */
  constructor(minutes: number) {
    this.minutes = minutes;
    this.buckets = Array.from({ length: minutes }, () => ({ minute: -Infinity, counts: new Map<K, number>() }));
  }

  /** Adds `count` to `key` in the minute of `now` (ms). */
  add(key: K, count: number, now: number): void {
    if (count <= 0) return;
    const minute = Math.floor(now / 60_000);
    const bucket = this.buckets[minute % this.minutes];
    if (bucket.minute !== minute) {
      bucket.minute = minute;
      bucket.counts.clear();
    }
    bucket.counts.set(key, (bucket.counts.get(key) ?? 0) + count);
  }

  /** The sums per key over the window that ends at `now`. */
  totals(now: number): Map<K, number> {
    const current = Math.floor(now / 60_000);
    const sums = new Map<K, number>();
    for (const bucket of this.buckets) {
      if (bucket.minute <= current - this.minutes || bucket.minute > current) continue;
      for (const [key, count] of bucket.counts) sums.set(key, (sums.get(key) ?? 0) + count);
    }
    return sums;
  }
}

/**
 * Feeds a ring from a cumulative counter (a Prometheus total): each reading adds what grew since
 * the last one.
 */
export class DeltaRing<K> {
  readonly ring: MinuteRing<K>;
  private last: ReadonlyMap<K, number> = new Map();

  /** A ring of `minutes` minutes fed by deltas. */
  constructor(minutes: number) {
    this.ring = new MinuteRing<K>(minutes);
  }

  /** Records the growth of each total since the previous reading. */
  read(totals: ReadonlyMap<K, number>, now: number): void {
    for (const [key, total] of totals) this.ring.add(key, total - (this.last.get(key) ?? 0), now);
    this.last = totals;
  }
}
