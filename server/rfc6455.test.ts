/** Raw frames on node:net: RFC 6455's bad input, and proof that one bad client never disturbs another. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { connect, nextMessage, startServer, type Started } from './test/helpers.ts';
import { OP, closeCodeFrom, closePayload, frame, rawWebSocket, request, tcp, upgradeRequest } from '../test-support/raw-socket.ts';

/** Sends bad bytes from a raw client while a healthy client keeps echoing. */
async function badClientGets(started: Started, bytes: Buffer): Promise<number> {
  const healthy = await connect(`${started.ws}echo`);
  const bad = await rawWebSocket(started.port);
  const code = closeCodeFrom(bad);
  bad.write(bytes);
  const result = await code;
  healthy.send('toujours là');
  assert.equal((await nextMessage(healthy)).data.toString(), 'toujours là');
  assert.equal(healthy.readyState, WebSocket.OPEN);
  return result;
}

const cases: [string, () => Buffer, number][] = [
  ['invalid UTF-8 in a text frame', () => frame(OP.TEXT, Buffer.from([0xc3, 0x28])), 1007],
  ['an unmasked frame', () => frame(OP.TEXT, 'x', { mask: false }), 1002],
  ['RSV bits without an extension', () => frame(OP.TEXT, 'x', { rsv: 4 }), 1002],
  ['a reserved data opcode', () => frame(0x3, 'x'), 1002],
  ['a reserved control opcode', () => frame(0xb, 'x'), 1002],
  ['a fragmented control frame', () => frame(OP.PING, 'x', { fin: false }), 1002],
  ['a control frame over 125 bytes', () => frame(OP.PING, Buffer.alloc(126)), 1002],
  ['a continuation with nothing to continue', () => frame(OP.CONT, 'x'), 1002],
  ['a close code that must not be sent (1005)', () => frame(OP.CLOSE, closePayload(1005)), 1002],
  ['a close code out of range (999)', () => frame(OP.CLOSE, closePayload(999)), 1002],
  ['a close frame with a one-byte payload', () => frame(OP.CLOSE, Buffer.from([3])), 1002],
  ['a message over maxPayload', () => frame(OP.BINARY, Buffer.alloc(2048)), 1009],
  ['fragments adding up over maxPayload', () => Buffer.concat([frame(OP.BINARY, Buffer.alloc(1000), { fin: false }), frame(OP.CONT, Buffer.alloc(1000))]), 1009],
];

for (const [name, bytes, expected] of cases) {
  test(`answers ${name} with ${expected}, and the other client keeps its echoes`, async () => {
    const started = await startServer({ maxPayload: 1024 });
    assert.equal(await badClientGets(started, bytes()), expected);
  });
}

test('answers a valid close frame with the same code', async () => {
  const { port } = await startServer();
  const socket = await rawWebSocket(port);
  const code = closeCodeFrom(socket);
  socket.write(frame(OP.CLOSE, closePayload(4001, 'fini')));
  assert.equal(await code, 4001);
});

const handshakes: [string, string, number][] = [
  ['a POST upgrade', upgradeRequest('/echo').replace('GET', 'POST'), 405],
  ['a missing Sec-WebSocket-Key', upgradeRequest('/echo').replace(/Sec-WebSocket-Key: .*\r\n/, ''), 400],
  ['a malformed Sec-WebSocket-Key', upgradeRequest('/echo').replace('dGhlIHNhbXBsZSBub25jZQ==', 'court'), 400],
  ['an unsupported version', upgradeRequest('/echo').replace('Version: 13', 'Version: 12'), 400],
  ['an Upgrade that is not websocket', upgradeRequest('/echo').replace('Upgrade: websocket', 'Upgrade: h2c'), 400],
  ['a plain GET on a WebSocket path', 'GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 426],
  ['an upgrade on an unknown path', upgradeRequest('/inconnu'), 404],
];

for (const [name, text, expected] of handshakes) {
  test(`answers ${name} with HTTP ${expected}`, async () => {
    const { port } = await startServer();
    const socket = await tcp(port);
    assert.equal((await request(socket, text)).status, expected);
  });
}

test('closes a handshake that never finishes', async () => {
  const { port } = await startServer({ handshakeTimeout: 200 });
  const healthy = await connect(`ws://127.0.0.1:${port}/echo`);
  const socket = await tcp(port);
  socket.write('GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n'); // …and nothing more.
  const started = Date.now();
  const answer = await request(socket, '');
  assert.ok(answer.status === 408 || answer.status === 0, `status ${answer.status}`);
  // The 200 ms timeout fired, not a default of minutes (a wide bound: CI machines are loaded).
  assert.ok(Date.now() - started < 10_000);
  healthy.send('ok');
  assert.equal((await nextMessage(healthy)).data.toString(), 'ok');
});
