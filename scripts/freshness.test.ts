import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { lessonFiles } from '../test-support/lessons.ts';
import { buildSources, STAMP, staleBecause } from './freshness.ts';

const ROOT = path.join(import.meta.dirname, '..');

/** Files of the project that lessons import with `?raw`, relative to the root. */
function rawImports(): string[] {
  return lessonFiles().flatMap(({ full, text }) =>
    [...text.matchAll(/from\s+['"]([^'"]+)\?raw['"]/g)].map((match) => path.relative(ROOT, path.resolve(path.dirname(full), match[1]))),
  );
}

/** Sets the time of every entry under dir (and dir itself) to `at`. */
function setTimes(dir: string, at: Date): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) setTimes(full, at);
    utimesSync(full, at, at);
  }
  utimesSync(dir, at, at);
}

test('counts every file a lesson imports with ?raw as a source of the build', () => {
  const imported = rawImports();
  assert.ok(imported.includes('php/echo-server.php') && imported.includes('server/origin-policy.ts'), `found: ${imported.join(', ')}`);
  const sources = new Set(buildSources(ROOT));
  assert.deepEqual(imported.filter((file) => !sources.has(file)), []);
});

test('sees dist/ as stale once a file a lesson imports with ?raw is edited, and not for a test file', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ws-course-freshness-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const copies = [...rawImports(), 'src/content/docs/serveur/serveur-php.mdx', 'server/routes/echo.test.ts', 'e2e/navigation.spec.ts'];
  for (const file of copies) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    copyFileSync(path.join(ROOT, file), path.join(root, file));
  }
  mkdirSync(path.join(root, 'dist'));
  writeFileSync(path.join(root, STAMP), '<!doctype html>');
  const now = Date.now();
  setTimes(root, new Date(now - 120_000));
  utimesSync(path.join(root, STAMP), new Date(now - 60_000), new Date(now - 60_000));
  assert.equal(staleBecause(root), undefined);

  // Tests and e2e specs are not read by the build: editing them keeps dist/ fresh.
  appendFileSync(path.join(root, 'server/routes/echo.test.ts'), '\n// edited\n');
  appendFileSync(path.join(root, 'e2e/navigation.spec.ts'), '\n// edited\n');
  assert.equal(staleBecause(root), undefined);

  for (const file of rawImports()) {
    appendFileSync(path.join(root, file), '\n// edited\n');
    assert.equal(staleBecause(root), file);
    utimesSync(path.join(root, file), new Date(now - 120_000), new Date(now - 120_000));
  }
});

test('sees dist/ as stale when it was never built', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ws-course-freshness-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  assert.equal(staleBecause(root), STAMP);
});
