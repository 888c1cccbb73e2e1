/**
 * The learner's timers, counted: a pending setTimeout or a live setInterval keeps the run alive
 * (activity.ts), so a run waiting on a timer is not declared over before the timer fires.
 */
import type { createActivity } from './activity.ts';
import type { Scope } from './scope.ts';

/** The scope's own setTimeout or setInterval, bound to it. */
export type Timer = (fn: () => void, ms?: number) => number;
/** The scope's own clearTimeout or clearInterval, bound to it. */
export type Clear = (id: number) => void;

/** The real timers, kept before wrapping: the sandbox's own timers must not count as the learner's work. */
export interface Natives {
  nativeSetTimeout: Timer;
  nativeSetInterval: Timer;
  nativeClearTimeout: Clear;
  nativeClearInterval: Clear;
}

/** Keeps `scope`'s real timers, bound to it, before anything wraps them. */
export function nativeTimers(scope: Scope): Natives {
  return {
    nativeSetTimeout: (scope.setTimeout as Timer).bind(scope),
    nativeSetInterval: (scope.setInterval as Timer).bind(scope),
    nativeClearTimeout: (scope.clearTimeout as Clear).bind(scope),
    nativeClearInterval: (scope.clearInterval as Clear).bind(scope),
  };
}

/** Replaces `scope`'s timer functions with ones that tell `activity` what is pending. */
export function wrapTimers(scope: Scope, activity: ReturnType<typeof createActivity>, natives: Natives) {
  const { nativeSetTimeout, nativeSetInterval, nativeClearTimeout, nativeClearInterval } = natives;
  const pending = new Set<number>();
  const intervals = new Set<number>();
  scope.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
    activity.add('timer');
    const id = nativeSetTimeout(() => {
      pending.delete(id);
      try {
        if (typeof fn === 'function') fn(...args);
      } finally {
        // Even when the callback throws: the error is reported, and the run may still end.
        activity.done('timer');
      }
    }, ms);
    pending.add(id);
    return id;
  };
  scope.setInterval = (fn: unknown, ms?: number, ...args: unknown[]) => {
    // An interval keeps the run alive until cleared (or the run is stopped).
    activity.add('timer');
    const id = nativeSetInterval(() => typeof fn === 'function' && fn(...args), ms);
    intervals.add(id);
    return id;
  };
  // One clear for both, as in the browser: clearTimeout clears an interval and vice versa.
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
