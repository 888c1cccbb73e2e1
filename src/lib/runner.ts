/**
 * Runs learner code in the sandbox and streams its events: `run(code, options, onEvent)` → handle.
 * Knows nothing of the editor or the page's UI. One hidden sandboxed iframe serves every run
 * on the page; each run gets a fresh worker inside it.
 */
import type { EndReason, RunEvent } from './events.ts';
import type { HostToPage, PageToHost } from './sandbox/protocol.ts';

/** How a run behaves. */
export interface RunOptions {
  /** Hold socket events until `next()` (« Pas à pas »). */
  step?: boolean;
  /** An exercise check: see snippets.ts. */
  check?: string;
  /** The run stops by itself after this long. */
  timeoutMs?: number;
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

let frame: HTMLIFrameElement | undefined;
let ready: Promise<HTMLIFrameElement> | undefined;
let nextRunId = 1;
const listeners = new Map<number, (event: RunEvent) => void>();

/** Loads the sandbox early, e.g. when a playground comes into view, so the first run is fast. */
export function prepareSandbox(): Promise<HTMLIFrameElement> {
  ready ??= new Promise((resolve) => {
    frame = document.createElement('iframe');
    // allow-scripts only: no allow-same-origin, so the frame's origin is opaque.
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Bac à sable';
    frame.src = SANDBOX_URL;
    frame.style.display = 'none';
    addEventListener('message', (event: MessageEvent<HostToPage>) => {
      if (!frame || event.source !== frame.contentWindow) return;
      const message = event.data;
      if (message.kind === 'ready') resolve(frame);
      if (message.kind === 'event') listeners.get(message.run)?.(message.event);
    });
    document.body.append(frame);
  });
  return ready;
}

/** Starts `code` in the sandbox; every event of the run goes to `onEvent`, the last one is `end`. */
export function run(code: string, options: RunOptions, onEvent: (event: RunEvent) => void): RunHandle {
  const id = nextRunId++;
  let resolveEnded: (reason: EndReason) => void;
  const ended = new Promise<EndReason>((resolve) => (resolveEnded = resolve));
  listeners.set(id, (event) => {
    onEvent(event);
    if (event.type === 'end') {
      listeners.delete(id);
      resolveEnded(event.reason);
    }
  });
  const post = async (message: PageToHost) => (await prepareSandbox()).contentWindow?.postMessage(message, '*');
  void post({ kind: 'run', run: id, code, step: options.step ?? false, check: options.check, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  return {
    stop: () => void post({ kind: 'stop', run: id }),
    next: () => void post({ kind: 'next', run: id }),
    ended,
  };
}
