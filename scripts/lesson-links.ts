/**
 * The broken-link rule of the lesson checker: an internal link must name a lesson page (its URL
 * comes from its file, src/lib/snippets.ts `lessonPath`) or a file of public/, and its #anchor a
 * heading of that page, slugged the way Starlight slugs it (github-slugger).
 */
import GithubSlugger from 'github-slugger';
import type { Heading, Root } from 'mdast';
import { lessonPath } from '../src/lib/snippets.ts';
import type { Finding, Lesson } from './lesson-rules.ts';

/** The pages of the course and the anchors of each, plus files served as they are. */
export interface Site {
  pages: Map<string, Set<string>>;
  files: Set<string>;
}

// Any origin will do: it only resolves relative links against a page's path.
const BASE = 'https://course.invalid';

/** The text of a heading, as the slug is made from it (inline code and link text included). */
function text(node: unknown): string {
  const n = node as { value?: string; children?: unknown[] };
  if (n.children) return n.children.map(text).join('');
  return typeof n.value === 'string' && (n as { type?: string }).type !== 'html' ? n.value : '';
}

/** The anchors of a page: `_top` (Starlight's, for the title) and one slug per heading, deduplicated in order. */
export function anchorsOf(tree: Root): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set(['_top']);
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'heading') anchors.add(slugger.slug(text(node as Heading)));
    else for (const child of node.children ?? []) walk(child as { type: string });
  };
  walk(tree);
  return anchors;
}

/** The site the lessons make. */
export function siteOf(lessons: { file: string; tree: Root }[], publicFiles: string[]): Site {
  return { pages: new Map(lessons.map(({ file, tree }) => [lessonPath(file), anchorsOf(tree)])), files: new Set(publicFiles) };
}

/** Every link of a lesson with its position: Markdown links and definitions, `href="…"` in HTML or JSX, `link:` in the frontmatter. */
function links(lesson: Lesson, tree: Root): { url: string; line: number; column: number }[] {
  const found: { url: string; line: number; column: number }[] = [];
  const walk = (node: { type: string; url?: string; value?: string; children?: unknown[]; position?: Heading['position'] }) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    if ((node.type === 'link' || node.type === 'definition') && node.url) found.push({ url: node.url, line: start.line, column: start.column });
    if (node.type === 'html' && node.value) {
      for (const match of node.value.matchAll(/href="([^"]*)"/g)) {
        const before = node.value.slice(0, match.index).split('\n');
        found.push({ url: match[1], line: start.line + before.length - 1, column: (before.length > 1 ? 0 : start.column - 1) + before.at(-1)!.length + 1 });
      }
    }
    for (const child of node.children ?? []) walk(child as { type: string });
  };
  walk(tree);
  const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(lesson.text)?.[1] ?? '';
  frontmatter.split('\n').forEach((line, i) => {
    const match = /^(\s*(?:-\s+)?link:\s*)(\S+)\s*$/.exec(line);
    if (match) found.push({ url: match[2].replace(/^(["'])(.*)\1$/, '$2'), line: i + 2, column: match[1].length + 1 });
  });
  return found;
}

/** Why `url`, linked from `page`, leads nowhere in `site`; undefined when it is fine or not internal. */
export function brokenBecause(url: string, page: string, site: Site): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return undefined; // another site, mailto:, ws://localhost:8080/…
  const target = new URL(url, BASE + page);
  const path = decodeURIComponent(target.pathname);
  const anchors = site.pages.get(path);
  if (!anchors) {
    if (site.files.has(path)) return undefined;
    if (site.pages.has(`${path}/`)) return `no page at ${path}: write ${path}/, with its trailing slash`;
    return `no lesson page at ${path} (a lesson's URL is its file's path: client/x.md → /client/x/)`;
  }
  const anchor = decodeURIComponent(target.hash.slice(1));
  if (anchor && !anchors.has(anchor)) {
    return `no heading on ${path} has the anchor #${anchor} (anchors are heading slugs: ${[...anchors].filter((a) => a !== '_top').map((a) => `#${a}`).join(', ') || 'none'})`;
  }
  return undefined;
}

/** Broken internal links of one lesson. */
export function linkProblems(lesson: Lesson, tree: Root, site: Site): Finding[] {
  return links(lesson, tree).flatMap(({ url, line, column }) => {
    const why = brokenBecause(url, lessonPath(lesson.file), site);
    return why ? [{ line, column, rule: 'broken-link' as const, message: `${url}: ${why}` }] : [];
  });
}
