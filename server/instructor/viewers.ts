/**
 * The WebSockets of the instructor's pages: at most MAX_VIEWERS at once, each sent the board
 * every second. Viewers only listen; a page that stops reading, or stops answering pings, is cut.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOO_MANY_VIEWERS } from '../messages.fr.ts';

/** Instructor pages open at once, across all tabs and people. */
export const MAX_VIEWERS = 8;
/** Unsent bytes tolerated for one viewer (about a minute of boards) before it is cut. */
export const MAX_VIEWER_BACKLOG = 256 * 1024;
/** Broadcasts between two pings; a viewer that did not answer the previous one is cut. */
const PING_EVERY = 15;

/** The viewers of one server. */
export interface Viewers {
  /** Completes the handshake of an authorised viewer and sends it `first` at once (or closes it with 1013 when full). */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, first: () => string): void;
  /** Sends `text` to every viewer. */
  broadcast(text: string): void;
  /** Viewers open now. */
  readonly size: number;
  /** Closes every viewer with 1001. */
  close(reason: string): void;
}

function destroySocket(this: Duplex): void {
  this.destroy();
}

/** Creates the viewers' door. */
export function createViewers(): Viewers {
  const wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: 1024 });
  const open = new Map<WebSocket, { alive: boolean }>();
  let beats = 0;

  return {
    accept(req, socket, head, first) {
      socket.on('error', destroySocket);
      wss.handleUpgrade(req, socket, head, (ws) => {
        socket.off('error', destroySocket);
        ws.on('error', () => ws.terminate());
        // Accepted, then closed: a page can read a close reason, never a refused handshake's body.
        if (open.size >= MAX_VIEWERS) return ws.close(1013, TOO_MANY_VIEWERS(MAX_VIEWERS));
        const state = { alive: true };
        open.set(ws, state);
        ws.on('pong', () => (state.alive = true));
        ws.on('close', () => open.delete(ws));
        ws.send(first());
      });
    },
    broadcast(text) {
      const ping = ++beats % PING_EVERY === 0;
      for (const [ws, state] of open) {
        if (ws.readyState !== 1) continue;
        if (ws.bufferedAmount > MAX_VIEWER_BACKLOG || (ping && !state.alive)) {
          ws.terminate();
          continue;
        }
        ws.send(text);
        if (ping) {
          state.alive = false;
          ws.ping();
        }
      }
    },
    get size() {
      return open.size;
    },
    close(reason) {
      for (const ws of open.keys()) ws.close(1001, reason);
    },
  };
}
