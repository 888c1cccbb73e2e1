import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer, tempSite } from './test/helpers.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

/** GETs `path` with raw headers (no automatic decoding), resolving with status, headers and bytes. */
function get(url: string, path: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    request(new URL(path, url), { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const TEXT = 'abcdefghijklmnopqrstuvwxyz'.repeat(4); // 104 bytes
const SIZE = TEXT.length;

/**
 * Each Range shape, the status answered, and the bytes of a 206. The same as nginx 1.22 except
 * where nginx gives 416 to a malformed header or to a number it cannot hold, sends several
 * ranges as multipart, or sends `0-0`: whole file with 200 here, which RFC 9110 §14.2 allows.
 */
const SHAPES: [string, number, number?, number?][] = [
  ['bytes=10-5', 416],
  ['bytes=-0', 416],
  ['bytes=0-0', 200],
  ['bytes=999999-', 416],
  ['bytes=abc', 200],
  ['bytes=5-', 206, 5],
  ['bytes=-5', 206, SIZE - 5],
  ['bytes=2-4', 206, 2, 4],
  ['bytes=0-1,3-4', 200],
  ['bytes=0-1,200-300', 206, 0, 1],
  ['bytes=0-99999999999999999999', 206, 0],
  ['bytes=99999999999999999999-', 416],
  ['bytes=-99999999999999999999', 416],
  ['items=0-1', 200],
  ['', 200],
  ['bytes=', 200],
  ['bytes=-', 200],
  ['bytes=1-2-3', 200],
  ['bytes=--1', 200],
  ['bytes=0x10-0x20', 200],
  [' bytes=1-2', 206, 1, 2],
];

test('every Range shape gets 206, 416 with Content-Range, or the whole file, and the server keeps answering', async () => {
  const dir = tempSite();
  writeFileSync(join(dir, 'letters.txt'), TEXT);
  const { url } = await startServer({ staticDir: dir });
  for (const [range, status, start = 0, end = SIZE - 1] of SHAPES) {
    const answer = await get(url, '/letters.txt', { Range: range, 'Accept-Encoding': 'identity' });
    assert.equal(answer.status, status, `Range: ${range}`);
    if (status === 416) assert.equal(answer.headers['content-range'], `bytes */${SIZE}`, `Range: ${range}`);
    if (status === 200) assert.equal(answer.body.toString(), TEXT, `Range: ${range}`);
    if (status === 206) {
      assert.equal(answer.body.toString(), TEXT.slice(start, end + 1), `Range: ${range}`);
      assert.equal(answer.headers['content-range'], `bytes ${start}-${end}/${SIZE}`, `Range: ${range}`);
    }
    assert.equal((await get(url, '/healthz', {})).status, 200, `alive after Range: ${range}`);
  }
});

test('a range of a precompressed file counts in the bytes of the copy that is sent', async () => {
  const dir = tempSite();
  const script = 'console.log("plage");\n'.repeat(200);
  const br = brotliCompressSync(script);
  writeFileSync(join(dir, '_astro', 'ranged.js'), script);
  writeFileSync(join(dir, '_astro', 'ranged.js.br'), br);
  writeFileSync(join(dir, '_astro', 'ranged.js.gz'), gzipSync(script));
  const { url } = await startServer({ staticDir: dir });
  const partial = await get(url, '/_astro/ranged.js', { Range: 'bytes=1-2', 'Accept-Encoding': 'br' });
  assert.equal(partial.status, 206);
  assert.equal(partial.headers['content-encoding'], 'br');
  assert.equal(partial.headers['content-range'], `bytes 1-2/${br.length}`);
  assert.deepEqual(partial.body, br.subarray(1, 3));
  const backwards = await get(url, '/_astro/ranged.js', { Range: 'bytes=10-5', 'Accept-Encoding': 'gzip' });
  assert.equal(backwards.status, 416);
  const beyond = await get(url, '/_astro/ranged.js', { Range: `bytes=${script.length}-`, 'Accept-Encoding': 'identity' });
  assert.equal(beyond.status, 416);
  assert.equal(beyond.headers['content-range'], `bytes */${script.length}`);
});

test('a Range with If-Range is answered with the whole file', async () => {
  const { url } = await startServer();
  const answer = await get(url, '/_astro/app.abc123.js', { Range: 'bytes=0-3', 'If-Range': 'W/"x"', 'Accept-Encoding': 'identity' });
  assert.equal(answer.status, 200);
  assert.equal(answer.body.length, 'console.log(1);\n'.length * 200);
});
