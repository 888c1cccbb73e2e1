import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closed, connect } from './test/helpers.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;

test('on SIGTERM, sends 1001 to clients and exits with code 0', async () => {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent', LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /Cours disponible sur (\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  const client = await connect(`${url.replace(/^http/, 'ws')}echo`);
  const closing = closed(client);
  child.kill('SIGTERM');
  const [[code], { code: closeCode }] = await Promise.all([once(child, 'exit'), closing]);
  assert.equal(closeCode, 1001);
  assert.equal(code, 0);
});
