/** Remark plugin: turns each ```diagram <kind> fence into an inline SVG figure, at build time (see diagrams/). */
import type { Code, Parent, Root } from 'mdast';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { renderDiagram } from './diagrams/index.ts';

/** Replaces diagram fences in place; in .mdx, where raw HTML is not allowed, as a parsed hast subtree. */
export function remarkDiagram() {
  return (tree: Root, file: VFile) => {
    let count = 0;
    const mdx = (file.path ?? '').endsWith('.mdx');
    const walk = (parent: Parent) => {
      parent.children.forEach((node, i) => {
        if ('children' in node) walk(node as Parent);
        if (node.type !== 'code' || (node as Code).lang !== 'diagram') return;
        const code = node as Code;
        const kind = (code.meta ?? '').trim().split(/\s+/)[0];
        count += 1;
        let html: string;
        try {
          html = renderDiagram(kind, code.value, `schema-${count}`);
        } catch (error) {
          const where = `${file.path}:${code.position?.start.line ?? '?'}`;
          throw new Error(`${where}: ${(error as Error).message}`, { cause: error });
        }
        parent.children[i] = mdx
          ? ({ type: 'paragraph', children: [], data: { hName: 'div', hProperties: { className: ['ws-diagram-host'] }, hChildren: fromHtml(html, { fragment: true }).children } } as unknown as Parent['children'][number])
          : { type: 'html', value: html };
      });
    };
    walk(tree);
  };
}
