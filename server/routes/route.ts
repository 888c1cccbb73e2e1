/** The tiny interface between a WebSocket route and the server that mounts it. */
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';

/** What a route may do with its connection besides using the socket directly. */
export interface Channel {
  /** Sends unless the peer is too far behind; returns false when nothing was sent. */
  send(data: Buffer | string, binary: boolean): boolean;
  /** Closes from the server side, recording the code for logs and metrics. */
  close(code: number, reason: string): void;
  /** Cuts the TCP connection with no close frame (the peer sees 1006). */
  drop(): void;
  /** The room this connection joined ('' outside /chat): the instructor's view counts members by it. */
  room: string;
}

/** Runs once the WebSocket is open; knows nothing of the HTTP listener. */
export type RouteHandler = (ws: WebSocket, req: IncomingMessage, url: URL, channel: Channel) => void;

/** An HTTP answer that replaces the upgrade. */
export type Refusal = { status: number; body: string };

/** One WebSocket endpoint. */
export interface WebSocketRoute {
  /** Called with each open connection. */
  handle?: RouteHandler;
  /**
   * Called with each message, once counted and rate-limited. A route that only answers
   * messages uses this rather than a listener of its own: one listener per socket instead of two.
   */
  message?: (channel: Channel, data: Buffer, isBinary: boolean) => void;
  /** Subprotocols this route speaks; the first one the client offers that is listed here wins. */
  protocols?: readonly string[];
  /** Decides before the upgrade whether to refuse the handshake with an HTTP status. */
  refuse?: (req: IncomingMessage, url: URL) => Refusal | undefined;
}

/** Picks the first offered subprotocol the route knows, or false for none. */
export function selectProtocol(offered: Set<string>, known: readonly string[] | undefined): string | false {
  if (!known) return false;
  for (const protocol of offered) if (known.includes(protocol)) return protocol;
  return false;
}
