/** Our server as seen by an independent implementation: Debian's Python websockets. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { runs, skipUnless } from '../test-support/programs.ts';
import { startServer } from './test/helpers.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = new URL('./test/independent_client.py', import.meta.url).pathname;
const skip = skipUnless(runs(PYTHON, ['-c', 'import websockets']), 'Python websockets', 'python3-websockets');

/** Runs a scenario; onLine sees each JSON line as it arrives; resolves with the last one. */
function python(scenario: string, url: string, onLine: (value: any) => void = () => {}): Promise<any> {
  const child = spawn(PYTHON, [SCRIPT, scenario, url], { stdio: ['ignore', 'pipe', 'inherit'] });
  after(() => child.kill());
  let out = '';
  let last: any;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    let nl;
    while ((nl = out.indexOf('\n')) >= 0) {
      last = JSON.parse(out.slice(0, nl));
      out = out.slice(nl + 1);
      onLine(last);
    }
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(last) : reject(new Error(`python exited with ${code}`)))),
  );
}

test('python client: echoes text as text and binary as binary, with subprotocol json', { skip }, async () => {
  const { ws } = await startServer();
  assert.deepEqual(await python('echo', `${ws}echo`), { text: 'héllo', binary: [0, 255], binaryIsBytes: true, protocol: 'json' });
});

test('python client: an oversize message is closed with 1009', { skip }, async () => {
  const { ws } = await startServer();
  assert.equal((await python('oversize', `${ws}echo`)).code, 1009);
});

test('python client: a message flood is closed with 1008', { skip }, async () => {
  const { ws } = await startServer({ rateLimit: 10, rateBurst: 10 });
  assert.equal((await python('flood', `${ws}echo`)).code, 1008);
});

test('python client: shutdown closes with 1001', { skip }, async () => {
  const { ws, server } = await startServer();
  const result = await python('wait_close', `${ws}echo`, (line) => {
    if (line.open) void server.close();
  });
  assert.deepEqual(result, { code: 1001, reason: "Le serveur s'arrête" });
});
