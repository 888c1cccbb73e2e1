/**
 * The lesson checker's rules (`npm run check` runs them through scripts/check-lessons.ts): each
 * rule reads a lesson's source and reports problems with the file's line and column, in English,
 * for maintainers. Fences are read with the parsing the site uses (src/lib/snippets.ts), prose with
 * the typography checker the tests use (test-support/typography.ts). Build-time only.
 */
import { parse } from 'acorn';
import type { Code, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { pageFences, parseMeta, stripFrontmatter } from '../src/lib/snippets.ts';
import { checkTypography } from '../test-support/typography.ts';
import { linkProblems, siteOf } from './lesson-links.ts';

/** A lesson as the walker (test-support/lessons.ts) gives it: a path under src/content/docs and its source. */
export interface Lesson {
  file: string;
  text: string;
}

/** One fault of a lesson; `line` and `column` are 1-based, in the lesson file. */
export interface LessonProblem {
  file: string;
  line: number;
  column: number;
  rule: 'run-output' | 'exercise-parts' | 'page-parts' | 'close-code' | 'typography' | 'broken-link';
  message: string;
}

/** A problem before it knows its file. */
export type Finding = Omit<LessonProblem, 'file'>;

/** The fence meta attribute that lets a snippet call close() without a code; its value says why. */
export const CLOSE_OPT_OUT = 'close-without-code';

/** Every problem of every lesson; links are checked against the pages and anchors of `lessons`, plus `publicFiles` (e.g. `/favicon.svg`). */
export function checkLessons(lessons: Lesson[], publicFiles: string[] = []): LessonProblem[] {
  const parsed = lessons.map((lesson) => ({ lesson, tree: fromMarkdown(stripFrontmatter(lesson.text)) }));
  const site = siteOf(parsed.map(({ lesson, tree }) => ({ file: lesson.file, tree })), publicFiles);
  return parsed.flatMap(({ lesson, tree }) =>
    [...fenceProblems(tree), ...pageProblems(tree), ...closeProblems(tree), ...typographyProblems(lesson.text), ...linkProblems(lesson, tree, site)]
      .sort((a, b) => a.line - b.line || a.column - b.column)
      .map((finding) => ({ file: lesson.file, ...finding })),
  );
}

/** `src/content/docs/client/x.md:12:3  rule  message`, the way compilers print, so editors link to the line. */
export function formatProblem(problem: LessonProblem, docsDir = 'src/content/docs'): string {
  return `${docsDir}/${problem.file}:${problem.line}:${problem.column}  ${problem.rule}  ${problem.message}`;
}

/** Every code fence of the lesson, in document order, with the fences that follow it in the same parent. */
function fences(tree: Root): { node: Code; next: (Code | undefined)[] }[] {
  const found: { node: Code; next: (Code | undefined)[] }[] = [];
  const walk = (children: Root['children']) =>
    children.forEach((node, i) => {
      if ('children' in node) walk(node.children as Root['children']);
      if (node.type !== 'code') return;
      const after = (k: number) => (children[i + k]?.type === 'code' ? (children[i + k] as Code) : undefined);
      found.push({ node, next: [after(1), after(2)] });
    });
  walk(tree.children);
  return found;
}

function at(node: { position?: { start: { line: number; column: number } } }): { line: number; column: number } {
  return { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 };
}

/** A `run` needs its `output` right after it; an `exercise` its `solution`, then its `check`; and none of those parts stands alone. */
function fenceProblems(tree: Root): Finding[] {
  const problems: Finding[] = [];
  const kinds = (nodes: (Code | undefined)[]) => nodes.map((n) => (n ? parseMeta(n.meta).kind : undefined));
  const all = fences(tree);
  const owned = new Set<Code>();
  for (const { node, next } of all) {
    const [first, second] = kinds(next);
    const kind = parseMeta(node.meta).kind;
    if (kind === 'run') {
      if (first === 'output') owned.add(next[0] as Code);
      else problems.push({ ...at(node), rule: 'run-output', message: 'this `js run` fence needs its ```txt output fence right after it, listing every line the run prints' });
    }
    if (kind === 'exercise') {
      if (first === 'solution') owned.add(next[0] as Code);
      if (first === 'solution' && second === 'check') owned.add(next[1] as Code);
      if (first !== 'solution' || second !== 'check') {
        problems.push({ ...at(node), rule: 'exercise-parts', message: 'this `js exercise` fence needs a ```js solution fence, then a ```js check success="…" fence, right after it' });
      }
    }
  }
  for (const { node } of all) {
    const kind = parseMeta(node.meta).kind;
    if (owned.has(node) || (kind !== 'output' && kind !== 'solution' && kind !== 'check')) continue;
    const rule = kind === 'output' ? 'run-output' : 'exercise-parts';
    const owner = kind === 'output' ? '`js run`' : kind === 'solution' ? '`js exercise`' : '`js exercise` and its `js solution`';
    problems.push({ ...at(node), rule, message: `this \`${kind}\` fence belongs right after a ${owner} fence, with nothing in between` });
  }
  return problems;
}

/**
 * Page snippets: `html page` (then optionally `css page`) right before a `js run` or `js exercise`;
 * a page `run` declares its page in a `txt page-output` right after its `output`; no page part
 * stands alone.
 */
function pageProblems(tree: Root): Finding[] {
  const problems: Finding[] = [];
  const owned = new Set<Code>();
  const walk = (children: Root['children']) =>
    children.forEach((node, i) => {
      if ('children' in node) walk(node.children as Root['children']);
      const kind = node.type === 'code' ? parseMeta(node.meta).kind : undefined;
      if (kind !== 'run' && kind !== 'exercise') return;
      const page = pageFences(children, i);
      page.forEach((fence) => owned.add(fence));
      const [output, declared] = [children[i + 1], children[i + 2]];
      const isPageOutput = declared?.type === 'code' && parseMeta(declared.meta).kind === 'page-output';
      const afterOutput = output?.type === 'code' && parseMeta(output.meta).kind === 'output';
      if (kind === 'run' && page.length > 0 && afterOutput && isPageOutput) owned.add(declared);
      else if (kind === 'run' && page.length > 0) {
        problems.push({ ...at(node), rule: 'page-parts', message: 'this page `js run` needs a ```txt page-output fence right after its ```txt output fence, listing the text lines the page shows' });
      }
    });
  walk(tree.children);
  const all = fences(tree).map(({ node }) => node);
  for (const node of all) {
    const kind = parseMeta(node.meta).kind;
    if (owned.has(node) || (kind !== 'page' && kind !== 'page-output')) continue;
    const message = kind === 'page'
      ? 'this `page` fence belongs right before a `js run` or `js exercise` fence: ```html page, then optionally ```css page, with nothing in between'
      : 'this `page-output` fence belongs right after the ```txt output fence of a page `js run` (one that has an ```html page fence)';
    problems.push({ ...at(node), rule: 'page-parts', message });
  }
  return problems;
}

/** Learners copy what lessons show: a WebSocket closed without a code reaches the server as 1005 (« no status »). */
function closeProblems(tree: Root): Finding[] {
  const problems: Finding[] = [];
  for (const { node } of fences(tree)) {
    const { kind, attrs } = parseMeta(node.meta);
    if (kind !== 'run' && kind !== 'exercise' && kind !== 'solution') continue;
    const start = at(node);
    const calls = bareCloseCalls(node.value);
    if (calls === undefined) {
      problems.push({ ...start, rule: 'close-code', message: `this \`${kind}\` fence is not valid JavaScript, so its close() calls cannot be checked` });
      continue;
    }
    const reason = attrs[CLOSE_OPT_OUT]?.trim();
    if (reason && calls.length === 0) {
      problems.push({ ...start, rule: 'close-code', message: `${CLOSE_OPT_OUT}="…" is set but this snippet has no close() without a code: remove it` });
    }
    if (reason) continue;
    for (const call of calls) {
      problems.push({
        line: start.line + call.line,
        column: start.column + call.column,
        rule: 'close-code',
        message: `close() without a code (the server gets 1005): pass 1000 or 3000–4999, or mark the fence ${CLOSE_OPT_OUT}="why" if the lesson shows this on purpose`,
      });
    }
  }
  return problems;
}

interface AstNode {
  type: string;
  [key: string]: unknown;
}

function* astNodes(value: unknown): Generator<AstNode> {
  if (Array.isArray(value)) for (const item of value) yield* astNodes(item);
  else if (value && typeof value === 'object') {
    if (typeof (value as AstNode).type === 'string') yield value as AstNode;
    for (const child of Object.values(value)) if (child && typeof child === 'object') yield* astNodes(child);
  }
}

/**
 * Positions (line 1-based within the code, column 0-based) of `x.close()` calls with no argument,
 * or undefined if the code does not parse. Receivers bound to another kind of object
 * (`new EventSource(…)`, Socket.IO's `io(…)`) are skipped: their close() takes no code.
 */
export function bareCloseCalls(code: string): { line: number; column: number }[] | undefined {
  let program: unknown;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', locations: true, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
  } catch {
    return undefined;
  }
  const others = new Set<string>();
  const isOther = (init: AstNode | undefined) =>
    (init?.type === 'NewExpression' && (init.callee as AstNode).name !== 'WebSocket') || (init?.type === 'CallExpression' && (init.callee as AstNode).name === 'io');
  for (const node of astNodes(program)) {
    const [target, init] = node.type === 'VariableDeclarator' ? [node.id, node.init] : node.type === 'AssignmentExpression' ? [node.left, node.right] : [];
    if ((target as AstNode | undefined)?.type === 'Identifier' && isOther(init as AstNode | undefined)) others.add((target as AstNode).name as string);
  }
  const calls: { line: number; column: number }[] = [];
  for (const node of astNodes(program)) {
    const callee = node.callee as AstNode | undefined;
    if (node.type !== 'CallExpression' || callee?.type !== 'MemberExpression' || (node.arguments as unknown[]).length > 0) continue;
    const property = callee.property as AstNode;
    const receiver = callee.object as AstNode;
    if (callee.computed || property.name !== 'close' || (receiver.type === 'Identifier' && others.has(receiver.name as string))) continue;
    const start = (property.loc as { start: { line: number; column: number } }).start;
    calls.push({ line: start.line, column: start.column });
  }
  return calls;
}

/** What each rule of test-support/typography.ts asks for, in English. */
const TYPOGRAPHY: Record<string, string> = {
  'espace-insecable': 'French punctuation: a no-break space (U+00A0 or U+202F) goes before : ; ? ! — not an ordinary space, and not a line break',
  guillemets: 'French quotes: a no-break space (U+00A0 or U+202F) goes inside « and »',
  'guillemets-droits': 'straight double quotes in prose: write « … » with no-break spaces inside',
  'espace-unite': 'a narrow no-break space (U+202F) goes between a number and its unit (250 ms, 1 Mio)',
  'espace-milliers': 'digit groups are separated by a narrow no-break space (U+202F): 10 000',
  'entite-html': 'write the no-break space character itself (U+00A0 or U+202F), not an HTML entity',
};

function typographyProblems(text: string): Finding[] {
  return checkTypography(text).map((p) => ({ line: p.line, column: p.column, rule: 'typography', message: `${TYPOGRAPHY[p.rule] ?? p.message} [${p.rule}]` }));
}
