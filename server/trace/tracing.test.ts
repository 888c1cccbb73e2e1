import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { connect, nextMessage, startServer } from '../test/helpers.ts';
import { closePayload, frameReader, OP, request, tcp, upgradeRequest } from '../../test-support/raw-socket.ts';
import { encodeFrame } from '../../test-support/frames.ts';
import { MAX_TRACED_SOCKETS, TRACE_SHOWN_BYTES } from './limits.ts';
import type { IncomingMessage } from 'node:http';
import { createTracing, TRACE_PARAM } from './tracing.ts';

type Msg = Record<string, unknown> & { type: string };

/** Opens a trace channel and returns its token and a reader of its messages. */
async function openChannel(ws: string) {
  const channel = await connect(`${ws}trace`);
  const next = async (): Promise<Msg> => JSON.parse(String((await nextMessage(channel)).data));
  const hello = await next();
  assert.equal(hello.type, 'hello');
  assert.match(String(hello.token), /^[A-Za-z0-9_-]{32}$/);
  /** The next message of `type` (others before it are skipped). */
  const nextOf = async (type: string): Promise<Msg> => {
    for (;;) {
      const m = await next();
      if (m.type === type) return m;
    }
  };
  return { channel, token: String(hello.token), next, nextOf };
}

/** A raw client on `path` (with its query), positioned after the 101. */
async function rawClient(port: number, path: string): Promise<Socket> {
  const socket = await tcp(port);
  const { status, rest } = await request(socket, upgradeRequest(path));
  assert.equal(status, 101);
  if (rest.length) socket.unshift(rest);
  return socket;
}

const KEY = Uint8Array.from([0x37, 0xfa, 0x21, 0x3d]);
const send = (socket: Socket, opcode: number, payload: Buffer) => socket.write(encodeFrame({ opcode, payload, mask: KEY }));

test('a traced connection reports its masked client frames and unmasked server frames on its channel', async () => {
  const { port, ws } = await startServer();
  const trace = await openChannel(ws);
  const socket = await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.p1r1-1`);
  assert.deepEqual(await trace.next(), { type: 'open', label: 'p1r1-1', route: '/echo' });
  send(socket, OP.TEXT, Buffer.from('Bonjour'));
  const inbound = await trace.next();
  assert.equal(inbound.type, 'frame');
  assert.equal(inbound.label, 'p1r1-1');
  assert.equal(inbound.direction, 'in');
  assert.equal(inbound.fin, true);
  assert.equal(inbound.opcodeName, 'text');
  assert.equal(inbound.masked, true);
  assert.equal(inbound.maskingKey, '37fa213d');
  assert.equal(inbound.lengthBits, 7);
  assert.equal(inbound.header, '81 87 37 fa 21 3d');
  assert.equal(inbound.hex, '75 95 4f 57 58 8f 53');
  assert.equal(inbound.unmaskedHex, '42 6f 6e 6a 6f 75 72');
  assert.equal(inbound.text, 'Bonjour');
  const outbound = await trace.next();
  assert.equal(outbound.direction, 'out');
  assert.equal(outbound.masked, false);
  assert.equal(outbound.maskingKey, null);
  assert.equal(outbound.header, '81 07');
  assert.equal(outbound.text, 'Bonjour');
});

test('reports 16- and 64-bit lengths with the full length and a clipped payload', async () => {
  const { port, ws } = await startServer();
  const trace = await openChannel(ws);
  const socket = await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}`);
  assert.equal((await trace.next()).label, '1');
  send(socket, OP.BINARY, Buffer.alloc(300, 0x61));
  const medium = await trace.nextOf('frame');
  assert.deepEqual([medium.opcodeName, medium.lengthBits, medium.length, medium.shown], ['binary', 16, 300, TRACE_SHOWN_BYTES]);
  assert.equal(medium.text, 'a'.repeat(TRACE_SHOWN_BYTES));
  assert.equal((await trace.nextOf('frame')).lengthBits, 16);
  send(socket, OP.TEXT, Buffer.alloc(70_000, 0x62));
  const large = await trace.nextOf('frame');
  assert.deepEqual([large.direction, large.lengthBits, large.length, large.shown], ['in', 64, 70_000, TRACE_SHOWN_BYTES]);
  const echoed = await trace.nextOf('frame');
  assert.deepEqual([echoed.direction, echoed.lengthBits, echoed.header], ['out', 64, '81 7f 00 00 00 00 00 01 11 70']);
});

