/** Server test helpers: a temp site, a started server, and promise-based ws clients. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { once } from 'node:events';
import { request } from 'node:http';
import WebSocket from 'ws';
import { createServer, type CourseServer, type ListenResult } from '../create-server.ts';
import type { ServerOptions } from '../settings.ts';

/** Re-exported: server tests have always found it here; test-support/wait.ts holds it for every kind of test. */
export { until } from '../../test-support/wait.ts';

/** Creates a throwaway built site (index, 404, runner, one hashed asset), removed after the file's tests. */
export function tempSite(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ws-course-site-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Accueil</title><h1>Bonjour</h1>' + 'x'.repeat(2000));
  writeFileSync(join(dir, '404.html'), '<!doctype html><title>404</title>');
  mkdirSync(join(dir, 'runner'));
  writeFileSync(join(dir, 'runner', 'index.html'), '<!doctype html><title>runner</title>');
  mkdirSync(join(dir, '_astro'));
  writeFileSync(join(dir, '_astro', 'app.abc123.js'), 'console.log(1);\n'.repeat(200));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A started test server, closed automatically after the file's tests. */
export type Started = ListenResult & { server: CourseServer; ws: string };

/** Starts a quiet server on a free port. */
export async function startServer(options: Partial<ServerOptions> = {}): Promise<Started> {
  const server = createServer({ port: 0, host: '127.0.0.1', logLevel: 'silent', staticDir: tempSite(), shutdownGrace: 300, ...options });
  const bound = await server.listen();
  after(() => server.close());
  return { ...bound, server, ws: bound.url.replace(/^http/, 'ws') };
}

/** Opens a client and waits for `open`; it is terminated after the file's tests. */
export async function connect(url: string, protocols?: string | string[], options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, protocols, options);
  after(() => ws.terminate());
  // Queue from the start: a message sent on open can arrive in the same chunk as the 101.
  const inbox: Inbox = { messages: [], waiters: [] };
  inboxes.set(ws, inbox);
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    const waiter = inbox.waiters.shift();
    if (waiter) waiter({ data, isBinary });
    else inbox.messages.push({ data, isBinary });
  });
  await once(ws, 'open');
  return ws;
}

type Received = { data: Buffer; isBinary: boolean };
type Inbox = { messages: Received[]; waiters: ((m: Received) => void)[] };
const inboxes = new WeakMap<WebSocket, Inbox>();

/** Resolves with the next message (queued since connect) and whether it was binary. */
export async function nextMessage(ws: WebSocket): Promise<Received> {
  const inbox = inboxes.get(ws);
  if (!inbox) throw new Error('not opened with connect()');
  const queued = inbox.messages.shift();
  if (queued) return queued;
  return new Promise((resolve) => inbox.waiters.push(resolve));
}

/** Performs a raw upgrade request and resolves with the status and headers of the answer. */
export function rawUpgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the next message parsed as JSON. */
export async function nextJson(ws: WebSocket): Promise<any> {
  return JSON.parse((await nextMessage(ws)).data.toString());
}

/** Resolves with the close code and reason. */
export async function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  if (ws.readyState === WebSocket.CLOSED) throw new Error('already closed');
  const [code, reason] = (await once(ws, 'close')) as [number, Buffer];
  return { code, reason: reason.toString() };
}

/** Resolves with the HTTP status of a refused handshake, or 101 when the handshake succeeds. */
export async function refusedStatus(url: string, options: WebSocket.ClientOptions = {}): Promise<number> {
  const ws = new WebSocket(url, options);
  ws.on('error', () => {}); // terminate() while CONNECTING reports an error we expect.
  after(() => ws.terminate());
  const status = await new Promise<number>((resolve) => {
    ws.once('unexpected-response', (_req, res: { statusCode: number; resume(): void }) => {
      res.resume();
      resolve(res.statusCode);
    });
    // An accepted handshake must fail the caller's assertion, not hang it.
    ws.once('upgrade', () => resolve(101));
  });
  ws.terminate();
  return status;
}
