import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect as tcpConnect, type Socket } from 'node:net';
import { test } from 'node:test';
import { startServer } from './test/helpers.ts';

function silentSocket(port: number): Promise<Socket> {
  const socket = tcpConnect(port, '127.0.0.1');
  socket.on('error', () => {});
  return once(socket, 'connect').then(() => socket);
}

test('a connection that never sends a byte is cut after the handshake timeout', async () => {
  const { port } = await startServer({ handshakeTimeout: 300 });
  const sockets = await Promise.all(Array.from({ length: 20 }, () => silentSocket(port)));
  // Each close is the server's doing: the client never ends its side.
  await Promise.all(sockets.map((socket) => once(socket, 'close')));
});

test('a long poll stays open past the handshake timeout once its request has arrived', async () => {
  const { url } = await startServer({ handshakeTimeout: 300, updatesInterval: 60000 });
  const controller = new AbortController();
  const waiting = fetch(new URL('/api/updates/wait?since=999999', url), { signal: controller.signal });
  // Fetch settles only when the server answers or drops the request: race it against a
  // later request that proves time went by (three handshake timeouts) with the poll still pending.
  let settled = false;
  waiting.then(() => (settled = true), () => (settled = true));
  for (let i = 0; i < 3; i++) await once(await silentSocket(Number(new URL(url).port)), 'close');
  assert.equal(settled, false, 'the long poll was answered or cut while it waited');
  controller.abort();
});
