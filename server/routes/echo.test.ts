import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, rawUpgrade, startServer } from '../test/helpers.ts';

test('selects the first offered subprotocol it knows', async () => {
  const { ws } = await startServer();
  assert.equal((await connect(`${ws}echo`, ['xml', 'chat', 'json'])).protocol, 'chat');
  assert.equal((await connect(`${ws}echo`, ['json'])).protocol, 'json');
});

test('accepts a client offering no known subprotocol, with none', async () => {
  // ws's own client refuses such an answer; browsers accept it with protocol "".
  const { url } = await startServer();
  const answer = await rawUpgrade(`${url}echo`, { 'Sec-WebSocket-Protocol': 'xml, soap' });
  assert.equal(answer.status, 101);
  assert.equal(answer.headers['sec-websocket-protocol'], undefined);
});
