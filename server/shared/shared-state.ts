/**
 * What instances of the course server share: a publish/subscribe bus and counters that each
 * instance contributes to. In memory (the default) there is one instance and nothing to share;
 * with REDIS_URL the same interface goes through Redis (redis-state.ts). Callers never wait on
 * Redis to serve anyone: when it is down they get `undefined` and act on local state.
 */

/** off: REDIS_URL unset (one instance); up: connected; down: configured but unreachable. */
export type SharedStatus = 'off' | 'up' | 'down';

/** Receives the messages published on one channel. */
export type BusListener = (message: string) => void;

/** The state shared between the instances of one course. */
export interface SharedState {
  /** This instance's name among the others (random, unique per process start). */
  readonly instanceId: string;
  /** Whether sharing works right now. */
  readonly status: SharedStatus;
  /** Called on every change of status (up ↔ down); returns what unsubscribes. */
  onStatus(listener: (status: SharedStatus) => void): () => void;
  /**
   * Sends `message` to the subscribers of `channel` on every instance, this one included,
   * exactly once each: local subscribers synchronously, the others through Redis when it is up.
   * Nothing is queued while Redis is down: other instances miss it.
   */
  publish(channel: string, message: string): void;
  /** Calls `listener` with each message published on `channel`; returns what unsubscribes. */
  subscribe(channel: string, listener: BusListener): () => void;
  /**
   * Sets this instance's contribution to counter `key` of `group` (it expires with this
   * instance, see keyTtl) and resolves with the sum over all live instances; undefined when
   * nothing is shared (off or down).
   */
  count(group: string, key: string, local: number): Promise<number | undefined>;
  /**
   * Replaces this instance's whole contribution to `group` and resolves with what the OTHER
   * live instances contribute, by key (zeros left out); undefined when nothing is shared.
   */
  sync(group: string, local: ReadonlyMap<string, number>): Promise<Map<string, number> | undefined>;
  /** Adds one to a shared sequence and resolves with the new value; undefined when nothing is shared. */
  next(sequence: string, atLeast: number): Promise<number | undefined>;
  /**
   * Takes or keeps the lock `name` for ttlMs (renewing it when this instance holds it already):
   * true when this instance holds it, false when another does, undefined when nothing is shared.
   */
  claim(name: string, ttlMs: number): Promise<boolean | undefined>;
  /** Stops heartbeats and closes connections; this instance's contributions are withdrawn. */
  close(): Promise<void>;
}
