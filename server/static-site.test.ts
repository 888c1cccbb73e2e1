import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
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
