/**
 * Every kind of long-lived connection against the caps, with real sockets: WebSockets, SSE
 * streams, long polls and Socket.IO sessions share one budget per address and one in all.
 */
import assert from 'node:assert/strict';
import { get, type ClientRequest, type IncomingMessage } from 'node:http';
import { after, test } from 'node:test';
import { io as connectClient, type Socket } from 'socket.io-client';
import { connect, rawUpgrade, refusedStatus, startServer, until } from './test/helpers.ts';

type Answer = { status: number; headers: IncomingMessage['headers']; body: string; request: ClientRequest };

/** GETs path on a connection of its own; resolves at the response's head (a refusal's body is read too). */
function open(base: string, path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = get(`${base}${path}`, { agent: false, headers: { Origin: 'null' } }, (res) => {
      const answer = { status: res.statusCode ?? 0, headers: res.headers, body: '', request };
      if (answer.status === 200) return resolve(answer);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (answer.body += chunk));
      res.on('end', () => resolve(answer));
    });
    request.on('error', reject);
    after(() => request.destroy());
  });
}

/** GETs path on a connection of its own and leaves it open, without waiting for an answer. */
function hold(base: string, path: string): ClientRequest {
  const request = get(`${base}${path}`, { agent: false });
  request.on('error', () => {}); // Destroyed by the test, or by after().
  after(() => request.destroy());
  return request;
}

const STREAM = 'api/updates/stream';
/** A long poll that waits: no update has this number yet. */
const LONG_POLL = 'api/updates/wait?since=1000000';

/** Connects a real Socket.IO client over long polling only; rejects with the refusal. */
async function pollingSession(base: string): Promise<Socket> {
  const socket = connectClient(base, { transports: ['polling'], forceNew: true, reconnection: false });
  after(() => void socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

test('refuses the 51st SSE stream from one address with 429', async () => {
  const { url, server } = await startServer();
  const streams = await Promise.all(Array.from({ length: 50 }, () => open(url, STREAM)));
  assert.deepEqual(new Set(streams.map((s) => s.status)), new Set([200]));
  const refused = await open(url, STREAM);
  assert.equal(refused.status, 429);
  assert.equal(refused.headers['retry-after'], '10');
  // The sandbox's fetch can read the refusal only with CORS.
  assert.equal(refused.headers['access-control-allow-origin'], '*');
  assert.equal(refused.body, 'Trop de connexions depuis votre adresse.\n');
  assert.equal(server.admittedCount, 50);
});

test('long polls count against the per-IP cap', async () => {
  const { url, server } = await startServer({ maxConnectionsPerIp: 2, updatesInterval: 60000 });
  hold(url, LONG_POLL);
  hold(url, LONG_POLL);
  await until(() => server.admittedCount === 2);
  assert.equal((await open(url, LONG_POLL)).status, 429);
  assert.equal((await open(url, STREAM)).status, 429);
});

test('a WebSocket and an SSE stream share one per-IP budget', async () => {
  const { url, ws } = await startServer({ maxConnectionsPerIp: 2 });
  await connect(`${ws}echo`);
  assert.equal((await open(url, STREAM)).status, 200);
  assert.equal(await refusedStatus(`${ws}echo`), 429);
  assert.equal((await open(url, STREAM)).status, 429);
});

test('an SSE stream counts against the global cap: 503 with Retry-After', async () => {
  const { url, ws } = await startServer({ maxConnections: 1 });
  assert.equal((await open(url, STREAM)).status, 200);
  assert.equal(await refusedStatus(`${ws}echo`), 503);
  const refused = await open(url, LONG_POLL);
  assert.equal(refused.status, 503);
  assert.equal(refused.headers['retry-after'], '10');
});

test('released slots are reusable after streams close', async () => {
  const { url, ws, server } = await startServer({ maxConnectionsPerIp: 1, updatesInterval: 60000 });
  for (const path of [STREAM, LONG_POLL, STREAM]) {
    const held = hold(url, path);
    await until(() => server.admittedCount === 1);
    assert.equal(await refusedStatus(`${ws}echo`), 429);
    held.destroy();
    await until(() => server.admittedCount === 0);
  }
  await connect(`${ws}echo`);
});

test('plain requests are answered past the cap: only what stays open counts', async () => {
  const { url } = await startServer({ maxConnectionsPerIp: 1, updatesInterval: 30 });
  assert.equal((await open(url, STREAM)).status, 200);
  const poll = async (): Promise<unknown[]> => {
    const polled = await fetch(`${url}api/updates?since=0`);
    assert.equal(polled.status, 200);
    return polled.json();
  };
  let updates: unknown[] = [];
  while (updates.length === 0) updates = await poll();
  // A long poll with updates ready answers at once: a plain request too.
  const ready = await fetch(`${url}api/updates/wait?since=0`);
  assert.equal(ready.status, 200);
  await ready.text();
  const page = await fetch(url);
  assert.equal(page.status, 200);
  await page.text();
});

test('Socket.IO polling sessions count against the per-IP cap, and answer 429 themselves', async () => {
  const { url, ws, server } = await startServer({ maxConnectionsPerIp: 1 });
  const session = await pollingSession(url);
  assert.equal(server.admittedCount, 1);
  assert.equal(await refusedStatus(`${ws}echo`), 429);
  assert.equal((await open(url, STREAM)).status, 429);
  const handshake = await open(url, 'socket.io/?EIO=4&transport=polling');
  assert.equal(handshake.status, 429);
  assert.equal(handshake.headers['retry-after'], '10');
  await assert.rejects(pollingSession(url));
  session.close();
  await until(() => server.admittedCount === 0);
  await pollingSession(url);
});

test('a Socket.IO WebSocket handshake from a foreign Origin is refused with 403', async () => {
  const { ws } = await startServer();
  const status = await refusedStatus(`${ws}socket.io/?EIO=4&transport=websocket`, { origin: 'https://pirate.exemple' });
  assert.equal(status, 403);
});

test('refusals of every kind are counted in the metrics', async () => {
  const { url, ws } = await startServer({ maxConnectionsPerIp: 1 });
  assert.equal((await open(url, STREAM)).status, 200);
  await open(url, STREAM);
  await open(url, LONG_POLL);
  await open(url, 'socket.io/?EIO=4&transport=polling');
  await refusedStatus(`${ws}echo`);
  await refusedStatus(`${ws}socket.io/?EIO=4&transport=websocket`);
  const metrics = await (await fetch(`${url}metrics`)).text();
  assert.match(metrics, /websocket_handshakes_refused_total\{status="429"\} 5/);
});

test('a Socket.IO session that upgrades from polling to WebSocket is counted once, until it closes', async () => {
  const { url, server } = await startServer();
  const socket = connectClient(url, { forceNew: true, reconnection: false });
  after(() => void socket.close());
  await new Promise((resolve) => socket.io.engine.once('upgrade', resolve));
  assert.equal(server.admittedCount, 1);
  socket.close();
  await until(() => server.admittedCount === 0);
});

test('a Socket.IO handshake that fails after admission gives its slot back', async () => {
  const { url, server } = await startServer({ maxConnectionsPerIp: 1 });
  assert.equal((await open(url, 'socket.io/?EIO=4&transport=nonsense')).status, 400);
  // ws refuses this upgrade itself (unknown WebSocket version) after admission let it through.
  const upgrade = await rawUpgrade(`${url}socket.io/?EIO=4&transport=websocket`, { 'Sec-WebSocket-Version': '12' });
  assert.equal(upgrade.status, 400);
  await until(() => server.admittedCount === 0);
  await pollingSession(url);
});
