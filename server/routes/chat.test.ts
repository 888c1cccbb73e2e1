import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { closed, connect, nextJson, nextMessage, refusedStatus, startServer, until, type Started } from '../test/helpers.ts';
import { rawWebSocket } from '../../test-support/raw-socket.ts';
import { MAX_CHAT_MESSAGE } from './chat.ts';

test('welcomes, announces joins and leaves, and relays text to the others only', async () => {
  const { ws } = await startServer();
  const alice = await connect(`${ws}chat?room=salle1`);
  const welcomeA = await nextJson(alice);
  assert.deepEqual(welcomeA, { type: 'welcome', id: welcomeA.id, count: 1 });
  const bob = await connect(`${ws}chat?room=salle1`);
  const [welcomeB, join] = await Promise.all([nextJson(bob), nextJson(alice)]);
  assert.deepEqual(welcomeB, { type: 'welcome', id: welcomeB.id, count: 2 });
  assert.deepEqual(join, { type: 'join', id: welcomeB.id, count: 2 });
  const other = await connect(`${ws}chat?room=salle2`);
  await nextJson(other);
  let leaked = false;
  other.on('message', () => (leaked = true));
  let echoed = false;
  alice.on('message', () => (echoed = true));
  alice.send('salut');
  assert.deepEqual(await nextJson(bob), { type: 'chat', from: welcomeA.id, text: 'salut' });
  const aliceClosed = closed(alice);
  alice.close();
  await aliceClosed;
  assert.deepEqual(await nextJson(bob), { type: 'leave', id: welcomeA.id, count: 1 });
  assert.equal(leaked, false);
  assert.equal(echoed, false);
});

test('refuses a room name over 64 characters with 400', async () => {
  const { ws } = await startServer();
  assert.equal(await refusedStatus(`${ws}chat?room=${'a'.repeat(65)}`), 400);
});

/** Three members of one room, each having read its welcome and the joins before the test. */
async function threeMembers(ws: string, room: string) {
  const alice = await connect(`${ws}chat?room=${room}`);
  const a = await nextJson(alice);
  const bob = await connect(`${ws}chat?room=${room}`);
  const b = await nextJson(bob);
  await nextJson(alice);
  const carol = await connect(`${ws}chat?room=${room}`);
  await Promise.all([nextJson(carol), nextJson(alice), nextJson(bob)]);
  return { alice, bob, carol, aliceId: a.id as number, bobId: b.id as number };
}

test('a member is not closed when another member sends control characters', async () => {
  const { ws } = await startServer();
  const { alice, bob, carol, bobId } = await threeMembers(ws, 'controle');
  // Two 1 MiB texts of control characters: 6 MiB each once escaped, for every recipient.
  const aliceClosed = closed(alice);
  alice.send('\u0001'.repeat(1024 * 1024));
  alice.send('\u0001'.repeat(1024 * 1024));
  assert.equal((await aliceClosed).code, 1009);
  const [leftBob, leftCarol] = await Promise.all([nextJson(bob), nextJson(carol)]);
  assert.deepEqual([leftBob.type, leftCarol.type], ['leave', 'leave']);
  bob.send('toujours là');
  assert.deepEqual(await nextJson(carol), { type: 'chat', from: bobId, text: 'toujours là' });
  assert.equal(bob.readyState, WebSocket.OPEN);
  assert.equal(carol.readyState, WebSocket.OPEN);
});

test('relays a message whose JSON is exactly MAX_CHAT_MESSAGE bytes, control characters included', async () => {
  const { ws } = await startServer();
  const { alice, bob, aliceId } = await threeMembers(ws, 'limite');
  const text = fittingText(aliceId, MAX_CHAT_MESSAGE);
  alice.send(text);
  const received = await nextMessage(bob);
  assert.equal(received.data.length, MAX_CHAT_MESSAGE);
  assert.equal(JSON.parse(received.data.toString()).text, text);
});

test('a too-long chat message costs its sender only', async () => {
  const { ws } = await startServer();
  const { alice, bob, carol, aliceId } = await threeMembers(ws, 'trop-long');
  const aliceClosed = closed(alice);
  // Far below the limit in characters, one byte over it once escaped as JSON.
  const text = fittingText(aliceId, MAX_CHAT_MESSAGE + 1);
  assert.ok(text.length < MAX_CHAT_MESSAGE / 4);
  alice.send(text);
  assert.deepEqual(await aliceClosed, { code: 1009, reason: `Message trop long\u00a0: ${MAX_CHAT_MESSAGE} octets au plus, une fois en JSON` });
  // The next thing the others hear of alice is her leaving: not a byte of her message.
  assert.equal((await nextJson(bob)).type, 'leave');
  assert.equal((await nextJson(carol)).type, 'leave');
});

test('a member that does not read is closed with 1008 while the one that reads keeps everything', async () => {
  const maxBuffered = 256 * 1024;
  const { ws, port, server } = await startServer({ maxBuffered, rateLimit: 0 });
  const { alice, bob } = await threeMembers(ws, 'lent');
  await until(() => server.connectionCount === 3);
  const stalled = await rawWebSocket(port, '/chat?room=lent');
  stalled.pause(); // Never reads a byte: its backlog grows on the server.
  stalled.on('error', () => {});
  await nextJson(alice);
  await nextJson(bob);
  const text = 'x'.repeat(MAX_CHAT_MESSAGE - 100);
  // Batches that bob reads before the next: his backlog stays small, the stalled one's grows
  // past the kernel's buffers (about 80 MiB on loopback here) and then past MAX_BUFFERED
  // (512 MiB at most, to fail rather than hang).
  let relayed = 0;
  while ((await closeCount(server, 1008)) === 0 && relayed < 65536) {
    for (let i = 0; i < 16; i++) alice.send(text);
    for (let got = 0; got < 16; ) {
      const message = await nextJson(bob);
      if (message.type === 'leave') continue; // The stalled member, once cut.
      assert.ok(message.type === 'chat' && message.text === text, `relayed #${relayed + got} is ${message.type}`);
      got++;
    }
    relayed += 16;
  }
  assert.equal(await closeCount(server, 1008), 1);
  await until(() => server.connectionCount === 3, 10_000);
  assert.equal(bob.readyState, WebSocket.OPEN);
  assert.equal(alice.readyState, WebSocket.OPEN);
});

/** A text whose chat message from `from` is exactly `bytes` long once encoded (mostly \u0001, six bytes each). */
function fittingText(from: number, bytes: number): string {
  const overhead = Buffer.byteLength(JSON.stringify({ type: 'chat', from, text: '' }));
  const controls = Math.floor((bytes - overhead) / 6);
  return '\u0001'.repeat(controls) + 'a'.repeat(bytes - overhead - controls * 6);
}

/** How many connections the server closed with `code`, from its own metrics. */
async function closeCount(server: Started['server'], code: number): Promise<number> {
  const metric = await server.metrics.getSingleMetric('websocket_closes_total')!.get();
  return metric.values.find((v) => v.labels.code === String(code))?.value ?? 0;
}
