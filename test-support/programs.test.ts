import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

/** Runs, under node --test, a test file that needs a program which is missing. */
function runNeedingMissingProgram(env: Record<string, string | undefined>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'ws-course-programs-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'needs-nothing.test.ts');
  const helper = path.join(import.meta.dirname, 'programs.ts');
  writeFileSync(file, `import { test } from 'node:test';\nimport { skipUnless } from ${JSON.stringify(helper)};\nconst skip = skipUnless(false, 'Nothing', 'nothing');\ntest('uses it', { skip }, () => {});\n`);
  // Without NODE_TEST_CONTEXT, the child runs as a test run of its own, not as part of this one.
  const { CI: _, NODE_TEST_CONTEXT: __, ...rest } = process.env;
  return spawnSync(process.execPath, ['--test', file], { encoding: 'utf8', env: { ...rest, ...env } });
}

test('a missing program fails the run on CI', () => {
  const run = runNeedingMissingProgram({ CI: 'true' });
  assert.equal(run.status, 1, run.stdout);
  assert.match(run.stdout, /Nothing is installed, as CI requires/);
});

test('a missing program skips its tests with a notice on a developer machine', () => {
  const run = runNeedingMissingProgram({});
  assert.equal(run.status, 0, run.stdout);
  assert.match(run.stdout + run.stderr, /NOTICE: Nothing is not installed \(Debian package nothing\)/);
  assert.match(run.stdout, /# Nothing is not installed/);
});
