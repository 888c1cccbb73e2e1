import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, nextJson, startServer } from '../test/helpers.ts';

test('pushes count ticks at the interval, then closes with 1000 "Fin du flux"', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}push?interval=50&count=3`);
  const ticks = [await nextJson(client), await nextJson(client), await nextJson(client)];
  assert.deepEqual(ticks.map((t) => [t.type, t.n]), [['tick', 1], ['tick', 2], ['tick', 3]]);
  assert.ok(!Number.isNaN(Date.parse(ticks[0].time)));
  assert.deepEqual(await closed(client), { code: 1000, reason: 'Fin du flux' });
});

test('clamps an interval below 50 ms', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}push?interval=1&count=2`);
  const start = Date.now();
  await nextJson(client);
  await nextJson(client);
  assert.ok(Date.now() - start >= 90);
});
