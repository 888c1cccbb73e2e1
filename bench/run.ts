/**
 * npm run bench: measures the echo server against bare ws and Bun, a broadcast fan-out with and
 * without Redis, the lesson pages in Chromium, and the project's build and test times; prints a
 * table and writes the same figures to bench/results/<timestamp>.json and latest.json.
 *   --quick          a short smoke run (about 2 minutes)
 *   --only <what>    server, fanout, page or project (repeatable)
 *   --with-test      time the whole `npm test` (e2e included) instead of `npm run test:unit`
 *   --rounds <n>     run each echo-server load cell n times (interleaved) and keep medians;
 *                    worth it on a shared machine, where one run's ratios swing widely
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { benchFanout } from './fanout.ts';
import { benchLighthouse } from './lighthouse.ts';
import { startCourseServer, waitForSite } from './course-server.ts';
import { benchPage } from './page.ts';
import { PINNING, killAll } from '../test-support/processes.ts';
import { benchProject } from './project.ts';
import { formatReport, writeResults, type BenchResults } from './report.ts';
import { benchServers } from './server-bench.ts';
import { checkTargets } from './targets.ts';

const SECTIONS = ['server', 'fanout', 'page', 'project'] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string', multiple: true },
    'with-test': { type: 'boolean', default: false },
    rounds: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('Usage: npm run bench -- [--quick] [--only server|fanout|page|project]… [--with-test] [--rounds n]');
  process.exit(0);
}
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--rounds expects a whole number ≥ 1, not ${values.rounds}`);
  process.exit(2);
}
const only = (values.only ?? [...SECTIONS]) as Section[];
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) {
  console.error(`Unknown --only value: ${unknown.join(', ')} (expected ${SECTIONS.join(', ')})`);
  process.exit(2);
}

// Every child runs in its own process group; kill them all however we leave.
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

const ROOT = path.resolve(import.meta.dirname, '..');
const quick = values.quick;
const plan = {
  quick,
  server: {
    connections: quick ? [1, 100] : [1, 100, 1000],
    sizes: [32, 16 * 1024],
    warmupMs: quick ? 300 : 1000,
    durationMs: quick ? 1000 : 3000,
    idleSteps: quick ? [1000] : [1000, 5000, 10000],
    rounds,
  },
  fanout: { receivers: [100, 1000], window: 4, size: 64, warmupMs: quick ? 300 : 1000, durationMs: quick ? 1000 : 3000, rounds },
  page: { loads: quick ? 2 : 5, runs: quick ? 5 : 30 },
  lighthouse: { runs: quick ? 1 : 3, formFactors: quick ? (['mobile'] as const) : (['mobile', 'desktop'] as const) },
  project: { withTest: values['with-test'] },
};

const log = (line: string) => console.error(line);
const results: BenchResults = {
  startedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: cpus().length, pinning: PINNING, loadAverageAtStart: loadavg() },
  plan,
};

if (only.includes('server')) {
  log('Echo server…');
  results.server = await benchServers(plan.server, log);
}
if (only.includes('fanout')) {
  log('Broadcast fan-out…');
  results.fanout = await benchFanout(plan.fanout, log);
}
if (only.includes('page')) {
  log('Lesson pages…');
  execFileSync(process.execPath, ['scripts/build-if-needed.ts'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  await waitForSite();
  const site = await startCourseServer();
  try {
    results.page = await benchPage(site.base, plan.page, log);
    results.lighthouse = await benchLighthouse(site.base, { runs: plan.lighthouse.runs, formFactors: [...plan.lighthouse.formFactors] }, log);
  } finally {
    await site.close();
  }
}
if (only.includes('project')) {
  log('Project…');
  const project = await benchProject(plan.project.withTest, log);
  const testNote = plan.project.withTest
    ? 'Test time is the whole `npm test` (unit + e2e).'
    : 'Test time is `npm run test:unit` only; pass --with-test to time the whole `npm test` (e2e included).';
  results.project = { ...project, testNote };
}

results.finishedAt = new Date().toISOString();
results.machine.loadAverageAtEnd = loadavg();
results.targets = checkTargets(results);
console.log(formatReport(results));
console.log(`\nJSON: ${path.relative(ROOT, writeResults(results))} (and bench/results/latest.json)`);
