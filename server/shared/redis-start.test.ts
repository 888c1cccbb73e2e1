import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { freePort } from '../../test-support/processes.ts';
import { skipUnlessRedis, startRedis } from '../../test-support/redis.ts';
import { connect, nextMessage, until } from '../test/helpers.ts';
import { redisHealth, startChild } from '../test/redis-pair.ts';
import { REDIS_LOG } from '../messages.fr.ts';

const MAIN = new URL('../main.ts', import.meta.url).pathname;
const skip = skipUnlessRedis();

test('a REDIS_URL that is not redis:// or rediss:// stops the server, naming the setting', () => {
  const run = spawnSync(process.execPath, [MAIN, '--redis-url', 'http://127.0.0.1:6379'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /REDIS_URL \(--redis-url\) doit être une URL redis:\/\/… ou rediss:\/\/…/);
});

test('without REDIS_URL, /healthz says redis is off', async () => {
  const { url } = await startChild({});
  assert.equal(await redisHealth(url), 'off');
});

test('an unreachable Redis at start: the instance serves, says so in one line, and shares once Redis appears', { skip }, async () => {
  const port = await freePort();
  const instance = await startChild({ REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'info' });
  let errors = '';
  instance.child.stderr!.on('data', (chunk) => (errors += chunk));
  const echo = await connect(`${instance.ws}echo`);
  echo.send('sans Redis');
  assert.equal((await nextMessage(echo)).data.toString(), 'sans Redis');
  assert.equal(await redisHealth(instance.url), 'down');
  await until(() => errors.includes(REDIS_LOG.unreachableAtStart), 10_000);
  const redis = await startRedis(port);
  try {
    await until(async () => (await redisHealth(instance.url)) === 'up', 10_000);
    const metrics = await (await fetch(`${instance.url}metrics`)).text();
    assert.match(metrics, /^redis_up 1$/m);
    assert.ok(Number(/^redis_degraded_seconds_total (\S+)$/m.exec(metrics)?.[1]) > 0);
    // Every reconnection attempt failed meanwhile, yet the log said it once.
    assert.equal(errors.trim().split('\n').length, 1, errors);
  } finally {
    await redis.stop();
  }
});
