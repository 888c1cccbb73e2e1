import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Code, Root } from 'mdast';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { remarkPlayground } from './remark-playground.ts';

/** The meta of each code block left in the page, in order, after the plugin ran on `source`. */
function metas(source: string): (string | null | undefined)[] {
  const tree = fromMarkdown(source) as Root;
  remarkPlayground()(tree, { path: 'src/content/docs/client/x.md' } as VFile);
  const found: (string | null | undefined)[] = [];
  const walk = (node: { type: string; children?: unknown[] }) => {
    if (node.type === 'code') found.push((node as Code).meta);
    for (const child of node.children ?? []) walk(child as { type: string; children?: unknown[] });
  };
  walk(tree);
  return found;
}

test('titles a declared output « Sortie attendue »', () => {
  assert.deepEqual(metas('```js run\nx\n```\n\n```txt output\na\nb\n```\n'), [null, 'title="Sortie attendue"']);
});

test('says when a declared output leaves lines out, and highlights each […] line', () => {
  const [, output] = metas('```js run\nx\n```\n\n```txt output\na\n[…]\nb\n[…]\n```\n');
  assert.equal(output, 'title="Sortie attendue ([…]\u00a0: lignes omises)" mark={2,4}');
});

const EXERCISE = '```js exercise\nx\n```\n\n```js solution\ny\n```\n\n```js check success="Bravo."\nreturn;\n```\n';

/** The page's hast for `source`, as the .md or the .mdx pipeline hands it to rehype. */
async function hast(source: string, mdx: boolean): Promise<string> {
  const processor = unified().use(remarkParse);
  if (mdx) processor.use(remarkMdx);
  processor.use(remarkPlayground).use(remarkRehype, { passThrough: ['mdxJsxFlowElement', 'mdxjsEsm', 'mdxFlowExpression'] });
  const file = { value: source, path: `src/content/docs/client/x.${mdx ? 'mdx' : 'md'}` };
  const tree = await processor.run(processor.parse(file), file);
  return toHtml(tree as Parameters<typeof toHtml>[0]);
}

test('renders one and the same playground markup in .md and .mdx lessons', async () => {
  const md = await hast(EXERCISE, false);
  assert.equal(await hast(EXERCISE, true), md);
  for (const part of ['class="ws-toolbar', 'role="tablist"', 'data-panel="console"', 'data-panel="lifecycle"', 'data-panel="preview"', 'data-panel="frames"', 'class="ws-verdict']) {
    assert.ok(md.includes(part), `${part} in ${md}`);
  }
});

test('offers the solution once: the toolbar button, and a block only for readers without JavaScript', async () => {
  const html = await hast(EXERCISE, false);
  assert.equal(html.match(/Voir la solution/g)?.length, 2);
  assert.match(html, /<noscript><details class="ws-solution"><summary>Voir la solution<\/summary><pre><code class="language-js">y\n<\/code><\/pre><\/details><\/noscript>/);
});
