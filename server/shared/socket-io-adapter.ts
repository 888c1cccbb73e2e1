/**
 * Socket.IO's rooms across instances: its own Redis adapter (@socket.io/redis-adapter), on the
 * shared state's two connections. The adapter does not handle the promises of the commands it
 * sends (publish, subscribe): while Redis is down they reject, so each is caught here, and
 * Socket.IO keeps serving this instance's members (the adapter always delivers locally too).
 */
import type { Server } from 'socket.io';
import type { CourseSharedState } from './create-shared-state.ts';
import { COMMAND_TIMEOUT_MS, KEY_PREFIX } from './redis-state.ts';

const ignore = (): void => {};

/** The client, with every promise it returns marked as handled (the caller may still await it). */
function quiet<T extends object>(client: T): T {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result: unknown = value.apply(target, args);
        if (result instanceof Promise) result.catch(ignore);
        return result;
      };
    },
  });
}

/** Gives `io` the Redis adapter once the shared state's connections exist (nothing when REDIS_URL is unset). */
export async function shareSocketIoRooms(io: Server, shared: CourseSharedState): Promise<void> {
  const clients = await shared.clients?.();
  if (!clients) return;
  const { createAdapter } = await import('@socket.io/redis-adapter');
  io.adapter(createAdapter(quiet(clients.pub), quiet(clients.sub), { key: `${KEY_PREFIX}socket.io`, requestsTimeout: COMMAND_TIMEOUT_MS }));
}
