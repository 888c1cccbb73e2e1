import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, nextJson, refusedStatus, startServer } from '../test/helpers.ts';

test('welcomes, announces joins and leaves, and relays text to the others only', async () => {
  const { ws } = await startServer();
  const alice = await connect(`${ws}chat?room=salle1`);
  const welcomeA = await nextJson(alice);
  assert.deepEqual(welcomeA, { type: 'welcome', id: welcomeA.id, count: 1 });
  const bob = await connect(`${ws}chat?room=salle1`);
  const [welcomeB, join] = await Promise.all([nextJson(bob), nextJson(alice)]);
  assert.deepEqual(welcomeB, { type: 'welcome', id: welcomeB.id, count: 2 });
  assert.deepEqual(join, { type: 'join', id: welcomeB.id, count: 2 });
  const other = await connect(`${ws}chat?room=salle2`);
  await nextJson(other);
  let leaked = false;
  other.on('message', () => (leaked = true));
  let echoed = false;
  alice.on('message', () => (echoed = true));
  alice.send('salut');
  assert.deepEqual(await nextJson(bob), { type: 'chat', from: welcomeA.id, text: 'salut' });
  const aliceClosed = closed(alice);
  alice.close();
  await aliceClosed;
  assert.deepEqual(await nextJson(bob), { type: 'leave', id: welcomeA.id, count: 1 });
  assert.equal(leaked, false);
  assert.equal(echoed, false);
});

test('refuses a room name over 64 characters with 400', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}chat?room=${'a'.repeat(65)}`), 400);
});
