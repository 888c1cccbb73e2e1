import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, nextJson, nextMessage, startServer } from '../test/helpers.ts';
import { acceptFor } from './handshake.ts';

test('computes Sec-WebSocket-Accept as RFC 6455 does', () => {
  // The example of RFC 6455 §1.3.
  assert.equal(acceptFor('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('describes the handshake it received, then echoes', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}handshake?x=1`, ['chat'], { headers: { Cookie: 'secret=1' } });
  const message = await nextJson(client);
  assert.equal(message.type, 'handshake');
  assert.equal(message.request.method, 'GET');
  assert.equal(message.request.url, '/handshake?x=1');
  assert.equal(message.request.httpVersion, '1.1');
  const key = message.request.headers['Sec-WebSocket-Key'];
  assert.equal(message.request.headers.Cookie, '(masqué)');
  assert.deepEqual(message.response, {
    status: 101,
    headers: { Upgrade: 'websocket', Connection: 'Upgrade', 'Sec-WebSocket-Accept': acceptFor(key), 'Sec-WebSocket-Protocol': 'chat' },
  });
  client.send('ping');
  assert.equal((await nextMessage(client)).data.toString(), 'ping');
});
