import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ping, skipUnlessRedis, startRedis } from './redis.ts';

const skip = skipUnlessRedis();

test('a killed redis-server comes back on the same port', { skip }, async () => {
  const redis = await startRedis();
  after(() => redis.stop());
  assert.ok(await ping(redis.port));
  await redis.kill();
  assert.equal(redis.running, false);
  assert.equal(await ping(redis.port), false);
  await redis.restart();
  assert.ok(redis.running);
  assert.ok(await ping(redis.port));
  assert.equal(redis.url, `redis://127.0.0.1:${redis.port}`);
});
