/**
 * « Trames »: the page's trace channel to the companion server (server/trace/tracing.ts). One per
 * server per page, opened when a playground first asks, shared by every playground of the page;
 * each run reads only the messages labelled with its own tag. Framework-free, no UI.
 */
import type { WireFrame } from '../../shared/wire-frame.ts';

/** One frame as the server read it from its raw socket, labelled with its run and socket. */
export type TracedFrame = WireFrame & {
  type: 'frame';
  label: string;
  /** `in`: received by the server (sent by the browser); `out`: sent by the server. */
  direction: 'in' | 'out';
};

/** Every message of the channel, as the server sends it (JSON text). */
export type TraceMessage =
  | { type: 'hello'; token: string; param: string }
  | { type: 'open'; label: string; route: string }
  | TracedFrame
  | { type: 'dropped'; label: string; count: number }
  | { type: 'untraced'; label: string; reason: 'frames' | 'sockets' }
  | { type: 'closed'; label: string; frames: number; dropped: number };

/** The channel's path on the companion server. */
export const TRACE_PATH = '/trace';

/** The page's channel to one server. */
export interface TraceChannel {
  /** The token, once the channel is open; undefined if it could not open within `waitMs`. */
  token(waitMs: number): Promise<string | undefined>;
  /** Calls `listener` with each message whose label starts with `tag-`; returns the unsubscribe. */
  listen(tag: string, listener: (message: TraceMessage) => void): () => void;
}

const channels = new Map<string, TraceChannel>();

/** The page's trace channel to `server` (`ws://host:port`), created on first call. */
export function traceChannel(server: string): TraceChannel {
  let channel = channels.get(server);
  if (!channel) channels.set(server, (channel = createChannel(server)));
  return channel;
}

function createChannel(server: string): TraceChannel {
  const listeners = new Map<string, Set<(message: TraceMessage) => void>>();
  let opened: Promise<string | undefined> | undefined;

  const open = (): Promise<string | undefined> =>
    new Promise((resolve) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(`${server}${TRACE_PATH}`);
      } catch {
        return resolve(undefined);
      }
      socket.onmessage = (event) => {
        const message = parse(event.data);
        if (!message) return;
        if (message.type === 'hello') return resolve(message.token);
        const tag = message.label.slice(0, message.label.lastIndexOf('-'));
        for (const listener of listeners.get(tag) ?? []) listener(message);
      };
      // A closed channel (server restarted, another server chosen) is reopened by the next run, with a new token.
      socket.onclose = () => {
        opened = undefined;
        resolve(undefined);
      };
    });

  return {
    token(waitMs) {
      opened ??= open();
      let timer: number | undefined;
      const late = new Promise<undefined>((resolve) => (timer = self.setTimeout(resolve, waitMs)));
      return Promise.race([opened, late]).finally(() => clearTimeout(timer));
    },
    listen(tag, listener) {
      let set = listeners.get(tag);
      if (!set) listeners.set(tag, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(tag);
      };
    },
  };
}

/** A message of the channel, or undefined for anything else (a server is not trusted to be ours). */
function parse(data: unknown): TraceMessage | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const message = JSON.parse(data) as TraceMessage;
    if (typeof message?.type !== 'string') return undefined;
    if (message.type === 'hello') return typeof message.token === 'string' ? message : undefined;
    return typeof message.label === 'string' ? message : undefined;
  } catch {
    return undefined;
  }
}
