/**
 * Builds the site unless dist/ is newer than every source of it, so `npm start` serves a
 * fresh course without rebuilding on every start.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const STAMP = 'dist/index.html';
const SOURCES = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'server/routes'];

function newest(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(entry).map((name) => newest(path.join(entry, name))));
}

const built = existsSync(STAMP) ? statSync(STAMP).mtimeMs : 0;
const changed = Math.max(...SOURCES.map(newest));
if (built > changed) {
  console.log('Le site est à jour (dist/).');
} else {
  console.log('Construction du site…');
  execFileSync('astro', ['build'], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
}
