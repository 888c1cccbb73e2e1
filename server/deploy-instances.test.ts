/**
 * Two real instances (`node server/main.ts`) sharing a real redis-server, behind a real nginx
 * with the documented round-robin config (and Caddy with its own): what a school's deployment
 * does, end to end. Which instance a client landed on is read from each instance's own /metrics.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import { skipUnlessRedis } from '../test-support/redis.ts';
import { skipUnless } from '../test-support/programs.ts';
import { closed, connect, nextJson, nextMessage, refusedStatus, until } from './test/helpers.ts';
import { upgradeFrom } from './test/processes.ts';
import { loadConfig } from './settings-cli.ts';
import { deployFile, health, landing, startCaddyInstances, startDocumentedRedis, startInstance, startNginxInstances } from './test/instances.ts';

const skip = skipUnless(existsSync('/usr/sbin/nginx'), 'nginx', 'nginx') ?? skipUnlessRedis();
const CAP = 4;

let redis: Awaited<ReturnType<typeof startDocumentedRedis>>;
let instances: Awaited<ReturnType<typeof startInstance>>[];
let proxy: number;

// Started at the top level, not in a before() hook: the after() hooks that stop them then belong
// to the file, not to the hook.
if (!skip) {
  redis = await startDocumentedRedis();
  const env = { REDIS_URL: redis.url, TRUST_PROXY: 'true', MAX_CONNECTIONS_PER_IP: String(CAP), UPDATES_INTERVAL: '100' };
  instances = [await startInstance(env), await startInstance(env)];
  await until(async () => (await Promise.all(instances.map(health))).every((h) => h.redis === 'up'), 10000);
  proxy = await startNginxInstances([instances[0].port, instances[1].port]);
}

/**
 * A learner from its own loopback address (so the per-address caps of one test leave the others
 * alone). In a room, a member is in once welcomed: what others say before may not reach it.
 */
async function learner(path: string, address: string, port = proxy): Promise<WebSocket> {
  const ws = await connect(`ws://127.0.0.1:${port}${path}`, undefined, { localAddress: address, origin: `http://127.0.0.1:${port}` });
  if (path.startsWith('/chat')) assert.equal((await nextJson(ws)).type, 'welcome');
  return ws;
}

/**
 * Opens learners through the proxy, one per address, until `wanted[i]` of them have landed on
 * instance i; returns them grouped by instance (extra ones stay open until the file ends).
 */
async function spread(path: string, addresses: string[], wanted = [1, 1], port = proxy): Promise<WebSocket[][]> {
  const found: WebSocket[][] = wanted.map(() => []);
  for (const address of addresses) {
    const [ws, index] = await landing(instances, () => learner(path, address, port));
    if (found[index].length < wanted[index]) found[index].push(ws);
    if (found.every((group, i) => group.length === wanted[i])) return found;
  }
  throw new Error(`round-robin did not spread ${wanted.join('+')} learners over the instances in ${addresses.length} connections`);
}

/** One learner on instance A and one on instance B, through the proxy. */
async function onBothInstances(path: string, addresses: string[], port = proxy): Promise<[WebSocket, WebSocket]> {
  const [[onA], [onB]] = await spread(path, addresses, [1, 1], port);
  return [onA, onB];
}

/** A chat message from `from` reaches `to` (and only chat messages count). */
async function relays(from: WebSocket, to: WebSocket, text: string): Promise<void> {
  from.send(text);
  let message;
  do message = await nextJson(to);
  while (message.type !== 'chat');
  assert.equal(message.text, text);
}

test('learners who land on different instances share a /chat room through nginx round-robin', { skip }, async () => {
  const [alice, bruno] = await onBothInstances('/chat?room=classe', ['127.0.0.11', '127.0.0.12', '127.0.0.13']);
  await relays(alice, bruno, 'Bonjour depuis A');
  await relays(bruno, alice, 'Bonjour depuis B');
});

