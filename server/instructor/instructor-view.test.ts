import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { explainCloseCode } from '../../shared/close-codes.ts';
import { INSTRUCTOR_CSP } from '../security-headers.ts';
import { closed, connect, nextJson, rawUpgrade, refusedStatus, startServer } from '../test/helpers.ts';
import { boardWhere, sessionCookie, TOKEN } from '../test/instructor.ts';
import { MAX_VIEWERS } from './viewers.ts';

/** Status and body of a GET, with optional headers. */
async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(url, { headers, redirect: 'manual' });
  return { status: res.status, body: await res.text(), headers: res.headers };
}

const count = (pairs: [string, number][], key: string): number => pairs.find(([k]) => k === key)?.[1] ?? 0;

test('without INSTRUCTOR_TOKEN, /formateur/ answers exactly like a path that does not exist', async () => {
  const { url, ws } = await startServer();
  const unknown = await get(`${url}nulle-part/`);
  for (const path of ['formateur/', 'formateur', `formateur/?jeton=${TOKEN}`, 'formateur/page.js']) {
    const answer = await get(`${url}${path}`);
    assert.deepEqual([answer.status, answer.body], [unknown.status, unknown.body], path);
  }
  assert.equal((await rawUpgrade(`${url}formateur/direct`)).status, 404);
  assert.equal(await refusedStatus(`${ws}formateur/direct`), 404);
});

test('a missing or wrong token gets the same 404 as a path that does not exist, page and WebSocket alike', async () => {
  const { url, ws } = await startServer({ instructorToken: TOKEN });
  const unknown = await get(`${url}nulle-part/`);
  const good = await sessionCookie(url);
  const attempts: [string, Record<string, string>][] = [
    ['formateur/', {}],
    ['formateur/?jeton=mauvais-jeton-0123456789', {}],
    [`formateur/?jeton=${TOKEN}x`, {}],
    ['formateur/', { Cookie: 'formateur=faux' }],
    // A wrong token in the address is refused even beside a good cookie.
    ['formateur/?jeton=mauvais', { Cookie: good }],
    ['formateur/page.js', {}],
  ];
  for (const [path, headers] of attempts) {
    const answer = await get(`${url}${path}`, headers);
    assert.deepEqual([answer.status, answer.body], [unknown.status, unknown.body], `${path} ${JSON.stringify(headers)}`);
  }
  assert.equal(await refusedStatus(`${ws}formateur/direct`), 404);
  assert.equal(await refusedStatus(`${ws}formateur/direct`, { headers: { Cookie: 'formateur=faux' } }), 404);
  // The right session from another site's page: refused too (SameSite keeps browsers from sending it anyway).
  assert.equal(await refusedStatus(`${ws}formateur/direct`, { headers: { Cookie: good, Origin: 'http://ailleurs.example' } }), 404);
});

test('the right token is swapped for a session cookie, which opens the page under its own CSP', async () => {
  const { url } = await startServer({ instructorToken: TOKEN });
  const redirect = await get(`${url}formateur/?jeton=${TOKEN}`);
  assert.equal(redirect.status, 303);
  assert.equal(redirect.headers.get('location'), '/formateur/');
  const cookie = redirect.headers.get('set-cookie')!;
  assert.match(cookie, /^formateur=[\w-]+; Path=\/formateur\/; HttpOnly; SameSite=Strict$/);
  assert.ok(!cookie.includes(TOKEN), 'the cookie does not hold the token itself');
  const session = { Cookie: cookie.split(';')[0] };
  const page = await get(`${url}formateur/`, session);
  assert.equal(page.status, 200);
  assert.match(page.body, /<h1>La classe en direct<\/h1>/);
  assert.equal(page.headers.get('content-security-policy'), INSTRUCTOR_CSP);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  for (const [file, type] of [['page.js', 'text/javascript'], ['page.css', 'text/css']]) {
    const asset = await get(`${url}formateur/${file}`, session);
    assert.equal(asset.status, 200, file);
    assert.match(asset.headers.get('content-type')!, new RegExp(type));
  }
});

