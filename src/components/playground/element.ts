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
import type { ConsoleView } from './console-view.ts';
import type { CodeEditor } from './editor.ts';
import { buildPlayground, mountEditor, whenVisible, type ButtonName } from './playground-dom.ts';
import { currentServer, SERVER_CHANGE } from './server-setting.ts';
import type { StepView } from './step-view.ts';
import { fingerprint, loadCode, saveCode } from './storage.ts';
import type { TimelineView } from './timeline-view.ts';
import { attachTypingLayer, type TypingLayer } from './typing-layer.ts';

type Session = typeof import('./session.ts');
let session: Promise<Session> | undefined;
/** The runner and the run's views, fetched once per page on first need (see session.ts). */
const loadSession = (): Promise<Session> => (session ??= import('./session.ts'));

let instances = 0;

type Views = { timeline: TimelineView; steps: StepView; loaded: Session };

/** See the module comment. */
export class PlaygroundElement extends HTMLElement {
  #editor?: CodeEditor;
  /** The static code, editable until Monaco takes over (typing-layer.ts). */
  #layer?: TypingLayer;
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
    const parts = buildPlayground(this, n, {
      run: () => void this.start(false),
      step: () => void this.start(true),
      next: () => this.#run?.next(),
      stop: () => this.#run?.stop(),
      reset: () => this.#reset(),
      solution: () => this.#loadSolution(),
    });
    ({ buttons: this.#buttons, status: this.#status, older: this.#older, narration: this.#narration } = parts);
    ({ console: this.#console, timelineRoot: this.#timelineRoot, verdict: this.#verdict } = parts);
    this.#setRunning(false);
    this.#older.hidden = !saved || saved.origin === fingerprint(this.dataset.code ?? '');
    this.#layer = attachTypingLayer(this, this.#code, `${ui.editorLabel}. ${ui.editorHint}.`, { change: (code) => this.#save(code), run: () => void this.start(false) });
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
    if (saved) whenVisible(this, () => void this.#mount());
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
    this.#mounting ??= mountEditor(this, () => this.#code, this.#status, this.#layer).then((editor) => {
      this.#editor = editor;
      editor.onChange((code) => this.#save(code));
      editor.onRun(() => void this.start(false));
    });
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
    else {
      this.#layer?.setText(code);
      void this.#mount();
    }
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
        // Not 'system': the one `.ws-system` line of a run is its end (the e2e page sessions wait for it).
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
