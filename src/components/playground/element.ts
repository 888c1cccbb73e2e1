/**
 * <ws-playground>: turns a lesson's static code block into an editor with « Exécuter »,
 * a console and the connection's lifecycle. The static block stays until the editor is
 * ready, and « Exécuter » works even before that.
 */
import type { RunEvent } from '../../lib/events.ts';
import { run, prepareSandbox, type RunHandle } from '../../lib/runner.ts';
import { rewriteServer } from '../../lib/server-url.ts';
import { describe, ui } from '../../lib/strings.fr.ts';
import { ConsoleView } from './console-view.ts';
import { createEditor, loadMonaco, type CodeEditor } from './editor.ts';
import { currentServer } from './server-setting.ts';
import { fingerprint, loadCode, saveCode } from './storage.ts';

let instances = 0;

/** See the module comment. */
export class PlaygroundElement extends HTMLElement {
  #editor?: CodeEditor;
  #mounting?: Promise<void>;
  #code = '';
  #run?: RunHandle;
  #console!: ConsoleView;
  #timeline!: HTMLOListElement;
  #status!: HTMLElement;
  #verdict!: HTMLElement;
  #buttons!: Record<'run' | 'step' | 'next' | 'stop' | 'reset' | 'solution', HTMLButtonElement>;

  connectedCallback() {
    if (this.#status) return;
    const n = ++instances;
    this.#code = this.#savedOrOriginal();
    this.#build(n);
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void this.#mount();
    }, { rootMargin: '200px' });
    observer.observe(this);
    this.addEventListener('focusin', () => void this.#mount(), { once: true });
  }

