/**
 * Which WebSocket call threw an error. A check must tell the browser's refusals (a bad close
 * code, a send while connecting) from the learner's own errors: the first are what an exercise
 * about `close` expects, the second are bugs.
 */
import type { WebSocketCall } from '../events.ts';

/** Errors thrown by a WebSocket call, with that call; weak, so a run's errors are not kept alive. */
const refusals = new WeakMap<object, WebSocketCall>();

/** The WebSocket call that threw `error`, or undefined when it came from elsewhere. */
export function thrownBy(error: unknown): WebSocketCall | undefined {
  return typeof error === 'object' && error !== null ? refusals.get(error) : undefined;
}

/** Runs `fn`, marking what it throws as thrown by `call`; the error itself is rethrown unchanged. */
export function refusedBy<T>(call: WebSocketCall, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (typeof error === 'object' && error !== null) refusals.set(error, call);
    throw error;
  }
}
