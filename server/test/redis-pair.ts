/** Two course servers in this process sharing one throwaway redis-server (REDIS_URL). */
import type { ChildProcess } from 'node:child_process';
import { after } from 'node:test';
import { start, stop } from '../../test-support/processes.ts';
import { startRedis, type RedisUnderTest } from '../../test-support/redis.ts';
import type { ServerOptions } from '../settings.ts';
import { startServer, until, type Started } from './helpers.ts';

/** What /healthz says of Redis on the server at `url`. */
export async function redisHealth(url: string): Promise<string> {
  const res = await fetch(`${url}healthz`);
  return ((await res.json()) as { redis: string }).redis;
}

/** Resolves once every server's /healthz reports Redis as `state`. */
export async function untilRedis(servers: { url: string }[], state: 'up' | 'down', timeoutMs = 10_000): Promise<void> {
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

const MAIN = new URL('../main.ts', import.meta.url).pathname;

/** A course server in a child process (node server/main.ts) with `env`; resolves once it listens. */
export async function startChild(env: Record<string, string>): Promise<{ child: ChildProcess; url: string; ws: string }> {
  const child = start(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent', LOG_LEVEL: 'error', SHUTDOWN_GRACE: '300', ...env },
  });
  after(() => stop(child));
  let out = '';
  child.stdout!.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the child server exited with ${code}: ${out}`)));
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const match = /Cours disponible sur (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  return { child, url, ws: url.replace(/^http/, 'ws') };
}
