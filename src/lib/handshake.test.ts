import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { acceptFor, sha1, WEBSOCKET_GUID } from './handshake.ts';

test('computes the accept value of RFC 6455’s example', () => {
  assert.equal(acceptFor('dGhlIHNhbXBsZSBub25jZQ=='), 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
});

test('agrees with node:crypto on random keys', () => {
  for (let i = 0; i < 50; i++) {
    const key = randomBytes(16).toString('base64');
    const expected = createHash('sha1').update(key + WEBSOCKET_GUID).digest('base64');
    assert.equal(acceptFor(key), expected);
  }
});

test('hashes messages across block boundaries like node:crypto', () => {
  for (const size of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
    const data = randomBytes(size);
    assert.equal(Buffer.from(sha1(data)).toString('hex'), createHash('sha1').update(data).digest('hex'), `size ${size}`);
  }
});
