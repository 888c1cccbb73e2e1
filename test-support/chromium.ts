/** How this project starts Chromium, for the tests and the benchmarks alike. */
import { existsSync } from 'node:fs';

/** Debian's Chromium when it is installed; undefined lets Playwright use its own. */
export const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

/** Flags for a closed network: without the background-networking ones, connections get refused. */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
