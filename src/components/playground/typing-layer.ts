/**
 * The typing layer: the static Expressive Code block made editable in place, so that the first
 * click puts the caret where the learner clicked and typing starts at once, long before Monaco
 * (about 1 MB) has loaded. Monaco then takes over with the same text, selection and place on
 * the page (see takeOver in playground-dom.ts). The highlighting stays; typed text takes the
 * colour of the token it lands in until Monaco arrives.
 */
import { lineHunks } from '../../lib/text-diff.ts';
import { isFlat, pointAt, rawText, readEditable } from './editable-text.ts';
import type { Adopted, EditorFont } from './editor.ts';

/** The snippet's own static block (not its « Sortie attendue »), in the markup built at run or at build time. */
export const STATIC_BLOCK = ':scope > .expressive-code, .ws-code > .expressive-code';
const STATIC_CODE = STATIC_BLOCK.split(', ').map((block) => `${block} pre > code`).join(', ');

/** What Monaco needs to take over without moving the caret or losing a character. */
export interface LayerView extends Adopted {
  /** The text the layer started from (or was last set to): Monaco starts there, so Ctrl+Z undoes what was typed here. */
  base: string;
  /** Where the caret's line is on screen (client px), to keep it there when Monaco replaces the block. */
  caretTop: number;
  /** The static code's font, so that Monaco's lines fall where the static ones were. */
  font: EditorFont;
}

/** The layer as the playground drives it. */
export interface TypingLayer {
  readonly editable: HTMLElement;
  text(): string;
  /** Shows `code` (« Réinitialiser », « Voir la solution », another server), keeping the highlighting of unchanged parts. */
  setText(code: string): void;
  view(): LayerView;
  /** Monaco has taken over: the block becomes static again (and stays hidden). */
  retire(): void;
}

/** What the layer tells its playground. */
export interface LayerHandlers {
  change(code: string): void;
  /** Ctrl/Cmd+Enter. */
  run(): void;
}

/**
 * Makes the static code block of `host` editable, showing `code`; undefined when there is no
 * block or the browser lacks `contenteditable="plaintext-only"` (Monaco alone then, as before).
 */
export function attachTypingLayer(host: HTMLElement, code: string, label: string, handlers: LayerHandlers): TypingLayer | undefined {
  const codeElement = host.querySelector<HTMLElement>(STATIC_CODE);
  if (!codeElement) return undefined;
  // One line element holding every line, "\n" between them: Expressive Code's styles (token
  // colours, padding) still apply, and the browser edits plain text rather than a tree of lines.
  const line = document.createElement('div');
  line.className = 'ec-line';
  const editable = document.createElement('div');
  editable.className = 'code';
  try {
    editable.contentEditable = 'plaintext-only';
  } catch {
    return undefined;
  }
  codeElement.querySelectorAll(':scope > .ec-line > .code').forEach((lineCode, i) => {
    if (i > 0) editable.append('\n');
    // Expressive Code writes an empty line as a lone "\n".
    if (lineCode.textContent !== '\n') editable.append(...lineCode.childNodes);
  });
  line.append(editable);
  codeElement.replaceChildren(line);
  Object.assign(editable, { spellcheck: false, translate: false });
  for (const [name, value] of Object.entries({ role: 'textbox', 'aria-multiline': 'true', 'aria-label': label, autocapitalize: 'off', autocorrect: 'off' })) {
    editable.setAttribute(name, value);
  }
  const pre = codeElement.parentElement!;
  let base = code;
  let escaped = false;
  const text = () => readEditable(editable).text;

  const setText = (next: string) => {
    base = next;
    const current = text();
    if (current === next) return;
    if (!isFlat(editable)) {
      editable.replaceChildren(rawText(next));
      return;
    }
    // From the last hunk back, so that earlier offsets stay valid.
    for (const hunk of lineHunks(rawText(current), rawText(next)).reverse()) {
      const range = document.createRange();
      const start = pointAt(editable, hunk.from);
      const end = pointAt(editable, hunk.to);
      range.setStart(start.node, start.offset);
      range.setEnd(end.node, end.offset);
      range.deleteContents();
      if (hunk.text) range.insertNode(document.createTextNode(hunk.text));
    }
  };
  setText(code);
  base = code;

  editable.addEventListener('input', () => handlers.change(text()));
  editable.addEventListener('keydown', (event) => {
    escaped = event.key === 'Escape' || (escaped && (event.key === 'Shift' || event.key === 'Tab'));
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      handlers.run();
    }
  });

  return {
    editable,
    text,
    setText,
    view() {
      const selection = getSelection();
      const inside = !!selection?.anchorNode && editable.contains(selection.anchorNode) && editable.contains(selection.focusNode);
      const points = inside ? [{ node: selection!.anchorNode!, offset: selection!.anchorOffset }, { node: selection!.focusNode!, offset: selection!.focusOffset }] : [];
      const read = readEditable(editable, points);
      const [anchor, focus] = inside ? read.offsets : [0, 0];
      const style = getComputedStyle(editable);
      const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
      const caretLine = read.text.slice(0, focus).split('\n').length - 1;
      const top = editable.getBoundingClientRect().top;
      return {
        base,
        text: read.text,
        anchor,
        focus,
        focused: document.activeElement === editable,
        escaped,
        scrollLeft: pre.scrollLeft,
        caretTop: top + caretLine * lineHeight,
        font: { family: style.fontFamily, size: parseFloat(style.fontSize), lineHeight, padding: top - pre.getBoundingClientRect().top - pre.clientTop },
      };
    },
    retire() {
      editable.removeAttribute('contenteditable');
      editable.removeAttribute('role');
      editable.removeAttribute('aria-multiline');
      editable.removeAttribute('aria-label');
    },
  };
}
