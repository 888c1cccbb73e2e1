import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { skipUnlessRedis } from '../../test-support/redis.ts';
import { closed, connect, nextJson, refusedStatus, until } from '../test/helpers.ts';
import { startChild, startPair, untilRedis } from '../test/redis-pair.ts';

const skip = skipUnlessRedis();

test('the lab stream shows the same n through both instances, over WebSocket and polling', { skip }, async () => {
  const { a, b } = await startPair({ updatesInterval: 50 });
  const viaA = await connect(`${a.ws}updates`);
  const viaB = await connect(`${b.ws}updates`);
  const fromA = [await nextJson(viaA), await nextJson(viaA), await nextJson(viaA)];
  // B hears the same updates: the first one B sees after A's third is A's fourth, n for n.
  let fromB = await nextJson(viaB);
  while (fromB.n < fromA[2].n) fromB = await nextJson(viaB);
  assert.deepEqual(fromB, fromA[2]);
  assert.deepEqual([fromA[1].n, fromA[2].n], [fromA[0].n + 1, fromA[0].n + 2]);
  const polled: { n: number }[] = await (await fetch(`${b.url}api/updates?since=${fromA[0].n - 1}`)).json();
  assert.deepEqual(polled.slice(0, 3), fromA);
});

test('a per-IP cap holds across both instances', { skip }, async () => {
  const { a, b } = await startPair({ maxConnectionsPerIp: 2 });
  await connect(`${a.ws}echo`);
  await connect(`${a.ws}echo`);
  assert.equal(await refusedStatus(`${a.ws}echo`), 429);
  // B learns A's count at its next sync (at most a second): then it refuses the third too.
  await until(async () => (await refusedStatus(`${b.ws}echo`)) === 429, 5000);
});

test('a crashed instance’s per-IP counts expire after the key TTL', { skip }, async () => {
  const { redis, a } = await startPair({ maxConnectionsPerIp: 1 });
  const crashing = await startChild({ REDIS_URL: redis.url, REDIS_KEY_TTL: '600', MAX_CONNECTIONS_PER_IP: '1' });
  await connect(`${crashing.ws}echo`);
  await until(async () => (await refusedStatus(`${a.ws}echo`)) === 429, 5000);
  crashing.child.kill('SIGKILL');
  await once(crashing.child, 'exit');
  // Nobody withdrew its count: it lapses with its keys, and A admits the address again.
  await until(async () => (await refusedStatus(`${a.ws}echo`)) === 101, 5000);
});

test('SIGTERM on one instance sends 1001 to its clients only; the other keeps its room', { skip }, async () => {
  const { redis, a } = await startPair();
  const stopping = await startChild({ REDIS_URL: redis.url, REDIS_KEY_TTL: '1000', SHUTDOWN_GRACE: '3000' });
  await untilRedis([{ url: stopping.url }], 'up');
  const alice = await connect(`${a.ws}chat?room=arret`);
  await nextJson(alice);
  const bob = await connect(`${stopping.ws}chat?room=arret`);
  await Promise.all([nextJson(bob), nextJson(alice)]);
  const carol = await connect(`${a.ws}chat?room=arret`);
  await Promise.all([nextJson(carol), nextJson(alice), nextJson(bob)]);
  const bobClosed = closed(bob);
  stopping.child.kill('SIGTERM');
  assert.equal((await bobClosed).code, 1001);
  const leave = await nextJson(alice);
  assert.deepEqual(leave, { type: 'leave', id: leave.id, count: 2 });
  assert.deepEqual(await nextJson(carol), leave);
  carol.send('on est encore là');
  assert.equal((await nextJson(alice)).text, 'on est encore là');
  await once(stopping.child, 'exit');
});
