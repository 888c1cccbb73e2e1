import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { io as connectClient, type Socket } from 'socket.io-client';
import { skipUnlessRedis } from '../../test-support/redis.ts';
import { startPair, untilRedis } from '../test/redis-pair.ts';

const skip = skipUnlessRedis();

/** A Socket.IO client over WebSocket, connected, closed after the file's tests. */
async function member(url: string): Promise<Socket> {
  const socket = connectClient(url.replace(/\/$/, ''), { transports: ['websocket'], forceNew: true, reconnection: false });
  after(() => socket.close());
  await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
  return socket;
}

const join = (socket: Socket, room: string): Promise<number> => socket.timeout(5000).emitWithAck('join', room);
const said = (socket: Socket): Promise<{ text: string }> => new Promise((resolve) => socket.once('said', resolve));

test('Socket.IO rooms span both instances, and survive Redis going away and coming back', { skip }, async () => {
  const { redis, a, b } = await startPair();
  const onA = await member(a.url);
  const onB = await member(b.url);
  assert.equal(await join(onA, 'atelier'), 1);
  assert.equal(await join(onB, 'atelier'), 2);
  const heard = said(onA);
  onB.emit('say', 'depuis B');
  assert.equal((await heard).text, 'depuis B');

  await redis.kill();
  await untilRedis([a, b], 'down');
  // Degraded: a room is local to its instance, and still works there.
  const alsoOnA = await member(a.url);
  await join(alsoOnA, 'atelier');
  const local = said(onA);
  alsoOnA.emit('say', 'en local');
  assert.equal((await local).text, 'en local');

  await redis.restart();
  await untilRedis([a, b], 'up');
  const again = said(onA);
  onB.emit('say', 'B est revenu');
  assert.equal((await again).text, 'B est revenu');
});
