/**
 * One instance's view of its class, taken every second from its metrics and published on the
 * bus: small (every list has a cap), and validated again by whoever receives it.
 */
import { z } from 'zod';
import type { MetricsReading } from '../metrics.ts';
import { DeltaRing } from './minute-ring.ts';

/** Minutes of closes and refusals the view shows. */
export const WINDOW_MINUTES = 10;
/** Chat rooms listed, the fullest first. */
export const MAX_ROOMS = 30;
/** Close codes listed, the most frequent first. */
export const MAX_CODES = 20;
/** Routes listed (the course has about ten). */
export const MAX_ROUTES = 32;

const count = z.number().int().min(0).max(1e9);
const named = z.tuple([z.string().max(100), count]);

/** What an instance publishes; the schema bounds what a receiver accepts. */
export const INSTANCE_SNAPSHOT = z.object({
  instance: z.string().min(1).max(64),
  routes: z.array(named).max(MAX_ROUTES),
  /** Long-lived connections that are not WebSockets of a route: Socket.IO, SSE, long polls. */
  others: count,
  rooms: z.array(named).max(MAX_ROOMS),
  /** More rooms are open than listed. */
  roomsMore: z.boolean(),
  /** Messages per second, received and sent, over the last interval. */
  rate: z.object({ in: z.number().min(0).max(1e9), out: z.number().min(0).max(1e9) }),
  closes: z.array(z.tuple([z.number().int().min(0).max(65535), count])).max(MAX_CODES),
  refusals: z.array(z.tuple([z.string().max(32), count])).max(16),
});

/** One instance's snapshot. */
export type InstanceSnapshot = z.infer<typeof INSTANCE_SNAPSHOT>;

/** The largest counts first (ties in key order), at most `max` of them. */
export function top<K extends string | number>(counts: ReadonlyMap<K, number>, max: number): [K, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, max);
}

/** Where the sampler reads from: the server's metrics, nothing of its own. */
export interface SamplerSource {
  instance: string;
  read(): Promise<MetricsReading>;
  /** Long-lived connections of every kind (admission's count). */
  admitted(): number;
}

const tenths = (n: number): number => Math.round(n * 10) / 10;

/** Creates a sampler: each call reads the metrics and returns the snapshot at `now`. */
export function createSampler(source: SamplerSource, startedAt: number): (now: number) => Promise<InstanceSnapshot> {
  const closes = new DeltaRing<number>(WINDOW_MINUTES);
  const refusals = new DeltaRing<string>(WINDOW_MINUTES);
  let last = { at: startedAt, in: 0, out: 0 };
  return async (now) => {
    const reading = await source.read();
    closes.read(reading.closes, now);
    refusals.read(reading.refusals, now);
    const seconds = Math.max(now - last.at, 1) / 1000;
    const rate = {
      in: tenths(Math.max(0, reading.messagesIn - last.in) / seconds),
      out: tenths(Math.max(0, reading.messagesOut - last.out) / seconds),
    };
    last = { at: now, in: reading.messagesIn, out: reading.messagesOut };
    let sockets = 0;
    for (const n of reading.routes.values()) sockets += n;
    return {
      instance: source.instance,
      routes: top(reading.routes, MAX_ROUTES),
      others: Math.max(0, source.admitted() - sockets),
      rooms: top(reading.rooms, MAX_ROOMS),
      roomsMore: reading.rooms.size > MAX_ROOMS,
      rate,
      closes: top(closes.ring.totals(now), MAX_CODES),
      refusals: top(refusals.ring.totals(now), 16),
    };
  };
}
