/**
 * Runs a page snippet (snippets.ts: `html page` beside its JavaScript) as a real document, in a
 * frame of its own that the learner sees in « Aperçu »: `runPage(source, options, onEvent, view)`.
 * The same RunHandle and the same events as runner.ts, under the same budget; no UI here beyond
 * the frame, which `view` places. The frame's origin is opaque (no allow-same-origin).
 *
 * Containment: the page's loops are guarded (sandbox/loop-guard.ts); a page silent for
 * WATCHDOG_MS (a loop that swallowed the guard's error, a crashed process) is removed, which
 * ends its run. Chromium runs such a frame in a process of its own, so the course stays responsive;
 * but that process holds every sandboxed frame of the site (resetSandbox in runner.ts says why), so
 * when one page hangs, all of them go together, and the next runs start in a fresh process.
 */
import type { EndReason, RunEvent } from './events.ts';
import { resetSandbox, type RunHandle, type RunOptions } from './runner.ts';
import { createPageEvents } from './page-events.ts';
import { evaluateCheck } from './sandbox/check.ts';
import { guardLoops } from './sandbox/loop-guard.ts';
import type { PageSnapshot } from './sandbox/page-snapshot.ts';
import type { FrameToPage, PageToFrame } from './sandbox/protocol.ts';
import { previewText } from './strings.preview.fr.ts';

/** A page snippet as the playground runs it. */
export interface PageSource {
  code: string;
  html: string;
  css?: string;
}

/** Where the frame goes: the « Aperçu » panel (see preview-view.ts). */
export interface PageView {
  /** Shows this run's frame in place of the previous one. */
  show(frame: HTMLIFrameElement): void;
  /** The frame was removed because it stopped answering. */
  removed(): void;
}

const PAGE_URL = '/runner/page/';
const DEFAULT_TIMEOUT_MS = 120_000;
/** The frame says it is alive every 200 ms (instrument.ts); silent this long while visible, it is removed. */
const WATCHDOG_MS = 2000;
/** How long a new frame may take to load and say it is ready. */
const LOAD_MS = 10_000;
/** « Arrêter » waits this long for the frame to close its sockets; a frame that does not answer is removed. */
const STOP_GRACE_MS = 300;
/** An exercise check waits this long for the page's snapshot. */
const SNAPSHOT_MS = 500;
const CHECK_MS = 250;

/** How to end each run whose frame is still on the page, should its process hang. */
const frames = new Set<() => void>();

/** A page stopped answering: every sandboxed frame of the page shares its process; all go, in this task. */
function hung() {
  for (const end of [...frames]) end();
  resetSandbox();
}

