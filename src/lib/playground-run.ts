/**
 * Runs one playground's code and tells its screen what happened, without any DOM: « Exécuter »,
 * « Pas à pas » / « Suivant », « Arrêter ». The element implements RunScreen on its markup;
 * the unit tests implement it with a recorder.
 */
import type { EndReason, RunEvent, SocketEvent } from './events.ts';
import type { RunHandle, RunOptions } from './runner.ts';
import { MAX_RUN_MESSAGES } from './sandbox/budget.ts';
import { ui } from './strings.fr.ts';
import type { SyntaxProblem } from './syntax.ts';

type Held = Extract<RunEvent, { type: 'held' }>;

/** What a run needs, loaded on first use (the runner and the parser). */
export interface RunTools {
  findSyntaxError(code: string): SyntaxProblem | undefined;
  prepareForRun(code: string): string;
  run(code: string, options: RunOptions, onEvent: (event: RunEvent) => void): RunHandle;
}

/** Where a run shows itself. */
export interface RunScreen {
  /** Before a run: an empty console and timeline, no verdict, no highlight, no error mark. */
  clear(): void;
  print(level: string, text: string, t?: number): void;
  /** One line per run, its text updated each time. */
  note(level: string, text: string, t?: number): void;
  markError(error: { line: number; column?: number; message: string }): void;
  verdict(ok: boolean, text: string): void;
  timeline(event: SocketEvent): void;
  /** « Pas à pas »: shown (active) or hidden, and emptied. */
  resetSteps(active: boolean): void;
  /** An event now waits for « Suivant », or (undefined) the first waiting one was delivered; returns the new head. */
  step(held: Held | undefined): Held | undefined;
  /** Highlights the handler « Suivant » will run (undefined clears). */
  highlight(handler: string | undefined): void;
  setRunning(running: boolean, step: boolean): void;
  canStepNext(enabled: boolean): void;
  ended(reason: EndReason): void;
  passed(): void;
}

/** See the module comment. */
export class RunController {
  readonly #screen: RunScreen;
  readonly #load: () => Promise<RunTools>;
  #run?: RunHandle;
  /** Counts starts, so that a start overtaken while it loaded gives way to the newer one. */
  #starts = 0;
  /** The editor marks the run's first error only: a flood of them must not redraw it. */
  #marked = false;
  #success = '';

  constructor(screen: RunScreen, load: () => Promise<RunTools>) {
    this.#screen = screen;
    this.#load = load;
  }

  get running(): boolean {
    return this.#run !== undefined;
  }

  /** Runs `code`; `step` holds each socket event until next(). Resolves once the run has started (or could not). */
  async start(code: string, options: { step: boolean; check?: string; success?: string }): Promise<void> {
    const { step } = options;
    this.#run?.stop();
    this.#run = undefined;
    this.#screen.clear();
    this.#marked = false;
    this.#success = options.success ?? '';
    const started = ++this.#starts;
    let tools: RunTools;
    try {
      tools = await this.#load();
    } catch {
      // A lost connection to the course server: say so; the next click tries again.
      if (started === this.#starts) this.#screen.print('error', ui.loadFailed);
      return;
    }
    if (started !== this.#starts) return;
    const problem = tools.findSyntaxError(code);
    if (problem) {
      this.#screen.print('error', ui.syntaxError(problem.line, problem.message));
      this.#screen.resetSteps(false);
      this.#screen.setRunning(false, false);
      return;
    }
    this.#screen.resetSteps(step);
    this.#screen.setRunning(true, step);
    this.#screen.canStepNext(false);
    const handle = tools.run(tools.prepareForRun(code), { step, check: options.check }, (event) => this.#show(event));
    this.#run = handle;
    void handle.ended.then(() => {
      if (this.#run !== handle) return;
      this.#run = undefined;
      this.#screen.setRunning(false, step);
      this.#screen.canStepNext(false);
      this.#screen.highlight(undefined);
    });
  }

  /** « Suivant ». */
  next(): void {
    this.#run?.next();
  }

  /** « Arrêter ». */
  stop(): void {
    this.#run?.stop();
  }

  #show(event: RunEvent): void {
    const screen = this.#screen;
    switch (event.type) {
      case 'console':
        return screen.print(event.level, event.text, event.t);
      case 'exception':
        if (event.line && !this.#marked) screen.markError({ line: event.line, column: event.column, message: `${event.name}: ${event.message}` });
        this.#marked ||= !!event.line;
        return screen.print('error', ui.exception(event.name, event.message, event.line), event.t);
      case 'dropped':
        // Not 'system': the one `.ws-system` line of a run is its end (the e2e page sessions wait for it).
        return screen.note('dropped', ui.dropped(event.count, MAX_RUN_MESSAGES), event.t);
      case 'end':
        screen.print('system', ui.ended[event.reason], event.t);
        return screen.ended(event.reason);
      case 'check':
        screen.verdict(event.ok, event.ok ? `${ui.checkPassed} ${this.#success}` : `${ui.checkFailed} ${event.message}`);
        if (event.ok) screen.passed();
        return;
      case 'held':
        return this.#showHead(screen.step(event));
      case 'deliver':
        return this.#showHead(screen.step(undefined));
      default:
        return screen.timeline(event);
    }
  }

  /** Highlights the handler « Suivant » will run, and enables « Suivant » while something waits. */
  #showHead(head: Held | undefined): void {
    this.#screen.canStepNext(!!head && !!this.#run);
    this.#screen.highlight(head?.handler);
  }
}
