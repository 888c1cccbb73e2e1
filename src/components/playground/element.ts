/**
 * <ws-playground>: the behaviour of a playground whose markup is in the page (rendered at build
 * time by src/build/remark-playground.ts): an editor in place of the static block, « Exécuter »,
 * « Pas à pas », the output tabs. The static block stays until the editor is ready, and
 * « Exécuter » works even before that. The logic lives in src/lib (playground-code.ts,
 * playground-run.ts, playground-tabs.ts); this element wires it to the markup.
 *
 * Hooks for other modules:
 * - `panels`: the roots of the output panels by name (`console`, `lifecycle`, `preview`,
 *   `frames`), each the `[role=tabpanel][data-panel=NAME]` element; a module renders into
 *   `panels.preview` / `panels.frames` (replacing the `.ws-placeholder` there);
 * - `selectTab(name, { remember? })`: shows a panel (e.g. « Aperçu » when a page arrives);
 * - `code` (the code in the editor), `snippetId`;
 * - a snippet that builds a page carries `data-page` (build time): it then opens on « Aperçu »;
 * - « Trames »: a FramesView (frames-view.ts) renders into `panels.frames`; each run first asks it
 *   for the page's trace token (`begin`), which the run's sockets to the course server carry;
 * - events (bubbling, `detail.id`): `ws-snippet-ran` when a run ends (`detail.reason`),
 *   `ws-exercise-passed` when an exercise's check passes.
 */
import { PlaygroundCode } from '../../lib/playground-code.ts';
import { RunController, type RunTools } from '../../lib/playground-run.ts';
import type { PanelName } from '../../lib/playground-tabs.ts';
import { ui } from '../../lib/strings.fr.ts';
import type { CodeEditor } from './editor.ts';
import type { FramesView } from './frames-view.ts';
import { findParts, mountEditor, whenVisible, type PlaygroundParts } from './parts.ts';
import { createRunScreen, type SessionViews } from './run-screen.ts';
import { bindServerForm } from './server-form.ts';
import { currentServer, SERVER_CHANGE } from './server-setting.ts';
import { localCodeStore } from './storage.ts';
import { OutputTabs } from './tabs.ts';
import { attachTypingLayer, type TypingLayer } from './typing-layer.ts';

type Session = typeof import('./session.ts');
let session: Promise<Session> | undefined;
/** The runner and the run's views, fetched once per page on first need (see session.ts). */
const loadSession = (): Promise<Session> => (session ??= import('./session.ts'));

/** See the module comment. */
export class PlaygroundElement extends HTMLElement {
  #parts?: PlaygroundParts;
  #code!: PlaygroundCode;
  #editor?: CodeEditor;
  /** The static code, editable until Monaco takes over (typing-layer.ts). */
  #layer?: TypingLayer;
  #mounting?: Promise<void>;
  #tabs!: OutputTabs;
  #run!: RunController;
  /** Created with the session, on first interaction. */
  #views?: Promise<SessionViews & { tools: RunTools; frames: FramesView }>;
  /** The same views once built: a run's events only arrive after that. */
  #built?: SessionViews;

