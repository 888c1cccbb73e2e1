/**
 * A throwaway real redis-server for tests and benchmarks: no persistence, loopback only, on a
 * free port that it keeps across kill and restart (so clients can reconnect to the same URL).
 */
import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { freePort, start, stop } from './processes.ts';
import { runs, skipUnless } from './programs.ts';

/** Debian's redis-server, as the tests call it. */
export const REDIS_SERVER = 'redis-server';

/** The `skip` option of tests that need redis-server (a failing test on CI when it is missing). */
export function skipUnlessRedis(): string | undefined {
  return skipUnless(runs(REDIS_SERVER, ['--version']), 'redis-server', 'redis-server');
}

/** One redis-server under test. */
export interface RedisUnderTest {
  /** Its port on 127.0.0.1, the same for its whole life. */
  readonly port: number;
  /** redis://127.0.0.1:port */
  readonly url: string;
  /** True while its process runs. */
  readonly running: boolean;
  /** SIGKILL, as a crash: clients see their connection reset. Resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was saved); resolves once it answers PING. */
  restart(): Promise<void>;
  /** SIGTERM (SIGKILL after a grace) and wait for exit; call it after the tests. */
  stop(): Promise<void>;
}

/** Resolves true once a PING on 127.0.0.1:port answers +PONG, false on any error or after timeoutMs. */
export function ping(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

/** Resolves once `child` answers PING on `port`; throws if it exits first or after timeoutMs. */
async function ready(child: ChildProcess, port: number, log: () => string, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once('exit', () => (exited = true));
  while (!exited && Date.now() < deadline) {
    if (await ping(port)) return;
    // Polling the other process's state: PING is the only readiness signal it gives.
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`redis-server on port ${port} ${exited ? 'exited' : 'did not answer PING'}:\n${log()}`);
}

/** Starts redis-server on a free port (or `port`) and resolves once it answers PING. */
export async function startRedis(port?: number): Promise<RedisUnderTest> {
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    let output = '';
    const args = ['--port', String(chosen), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--loglevel', 'warning'];
    const proc = start(REDIS_SERVER, args);
    proc.stdout?.on('data', (chunk) => (output += chunk));
    proc.stderr?.on('data', (chunk) => (output += chunk));
    child = proc;
    await ready(proc, chosen, () => output);
  };
  const running = (): boolean => child !== undefined && child.exitCode === null && child.signalCode === null;
  await launch();
  return {
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    get running() {
      return running();
    },
    async kill() {
      if (!child || !running()) return;
      const exited = new Promise<void>((resolve) => child!.once('exit', () => resolve()));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    async restart() {
      if (running()) await stop(child!);
      await launch();
    },
    async stop() {
      if (child) await stop(child);
    },
  };
}
