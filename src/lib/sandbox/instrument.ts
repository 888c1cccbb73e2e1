/**
 * What the sandbox wraps around learner code, wherever it runs: a run worker (worker.ts) or a
 * page document in « Aperçu » (page-host.ts). It traces WebSocket, forwards console output,
 * reports errors at the learner's own line, counts what keeps the run alive (sockets, timers,
 * fetches) and holds socket events for « Pas à pas ». Everything it sends goes through the run's
 * budget, so both kinds of run emit the same events under the same limits.
 */
import type { RunEvent } from '../events.ts';
import { createActivity } from './activity.ts';
import { clipEvent, createBudget } from './budget.ts';
import { wrapFetch } from './fetches.ts';
import { formatArgs } from './format.ts';
import type { WorkerToHost } from './protocol.ts';
import { lineOf, sourceLine } from './protocol.ts';
import { thrownBy } from './refusals.ts';
import { nativeTimers, wrapTimers } from './timers.ts';
import { createTracedWebSocket } from './traced-websocket.ts';
import type { Scope } from './scope.ts';
import type { TraceRequest } from './trace-url.ts';

export type { Scope } from './scope.ts';

/** How long nothing must be pending before a run is over (see the activity's scheduler below). */
const IDLE_CONFIRM_MS = 15;
/** How often the host hears that the event loop is alive; a busy loop stops these. */
const HEARTBEAT_MS = 200;

/** Wraps `scope`'s globals for one run; `send` reaches the host, `fromSnippet` tells the learner's file in error events. */
export function instrument(scope: Scope, send: (message: WorkerToHost) => void, fromSnippet: (filename: string) => boolean) {
  // Keep the real timers: the learner's are wrapped, ours must not count as their work.
  const natives = nativeTimers(scope);
  const { nativeSetTimeout, nativeSetInterval } = natives;
  /** When the current run began: a spare worker may have waited idle before it (see host.ts). */
  let start = performance.now();
  /** The run's budget (see budget.ts): a flood stops here, before it crosses into the page. */
  const budget = createBudget();
  /** The count of dropped events the host last heard of. */
  let reported = 0;

  /** Tells the host how many events the budget has dropped, when that changed. */
  function flushDropped() {
    if (budget.dropped === reported) return;
    reported = budget.dropped;
    send({ kind: 'event', event: { type: 'dropped', count: reported, t: now() } });
  }

  function now() {
    return Math.round(performance.now() - start);
  }

  function emit(event: Omit<RunEvent, 't'> | RunEvent) {
    const timed = { ...event, t: now() } as RunEvent;
    if (budget.admit(timed)) return send({ kind: 'event', event: clipEvent(timed) });
    // Said at the first drop, then each time the count doubles: a loop that never yields to the
    // heartbeat still reports about how much it lost, in a few dozen messages at most.
    if (budget.dropped >= 2 * reported) flushDropped();
  }

  // Tells the host the event loop is alive; a busy loop stops these and the watchdog ends the run.
  nativeSetInterval(() => {
    flushDropped();
    send({ kind: 'alive' });
  }, HEARTBEAT_MS);

  let finished = false;
  const activity = createActivity(() => {
    if (finished) return;
    // The learner must learn how much was dropped before the run's end line.
    flushDropped();
    send({ kind: 'idle' });
    // Not a zero delay: a promise rejected without catch is reported by an `unhandledrejection`
    // event in a task of its own, which must reach the console before the run's end line.
  }, (fn) => nativeSetTimeout(fn, IDLE_CONFIRM_MS));

  // « Pas à pas »: socket events wait here until the learner clicks « Suivant ».
  let stepping = false;
  const held: Array<() => void> = [];
  /** « Trames »: set when the page traces this run. */
  let trace: TraceRequest | undefined;
  /** The lines of the code being run, so that an error can quote its own. */
  let runLines: string[] = [];

  function reportError(error: unknown, fallbackLine?: number, fallbackColumn?: number, rejected = false) {
    const err = error instanceof Error || error instanceof DOMException ? error : null;
    const where = err?.stack ? lineOf(err.stack) : undefined;
    const name = err?.name ?? 'Error';
    const line = where?.line ?? fallbackLine;
    emit({
      type: 'exception',
      // As the browser's console says « Uncaught (in promise) »: the learner must see why no catch ran.
      name: rejected ? `${name} (promesse rejetée sans catch)` : name,
      message: err ? err.message : formatArgs([error]),
      line,
      column: where?.column ?? fallbackColumn,
      source: line === undefined ? undefined : sourceLine(runLines, line),
      thrownBy: thrownBy(error),
    });
  }

  scope.addEventListener('error', (event: ErrorEvent) => {
    event.preventDefault();
    const mine = fromSnippet(event.filename ?? '');
    reportError(event.error ?? event.message, mine ? event.lineno : undefined, mine ? event.colno : undefined);
  });
  scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
    event.preventDefault();
    reportError(event.reason, undefined, undefined, true);
  });

  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[level] = (...args: unknown[]) => emit({ type: 'console', level, text: formatArgs(args) });
  }

  const traced = createTracedWebSocket(scope.WebSocket as typeof WebSocket, {
    report: emit,
    opened: () => activity.add('socket'),
    closed: () => activity.done('socket'),
    trace: () => trace,
    gate(socket, event, deliver, info) {
      if (finished) return;
      if (!stepping) return deliver();
      activity.add('held');
      const { preview, handler, handlerName } = info();
      held.push(() => {
        emit({ type: 'deliver', socket, event, handler: info().handler });
        deliver();
        activity.done('held');
      });
      emit({ type: 'held', socket, event, pending: held.length, preview, handler, handlerName });
    },
  });
  scope.WebSocket = traced.TracedWebSocket;

  wrapTimers(scope, activity, natives);
  wrapFetch(scope, activity);

  return {
    activity,
    emit,
    reportError,
    /** A run of `code` begins: times count from now; `step` holds socket events until `next()`; `tracing` is « Trames »'s. */
    begin(step: boolean, code = '', tracing?: TraceRequest) {
      start = performance.now();
      stepping = step;
      runLines = code.split('\n');
      trace = tracing;
    },
    /** Delivers the next held event (« Pas à pas »). */
    next() {
      held.shift()?.();
    },
    /** The run is over: nothing more is delivered, and its sockets are closed by us (terminate() alone can leave them open for seconds). */
    stop() {
      flushDropped();
      finished = true;
      held.length = 0;
      traced.closeAll();
    },
  };
}

/** The instrumented scope of one run (see instrument). */
export type Instrumented = ReturnType<typeof instrument>;
