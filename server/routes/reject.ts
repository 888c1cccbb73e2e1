/**
 * /reject?status=S: the handshake is refused with HTTP status S (default 403, allowed 400–599)
 * and a short French body; a status outside that range is itself answered with 400.
 * In the browser this shows as `error` then `close` with code 1006: the page never sees S.
 */
import { DEMO } from '../messages.fr.ts';
import { strictInt } from './params.ts';
import type { WebSocketRoute } from './route.ts';

/** The refused-handshake demo endpoint. */
export const rejectRoute: WebSocketRoute = {
  refuse(_req, url) {
    const status = strictInt(url, 'status', 403);
    if (!(status >= 400 && status <= 599)) {
      return { status: 400, body: DEMO.badStatus };
    }
    return { status, body: DEMO.rejected(status) };
  },
  handle() {
    // Never reached: refuse() always answers.
  },
};
