/**
 * The RunScreen (src/lib/playground-run.ts) of one playground, on its markup: console, verdict,
 * timeline, « Pas à pas », toolbar buttons and the editor's marks. The timeline and the step
 * views arrive with the session, on first interaction; a run's events only come after that.
 */
import type { RunScreen } from '../../lib/playground-run.ts';
import { ui } from '../../lib/strings.fr.ts';
import type { CodeEditor } from './editor.ts';
import type { PlaygroundParts } from './parts.ts';
import type { StepView } from './step-view.ts';
import type { TimelineView } from './timeline-view.ts';

/** The views the session builds. */
export interface SessionViews {
  timeline: TimelineView;
  steps: StepView;
}

/** Builds the screen; `editor` and `views` are read at each call, since both arrive later. */
export function createRunScreen(
  host: HTMLElement,
  parts: PlaygroundParts,
  editor: () => CodeEditor | undefined,
  views: () => SessionViews | undefined,
  snippetId: () => string,
): RunScreen {
  const { buttons, verdict, status } = parts;
  const fire = (type: string, detail: Record<string, unknown>) =>
    host.dispatchEvent(new CustomEvent(type, { bubbles: true, detail: { id: snippetId(), ...detail } }));
  return {
    clear() {
      parts.console.clear();
      verdict.hidden = true;
      editor()?.highlight(undefined);
      editor()?.markError(undefined);
      views()?.timeline.clear();
    },
    print: (level, text, t) => parts.console.add(level, text, t),
    note: (level, text, t) => parts.console.note(level, text, t),
    markError: (error) => editor()?.markError(error),
    verdict(ok, text) {
      verdict.hidden = false;
      verdict.dataset.ok = String(ok);
      verdict.textContent = text;
    },
    timeline: (event) => views()?.timeline.add(event),
    resetSteps: (active) => views()?.steps.reset(active),
    step(held) {
      const steps = views()?.steps;
      if (held) steps?.held(held);
      else steps?.delivered();
      return steps?.head;
    },
    highlight: (handler) => editor()?.highlight(handler),
    setRunning(running, step) {
      buttons.stop!.disabled = !running;
      buttons.next!.hidden = !step;
      host.dataset.running = String(running);
      if (running) status.textContent = ui.running;
      else if (status.textContent === ui.running) status.textContent = '';
    },
    canStepNext: (enabled) => void (buttons.next!.disabled = !enabled),
    ended: (reason) => fire('ws-snippet-ran', { reason }),
    passed: () => fire('ws-exercise-passed', {}),
  };
}
