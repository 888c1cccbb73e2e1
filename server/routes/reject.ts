/**
 * /reject?status=S: the handshake is refused with HTTP status S (default 403, allowed 400–599)
 * and a short French body; a status outside that range is itself answered with 400.
 * In the browser this shows as `error` then `close` with code 1006: the page never sees S.
 */
import { strictInt } from './params.ts';
import type { WebSocketRoute } from './route.ts';

/** The refused-handshake demo endpoint. */
export const rejectRoute: WebSocketRoute = {
  refuse(_req, url) {
    const status = strictInt(url, 'status', 403);
    if (!(status >= 400 && status <= 599)) {
      return { status: 400, body: 'Paramètre status invalide : un entier entre 400 et 599 est attendu.' };
    }
    return { status, body: `Connexion refusée volontairement (démonstration, statut ${status}).` };
  },
  handle() {
    // Never reached: refuse() always answers.
  },
};
