/**
 * Finds the runnable snippets a lesson declares in its code fences.
 * Shared by the remark plugin (which renders them) and by the e2e suite (which runs them),
 * so the page and its test always read the same declaration.
 *
 * A lesson marks fences with a keyword, first in the fence's meta:
 *   ```js run          a snippet learners can edit and run
 *   ```txt output      right after a `run` fence: the lines the run must print, all of them and
 *                      in order; a line that ends with `…` stands for any line starting with what
 *                      precedes the `…` (a time, an id), and a line `[…]` alone stands for lines
 *                      left out there (zero or more), so the page shows every elision
 *   ```js exercise     a starter with a TODO
 *   ```js solution     right after an exercise: the solution
 *   ```js check success="…"   right after the solution: the body of `(run) => string | undefined`,
 *                      returning a French message when the exercise is not solved yet; `run.logs` are
 *                      the console lines, `run.events` every event, and for a page snippet `run.page`
 *                      the page as it stood at the end: `text`, `lines` (its visible text lines),
 *                      `query(selector)` → `{ tag, text, value, attrs } | null` and `queryAll(selector)`
 *                      (tag, #id, .class, [attr], [attr="v"], and descendants separated by spaces)
 *
 * A page snippet runs as a real document in « Aperçu » (see page-runner.ts):
 *   ```html page       right before the `run` or `exercise` fence: the body of the page
 *   ```css page        optional, between the `html page` fence and the JavaScript: its styles
 *   ```txt page-output after the `output` fence of a page `run`: the page's visible text lines
 *                      once the run has settled, matched as `output` is (`…`, `[…]`)
 */
