/** Two course servers in this process sharing one throwaway redis-server (REDIS_URL). */
import { after } from 'node:test';
import { startRedis, type RedisUnderTest } from '../../test-support/redis.ts';
import type { ServerOptions } from '../settings.ts';
import { startServer, until, type Started } from './helpers.ts';

/** What /healthz says of Redis on the server at `url`. */
export async function redisHealth(url: string): Promise<string> {
  const res = await fetch(`${url}healthz`);
  return ((await res.json()) as { redis: string }).redis;
}

/** Resolves once every server's /healthz reports Redis as `state`. */
export async function untilRedis(servers: Started[], state: 'up' | 'down', timeoutMs = 10_000): Promise<void> {
  await until(async () => (await Promise.all(servers.map((s) => redisHealth(s.url)))).every((s) => s === state), timeoutMs);
}

/** A redis-server and two servers A and B sharing it, both connected; all stopped after the file's tests. */
export async function startPair(options: Partial<ServerOptions> = {}): Promise<{ redis: RedisUnderTest; a: Started; b: Started }> {
  const redis = await startRedis();
  after(() => redis.stop());
  const shared = { redisUrl: redis.url, redisKeyTtl: 1000, ...options };
  const [a, b] = await Promise.all([startServer(shared), startServer(shared)]);
  await untilRedis([a, b], 'up');
  return { redis, a, b };
}
