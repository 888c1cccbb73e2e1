/**
 * The browser's WebSocket API, member by member, explained in French: the one table that the
 * editor's completion and hover read. Close codes are not repeated here: they come from
 * shared/close-codes.ts, which the lifecycle narration uses too.
 */
import { explainCloseCode } from '../../shared/close-codes.ts';
import { READY_STATES } from './events.ts';

/** What a name is, for the completion list's icon and the hover's first line. */
export type ApiKind = 'property' | 'method' | 'handler' | 'constant' | 'field' | 'value';

/** How the hover names each kind. */
export const KIND_LABELS: Record<ApiKind, string> = {
  property: 'propriété',
  method: 'méthode',
  handler: 'gestionnaire d’événement',
  constant: 'constante',
  field: 'champ de l’événement',
  value: 'valeur',
};

/** One documented name. */
export interface ApiEntry {
  name: string;
  kind: ApiKind;
  /** How it is written when used, e.g. `close(code, reason)`. */
  signature: string;
  /** One or two French sentences. */
  doc: string;
  /** What completion inserts, when it differs from the name. */
  insert?: string;
}

/** Why open and error fire, in the words the lifecycle narration uses too (narration.fr.ts). */
export const EVENT_CAUSES = {
  open: 'le serveur a accepté la poignée de main',
  error: "le navigateur fait échouer la connexion (elle n'a pas pu s'établir, ou l'autre côté a enfreint le protocole)",
} as const;

/** The four events, in the protocol's words; each handler's documentation says when it fires. */
export const EVENT_DOCS = {
  open: `Se déclenche quand ${EVENT_CAUSES.open} : readyState vaut alors 1 (OPEN) et send() est permis.`,
  message: 'Se déclenche à chaque message reçu ; event.data est une chaîne pour un message texte, un Blob ou un ArrayBuffer (selon binaryType) pour un message binaire.',
  error: `Se déclenche quand ${EVENT_CAUSES.error} ; le navigateur ne dit jamais pourquoi. Un événement close suit toujours.`,
  close: 'Se déclenche une fois, quand la connexion est fermée ; event.code, event.reason et event.wasClean disent comment.',
} as const;

/** The events' names. */
export type EventName = keyof typeof EVENT_DOCS;

const state = (value: number): ApiEntry => ({
  name: READY_STATES[value],
  kind: 'constant',
  signature: `WebSocket.${READY_STATES[value]} = ${value}`,
  doc: `Valeur ${value} de readyState.`,
});

/** Members of a WebSocket object, in the order a learner meets them. */
export const SOCKET_MEMBERS: readonly ApiEntry[] = [
  { name: 'send', kind: 'method', signature: 'send(data)', insert: 'send(', doc: 'Met un message en file d’envoi : une chaîne part en trame texte ; ArrayBuffer, vue typée ou Blob en trame binaire. Lève InvalidStateError tant que readyState vaut 0 (CONNECTING).' },
  { name: 'close', kind: 'method', signature: 'close(code, reason)', insert: 'close(', doc: 'Demande la fermeture. Donnez toujours un code : 1000 (normal) ou un code de 3000 à 4999 ; la raison tient en 123 octets UTF-8 au plus.' },
  { name: 'onopen', kind: 'handler', signature: 'onopen = (event) => { … }', doc: EVENT_DOCS.open },
  { name: 'onmessage', kind: 'handler', signature: 'onmessage = (event) => { … }', doc: EVENT_DOCS.message },
  { name: 'onerror', kind: 'handler', signature: 'onerror = (event) => { … }', doc: EVENT_DOCS.error },
  { name: 'onclose', kind: 'handler', signature: 'onclose = (event) => { … }', doc: EVENT_DOCS.close },
  { name: 'readyState', kind: 'property', signature: 'readyState: 0 | 1 | 2 | 3', doc: 'L’état de la connexion, en lecture seule : 0 (CONNECTING), 1 (OPEN), 2 (CLOSING) ou 3 (CLOSED).' },
  { name: 'bufferedAmount', kind: 'property', signature: 'bufferedAmount: number', doc: 'Octets passés à send() mais pas encore partis sur le réseau. C’est la seule contre-pression de l’API : attendez qu’il baisse avant d’envoyer davantage.' },
  { name: 'binaryType', kind: 'property', signature: "binaryType: 'blob' | 'arraybuffer'", doc: 'La forme des messages binaires reçus : "blob" (par défaut) ou "arraybuffer", plus simple à lire avec DataView.' },
  { name: 'protocol', kind: 'property', signature: 'protocol: string', doc: 'Le sous-protocole que le serveur a choisi parmi ceux que la page a proposés ; chaîne vide si la page n’en a proposé aucun.' },
  { name: 'extensions', kind: 'property', signature: 'extensions: string', doc: 'Les extensions négociées à l’ouverture, par exemple "permessage-deflate" ; chaîne vide sinon.' },
  { name: 'url', kind: 'property', signature: 'url: string', doc: 'L’adresse de la connexion, absolue, telle que le navigateur l’a résolue.' },
  { name: 'addEventListener', kind: 'method', signature: "addEventListener('open' | 'message' | 'error' | 'close', listener)", insert: 'addEventListener(', doc: 'Ajoute un écouteur sans remplacer les autres, contrairement à onopen, onmessage… qui n’en gardent qu’un.' },
  { name: 'removeEventListener', kind: 'method', signature: 'removeEventListener(type, listener)', insert: 'removeEventListener(', doc: 'Retire un écouteur ajouté par addEventListener (la même fonction).' },
  ...[0, 1, 2, 3].map(state),
];

