import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { encodeFrame, OPCODES } from '../../test-support/frames.ts';
import { MAX_TRACED_FRAMES, TRACE_FRAMES_PER_SECOND } from './limits.ts';
import { Tap } from './tap.ts';

type Posted = Record<string, unknown> & { type: string };

function tapped(accept: () => boolean = () => true) {
  const socket = new PassThrough();
  const posted: Posted[] = [];
  const forgotten: Tap[] = [];
  const tap = new Tap(socket, 't', { post: (m) => accept() && posted.push(m as Posted) > 0, forget: (t) => forgotten.push(t) });
  return { socket, posted, forgotten, tap };
}

const small = Buffer.from(encodeFrame({ opcode: OPCODES.text, payload: Buffer.from('x'), mask: Uint8Array.of(1, 2, 3, 4) }));

test(`stops reading a socket after ${MAX_TRACED_FRAMES} frames and gives it back its own write`, (t) => {
  t.mock.timers.enable({ apis: ['Date'], now: 0 });
  const { socket, posted, forgotten, tap } = tapped();
  const ownWrite = PassThrough.prototype.write;
  assert.notEqual(socket.write, ownWrite);
  for (let i = 0; i < MAX_TRACED_FRAMES + 10; i++) {
    if (i % TRACE_FRAMES_PER_SECOND === 0) t.mock.timers.tick(1000);
    socket.emit('data', small);
  }
  assert.equal(posted.filter((m) => m.type === 'frame').length, MAX_TRACED_FRAMES);
  assert.deepEqual(posted.at(-1), { type: 'untraced', label: 't', reason: 'frames' });
  assert.equal(socket.write, ownWrite);
  assert.equal(socket.listenerCount('data'), 0);
  assert.deepEqual(forgotten, [tap]);
});

test('counts frames the channel could not take, and says so with the next frame it takes', () => {
  let room = false;
  const { socket, posted } = tapped(() => room);
  socket.emit('data', small);
  socket.emit('data', small);
  room = true;
  socket.emit('data', small);
  assert.deepEqual(posted.map((m) => m.type), ['dropped', 'frame']);
  assert.equal(posted[0].count, 2);
  socket.destroy();
});

test('reads what ws writes to the socket, which still carries it unchanged', async () => {
  const { socket, posted } = tapped();
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const out = Buffer.from(encodeFrame({ opcode: OPCODES.text, payload: Buffer.from('Bonjour') }));
  socket.write(out.subarray(0, 3));
  socket.write(out.subarray(3));
  await new Promise((resolve) => setImmediate(resolve));
  // A PassThrough reads back what is written to it: the write is the 'out' frame.
  const outgoing = posted.find((m) => m.direction === 'out')!;
  assert.deepEqual([outgoing.header, outgoing.text, outgoing.masked], ['81 07', 'Bonjour', false]);
  assert.deepEqual(Buffer.concat(chunks), out);
});
