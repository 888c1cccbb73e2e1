/** Remark plugin: wraps each runnable fence (see snippets.ts) in a `<ws-playground>` element. */
import path from 'node:path';
import type { Code, Html, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { collectSnippets, hasElision, lessonPath, parseMeta } from '../lib/snippets.ts';
import { ui } from '../lib/strings.fr.ts';
import { previewText } from '../lib/strings.preview.fr.ts';

const DOCS_DIR = path.join('src', 'content', 'docs');

/** Turns marked fences into playgrounds; the fences stay, so the static page shows highlighted code. */
export function remarkPlayground() {
  return (tree: Root, file: VFile) => {
    const page = lessonId(file);
    // Replace from the last group backwards so earlier indexes stay valid.
    for (const { snippet, parent, nodes, main } of collectSnippets(tree).reverse()) {
      const rest = nodes.filter((node) => node !== main);
      const at = parent.children.indexOf(nodes[0]);
      const attrs: Record<string, string | undefined> = {
        'data-id': `${page}#${snippet.index}`,
        'data-kind': snippet.kind,
        'data-code': snippet.code,
        'data-output': snippet.output?.join('\n'),
        'data-solution': snippet.solution,
        'data-check': snippet.check,
        'data-success': snippet.success,
        'data-html': snippet.html,
        'data-css': snippet.css,
        'data-page-output': snippet.pageOutput?.join('\n'),
      };
      const replacement = isMdx(file) ? asJsx(attrs, main, rest) : asHtml(attrs, main, rest);
      parent.children.splice(at, nodes.length, ...(replacement as typeof parent.children));
    }
  };
}

/** In .md lessons: raw HTML around the fences (Astro re-parses it with rehype-raw). */
function asHtml(attrs: Record<string, string | undefined>, main: Code, rest: Code[]): RootContent[] {
  const nodes: RootContent[] = [html(`<ws-playground ${attributes(attrs)}>`), plain(main)];
  for (const node of rest) {
    const { kind } = parseMeta(node.meta);
    if (kind === 'output' || kind === 'page' || kind === 'page-output') nodes.push(part(node));
    if (kind === 'solution') {
      nodes.push(html(`<details class="ws-solution"><summary>${ui.showSolution}</summary>`), plain(node), html('</details>'));
    }
  }
  nodes.push(html('</ws-playground>'));
  return nodes;
}

/** In .mdx lessons, raw HTML is not allowed: the same structure as JSX elements. */
function asJsx(attrs: Record<string, string | undefined>, main: Code, rest: Code[]): RootContent[] {
  const children: RootContent[] = [plain(main)];
  for (const node of rest) {
    const { kind } = parseMeta(node.meta);
    if (kind === 'output' || kind === 'page' || kind === 'page-output') children.push(part(node));
    if (kind === 'solution') {
      const summary = jsx('summary', {}, [{ type: 'text', value: ui.showSolution } as unknown as RootContent]);
      children.push(jsx('details', { class: 'ws-solution' }, [summary, plain(node)]));
    }
  }
  return [jsx('ws-playground', attrs, children)];
}

function jsx(name: string, attrs: Record<string, string | undefined>, children: RootContent[]): RootContent {
  const attributes = Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ({ type: 'mdxJsxAttribute', name: key, value }));
  return { type: 'mdxJsxFlowElement', name, attributes, children } as unknown as RootContent;
}

function isMdx(file: VFile): boolean {
  return (file.path ?? '').endsWith('.mdx');
}

function lessonId(file: VFile): string {
  const relative = path.relative(path.resolve(DOCS_DIR), path.resolve(file.path ?? 'unknown.md'));
  return lessonPath(relative).replace(/^\/|\/$/g, '') || 'index';
}

function html(value: string): Html {
  return { type: 'html', value };
}

/** The same fence without our keyword, so Expressive Code sees an ordinary block. */
function plain(node: Code): Code {
  return { ...node, meta: node.meta?.replace(/^\s*\w+/, '').trim() || null };
}

/**
 * A declared part shown after the code: « Sortie attendue », « Page attendue », and the page's
 * HTML and CSS (read-only: the learner edits the JavaScript; element.ts keeps the editor first).
 */
function part(node: Code): Code {
  const { kind } = parseMeta(node.meta);
  if (kind === 'page') return titled(node, node.lang === 'css' ? previewText.pageCss : previewText.pageHtml);
  return output(node, kind === 'page-output' ? previewText.expectedPage : ui.expectedOutput);
}

/** « Sortie attendue »; where the declaration leaves lines out, the title says so and each `[…]` line is highlighted. */
function output(node: Code, title: string): Code {
  const lines = node.value.split('\n');
  if (!hasElision(lines)) return titled(node, title);
  const marked = lines.flatMap((line, i) => (hasElision([line]) ? [i + 1] : []));
  return { ...node, meta: `title="${title} ${ui.elided}" mark={${marked.join(',')}}` };
}

function titled(node: Code, title: string): Code {
  return { ...node, meta: `title="${title}"` };
}

function attributes(attrs: Record<string, string | undefined>): string {
  return Object.entries(attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}="${escapeAttribute(value as string)}"`)
    .join(' ');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
}
