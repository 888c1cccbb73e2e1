/** The deployment files, exercised: a real nginx runs the documented config; unit and image settings parse. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './settings-cli.ts';
import { startServer } from './test/helpers.ts';
import { assertPerClientCap, assertProxiesTheCourse, freePort, upgradeFrom, waitForProxy } from './test/processes.ts';
import { skipUnless } from '../test-support/programs.ts';

const NGINX = '/usr/sbin/nginx';
const skip = skipUnless(existsSync(NGINX), 'nginx', 'nginx');
const deployFile = (name: string): string => readFileSync(new URL(`./deploy/${name}`, import.meta.url), 'utf8');

/** Runs nginx with the documented site config, pointed at upstreamPort; resolves with its port. */
async function startNginx(upstreamPort: number): Promise<number> {
  const prefix = mkdtempSync(join(tmpdir(), 'ws-course-nginx-'));
  after(() => rmSync(prefix, { recursive: true, force: true }));
  mkdirSync(join(prefix, 'tmp'));
  const port = await freePort();
  const site = deployFile('nginx.conf')
    .replace('listen 80;', `listen 127.0.0.1:${port};`)
    .replaceAll('127.0.0.1:8080', `127.0.0.1:${upstreamPort}`);
  assert.ok(site.includes(`127.0.0.1:${upstreamPort}`) && site.includes(`listen 127.0.0.1:${port}`), 'the template markers moved');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/tmp/${t};`).join('\n');
  writeFileSync(join(prefix, 'nginx.conf'), `pid ${prefix}/nginx.pid;\nerror_log ${prefix}/error.log;\nevents {}\nhttp {\naccess_log off;\n${temp}\n${site}\n}\n`);
  const child = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'], { stdio: 'ignore' });
  after(() => child.kill('SIGKILL'));
  await waitForProxy(port, () => `nginx did not start: ${existsSync(join(prefix, 'error.log')) ? readFileSync(join(prefix, 'error.log'), 'utf8') : ''}`);
  return port;
}

test('the documented nginx config carries WebSockets, with the page Origin accepted', { skip }, async () => {
  const server = await startServer({ trustProxy: true, updatesInterval: 100 });
  const port = await startNginx(server.port);
  await assertProxiesTheCourse(port, 'nginx');
});

test('behind nginx with trust-proxy, each client counts under its own address, forged headers ignored', { skip }, async () => {
  const server = await startServer({ trustProxy: true, maxConnectionsPerIp: 1 });
  const port = await startNginx(server.port);
  await assertPerClientCap(port);
});

test('behind nginx without trust-proxy, X-Forwarded-For is ignored (all clients are the proxy)', { skip }, async () => {
  const server = await startServer({ trustProxy: false, maxConnectionsPerIp: 1 });
  const port = await startNginx(server.port);
  assert.equal(await upgradeFrom(port, '127.0.0.2'), 101);
  assert.equal(await upgradeFrom(port, '127.0.0.3'), 429);
});

/** KEY=value pairs from the lines starting with prefix (systemd Environment=, Docker ENV). */
function envFrom(text: string, prefix: RegExp): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = prefix.exec(line);
    if (!match) continue;
    for (const pair of line.slice(match[0].length).trim().split(/\s+/)) {
      const [key, ...value] = pair.split('=');
      env[key] = value.join('=');
    }
  }
  return env;
}

test('the systemd unit, Dockerfile and Caddyfile agree with the settings', () => {
  const unit = envFrom(deployFile('websockets-cours.service'), /^Environment=/);
  const image = envFrom(deployFile('Dockerfile'), /^ENV /);
  for (const env of [unit, image]) {
    const { NODE_ENV: _ignored, ...settings } = env;
    assert.equal(loadConfig([], settings).kind, 'options', JSON.stringify(settings));
  }
  assert.equal(unit.TRUST_PROXY, 'true');
  assert.ok(deployFile('Caddyfile').includes(`reverse_proxy ${unit.HOST}:${unit.PORT}`));
  assert.ok(deployFile('nginx.conf').includes(`proxy_pass http://${unit.HOST}:${unit.PORT};`));
});

test('the README shows the deployment files exactly as they are', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const name of ['nginx.conf', 'Caddyfile', 'websockets-cours.service']) {
    assert.ok(readme.includes(deployFile(name).trimEnd()), `${name} differs from its copy in README.md`);
  }
});