  connectedCallback() {
    if (this.#parts) return;
    const parts = (this.#parts = findParts(this));
    this.#code = new PlaygroundCode({
      id: this.snippetId,
      lesson: this.dataset.code ?? '',
      solution: this.dataset.solution,
      server: currentServer(),
      store: localCodeStore,
    });
    const typed = { change: (code: string) => this.#code.edited(code), run: () => void this.start(false) };
    this.#layer = attachTypingLayer(this, this.#code.code, `${ui.editorLabel}. ${ui.editorHint}.`, typed);
    this.#tabs = new OutputTabs(parts.tabs, parts.panels, this.hasAttribute('data-page'));
    bindServerForm(parts.settings);
    const screen = createRunScreen(this, parts, () => this.#editor, () => this.#built, () => this.snippetId);
    this.#run = new RunController(screen, () => this.#session().then((views) => views.tools));
    const on = (button: HTMLButtonElement | null, action: () => void) => button?.addEventListener('click', action);
    on(parts.buttons.run, () => void this.start(false));
    on(parts.buttons.step, () => void this.start(true));
    on(parts.buttons.next, () => this.#run.next());
    on(parts.buttons.stop, () => this.#run.stop());
    on(parts.buttons.reset, () => this.#reset());
    on(parts.buttons.solution, () => this.#toggleSolution());
    parts.older.hidden = !this.#code.older;
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
    if (this.#code.restored) whenVisible(this, () => void this.#mount());
    addEventListener(SERVER_CHANGE, () => this.#setCode(this.#code.changeServer(currentServer())));
  }

  /** The snippet's id (`client/ouvrir-la-connexion#2`). */
  get snippetId(): string {
    return this.dataset.id ?? '';
  }

  /** The code as the learner sees it in the editor. */
  get code(): string {
    return this.#editor?.getCode() ?? this.#code.code;
  }

  /** The output panels' roots, by name (see the module comment). */
  get panels(): Record<PanelName, HTMLElement> {
    return this.#parts!.panels;
  }

  /** Shows output panel `name`; `remember` keeps it as the learner's choice of tab. */
  selectTab(name: PanelName, how: { remember?: boolean } = {}): void {
    this.#tabs.select(name, how);
  }

  /** Runs the current code; `step` holds each socket event until « Suivant ». */
  async start(step: boolean): Promise<void> {
    const code = this.code;
    // « Trames »: settled at once once the trace channel is open (see FramesView.begin).
    const trace = await this.#session().then((views) => views.frames.begin(currentServer()), () => undefined);
    return this.#run.start(code, { step, check: this.dataset.check, success: this.dataset.success, trace });
  }

  /** Loads the runner and builds the run's views, once; a failed load is forgotten, so the next click retries. */
  #session() {
    this.#views ??= loadSession().then(
      (loaded) => {
        void loaded.prepareSandbox();
        const timeline = new loaded.TimelineView(this.#parts!.timelineRoot);
        timeline.clear();
        this.#built = { timeline, steps: new loaded.StepView(this.#parts!.narration) };
        const frames = new loaded.FramesView(this.#parts!.panels.frames);
        frames.prepare(currentServer());
        // A page snippet (`data-html`) runs as a document in « Aperçu » (run-snippet.ts), any other in a worker.
        return { ...this.#built, tools: { ...loaded, run: loaded.runSnippet.bind(undefined, this) }, frames };
      },
      (error: unknown) => {
        session = this.#views = undefined;
        throw error;
      },
    );
    return this.#views;
  }

  async #mount(): Promise<void> {
    this.#mounting ??= mountEditor(this, () => this.#code.code, this.#parts!.status, this.#layer).then((editor) => {
      this.#editor = editor;
      editor.onChange((code) => this.#code.edited(code));
      editor.onRun(() => void this.start(false));
      // « Pas à pas » clicked first: its first held event came before the editor could show it.
      editor.highlight(this.#built?.steps.head?.handler);
    });
    return this.#mounting;
  }

  #reset() {
    this.#setCode(this.#code.reset());
    this.#showSolutionState();
    this.#parts!.older.hidden = true;
  }

  /** « Voir la solution » / « Revenir à mon code »: the attempt is kept aside, never lost. */
  #toggleSolution() {
    this.#setCode(this.#code.toggleSolution());
    this.#showSolutionState();
  }

  #showSolutionState() {
    const button = this.#parts!.buttons.solution;
    if (!button) return;
    const shown = this.#code.showingSolution;
    button.textContent = shown ? ui.backToMine : ui.showSolution;
    this.#parts!.status.textContent = shown ? ui.showingSolution : '';
  }

  /** Shows `code` in the editor, or mounts the editor, which reads it once Monaco has loaded. */
  #setCode(code: string) {
    // The editor's change event tells #code, which knows whether the code is the attempt or the solution.
    if (this.#editor) this.#editor.setCode(code);
    else {
      this.#layer?.setText(code);
      void this.#mount();
    }
  }
}
