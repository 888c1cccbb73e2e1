/**
 * The broadcast fan-out benchmark: one sender, N receivers in one /chat room, against one
 * instance without Redis (the baseline) and against two instances sharing the room through a
 * real redis-server (receivers spread over both). Servers and Redis on core 0, the generator on
 * core 1. CPU per delivered message counts the instances, and separately Redis.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, start, stop, waitForPort } from '../test-support/processes.ts';
import { cpuSeconds, jsonLines } from './process-stats.ts';
import { median, type Summary } from './stats.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_CORE = 0;
const CLIENT_CORE = 1;
const REDIS_SERVER = '/usr/bin/redis-server';

/** The settings of one fan-out run. */
export interface FanoutPlan {
  receivers: number[];
  /** Broadcasts in flight at once. */
  window: number;
  /** Bytes of each chat text. */
  size: number;
  warmupMs: number;
  durationMs: number;
  rounds: number;
}

/** One receiver count against one setup. */
export interface FanoutCell {
  receivers: number;
  deliveriesPerSecond: number;
  broadcastsPerSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU of the course instances per delivered message, µs. */
  serverCpuMicrosPerDelivery: number;
  /** CPU of redis-server per delivered message, µs (0 without Redis). */
  redisCpuMicrosPerDelivery: number;
  clientCpuShare: number;
  closedByServer: Record<string, number>;
  rounds: number;
}

/** Both setups, cell by cell. */
export interface FanoutResult {
  single: FanoutCell[];
  redis: FanoutCell[];
}

interface Setup {
  urls: string[];
  pids: number[];
  redisPid?: number;
  children: ChildProcess[];
}

async function instance(extraEnv: Record<string, string>, staticDir: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const env = {
    ...process.env, PORT: String(port), HOST: '127.0.0.1', STATIC_DIR: staticDir, LOG_LEVEL: 'error',
    RATE_LIMIT: '0', MAX_CONNECTIONS_PER_IP: '1000000', MAX_CONNECTIONS: '1000000', ...extraEnv,
  };
  const child = start(process.execPath, ['server/main.ts'], { cwd: ROOT, env, core: SERVER_CORE });
  child.stdout!.resume();
  child.stderr!.resume();
  await waitForPort(port);
  return { child, url: `ws://127.0.0.1:${port}/chat` };
}

async function startSetup(withRedis: boolean, staticDir: string): Promise<Setup> {
  if (!withRedis) {
    const one = await instance({}, staticDir);
    return { urls: [one.url], pids: [one.child.pid!], children: [one.child] };
  }
  const redisPort = await freePort();
  const redis = start(REDIS_SERVER, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { core: SERVER_CORE });
  redis.stdout!.resume();
  redis.stderr!.resume();
  await waitForPort(redisPort);
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}` };
  const both = [await instance(env, staticDir), await instance(env, staticDir)];
  return { urls: both.map((b) => b.url), pids: both.map((b) => b.child.pid!), redisPid: redis.pid, children: [...both.map((b) => b.child), redis] };
}

/** µs to ms; a summary of no samples crossed JSON as null, which means "no figure". */
const ms = (micros: number | null): number => (micros === null ? NaN : micros / 1000);

async function cell(setup: Setup, receivers: number, plan: FanoutPlan): Promise<FanoutCell> {
  const config = { urls: setup.urls, receivers, window: plan.window, size: plan.size, warmupMs: plan.warmupMs, durationMs: plan.durationMs };
  const gen = start(process.execPath, ['bench/fanout-generator.ts', JSON.stringify(config)], { cwd: ROOT, core: CLIENT_CORE, stdio: ['ignore', 'pipe', 'inherit'] });
  gen.stdout!.setEncoding('utf8');
  const cpu = () => setup.pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const redisCpu = () => (setup.redisPid ? cpuSeconds(setup.redisPid) : 0);
  let atStart = { server: 0, redis: 0 };
  let result: FanoutCell | undefined;
  for await (const line of jsonLines(gen)) {
    if (line.event === 'start') atStart = { server: cpu(), redis: redisCpu() };
    if (line.event !== 'end') continue;
    const end = line as unknown as { seconds: number; deliveries: number; broadcasts: number; latencyMicros: Summary; clientCpuShare: number; closedByServer: Record<string, number> };
    const per = (seconds: number) => (end.deliveries ? (seconds * 1e6) / end.deliveries : NaN);
    result = {
      receivers,
      deliveriesPerSecond: end.deliveries / end.seconds,
      broadcastsPerSecond: end.broadcasts / end.seconds,
      latencyMs: { p50: ms(end.latencyMicros.p50), p99: ms(end.latencyMicros.p99), max: ms(end.latencyMicros.max) },
      serverCpuMicrosPerDelivery: per(cpu() - atStart.server),
      redisCpuMicrosPerDelivery: per(redisCpu() - atStart.redis),
      clientCpuShare: end.clientCpuShare,
      closedByServer: end.closedByServer,
      rounds: 1,
    };
  }
  await stop(gen);
  if (!result) throw new Error(`fan-out generator gave no result for ${receivers} receivers`);
  return result;
}

function medianOf(runs: FanoutCell[]): FanoutCell {
  const of = (pick: (c: FanoutCell) => number) => median(runs.map(pick).filter((v) => !Number.isNaN(v)));
  return {
    ...runs.at(-1)!,
    deliveriesPerSecond: of((c) => c.deliveriesPerSecond),
    broadcastsPerSecond: of((c) => c.broadcastsPerSecond),
    latencyMs: { p50: of((c) => c.latencyMs.p50), p99: of((c) => c.latencyMs.p99), max: of((c) => c.latencyMs.max) },
    serverCpuMicrosPerDelivery: of((c) => c.serverCpuMicrosPerDelivery),
    redisCpuMicrosPerDelivery: of((c) => c.redisCpuMicrosPerDelivery),
    clientCpuShare: of((c) => c.clientCpuShare),
    rounds: runs.length,
  };
}

/** Runs the fan-out benchmark; `log` reports progress. Setups alternate within each round. */
export async function benchFanout(plan: FanoutPlan, log: (line: string) => void): Promise<FanoutResult> {
  const staticDir = mkdtempSync(path.join(tmpdir(), 'ws-course-fanout-'));
  const setups = { single: await startSetup(false, staticDir), redis: await startSetup(true, staticDir) };
  const runs: Record<keyof FanoutResult, FanoutCell[][]> = { single: [], redis: [] };
  try {
    for (let round = 1; round <= plan.rounds; round++) {
      const order = (round % 2 ? ['single', 'redis'] : ['redis', 'single']) as (keyof FanoutResult)[];
      for (const [i, receivers] of plan.receivers.entries()) {
        for (const id of order) {
          log(`  ${plan.rounds > 1 ? `round ${round}/${plan.rounds}, ` : ''}${id === 'single' ? 'one instance' : 'two instances + Redis'}: ${receivers} receivers`);
          (runs[id][i] ??= []).push(await cell(setups[id], receivers, plan));
          // Let the servers see the closes (and the leaves go round) before the next cell.
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }
  } finally {
    await Promise.all([...setups.single.children, ...setups.redis.children].map((c) => stop(c)));
    rmSync(staticDir, { recursive: true, force: true });
  }
  return { single: runs.single.map(medianOf), redis: runs.redis.map(medianOf) };
}
