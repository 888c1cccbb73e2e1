/** The default SharedState: one process, nothing to share, a bus that only reaches this process. */
import { randomUUID } from 'node:crypto';
import type { BusListener, SharedState } from './shared-state.ts';

/** A local bus: publish calls this process's subscribers synchronously. */
export class LocalBus {
  private readonly channels = new Map<string, Set<BusListener>>();

  /** Calls every listener of `channel` with `message`. */
  publish(channel: string, message: string): void {
    const listeners = this.channels.get(channel);
    if (listeners) for (const listener of listeners) listener(message);
  }

  /** Adds a listener; `first` is true when the channel had none (time to subscribe remotely). */
  subscribe(channel: string, listener: BusListener): { first: boolean; unsubscribe: () => boolean } {
    let listeners = this.channels.get(channel);
    const first = listeners === undefined;
    if (!listeners) this.channels.set(channel, (listeners = new Set()));
    listeners.add(listener);
    const set = listeners;
    return {
      first,
      // Returns true when that was the channel's last listener (time to unsubscribe remotely).
      unsubscribe: () => {
        if (!set.delete(listener) || set.size > 0 || this.channels.get(channel) !== set) return false;
        this.channels.delete(channel);
        return true;
      },
    };
  }

  /** Channels with at least one listener. */
  channelNames(): IterableIterator<string> {
    return this.channels.keys();
  }
}

/** Creates the in-memory SharedState (REDIS_URL unset). */
export function createMemoryState(): SharedState {
  const bus = new LocalBus();
  return {
    instanceId: randomUUID(),
    status: 'off',
    onStatus: () => () => {},
    publish: (channel, message) => bus.publish(channel, message),
    subscribe(channel, listener) {
      const { unsubscribe } = bus.subscribe(channel, listener);
      return () => void unsubscribe();
    },
    count: async () => undefined,
    sync: async () => undefined,
    next: async () => undefined,
    claim: async () => undefined,
    close: async () => {},
  };
}
