/**
 * « Aperçu »: the panel where a page snippet's frame is shown (page-runner.ts places it through
 * this view). It uses the playground's `[data-panel="preview"]` panel when the markup has one,
 * and otherwise adds a panel of its own to the output, so that only page snippets carry it.
 */
import type { PageView } from '../../lib/page-runner.ts';
import { previewText } from '../../lib/strings.preview.fr.ts';

/** The preview panel of a playground, made once when its markup has none. */
export function previewPanel(host: HTMLElement): HTMLElement {
  const found = host.querySelector<HTMLElement>('[data-panel="preview"]');
  if (found) return found;
  const panel = document.createElement('div');
  panel.className = 'ws-panel ws-preview-panel';
  panel.dataset.panel = 'preview';
  const title = document.createElement('p');
  title.className = 'ws-panel-title';
  title.textContent = previewText.preview;
  panel.append(title);
  (host.querySelector('.ws-output') ?? host).append(panel);
  return panel;
}

/** Shows the frame of the current run, or says why there is none. */
export class PreviewView implements PageView {
  #box: HTMLElement;

  constructor(panel: HTMLElement) {
    this.#box = panel.querySelector<HTMLElement>('.ws-preview') ?? panel.appendChild(document.createElement('div'));
    this.#box.classList.add('ws-preview');
    if (!this.#box.firstChild) this.#note(previewText.empty);
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

/** The view of `host`'s preview panel, made on its first run. */
export function previewFor(host: HTMLElement): PreviewView {
  return new PreviewView(previewPanel(host));
}

