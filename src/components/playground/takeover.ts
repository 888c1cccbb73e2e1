/**
 * Monaco takes the static block's place, and with a typing layer, everything the learner did
 * there: text (typed before Monaco arrived, as one undo step), selection, scroll, focus, and
 * the caret's line where it was on screen.
 */
import type { CodeEditor, EditorFont } from './editor.ts';
import { STATIC_BLOCK, type TypingLayer } from './typing-layer.ts';

type Create = (container: HTMLElement, code: string, font?: EditorFont) => Promise<CodeEditor>;

/**
 * Puts an editor made by `create` in place of the static block of `host`. The layer and `code`
 * are read after Monaco is created, in the same task that focuses it: a key pressed before
 * lands in the layer and is read, a key pressed after waits in the event queue and lands in
 * Monaco, at the caret.
 */
export async function takeOver(host: HTMLElement, code: () => string, layer: TypingLayer | undefined, create: Create): Promise<CodeEditor> {
  const staticCode = host.querySelector<HTMLElement>(STATIC_BLOCK);
  // Scroll anchoring would chase the boxes that appear and vanish below; this function puts the
  // caret's line back itself, and anchoring resumes once the frame is drawn.
  const root = document.documentElement;
  root.style.overflowAnchor = 'none';
  requestAnimationFrame(() => requestAnimationFrame(() => root.style.removeProperty('overflow-anchor')));
  // Where the block is before anything moves: the caret's line is to stay there on screen.
  const blockTop = staticCode?.getBoundingClientRect().top ?? 0;
  // The container takes room only now: a box appearing above the code while the learner aims at
  // it would move the line under the pointer.
  const container = document.createElement('div');
  container.className = 'ws-editor not-content';
  if (staticCode) staticCode.before(container);
  else (host.querySelector('.ws-code') ?? host).prepend(container);
  // Monaco starts from the layer's starting text and replays the edits, so Ctrl+Z can undo them.
  // Creating it and focusing it scroll the page to its top: put the page back where it was.
  const [x, y] = [scrollX, scrollY];
  const start = layer?.view();
  const editor = await create(container, start ? start.base : code(), start?.font);
  const view = layer?.view();
  if (view) editor.adopt({ ...view, text: code() });
  scrollTo(x, y);
  // The caret's line, measured from the block's top (both moved down by the container meanwhile).
  const caretInBlock = view && staticCode ? view.caretTop - staticCode.getBoundingClientRect().top : 0;
  // Focus is in Monaco before the layer hides: it never falls back to the page.
  if (staticCode) staticCode.hidden = true;
  layer?.retire();
  // Monaco's lines and padding differ a little from the static block's: keep the caret's line still.
  if (view?.focused) scrollBy(0, editor.caretTop() - (blockTop + caretInBlock));
  return editor;
}
