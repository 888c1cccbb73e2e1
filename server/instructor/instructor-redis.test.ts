import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../test/helpers.ts';
import { boardWhere, sessionCookie, TOKEN } from '../test/instructor.ts';
import { startPair } from '../test/redis-pair.ts';
import { STALE_AFTER_MS } from './board.ts';

test('with Redis, the view of one instance counts the learners of every instance, and drops one that stops', async () => {
  const { a, b } = await startPair({ instructorToken: TOKEN });
  const viewer = await connect(`${a.ws}formateur/direct`, undefined, { headers: { Cookie: await sessionCookie(a.url) } });
  await connect(`${a.ws}chat?room=maths`);
  await connect(`${b.ws}chat?room=maths`);
  await connect(`${b.ws}echo`);
  const both = await boardWhere(viewer, (board) => board.instances === 2 && board.rooms.some(([room, n]) => room === 'maths' && n === 2));
  assert.deepEqual(both.routes, [['/chat', 2], ['/echo', 1]]);
  await b.server.close();
  // B's learners were cut with 1001 when it stopped; its last snapshot goes stale.
  const alone = await boardWhere(viewer, (board) => board.instances === 1, STALE_AFTER_MS + 5000);
  assert.deepEqual(alone.rooms, [['maths', 1]]);
  assert.deepEqual(alone.routes, [['/chat', 1]]);
});
