/**
 * SharedState through Redis (REDIS_URL): pub/sub for the bus, per-instance hashes with a TTL
 * for the counters (redis-scripts.ts). Redis is never on anyone's critical path: nothing is
 * queued while it is down (commands fail at once), every command has a timeout, and callers
 * fall back to local state when they get `undefined`. Reconnection is the client's own, with
 * a capped backoff; subscriptions and this instance's contributions are restored on `ready`.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClientType } from '@redis/client';
import type { Logger } from '../log.ts';
import { REDIS_LOG } from '../messages.fr.ts';
import { LocalBus } from './memory-state.ts';
import { CLAIM, LEAVE, NEXT, PUT } from './redis-scripts.ts';
import type { SharedState, SharedStatus } from './shared-state.ts';

/** Every key and channel starts with this, so that the course can share a Redis with others. */
export const KEY_PREFIX = 'cours-ws:';

/** Longest wait for one Redis command before acting on local state instead. */
export const COMMAND_TIMEOUT_MS = 1000;

/** Commands in flight at most per connection; past that they fail rather than pile up. */
export const MAX_PENDING_COMMANDS = 10000;

/** Longest pause between two reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;

/** What the Redis state needs. */
export interface RedisStateOptions {
  url: string;
  /** Milliseconds after which a silent instance's counts are gone (heartbeat: a third of it). */
  keyTtl: number;
  log: Logger;
}

/** A SharedState through Redis, plus how long it has been degraded (for the metrics). */
export interface RedisState extends SharedState {
  /** Seconds spent with Redis configured but unreachable, since start. */
  degradedSeconds(): number;
  /** The two connections (commands, subscriptions) once the client library has loaded, for Socket.IO's adapter. */
  clients(): Promise<{ pub: RedisClientType; sub: RedisClientType } | undefined>;
}

