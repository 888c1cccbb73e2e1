/** Prints the results as tables and writes the same figures as JSON under bench/results/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fanoutSection } from './fanout-report.ts';
import type { FanoutResult } from './fanout.ts';
import type { LighthouseResult } from './lighthouse.ts';
import type { Bytes, PageResult } from './page.ts';
import type { ProjectResult } from './project.ts';
import type { LoadResult, ServerResult } from './server-bench.ts';
import type { TargetCheck } from './targets.ts';

/** Everything one run produced; this is the JSON file's shape. */
export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: { node: string; cpus: number; pinning: boolean; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  plan: object;
  server?: ServerResult[];
  fanout?: FanoutResult;
  page?: PageResult;
  lighthouse?: LighthouseResult[];
  project?: ProjectResult & { testNote: string };
  targets?: TargetCheck[];
}

const RESULTS_DIR = path.resolve(import.meta.dirname, 'results');

/** A plain-text table: first column left-aligned, the others right-aligned unless `leftAll`. */
export function table(headers: string[], rows: string[][], leftAll = false): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || leftAll ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en') : '—');
const dec = (digits: number) => (x: number) => (Number.isFinite(x) ? x.toFixed(digits) : '—');
const times = (a: number, b: number) => (Number.isFinite(a / b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
const size = (bytes: number) => (bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`);
const counts = (record: Record<string, number>) => Object.entries(record).map(([k, v]) => `${k} ×${v}`).join(', ');

const METRICS: [string, (r: LoadResult) => number, (x: number) => string][] = [
  ['msg/s', (r) => r.messagesPerSecond, int],
  ['RTT p50 ms', (r) => r.rttMs.p50, dec(2)],
  ['RTT p99 ms', (r) => r.rttMs.p99, dec(2)],
  ['server CPU µs/msg', (r) => r.serverCpuMicrosPerMessage, dec(1)],
];

function serverSection(servers: ServerResult[]): string {
  const [ours, raised, ws, bun] = ['ours', 'oursRaised', 'ws', 'bun'].map((id) => servers.find((s) => s.id === id)!);
  const rows: string[][] = [];
  ours.load.forEach((cell, i) => {
    for (const [name, pick, format] of METRICS) {
      const v = [ours, raised, ws, bun].map((s) => pick(s.load[i]));
      rows.push([`${cell.connections} conn × ${size(cell.size)}`, name, ...v.map(format), times(v[0], v[2]), times(v[0], v[3]), times(v[1], v[2]), times(v[1], v[3])]);
    }
  });
  const headers = ['cell', 'figure', 'ours', 'ours raised', 'bare ws', 'Bun', 'ours/ws', 'ours/Bun', 'raised/ws', 'raised/Bun'];
  const notes: string[] = [];
  for (const s of servers) {
    s.load.forEach((cell) => {
      const refused = counts(cell.refusals);
      const closed = counts(cell.closedByServer);
      if (refused || closed) {
        notes.push(`  ${s.label}, ${cell.connections} conn × ${size(cell.size)}: ${cell.open}/${cell.connections} opened${refused ? `; refused: ${refused}` : ''}${closed ? `; closed by the server: ${closed}` : ''}`);
      }
    });
  }
  const saturation = servers
    .flatMap((s) => s.load.map((c) => `${s.label} ${c.connections}×${size(c.size)}: server ${(c.serverCpuShare * 100).toFixed(0)} %, generator ${(c.clientCpuShare * 100).toFixed(0)} %`));
  const idleRows = ours.idle.map((step, i) => {
    const v = [ours, raised, ws, bun].map((s) => s.idle[i]);
    return [
      step.target.toLocaleString('en'),
      ...v.map((x) => `${x.open.toLocaleString('en')} · ${(x.bytesPerConnection / 1000).toFixed(1)} KB`),
      times(v[0].bytesPerConnection, v[2].bytesPerConnection),
      times(v[0].bytesPerConnection, v[3].bytesPerConnection),
      times(v[1].bytesPerConnection, v[2].bytesPerConnection),
      times(v[1].bytesPerConnection, v[3].bytesPerConnection),
    ];
  });
  return [
    '## 1. Echo server',
    ...(servers[0].load[0]?.rounds > 1 ? [`Each load figure is the median of ${servers[0].load[0].rounds} interleaved rounds.`] : []),
    `bufferutil loaded: ${servers.filter((s) => s.bufferutilLoaded !== null).map((s) => `${s.label} ${s.bufferutilLoaded ? 'yes' : 'NO'}`).join(', ')}`,
    '',
    table(headers, rows),
    '',
    ...(notes.length ? ['Refusals and server closes (the defaults at work):', ...notes, ''] : []),
    'Idle connections: held · server RSS growth per connection (ratios of bytes/connection)',
    table(['idle target', 'ours', 'ours raised', 'bare ws', 'Bun', 'ours/ws', 'ours/Bun', 'raised/ws', 'raised/Bun'], idleRows),
    '',
    'CPU share of one core during each window (a generator near 100 % means the client, not the server, was the limit):',
    ...saturation.map((l) => `  ${l}`),
  ].join('\n');
}

function bytesRow(label: string, b: Bytes): string[] {
  return [label, String(b.files), kib(b.raw), kib(b.gzip)];
}

function pageSection(page: PageResult): string {
  const parts = [`## 2. Lesson pages in Chromium (${page.viewport.width}×${page.viewport.height}, empty cache)`];
  for (const lesson of page.lessons) {
    parts.push(
      '',
      `${lesson.url}${lesson.editorMountedWithoutInteraction ? ' — the editor mounts on load, without interaction (playground in view)' : ''}`,
      table(['resource', 'files', 'KiB raw', 'KiB gzip'], [
        bytesRow('JS before interaction', lesson.beforeInteraction.js),
        bytesRow('inline JS in the HTML', lesson.beforeInteraction.inlineJs),
        bytesRow('CSS before interaction', lesson.beforeInteraction.css),
        bytesRow('JS once the editor is ready', lesson.afterEditor.js),
        bytesRow('CSS once the editor is ready', lesson.afterEditor.css),
      ]),
      `Biggest JS once the editor is ready (KiB gzip): ${lesson.afterEditor.biggestJs.map((f) => `${path.basename(f.url)} ${kib(f.gzip)}`).join(', ')}`,
      `Editor ready, from ${lesson.editorReadyMs.from}: median ${int(lesson.editorReadyMs.median)} ms, worst ${int(lesson.editorReadyMs.worst)} ms (${lesson.editorReadyMs.samples.length} loads)`,
    );
  }
  const echo = page.runToEchoMs;
  const typing = page.readyToType;
  if (typing) {
    const row = (label: string, t: { median: number; worst: number }) => [label, int(t.median), int(t.worst), times(t.median, typing.monaco.median)];
    parts.push(
      '',
      `Ready to type, from a real click on ${typing.url}'s static code (${typing.samples.length} loads, empty cache); the baseline is Monaco taking over, which was the first moment a key counted before the typing layer`,
      table(['from the click to', 'median ms', 'worst ms', 'vs Monaco'], [
        row('the typed key shows in the code', typing.typed),
        row('Monaco has taken over', typing.monaco),
        row('Monaco shows the key', typing.typedInMonaco),
      ]),
    );
  }
  parts.push('', `« Exécuter » → first echo (${echo.samples.length} runs): median ${echo.median.toFixed(1)} ms, worst ${echo.worst.toFixed(1)} ms, first run ${echo.first.toFixed(1)} ms`);
  return parts.join('\n');
}

function lighthouseSection(results: LighthouseResult[]): string {
  return [
    '## Lighthouse (performance, echo lesson)',
    table(['form factor', 'median', 'runs', 'FCP ms', 'LCP ms', 'TBT ms', 'CLS', 'SI ms'], results.map((r) => [
      r.formFactor, String(r.median), r.scores.join(' '), int(r.metrics.fcp), int(r.metrics.lcp), int(r.metrics.tbt), dec(3)(r.metrics.cls), int(r.metrics.si),
    ])),
  ].join('\n');
}

function projectSection(project: NonNullable<BenchResults['project']>): string {
  return [
    '## 3. Project',
    table(['command', 'wall s', 'exit'], [project.install, project.build, project.test].map((t) => [t.command, dec(1)(t.seconds), String(t.exitCode)])),
    `node_modules after that install: ${Math.round(project.nodeModulesBytes / 2 ** 20)} MiB (du -sk).`,
    project.testNote,
    ...[project.install, project.build, project.test].filter((t) => t.failure).map((t) => `\n${t.command} failed; its last lines:\n${t.failure}`),
  ].join('\n');
}

function targetSection(targets: TargetCheck[]): string {
  return ['## Targets', table(['target', 'measured', ''], targets.map((t) => [t.target, t.measured, t.met ? 'met' : 'MISSED']), true)].join('\n');
}

/** The whole report as text. */
export function formatReport(results: BenchResults): string {
  const m = results.machine;
  const sections = [
    `# npm run bench — ${results.startedAt}`,
    `Node ${m.node}, ${m.cpus} CPU(s), pinning ${m.pinning ? 'taskset (servers core 0, generator core 1)' : 'unavailable'}, load average at start ${m.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')}` +
      (m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.map((x) => x.toFixed(2)).join(' ')}` : ''),
  ];
  if (m.loadAverageAtStart[0] > 1) sections.push('WARNING: the machine was busy when the run started; absolute figures are low and noisy, ratios less so.');
  if (results.server) sections.push(serverSection(results.server));
  if (results.fanout) sections.push(fanoutSection(results.fanout, table));
  if (results.page) sections.push(pageSection(results.page));
  if (results.lighthouse) sections.push(lighthouseSection(results.lighthouse));
  if (results.project) sections.push(projectSection(results.project));
  if (results.targets) sections.push(targetSection(results.targets));
  return sections.join('\n\n');
}

/** Writes results/<timestamp>.json and results/latest.json; returns the first path. */
export function writeResults(results: BenchResults): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${results.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(results, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(path.join(RESULTS_DIR, 'latest.json'), json);
  return file;
}
