import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeFrame, encodeFrame, OPCODES, toHex } from './frames.ts';

const text = (s: string) => new TextEncoder().encode(s);

test('encodes RFC 6455’s masked "Hello" example byte for byte', () => {
  const frame = encodeFrame({ opcode: OPCODES.text, mask: new Uint8Array([0x37, 0xfa, 0x21, 0x3d]), payload: text('Hello') });
  assert.equal(toHex(frame), '81 85 37 fa 21 3d 7f 9f 4d 51 58');
});

test('encodes an unmasked server frame with a 7-bit length', () => {
  assert.equal(toHex(encodeFrame({ opcode: OPCODES.text, payload: text('Hello') })), '81 05 48 65 6c 6c 6f');
});

test('uses 7, 16 and 64-bit lengths at 125, 126, 65535 and 65536 bytes', () => {
  const cases: [number, number, number][] = [
    [125, 125, 2],
    [126, 126, 4],
    [65535, 126, 4],
    [65536, 127, 10],
  ];
  for (const [size, marker, header] of cases) {
    const frame = encodeFrame({ opcode: OPCODES.binary, payload: new Uint8Array(size) });
    assert.equal(frame[1], marker, `size ${size}`);
    assert.equal(frame.length, header + size);
    assert.equal(decodeFrame(frame)?.payload.length, size);
  }
});

test('decodes what it encodes, mask and flags included', () => {
  const mask = new Uint8Array([1, 2, 3, 4]);
  const frame = encodeFrame({ fin: false, opcode: OPCODES.text, mask, payload: text('fragmenté') });
  const decoded = decodeFrame(frame);
  assert.ok(decoded);
  assert.equal(decoded.fin, false);
  assert.equal(decoded.opcode, OPCODES.text);
  assert.deepEqual(decoded.mask, mask);
  assert.equal(new TextDecoder().decode(decoded.payload), 'fragmenté');
  assert.equal(decoded.headerLength, 6);
  assert.equal(decoded.frameLength, frame.length);
});

test('returns undefined for an incomplete frame', () => {
  const frame = encodeFrame({ opcode: OPCODES.text, payload: new Uint8Array(300) });
  assert.equal(decodeFrame(frame.subarray(0, 1)), undefined);
  assert.equal(decodeFrame(frame.subarray(0, 3)), undefined);
  assert.equal(decodeFrame(frame.subarray(0, frame.length - 1)), undefined);
});
