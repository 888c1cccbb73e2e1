/**
 * The playground's markup around the static code block: toolbar, notices, « Pas à pas »,
 * console and timeline panels, verdict. Built once per playground; the element drives it.
 */
import { ui } from '../../lib/strings.fr.ts';
import { ConsoleView } from './console-view.ts';
import type { CodeEditor } from './editor.ts';
import { createServerForm } from './server-form.ts';
import type { TypingLayer } from './typing-layer.ts';

/** The toolbar's buttons. */
export type ButtonName = 'run' | 'step' | 'next' | 'stop' | 'reset' | 'solution';

/** What the element keeps of the markup it asked for. */
export interface PlaygroundParts {
  buttons: Record<ButtonName, HTMLButtonElement>;
  status: HTMLElement;
  older: HTMLElement;
  narration: HTMLElement;
  console: ConsoleView;
  timelineRoot: HTMLElement;
  verdict: HTMLElement;
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

/** Builds the markup of playground number `n` around its static block; buttons call `actions`. */
export function buildPlayground(host: HTMLElement, n: number, actions: Record<ButtonName, () => void>): PlaygroundParts {
  const staticCode = host.querySelector(':scope > .expressive-code');
  const toolbar = document.createElement('div');
  toolbar.className = 'ws-toolbar not-content';
  const button = (label: string, className: string, onClick: () => void) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `ws-button ${className}`;
    b.textContent = label;
    b.addEventListener('click', onClick);
    toolbar.append(b);
    return b;
  };
  const buttons: Record<ButtonName, HTMLButtonElement> = {
    run: button(ui.run, 'ws-run', actions.run),
    step: button(ui.step, 'ws-step', actions.step),
    next: button(ui.next, 'ws-next', actions.next),
    stop: button(ui.stop, 'ws-stop', actions.stop),
    reset: button(ui.reset, 'ws-reset', actions.reset),
    solution: button(ui.showSolution, 'ws-load-solution', actions.solution),
  };
  buttons.run.title = ui.runHint;
  buttons.run.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
  if (!host.dataset.solution) buttons.solution.remove();
  toolbar.append(createServerForm());
  const status = document.createElement('p');
  status.className = 'ws-status';
  status.setAttribute('role', 'status');
  toolbar.append(status);

  const older = document.createElement('p');
  older.className = 'ws-older not-content';
  older.textContent = ui.savedOlder;

  // StepView fills it in once loaded; until then it takes no room.
  const narration = document.createElement('div');
  narration.className = 'ws-narration not-content';
  narration.hidden = true;

  const output = document.createElement('div');
  output.className = 'ws-output not-content';
  const consoleId = `ws-console-${n}`;
  const timelineId = `ws-timeline-${n}`;
  // Panels are not landmarks: a lesson may hold many playgrounds, each with its console.
  output.innerHTML = `<div class="ws-panel"><p class="ws-panel-title" id="${consoleId}-title"></p><div class="ws-console" id="${consoleId}" role="log" aria-live="polite" tabindex="0" aria-labelledby="${consoleId}-title"><ol class="ws-lines"></ol></div></div><div class="ws-panel"><p class="ws-panel-title" id="${timelineId}-title"></p><div class="ws-timeline" id="${timelineId}" tabindex="0" role="group" aria-labelledby="${timelineId}-title"></div></div>`;
  output.querySelector(`#${consoleId}-title`)!.textContent = ui.console;
  output.querySelector(`#${timelineId}-title`)!.textContent = ui.timeline;
  const consoleView = new ConsoleView(output.querySelector('.ws-console .ws-lines')!, ui.truncated);
  consoleView.clear(ui.emptyConsole);
  const timelineRoot = output.querySelector<HTMLElement>('.ws-timeline')!;
  const placeholder = document.createElement('p');
  placeholder.className = 'ws-placeholder';
  placeholder.textContent = ui.emptyTimeline;
  timelineRoot.append(placeholder);
  const verdict = document.createElement('p');
  verdict.className = 'ws-verdict not-content';
  verdict.setAttribute('role', 'status');
  verdict.hidden = true;

  const hint = document.createElement('p');
  hint.className = 'ws-hint not-content';
  hint.textContent = ui.editorHint;
  (staticCode ?? host.firstChild)?.after(hint, older, toolbar, narration, output, verdict);
  return { buttons, status, older, narration, console: consoleView, timelineRoot, verdict };
}

/**
 * Replaces the static block of `host` with a Monaco editor, saying so in `status` meanwhile;
 * resolves once the editor is ready (`data-ready`). `code` is read once Monaco has loaded, not
 * before: « Voir la solution » or « Réinitialiser » clicked during the download must win. With a
 * typing `layer`, Monaco takes over its text, caret and focus (see takeOver).
 */
export async function mountEditor(host: HTMLElement, code: () => string, status: HTMLElement, layer?: TypingLayer): Promise<CodeEditor> {
  host.setAttribute('aria-busy', 'true');
  status.textContent = ui.loadingEditor;
  // editor.ts pulls in Monaco and acorn: none of it belongs in the page's first load. Monaco
  // is requested together with editor.ts, not after it: one round trip instead of two.
  const [{ createEditor }, { takeOver }] = await Promise.all([import('./editor.ts'), import('./takeover.ts'), import('./monaco.ts')]);
  const editor = await takeOver(host, code(), layer, (container, text, font) => createEditor(container, text, `${ui.editorLabel}. ${ui.editorHint}.`, font));
  host.removeAttribute('aria-busy');
  if (status.textContent === ui.loadingEditor) status.textContent = '';
  host.dataset.ready = 'true';
  return editor;
}
