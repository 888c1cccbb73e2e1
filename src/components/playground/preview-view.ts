/**
 * « Aperçu »: shows a page snippet's frame in the playground's `[data-panel="preview"]` panel
 * (built with the markup, see playground-markup.ts); page-runner.ts places the frame through it.
 */
import type { PageView } from '../../lib/page-runner.ts';
import { previewText } from '../../lib/strings.preview.fr.ts';

/** Shows the frame of the current run, or says why there is none. */
export class PreviewView implements PageView {
  #box: HTMLElement;

  constructor(panel: HTMLElement) {
    const box = panel.querySelector<HTMLElement>(':scope > .ws-preview');
    if (box) {
      this.#box = box;
      return;
    }
    // The build-time placeholder (« no page here ») gives way to the page's box.
    panel.querySelector(':scope > .ws-placeholder')?.remove();
    this.#box = panel.appendChild(document.createElement('div'));
    this.#box.className = 'ws-preview';
    this.#note(previewText.empty);
  }

  /** See PageView. */
  show(frame: HTMLIFrameElement): void {
    this.#box.replaceChildren(frame);
  }

  /** See PageView. */
  removed(): void {
    this.#note(previewText.removed);
  }

  #note(text: string) {
    const note = document.createElement('p');
    note.className = 'ws-placeholder';
    note.textContent = text;
    this.#box.replaceChildren(note);
  }
}

/** The view of `host`'s « Aperçu » panel. */
export function previewFor(host: HTMLElement): PreviewView {
  return new PreviewView(host.querySelector<HTMLElement>('[data-panel="preview"]')!);
}
