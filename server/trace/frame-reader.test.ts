import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeFrame, OPCODES } from '../../test-support/frames.ts';
import { FrameReader, type WireFrame } from './frame-reader.ts';

test('reads frames cut at every byte, and several frames in one chunk', () => {
  const frames: WireFrame[] = [];
  const reader = new FrameReader(8, (f) => frames.push(f));
  const bytes = Buffer.concat([
    encodeFrame({ opcode: OPCODES.text, fin: false, payload: Buffer.from('Bon'), mask: Uint8Array.from([1, 2, 3, 4]) }),
    encodeFrame({ opcode: OPCODES.continuation, payload: Buffer.from('jour'), mask: Uint8Array.from([1, 2, 3, 4]) }),
    encodeFrame({ opcode: OPCODES.pong, payload: Buffer.alloc(0) }),
    encodeFrame({ opcode: OPCODES.binary, payload: Buffer.alloc(1000, 7) }),
  ]);
  for (const byte of bytes) reader.push(Uint8Array.of(byte));
  reader.push(bytes);
  assert.equal(frames.length, 8);
  assert.deepEqual(frames.slice(0, 4).map((f) => [f.opcodeName, f.fin, f.text, f.length, f.shown]), [
    ['text', false, 'Bon', 3, 3],
    ['continuation', true, 'jour', 4, 4],
    ['pong', true, '', 0, 0],
    ['binary', true, '\x07'.repeat(8), 1000, 8],
  ]);
  assert.deepEqual(frames.slice(4), frames.slice(0, 4));
});

test('names a reserved opcode and a close frame without a code', () => {
  const frames: WireFrame[] = [];
  const reader = new FrameReader(8, (f) => frames.push(f));
  reader.push(encodeFrame({ opcode: 0x3, payload: Buffer.from('?') }));
  reader.push(encodeFrame({ opcode: OPCODES.close, payload: Buffer.alloc(0) }));
  assert.deepEqual(frames.map((f) => [f.opcodeName, f.closeCode]), [['reserved', undefined], ['close', undefined]]);
});
