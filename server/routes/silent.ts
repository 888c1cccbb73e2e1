/**
 * /silent: accepts the connection, reads what the client sends, and never answers. The
 * heartbeat lessons need a peer that stays connected but says nothing, so that the learner's
 * own timeout is what ends the connection.
 */
import type { WebSocketRoute } from './route.ts';

/** The silent endpoint: messages are still counted and rate-limited by the server, then ignored. */
export const silentRoute: WebSocketRoute = {
  message() {},
};
