/**
 * Several real instances of the course behind a real proxy, sharing state through a real Redis:
 * each piece runs from its documented file (server/deploy/), in processes of its own.
 */
import type { ChildProcess } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { freePort, start, stop, waitForPort } from '../../test-support/processes.ts';
import { until } from '../../test-support/wait.ts';
import { tempSite } from './helpers.ts';
import { waitForProxy } from './processes.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
/** Reads a file of server/deploy/. */
export const deployFile = (name: string): string => readFileSync(new URL(`../deploy/${name}`, import.meta.url), 'utf8');

function scratch(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A process that can be killed and started again on the same port. */
export interface Restartable {
  port: number;
  /** The running process (a new one after restart). */
  child(): ChildProcess;
  /** SIGKILL, as a crash; resolves once it has exited. */
  kill(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  restart(): Promise<void>;
}

/** Starts `launch()` and resolves once `port` accepts connections; `restart()` does it again. */
async function restartable(port: number, launch: () => ChildProcess): Promise<Restartable> {
  let child: ChildProcess;
  const up = async (): Promise<void> => {
    child = launch();
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    await waitForPort(port).catch(() => {
      throw new Error(`nothing listens on ${port}:\n${output}`);
    });
  };
  await up();
  after(() => stop(child, 200));
  return {
    port,
    child: () => child,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(-child.pid!, 'SIGKILL');
      await exited;
    },
    restart: up,
  };
}

/** The documented redis.conf, on a free port, with its password; resolves with its REDIS_URL. */
export async function startDocumentedRedis(): Promise<Restartable & { url: string }> {
  const conf = deployFile('redis.conf');
  const password = /^requirepass (\S+)$/m.exec(conf)?.[1];
  assert.ok(password, 'redis.conf sets requirepass');
  const dir = scratch('ws-course-redis-');
  writeFileSync(join(dir, 'redis.conf'), conf);
  const port = await freePort();
  // Arguments after the file override it: only the port changes.
  const redis = await restartable(port, () => start('redis-server', [join(dir, 'redis.conf'), '--port', String(port), '--dir', dir]));
  return { ...redis, url: `redis://:${password}@127.0.0.1:${port}` };
}

/** One instance of the course: `node server/main.ts` with these settings, on a free port. */
export async function startInstance(env: Record<string, string>): Promise<Restartable & { http: string }> {
  const port = await freePort();
  const settings = { HOST: '127.0.0.1', PORT: String(port), STATIC_DIR: tempSite(), LOG_LEVEL: 'error', SHUTDOWN_GRACE: '300', ...env };
  const instance = await restartable(port, () => start(process.execPath, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, ...settings } }));
  return { ...instance, http: `http://127.0.0.1:${port}` };
}

/** What an instance says about itself on /healthz, asked directly (not through the proxy). */
export async function health(instance: { http: string }): Promise<{ status: string; connections: number; redis?: string }> {
  const response = await fetch(`${instance.http}/healthz`);
  return response.json() as Promise<{ status: string; connections: number; redis?: string }>;
}

/** WebSockets an instance has accepted since it started (its /metrics, asked directly): only ever grows. */
export async function accepted(instance: { http: string }): Promise<number> {
  const text = await (await fetch(`${instance.http}/metrics`)).text();
  return [...text.matchAll(/^websocket_connections_total\{[^}]*\} (\d+)$/gm)].reduce((sum, [, n]) => sum + Number(n), 0);
}

/** Runs `open`, then tells on which of `instances` its WebSocket landed (whose accepted count grew). */
export async function landing<T>(instances: { http: string }[], open: () => Promise<T>): Promise<[T, number]> {
  const before = await Promise.all(instances.map(accepted));
  const opened = await open();
  let index = -1;
  await until(async () => {
    const now = await Promise.all(instances.map(accepted));
    index = now.findIndex((n, i) => n > before[i]);
    return index >= 0;
  });
  return [opened, index];
}

/** Runs nginx with the documented multi-instance config, pointed at the two instance ports. */
export async function startNginxInstances(ports: [number, number]): Promise<number> {
  const prefix = scratch('ws-course-nginx-');
  mkdirSync(join(prefix, 'tmp'));
  const port = await freePort();
  const site = deployFile('nginx-instances.conf')
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replaceAll('127.0.0.1:8081', `127.0.0.1:${ports[0]}`)
    .replaceAll('127.0.0.1:8082', `127.0.0.1:${ports[1]}`);
  assert.ok(site.includes(`listen 127.0.0.1:${port}`) && site.includes(`127.0.0.1:${ports[1]}`), 'the template markers moved');
  assert.doesNotMatch(site.replace(/upstream websockets_cours_sessions \{[^}]*\}/, ''), /\b(ip_hash|hash|sticky)\b/, 'only Socket.IO sessions are pinned');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/tmp/${t};`).join('\n');
  writeFileSync(join(prefix, 'nginx.conf'), `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\naccess_log off;\n${temp}\n${site}\n}\n`);
  const child = start('/usr/sbin/nginx', ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;']);
  after(() => stop(child, 200));
  await waitForProxy(port, () => `nginx did not start: ${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : ''}`);
  return port;
}

/** Runs Caddy with the documented multi-instance Caddyfile (plain HTTP on loopback, as deploy-caddy.test.ts does). */
export async function startCaddyInstances(ports: [number, number]): Promise<number> {
  const home = scratch('ws-course-caddy-');
  const port = await freePort();
  const site = deployFile('Caddyfile-instances')
    .replace('cours.exemple.fr {', `http://127.0.0.1:${port} {`)
    .replaceAll('127.0.0.1:8081', `127.0.0.1:${ports[0]}`)
    .replaceAll('127.0.0.1:8082', `127.0.0.1:${ports[1]}`);
  assert.ok(site.includes(`http://127.0.0.1:${port} {`) && site.includes(`127.0.0.1:${ports[1]}`), 'the template markers moved');
  writeFileSync(join(home, 'Caddyfile'), `{\n\tadmin off\n\tstorage file_system ${home}/data\n}\n\n${site}`);
  let output = '';
  const child = start('/usr/bin/caddy', ['run', '--config', join(home, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home },
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  after(() => stop(child, 200));
  await waitForProxy(port, () => `caddy did not start:\n${output}`);
  return port;
}