test('the lab stream gives the same updates on both instances', { skip }, async () => {
  const read = async (base: string): Promise<Map<number, string>> => {
    const response = await fetch(`${base}/api/updates/stream`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const updates = new Map<number, string>();
    let text = '';
    while (updates.size < 5) {
      text += (await reader.read()).value ?? '';
      for (const [, data] of text.matchAll(/^data: (.*)$/gm)) updates.set(JSON.parse(data).n, data);
    }
    await reader.cancel();
    return updates;
  };
  // Straight from each instance, and through nginx (which sends one of the two to each instance).
  const streams = await Promise.all([...instances.map((i) => read(i.http)), read(`http://127.0.0.1:${proxy}`), read(`http://127.0.0.1:${proxy}`)]);
  const common = [...streams[0].keys()].filter((n) => streams.every((s) => s.has(n)));
  assert.ok(common.length > 0, `no update seen by all: ${streams.map((s) => [...s.keys()].join(',')).join(' / ')}`);
  for (const n of common) for (const s of streams) assert.equal(s.get(n), streams[0].get(n));
});

test('a per-address cap holds across both instances', { skip }, async () => {
  const address = '127.0.0.21';
  const held: WebSocket[] = [];
  const landed = new Set<number>();
  for (let i = 0; i < CAP; i++) {
    const [ws, index] = await landing(instances, () => learner('/echo', address));
    held.push(ws);
    landed.add(index);
  }
  assert.equal(landed.size, 2, 'the capped connections are spread over both instances');
  // Each instance learns the others' counts at its next sync (CAPS_SYNC_MS, see the README): until
  // then one more may pass. A probe that passes is closed at once, so probing adds nothing.
  const probe = () => refusedStatus(`ws://127.0.0.1:${proxy}/echo`, { localAddress: address });
  // Two probes in a row reach both instances (round-robin): both must refuse the address.
  await until(async () => (await probe()) === 429 && (await probe()) === 429, 10000);
  const refusedBy = await Promise.all(instances.map(async (i) => (await (await fetch(`${i.http}/metrics`)).text()).match(/^websocket_handshakes_refused_total\{status="429"\} (\d+)$/m)?.[1]));
  assert.ok(refusedBy.every((n) => Number(n) > 0), `both instances refused the address: ${refusedBy.join(', ')}`);
  assert.equal(await upgradeFrom(proxy, '127.0.0.22'), 101);
});

test('a Socket.IO session in long polling keeps to one instance through nginx (its requests are pinned by address)', { skip }, async () => {
  const socket = io(`http://127.0.0.1:${proxy}`, { transports: ['polling'], reconnection: false, forceNew: true });
  after(() => socket.close());
  // Each acknowledgement is a fresh polling request: one reaching the other instance would get
  // « Session ID unknown » and end the session.
  for (const text of ['un', 'deux', 'trois', 'quatre']) assert.equal(await socket.timeout(3000).emitWithAck('echo', text), text);
  assert.equal(socket.io.engine.transport.name, 'polling');
});

test('through the documented Caddyfile too, learners on different instances share a room', { skip: skip ?? skipUnless(existsSync('/usr/bin/caddy'), 'Caddy', 'caddy') }, async () => {
  const caddy = await startCaddyInstances([instances[0].port, instances[1].port]);
  const [alice, bruno] = await onBothInstances('/chat?room=caddy', ['127.0.0.31', '127.0.0.32', '127.0.0.33', '127.0.0.34'], caddy);
  await relays(alice, bruno, 'via Caddy');
});

test('with Redis killed, echo still works on both instances, and its return mends the room', { skip }, async () => {
  const [alice, bruno] = await onBothInstances('/chat?room=panne', ['127.0.0.41', '127.0.0.42', '127.0.0.43']);
  await relays(alice, bruno, 'avant la panne');
  await redis.kill();
  await until(async () => (await Promise.all(instances.map(health))).every((h) => h.redis === 'down'), 10000);
  for (const address of ['127.0.0.44', '127.0.0.45']) {
    const [echo] = await landing(instances, () => learner('/echo', address));
    echo.send('écho sans Redis');
    assert.equal((await nextMessage(echo)).data.toString(), 'écho sans Redis');
  }
  await redis.restart();
  await until(async () => (await Promise.all(instances.map(health))).every((h) => h.redis === 'up'), 15000);
  await relays(alice, bruno, 'après la panne');
});

test('SIGTERM on one instance closes its clients with 1001 while the other keeps its rooms', { skip }, async () => {
  const [[onA], [onB, otherOnB]] = await spread('/chat?room=arret', ['127.0.0.51', '127.0.0.52', '127.0.0.53', '127.0.0.54', '127.0.0.55', '127.0.0.56'], [1, 2]);
  const closing = closed(onA);
  instances[0].child().kill('SIGTERM');
  assert.equal((await closing).code, 1001);
  assert.equal(onB.readyState, WebSocket.OPEN);
  await relays(onB, otherOnB, 'toujours là');
  assert.equal(otherOnB.readyState, WebSocket.OPEN);
  // nginx passes new learners to the instance that is left.
  const late = await learner('/echo', '127.0.0.57');
  late.send('encore');
  assert.equal((await nextMessage(late)).data.toString(), 'encore');
});

test('the README shows the multi-instance files exactly, and the template unit gives valid settings per port', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  for (const name of ['redis.conf', 'websockets-cours@.service', 'nginx-instances.conf', 'Caddyfile-instances']) {
    assert.ok(readme.includes(deployFile(name).trimEnd()), `${name} differs from its copy in README.md`);
  }
  const unit = deployFile('websockets-cours@.service').replaceAll('%i', '8081');
  const env = Object.fromEntries([...unit.matchAll(/^Environment=(\w+)=(.*)$/gm)].map(([, key, value]) => [key, value]));
  assert.equal(loadConfig([], { ...env, REDIS_URL: 'redis://:secret@127.0.0.1:6379' }).kind, 'options', JSON.stringify(env));
  assert.equal(env.PORT, '8081');
  assert.equal(env.TRUST_PROXY, 'true');
  assert.match(unit, /^EnvironmentFile=\/etc\/websockets-cours\/redis\.env$/m, 'REDIS_URL comes from a file, and a missing file stops the unit');
});
