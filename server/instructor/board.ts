/**
 * The instructor's board: the latest snapshot of every instance (this one and, with Redis, the
 * others), merged into what the page shows. An instance silent for STALE_AFTER_MS is dropped:
 * it stopped, or lost Redis, and its learners are no longer counted twice when they reconnect elsewhere.
 */
import { explainCloseCode } from '../../shared/close-codes.ts';
import { INSTANCE_SNAPSHOT, MAX_CODES, MAX_ROOMS, MAX_ROUTES, WINDOW_MINUTES, top, type InstanceSnapshot } from './snapshot.ts';

/** An instance whose last snapshot is older than this is left out. */
export const STALE_AFTER_MS = 5000;
/** Instances the board remembers at most (a school runs a handful). */
export const MAX_INSTANCES = 64;
/** Longest snapshot message accepted from the bus, in characters. */
export const MAX_SNAPSHOT_CHARS = 16 * 1024;

/** What the page receives every second. */
export interface BoardView {
  instances: number;
  routes: [string, number][];
  others: number;
  rooms: [string, number][];
  roomsMore: boolean;
  rate: { in: number; out: number };
  closes: { code: number; count: number; explanation: string }[];
  refusals: Record<string, number>;
  windowMinutes: number;
}

/** Adds each pair's count to `into`. */
function addAll<K>(into: Map<K, number>, pairs: readonly (readonly [K, number])[]): void {
  for (const [key, n] of pairs) into.set(key, (into.get(key) ?? 0) + n);
}

/** The snapshots of every instance, and their sum. */
export class Board {
  private readonly latest = new Map<string, { snapshot: InstanceSnapshot; receivedAt: number }>();

  /** Keeps a snapshot heard on the bus; anything malformed or oversized is ignored (returns false). */
  receive(message: string, now: number): boolean {
    if (message.length > MAX_SNAPSHOT_CHARS) return false;
    let data: unknown;
    try {
      data = JSON.parse(message);
    } catch {
      return false;
    }
    const parsed = INSTANCE_SNAPSHOT.safeParse(data);
    if (!parsed.success) return false;
    return this.put(parsed.data, now);
  }

  /**
   * Keeps the newest snapshot of an instance. Timed on arrival, not by the sender's clock:
   * machines need not agree on the time.
   */
  put(snapshot: InstanceSnapshot, now: number): boolean {
    if (!this.latest.has(snapshot.instance)) {
      this.forgetStale(now);
      if (this.latest.size >= MAX_INSTANCES) return false;
    }
    this.latest.set(snapshot.instance, { snapshot, receivedAt: now });
    return true;
  }

  /** The sum over the instances heard from recently. */
  view(now: number): BoardView {
    this.forgetStale(now);
    const routes = new Map<string, number>();
    const rooms = new Map<string, number>();
    const closes = new Map<number, number>();
    const refusals = new Map<string, number>();
    const view: BoardView = { instances: this.latest.size, routes: [], others: 0, rooms: [], roomsMore: false, rate: { in: 0, out: 0 }, closes: [], refusals: {}, windowMinutes: WINDOW_MINUTES };
    for (const { snapshot } of this.latest.values()) {
      addAll(routes, snapshot.routes);
      addAll(rooms, snapshot.rooms);
      addAll(closes, snapshot.closes);
      addAll(refusals, snapshot.refusals);
      view.others += snapshot.others;
      view.roomsMore ||= snapshot.roomsMore;
      view.rate.in += snapshot.rate.in;
      view.rate.out += snapshot.rate.out;
    }
    view.routes = [...routes].sort((a, b) => (a[0] < b[0] ? -1 : 1)).slice(0, MAX_ROUTES);
    view.rooms = top(rooms, MAX_ROOMS);
    view.roomsMore ||= rooms.size > MAX_ROOMS;
    view.rate = { in: Math.round(view.rate.in * 10) / 10, out: Math.round(view.rate.out * 10) / 10 };
    view.closes = top(closes, MAX_CODES).map(([code, count]) => ({ code, count, explanation: explainCloseCode(code) }));
    view.refusals = Object.fromEntries(refusals);
    return view;
  }

  private forgetStale(now: number): void {
    for (const [instance, { receivedAt }] of this.latest) if (now - receivedAt > STALE_AFTER_MS) this.latest.delete(instance);
  }
}
