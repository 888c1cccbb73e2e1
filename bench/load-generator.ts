/**
 * The load generator, run as its own process (pinned to another core than the server):
 *   node bench/load-generator.ts '{"mode":"load","url":…,"connections":100,"size":32,"warmupMs":1000,"durationMs":3000}'
 *   node bench/load-generator.ts '{"mode":"idle","url":…,"steps":[1000,5000,10000]}'
 * It talks to its parent in JSON lines on stdout; in idle mode, each line on stdin means "go on".
 * Load is closed-loop: each connection sends one message, waits for its echo, then sends the next.
 */
import { createInterface } from 'node:readline';
import { WebSocket } from 'ws';
import { summarize } from './stats.ts';

interface LoadConfig {
  mode: 'load';
  url: string;
  connections: number;
  size: number;
  warmupMs: number;
  durationMs: number;
}
interface IdleConfig {
  mode: 'idle';
  url: string;
  steps: number[];
}

/** Handshakes in flight at once: more overflows the listen backlog and measures SYN retries. */
const CONCURRENT_OPENS = 200;
const OPEN_TIMEOUT_MS = 10000;

const emit = (event: string, data: object = {}): void => void process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

/** What went wrong while opening connections: HTTP status or error name → count. */
const refusals: Record<string, number> = {};
/** Close codes of connections that closed before we closed them → count. */
const closes: Record<string, number> = {};

function open(url: string): Promise<WebSocket | undefined> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: OPEN_TIMEOUT_MS });
    let failed = false;
    const fail = (why: string) => {
      // terminate() below fires a second 'error'; count each connection once.
      if (failed) return;
      failed = true;
      refusals[why] = (refusals[why] ?? 0) + 1;
      ws.terminate();
      resolve(undefined);
    };
    ws.once('unexpected-response', (_req, res) => fail(`HTTP ${res.statusCode}`));
    ws.once('error', (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    ws.once('open', () => {
      ws.removeAllListeners('error');
      ws.on('error', () => {});
      ws.once('close', (code) => (closes[code] = (closes[code] ?? 0) + 1));
      resolve(ws);
    });
  });
}

/** Opens `count` connections, CONCURRENT_OPENS at a time; failed ones are counted in `refusals`. */
async function openMany(url: string, count: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const ws = await open(url);
      if (ws) sockets.push(ws);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_OPENS, count) }, lane));
  return sockets;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function load(config: LoadConfig): Promise<void> {
  const sockets = await openMany(config.url, config.connections);
  emit('open', { open: sockets.length, refusals });
  const payload = Buffer.alloc(config.size, 0x61);
  let running = true;
  let measuring = false;
  let messages = 0;
  const rtts: number[] = [];
  for (const ws of sockets) {
    let sentAt = 0n;
    const send = () => {
      sentAt = process.hrtime.bigint();
      ws.send(payload, { binary: true });
    };
    ws.on('message', () => {
      if (measuring) {
        messages++;
        rtts.push(Number(process.hrtime.bigint() - sentAt) / 1e3); // µs
      }
      if (running && ws.readyState === WebSocket.OPEN) send();
    });
    send();
  }
  await sleep(config.warmupMs);
  const cpuBefore = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  measuring = true;
  emit('start');
  await sleep(config.durationMs);
  measuring = false;
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  emit('end', {
    seconds,
    messages,
    rttMicros: summarize(rtts),
    clientCpuShare: (cpu.user + cpu.system) / 1e6 / seconds,
    closedByServer: { ...closes },
  });
  running = false;
  for (const ws of sockets) ws.terminate();
}

async function idle(config: IdleConfig): Promise<void> {
  const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
  const sockets: WebSocket[] = [];
  for (const target of config.steps) {
    sockets.push(...(await openMany(config.url, target - sockets.length - sumValues(refusals))));
    // Let the server settle (and finish its handshake bookkeeping) before its memory is read.
    await sleep(500);
    emit('held', { target, open: sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length, refusals, closes });
    await lines.next();
  }
  for (const ws of sockets) ws.terminate();
}

function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}

const config = JSON.parse(process.argv[2]) as LoadConfig | IdleConfig;
await (config.mode === 'load' ? load(config) : idle(config));
process.exit(0);
