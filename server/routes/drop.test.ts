import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closed, connect, startServer } from '../test/helpers.ts';

test('cuts the connection without a close frame (code 1006)', async () => {
  const { ws } = await startServer();
  const client = await connect(`${ws}drop?after=50`);
  assert.equal((await closed(client)).code, 1006);
});
