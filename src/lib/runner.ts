/**
 * Runs learner code in the sandbox and streams its events: `run(code, options, onEvent)` → handle.
 * Knows nothing of the editor or the page's UI. One hidden sandboxed iframe (sandbox-frame.ts)
 * serves every run on the page; each run gets a fresh worker inside it. This file keeps the runs:
 * their budget, their dropped count, and what becomes of them when the frame is lost.
 */
import type { EndReason, RunEvent } from './events.ts';
import { clipEvent, createBudget, type Budget } from './sandbox/budget.ts';
import { createSandboxFrame } from './sandbox-frame.ts';
import type { PageToHost } from './sandbox/protocol.ts';
import type { TraceRequest } from './sandbox/trace-url.ts';
import { ui } from './strings.fr.ts';

/** How a run behaves. */
export interface RunOptions {
  /** Hold socket events until `next()` (« Pas à pas »). */
  step?: boolean;
  /** An exercise check: see snippets.ts. */
  check?: string;
  /** The run stops by itself after this long. */
  timeoutMs?: number;
  /** « Trames »: sockets to the companion server carry this channel's token (see trace-url.ts). */
  trace?: TraceRequest;
}

/** A run in progress. */
export interface RunHandle {
  stop(): void;
  /** Delivers the next held event (« Pas à pas »). */
  next(): void;
  /** Resolves when the run has ended, with the reason. */
  ended: Promise<EndReason>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
/** A run the frame has not acknowledged after this long never started: it is retried in a new frame. */
const ACK_MS = 3000;

interface Pending {
  message: Extract<PageToHost, { kind: 'run' }>;
  onEvent: (event: RunEvent) => void;
  started: number;
  /** When the run was posted to the frame; undefined until then. */
  posted?: number;
  /** The frame has started the run: from then on, a dead frame has taken the run with it. */
  acked: boolean;
  /** Posted again once already, to a new frame: a second failure ends it. */
  retried: boolean;
  /** The page's own copy of the run's budget: nothing from the frame is trusted. */
  budget: Budget;
  /** Dropped events the sandbox reported (it counts them before they cross). */
  droppedInSandbox: number;
  /** The dropped count the playground last showed. */
  told: number;
}

let nextRunId = 1;
const runs = new Map<number, Pending>();

const sandbox = createSandboxFrame({
  receive(message) {
    if (message.kind === 'started') acknowledge(message.run);
    if (message.kind === 'event') receive(message.run, message.event);
  },
  busy: () => runs.size > 0,
  unanswered: (now) => [...runs.values()].some((r) => !r.acked && r.posted !== undefined && now - r.posted > ACK_MS),
  lost,
});

/** Loads the sandbox early, e.g. when a playground comes into view, so the first run is fast. */
export function prepareSandbox(): Promise<HTMLIFrameElement> {
  return sandbox.prepare();
}

/**
 * Makes the frame anew, now. Chromium keeps the sandboxed frames of one site in one process, this
 * frame and the page frames of « Aperçu » (page-runner.ts) alike, and a process ends only once it
 * holds no frame: when a page hangs, every frame goes in one task, and new ones get a new process.
 */
export function resetSandbox(): void {
  sandbox.reset();
}

function acknowledge(id: number) {
  const pending = runs.get(id);
  if (pending) pending.acked = true;
}

/** The frame is gone, a new one on its way: runs the old one had started end, the others are posted again, and all are told. */
function lost() {
  for (const [id, pending] of runs) {
    if (pending.acked || pending.retried) {
      finish(id, pending, { type: 'end', reason: 'lost', t: elapsed(pending) });
      continue;
    }
    pending.retried = true;
    // The run starts over in the new frame, and its times with it.
    pending.started = performance.now();
    pending.onEvent({ type: 'console', level: 'warn', text: ui.sandboxRestarted, t: 0 });
    void post(pending);
  }
}

async function post(pending: Pending) {
  pending.posted = undefined;
  const target = await prepareSandbox();
  target.contentWindow?.postMessage(pending.message, '*');
  pending.posted = performance.now();
}

async function send(message: PageToHost) {
  (await prepareSandbox()).contentWindow?.postMessage(message, '*');
}

function elapsed(pending: Pending) {
  return Math.round(performance.now() - pending.started);
}

function receive(id: number, event: RunEvent) {
  const pending = runs.get(id);
  if (!pending || !event || typeof event !== 'object') return;
  if (event.type === 'dropped') {
    pending.droppedInSandbox = Math.max(pending.droppedInSandbox, Number(event.count) || 0);
    return tell(pending, false);
  }
  if (event.type === 'end') return finish(id, pending, clipEvent(event));
  if (pending.budget.admit(event)) return pending.onEvent(clipEvent(event));
  tell(pending, true);
}

/**
 * Tells the playground how many events were dropped: the one line it shows is updated, so it
 * hears at the first drop, then each time the count doubles, and the exact count at the end.
 */
function tell(pending: Pending, doubling: boolean) {
  const count = pending.droppedInSandbox + pending.budget.dropped;
  if (count === pending.told || (doubling && count < 2 * pending.told)) return;
  pending.told = count;
  pending.onEvent({ type: 'dropped', count, t: elapsed(pending) });
}

function finish(id: number, pending: Pending, end: Extract<RunEvent, { type: 'end' }>) {
  runs.delete(id);
  tell(pending, false);
  pending.onEvent(end);
}

/** Starts `code` in the sandbox; every event of the run goes to `onEvent`, the last one is `end`. */
export function run(code: string, options: RunOptions, onEvent: (event: RunEvent) => void): RunHandle {
  const id = nextRunId++;
  let resolveEnded: (reason: EndReason) => void;
  const ended = new Promise<EndReason>((resolve) => (resolveEnded = resolve));
  const pending: Pending = {
    message: { kind: 'run', run: id, code, step: options.step ?? false, check: options.check, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, trace: options.trace },
    started: performance.now(),
    acked: false,
    retried: false,
    budget: createBudget(),
    droppedInSandbox: 0,
    told: 0,
    onEvent: (event) => {
      onEvent(event);
      if (event.type === 'end') resolveEnded(event.reason);
    },
  };
  runs.set(id, pending);
  void post(pending);
  return {
    stop: () => void send({ kind: 'stop', run: id }),
    next: () => void send({ kind: 'next', run: id }),
    ended,
  };
}
