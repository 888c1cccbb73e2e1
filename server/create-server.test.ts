import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, nextMessage, refusedStatus, startServer } from './test/helpers.ts';

test('echoes text as text', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}echo`);
  client.send('bonjour');
  const { data, isBinary } = await nextMessage(client);
  assert.equal(isBinary, false);
  assert.equal(data.toString(), 'bonjour');
});

test('echoes binary as binary', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}echo`);
  client.send(Buffer.from([0, 1, 2, 255]));
  const { data, isBinary } = await nextMessage(client);
  assert.equal(isBinary, true);
  assert.deepEqual([...data], [0, 1, 2, 255]);
});

test('serves the built site', async () => {
  const { url } = await startServer();
  const res = await fetch(url);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /Bonjour/);
});

test('answers 404 to an upgrade on an unknown path', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}nowhere`), 404);
});

test('answers 426 to a plain GET on a WebSocket path', async () => {
  const { url } = await startServer();
  const res = await fetch(`${url}echo`);
  assert.equal(res.status, 426);
  assert.equal(res.headers.get('upgrade'), 'websocket');
  await res.text();
});

test('close() sends 1001 to connected clients', async () => {
  const { ws, server } = await startServer();
  const client = await connect(`${ws}echo`);
  const [result] = await Promise.all([closed(client), server.close()]);
  assert.equal(result.code, 1001);
  assert.equal(result.reason, "Le serveur s'arrête");
});
