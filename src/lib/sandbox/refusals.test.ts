import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusedBy, thrownBy } from './refusals.ts';

test('refusedBy marks what a WebSocket call throws, and only that', () => {
  const refusal = new Error('code invalide');
  assert.throws(() => refusedBy('close', () => { throw refusal; }), refusal);
  assert.equal(thrownBy(refusal), 'close');
  assert.equal(thrownBy(new Error('à moi')), undefined);
  assert.equal(thrownBy('une chaîne'), undefined);
  assert.equal(refusedBy('send', () => 7), 7);
});
