/**
 * Runs learner code in the sandbox and streams its events: `run(code, options, onEvent)` → handle.
 * Knows nothing of the editor or the page's UI. One hidden sandboxed iframe serves every run
 * on the page; each run gets a fresh worker inside it.
 */
import type { EndReason, RunEvent } from './events.ts';
import { clipEvent, createBudget, type Budget } from './sandbox/budget.ts';
import type { HostToPage, PageToHost } from './sandbox/protocol.ts';
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
const SANDBOX_URL = '/runner/';
/**
 * The frame says it is alive every 500 ms (host.ts). Silent this long while the page is visible,
 * its process is gone (a memory bomb kills it, and nothing else tells the page): it is made anew.
 */
const SILENCE_MS = 5000;
/** A run the frame has not acknowledged after this long never started: it is retried in a new frame. */
const ACK_MS = 3000;
const CHECK_MS = 500;

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

let frame: HTMLIFrameElement | undefined;
let ready: Promise<HTMLIFrameElement> | undefined;
let resolveReady: ((frame: HTMLIFrameElement) => void) | undefined;
let lastHeard = 0;
let nextRunId = 1;
const runs = new Map<number, Pending>();

/** Loads the sandbox early, e.g. when a playground comes into view, so the first run is fast. */
export function prepareSandbox(): Promise<HTMLIFrameElement> {
  ready ??= new Promise((resolve) => {
    listen();
    frame = document.createElement('iframe');
    // allow-scripts only: no allow-same-origin, so the frame's origin is opaque.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Bac à sable';
    frame.src = SANDBOX_URL;
    frame.style.display = 'none';
    resolveReady = resolve;
    lastHeard = performance.now();
    document.body.append(frame);
  });
  return ready;
}

let listening = false;
function listen() {
  if (listening) return;
  listening = true;
  addEventListener('message', (event: MessageEvent<HostToPage>) => {
    if (!frame || event.source !== frame.contentWindow) return;
    lastHeard = performance.now();
    const message = event.data;
    if (message?.kind === 'ready') resolveReady?.(frame);
    if (message?.kind === 'started') acknowledge(message.run);
    if (message?.kind === 'event') receive(message.run, message.event);
  });
  // A hidden page's timers are throttled, the frame's heartbeat with them: count silence from now.
  document.addEventListener('visibilitychange', () => (lastHeard = performance.now()));
  setInterval(() => dead() && restart(), CHECK_MS);
}

function acknowledge(id: number) {
  const pending = runs.get(id);
  if (pending) pending.acked = true;
}

/** The frame is gone: silent for too long, or a run posted to it got no answer. */
function dead() {
  if (!frame || document.hidden || runs.size === 0) return false;
  const now = performance.now();
  return now - lastHeard > SILENCE_MS || [...runs.values()].some((r) => !r.acked && r.posted !== undefined && now - r.posted > ACK_MS);
}

/** Makes a new frame: runs the old one had started end, the others are posted again, and all are told. */
function restart() {
  frame?.remove();
  frame = ready = resolveReady = undefined;
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
  void prepareSandbox();
}

/**
 * Makes the frame anew, now. Chromium keeps the sandboxed frames of one site in one process, this
 * frame and the page frames of « Aperçu » (page-runner.ts) alike, and a process ends only once it
 * holds no frame: when a page hangs, every frame goes in one task, and new ones get a new process.
 */
export function resetSandbox(): void {
  if (frame) restart();
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
