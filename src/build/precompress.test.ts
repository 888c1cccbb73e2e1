import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { precompressDirectory } from './precompress.ts';

test('writes .br and .gz copies that decompress to the original, for text files only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ws-course-precompress-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, '_astro'));
  const script = 'console.log("Bonjour");\n'.repeat(500);
  writeFileSync(join(dir, '_astro', 'app.js'), script);
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>Cours</title>${'<p>é</p>'.repeat(300)}`);
  writeFileSync(join(dir, 'tiny.css'), 'a{}');
  writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));

  assert.equal(await precompressDirectory(dir), 2);
  const js = join(dir, '_astro', 'app.js');
  assert.equal(brotliDecompressSync(readFileSync(`${js}.br`)).toString(), script);
  assert.equal(gunzipSync(readFileSync(`${js}.gz`)).toString(), script);
  assert.ok(readFileSync(`${js}.br`).length < script.length / 10);
  assert.ok(existsSync(join(dir, 'index.html.br')));
  // Too small to be worth it, or not text.
  assert.ok(!existsSync(join(dir, 'tiny.css.br')));
  assert.ok(!existsSync(join(dir, 'photo.png.br')));
});
