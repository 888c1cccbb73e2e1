/**
 * What a run reports, as one union. The sandbox produces these events; the playground
 * displays them; exercise checks read them (as `run.events` and `run.logs`).
 */

import type { PageSnapshot } from './sandbox/page-snapshot.ts';
/** The WebSocket calls that refuse by throwing: the constructor, `send` and `close`. */
export type WebSocketCall = 'WebSocket' | 'send' | 'close';

/** WebSocket's readyState values, in the protocol's own words. */
export const READY_STATES = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'] as const;
export type ReadyStateName = (typeof READY_STATES)[number];

/** Fields every event carries. */
interface Base {
  /** Milliseconds since the run started. */
  t: number;
}

/** Fields of the events that concern one socket. */
interface SocketBase extends Base {
  /** 1 for the run's first socket, 2 for the next… */
  socket: number;
  /** readyState right after this event, as the learner's code sees it. */
  readyState: number;
  bufferedAmount: number;
}

/** A message's payload, as the timeline shows it. */
export interface Payload {
  /** Text, or a description such as `ArrayBuffer (4 octets)` for binary data. */
  data: string;
  /** Size in bytes on the wire. */
  size: number;
  binary: boolean;
}

export type SocketEvent =
  | (SocketBase & { type: 'socket'; url: string; protocols: string[] })
  | (SocketBase & { type: 'open'; protocol: string })
  | (SocketBase & Payload & { type: 'message' })
  | (SocketBase & Payload & { type: 'send' })
  | (SocketBase & { type: 'error' })
  | (SocketBase & { type: 'closing'; code?: number; reason?: string })
  | (SocketBase & { type: 'close'; code: number; reason: string; wasClean: boolean });

/** A socket event before the sandbox stamps its time (distributes over the union). */
export type UntimedSocketEvent = SocketEvent extends infer E ? (E extends unknown ? Omit<E, 't'> : never) : never;

export type RunEvent =
  | SocketEvent
  | (Base & { type: 'console'; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; text: string })
  /**
   * An uncaught error; `line` and `column` are in the learner's code, 1-based, and `source` is that
   * line's text. `thrownBy` names the WebSocket call that refused (`close` for `socket.close(1001)`);
   * it is absent for the learner's own errors (`null.foo`), which checks report first.
   */
  | (Base & { type: 'exception'; name: string; message: string; line?: number; column?: number; source?: string; thrownBy?: WebSocketCall })
  /**
   * Step mode: an event arrived and waits for « Suivant ». `preview` is what delivering it will
   * report; `handler` the source of the code that will run, `handlerName` how it was attached.
   */
  | (Base & {
      type: 'held';
      socket: number;
      event: 'open' | 'message' | 'error' | 'close';
      pending: number;
      preview: UntimedSocketEvent;
      handler?: string;
      handlerName?: string;
    })
  /** Step mode: a held event is being delivered; `handler` is the source text of the code about to run. */
  | (Base & { type: 'deliver'; socket: number; event: 'open' | 'message' | 'error' | 'close'; handler?: string })
  /** The run's budget is spent: `count` events so far were not shown, to keep the page responsive (see sandbox/budget.ts). */
  | (Base & { type: 'dropped'; count: number })
  | (Base & { type: 'check'; ok: boolean; message: string })
  | (Base & { type: 'end'; reason: EndReason });

/** Why a run ended. */
export type EndReason = 'done' | 'stopped' | 'watchdog' | 'timeout' | 'crashed' | 'lost';

/** What an exercise check receives. */
export interface RunRecord {
  /** Console lines, as displayed. */
  logs: string[];
  events: RunEvent[];
  /** A page snippet's page at the end of the run (see sandbox/page-snapshot.ts). */
  page?: PageSnapshot;
}
