/** Picks the SharedState that the settings ask for: in memory, or through Redis when REDIS_URL is set. */
import type { Logger } from '../log.ts';
import { createMemoryState } from './memory-state.ts';
import { createRedisState, type RedisState } from './redis-state.ts';
import type { SharedState } from './shared-state.ts';

/** The settings that choose the shared state. */
export interface SharedStateSettings {
  redisUrl: string;
  redisKeyTtl: number;
}

/** A SharedState, the seconds it has spent degraded (always 0 in memory), and Redis's connections if any. */
export type CourseSharedState = SharedState & { degradedSeconds(): number; clients?: RedisState['clients'] };

/** Creates the shared state of one server: Redis in the background when configured, else memory. */
export function createSharedState(settings: SharedStateSettings, log: Logger): CourseSharedState {
  if (settings.redisUrl === '') return { ...createMemoryState(), degradedSeconds: () => 0 };
  return createRedisState({ url: settings.redisUrl, keyTtl: settings.redisKeyTtl, log });
}
