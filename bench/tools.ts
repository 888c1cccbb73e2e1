/**
 * Bun and Lighthouse serve only the benchmark: they live in bench/tools/ (its own package.json,
 * installed on first use, gitignored) rather than in every instructor's `npm install`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const TOOLS = path.join(import.meta.dirname, 'tools');

/** Where each tool's entry point ends up once bench/tools/ is installed. */
const ENTRY = {
  bun: path.join(TOOLS, 'node_modules', '.bin', 'bun'),
  lighthouse: path.join(TOOLS, 'node_modules', 'lighthouse', 'cli', 'index.js'),
} as const;

/** The path of a benchmark tool, running `npm install` in bench/tools/ the first time one is missing. */
export function benchTool(name: keyof typeof ENTRY): string {
  if (!existsSync(ENTRY[name])) {
    console.error(`Installation des outils du banc d'essai (bench/tools/, une seule fois)…`);
    // stdout carries the report: npm's output goes to stderr.
    execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: TOOLS, stdio: ['ignore', process.stderr, process.stderr] });
    if (!existsSync(ENTRY[name])) throw new Error(`${name} is still missing after npm install in ${TOOLS}`);
  }
  return ENTRY[name];
}
