/**
 * Counts what keeps a run alive (sockets, timers, fetches, event sources, held events),
 * so the sandbox can end a run by itself once nothing is left to happen.
 */

/** Kinds of pending work. */
export type Work = 'socket' | 'timer' | 'fetch' | 'eventsource' | 'held';

/** A counter per kind of work, and a callback when every counter is back to zero. */
export function createActivity(onIdle: () => void, schedule: (fn: () => void) => void) {
  const counts: Record<Work, number> = { socket: 0, timer: 0, fetch: 0, eventsource: 0, held: 0 };
  let checking = false;
  const idle = () => Object.values(counts).every((n) => n === 0);
  return {
    add(kind: Work) {
      counts[kind]++;
    },
    done(kind: Work) {
      counts[kind] = Math.max(0, counts[kind] - 1);
      this.check();
    },
    /** Checks after pending microtasks, so a promise chain that is about to start new work counts. */
    check() {
      if (checking) return;
      checking = true;
      schedule(() => {
        checking = false;
        if (idle()) onIdle();
      });
    },
    counts,
  };
}
