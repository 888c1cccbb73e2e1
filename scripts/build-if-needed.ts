/**
 * Builds the site unless dist/ is newer than every file the build may read (scripts/freshness.ts),
 * so `npm start` serves a fresh course without rebuilding on every start.
 */
import { execFileSync } from 'node:child_process';
import { utimesSync } from 'node:fs';
import { STAMP, staleBecause } from './freshness.ts';

const root = process.cwd();
const reason = staleBecause(root);
if (!reason) {
  console.log('Le site est à jour (dist/).');
} else {
  console.log(`Construction du site (${reason === STAMP ? 'dist/ est absent' : `${reason} est plus récent que dist/`})…`);
  const started = new Date();
  // --force: Astro caches rendered lessons and does not notice a change to our remark plugin.
  execFileSync('astro', ['build', '--force'], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  // The build reflects the sources as they were when it started: a file saved during the build is newer.
  utimesSync(STAMP, started, started);
}
