/**
 * The parts of a playground's build-time markup (src/build/playground-markup.ts) that the
 * element drives, found once when it connects; plus the editor's mounting in `.ws-code`.
 */
import type { PanelName } from '../../lib/playground-tabs.ts';
import { ui } from '../../lib/strings.fr.ts';
import { ConsoleView } from './console-view.ts';
import type { CodeEditor } from './editor.ts';
import type { TypingLayer } from './typing-layer.ts';

/** The toolbar's buttons. */
export type ButtonName = 'run' | 'step' | 'next' | 'stop' | 'reset' | 'solution';

const BUTTON_CLASSES: Record<ButtonName, string> = {
  run: 'ws-run',
  step: 'ws-step',
  next: 'ws-next',
  stop: 'ws-stop',
  reset: 'ws-reset',
  solution: 'ws-load-solution',
};

/** What the element keeps of its markup; `panels` are the tab panels' roots, by name. */
export interface PlaygroundParts {
  /** `solution` is absent from playgrounds that have none. */
  buttons: Record<ButtonName, HTMLButtonElement | null>;
  status: HTMLElement;
  older: HTMLElement;
  narration: HTMLElement;
  console: ConsoleView;
  timelineRoot: HTMLElement;
  verdict: HTMLElement;
  settings: HTMLDetailsElement;
  tabs: HTMLElement;
  panels: Record<PanelName, HTMLElement>;
}

/** Finds the parts of `host`'s markup. */
export function findParts(host: HTMLElement): PlaygroundParts {
  const one = <T extends Element = HTMLElement>(selector: string) => host.querySelector<T & Element>(selector)!;
  const buttons = Object.fromEntries(
    Object.entries(BUTTON_CLASSES).map(([name, className]) => [name, host.querySelector<HTMLButtonElement>(`.ws-toolbar .${className}`)]),
  ) as Record<ButtonName, HTMLButtonElement | null>;
  const panel = (name: PanelName) => one(`[role="tabpanel"][data-panel="${name}"]`);
  return {
    buttons,
    status: one('.ws-status'),
    older: one('.ws-older'),
    narration: one('.ws-narration'),
    console: new ConsoleView(one('.ws-console .ws-lines'), ui.truncated),
    timelineRoot: one('.ws-timeline'),
    verdict: one('.ws-verdict'),
    settings: one<HTMLDetailsElement>('.ws-settings'),
    tabs: one('[role="tablist"]'),
    panels: { console: panel('console'), lifecycle: panel('lifecycle'), preview: panel('preview'), frames: panel('frames') },
  };
}

/** Calls `then` once `element` first scrolls into view. */
export function whenVisible(element: Element, then: () => void): void {
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    then();
  });
  observer.observe(element);
}

/**
 * Replaces the static block of `host` with a Monaco editor, saying so in `status` meanwhile;
 * resolves once the editor is ready (`data-ready`). `code` is read once Monaco has loaded, not
 * before: « Voir la solution » or « Réinitialiser » clicked during the download must win. With a
 * typing `layer`, Monaco takes over its text, caret and focus (see takeover.ts).
 */
export async function mountEditor(host: HTMLElement, code: () => string, status: HTMLElement, layer?: TypingLayer): Promise<CodeEditor> {
  host.setAttribute('aria-busy', 'true');
  status.textContent = ui.loadingEditor;
  // editor.ts pulls in Monaco and acorn: none of it belongs in the page's first load. Monaco
  // is requested together with editor.ts, not after it: one round trip instead of two.
  const [{ createEditor }, { takeOver }] = await Promise.all([import('./editor.ts'), import('./takeover.ts'), import('./monaco.ts')]);
  const editor = await takeOver(host, code, layer, (container, text, font) => createEditor(container, text, `${ui.editorLabel}. ${ui.editorHint}.`, font));
  host.removeAttribute('aria-busy');
  if (status.textContent === ui.loadingEditor) status.textContent = '';
  host.dataset.ready = 'true';
  return editor;
}
