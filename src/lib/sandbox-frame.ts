/**
 * The hidden sandboxed iframe that hosts every run on the page (runner.ts): it is made on demand,
 * watched, and made anew when its process is gone. It knows nothing of runs; the runner says,
 * through `FrameHooks`, whether a frame that went quiet is holding anything up.
 */
import type { HostToPage } from './sandbox/protocol.ts';

const SANDBOX_URL = '/runner/';
/**
 * The frame says it is alive every 500 ms (host.ts). Silent this long while the page is visible,
 * its process is gone (a memory bomb kills it, and nothing else tells the page): it is made anew.
 */
const SILENCE_MS = 5000;
const CHECK_MS = 500;

/** What the frame needs from the runs it carries. */
export interface FrameHooks {
  /** A message from the frame, other than `ready`. */
  receive(message: HostToPage): void;
  /** Some run is in progress: only then is a silent frame worth replacing. */
  busy(): boolean;
  /** Some run posted to the frame is still unanswered at `now`, too long after: the frame never got it. */
  unanswered(now: number): boolean;
  /** The frame was removed; a new one is on its way (runs still pending are to be settled now). */
  lost(): void;
}

/** Builds the page's one sandbox frame: `prepare()` loads it, `reset()` makes it anew. */
export function createSandboxFrame(hooks: FrameHooks) {
  let frame: HTMLIFrameElement | undefined;
  let ready: Promise<HTMLIFrameElement> | undefined;
  let resolveReady: ((frame: HTMLIFrameElement) => void) | undefined;
  let lastHeard = 0;
  let listening = false;

  /** Loads the frame if there is none; resolves once it has said it is ready. */
  function prepare(): Promise<HTMLIFrameElement> {
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

  // Once per page, on first use: a page without playgrounds never pays for the listener or the timer.
  function listen() {
    if (listening) return;
    listening = true;
    addEventListener('message', (event: MessageEvent<HostToPage>) => {
      if (!frame || event.source !== frame.contentWindow) return;
      lastHeard = performance.now();
      const message = event.data;
      if (message?.kind === 'ready') resolveReady?.(frame);
      else if (message) hooks.receive(message);
    });
    // A hidden page's timers are throttled, the frame's heartbeat with them: count silence from now.
    document.addEventListener('visibilitychange', () => (lastHeard = performance.now()));
    setInterval(() => dead() && restart(), CHECK_MS);
  }

  /** The frame is gone: silent for too long, or a run posted to it got no answer. */
  function dead() {
    if (!frame || document.hidden || !hooks.busy()) return false;
    const now = performance.now();
    return now - lastHeard > SILENCE_MS || hooks.unanswered(now);
  }

  /** Removes the frame and makes a new one; the runs are told in between, so they can be posted again. */
  function restart() {
    frame?.remove();
    frame = ready = resolveReady = undefined;
    hooks.lost();
    void prepare();
  }

  return {
    prepare,
    /** Makes the frame anew, now, if there is one (see resetSandbox in runner.ts). */
    reset() {
      if (frame) restart();
    },
  };
}
