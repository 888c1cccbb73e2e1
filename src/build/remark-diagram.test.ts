import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { VFile } from 'vfile';
import { remarkDiagram } from './remark-diagram.ts';

/** The plugin reads only the file's path. */
const file = (f: { path: string }) => f as VFile;

const lesson = 'Texte.\n\n```diagram sequence\ntitre : Poignée\nacteurs : A, B\nA -> B : GET\n```\n\n```diagram frame\ntitre : Trame\n1 FIN\n```\n';

test('replaces each diagram fence with an inline SVG figure, numbered in the page', () => {
  const tree = fromMarkdown(lesson) as Root;
  remarkDiagram()(tree, file({ path: 'src/content/docs/x/y.md' }));
  const html = tree.children.filter((n) => n.type === 'html').map((n) => (n as { value: string }).value);
  assert.equal(html.length, 2);
  assert.match(html[0], /id="schema-1".*<svg/s);
  assert.match(html[1], /id="schema-2"/);
  assert.equal(tree.children.some((n) => n.type === 'code'), false);
});

test('in .mdx, where raw HTML is refused, gives the figure as a parsed tree', () => {
  const tree = fromMarkdown(lesson) as Root;
  remarkDiagram()(tree, file({ path: 'src/content/docs/x/y.mdx' }));
  const host = tree.children[1] as unknown as { data: { hName: string; hChildren: { tagName?: string }[] } };
  assert.equal(host.data.hName, 'div');
  assert.equal(host.data.hChildren.find((c) => c.tagName)?.tagName, 'figure');
});

test('names the lesson file and line of a bad diagram', () => {
  const tree = fromMarkdown('```diagram frame\n1 FIN\n```\n') as Root;
  assert.throws(() => remarkDiagram()(tree, file({ path: 'lecon.md' })), /lecon\.md:1: .*titre/);
});