  get #original(): string {
    return rewriteServer(this.dataset.code ?? '', currentServer());
  }

  #savedOrOriginal(): string {
    const saved = loadCode(this.dataset.id ?? '');
    return saved?.code ?? this.#original;
  }

  #build(n: number) {
    const staticCode = this.querySelector(':scope > .expressive-code');
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
    this.#buttons = {
      run: button(ui.run, 'ws-run', () => void this.start(false)),
      step: button(ui.step, 'ws-step', () => void this.start(true)),
      next: button(ui.next, 'ws-next', () => this.#run?.next()),
      stop: button(ui.stop, 'ws-stop', () => this.#run?.stop()),
      reset: button(ui.reset, 'ws-reset', () => this.#reset()),
      solution: button(ui.showSolution, 'ws-load-solution', () => this.#loadSolution()),
    };
    this.#buttons.run.title = ui.runHint;
    this.#buttons.run.setAttribute('aria-keyshortcuts', 'Control+Enter Meta+Enter');
    if (!this.dataset.solution) this.#buttons.solution.remove();
    this.#status = document.createElement('p');
    this.#status.className = 'ws-status';
    this.#status.setAttribute('role', 'status');
    toolbar.append(this.#status);

    const output = document.createElement('div');
    output.className = 'ws-output not-content';
    const consoleId = `ws-console-${n}`;
    const timelineId = `ws-timeline-${n}`;
    output.innerHTML = `<section class="ws-panel" aria-labelledby="${consoleId}-title"><h3 class="ws-panel-title" id="${consoleId}-title"></h3><ol class="ws-console" id="${consoleId}" role="log" aria-live="polite" tabindex="0"></ol></section><section class="ws-panel" aria-labelledby="${timelineId}-title"><h3 class="ws-panel-title" id="${timelineId}-title"></h3><ol class="ws-timeline" id="${timelineId}" tabindex="0"></ol></section>`;
    output.querySelector(`#${consoleId}-title`)!.textContent = ui.console;
    output.querySelector(`#${timelineId}-title`)!.textContent = ui.timeline;
    this.#console = new ConsoleView(output.querySelector('.ws-console')!, ui.truncated);
    this.#console.clear(ui.emptyConsole);
    this.#timeline = output.querySelector('.ws-timeline')!;
    this.#verdict = document.createElement('p');
    this.#verdict.className = 'ws-verdict not-content';
    this.#verdict.setAttribute('role', 'status');
    this.#verdict.hidden = true;

    (staticCode ?? this.firstChild)?.after(toolbar, output, this.#verdict);
    this.#setRunning(false);
    const saved = loadCode(this.dataset.id ?? '');
    if (saved && saved.origin !== fingerprint(this.dataset.code ?? '')) this.#status.textContent = ui.savedOlder;
  }

  async #mount(): Promise<void> {
    this.#mounting ??= (async () => {
      void prepareSandbox();
      const staticCode = this.querySelector<HTMLElement>(':scope > .expressive-code');
      const container = document.createElement('div');
      container.className = 'ws-editor not-content';
      staticCode?.before(container);
      await loadMonaco();
      this.#editor = await createEditor(container, this.#code, ui.editorLabel);
      if (staticCode) staticCode.hidden = true;
      this.#editor.onChange((code) => this.#save(code));
      this.#editor.onRun(() => void this.start(false));
    })();
    return this.#mounting;
  }

  #save(code: string) {
    this.#code = code;
    const id = this.dataset.id ?? '';
    saveCode(id, code === this.#original ? undefined : { code, origin: fingerprint(this.dataset.code ?? '') });
  }

  #reset() {
    this.#setCode(this.#original);
    saveCode(this.dataset.id ?? '', undefined);
    this.#status.textContent = '';
  }

  #loadSolution() {
    const solution = rewriteServer(this.dataset.solution ?? '', currentServer());
    this.#setCode(solution);
  }

  #setCode(code: string) {
    this.#code = code;
    if (this.#editor) this.#editor.setCode(code);
    else void this.#mount();
  }

  /** Runs the current code; `step` holds each socket event until « Suivant ». */
  async start(step: boolean) {
    this.#run?.stop();
    // acorn is only needed once the learner runs something: keep it out of the page's first load.
    const { findSyntaxError, prepareForRun } = await import('../../lib/syntax.ts');
    const code = this.#editor?.getCode() ?? this.#code;
    this.#console.clear();
    this.#timeline.replaceChildren();
    this.#verdict.hidden = true;
    this.#editor?.highlight(undefined);
    const problem = findSyntaxError(code);
    if (problem) {
      this.#console.add('error', ui.syntaxError(problem.line, problem.message));
      return;
    }
    this.#setRunning(true, step);
    const handle = run(prepareForRun(code), { step, check: this.dataset.check }, (event) => this.#show(event));
    this.#run = handle;
    void handle.ended.then(() => {
      if (this.#run !== handle) return;
      this.#run = undefined;
      this.#setRunning(false);
      this.#editor?.highlight(undefined);
    });
  }

  #show(event: RunEvent) {
    switch (event.type) {
      case 'console':
        return this.#console.add(event.level, event.text, event.t);
      case 'exception':
        return this.#console.add('error', ui.exception(event.name, event.message, event.line), event.t);
      case 'dropped':
        return this.#console.add('system', ui.dropped(event.count), event.t);
      case 'end':
        return this.#console.add('system', ui.ended[event.reason], event.t);
      case 'check':
        this.#verdict.hidden = false;
        this.#verdict.dataset.ok = String(event.ok);
        this.#verdict.textContent = event.ok ? `${ui.checkPassed} ${this.dataset.success ?? ''}` : `${ui.checkFailed} ${event.message}`;
        return;
      case 'held':
        this.#buttons.next.disabled = false;
        break;
      case 'deliver':
        this.#editor?.highlight(event.handler);
        break;
    }
    const item = document.createElement('li');
    item.className = `ws-event ws-event-${event.type}`;
    item.dataset.type = event.type;
    const time = document.createElement('span');
    time.className = 'ws-time';
    time.textContent = `+${event.t} ms`;
    const text = document.createElement('span');
    text.textContent = `${'socket' in event ? `#${event.socket} ` : ''}${describe(event)}`;
    item.append(time, text);
    if (event.type === 'message' || event.type === 'send') {
      const data = document.createElement('code');
      data.className = 'ws-data';
      data.textContent = event.data.length > 300 ? `${event.data.slice(0, 300)}…` : event.data;
      item.append(data);
    }
    this.#timeline.append(item);
  }

  #setRunning(running: boolean, step = false) {
    this.#buttons.run.disabled = false;
    this.#buttons.step.disabled = false;
    this.#buttons.stop.disabled = !running;
    this.#buttons.next.disabled = true;
    this.#buttons.next.hidden = !step;
    this.dataset.running = String(running);
    if (running) this.#status.textContent = ui.running;
    else if (this.#status.textContent === ui.running) this.#status.textContent = '';
  }
}
