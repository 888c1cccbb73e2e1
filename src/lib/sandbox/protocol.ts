/** Messages between the page, the sandbox host (iframe) and the run's worker. */
import type { EndReason, RunEvent } from '../events.ts';
import type { TraceRequest } from './trace-url.ts';
import type { PageSnapshot } from './page-snapshot.ts';

/** The name learner code gets in stack traces, so errors can point to its lines. */
export const SNIPPET_FILE = 'snippet.js';

/** What prepareForRun (syntax.ts) puts before the first line of code that awaits at top level. */
export const TOP_LEVEL_AWAIT_OPENING = '(async () => {';

/** Page → sandbox host. */
export type PageToHost =
  | { kind: 'run'; run: number; code: string; step: boolean; check?: string; timeoutMs: number; trace?: TraceRequest }
  | { kind: 'next'; run: number }
  | { kind: 'stop'; run: number };

/** Sandbox host → page. */
export type HostToPage =
  | { kind: 'ready' }
  /** The heartbeat: the page recreates a frame that stops sending it (see runner.ts). */
  | { kind: 'alive' }
  /** The run was received and started: from now on it lives or dies with the frame. */
  | { kind: 'started'; run: number }
  | { kind: 'event'; run: number; event: RunEvent };

/** Sandbox host → worker. */
export type HostToWorker = { kind: 'run'; code: string; step: boolean; trace?: TraceRequest } | { kind: 'next' } | { kind: 'stop' };

/** Worker → sandbox host. */
export type WorkerToHost = { kind: 'event'; event: RunEvent } | { kind: 'alive' } | { kind: 'idle' };

/** Finds the learner's line and column in a stack trace, if the error came from their code. */
export function lineOf(stack: string): { line: number; column: number } | undefined {
  const match = new RegExp(`${SNIPPET_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
}

/** Line `line` (1-based) of the code that ran, without the opening prepareForRun may have put before it. */
export function sourceLine(lines: string[], line: number): string | undefined {
  const text = lines[line - 1];
  if (text === undefined) return undefined;
  const wrapped = line === 1 && text.startsWith(TOP_LEVEL_AWAIT_OPENING) && lines.at(-1) === '})();';
  return (wrapped ? text.slice(TOP_LEVEL_AWAIT_OPENING.length) : text).trim();
}

export type { EndReason };

/** Page → the frame of a page snippet (« Aperçu », see page-runner.ts). */
export type PageToFrame =
  | { kind: 'run'; code: string; html: string; css: string; step: boolean; trace?: TraceRequest }
  | { kind: 'next' }
  | { kind: 'stop' }
  | { kind: 'snapshot' };

/** The frame of a page snippet → page: what a run worker says, plus its readiness and its page. */
export type FrameToPage = WorkerToHost | { kind: 'ready' } | { kind: 'stopped' } | { kind: 'snapshot'; page: PageSnapshot };
