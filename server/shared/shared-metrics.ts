/** The metrics of the shared state: whether Redis is reachable, and for how long it was not. */
import { Counter, Gauge, type Registry } from 'prom-client';
import type { CourseSharedState } from './create-shared-state.ts';

/** Registers redis_up and redis_degraded_seconds_total on `registry`, read at scrape time. */
export function registerSharedMetrics(registry: Registry, shared: CourseSharedState): void {
  new Gauge({
    name: 'redis_up',
    help: 'Whether this instance reaches Redis: 1 up, 0 down, -1 REDIS_URL unset (everything in memory).',
    registers: [registry],
    collect() {
      this.set(shared.status === 'up' ? 1 : shared.status === 'down' ? 0 : -1);
    },
  });
  new Counter({
    name: 'redis_degraded_seconds_total',
    help: 'Seconds spent with REDIS_URL set but Redis unreachable (rooms, lab stream and caps local to this instance).',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(shared.degradedSeconds());
    },
  });
}
