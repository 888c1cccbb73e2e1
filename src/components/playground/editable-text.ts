/**
 * The text of a contenteditable element as it renders, and back. Browsers write a line break as
 * "\n" in `white-space: pre`, but also as <br> or as a new <div> (Chromium does so when a
 * multi-line insertion lands in an emptied element), and keep one trailing "\n" or <br> only to
 * show an empty last line: reading counts all three, and drops that placeholder.
 */

/** A DOM boundary point, as a Selection gives it. */
export interface Point {
  node: Node;
  offset: number;
}

const BLOCKS = new Set(['DIV', 'P', 'LI', 'PRE']);

/** The rendered text of `root`, and the text offset of each of `points` (clamped to the text). */
export function readEditable(root: Node, points: Point[] = []): { text: string; offsets: number[] } {
  let out = '';
  // A block ended: the next text starts on a new line.
  let pendingBreak = false;
  const offsets = points.map(() => 0);
  const breakIfPending = () => {
    if (pendingBreak && out !== '' && !out.endsWith('\n')) out += '\n';
    pendingBreak = false;
  };
  const markChild = (parent: Node, index: number) => {
    points.forEach((p, i) => {
      if (p.node === parent && p.offset === index) offsets[i] = out.length;
    });
  };
  const visit = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (data) breakIfPending();
      points.forEach((p, i) => {
        if (p.node === node) offsets[i] = out.length + Math.min(p.offset, data.length);
      });
      out += data;
      return;
    }
    if (node.nodeName === 'BR') {
      breakIfPending();
      out += '\n';
      return;
    }
    const block = node !== root && BLOCKS.has(node.nodeName);
    if (block) {
      if (out !== '' && !out.endsWith('\n')) out += '\n';
      pendingBreak = false;
    }
    node.childNodes.forEach((child, i) => {
      markChild(node, i);
      visit(child);
    });
    markChild(node, node.childNodes.length);
    if (block) pendingBreak = true;
  };
  visit(root);
  if (out.endsWith('\n')) out = out.slice(0, -1);
  return { text: out, offsets: offsets.map((o) => Math.min(o, out.length)) };
}

/** What the DOM of an editable holding `text` must contain: a trailing "\n" needs its placeholder. */
export function rawText(text: string): string {
  return text.endsWith('\n') ? `${text}\n` : text;
}

/** True when `root` holds only text and inline elements, so its textContent is its raw text. */
export function isFlat(root: Element): boolean {
  return !root.querySelector('br, div, p, li, pre');
}

/** The boundary point at raw-text `offset` in a flat element (see isFlat). */
export function pointAt(root: Node, offset: number): Point {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let left = offset;
  let last: Text | undefined;
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    if (left <= node.data.length) return { node, offset: left };
    left -= node.data.length;
    last = node;
  }
  return last ? { node: last, offset: last.data.length } : { node: root, offset: root.childNodes.length };
}