/** Static members of the WebSocket constructor. */
export const CONSTRUCTOR_MEMBERS: readonly ApiEntry[] = [0, 1, 2, 3].map(state);

/** Fields of the events a handler receives: CloseEvent, MessageEvent, and what every event has. */
export const EVENT_FIELDS: readonly ApiEntry[] = [
  { name: 'data', kind: 'field', signature: 'event.data', doc: 'Dans un événement message : le contenu reçu, une chaîne ou des données binaires (Blob ou ArrayBuffer selon binaryType).' },
  { name: 'code', kind: 'field', signature: 'event.code', doc: 'Dans un événement close : le code de fermeture. 1000 est normal, 1006 veut dire coupée sans trame de fermeture ; survolez un code pour son sens.' },
  { name: 'reason', kind: 'field', signature: 'event.reason', doc: 'Dans un événement close : la raison donnée avec le code, souvent vide.' },
  { name: 'wasClean', kind: 'field', signature: 'event.wasClean', doc: 'Dans un événement close : true si les deux côtés ont échangé leurs trames de fermeture, false si la connexion a été coupée.' },
  { name: 'target', kind: 'field', signature: 'event.target', doc: 'Le WebSocket qui a émis l’événement.' },
  { name: 'type', kind: 'field', signature: 'event.type', doc: 'Le nom de l’événement : "open", "message", "error" ou "close".' },
];

/** Values that binaryType accepts. */
export const BINARY_TYPES: readonly ApiEntry[] = [
  { name: 'blob', kind: 'value', signature: '"blob"', insert: '"blob"', doc: 'Par défaut : les messages binaires arrivent en Blob, à lire de façon asynchrone (await data.arrayBuffer()).' },
  { name: 'arraybuffer', kind: 'value', signature: '"arraybuffer"', insert: '"arraybuffer"', doc: 'Les messages binaires arrivent en ArrayBuffer, lisibles tout de suite avec DataView ou un tableau typé.' },
];

/** The close codes a page may send with close(), each with its meaning. */
export const SENDABLE_CLOSE_CODES: readonly ApiEntry[] = [1000, 3000, 4000].map((code) => ({
  name: String(code),
  kind: 'value',
  signature: code === 1000 ? '1000' : `${code}–${code + 999}`,
  doc: `${explainCloseCode(code)}.`,
}));

/** The documentation of a close code, for hovering a number inside close(…) or next to event.code. */
export function closeCodeDoc(code: number): string | undefined {
  if (code < 1000 || code > 4999) return undefined;
  const sendable = code === 1000 || code >= 3000;
  return `Code ${code} : ${explainCloseCode(code)}.${sendable ? '' : ' Réservé au protocole : une page ne peut pas l’envoyer avec close().'}`;
}

/** The entry a name refers to after a dot, looked up in the tables above. */
export function memberDoc(name: string): ApiEntry | undefined {
  return SOCKET_MEMBERS.find((entry) => entry.name === name) ?? EVENT_FIELDS.find((entry) => entry.name === name);
}
