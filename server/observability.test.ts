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

/** Status and body of GET /metrics with X-Forwarded-For set to `forwarded` (if any). */
async function metricsAs(url: string, forwarded?: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}metrics`, { headers: forwarded ? { 'X-Forwarded-For': forwarded } : {} });
  return { status: res.status, text: await res.text() };
}

test('GET /metrics answers loopback clients only; others get the site’s ordinary 404', async () => {
  const { url } = await startServer({ trustProxy: true });
  const notFound = await (await fetch(`${url}nowhere`)).text();
  for (const address of ['127.0.0.1', '127.9.8.7', '::1', '::ffff:127.0.0.1']) {
    assert.equal((await metricsAs(url, address)).status, 200, address);
  }
  for (const address of ['203.0.113.5', '10.0.0.1', '::ffff:192.0.2.1', '2001:db8::1', '128.0.0.1', 'unknown']) {
    const answer = await metricsAs(url, address);
    assert.equal(answer.status, 404, address);
    assert.equal(answer.text, notFound, address);
  }
  // A forged entry on the left does not help: only what the proxy appended counts.
  assert.equal((await metricsAs(url, '127.0.0.1, 203.0.113.5')).status, 404);
});

test('without trust-proxy, X-Forwarded-For does not hide a loopback client from /metrics', async () => {
  const { url } = await startServer();
  assert.equal((await metricsAs(url, '203.0.113.5')).status, 200);
});

test('PUBLIC_METRICS opens /metrics to every address', async () => {
  const { url } = await startServer({ trustProxy: true, publicMetrics: true });
  assert.equal((await metricsAs(url, '203.0.113.5')).status, 200);
});
