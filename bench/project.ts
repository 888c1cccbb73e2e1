/**
 * The project's own weight and speed: a fresh `npm install` (time and node_modules size), a full
 * production build (into a temporary directory, so that the dist/ other people are serving is
 * left alone) and the test suite's wall time.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { start, stop } from '../test-support/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'node_modules/.bin');

/** One timed command. */
export interface Timed {
  command: string;
  seconds: number;
  exitCode: number | null;
  /** The last lines of its output when it failed. */
  failure?: string;
}

/** Install, build and test times, and the installed size. */
export interface ProjectResult {
  install: Timed;
  /** Disk used by node_modules after the fresh install, in bytes (`du -sk`). */
  nodeModulesBytes: number;
  build: Timed;
  test: Timed;
}

/** A hung build or test must not hang the benchmark: past this, the command is killed and reported. */
const TIMEOUT_MS = 15 * 60 * 1000;

async function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<Timed> {
  const t0 = performance.now();
  const child = start(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Node 24 first, as `npm run` does.
    env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ...env },
  });
  let output = '';
  const keep = (chunk: Buffer) => void (output = (output + chunk).slice(-20000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let timedOut = false;
  const timer = setTimeout(() => ((timedOut = true), void stop(child)), TIMEOUT_MS);
  const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const seconds = (performance.now() - t0) / 1000;
  const tail = output.trimEnd().split('\n').slice(-15).join('\n');
  const failure = timedOut ? `killed after ${TIMEOUT_MS / 1000} s\n${tail}` : exitCode === 0 ? undefined : tail;
  return { command: [command, ...args].join(' ').replace(ROOT + '/', ''), seconds, exitCode, failure };
}

/** What an instructor's first `npm install` costs: package.json and the lockfile alone, in an empty directory. */
async function freshInstall(): Promise<{ install: Timed; nodeModulesBytes: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-install-'));
  try {
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(ROOT, file), path.join(dir, file));
    // `npm install`, not `npm ci`: the registry here lacks some non-Linux optional binaries (STACK-NOTES).
    const install = await timed('npm', ['install', '--no-audit', '--no-fund'], {}, dir);
    install.command = 'npm install (fresh directory)';
    const kib = Number(execFileSync('du', ['-sk', path.join(dir, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]);
    return { install, nodeModulesBytes: kib * 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Times a fresh `npm install`, `astro build` and `npm run test:unit` (or the whole `npm test` with `withTest`). */
export async function benchProject(withTest: boolean, log: (line: string) => void): Promise<ProjectResult> {
  log('  npm install (fresh directory)');
  const { install, nodeModulesBytes } = await freshInstall();
  const out = mkdtempSync(path.join(tmpdir(), 'bench-build-'));
  try {
    log('  astro build');
    const build = await timed(path.join(BIN, 'astro'), ['build', '--outDir', out], { ASTRO_TELEMETRY_DISABLED: '1' });
    build.command = 'astro build --outDir <tmp>';
    log(withTest ? '  npm test' : '  npm run test:unit');
    const test = await timed('npm', withTest ? ['test'] : ['run', 'test:unit']);
    return { install, nodeModulesBytes, build, test };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
