/**
 * /drop?after=MS: opens, then cuts the TCP connection without a close frame after MS ms
 * (default 500, clamped to 0–60000); the browser sees close code 1006 and wasClean false.
 */
import { clampedInt } from './params.ts';
import type { WebSocketRoute } from './route.ts';

/** The abrupt-disconnection demo endpoint. */
export const dropRoute: WebSocketRoute = {
  handle(ws, _req, url, channel) {
    const timer = setTimeout(() => channel.drop(), clampedInt(url, 'after', 500, 0, 60000));
    ws.on('close', () => clearTimeout(timer));
  },
};
