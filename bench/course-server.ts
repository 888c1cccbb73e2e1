/** The course server the page benchmarks measure: started from this checkout, once its site is built. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, start, stop, waitForPort } from '../test-support/processes.ts';
import { LESSONS } from './page.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Waits (bounded) until dist/ holds every measured lesson: people working in the same tree may
 * be rebuilding it right now, and a half-written dist/ would measure nothing.
 */
export async function waitForSite(timeoutMs = 180000): Promise<void> {
  const files = Object.values(LESSONS).map((p) => path.join(ROOT, 'dist', p, 'index.html'));
  const deadline = Date.now() + timeoutMs;
  while (!files.every((f) => existsSync(f))) {
    if (Date.now() > deadline) throw new Error(`dist/ lacks ${files.filter((f) => !existsSync(f)).join(', ')}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  // A build writes pages one after the other; give a running one time to finish.
  await new Promise((r) => setTimeout(r, 2000));
}

/** Starts our server with its defaults on a free loopback port, serving the built site. */
export async function startCourseServer(): Promise<{ base: string; close(): Promise<void> }> {
  const port = await freePort();
  const server = start(process.execPath, ['server/main.ts'], { cwd: ROOT, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' } });
  server.stdout!.resume();
  server.stderr!.resume();
  await waitForPort(port);
  return { base: `http://127.0.0.1:${port}`, close: () => stop(server) };
}
