/**
 * Whether dist/ is older than anything the build reads. Rather than a list of folders to keep
 * in step with every `?raw` import a lesson adds, every file of the project counts except those
 * only tests, the benchmark and CI read: a false « stale » costs one build, a false « fresh »
 * serves an old course.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The built page whose modification time says when the site was built. */
export const STAMP = path.join('dist', 'index.html');

// Outputs, caches and tools: nothing here reaches the built site.
const SKIPPED_DIRS = new Set(['.git', 'node_modules', 'dist', '.astro', 'test-results', 'playwright-report', 'e2e', 'bench', 'test-support', '.ci', 'scripts']);
const SKIPPED_FILES = /\.(test|spec)\.ts$|^(README\.md|playwright\.config\.ts)$/;

/** Every file (and folder, whose time changes when a file is removed) the build may read under `root`, relative to it. */
export function buildSources(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) && dir === '' ? [] : [relative, ...buildSources(root, relative)];
    return SKIPPED_FILES.test(entry.name) ? [] : [relative];
  });
}

/** Names the newest source when it is newer than the build under `root`; undefined when dist/ is fresh. */
export function staleBecause(root: string): string | undefined {
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp)) return STAMP;
  const built = statSync(stamp).mtimeMs;
  let newest: { file: string; at: number } = { file: '', at: -Infinity };
  for (const file of buildSources(root)) {
    const at = statSync(path.join(root, file)).mtimeMs;
    if (at > newest.at) newest = { file, at };
  }
  return newest.at >= built ? newest.file : undefined;
}
