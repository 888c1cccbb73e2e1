/**
 * The worker that runs one learner snippet. It traces WebSocket, forwards console output,
 * reports errors at the learner's own line, and tells the host when nothing is left to happen.
 * One worker per run: each run starts fresh, and `terminate()` stops any infinite loop.
 */
import type { RunEvent } from '../events.ts';
import { createActivity } from './activity.ts';
import { clipEvent, createBudget } from './budget.ts';
import { formatArgs } from './format.ts';
import { createTracedWebSocket, thrownBy } from './traced-websocket.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';
import type { TraceRequest } from './trace-url.ts';
import { SNIPPET_FILE, lineOf, sourceLine } from './protocol.ts';

type Timer = (fn: () => void, ms?: number) => number;
type Clear = (id: number) => void;
/** The worker's global scope; loosely typed because this file wraps its globals. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const scope = self as unknown as Record<string, any> & {
  postMessage(message: unknown): void;
  addEventListener(type: string, listener: (event: any) => void): void;
};
// Keep the real timers: the learner's are wrapped, ours must not count as their work.
const nativeSetTimeout = (scope.setTimeout as Timer).bind(scope);
const nativeSetInterval = (scope.setInterval as Timer).bind(scope);
const nativeClearTimeout = (scope.clearTimeout as Clear).bind(scope);
const nativeClearInterval = (scope.clearInterval as Clear).bind(scope);
/** How long nothing must be pending before a run is over (see the activity's scheduler below). */
const IDLE_CONFIRM_MS = 15;
/** When the current run began: a spare worker may have waited idle before it (see host.ts). */
let start = performance.now();

/** The run's budget (see budget.ts): a flood stops here, before it crosses into the page. */
const budget = createBudget();
/** The count of dropped events the host last heard of. */
let reported = 0;

// Only this file may talk to the host: learner code could otherwise fake events (a passed check,
// the end of the run) or flood the page past the budget above.
const postToHost = scope.postMessage.bind(scope) as (message: WorkerToHost) => void;
delete (Object.getPrototypeOf(scope) as { postMessage?: unknown }).postMessage;
delete (scope as { postMessage?: unknown }).postMessage;

function send(message: WorkerToHost) {
  postToHost(message);
}

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
}, 200);

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
/** « Trames »: set by the run message when the page traces this run. */
let trace: TraceRequest | undefined;
const held: Array<() => void> = [];

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
  const fromSnippet = event.filename?.endsWith(SNIPPET_FILE);
  reportError(event.error ?? event.message, fromSnippet ? event.lineno : undefined, fromSnippet ? event.colno : undefined);
});
scope.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
  event.preventDefault();
  reportError(event.reason, undefined, undefined, true);
});

// self.close() would end the worker silently, and the watchdog would then blame an infinite loop.
scope.close = () => {
  emit({ type: 'console', level: 'warn', text: "self.close() arrête le worker : l'exécution s'arrête ici." });
  finished = true;
  held.length = 0;
  traced.closeAll();
  send({ kind: 'idle' });
};

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  console[level] = (...args: unknown[]) => emit({ type: 'console', level, text: formatArgs(args) });
}

const traced = createTracedWebSocket(WebSocket, {
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

wrapTimers();
wrapFetch();

function wrapTimers() {
  const pending = new Set<number>();
  const intervals = new Set<number>();
  scope.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    activity.add('timer');
    const id = nativeSetTimeout(() => {
      pending.delete(id);
      try {
        if (typeof fn === 'function') fn(...args);
      } finally {
        activity.done('timer');
      }
    }, ms);
    pending.add(id);
    return id;
  };
  scope.setInterval = (fn: unknown, ms?: number, ...args: unknown[]) => {
    activity.add('timer');
    const id = nativeSetInterval(() => typeof fn === 'function' && fn(...args), ms);
    intervals.add(id);
    return id;
  };
  const clear = (id: number | undefined) => {
    if (id === undefined) return;
    if (pending.delete(id) || intervals.delete(id)) {
      nativeClearTimeout(id);
      nativeClearInterval(id);
      activity.done('timer');
    }
  };
  scope.clearTimeout = clear;
  scope.clearInterval = clear;
}

function wrapFetch() {
  const nativeFetch = fetch.bind(scope);
  const track = <T>(promise: Promise<T>): Promise<T> => {
    activity.add('fetch');
    return promise.finally(() => activity.done('fetch'));
  };
  scope.fetch = ((...args: Parameters<typeof fetch>) => track(nativeFetch(...args))) as typeof fetch;
  for (const method of ['text', 'json', 'arrayBuffer', 'blob', 'bytes'] as const) {
    const original = Response.prototype[method] as ((this: Response) => Promise<unknown>) | undefined;
    if (!original) continue;
    Object.defineProperty(Response.prototype, method, { value(this: Response) { return track(original.call(this)); } });
  }
  if (typeof EventSource === 'undefined') return;
  const NativeEventSource = EventSource;
  scope.EventSource = class extends NativeEventSource {
    #open = true;
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      activity.add('eventsource');
      this.addEventListener('error', () => this.readyState === NativeEventSource.CLOSED && this.#done());
    }
    close() {
      super.close();
      this.#done();
    }
    #done() {
      if (!this.#open) return;
      this.#open = false;
      activity.done('eventsource');
    }
  };
}

scope.addEventListener('message', (event: MessageEvent<HostToWorker>) => {
  const message = event.data;
  if (message.kind === 'run') {
    trace = message.trace;
    run(message.code, message.step);
  }
  if (message.kind === 'next') held.shift()?.();
  if (message.kind === 'stop') {
    // Close the run's sockets ourselves: terminate() alone can leave them open for seconds.
    flushDropped();
    finished = true;
    held.length = 0;
    traced.closeAll();
  }
});

/** The lines of the code being run, so that an error can quote its own. */
let runLines: string[] = [];


function run(code: string, step: boolean) {
  start = performance.now();
  runLines = code.split('\n');
  stepping = step;
  const url = URL.createObjectURL(new Blob([`${code}\n//# sourceURL=${SNIPPET_FILE}`], { type: 'text/javascript' }));
  try {
    importScripts(url);
  } catch (error) {
    reportError(error);
  } finally {
    URL.revokeObjectURL(url);
  }
  activity.check();
}
