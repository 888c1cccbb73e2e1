import assert from 'node:assert/strict';
import { test } from 'node:test';
import { skipUnlessRedis } from '../../test-support/redis.ts';
import { closed, connect, nextJson, nextMessage } from '../test/helpers.ts';
import { startPair, untilRedis } from '../test/redis-pair.ts';

const skip = skipUnlessRedis();

test('learners on two instances share a room: counts, joins, messages and leaves', { skip }, async () => {
  const { a, b } = await startPair();
  const alice = await connect(`${a.ws}chat?room=classe`);
  const welcomeA = await nextJson(alice);
  assert.equal(welcomeA.count, 1);
  const bob = await connect(`${b.ws}chat?room=classe`);
  const [welcomeB, join] = await Promise.all([nextJson(bob), nextJson(alice)]);
  assert.deepEqual(welcomeB, { type: 'welcome', id: welcomeB.id, count: 2 });
  assert.notEqual(welcomeB.id, welcomeA.id);
  assert.deepEqual(join, { type: 'join', id: welcomeB.id, count: 2 });
  const carol = await connect(`${a.ws}chat?room=classe`);
  const [welcomeC] = await Promise.all([nextJson(carol), nextJson(alice), nextJson(bob)]);
  assert.equal(welcomeC.count, 3);
  bob.send('bonjour de B');
  const expected = { type: 'chat', from: welcomeB.id, text: 'bonjour de B' };
  assert.deepEqual(await Promise.all([nextJson(alice), nextJson(carol)]), [expected, expected]);
  alice.send('bonjour de A');
  // Carol (same instance) and Bob (the other) each get it once; the next thing each hears proves no copy.
  assert.deepEqual(await nextJson(bob), { type: 'chat', from: welcomeA.id, text: 'bonjour de A' });
  assert.deepEqual(await nextJson(carol), { type: 'chat', from: welcomeA.id, text: 'bonjour de A' });
  const carolGone = closed(carol);
  carol.close();
  await carolGone;
  const leave = { type: 'leave', id: welcomeC.id, count: 2 };
  assert.deepEqual(await Promise.all([nextJson(alice), nextJson(bob)]), [leave, leave]);
});

test('a too-long message closes its sender and reaches no instance', { skip }, async () => {
  const { a, b } = await startPair();
  const alice = await connect(`${a.ws}chat?room=longue`);
  await nextJson(alice);
  const bob = await connect(`${b.ws}chat?room=longue`);
  await Promise.all([nextJson(bob), nextJson(alice)]);
  const aliceClosed = closed(alice);
  alice.send('\u0001'.repeat(2000));
  assert.equal((await aliceClosed).code, 1009);
  assert.equal((await nextJson(bob)).type, 'leave');
});

test('killing Redis leaves echo and local rooms working, and its return restores the shared room', { skip }, async () => {
  const { redis, a, b } = await startPair();
  await redis.kill();
  await untilRedis([a, b], 'down');
  const echo = await connect(`${a.ws}echo`);
  echo.send('toujours là');
  assert.equal((await nextMessage(echo)).data.toString(), 'toujours là');
  const alone = await connect(`${a.ws}chat?room=panne`);
  assert.equal((await nextJson(alone)).count, 1);
  const metrics = await (await fetch(`${a.url}metrics`)).text();
  assert.match(metrics, /^redis_up 0$/m);
  await redis.restart();
  await untilRedis([a, b], 'up');
  const alice = await connect(`${a.ws}chat?room=retour`);
  await nextJson(alice);
  const bob = await connect(`${b.ws}chat?room=retour`);
  assert.equal((await nextJson(bob)).count, 2);
  assert.equal((await nextJson(alice)).type, 'join');
  bob.send('revenu');
  assert.equal((await nextJson(alice)).text, 'revenu');
});
