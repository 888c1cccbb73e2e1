/**
 * Tests that need a program from outside npm (nginx, Caddy, PHP, Python websockets). On CI a
 * missing program fails the run, so a gate cannot vanish there; on a developer's machine the
 * tests are skipped with a notice on stderr saying what to install.
 */
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

/** True when the environment says it is CI (`CI=true`, as CI services set it). */
export const ON_CI = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** True when `command args…` runs and exits with 0 (e.g. `php --version`). */
export function runs(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/**
 * The `skip` option for tests that need `name`: undefined when it is present. When it is
 * missing, on CI it registers a failing test naming the package; elsewhere it prints a notice
 * and returns the skip reason.
 */
export function skipUnless(present: boolean, name: string, debianPackage: string): string | undefined {
  if (present) return undefined;
  const reason = `${name} is not installed (Debian package ${debianPackage})`;
  if (ON_CI) {
    test(`${name} is installed, as CI requires`, () => {
      throw new Error(`${reason}: CI must run every gate`);
    });
  } else {
    process.stderr.write(`NOTICE: ${reason}; its tests are skipped here, and would fail on CI.\n`);
  }
  return reason;
}