import type { Code, Parent, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

/** The keywords that mark a fence as part of a playground. */
export const FENCE_KINDS = ['run', 'output', 'exercise', 'solution', 'check', 'page', 'page-output'] as const;
export type FenceKind = (typeof FENCE_KINDS)[number];

/** One playground, as the lesson declares it. */
export interface Snippet {
  /** Stable within a lesson: 1 for its first playground, 2 for the next… */
  index: number;
  kind: 'run' | 'exercise';
  code: string;
  /** Lines the run must print, exactly and in order, except where an ELISION line stands. */
  output?: string[];
  solution?: string;
  /** Body of the check function; see the module comment. */
  check?: string;
  /** What the page says once the check passes. */
  success?: string;
  /** A page snippet: the body of its document (the `html page` fence). */
  html?: string;
  /** A page snippet's styles (the `css page` fence). */
  css?: string;
  /** The visible text lines the page must show, matched as `output` is. */
  pageOutput?: string[];
  /** Line of the fence in the lesson file, for error messages. */
  line: number;
}

/** A snippet with the mdast nodes it came from, in document order, so the remark plugin can replace them. */
export interface SnippetNodes {
  snippet: Snippet;
  parent: Parent;
  nodes: Code[];
  /** The JavaScript fence among `nodes` (page fences come before it). */
  main: Code;
}

/** The `html page` and `css page` fences right before children[at], in that order. */
export function pageFences(children: Parent['children'], at: number): Code[] {
  const before: Code[] = [];
  for (const lang of ['css', 'html']) {
    const node = children[at - before.length - 1];
    if (node?.type === 'code' && node.lang === lang && parseMeta(node.meta).kind === 'page') before.unshift(node);
    else if (lang === 'html') break;
  }
  return before[0]?.lang === 'html' ? before : [];
}

/** Reads the fence keyword and `key="value"` attributes from a code fence's meta string. */
export function parseMeta(meta: string | null | undefined): { kind?: FenceKind; attrs: Record<string, string> } {
  const text = meta ?? '';
  const first = text.trim().split(/\s+/)[0] as FenceKind;
  const attrs: Record<string, string> = {};
  for (const match of text.matchAll(/([\w-]+)="([^"]*)"/g)) attrs[match[1]] = match[2];
  return { kind: FENCE_KINDS.includes(first) ? first : undefined, attrs };
}

/** Finds every playground in a markdown tree, in document order. */
export function collectSnippets(tree: Root): SnippetNodes[] {
  const found: SnippetNodes[] = [];
  const walk = (parent: Parent) => {
    const children = parent.children;
    for (let i = 0; i < children.length; i++) {
      const node = children[i];
      if ('children' in node) walk(node as Parent);
      if (node.type !== 'code') continue;
      const { kind } = parseMeta(node.meta);
      if (kind !== 'run' && kind !== 'exercise') continue;
      const before = pageFences(children, i);
      const group = kind === 'run' ? ['output', 'page-output'] : ['solution', 'check'];
      const nodes: Code[] = [node];
      for (const expected of group) {
        const next = children[i + nodes.length];
        if (next?.type !== 'code' || parseMeta(next.meta).kind !== expected) break;
        nodes.push(next);
      }
      found.push({ snippet: toSnippet(found.length + 1, kind, nodes, before), parent, nodes: [...before, ...nodes], main: node });
      i += nodes.length - 1;
    }
  };
  walk(tree);
  return found;
}

function toSnippet(index: number, kind: 'run' | 'exercise', nodes: Code[], page: Code[]): Snippet {
  const line = nodes[0].position?.start.line ?? 0;
  const snippet: Snippet = { index, kind, code: nodes[0].value, line };
  for (const node of page) snippet[node.lang === 'html' ? 'html' : 'css'] = node.value;
  for (const node of nodes.slice(1)) {
    const { kind: part, attrs } = parseMeta(node.meta);
    if (part === 'output') snippet.output = lines(node.value);
    if (part === 'page-output' && snippet.html !== undefined) snippet.pageOutput = lines(node.value);
    if (part === 'solution') snippet.solution = node.value;
    if (part === 'check') {
      snippet.check = node.value;
      snippet.success = attrs.success;
    }
  }
  if (kind === 'exercise' && (!snippet.solution || !snippet.check)) {
    throw new Error(`Exercise at line ${line} needs a \`solution\` fence and a \`check\` fence right after it.`);
  }
  return snippet;
}

function lines(text: string): string[] {
  return text.split('\n').filter((l) => l.trim() !== '');
}

/** Parses a lesson's markdown source and returns its playgrounds. */
export function snippetsFromMarkdown(source: string): Snippet[] {
  return collectSnippets(fromMarkdown(stripFrontmatter(source))).map((s) => s.snippet);
}

/** Blanks a lesson's YAML frontmatter, keeping its line breaks so lines still match the file. */
export function stripFrontmatter(source: string): string {
  const match = /^---\n[\s\S]*?\n---\n/.exec(source);
  return match ? match[0].replace(/[^\n]/g, '') + source.slice(match[0].length) : source;
}

/** The site path of a lesson file, e.g. `client/01-intro.md` → `/client/01-intro/`. */
export function lessonPath(fileInDocs: string): string {
  const slug = fileInDocs.replace(/\\/g, '/').replace(/\.mdx?$/, '').replace(/(^|\/)index$/, '');
  return slug === '' ? '/' : `/${slug.toLowerCase()}/`;
}

/** A line of a declared output that stands for zero or more printed lines left out of the page. */
export const ELISION = '[…]';

/** True when one declared line matches one printed line; a trailing `…` matches any rest of line. */
function lineMatches(want: string, got: string): boolean {
  return want.endsWith('…') ? got.startsWith(want.slice(0, -1)) : got === want;
}

/**
 * True when `lines` is exactly the declared output: the same lines in the same order, except
 * that each ELISION line matches any run of lines (possibly none).
 */
export function matchesOutput(expected: string[], lines: string[]): boolean {
  // reachable[j]: the declared lines seen so far can match exactly the first j printed lines.
  let reachable = lines.map((_, j) => j === 0).concat(lines.length === 0);
  for (const want of expected) {
    const next = new Array<boolean>(lines.length + 1).fill(false);
    if (want.trim() === ELISION) {
      let seen = false;
      for (let j = 0; j <= lines.length; j++) next[j] = seen = seen || reachable[j];
    } else {
      for (let j = 0; j < lines.length; j++) if (reachable[j] && lineMatches(want, lines[j])) next[j + 1] = true;
    }
    reachable = next;
  }
  return reachable[lines.length];
}

/** True when the declaration leaves lines out somewhere (the page then says so). */
export function hasElision(expected: string[] | undefined): boolean {
  return (expected ?? []).some((line) => line.trim() === ELISION);
}
