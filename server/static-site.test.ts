import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer, tempSite } from './test/helpers.ts';

test('a rebuild while the server runs: new files are served, removed ones are 404s, not a crash', async () => {
  const dir = tempSite();
  writeFileSync(join(dir, 'old.js'), 'old();');
  const { url } = await startServer({ staticDir: dir });
  assert.equal((await fetch(new URL('old.js', url))).status, 200);

  rmSync(join(dir, 'old.js'));
  writeFileSync(join(dir, 'new.js'), 'fresh();');
  assert.equal((await fetch(new URL('old.js', url))).status, 404);
  const fresh = await fetch(new URL('new.js', url));
  assert.equal(fresh.status, 200);
  assert.equal(await fresh.text(), 'fresh();');
  // Still alive after the vanished file.
  assert.equal((await fetch(new URL('/', url))).status, 200);
});

/** GETs `url` with an Accept-Encoding, without decoding the body. */
function rawGet(url: URL, acceptEncoding: string): Promise<{ encoding?: string; vary?: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'Accept-Encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('the build’s .br and .gz copies are sent as they are, to the clients that accept them', async () => {
  const dir = tempSite();
  const script = 'console.log("cours");\n'.repeat(400);
  writeFileSync(join(dir, '_astro', 'big.js'), script);
  // Level 9 gzip: if the server compressed on the fly instead (level 6), the bytes would differ.
  const br = brotliCompressSync(script);
  const gz = gzipSync(script, { level: 9 });
  writeFileSync(join(dir, '_astro', 'big.js.br'), br);
  writeFileSync(join(dir, '_astro', 'big.js.gz'), gz);
  const { url } = await startServer({ staticDir: dir });
  const asset = new URL('_astro/big.js', url);

  const viaBrotli = await rawGet(asset, 'gzip, deflate, br');
  assert.equal(viaBrotli.encoding, 'br');
  assert.deepEqual(viaBrotli.body, br);
  assert.match(viaBrotli.vary ?? '', /Accept-Encoding/i);
  const viaGzip = await rawGet(asset, 'gzip');
  assert.equal(viaGzip.encoding, 'gzip');
  assert.deepEqual(viaGzip.body, gz);
  const plain = await rawGet(asset, 'identity');
  assert.equal(plain.encoding, undefined);
  assert.equal(plain.body.toString(), script);
});
