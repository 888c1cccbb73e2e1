/**
 * Monaco takes the static block's place, and with a typing layer, everything the learner did
 * there: text (typed before Monaco arrived, as one undo step), selection, scroll, focus, and
 * the caret's line where it was on screen.
 */
import type { CodeEditor, EditorFont } from './editor.ts';
import { STATIC_BLOCK, type TypingLayer } from './typing-layer.ts';

type Create = (container: HTMLElement, code: string, font?: EditorFont) => Promise<CodeEditor>;

/**
 * Puts an editor made by `create` in place of the static block of `host`. No task runs between
 * reading the layer and focusing Monaco (only microtasks: Monaco is loaded by then), so a key
 * pressed meanwhile waits in the event queue and lands in Monaco, at the caret.
 */
export async function takeOver(host: HTMLElement, code: string, layer: TypingLayer | undefined, create: Create): Promise<CodeEditor> {
  const staticCode = host.querySelector<HTMLElement>(STATIC_BLOCK);
  // Read before anything moves: the caret's place on screen is the one to keep.
  const view = layer?.view();
  // Scroll anchoring would chase the boxes that appear and vanish below; this function puts the
  // caret's line back itself, and anchoring resumes once the frame is drawn.
  const root = document.documentElement;
  root.style.overflowAnchor = 'none';
  requestAnimationFrame(() => requestAnimationFrame(() => root.style.removeProperty('overflow-anchor')));
  // The container takes room only now: a box appearing above the code while the learner aims at
  // it would move the line under the pointer.
  const container = document.createElement('div');
  container.className = 'ws-editor not-content';
  staticCode?.before(container);
  // Monaco starts from the layer's starting text and replays the edits, so Ctrl+Z can undo them.
  // Creating it and focusing it scroll the page to its top: put the page back where it was.
  const [x, y] = [scrollX, scrollY];
  const editor = await create(container, view && view.text === code ? view.base : code, view?.font);
  if (view) editor.adopt({ ...view, text: code });
  scrollTo(x, y);
  // Focus is in Monaco before the layer hides: it never falls back to the page.
  if (staticCode) staticCode.hidden = true;
  layer?.retire();
  // Monaco's lines and padding differ a little from the static block's: keep the caret's line still.
  if (view?.focused) scrollBy(0, editor.caretTop() - view.caretTop);
  return editor;
}
