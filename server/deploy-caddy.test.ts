/** The documented Caddyfile, run by a real Caddy in front of the server (as deploy.test.ts does for nginx). */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './test/helpers.ts';
import { assertPerClientCap, assertProxiesTheCourse, freePort, waitForProxy } from './test/processes.ts';
import { skipUnless } from '../test-support/programs.ts';

const CADDY = '/usr/bin/caddy';
const skip = skipUnless(existsSync(CADDY), 'Caddy', 'caddy');

/**
 * Runs Caddy with the documented Caddyfile, pointed at upstreamPort. The public name becomes a
 * plain-HTTP loopback address (no certificate can be had offline); the rest is the file as shipped.
 */
async function startCaddy(upstreamPort: number): Promise<number> {
  const home = mkdtempSync(join(tmpdir(), 'ws-course-caddy-'));
  after(() => rmSync(home, { recursive: true, force: true }));
  const port = await freePort();
  const shipped = readFileSync(new URL('./deploy/Caddyfile', import.meta.url), 'utf8');
  const site = shipped.replace('cours.exemple.fr {', `http://127.0.0.1:${port} {`).replaceAll('127.0.0.1:8080', `127.0.0.1:${upstreamPort}`);
  assert.ok(site.includes(`http://127.0.0.1:${port} {`) && site.includes(`reverse_proxy 127.0.0.1:${upstreamPort}`), 'the template markers moved');
  // Global options first: no admin endpoint (tests run in parallel) and nothing written outside `home`.
  writeFileSync(join(home, 'Caddyfile'), `{\n\tadmin off\n\tstorage file_system ${home}/data\n}\n\n${site}`);
  let output = '';
  const child = spawn(CADDY, ['run', '--config', join(home, 'Caddyfile'), '--adapter', 'caddyfile'], {
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  after(() => child.kill('SIGKILL'));
  await waitForProxy(port, () => `caddy did not start:\n${output}`);
  return port;
}

test('the documented Caddyfile carries WebSockets, with the page Origin accepted, and hides /metrics', { skip }, async () => {
  const server = await startServer({ trustProxy: true, updatesInterval: 100 });
  const port = await startCaddy(server.port);
  await assertProxiesTheCourse(port, 'Caddy');
});

test('behind Caddy with trust-proxy, each client counts under its own address, forged headers ignored', { skip }, async () => {
  const server = await startServer({ trustProxy: true, maxConnectionsPerIp: 1 });
  const port = await startCaddy(server.port);
  await assertPerClientCap(port);
});
