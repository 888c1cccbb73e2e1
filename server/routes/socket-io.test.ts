import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { after, before, test } from 'node:test';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { WebSocket as WsClient } from 'ws';
import { until } from '../test/helpers.ts';
import { attachSocketIo, SOCKET_IO_PATH } from './socket-io.ts';

/** Small, so that a client that stops reading passes it quickly. */
const MAX_BUFFERED = 64 * 1024;
let http: Server;
let io: ReturnType<typeof attachSocketIo>;
let base = '';
const clients: ClientSocket[] = [];

before(async () => {
  http = createServer((_req, res) => res.end('site'));
  http.on('upgrade', (req, socket) => {
    // Stands in for the course server's own routes.
    if (!req.url?.startsWith(SOCKET_IO_PATH)) socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  io = attachSocketIo(http, { maxBuffered: MAX_BUFFERED });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

after(async () => {
  for (const c of clients) c.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

function client(): ClientSocket {
  const socket = connectClient(base, { transports: ['websocket'], forceNew: true });
  clients.push(socket);
  return socket;
}

/** Opens a plain WebSocket and collects its text messages. */
function plain(path: string, headers?: Record<string, string>) {
  const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`, headers ? ({ headers } as never) : undefined);
  const messages: string[] = [];
  let wake = () => {};
  ws.onmessage = (e) => {
    messages.push(String(e.data));
    wake();
  };
  return {
    ws,
    async next(): Promise<string> {
      while (messages.length === 0) await new Promise<void>((r) => (wake = r));
      return messages.shift()!;
    },
  };
}

test('acknowledges an echo event with the same payload', async () => {
  const socket = client();
  const reply = await socket.timeout(2000).emitWithAck('echo', { texte: 'Bonjour' });
  assert.deepEqual(reply, { texte: 'Bonjour' });
});

test('relays said messages to the other members of a room only', async () => {
  const [alice, bob, carol] = [client(), client(), client()];
  assert.equal(await alice.emitWithAck('join', 'salon-a'), 1);
  assert.equal(await bob.emitWithAck('join', 'salon-a'), 2);
  await carol.emitWithAck('join', 'salon-b');
  let carolHeard = false;
  carol.on('said', () => (carolHeard = true));
  const heard = new Promise((resolve) => bob.once('said', resolve));
  alice.emit('say', 'Salut Bob');
  assert.deepEqual(await heard, { from: alice.id, text: 'Salut Bob' });
  // Carol's own round trip comes after the relay on her connection: a relay to her would be here by then.
  await carol.timeout(2000).emitWithAck('echo', 'après');
  assert.equal(carolHeard, false);
});

test('speaks Engine.IO to a plain WebSocket: open, connect, event with ack, ping/pong', async () => {
  const { ws, next } = plain(`${SOCKET_IO_PATH}?EIO=4&transport=websocket`);
  const open = await next();
  assert.match(open, /^0\{"sid":"[^"]+","upgrades":\[\],"pingInterval":2000,/);
  ws.send('40');
  assert.match(await next(), /^40\{"sid":"[^"]+"\}$/);
  ws.send('421["echo","Bonjour"]');
  assert.equal(await next(), '431["Bonjour"]');
  assert.equal(await next(), '2');
  ws.send('3');
  ws.close();
});

test('refuses a plain WebSocket that does not say which Engine.IO version it speaks', async () => {
  const ws = new WebSocket(`${base.replace('http', 'ws')}${SOCKET_IO_PATH}`);
  const code = await new Promise<number>((resolve) => (ws.onclose = (e) => resolve(e.code)));
  assert.equal(code, 1006);
});

test('cuts a session whose client stops reading, and only that one', async () => {
  const session = new Promise<{ transport: { socket: WsClient } ; once(e: 'close', l: (reason: string) => void): void }>((resolve) => io.engine.once('connection', resolve));
  const reader = new WsClient(`${base.replace('http', 'ws')}${SOCKET_IO_PATH}?EIO=4&transport=websocket`);
  after(() => reader.terminate());
  reader.on('error', () => {}); // The server cuts us mid-write, as it should.
  await once(reader, 'message'); // Engine.IO's open packet
  reader.send('40');
  await once(reader, 'message'); // connected to the main namespace
  const server = await session;
  let reason: string | undefined;
  server.once('close', (why) => (reason = why));
  (reader as unknown as { _socket: Socket })._socket.pause(); // Never read a byte of the echoes.
  // Up to 32 MiB of acknowledged echoes requested: a server without the bound buffers them all,
  // until its ping timeout ends the session for another reason.
  const payload = JSON.stringify(['echo', 'x'.repeat(16 * 1024)]);
  for (let i = 0; i < 2048 && reason === undefined; i++) {
    reader.send(`42${i}${payload}`);
    if (i % 32 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  await until(() => reason !== undefined, 20_000);
  assert.equal(reason, 'forced close');
  // What the server held for it is let go: its socket is destroyed, not left to drain.
  await until(() => server.transport.socket.readyState === WsClient.CLOSED);
  const neighbour = client();
  assert.equal(await neighbour.timeout(2000).emitWithAck('echo', 'encore là'), 'encore là');
});

test('cuts a long-polling session that never polls for what it asked', async () => {
  const session = new Promise<{ once(e: 'close', l: (reason: string) => void): void }>((resolve) => io.engine.once('connection', resolve));
  const open = await (await fetch(`${base}${SOCKET_IO_PATH}?EIO=4&transport=polling`)).text();
  const sid = JSON.parse(open.slice(1)).sid as string;
  let reason: string | undefined;
  (await session).once('close', (why) => (reason = why));
  const post = (body: string) => fetch(`${base}${SOCKET_IO_PATH}?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body }).then((r) => r.text());
  await post('40');
  // Acknowledgements pile up in the session's writeBuffer: no GET ever comes to take them.
  const payload = JSON.stringify(['echo', 'x'.repeat(16 * 1024)]);
  for (let i = 0; i < 64 && reason === undefined; i++) await post(`42${i}${payload}`).catch(() => '');
  await until(() => reason !== undefined, 20_000);
  assert.equal(reason, 'forced close');
});
