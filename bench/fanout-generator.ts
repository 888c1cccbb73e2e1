/**
 * The fan-out load generator, run as its own process (pinned to another core than the servers):
 *   node bench/fanout-generator.ts '{"urls":[…],"receivers":1000,"window":4,"size":64,"warmupMs":1000,"durationMs":3000}'
 * Opens `receivers` members of one /chat room, spread in turn over `urls`, plus one sender on
 * the first url. The sender keeps `window` broadcasts in flight: a broadcast is done when every
 * receiver has it. Each receiver records the delay from the send to its own copy. It reports
 * in JSON lines on stdout, as load-generator.ts does.
 */
import { WebSocket } from 'ws';
import { summarize } from './stats.ts';

interface FanoutConfig {
  urls: string[];
  receivers: number;
  window: number;
  size: number;
  warmupMs: number;
  durationMs: number;
}

/** Handshakes in flight at once, as in load-generator.ts. */
const CONCURRENT_OPENS = 100;

const emit = (event: string, data: object = {}): void => void process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const config = JSON.parse(process.argv[2]) as FanoutConfig;
const room = `bench-${process.pid}`;
const closes: Record<string, number> = {};

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url}?room=${room}`, { perMessageDeflate: false });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode} from ${url}`)));
    ws.once('error', reject);
    // The welcome says the server has put this member in the room.
    ws.once('message', () => {
      ws.on('close', (code) => (closes[code] = (closes[code] ?? 0) + 1));
      resolve(ws);
    });
  });
}

let next = 0;
const receivers: WebSocket[] = [];
await Promise.all(
  Array.from({ length: Math.min(CONCURRENT_OPENS, config.receivers) }, async () => {
    while (next < config.receivers) {
      const i = next++;
      receivers.push(await open(config.urls[i % config.urls.length]));
    }
  }),
);
const sender = await open(config.urls[0]);

// seq → receivers still waiting for that broadcast.
const pending = new Map<number, number>();
const sentAt = new Map<number, number>();
let seq = 0;
let measuring = false;
let running = true;
let deliveries = 0;
let broadcasts = 0;
const latencies: number[] = [];
const padding = 'x'.repeat(Math.max(0, config.size - 24));

const send = (): void => {
  if (!running) return;
  const n = ++seq;
  pending.set(n, receivers.length);
  sentAt.set(n, performance.now());
  sender.send(`${n} ${padding}`);
};

for (const ws of receivers) {
  ws.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString()) as { type: string; text?: string };
    if (message.type !== 'chat') return; // joins and leaves of the others
    const n = Number(message.text!.slice(0, message.text!.indexOf(' ')));
    const left = pending.get(n)! - 1;
    if (measuring) {
      deliveries++;
      latencies.push((performance.now() - sentAt.get(n)!) * 1000); // µs
    }
    if (left > 0) return void pending.set(n, left);
    pending.delete(n);
    sentAt.delete(n);
    if (measuring) broadcasts++;
    send();
  });
}
emit('open', { receivers: receivers.length });
for (let i = 0; i < config.window; i++) send();
await sleep(config.warmupMs);
const cpuBefore = process.cpuUsage();
const t0 = performance.now();
measuring = true;
emit('start');
await sleep(config.durationMs);
measuring = false;
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpuBefore);
emit('end', { seconds, deliveries, broadcasts, latencyMicros: summarize(latencies), clientCpuShare: (cpu.user + cpu.system) / 1e6 / seconds, closedByServer: { ...closes } });
running = false;
for (const ws of [...receivers, sender]) ws.terminate();
process.exit(0);
