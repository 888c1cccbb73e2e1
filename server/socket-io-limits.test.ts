/**
 * The Socket.IO endpoint shares the course server's protections: Engine.IO answers its own
 * upgrades, so nothing here may rely on the WebSocket upgrade path having run.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { io as connectClient, type Socket } from 'socket.io-client';
import { connect, refusedStatus, startServer } from './test/helpers.ts';

/** Connects a real Socket.IO client over WebSocket; resolves once connected, rejects with the refusal. */
async function socketIo(base: string, origin?: string): Promise<Socket> {
  const socket = connectClient(base, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: origin ? { origin } : undefined,
  });
  after(() => void socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Tries `attempt` up to 30 times, 100 ms apart, and rethrows its last failure. */
async function retry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i === 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

test('Socket.IO sessions count against the per-IP cap, both ways', async () => {
  const { url, ws } = await startServer({ maxConnectionsPerIp: 2 });
  const first = await socketIo(url);
  await connect(`${ws}echo`);
  // The cap is reached by one session and one WebSocket: neither kind gets a third.
  await assert.rejects(socketIo(url));
  assert.equal(await refusedStatus(`${ws}echo`), 429);
  // A session that ends frees its slot, once the server has seen it end.
  first.close();
  await retry(() => socketIo(url));
});

test('Socket.IO sessions count against the global cap', async () => {
  const { url, ws } = await startServer({ maxConnections: 1 });
  await socketIo(url);
  assert.equal(await refusedStatus(`${ws}echo`), 503);
  await assert.rejects(socketIo(url));
});

test('Socket.IO applies the Origin policy', async () => {
  const { url } = await startServer();
  await assert.rejects(socketIo(url, 'https://pirate.exemple'));
  await socketIo(url, new URL(url).origin);
});

test('a Socket.IO client that floods events is disconnected, and another one is not', async () => {
  const { url } = await startServer({ rateLimit: 10, rateBurst: 5 });
  const [flooder, neighbour] = [await socketIo(url), await socketIo(url)];
  const gone = new Promise<string>((resolve) => flooder.once('disconnect', resolve));
  for (let i = 0; i < 50; i++) flooder.emit('echo', 'x');
  assert.equal(await gone, 'io server disconnect');
  assert.deepEqual(await neighbour.timeout(2000).emitWithAck('echo', 'encore là'), 'encore là');
});
