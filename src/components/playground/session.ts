/**
 * What a playground needs only once the learner reaches for it: the runner and the views that
 * tell a run's story (with their French sentences and close-code explanations), and the parser
 * that checks the code first (the editor needs it too, at the same moment). element.ts
 * imports this module on first interaction, so a page read without touching a playground
 * downloads none of it.
 */
export { prepareSandbox, run } from '../../lib/runner.ts';
export { runSnippet } from './run-snippet.ts';
export { findSyntaxError, prepareForRun } from '../../lib/syntax.ts';
export { StepView } from './step-view.ts';
export { TimelineView } from './timeline-view.ts';
export { FramesView } from './frames-view.ts';
