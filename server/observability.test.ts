import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, nextMessage, startServer, until } from './test/helpers.ts';

test('GET /healthz answers 200 with the connection count and uptime', async () => {
  const { url, ws } = await startServer();
  await connect(`${ws}echo`);
  const res = await fetch(`${url}healthz`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.connections, 1);
  assert.equal(typeof body.uptime, 'number');
});

test('GET /metrics counts connections, messages, bytes and closes by code', async () => {
  const { url, ws } = await startServer();
  const client = await connect(`${ws}echo`);
  client.send('abc');
  await nextMessage(client);
  const done = closed(client);
  client.close(4321);
  await done;
  // The server counts the close when its side of the socket closes, which may follow the client's.
  let text = '';
  await until(async () => /websocket_closes_total\{code="4321"\} 1/.test((text = await (await fetch(`${url}metrics`)).text())));
  assert.match(text, /websocket_connections_total\{route="\/echo"\} 1/);
  assert.match(text, /websocket_messages_received_total 1/);
  assert.match(text, /websocket_bytes_sent_total 3/);
  assert.match(text, /websocket_closes_total\{code="4321"\} 1/);
});

test('static files get caching, compression and security headers', async () => {
  const { url } = await startServer();
  const page = await fetch(url, { headers: { 'Accept-Encoding': 'gzip' } });
  await page.text();
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.equal(page.headers.get('content-encoding'), 'gzip');
  assert.match(page.headers.get('content-security-policy')!, /connect-src 'self' ws: wss:/);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(page.headers.get('referrer-policy'));
  const asset = await fetch(`${url}_astro/app.abc123.js`);
  await asset.text();
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(asset.headers.get('access-control-allow-origin'), '*');
  assert.equal(asset.headers.get('content-security-policy'), null);
  const runner = await fetch(`${url}runner/`);
  await runner.text();
  assert.match(runner.headers.get('content-security-policy')!, /^default-src 'none'; script-src 'self' blob:/);
  const missing = await fetch(`${url}nope`);
  assert.equal(missing.status, 404);
  await missing.text();
});
