import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { connect, startServer } from '../test/helpers.ts';

test('accepts, reads, and never answers', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}silent`);
  const received: unknown[] = [];
  client.on('message', (data) => received.push(data));
  client.send(JSON.stringify({ type: 'ping' }));
  client.send('encore ?');
  // An echo of either would have come back long before this, as it does from /echo.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.deepEqual(received, []);
  assert.equal(client.readyState, WebSocket.OPEN);
});
