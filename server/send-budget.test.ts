import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SendBudget, defaultMaxBufferedTotal, type BacklogSource } from './send-budget.ts';
import { once } from 'node:events';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { closed, connect, nextMessage, refusedStatus, startServer, until, type Started } from './test/helpers.ts';
import { OP, frame, rawWebSocket } from '../test-support/raw-socket.ts';

type Peer = { name: string; bytes: number; open: boolean };

/** A source of peers with fixed backlogs; shedding one marks it closing, its bytes still held. */
function peers(...list: [string, number][]): { source: BacklogSource<Peer>; shed: string[]; all: Peer[] } {
  const all = list.map(([name, bytes]) => ({ name, bytes, open: true }));
  const shed: string[] = [];
  const source: BacklogSource<Peer> = {
    peers: () => all,
    pending: (peer) => peer.bytes,
    open: (peer) => peer.open,
    shed(peer) {
      peer.open = false;
      shed.push(peer.name);
    },
  };
  return { source, shed, all };
}

test('the default is a quarter of the memory, or of a lower container limit', () => {
  assert.equal(defaultMaxBufferedTotal(1024 ** 3, 0), 256 * 1024 ** 2);
  assert.equal(defaultMaxBufferedTotal(8 * 1024 ** 3, 1024 ** 3), 256 * 1024 ** 2);
  assert.equal(defaultMaxBufferedTotal(1024 ** 3, 2 ** 64), 256 * 1024 ** 2);
});

test('sheds the largest backlogs first, only until the rest fits', () => {
  const budget = new SendBudget(100);
  const { source, shed } = peers(['small', 30], ['largest', 80], ['idle', 0], ['large', 50], ['medium', 40]);
  budget.addSource(source);
  budget.measure();
  assert.deepEqual(shed, ['largest', 'large']);
  budget.close();
});

test('refuses newcomers until the shed bytes are really gone, without shedding twice', () => {
  const budget = new SendBudget(100);
  const { source, shed, all } = peers(['a', 150], ['b', 10]);
  budget.addSource(source);
  budget.measure();
  assert.equal(budget.overTotal(), true);
  budget.measure(); // 'a' is still closing, its bytes still held.
  assert.equal(budget.overTotal(), true);
  assert.deepEqual(shed, ['a']);
  all.splice(0, 1); // 'a' is cut.
  budget.measure();
  assert.equal(budget.overTotal(), false);
  assert.equal(budget.total, 10);
  budget.close();
});

test('counts every source against the same budget', () => {
  const budget = new SendBudget(100);
  const sockets = peers(['ws', 60]);
  const sessions = peers(['io', 70]);
  budget.addSource(sockets.source);
  budget.addSource(sessions.source);
  budget.measure();
  assert.deepEqual([...sockets.shed, ...sessions.shed], ['io']);
  budget.close();
});

test('measures soon once the bytes queued since the last measure could exceed the budget', async () => {
  const budget = new SendBudget(100);
  const { source, shed } = peers(['reader', 0], ['stalled', 0]);
  budget.addSource(source);
  budget.queued(60);
  source.pending = (peer) => (peer.name === 'stalled' ? 120 : 0);
  budget.queued(60);
  await until(() => shed.length > 0);
  assert.deepEqual(shed, ['stalled']);
  budget.close();
});

/** How many connections the server closed with `code`, from its own metrics. */
async function closeCount(server: Started['server'], code: number): Promise<number> {
  const metric = await server.metrics.getSingleMetric('websocket_closes_total')!.get();
  return metric.values.find((v) => v.labels.code === String(code))?.value ?? 0;
}

/** Asks /echo for `chunks` echoes of 256 KiB that the paused `socket` will not read, or fewer once `stop()` holds. */
async function flood(socket: Socket, chunks: number, stop = async (_sent: number) => false): Promise<void> {
  const chunk = frame(OP.BINARY, Buffer.alloc(256 * 1024, 7));
  const cut = once(socket, 'close');
  try {
    for (let sent = 0; sent < chunks && !socket.destroyed && !(await stop(sent)); sent++) {
      if (!socket.write(chunk)) await Promise.race([once(socket, 'drain'), cut]);
    }
  } catch {
    // Cut by the server: what the test waits for.
  }
}

test('past MAX_BUFFERED_TOTAL, the largest backlog is shed with 1013, newcomers get 503, and a reader is unaffected', async () => {
  const maxBufferedTotal = 4 * 1024 * 1024;
  const { ws, port, server } = await startServer({ maxBufferedTotal, maxBuffered: 256 * 1024 * 1024, rateLimit: 0, heartbeatInterval: 60000 });
  const reader = await connect(`${ws}echo`);
  const readerClosed = closed(reader);
  const small = await rawWebSocket(port);
  const large = await rawWebSocket(port);
  for (const socket of [small, large]) {
    socket.pause(); // Never reads its echoes: they wait on the server.
    socket.on('error', () => {});
  }
  await flood(small, 4); // 1 MiB: under the budget even if none of it fits in the kernel's buffers.
  // Up to 128 MiB, until a newcomer is refused: the shed peer's bytes are held until it is cut.
  let status = 101;
  await flood(large, 512, async (sent) => sent % 8 === 7 && (status = await refusedStatus(`${ws}echo`)) === 503);
  assert.equal(status, 503);
  await until(() => server.connectionCount === 2, 10_000);
  assert.equal(await closeCount(server, 1013), 1);
  assert.equal(await closeCount(server, 1008), 0);
  // The reader still talks, the small backlog is still served, and only the large one went.
  reader.send('encore là');
  assert.equal((await nextMessage(reader)).data.toString(), 'encore là');
  let echoed = 0;
  small.on('data', (data: Buffer) => (echoed += data.length));
  small.resume();
  await until(() => echoed >= 4 * 256 * 1024, 10_000);
  assert.equal(reader.readyState, WebSocket.OPEN);
  await connect(`${ws}echo`); // Under the budget again: newcomers are welcome.
  reader.close();
  assert.equal((await readerClosed).code, 1005);
});

test('Socket.IO sessions count against MAX_BUFFERED_TOTAL: one that never polls is shed below its own MAX_BUFFERED', async () => {
  const { url, server } = await startServer({ maxBufferedTotal: 1024 * 1024, maxBuffered: 64 * 1024 * 1024, rateLimit: 0 });
  const base = url.replace(/\/$/, '');
  const path = '/socket.io/?EIO=4&transport=polling';
  const sid = JSON.parse((await (await fetch(`${base}${path}`)).text()).slice(1)).sid as string;
  const post = (body: string) => fetch(`${base}${path}&sid=${sid}`, { method: 'POST', body }).then((r) => r.status, () => 0);
  assert.equal(await post('40'), 200);
  // Acknowledgements pile up in the session's writeBuffer: no GET ever comes to take them.
  const payload = JSON.stringify(['echo', 'x'.repeat(32 * 1024)]);
  let status = 200;
  for (let i = 0; i < 128 && status === 200; i++) status = await post(`42${i}${payload}`);
  // Pongs keep the session alive past Engine.IO's ping timeout: only the budget may end it.
  const keepAlive = setInterval(() => void post('3'), 500);
  // The session is gone (shed: it held more than the whole budget), so its slot is given back.
  await until(() => server.admittedCount === 0, 20_000).finally(() => clearInterval(keepAlive));
  // Its next request is refused as an unknown session.
  assert.equal(await post('42999["echo","?"]'), 400);
});
