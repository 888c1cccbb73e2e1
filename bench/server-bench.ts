/**
 * The echo-server benchmark: the same load generator, in the same run, against our server
 * (defaults, and limits raised), a bare ws server and Bun's server. Servers on core 0, the
 * generator on core 1. Cells are interleaved (each cell runs against every server in turn) so
 * that noise from the rest of the machine spreads evenly over the servers; with several rounds,
 * each figure of a cell is its median over the rounds.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort, start, stop, waitForPort } from '../test-support/processes.ts';
import { cpuSeconds, hasLoaded, jsonLines, rssBytes } from './process-stats.ts';
import { median, type Summary } from './stats.ts';
import { benchTool } from './tools.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_CORE = 0;
const CLIENT_CORE = 1;

/** How to start one server under test. */
interface ServerSpec {
  id: string;
  label: string;
  /** The executable; a function, so that Bun is installed (bench/tools.ts) only when it runs. */
  command: () => string;
  args: string[];
  path: string;
}

/** The servers, ours first; ids are the JSON keys. */
export const SERVERS: ServerSpec[] = [
  { id: 'ours', label: 'ours (defaults)', command: () => process.execPath, args: ['server/main.ts'], path: '/echo' },
  { id: 'oursRaised', label: 'ours (limits raised)', command: () => process.execPath, args: ['bench/servers/ours-raised.ts'], path: '/echo' },
  { id: 'ws', label: 'bare ws', command: () => process.execPath, args: ['bench/servers/bare-ws.mjs'], path: '/' },
  { id: 'bun', label: 'Bun.serve', command: () => benchTool('bun'), args: ['bench/servers/bun-echo.ts'], path: '/' },
];

/** The settings of one server-benchmark run. */
export interface ServerBenchPlan {
  connections: number[];
  sizes: number[];
  warmupMs: number;
  durationMs: number;
  idleSteps: number[];
  /** Times every load cell is run against every server; figures are medians over the rounds. */
  rounds: number;
}

/** One load cell against one server. */
export interface LoadResult {
  connections: number;
  size: number;
  open: number;
  refusals: Record<string, number>;
  closedByServer: Record<string, number>;
  messagesPerSecond: number;
  rttMs: { p50: number; p99: number; max: number };
  serverCpuMicrosPerMessage: number;
  serverCpuShare: number;
  clientCpuShare: number;
  /** How many runs each figure is the median of. */
  rounds: number;
}

/** One idle step against one server. */
export interface IdleResult {
  target: number;
  open: number;
  refusals: Record<string, number>;
  rssBytes: number;
  bytesPerConnection: number;
}

/** Everything measured about one server. */
export interface ServerResult {
  id: string;
  label: string;
  bufferutilLoaded: boolean | null;
  load: LoadResult[];
  idle: IdleResult[];
}

interface Running {
  spec: ServerSpec;
  child: ChildProcess;
  url: string;
}

async function launch(spec: ServerSpec): Promise<Running> {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  const child = start(spec.command(), spec.args, { cwd: ROOT, env, core: SERVER_CORE });
  child.stdout!.resume();
  child.stderr!.resume();
  await waitForPort(port);
  return { spec, child, url: `ws://127.0.0.1:${port}${spec.path}` };
}

