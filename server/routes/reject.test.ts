import { test } from 'node:test';
import assert from 'node:assert/strict';
import { refusedStatus, startServer } from '../test/helpers.ts';

test('refuses the handshake with 403 by default', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}reject`), 403);
});

test('refuses the handshake with the requested status ', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}reject?status=503`), 503);
});

test('answers 400 to a status outside 400–599', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}reject?status=200`), 400);
});
