/**
 * The Docker image, without Docker: its runtime stage's files (COPY lines, .dockerignore) are
 * laid out in a temporary folder, and its CMD must start a server that answers there.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { connect, nextMessage } from './test/helpers.ts';

const REPO = join(import.meta.dirname, '..');
const deployFile = (name: string): string => readFileSync(join(import.meta.dirname, 'deploy', name), 'utf8');

/** The instructions of the Dockerfile's last stage, continuation lines joined, comments dropped. */
function runtimeStage(): string[] {
  const lines = deployFile('Dockerfile').replace(/\\\n/g, ' ').split('\n').map((l) => l.trim());
  const from = lines.findLastIndex((l) => /^FROM\s/i.test(l));
  return lines.slice(from + 1).filter((l) => l && !l.startsWith('#'));
}

/** Whether a path of the build context (relative, with /) is left out by the .dockerignore. */
function ignored(path: string): boolean {
  const patterns = deployFile('Dockerfile.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return patterns.some((p) => path === p || path.startsWith(`${p}/`));
}

/** Lays out the image's /app in a temporary folder; returns it and the image's ENV and CMD. */
function layOutImage(): { root: string; env: Record<string, string>; cmd: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'ws-course-image-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const env: Record<string, string> = {};
  let cmd: string[] = [];
  for (const line of runtimeStage()) {
    const [instruction, ...rest] = line.split(/\s+/);
    if (/^ENV$/i.test(instruction)) {
      for (const pair of rest) env[pair.split('=')[0]] = pair.split('=').slice(1).join('=');
    } else if (/^CMD$/i.test(instruction)) {
      cmd = JSON.parse(rest.join(' '));
    } else if (/^COPY$/i.test(instruction)) {
      const args = rest.filter((a) => !a.startsWith('--'));
      const fromBuild = rest.some((a) => a.startsWith('--from='));
      const dest = join(root, args.at(-1)!);
      for (const source of args.slice(0, -1)) {
        // The build stage's /app is the context (COPY . .) plus what its RUN lines made.
        const rel = fromBuild ? source.replace(/^\/app\/?/, '') : source;
        const target = join(dest, dest.endsWith('/') || args.length > 2 ? rel.split('/').at(-1)! : '');
        mkdirSync(dirname(target), { recursive: true });
        if (rel === 'dist') {
          // `npm run build` output: a tiny stand-in is enough to answer a page.
          mkdirSync(target, { recursive: true });
          writeFileSync(join(target, 'index.html'), '<!doctype html><title>Cours</title><h1>Bonjour</h1>');
        } else if (rel === 'node_modules') {
          // `npm prune --omit=dev` output: the repository's own (a superset) stands in.
          symlinkSync(join(REPO, 'node_modules'), target);
        } else {
          assert.ok(existsSync(join(REPO, rel)) && !ignored(rel), `COPY source ${source} is not in the build context`);
          cpSync(join(REPO, rel), target, { recursive: true, filter: (path) => !ignored(path.slice(REPO.length + 1)) });
        }
      }
    }
  }
  return { root, env, cmd };
}

test('the Docker image’s files are enough to start the server and answer /healthz and /echo', async () => {
  const { root, env, cmd } = layOutImage();
  assert.equal(cmd[0], 'node');
  const imageEnv = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.replace(/^\/app(?=\/|$)/, root)]));
  const child = spawn(process.execPath, cmd.slice(1), {
    cwd: root,
    env: { PATH: process.env.PATH, ...imageEnv, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /Cours disponible sur (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.stderr.on('data', (chunk: string) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}:\n${out}`)));
  });
  const health = await fetch(`${url}healthz`);
  assert.equal(health.status, 200);
  assert.equal((await health.json()).status, 'ok');
  assert.match(await (await fetch(url)).text(), /Bonjour/);
  const client = await connect(`${url.replace(/^http/, 'ws')}echo`);
  client.send('depuis l’image');
  assert.equal((await nextMessage(client)).data.toString(), 'depuis l’image');
});
