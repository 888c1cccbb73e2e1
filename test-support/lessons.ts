/**
 * The one walker over the lessons (src/content/docs, `.md` and `.mdx`), read straight from
 * disk: the e2e suite, the PHP server's test and the typography test see the files the site builds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Where the lessons live.
const DOCS = path.join(import.meta.dirname, '..', 'src', 'content', 'docs');

/** One lesson file, as written. */
export interface LessonFile {
  /** Path relative to DOCS, e.g. `client/ouvrir-la-connexion.md`. */
  file: string;
  /** Absolute path. */
  full: string;
  /** The Markdown or MDX source. */
  text: string;
}

// The files Starlight turns into pages.
function isLesson(name: string): boolean {
  return /\.mdx?$/.test(name);
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return walk(full);
    return isLesson(entry.name) ? [full] : [];
  });
}

/** Every lesson file of the course, sorted by path. */
export function lessonFiles(dir = DOCS): LessonFile[] {
  return walk(dir)
    .sort()
    .map((full) => ({ file: path.relative(dir, full).split(path.sep).join('/'), full, text: readFileSync(full, 'utf8') }));
}
