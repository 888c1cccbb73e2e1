import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import WebSocket from 'ws';
import { closed, connect, nextMessage, refusedStatus, startServer, until } from './test/helpers.ts';
import { OP, frame, rawWebSocket } from '../test-support/raw-socket.ts';

test('refuses a foreign Origin with 403 and accepts null, its own host and listed origins', async () => {
  const { ws, port } = await startServer({ allowedOrigins: ['https://cours.exemple.fr'] });
  assert.equal(await refusedStatus(`${ws}echo`, { origin: 'https://pirate.exemple' }), 403);
  await connect(`${ws}echo`, undefined, { origin: 'null' });
  await connect(`${ws}echo`, undefined, { origin: `http://127.0.0.1:${port}` });
  await connect(`${ws}echo`, undefined, { origin: 'https://cours.exemple.fr' });
  await connect(`${ws}echo`);
});

test('allows any Origin when the list contains *', async () => {
  const { ws } = await startServer({ allowedOrigins: ['*'] });
  await connect(`${ws}echo`, undefined, { origin: 'https://ailleurs.exemple' });
});

test('answers 429 past the per-IP cap and 503 past the global cap', async () => {
  const perIp = await startServer({ maxConnectionsPerIp: 2 });
  await connect(`${perIp.ws}echo`);
  await connect(`${perIp.ws}echo`);
  assert.equal(await refusedStatus(`${perIp.ws}echo`), 429);
  const global = await startServer({ maxConnections: 1 });
  await connect(`${global.ws}echo`);
  assert.equal(await refusedStatus(`${global.ws}echo`), 503);
});

test('frees a per-IP slot when a connection closes', async () => {
  const { ws, server } = await startServer({ maxConnectionsPerIp: 1 });
  const first = await connect(`${ws}echo`);
  const done = closed(first);
  first.close();
  await done;
  // The client sees the close before the server has released the slot: wait for the server's side.
  await until(() => server.connectionCount === 0);
  await connect(`${ws}echo`);
});

test('closes with 1008 a client that exceeds the message rate', async () => {
  const { ws } = await startServer({ rateLimit: 10, rateBurst: 5 });
  const client = await connect(`${ws}echo`);
  const done = closed(client);
  for (let i = 0; i < 20; i++) client.send('x');
  assert.equal((await done).code, 1008);
});

test('tolerates a burst within the limit', async () => {
  const { ws } = await startServer({ rateLimit: 10, rateBurst: 20 });
  const client = await connect(`${ws}echo`);
  for (let i = 0; i < 20; i++) client.send('x');
  for (let i = 0; i < 20; i++) await nextMessage(client);
  assert.equal(client.readyState, WebSocket.OPEN);
});

test('closes with 1009 a message over maxPayload', async () => {
  const { ws } = await startServer({ maxPayload: 1000 });
  const client = await connect(`${ws}echo`);
  const done = closed(client);
  client.send(Buffer.alloc(1001));
  assert.equal((await done).code, 1009);
});

test('terminates a peer that stops answering pings', async () => {
  const { ws, server } = await startServer({ heartbeatInterval: 100 });
  const client = await connect(`${ws}echo`, undefined, { autoPong: false });
  assert.equal((await closed(client)).code, 1006);
  await until(() => server.connectionCount === 0);
});

test('keeps a peer that answers pings', async () => {
  const { ws } = await startServer({ heartbeatInterval: 50 });
  const client = await connect(`${ws}echo`);
  // Several heartbeats, counted as they come, instead of a guess at how long they take.
  let pings = 0;
  client.on('ping', () => pings++);
  await until(() => pings >= 4);
  assert.equal(client.readyState, WebSocket.OPEN);
});

test('closes an idle connection with 1001', async () => {
  const { ws } = await startServer({ heartbeatInterval: 50, idleTimeout: 100 });
  const client = await connect(`${ws}echo`);
  assert.equal((await closed(client)).code, 1001);
});

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('a client that never reads cannot grow server memory past the bound', async () => {
  const maxBuffered = 1024 * 1024;
  const { port, server } = await startServer({ maxBuffered, maxPayload: 64 * 1024, rateLimit: 0, heartbeatInterval: 60000 });
  const socket = await rawWebSocket(port);
  socket.pause(); // Never read a byte of the echoes.
  socket.on('error', () => {}); // The server cuts us mid-write, as it should.
  const cut = new Promise((resolve) => socket.once('close', resolve));
  // A paused socket may never see the server's FIN: bound every wait, then check the server side.
  const stalled = () => new Promise((resolve) => setTimeout(resolve, 5000).unref());
  const chunk = frame(OP.BINARY, Buffer.alloc(64 * 1024, 7));
  const held = (): number => {
    gc(); // Count what is still referenced, not garbage awaiting collection.
    return process.memoryUsage().arrayBuffers;
  };
  const before = held();
  let peak = 0;
  // 48 MiB of echoes requested: a naive echo server would hold nearly all of them.
  let sent = 0;
  try {
    for (; sent < 768 && !socket.destroyed; sent++) {
      if (!socket.write(chunk)) await Promise.race([once(socket, 'drain'), cut, stalled()]);
      if (sent % 32 === 0) peak = Math.max(peak, held() - before);
    }
  } catch {
    // Cut by the server after its 1008: expected once the backlog is over the bound.
  }
  assert.ok(sent > 64, `only ${sent} chunks sent`);
  assert.ok(peak < 12 * 1024 * 1024, `server held ${Math.round(peak / 1024 / 1024)} MiB`);
  // The peer is dropped: closed with 1008, then cut since it reads nothing.
  await until(() => server.connectionCount === 0, 10_000);
  socket.destroy();
});