function generator(config: object, stdin: 'ignore' | 'pipe' = 'ignore'): ChildProcess {
  const child = start(process.execPath, ['bench/load-generator.ts', JSON.stringify(config)], {
    cwd: ROOT,
    core: CLIENT_CORE,
    stdio: [stdin, 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8');
  return child;
}

async function loadCell(server: Running, connections: number, size: number, plan: ServerBenchPlan): Promise<LoadResult> {
  const pid = server.child.pid!;
  const gen = generator({ mode: 'load', url: server.url, connections, size, warmupMs: plan.warmupMs, durationMs: plan.durationMs });
  let open = 0;
  let refusals = {};
  let cpuAtStart = 0;
  let result: LoadResult | undefined;
  for await (const line of jsonLines(gen)) {
    if (line.event === 'open') ({ open, refusals } = line as { open: number; refusals: Record<string, number> });
    if (line.event === 'start') cpuAtStart = cpuSeconds(pid);
    if (line.event === 'end') {
      const cpu = cpuSeconds(pid) - cpuAtStart;
      const end = line as unknown as { seconds: number; messages: number; rttMicros: Summary; clientCpuShare: number; closedByServer: Record<string, number> };
      result = {
        connections,
        size,
        open,
        refusals,
        closedByServer: end.closedByServer,
        messagesPerSecond: end.messages / end.seconds,
        rttMs: { p50: end.rttMicros.p50 / 1000, p99: end.rttMicros.p99 / 1000, max: end.rttMicros.max / 1000 },
        serverCpuMicrosPerMessage: end.messages ? (cpu * 1e6) / end.messages : NaN,
        serverCpuShare: cpu / end.seconds,
        clientCpuShare: end.clientCpuShare,
        rounds: 1,
      };
    }
  }
  await stop(gen);
  if (!result) throw new Error(`load generator gave no result against ${server.spec.label}`);
  return result;
}

async function idleRun(spec: ServerSpec, steps: number[]): Promise<IdleResult[]> {
  const server = await launch(spec);
  const pid = server.child.pid!;
  await new Promise((r) => setTimeout(r, 1000));
  const baseline = rssBytes(pid);
  const gen = generator({ mode: 'idle', url: server.url, steps }, 'pipe');
  const results: IdleResult[] = [];
  for await (const line of jsonLines(gen)) {
    if (line.event !== 'held') continue;
    const held = line as { target: number; open: number; refusals: Record<string, number> };
    const rss = rssBytes(pid);
    results.push({
      target: held.target,
      open: held.open,
      refusals: { ...held.refusals },
      rssBytes: rss,
      bytesPerConnection: held.open ? (rss - baseline) / held.open : NaN,
    });
    gen.stdin!.write('\n');
  }
  await stop(gen);
  await stop(server.child);
  return results;
}

/** One cell's runs folded into one: each figure is its own median; counts come from the last run. */
function medianOfRuns(runs: LoadResult[]): LoadResult {
  // A round where nothing got through has no figure (NaN): the median is of the others.
  const of = (figure: (r: LoadResult) => number) => median(runs.map(figure).filter((v) => !Number.isNaN(v)));
  return {
    ...runs.at(-1)!,
    messagesPerSecond: of((r) => r.messagesPerSecond),
    rttMs: { p50: of((r) => r.rttMs.p50), p99: of((r) => r.rttMs.p99), max: of((r) => r.rttMs.max) },
    serverCpuMicrosPerMessage: of((r) => r.serverCpuMicrosPerMessage),
    serverCpuShare: of((r) => r.serverCpuShare),
    clientCpuShare: of((r) => r.clientCpuShare),
    rounds: runs.length,
  };
}

const sizeLabel = (size: number) => (size >= 1024 ? `${size / 1024} KiB` : `${size} B`);

/** Runs the whole server benchmark; `log` reports progress. */
export async function benchServers(plan: ServerBenchPlan, log: (line: string) => void): Promise<ServerResult[]> {
  const results: ServerResult[] = SERVERS.map((s) => ({ id: s.id, label: s.label, bufferutilLoaded: null, load: [], idle: [] }));
  const running = await Promise.all(SERVERS.map(launch));
  try {
    running.forEach((r, i) => {
      if (r.spec.command() === process.execPath) results[i].bufferutilLoaded = hasLoaded(r.child.pid!, 'bufferutil');
    });
    // runs[server][cell]: every round's result of that cell.
    const runs: LoadResult[][][] = running.map(() => []);
    for (let round = 1; round <= plan.rounds; round++) {
      // Every other round goes through the servers backwards, so that none always follows the same one.
      const order = round % 2 ? [...running.entries()] : [...running.entries()].reverse();
      let cell = 0;
      for (const connections of plan.connections) {
        for (const size of plan.sizes) {
          for (const [i, server] of order) {
            log(`  ${plan.rounds > 1 ? `round ${round}/${plan.rounds}, ` : ''}${server.spec.label}: ${connections} conn, ${sizeLabel(size)}`);
            (runs[i][cell] ??= []).push(await loadCell(server, connections, size, plan));
            // Let the server see the closes before the next cell (per-address caps count them).
            await new Promise((r) => setTimeout(r, 300));
          }
          cell++;
        }
      }
    }
    runs.forEach((cells, i) => (results[i].load = cells.map(medianOfRuns)));
  } finally {
    await Promise.all(running.map((r) => stop(r.child)));
  }
  for (const [i, spec] of SERVERS.entries()) {
    log(`  ${spec.label}: idle ${plan.idleSteps.join(', ')}`);
    results[i].idle = await idleRun(spec, plan.idleSteps);
  }
  return results;
}
