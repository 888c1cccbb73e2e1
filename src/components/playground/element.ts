/**
 * <ws-playground>: turns a lesson's static code block into an editor with « Exécuter »,
 * a console, the connection's lifecycle and « Pas à pas ». The static block stays until the
 * editor is ready, and « Exécuter » works even before that.
 *
 * Events (bubbling): `ws-snippet-ran` when a run ends, `ws-exercise-passed` when an exercise's
 * check passes; both with `detail: { id }`.
 */
import type { RunEvent } from '../../lib/events.ts';
import type { RunHandle } from '../../lib/runner.ts';
import { MAX_RUN_MESSAGES } from '../../lib/sandbox/budget.ts';
import { lessonForm, rewriteServer } from '../../lib/server-url.ts';
import { ui } from '../../lib/strings.fr.ts';
import { ConsoleView } from './console-view.ts';
import type { CodeEditor } from './editor.ts';
import { createServerForm } from './server-form.ts';
import { currentServer, SERVER_CHANGE } from './server-setting.ts';
import type { StepView } from './step-view.ts';
import { fingerprint, loadCode, saveCode } from './storage.ts';
import type { TimelineView } from './timeline-view.ts';

type Session = typeof import('./session.ts');
let session: Promise<Session> | undefined;
/** The runner and the run's views, fetched once per page on first need (see session.ts). */
const loadSession = (): Promise<Session> => (session ??= import('./session.ts'));

let instances = 0;

type Views = { timeline: TimelineView; steps: StepView; loaded: Session };

type ButtonName = 'run' | 'step' | 'next' | 'stop' | 'reset' | 'solution';

/** See the module comment. */
export class PlaygroundElement extends HTMLElement {
  #editor?: CodeEditor;
  #mounting?: Promise<void>;
  /** The code as shown (with the current server's address). */
  #code = '';
  #server = '';
  #run?: RunHandle;
  #console!: ConsoleView;
  #narration!: HTMLElement;
  #timelineRoot!: HTMLElement;
  /** Created with the session, on first interaction. */
  #views?: Promise<Views>;
  /** The same views once built: a run's events only arrive after that. */
  #built?: Views;
  /** Counts starts, so that a start overtaken while it loaded gives way to the newer one. */
  #starts = 0;
  /** The editor marks the run's first error at its line. */
  #marked = false;
  #status!: HTMLElement;
  #older!: HTMLElement;
  #verdict!: HTMLElement;
  #buttons!: Record<ButtonName, HTMLButtonElement>;

