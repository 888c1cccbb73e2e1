/**
 * The server's French sentences, in one place: refusals, close reasons and log lines. Routes
 * that a lesson shows whole (echo, chat) keep theirs inline, where the learner reads them.
 */

/** Close reason of every WebSocket when the server stops (the README quotes it). */
export const SHUTDOWN_REASON = "Le serveur s'arrête";

/** Close reason of a connection silent for longer than IDLE_TIMEOUT. */
export const IDLE_REASON = 'Inactivité trop longue';

/** Bodies of the HTTP refusals that replace a long-lived connection. */
export const REFUSAL = {
  stopping: "Le serveur s'arrête.",
  tooManyOnServer: 'Trop de connexions sur ce serveur.',
  overloaded: 'Serveur saturé : trop de données en attente d’envoi.',
  tooManyFromAddress: 'Trop de connexions depuis votre adresse.',
  badRequest: 'Requête invalide.',
  origin: (origin: string | undefined) => `Origine refusée : ${origin}. Voir --allowed-origins.`,
  noRoute: (path: string) => `Aucun point d’accès WebSocket à ${path}.`,
} as const;

/** What the /close and /reject demo endpoints say. */
export const DEMO = {
  badCloseCode: (code: string | undefined) =>
    `Code invalide : ${code}. Autorisés : 1000, 1001, 1003, 1007 à 1014, 3000 à 4999.`,
  reasonTooLong: (max: number) => `Raison trop longue : ${max} octets au plus.`,
  badStatus: 'Paramètre status invalide : un entier entre 400 et 599 est attendu.',
  rejected: (status: number) => `Connexion refusée volontairement (démonstration, statut ${status}).`,
} as const;

/** The comment line that opens each Server-Sent Events stream of the lab. */
export const STREAM_OPENING = 'flux des mises à jour';

/** Log line once the server has stopped. */
export const STOPPED = 'arrêt terminé';

/** Log lines about Redis (REDIS_URL): each change of state is said once. */
export const REDIS_LOG = {
  unreachableAtStart: 'Redis injoignable (REDIS_URL) : les salons restent locaux à cette instance jusqu’à son retour.',
  connected: 'Redis connecté : salons, flux du labo et plafonds par adresse partagés entre les instances.',
  lost: 'Redis perdu : les salons redeviennent locaux à cette instance jusqu’à son retour.',
  back: 'Redis de retour : salons, flux du labo et plafonds par adresse de nouveau partagés.',
} as const;
