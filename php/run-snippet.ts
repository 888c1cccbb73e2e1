/**
 * Runs a lesson's client snippet in Node 24 the way the course's runner does in a browser
 * worker: global WebSocket and timers, console lines formatted by the playground's own
 * formatter, and the run ends once every socket is closed and no timer is pending.
 */
import { formatArgs } from '../src/lib/sandbox/format.ts';

/** What a run printed, and whether it ended by itself. */
export interface SnippetRun {
  logs: string[];
  /** False when the time limit cut it short. */
  finished: boolean;
}

/** Executes `code` and resolves with its console lines (errors included as `Name: message`). */
export function runSnippet(code: string, timeoutMs = 10_000): Promise<SnippetRun> {
  return new Promise((resolve) => {
    const logs: string[] = [];
    const sockets = new Set<WebSocket>();
    const timers = new Set<ReturnType<typeof setTimeout>>();
    let ended = false;
    const end = (finished: boolean) => {
      if (ended) return;
      ended = true;
      clearTimeout(limit);
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.close();
      process.off('uncaughtException', onError);
      resolve({ logs, finished });
    };
    const check = () => setImmediate(() => sockets.size === 0 && timers.size === 0 && end(true));
    const limit = setTimeout(() => end(false), timeoutMs);

    class TracedWebSocket extends WebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        sockets.add(this);
        this.addEventListener('close', () => {
          sockets.delete(this);
          check();
        });
      }
    }
    const log = (...args: unknown[]) => logs.push(formatArgs(args));
    const console = { log, info: log, warn: log, error: log, debug: log };
    const setTimeoutTraced = (fn: () => void, ms?: number, ...args: unknown[]) => {
      const t = setTimeout(() => {
        timers.delete(t);
        try {
          fn(...(args as []));
        } finally {
          check();
        }
      }, ms);
      timers.add(t);
      return t;
    };
    const setIntervalTraced = (fn: () => void, ms?: number) => {
      const t = setInterval(fn, ms);
      timers.add(t);
      return t;
    };
    const clear = (t: ReturnType<typeof setTimeout>) => {
      clearTimeout(t);
      timers.delete(t);
      check();
    };
    const onError = (error: unknown) => logs.push(formatArgs([error]));
    process.on('uncaughtException', onError);
    const globals = {
      console,
      WebSocket: TracedWebSocket,
      setTimeout: setTimeoutTraced,
      setInterval: setIntervalTraced,
      clearTimeout: clear,
      clearInterval: clear,
    };
    try {
      new Function(...Object.keys(globals), code)(...Object.values(globals));
    } catch (error) {
      onError(error);
    }
    check();
  });
}
