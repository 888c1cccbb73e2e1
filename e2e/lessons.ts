/** The lessons, read straight from src/content/docs: the suite and the site share one source. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { lessonPath, snippetsFromMarkdown, type Snippet } from '../src/lib/snippets.ts';

const DOCS = path.join(import.meta.dirname, '..', 'src', 'content', 'docs');

/** One lesson file, with its page path and its playgrounds. */
export interface Lesson {
  file: string;
  path: string;
  snippets: Snippet[];
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return /\.mdx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every lesson of the course, sorted by file name. */
export function lessons(): Lesson[] {
  return walk(DOCS)
    .sort()
    .map((full) => {
      const file = path.relative(DOCS, full);
      return { file, path: lessonPath(file), snippets: snippetsFromMarkdown(readFileSync(full, 'utf8')) };
    });
}
