/**
 * Remark plugin: wraps each runnable fence (see snippets.ts) in a `<ws-playground>` whose whole
 * markup (playground-markup.ts) is in the page. One path for `.md` and `.mdx`: the nodes it makes
 * carry their element in `data.hName`/`hProperties`/`hChildren`, which remark-rehype turns into
 * the same hast in both pipelines; the fences stay code nodes, so Expressive Code highlights them.
 *
 * ```
 * ws-playground[data-id data-kind data-code data-output? data-solution? data-check? data-success?]
 *   div.ws-bench
 *     div.ws-code-pane    .ws-code (static block), .ws-hint, .ws-older, .ws-toolbar, .ws-narration
 *     div.ws-output-pane  .ws-tabs, .ws-panels, .ws-verdict, « Sortie attendue »
 *   noscript > details.ws-solution   (exercises: the solution, readable without JavaScript)
 * ```
 */
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Code, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { collectSnippets, hasElision, lessonPath, parseMeta } from '../lib/snippets.ts';
import { ui } from '../lib/strings.fr.ts';
import { codeNotes, outputTabs, toolbar } from './playground-markup.ts';

const DOCS_DIR = path.join('src', 'content', 'docs');

/** Turns marked fences into playgrounds. */
export function remarkPlayground() {
  return (tree: Root, file: VFile) => {
    const page = lessonId(file);
    // Replace from the last group backwards so earlier indexes stay valid.
    for (const { snippet, parent, nodes } of collectSnippets(tree).reverse()) {
      const [main, ...rest] = nodes;
      const at = parent.children.indexOf(main);
      const n = snippet.index;
      const part = (kind: string) => rest.find((node) => parseMeta(node.meta).kind === kind);
      const expected = part('output');
      const solution = part('solution');
      const host = h('ws-playground', {
        dataId: `${page}#${n}`,
        dataKind: snippet.kind,
        dataCode: snippet.code,
        dataOutput: snippet.output?.join('\n'),
        dataSolution: snippet.solution,
        dataCheck: snippet.check,
        dataSuccess: snippet.success,
      });
      const playground = box(host, [
        box(h('div', { className: ['ws-bench'] }), [
          // The toolbar follows the code: Escape then Tab leaves the editor for « Exécuter ».
          box(h('div', { className: ['ws-code-pane'] }), [
            box(h('div', { className: ['ws-code'] }), [plain(main)]),
            ...codeNotes(toolbar(n, !!solution)).map(chrome),
          ]),
          box(h('div', { className: ['ws-output-pane', 'not-content'] }), [
            ...outputTabs(n).map(chrome),
            ...(expected ? [output(expected)] : []),
          ]),
        ]),
        // With JavaScript, « Voir la solution » shows it in the editor; without, this block does.
        ...(solution ? [box(h('noscript'), [box(h('details', { className: ['ws-solution'] }), [chrome(h('summary', ui.showSolution)), plain(solution)])])] : []),
      ]);
      parent.children.splice(at, nodes.length, playground as RootContent);
    }
  };
}

/** An mdast node that becomes `element` around mdast `children` (code fences stay fences). */
function box(element: Element, children: RootContent[]): RootContent {
  return { type: 'wsBox', data: { hName: element.tagName, hProperties: element.properties }, children } as unknown as RootContent;
}

/** An mdast node that becomes `element` as it is, children included. */
function chrome(element: Element): RootContent {
  const children: ElementContent[] = element.children;
  return { type: 'wsChrome', data: { hName: element.tagName, hProperties: element.properties, hChildren: children } } as unknown as RootContent;
}

function lessonId(file: VFile): string {
  const relative = path.relative(path.resolve(DOCS_DIR), path.resolve(file.path ?? 'unknown.md'));
  return lessonPath(relative).replace(/^\/|\/$/g, '') || 'index';
}

/** The same fence without our keyword, so Expressive Code sees an ordinary block. */
function plain(node: Code): Code {
  return { ...node, meta: node.meta?.replace(/^\s*\w+/, '').trim() || null };
}

/** « Sortie attendue »; where the declaration leaves lines out, the title says so and each `[…]` line is highlighted. */
function output(node: Code): Code {
  const lines = node.value.split('\n');
  if (!hasElision(lines)) return titled(node, ui.expectedOutput);
  const marked = lines.flatMap((line, i) => (hasElision([line]) ? [i + 1] : []));
  return { ...node, meta: `title="${ui.expectedOutput} ${ui.elided}" mark={${marked.join(',')}}` };
}

function titled(node: Code, title: string): Code {
  return { ...node, meta: `title="${title}"` };
}
