/**
 * `npm run dev` runs the lessons: a real dev server (Astro and Vite), the companion server's
 * endpoints mounted on it, and a lesson's snippet printing its declared output on its origin.
 */
import type { ChildProcess } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { matchesOutput } from '../src/lib/snippets.ts';
import { start, stop } from '../test-support/processes.ts';
import { until } from '../test-support/wait.ts';
import { lessons } from './lessons.ts';

/** A port of its own (4400–4499), away from the built course's E2E_PORT. */
const PORT = Number(process.env.E2E_DEV_PORT ?? 4455);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const LESSON = '/client/recevoir-et-envoyer/';
// The dev server's first page compile takes 30–60 s on a loaded two-core machine.
const SLOW = 180_000;

test.describe.configure({ mode: 'serial', timeout: SLOW });

let dev: ChildProcess;
let output = '';

test.beforeAll(async () => {
  test.setTimeout(SLOW);
  dev = start('npm', ['run', 'dev', '--', '--port', String(PORT), '--host', '127.0.0.1'], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ASTRO_DISABLE_UPDATE_CHECK: 'true', LOG_LEVEL: 'error' },
  });
  dev.stdout?.on('data', (chunk: Buffer) => (output += chunk));
  dev.stderr?.on('data', (chunk: Buffer) => (output += chunk));
  // Ready once the course's own endpoint answers through the dev server.
  await until(async () => {
    if (dev.exitCode !== null) throw new Error(`npm run dev exited:\n${output}`);
    return fetch(`${ORIGIN}/healthz`).then((r) => r.ok, () => false);
  }, SLOW - 10_000);
});

test.afterAll(async () => {
  if (dev) await stop(dev);
});

test('the dev server echoes on /echo, on its own origin', async () => {
  const socket = new WebSocket(`ws://127.0.0.1:${PORT}/echo`);
  const reply = await new Promise<string>((resolve, reject) => {
    socket.onopen = () => socket.send('bonjour');
    socket.onmessage = (event) => resolve(String(event.data));
    socket.onerror = () => reject(new Error(`no echo:\n${output}`));
  });
  socket.close();
  expect(reply).toBe('bonjour');
});

test('a lesson snippet prints its declared output under npm run dev', async ({ page }) => {
  const lesson = lessons().find((l) => l.path === LESSON);
  const snippet = lesson?.snippets.find((s) => s.kind === 'run');
  expect(snippet?.output, `${LESSON} has a run snippet with a declared output`).toBeTruthy();
  await page.goto(`${ORIGIN}${LESSON}`, { timeout: SLOW });
  const playground = page.locator(`ws-playground[data-id="${LESSON.replace(/^\/|\/$/g, '')}#${snippet!.index}"]`);
  await playground.scrollIntoViewIfNeeded();
  await playground.hover();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 90_000 });
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: 30_000 });
  const lines = await playground.locator('.ws-console .ws-line:not(.ws-placeholder, .ws-system, .ws-dropped) .ws-text').allTextContents();
  expect(matchesOutput(snippet!.output!, lines), `printed:\n${lines.join('\n')}\nexpected:\n${snippet!.output!.join('\n')}`).toBe(true);
});
