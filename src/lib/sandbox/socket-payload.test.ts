import assert from 'node:assert/strict';
import { test } from 'node:test';
import { payloadOf } from './socket-payload.ts';

test('payloadOf sizes a string in UTF-8 bytes, as the frame carries it', () => {
  assert.deepEqual(payloadOf('café'), { data: 'café', size: 5, binary: false });
});

test('payloadOf names a binary value with its length and first bytes in hex', () => {
  assert.deepEqual(payloadOf(new Uint8Array([1, 255]).buffer), { data: 'ArrayBuffer(2) 01 ff', size: 2, binary: true });
  assert.deepEqual(payloadOf(new Uint8Array([0, 1, 2, 3]).subarray(1, 3)), { data: 'Uint8Array(2) 01 02', size: 2, binary: true });
  assert.deepEqual(payloadOf(new Blob(['abc'])), { data: 'Blob(3)', size: 3, binary: true });
});

test('payloadOf turns anything else into its string form', () => {
  assert.deepEqual(payloadOf(42), { data: '42', size: 2, binary: false });
});