  connectedCallback() {
    if (this.#status) return;
    const n = ++instances;
    this.#server = currentServer();
    const saved = loadCode(this.snippetId);
    this.#code = saved ? rewriteServer(saved.code, this.#server) : this.#original;
    this.#build(n);
    this.#older.hidden = !saved || saved.origin === fingerprint(this.dataset.code ?? '');
    // Monaco (about 1 MB gzipped) loads when the learner reaches for a playground: pointer,
    // touch or keyboard focus. A reader who only scrolls past downloads none of it.
    const mount = () => {
      void this.#mount();
      // A failure here is reported by start(), which tries again.
      this.#session().catch(() => {});
    };
    for (const type of ['pointerenter', 'pointerdown', 'touchstart', 'focusin']) {
      this.addEventListener(type, mount, { once: true, passive: true });
    }
    // Saved edits differ from the static block: show them in the editor as soon as they are in view.
    if (saved) this.#mountWhenVisible();
    addEventListener(SERVER_CHANGE, () => this.#changeServer());
  }

  /** The snippet's id (`client/ouvrir-la-connexion#2`). */
  get snippetId(): string {
    return this.dataset.id ?? '';
  }

  /** The code as the learner sees it in the editor. */
  get code(): string {
    return this.#editor?.getCode() ?? this.#code;
  }

  get #original(): string {
    return rewriteServer(this.dataset.code ?? '', this.#server);
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
    toolbar.append(createServerForm());
    this.#status = document.createElement('p');
    this.#status.className = 'ws-status';
    this.#status.setAttribute('role', 'status');
    toolbar.append(this.#status);

    this.#older = document.createElement('p');
    this.#older.className = 'ws-older not-content';
    this.#older.textContent = ui.savedOlder;

    // StepView fills it in once loaded; until then it takes no room.
    this.#narration = document.createElement('div');
    this.#narration.className = 'ws-narration not-content';
    this.#narration.hidden = true;

    const output = document.createElement('div');
    output.className = 'ws-output not-content';
    const consoleId = `ws-console-${n}`;
    const timelineId = `ws-timeline-${n}`;
    // Panels are not landmarks: a lesson may hold many playgrounds, each with its console.
    output.innerHTML = `<div class="ws-panel"><p class="ws-panel-title" id="${consoleId}-title"></p><div class="ws-console" id="${consoleId}" role="log" aria-live="polite" tabindex="0" aria-labelledby="${consoleId}-title"><ol class="ws-lines"></ol></div></div><div class="ws-panel"><p class="ws-panel-title" id="${timelineId}-title"></p><div class="ws-timeline" id="${timelineId}" tabindex="0" role="group" aria-labelledby="${timelineId}-title"></div></div>`;
    output.querySelector(`#${consoleId}-title`)!.textContent = ui.console;
    output.querySelector(`#${timelineId}-title`)!.textContent = ui.timeline;
    this.#console = new ConsoleView(output.querySelector('.ws-console .ws-lines')!, ui.truncated);
    this.#console.clear(ui.emptyConsole);
    this.#timelineRoot = output.querySelector('.ws-timeline')!;
    const placeholder = document.createElement('p');
    placeholder.className = 'ws-placeholder';
    placeholder.textContent = ui.emptyTimeline;
    this.#timelineRoot.append(placeholder);
    this.#verdict = document.createElement('p');
    this.#verdict.className = 'ws-verdict not-content';
    this.#verdict.setAttribute('role', 'status');
    this.#verdict.hidden = true;

    const hint = document.createElement('p');
    hint.className = 'ws-hint not-content';
    hint.textContent = ui.editorHint;
    (staticCode ?? this.firstChild)?.after(hint, this.#older, toolbar, this.#narration, output, this.#verdict);
    this.#setRunning(false);
  }

  #mountWhenVisible() {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      void this.#mount();
    });
    observer.observe(this);
  }

  /** Loads the runner and builds the run's views, once. */
  #session() {
    this.#views ??= loadSession().then((session) => {
      void session.prepareSandbox();
      const timeline = new session.TimelineView(this.#timelineRoot);
      timeline.clear();
      this.#built = { timeline, steps: new session.StepView(this.#narration), loaded: session };
      return this.#built;
    });
    return this.#views;
  }

  async #mount(): Promise<void> {
    this.#mounting ??= (async () => {
      const staticCode = this.querySelector<HTMLElement>(':scope > .expressive-code');
      const container = document.createElement('div');
      container.className = 'ws-editor not-content';
      staticCode?.before(container);
      this.setAttribute('aria-busy', 'true');
      this.#status.textContent = ui.loadingEditor;
      // editor.ts pulls in Monaco and acorn: none of it belongs in the page's first load. Monaco
      // is requested together with editor.ts, not after it: one round trip instead of two.
      const [{ createEditor }] = await Promise.all([import('./editor.ts'), import('./monaco.ts')]);
      this.#editor = await createEditor(container, this.#code, `${ui.editorLabel}. ${ui.editorHint}.`);
      if (staticCode) staticCode.hidden = true;
      this.removeAttribute('aria-busy');
      if (this.#status.textContent === ui.loadingEditor) this.#status.textContent = '';
      this.dataset.ready = 'true';
      this.#editor.onChange((code) => this.#save(code));
      this.#editor.onRun(() => void this.start(false));
    })();
    return this.#mounting;
  }

  /** Saves in the lesson's form (`ws://localhost:8080`), so a later change of server still applies. */
  #save(code: string) {
    this.#code = code;
    const lesson = lessonForm(code, this.#server);
    saveCode(this.snippetId, lesson === this.dataset.code ? undefined : { code: lesson, origin: fingerprint(this.dataset.code ?? '') });
  }

  #changeServer() {
    const next = currentServer();
    if (next === this.#server) return;
    const code = rewriteServer(lessonForm(this.#editor?.getCode() ?? this.#code, this.#server), next);
    this.#server = next;
    this.#setCode(code);
  }

  #reset() {
    this.#setCode(this.#original);
    saveCode(this.snippetId, undefined);
    this.#older.hidden = true;
  }

  #loadSolution() {
    this.#setCode(rewriteServer(this.dataset.solution ?? '', this.#server));
  }

  #setCode(code: string) {
    this.#code = code;
    if (this.#editor) this.#editor.setCode(code);
    else void this.#mount();
  }

  /** Runs the current code; `step` holds each socket event until « Suivant ». */
  async start(step: boolean) {
    this.#run?.stop();
    this.#run = undefined;
    const code = this.#editor?.getCode() ?? this.#code;
    this.#console.clear();
    this.#verdict.hidden = true;
    this.#editor?.highlight(undefined);
    this.#editor?.markError(undefined);
    this.#marked = false;
    const started = ++this.#starts;
    let views: Views;
    try {
      // Once loaded, this is an already settled promise: no task, no fetch between click and run.
      views = this.#built ?? (await this.#session());
    } catch {
      // A lost connection to the course server: say so, and let the next click try again.
      session = this.#views = undefined;
      if (started === this.#starts) this.#console.add('error', ui.loadFailed);
      return;
    }
    if (started !== this.#starts) return;
    const { timeline, steps, loaded } = views;
    const { findSyntaxError, prepareForRun, run } = loaded;
    timeline.clear();
    const problem = findSyntaxError(code);
    if (problem) {
      this.#console.add('error', ui.syntaxError(problem.line, problem.message));
      steps.reset(false);
      this.#setRunning(false);
      return;
    }
    steps.reset(step);
    this.#setRunning(true, step);
    const handle = run(prepareForRun(code), { step, check: this.dataset.check }, (event) => this.#show(event));
    this.#run = handle;
    void handle.ended.then(() => {
      if (this.#run !== handle) return;
      this.#run = undefined;
      this.#setRunning(false, step);
      this.#editor?.highlight(undefined);
    });
  }

  #show(event: RunEvent) {
    switch (event.type) {
      case 'console':
        return this.#console.add(event.level, event.text, event.t);
      case 'exception':
        // The first error only: it is the one to fix first, and a flood of them must not redraw the editor.
        if (event.line && !this.#marked) this.#editor?.markError({ line: event.line, column: event.column, message: `${event.name}: ${event.message}` });
        this.#marked ||= !!event.line;
        return this.#console.add('error', ui.exception(event.name, event.message, event.line), event.t);
      case 'dropped':
        // Not 'system': the one `.ws-system` line of a run is its end (e2e/snippets.spec.ts waits for it).
        // One line per run, updated as the count grows.
        return this.#console.note('dropped', ui.dropped(event.count, MAX_RUN_MESSAGES), event.t);
      case 'end':
        this.#console.add('system', ui.ended[event.reason], event.t);
        this.dispatchEvent(new CustomEvent('ws-snippet-ran', { bubbles: true, detail: { id: this.snippetId, reason: event.reason } }));
        return;
      case 'check':
        this.#verdict.hidden = false;
        this.#verdict.dataset.ok = String(event.ok);
        this.#verdict.textContent = event.ok ? `${ui.checkPassed} ${this.dataset.success ?? ''}` : `${ui.checkFailed} ${event.message}`;
        if (event.ok) this.dispatchEvent(new CustomEvent('ws-exercise-passed', { bubbles: true, detail: { id: this.snippetId } }));
        return;
      case 'held':
        this.#built!.steps.held(event);
        return this.#showHead();
      case 'deliver':
        this.#built!.steps.delivered();
        return this.#showHead();
      default:
        return this.#built!.timeline.add(event);
    }
  }

  /** « Pas à pas »: highlights the handler « Suivant » will run, and enables « Suivant » while something waits. */
  #showHead() {
    const head = this.#built?.steps.head;
    this.#buttons.next.disabled = !head || !this.#run;
    this.#editor?.highlight(head?.handler);
  }

  #setRunning(running: boolean, step = false) {
    this.#buttons.stop.disabled = !running;
    this.#buttons.next.disabled = true;
    this.#buttons.next.hidden = !step;
    this.dataset.running = String(running);
    if (running) this.#status.textContent = ui.running;
    else if (this.#status.textContent === ui.running) this.#status.textContent = '';
  }
}