test('the view streams boards, and the counts move when /chat members join and leave', async () => {
  const { url, ws } = await startServer({ instructorToken: TOKEN });
  const viewer = await connect(`${ws}formateur/direct`, undefined, { headers: { Cookie: await sessionCookie(url) } });
  const first = await boardWhere(viewer, (b) => b.instances === 1);
  assert.deepEqual([first.routes, first.rooms, first.closes], [[], [], []]);
  const alice = await connect(`${ws}chat?room=maths`);
  await connect(`${ws}chat?room=maths`);
  await connect(`${ws}echo`);
  const board = await boardWhere(viewer, (b) => count(b.rooms, 'maths') === 2);
  assert.equal(count(board.routes, '/chat'), 2);
  assert.equal(count(board.routes, '/echo'), 1);
  const done = closed(alice);
  alice.close(4001, 'au revoir');
  await done;
  const after = await boardWhere(viewer, (b) => count(b.rooms, 'maths') === 1 && b.closes.length > 0);
  assert.deepEqual(after.closes, [{ code: 4001, count: 1, explanation: explainCloseCode(4001) }]);
});

test('counts refusals by reason: a foreign Origin, and a client over the rate limit', async () => {
  const { url, ws } = await startServer({ instructorToken: TOKEN, rateLimit: 1, rateBurst: 1 });
  const viewer = await connect(`${ws}formateur/direct`, undefined, { headers: { Cookie: await sessionCookie(url) } });
  assert.equal(await refusedStatus(`${ws}echo`, { headers: { Origin: 'http://ailleurs.example' } }), 403);
  const chatty = await connect(`${ws}echo`);
  const done = closed(chatty);
  for (let i = 0; i < 5; i++) chatty.send('vite');
  assert.equal((await done).code, 1008);
  const board = await boardWhere(viewer, (b) => b.refusals.origin === 1 && b.refusals.rate === 1);
  assert.ok(board.rate.in >= 0);
});

test(`the views are bounded: beyond ${MAX_VIEWERS}, a view is closed with 1013 and a French reason`, async () => {
  const { url, ws } = await startServer({ instructorToken: TOKEN });
  const options = { headers: { Cookie: await sessionCookie(url) } };
  for (let i = 0; i < MAX_VIEWERS; i++) await nextJson(await connect(`${ws}formateur/direct`, undefined, options));
  const extra = await connect(`${ws}formateur/direct`, undefined, options);
  assert.deepEqual(await closed(extra), { code: 1013, reason: `Trop de vues formateur ouvertes\u00a0: ${MAX_VIEWERS} au plus` });
});

test('a too-short INSTRUCTOR_TOKEN stops the server at start, naming the setting and never echoing the value', () => {
  const main = new URL('../main.ts', import.meta.url).pathname;
  const run = spawnSync(process.execPath, [main], { encoding: 'utf8', env: { ...process.env, INSTRUCTOR_TOKEN: 'court-secret' } });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /INSTRUCTOR_TOKEN \(--instructor-token\) doit être vide, ou au moins 16 caractères/);
  assert.ok(!run.stderr.includes('court-secret'), run.stderr);
});

test('at start, the server shows where the view is, never the token itself', async () => {
  const main = new URL('../main.ts', import.meta.url).pathname;
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', STATIC_DIR: '/nonexistent', LOG_LEVEL: 'debug', INSTRUCTOR_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (out += chunk));
  const url = await new Promise<string>((resolve) => {
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const match = /Vue formateur\u00a0: (\S+)formateur\/\?jeton=… \(la valeur de INSTRUCTOR_TOKEN\)/.exec(out);
      if (match) resolve(match[1]);
    });
  });
  // A whole session, close lines included (debug): the token appears nowhere.
  const viewer = await connect(`${url.replace(/^http/, 'ws')}formateur/direct`, undefined, { headers: { Cookie: await sessionCookie(url) } });
  await nextJson(viewer);
  child.kill('SIGTERM');
  await once(child, 'exit');
  assert.ok(!out.includes(TOKEN), out);
});
