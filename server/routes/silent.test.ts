import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket from 'ws';
import { connect, startServer } from '../test/helpers.ts';

test('accepts, reads, and never answers', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}silent`);
  const received: unknown[] = [];
  client.on('message', (data) => received.push(data));
  client.send(JSON.stringify({ type: 'ping' }));
  client.send('encore ?');
  // The server handles frames in order: once it answers a ping sent after both messages, a reply
  // to either would already have arrived.
  client.ping();
  await once(client, 'pong');
  assert.deepEqual(received, []);
  assert.equal(client.readyState, WebSocket.OPEN);
});