test('reports a ping and its pong, then both close frames with their code, then the totals', async () => {
  const { port, ws } = await startServer();
  const trace = await openChannel(ws);
  const socket = await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.a`);
  await trace.nextOf('open');
  send(socket, OP.PING, Buffer.from('hb'));
  assert.deepEqual([(await trace.next()).opcodeName, (await trace.next()).opcodeName], ['ping', 'pong']);
  send(socket, OP.CLOSE, closePayload(1000, 'fin'));
  const closeIn = await trace.next();
  assert.deepEqual([closeIn.direction, closeIn.opcodeName, closeIn.closeCode, closeIn.text], ['in', 'close', 1000, 'fin']);
  const closeOut = await trace.next();
  assert.deepEqual([closeOut.direction, closeOut.opcodeName, closeOut.closeCode, closeOut.masked], ['out', 'close', 1000, false]);
  assert.deepEqual(await trace.next(), { type: 'closed', label: 'a', frames: 4, dropped: 0 });
});

test('another channel never sees a connection traced for someone else', async () => {
  const { port, ws } = await startServer();
  const mine = await openChannel(ws);
  const other = await openChannel(ws);
  const socket = await rawClient(port, `/echo?${TRACE_PARAM}=${mine.token}`);
  send(socket, OP.TEXT, Buffer.from('secret'));
  send(socket, OP.CLOSE, closePayload(1000));
  await mine.nextOf('closed');
  // The other channel gets a marker through the same server after everything above: nothing came before it.
  const marker = await rawClient(port, `/echo?${TRACE_PARAM}=${other.token}.marker`);
  assert.deepEqual(await other.next(), { type: 'open', label: 'marker', route: '/echo' });
  marker.destroy();
});

test('a wrong token gets no tap, and the connection works with the parameter hidden from the route', async () => {
  const { port, ws } = await startServer();
  const trace = await openChannel(ws);
  const socket = await rawClient(port, `/handshake?${TRACE_PARAM}=${'x'.repeat(32)}.guess`);
  const next = frameReader(socket);
  const hello = await next();
  assert.notEqual(hello, 'end');
  const shown = JSON.parse(Buffer.from((hello as { payload: Uint8Array }).payload).toString());
  assert.equal(shown.request.url, '/handshake');
  send(socket, OP.CLOSE, closePayload(1000));
  // The channel's next message is the marker's open: the guess reported nothing.
  await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.marker`);
  assert.deepEqual(await trace.next(), { type: 'open', label: 'marker', route: '/echo' });
});

test(`traces ${MAX_TRACED_SOCKETS} sockets per channel; the next one works untraced`, async () => {
  const { port, ws } = await startServer();
  const trace = await openChannel(ws);
  for (let i = 0; i < MAX_TRACED_SOCKETS; i++) {
    await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.s${i}`);
    assert.equal((await trace.next()).type, 'open');
  }
  const extra = await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.extra`);
  assert.deepEqual(await trace.next(), { type: 'untraced', label: 'extra', reason: 'sockets' });
  const next = frameReader(extra);
  send(extra, OP.TEXT, Buffer.from('encore'));
  const echo = await next();
  assert.notEqual(echo, 'end');
  assert.equal(Buffer.from((echo as { payload: Uint8Array }).payload).toString(), 'encore');
});

test('a flood of frames is reported within the rate, and every frame is counted', async () => {
  const { port, ws } = await startServer({ rateLimit: 0 });
  const trace = await openChannel(ws);
  const socket = await rawClient(port, `/echo?${TRACE_PARAM}=${trace.token}.f`);
  await trace.nextOf('open');
  const flood = Buffer.concat(Array.from({ length: 400 }, (_, i) => encodeFrame({ opcode: OP.TEXT, payload: Buffer.from(`m${i}`), mask: KEY })));
  socket.write(flood);
  socket.write(encodeFrame({ opcode: OP.CLOSE, payload: closePayload(1000), mask: KEY }));
  let reported = 0;
  for (;;) {
    const m = await trace.next();
    if (m.type === 'frame') reported++;
    if (m.type !== 'closed') continue;
    assert.equal(m.frames, reported);
    assert.equal(Number(m.frames) + Number(m.dropped), 802);
    assert.ok(reported < 802 / 2, `${reported} frames reported`);
    break;
  }
});

test('a request without the trace parameter is left as it was and gets no tap', () => {
  const tracing = createTracing(1024);
  for (const url of ['/echo', '/echo?x=1', `/echo?${TRACE_PARAM}=bad token`]) {
    const req = { url } as IncomingMessage;
    assert.equal(tracing.claim(req), undefined);
    assert.equal(req.url, url);
  }
});
