import { test } from 'node:test';
import assert from 'node:assert/strict';
import { until, requestArrives } from '../../test-support/wait.ts';
import { connect, nextJson, startServer } from '../test/helpers.ts';
import { createUpdatesFeed } from './feed.ts';

test('the feed does not tick while nobody listens', (t) => {
  // Simulated time: a hundred intervals pass at once, with no real wait.
  t.mock.timers.enable({ apis: ['setInterval', 'setTimeout', 'Date'] });
  const feed = createUpdatesFeed(10);
  t.mock.timers.tick(1000);
  const unsubscribe = feed.subscribe(() => {});
  unsubscribe();
  feed.close();
  assert.deepEqual(feed.since(0), []);
});

test('polling answers at once with the updates after since, with CORS for null origins', async () => {
  const { url } = await startServer({ updatesInterval: 30 });
  const first = await fetch(`${url}api/updates?since=0`, { headers: { Origin: 'null' } });
  assert.equal(first.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(await first.json(), []);
  let updates: { n: number; value: number; time: string }[] = [];
  await until(async () => (updates = await (await fetch(`${url}api/updates?since=1`)).json()).length >= 1);
  assert.ok(updates.length >= 1);
  assert.ok(updates.every((u: { n: number; value: number; time: string }) => u.n > 1 && typeof u.value === 'number' && u.time));
});

test('long polling holds until the next update, then answers it', async () => {
  const { url } = await startServer({ updatesInterval: 50 });
  const res = await fetch(`${url}api/updates/wait?since=1000000`);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const updates = await res.json();
  assert.equal(updates.length, 1);
  assert.equal(typeof updates[0].n, 'number');
});

test('Server-Sent Events carry one data line per update', async () => {
  const { url } = await startServer({ updatesInterval: 30 });
  const controller = new AbortController();
  const res = await fetch(`${url}api/updates/stream`, { signal: controller.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  while ((text.match(/^data: /gm) ?? []).length < 2) text += (await reader.read()).value;
  controller.abort();
  const [a, b] = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]));
  assert.equal(b.n, a.n + 1);
});

test('the /updates WebSocket gets the same stream as HTTP clients', async () => {
  const { url, ws } = await startServer({ updatesInterval: 30 });
  const client = await connect(`${ws}updates`);
  const update = await nextJson(client);
  const polled = await (await fetch(`${url}api/updates?since=${update.n - 1}`)).json();
  assert.deepEqual(polled[0], update);
});

test('shutdown answers a pending long poll', async () => {
  const { url, server } = await startServer({ updatesInterval: 60000 });
  // Wait for the request to reach the server: one still in flight counts as idle and is reset.
  const arrived = requestArrives('/api/updates/wait');
  const pending = fetch(`${url}api/updates/wait?since=5`).then((r) => r.json());
  await arrived;
  await server.close();
  assert.deepEqual(await pending, []);
});
