/** Runs a playground's code where its snippet belongs: a page snippet in « Aperçu », any other in a worker. */
import type { RunEvent } from '../../lib/events.ts';
import { runPage } from '../../lib/page-runner.ts';
import { run, type RunHandle, type RunOptions } from '../../lib/runner.ts';
import { previewFor } from './preview-view.ts';

/** `host` is the <ws-playground>: its `data-html` (and `data-css`) make it a page snippet (see snippets.ts). */
export function runSnippet(host: HTMLElement, code: string, options: RunOptions, onEvent: (event: RunEvent) => void): RunHandle {
  const { html, css } = host.dataset;
  if (html === undefined) return run(code, options, onEvent);
  return runPage({ code, html, css }, options, onEvent, previewFor(host));
}
