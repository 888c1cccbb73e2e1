import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { io as connectClient, type Socket } from 'socket.io-client';
import { attachSocketIo, SOCKET_IO_PATH } from './socket-io.ts';

let http: Server;
let base = '';
const clients: Socket[] = [];

before(async () => {
  http = createServer((_req, res) => res.end('site'));
  http.on('upgrade', (req, socket) => {
    // Stands in for the course server's own routes.
    if (!req.url?.startsWith(SOCKET_IO_PATH)) socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
  });
  attachSocketIo(http, { refuse: (req) => (req.headers.origin === 'http://evil.example' ? 'Origine refusée' : undefined) });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

after(async () => {
  for (const c of clients) c.close();
  http.closeAllConnections();
  await new Promise((resolve) => http.close(resolve));
});

function client(): Socket {
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

test('applies refuse() to the handshake', async () => {
  const ws = new WebSocket(`${base.replace('http', 'ws')}${SOCKET_IO_PATH}?EIO=4&transport=websocket`, {
    headers: { origin: 'http://evil.example' },
  } as never);
  const code = await new Promise<number>((resolve) => (ws.onclose = (e) => resolve(e.code)));
  assert.equal(code, 1006);
});
