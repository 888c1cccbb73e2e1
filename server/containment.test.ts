import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { containListeners } from './containment.ts';
import type { Logger } from './log.ts';
import { rawUpgrade } from './test/helpers.ts';

/** A logger that keeps its error lines. */
function recorder(): Logger & { errors: string[] } {
  const errors: string[] = [];
  return { errors, error: (m) => void errors.push(m), info() {}, debug() {} };
}

/** Listens on a free port; closed after the file's tests. */
async function listen(server: Server): Promise<string> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  after(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('a request handler that throws costs a 500 and one error line; the server keeps answering', async () => {
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/boom')) throw new Error('handler exploded');
    res.end('ok');
  });
  const log = recorder();
  containListeners(server, log);
  const base = await listen(server);
  const failed = await fetch(`${base}/boom?secret=1`);
  assert.equal(failed.status, 500);
  await failed.text();
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0], /GET "\/boom": handler exploded/);
  assert.doesNotMatch(log.errors[0], /secret/);
  assert.equal(await (await fetch(`${base}/`)).text(), 'ok');
});

test('a file stream that fails after the headers cuts that response only', async () => {
  const server = createServer((req, res) => {
    if (req.url !== '/stream') return void res.end('ok');
    res.writeHead(200, { 'Content-Length': '100' });
    const source = new Readable({ read() {} });
    source.pipe(res);
    source.push('partial');
    setImmediate(() => source.destroy(new Error('EIO: read failed')));
  });
  const log = recorder();
  containListeners(server, log);
  const base = await listen(server);
  const cut = await new Promise<string>((resolve) => {
    request(`${base}/stream`, (res) => {
      res.on('data', () => {});
      res.on('error', () => resolve('cut'));
      res.on('end', () => resolve('ended'));
    }).on('error', () => resolve('cut')).end();
  });
  assert.equal(cut, 'cut');
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0], /EIO: read failed/);
  assert.equal(await (await fetch(`${base}/`)).text(), 'ok');
});

test('an upgrade handler that throws answers 500 on the socket and logs one line', async () => {
  const server = createServer((_req, res) => res.end('ok'));
  server.on('upgrade', () => {
    throw new Error('upgrade exploded');
  });
  const log = recorder();
  containListeners(server, log);
  const base = await listen(server);
  assert.equal((await rawUpgrade(`${base}/echo`)).status, 500);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0], /upgrade exploded/);
  assert.equal(await (await fetch(`${base}/`)).text(), 'ok');
});