/** Starts a page snippet; every event goes to `onEvent`, the last one is `end`. */
export function runPage(source: PageSource, options: RunOptions, onEvent: (event: RunEvent) => void, view: PageView): RunHandle {
  const frame = document.createElement('iframe');
  // allow-forms: without it a form's submit event never fires. No allow-same-origin: opaque origin.
  frame.setAttribute('sandbox', 'allow-scripts allow-forms');
  frame.title = previewText.frameTitle;
  frame.className = 'ws-preview-frame';
  frame.src = PAGE_URL;

  const started = performance.now();
  let lastHeard = started;
  let ready = false;
  let ended = false;
  let removed = false;
  let resolveEnded!: (reason: EndReason) => void;
  const endedPromise = new Promise<EndReason>((resolve) => (resolveEnded = resolve));
  const waiting: { stopped?: () => void; snapshot?: (page: PageSnapshot) => void } = {};

  // The run talks over a channel of its own: the learner's code never holds its port, so it cannot
  // post events to the page (the frame's `parent` and `top` are in reach of any page script).
  const channel = new MessageChannel();
  const elapsed = () => Math.round(performance.now() - started);
  const post = (message: PageToFrame) => channel.port1.postMessage(message);
  const deliver = (event: RunEvent) => {
    onEvent(event);
    if (event.type === 'end') resolveEnded(event.reason);
  };
  const { events, receive, tell } = createPageEvents(deliver, elapsed);

  /** The frame's first word, on the window: it gets the run and the channel's other end. */
  function onMessage(event: MessageEvent<FrameToPage>) {
    if (event.source !== frame.contentWindow || event.data?.kind !== 'ready' || ready) return;
    ready = true;
    lastHeard = performance.now();
    const run: PageToFrame = { kind: 'run', code: guardLoops(source.code), html: source.html, css: source.css ?? '', step: options.step ?? false, trace: options.trace };
    frame.contentWindow?.postMessage(run, '*', [channel.port2]);
  }

  channel.port1.onmessage = (event: MessageEvent<FrameToPage>) => {
    const message = event.data;
    lastHeard = performance.now();
    if (!message) return;
    // After the end, the frame's events are late: the playground has already closed the run.
    if (message.kind === 'event' && !ended) receive(message.event);
    if (message.kind === 'idle') void finish('done');
    if (message.kind === 'stopped') waiting.stopped?.();
    if (message.kind === 'snapshot') waiting.snapshot?.(message.page);
  };

  /** Removes a frame that stopped answering: its process may be looping or gone. */
  function remove() {
    if (removed) return;
    removed = true;
    frame.remove();
    view.removed();
    dispose();
  }

  // A hidden page's timers are throttled, the frame's heartbeat with them: count silence from now.
  const onVisibility = () => (lastHeard = performance.now());
  const watchdog = setInterval(() => {
    // Replaced by a newer run's frame, or removed: nothing left to watch.
    if (!frame.isConnected) return dispose();
    if (document.hidden || performance.now() - lastHeard <= (ready ? WATCHDOG_MS : LOAD_MS)) return;
    hung();
  }, CHECK_MS);
  /** Why the run ends when its frame goes: the watchdog's doing, unless « Arrêter » found the page hung. */
  let hangReason: EndReason = 'watchdog';
  const end = () => {
    remove();
    void finish(hangReason);
  };
  frames.add(end);
  const timeout = setTimeout(() => void stop('timeout'), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  function dispose() {
    frames.delete(end);
    clearInterval(watchdog);
    clearTimeout(timeout);
    removeEventListener('message', onMessage);
    channel.port1.close();
    document.removeEventListener('visibilitychange', onVisibility);
  }
  addEventListener('message', onMessage);
  document.addEventListener('visibilitychange', onVisibility);

  /** Resolves when the frame answers `message` with `kind`, or after `ms` (then undefined). */
  function ask<K extends keyof typeof waiting>(kind: K, message: PageToFrame, ms: number) {
    return new Promise<Parameters<NonNullable<(typeof waiting)[K]>>[0] | undefined>((resolve) => {
      if (removed || !ready) return resolve(undefined);
      const timer = setTimeout(() => resolve(undefined), ms);
      // `stopped` carries nothing: it resolves true, which tells it from a timeout.
      waiting[kind] = ((value?: unknown) => {
        clearTimeout(timer);
        resolve((value ?? true) as never);
      }) as never;
      post(message);
    });
  }

  async function stop(reason: EndReason) {
    if (ended) return;
    // The page closes its sockets and delivers nothing more; one that cannot answer is removed.
    if (ready && !removed && (await ask('stopped', { kind: 'stop' }, STOP_GRACE_MS)) === undefined) {
      hangReason = reason;
      hung();
    }
    await finish(reason);
  }

  async function finish(reason: EndReason) {
    if (ended) return;
    ended = true;
    clearTimeout(timeout);
    if (options.check !== undefined) {
      const page = await ask('snapshot', { kind: 'snapshot' }, SNAPSHOT_MS);
      const logs = events.flatMap((e) => (e.type === 'console' ? [e.text] : []));
      const verdict = await evaluateCheck(options.check, { logs, events, page });
      deliver({ type: 'check', ...verdict, t: elapsed() });
    }
    tell(false);
    deliver({ type: 'end', reason, t: elapsed() });
  }

  view.show(frame);
  return {
    stop: () => void stop('stopped'),
    next: () => post({ kind: 'next' }),
    ended: endedPromise,
  };
}
