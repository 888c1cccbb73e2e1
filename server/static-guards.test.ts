import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { IMMUTABLE_CACHE, PAGE_CSP, PAGE_FRAME_CSP, RUNNER_CSP } from './security-headers.ts';
import { startServer, tempSite } from './test/helpers.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

/** Sends `method path` exactly as written (no URL normalisation on the client side). */
function send(url: string, method: string, path: string): Promise<Answer> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, method, path, headers: { 'Accept-Encoding': 'identity' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    })
      .on('error', reject)
      .end();
  });
}

test('dotfiles are 404s, whichever way their name is written', async () => {
  const dir = tempSite();
  writeFileSync(join(dir, '.env'), 'SECRET=1');
  mkdirSync(join(dir, '.git'));
  writeFileSync(join(dir, '.git', 'config'), '[core]');
  writeFileSync(join(dir, '_astro', '.x'), 'hidden');
  const { url } = await startServer({ staticDir: dir });
  for (const path of ['/.env', '/.git/config', '/_astro/.x', '/%2Eenv', '/_astro/%2ex', '/runner/../.env', '//.env']) {
    const answer = await send(url, 'GET', path);
    assert.equal(answer.status, 404, path);
    assert.doesNotMatch(answer.body, /SECRET|core|hidden/, path);
  }
});

test('a symbolic link that leads outside the static folder is a 404; one inside it is served', async () => {
  const dir = tempSite();
  const outside = mkdtempSync(join(tmpdir(), 'ws-course-outside-'));
  after(() => rmSync(outside, { recursive: true, force: true }));
  writeFileSync(join(outside, 'secret.txt'), 'secret');
  symlinkSync(join(outside, 'secret.txt'), join(dir, 'leak.txt'));
  symlinkSync(outside, join(dir, 'elsewhere'));
  symlinkSync(join(dir, 'index.html'), join(dir, 'home.html'));
  const { url } = await startServer({ staticDir: dir });
  assert.equal((await send(url, 'GET', '/leak.txt')).status, 404);
  assert.equal((await send(url, 'GET', '/elsewhere/secret.txt')).status, 404);
  assert.equal((await send(url, 'GET', '/home.html')).status, 200);
});

test('a Unix socket in the static folder is a 404, not a crash', async () => {
  const dir = tempSite();
  const listener = createNetServer();
  await new Promise<void>((resolve) => listener.listen(join(dir, 'sock.js'), resolve));
  after(() => listener.close());
  const { url } = await startServer({ staticDir: dir });
  assert.equal((await send(url, 'GET', '/sock.js')).status, 404);
  assert.equal((await send(url, 'GET', '/')).status, 200);
});

test('only GET and HEAD: 405 with Allow otherwise, and OPTIONS 204 for the cross-origin assets', async () => {
  const { url } = await startServer();
  for (const [method, path] of [['POST', '/'], ['PUT', '/index.html'], ['DELETE', '/_astro/app.abc123.js'], ['OPTIONS', '/'], ['PATCH', '/nowhere']]) {
    const answer = await send(url, method, path);
    assert.equal(answer.status, 405, `${method} ${path}`);
    assert.equal(answer.headers.allow, path.startsWith('/_astro/') ? 'GET, HEAD, OPTIONS' : 'GET, HEAD', `${method} ${path}`);
  }
  const preflight = await send(url, 'OPTIONS', '/_astro/app.abc123.js');
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], '*');
  assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
  assert.equal((await send(url, 'HEAD', '/')).status, 200);
});

test('security headers follow the decoded, normalised path of the file served', async () => {
  const dir = tempSite();
  writeFileSync(join(dir, 'runner.html'), '<!doctype html><title>runner</title>');
  const { url } = await startServer({ staticDir: dir });
  for (const path of ['/runner.html', '/%72unner.html', '/runner/../runner.html', '//runner.html', '/_astro/../runner.html', '/x/%2e%2e/runner.html', '/%72unner/']) {
    const answer = await send(url, 'GET', path);
    assert.equal(answer.status, 200, path);
    assert.equal(answer.headers['content-security-policy'], RUNNER_CSP, path);
    assert.equal(answer.headers['access-control-allow-origin'], undefined, path);
  }
  mkdirSync(join(dir, 'runner', 'page'), { recursive: true });
  writeFileSync(join(dir, 'runner', 'page', 'index.html'), '<!doctype html><title>page</title>');
  for (const path of ['/runner/page/', '/%72unner/page/', '/runner/x/../page/']) {
    assert.equal((await send(url, 'GET', path)).headers['content-security-policy'], PAGE_FRAME_CSP, path);
  }
  for (const path of ['/%5F%61stro/app.abc123.js', '//_astro/app.abc123.js']) {
    const answer = await send(url, 'GET', path);
    assert.equal(answer.status, 200, path);
    assert.equal(answer.headers['cache-control'], IMMUTABLE_CACHE, path);
  }
  assert.equal((await send(url, 'GET', '/_astro/../index.html')).headers['content-security-policy'], PAGE_CSP);
  assert.equal((await send(url, 'GET', '/%E0%A4%A')).status, 400);
});

test('a static request that throws (a 404 page that is a folder) is a 500 and one error line, not a crash', async (t) => {
  const dir = tempSite();
  rmSync(join(dir, '404.html'));
  mkdirSync(join(dir, '404.html'));
  const errors = t.mock.method(console, 'error', () => {});
  const { url } = await startServer({ staticDir: dir, logLevel: 'error' });
  const answer = await send(url, 'GET', '/missing');
  assert.equal(answer.status, 500);
  assert.equal(errors.mock.callCount(), 1);
  assert.match(String(errors.mock.calls[0].arguments[0]), / error request failed GET "\/missing": EISDIR/);
  assert.equal((await send(url, 'GET', '/')).status, 200);
});
