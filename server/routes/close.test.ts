import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, nextMessage, startServer } from '../test/helpers.ts';

test('closes with the requested code and reason', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}close?code=4000&reason=${encodeURIComponent('Au revoir')}`);
  assert.deepEqual(await closed(client), { code: 4000, reason: 'Au revoir' });
});

test('echoes messages until the delayed close', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}close?code=1001&after=300`);
  const done = closed(client);
  client.send('encore là ?');
  assert.equal((await nextMessage(client)).data.toString(), 'encore là ?');
  assert.equal((await done).code, 1001);
});

test('answers a forbidden code with 1008 and an explanation', async () => {
  const { ws } = await startServer();
  for (const code of ['1005', '2000', 'abc', '1006']) {
    const client = await connect(`${ws}close?code=${code}`);
    const result = await closed(client);
    assert.equal(result.code, 1008);
    assert.match(result.reason, /Code invalide/);
  }
});

test('answers a reason over 123 bytes with 1008', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}close?reason=${'é'.repeat(62)}`);
  const result = await closed(client);
  assert.equal(result.code, 1008);
  assert.match(result.reason, /123 octets/);
});