/** Connects to Redis in the background and returns at once; the state is 'down' until connected. */
export function createRedisState(options: RedisStateOptions): RedisState {
  const { url, keyTtl, log } = options;
  const instanceId = randomUUID();
  const bus = new LocalBus();
  const mine = new Map<string, Map<string, number>>();
  const statusListeners = new Set<(status: SharedStatus) => void>();
  // Set once the client library has loaded (lazily: an instance without REDIS_URL never loads it).
  let client: RedisClientType | undefined;
  let subscriber: RedisClientType | undefined;
  // Commands awaiting their reply: a clean stop lets them land before withdrawing this instance.
  const inflight = new Set<Promise<unknown>>();
  let status: SharedStatus = 'down';
  let downSince = Date.now();
  let degradedMs = 0;
  let everUp = false;
  let closed = false;

  const onRemote = (raw: string, channel: string): void => {
    // Envelope: sender instance, newline, message. Our own comes back too: already delivered.
    const cut = raw.indexOf('\n');
    if (cut < 0 || raw.slice(0, cut) === instanceId) return;
    bus.publish(channel.slice(KEY_PREFIX.length), raw.slice(cut + 1));
  };
  const evaluate = (script: string, keys: string[], args: string[]): Promise<unknown> => {
    if (!client) return Promise.reject(new Error('Redis not loaded'));
    const reply = client.eval(script, { keys, arguments: args });
    inflight.add(reply);
    return reply.finally(() => inflight.delete(reply));
  };
  const put = (group: string, replace: boolean, query: string, pairs: string[]) =>
    evaluate(PUT, [], [KEY_PREFIX, instanceId, String(keyTtl), group, replace ? '1' : '0', query, ...pairs]);
  const flatten = (values: ReadonlyMap<string, number>): string[] => {
    const pairs: string[] = [];
    for (const [key, value] of values) if (value > 0) pairs.push(key, String(value));
    return pairs;
  };
  /** Rewrites every contribution of this instance and renews its TTL. */
  const refresh = async (): Promise<void> => {
    for (const [group, values] of mine) await put(group, true, '', flatten(values));
  };

  const setStatus = (next: SharedStatus): void => {
    if (next === status || closed) return;
    status = next;
    if (next === 'down') {
      downSince = Date.now();
      log.error(REDIS_LOG.lost);
    } else {
      degradedMs += Date.now() - downSince;
      log.info(everUp ? REDIS_LOG.back : REDIS_LOG.connected);
      everUp = true;
      refresh().catch(() => {});
    }
    for (const listener of statusListeners) listener(next);
  };
  const check = (): void => setStatus(client?.isReady && subscriber?.isReady ? 'up' : 'down');
  let startupCheck: NodeJS.Timeout | undefined;
  const loaded = import('@redis/client').then(({ createClient }) => {
    if (closed) return undefined;
    const main = createClient({
      url,
      disableOfflineQueue: true,
      commandsQueueMaxLength: MAX_PENDING_COMMANDS,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS, rejectInFlight: true },
      socket: { connectTimeout: COMMAND_TIMEOUT_MS * 2, reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) },
    }) as RedisClientType;
    const sub = main.duplicate();
    [client, subscriber] = [main, sub];
    // Degraded time counts from the first attempt, not from the library's loading.
    downSince = Date.now();
    // One line if Redis is not there at start (counted from the first attempt, not from the
    // library's loading); later changes log themselves in setStatus.
    startupCheck = setTimeout(() => {
      if (status === 'down' && !everUp) log.error(REDIS_LOG.unreachableAtStart);
    }, COMMAND_TIMEOUT_MS * 2);
    startupCheck.unref();
    for (const c of [main, sub]) {
      // Errors are state changes here, not crashes; the reconnect strategy keeps trying.
      c.on('error', () => check());
      c.on('ready', () => {
        if (c === sub) for (const channel of bus.channelNames()) sub.subscribe(KEY_PREFIX + channel, onRemote).catch(() => {});
        check();
      });
      c.on('end', check);
      c.on('reconnecting', check);
      c.connect().catch(() => {});
    }
    return { pub: main, sub };
  });
  const heartbeat = setInterval(() => {
    if (status === 'up') refresh().catch(() => {});
  }, Math.max(50, Math.floor(keyTtl / 3)));
  heartbeat.unref();

  return {
    instanceId,
    get status() {
      return status;
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    publish(channel, message) {
      bus.publish(channel, message);
      if (status === 'up') client!.publish(KEY_PREFIX + channel, `${instanceId}\n${message}`).catch(() => {});
    },
    subscribe(channel, listener) {
      const { first, unsubscribe } = bus.subscribe(channel, listener);
      if (first && subscriber?.isReady) subscriber.subscribe(KEY_PREFIX + channel, onRemote).catch(() => {});
      return () => {
        if (unsubscribe() && subscriber?.isReady) subscriber.unsubscribe(KEY_PREFIX + channel, onRemote).catch(() => {});
      };
    },
    async count(group, key, local) {
      let values = mine.get(group);
      if (!values) mine.set(group, (values = new Map()));
      if (local > 0) values.set(key, local);
      else values.delete(key);
      if (status !== 'up') return undefined;
      try {
        return Number(await put(group, false, `=${key}`, [key, String(local)]));
      } catch {
        return undefined;
      }
    },
    async sync(group, local) {
      mine.set(group, new Map(local));
      if (status !== 'up') return undefined;
      try {
        const flat = (await put(group, true, '*', flatten(local))) as string[];
        const others = new Map<string, number>();
        for (let i = 0; i < flat.length; i += 2) others.set(flat[i], Number(flat[i + 1]));
        return others;
      } catch {
        return undefined;
      }
    },
    async next(sequence, atLeast) {
      if (status !== 'up') return undefined;
      try {
        return Number(await evaluate(NEXT, [`${KEY_PREFIX}seq:${sequence}`], [String(atLeast)]));
      } catch {
        return undefined;
      }
    },
    async claim(name, ttlMs) {
      if (status !== 'up') return undefined;
      try {
        return Number(await evaluate(CLAIM, [`${KEY_PREFIX}lock:${name}`], [instanceId, String(ttlMs)])) === 1;
      } catch {
        return undefined;
      }
    },
    clients: () => loaded,
    degradedSeconds() {
      return (degradedMs + (status === 'down' && !closed ? Date.now() - downSince : 0)) / 1000;
    },
    async close() {
      if (closed) return;
      clearInterval(heartbeat);
      clearTimeout(startupCheck);
      // Replies still due (a leaving member's count) land, and what their callers publish next is
      // queued before LEAVE on the same connection: Redis has relayed it by the time LEAVE answers.
      await Promise.allSettled([...inflight]);
      await new Promise((resolve) => setImmediate(resolve));
      if (status === 'up') await evaluate(LEAVE, [], [KEY_PREFIX, instanceId, ...mine.keys()]).catch(() => {});
      if (status === 'down') degradedMs += Date.now() - downSince;
      closed = true;
      client?.destroy();
      subscriber?.destroy();
    },
  };
}
