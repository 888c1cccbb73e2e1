import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Code, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
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

test('shows the HTML and CSS after its code, titled, and its declared page as « Page attendue »', () => {
  const source = '```html page\n<p></p>\n```\n\n```css page\np {}\n```\n\n```js run\nx\n```\n\n```txt output\n```\n\n```txt page-output\nBonjour\n```\n';
  assert.deepEqual(metas(source), [null, 'title="HTML de la page"', 'title="CSS de la page"', 'title="Sortie attendue"', 'title="Page attendue"']);
});
