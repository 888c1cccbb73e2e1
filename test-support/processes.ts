/**
 * Programs started beside the code under test (nginx, Caddy, PHP, the servers of the benchmark):
 * each in its own process group, optionally pinned to a core, all killed at exit; and free ports.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';

const children = new Set<ChildProcess>();
const hasTaskset = ['/usr/bin/taskset', '/bin/taskset'].some((p) => existsSync(p));

/** True when children can be pinned to a core with taskset. */
export const PINNING = hasTaskset;

/** Spawns `command` in a new process group, pinned to `core` when taskset exists; it is killed at exit. */
export function start(command: string, args: string[], options: SpawnOptions & { core?: number } = {}): ChildProcess {
  const { core, ...rest } = options;
  // taskset execs the command, so the pid we get is the benchmarked process itself.
  const [cmd, argv] = core !== undefined && hasTaskset ? ['taskset', ['-c', String(core), command, ...args]] : [command, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...rest, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Kills a child's whole process group and waits for it to exit (SIGKILL after `graceMs`). */
export async function stop(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Kills every child still running, synchronously (usable from an exit handler). */
export function killAll(): void {
  for (const child of children) signalGroup(child, 'SIGKILL');
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:`port` (bounded by `timeoutMs`). */
export async function waitForPort(port: number, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    // Polling is the only way to see a port open in another process; this is not a fixed wait.
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on port ${port} after ${timeoutMs} ms`);
}
