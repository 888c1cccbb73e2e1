/**
 * Runs inside the sandboxed iframe (`/runner/`, opaque origin): starts one worker per run,
 * relays its events to the page, stops runaway code with a watchdog, and evaluates the
 * exercise check once the run ends.
 */
import type { EndReason, RunEvent } from '../events.ts';
import { clip, clipEvent, createBudget, type Budget } from './budget.ts';
import { evaluateCheck } from './check.ts';
import type { HostToPage, PageToHost, WorkerToHost } from './protocol.ts';
import RunWorker from './worker.ts?worker&inline';

/** A run whose event loop has been blocked this long is stopped (infinite loop). */
const WATCHDOG_MS = 2000;
/** Under `npm run dev`, how long a new worker may take to load before the watchdog counts. */
const DEV_LOAD_MS = 10_000;
/** Grace time for the worker to close its sockets itself before it is terminated. */
const STOP_GRACE_MS = 50;
/** How often the page hears from this frame: silence means its process died (see runner.ts). */
const HEARTBEAT_MS = 500;

interface Run {
  id: number;
  worker: Worker;
  started: number;
  lastAlive: number;
  events: RunEvent[];
  budget: Budget;
  check?: string;
  timer: ReturnType<typeof setTimeout>;
  ended: boolean;
}

const runs = new Map<number, Run>();

/**
 * A worker started ahead of the next run: booting one costs tens of milliseconds, most of the
 * time between « Exécuter » and the first echo. Each run takes the spare and a new one is
 * started once that run has ended, so the spare never competes with a run for the CPU.
 */
let spare: Worker | undefined;

/** Where `npm run dev` serves the worker (a variable, so that the build never bundles this URL). */
const DEV_WORKER = './worker.ts?worker_file&type=module';
const here = import.meta.url;

/**
 * A new run worker. Under `npm run dev`, Vite serves it from a URL, which a frame of opaque origin
 * may not start, nor load as a module worker from a blob. A classic blob worker may, and imports
 * the module; it keeps the messages that arrive meanwhile and replays them once the module listens.
 */
function newWorker(): Worker {
  if (!import.meta.env.DEV) return new RunWorker();
  const source = `const early = []; const keep = (e) => early.push(e.data); addEventListener('message', keep);
import(${JSON.stringify(new URL(DEV_WORKER, here).href)}).then(() => {
  removeEventListener('message', keep);
  for (const data of early) dispatchEvent(new MessageEvent('message', { data }));
});`;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
}

function takeWorker(): Worker {
  const worker = spare ?? newWorker();
  spare = undefined;
  return worker;
}

function warmSpare() {
  if (runs.size === 0) spare ??= newWorker();
}

function toPage(message: HostToPage) {
  // The page checks that messages come from this frame; the data is not secret.
  parent.postMessage(message, '*');
}

/** Passes `event` on within the run's budget; the worker applies the same, this is its backstop. */
function emit(run: Run, event: RunEvent) {
  if (!run.budget.admit(event)) return;
  const clipped = clipEvent(event);
  run.events.push(clipped);
  toPage({ kind: 'event', run: run.id, event: clipped });
}

function start(message: Extract<PageToHost, { kind: 'run' }>) {
  runs.get(message.run) && end(runs.get(message.run)!, 'stopped');
  const worker = takeWorker();
  const now = performance.now();
  const run: Run = {
    id: message.run,
    worker,
    started: now,
    // Under `npm run dev` a fresh worker may still be fetching its modules: the watchdog waits for them.
    lastAlive: import.meta.env.DEV ? now + DEV_LOAD_MS : now,
    events: [],
    budget: createBudget(),
    check: message.check,
    ended: false,
    timer: setTimeout(() => end(run, 'timeout'), message.timeoutMs),
  };
  runs.set(run.id, run);
  worker.addEventListener('message', (event: MessageEvent<WorkerToHost>) => {
    const data = event.data;
    run.lastAlive = performance.now();
    if (data.kind === 'event') emit(run, data.event);
    if (data.kind === 'idle') end(run, 'done');
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    emit(run, { type: 'exception', name: 'Error', message: clip(event.message || "Le worker s'est arrêté sur une erreur."), t: elapsed(run) });
    end(run, 'crashed');
  });
  worker.postMessage({ kind: 'run', code: message.code, step: message.step, trace: message.trace });
  toPage({ kind: 'started', run: run.id });
}

function elapsed(run: Run) {
  return Math.round(performance.now() - run.started);
}

async function end(run: Run, reason: EndReason) {
  if (run.ended) return;
  run.ended = true;
  clearTimeout(run.timer);
  run.worker.postMessage({ kind: 'stop' });
  // A looping worker cannot answer, and an idle one has nothing left to close: terminate those
  // at once. Others get a moment to close their sockets themselves.
  const grace = reason === 'watchdog' || reason === 'done' ? 0 : STOP_GRACE_MS;
  setTimeout(() => run.worker.terminate(), grace);
  if (run.check !== undefined) {
    const logs = run.events.flatMap((e) => (e.type === 'console' ? [e.text] : []));
    const verdict = await evaluateCheck(run.check, { logs, events: run.events });
    emit(run, { type: 'check', ...verdict, t: elapsed(run) });
  }
  emit(run, { type: 'end', reason, t: elapsed(run) });
  runs.delete(run.id);
  // Once the ended run's worker is gone, so that the two never share the CPU.
  setTimeout(warmSpare, grace);
}

setInterval(() => {
  const now = performance.now();
  for (const run of runs.values()) if (now - run.lastAlive > WATCHDOG_MS) end(run, 'watchdog');
}, 250);

addEventListener('message', (event: MessageEvent<PageToHost>) => {
  if (event.source !== parent) return;
  const message = event.data;
  if (message.kind === 'run') return start(message);
  const run = runs.get(message.run);
  if (!run) return;
  if (message.kind === 'next') run.worker.postMessage({ kind: 'next' });
  if (message.kind === 'stop') end(run, 'stopped');
});

warmSpare();
toPage({ kind: 'ready' });
setInterval(() => toPage({ kind: 'alive' }), HEARTBEAT_MS);
