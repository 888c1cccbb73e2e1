/** The French sentences that tell a run's story: the timeline's steps and « Pas à pas ». */
import type { ReadyStateName, RunEvent, SocketEvent, UntimedSocketEvent } from './events.ts';
import { READY_STATES } from './events.ts';
import { explainCloseCode } from '../../shared/close-codes.ts';
import { EVENT_CAUSES } from './websocket-api.fr.ts';
import { ui } from './strings.fr.ts';

/** `1 (OPEN)`, the way the timeline names a readyState. */
export function stateName(state: number): string {
  return `${state} (${READY_STATES[state] as ReadyStateName})`;
}

/** The sentence's first letter in upper case. */
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** `1 octet`, `12 octets`, with the narrow no-break space French puts between a number and its unit. */
export function octets(size: number): string {
  return `${size} octet${size > 1 ? 's' : ''}`;
}

/** One French sentence per lifecycle event, for the timeline and the « Pas à pas » narration. */
export function describe(event: RunEvent): string {
  switch (event.type) {
    case 'socket':
      return `new WebSocket("${event.url}") : la poignée de main commence, readyState ${stateName(0)}.`;
    case 'open':
      return `open : ${EVENT_CAUSES.open}, readyState passe à ${stateName(1)}, le navigateur appelle onopen.`;
    case 'message':
      return `message : ${octets(event.size)} reçu${event.size > 1 ? 's' : ''}${event.binary ? ' (binaire)' : ''}, le navigateur appelle onmessage avec event.data.`;
    case 'send':
      return `send() : ${octets(event.size)} mis en file d'envoi (bufferedAmount : ${event.bufferedAmount}).`;
    case 'error':
      return `error : ${EVENT_CAUSES.error} ; il ne donne volontairement aucun détail.`;
    case 'closing':
      return `close(${event.code ?? ''}) : fermeture demandée, readyState passe à ${stateName(2)}.`;
    case 'close':
      return `close : code ${event.code} (${explainCloseCode(event.code)})${event.reason ? `, raison « ${event.reason} »` : ''}, wasClean ${event.wasClean}. readyState passe à ${stateName(3)}.`;
    case 'held':
      return `Événement « ${event.event} » en attente : cliquez sur « Suivant » pour le laisser passer.`;
    case 'deliver':
      return `Le navigateur transmet l'événement « ${event.event} ».`;
    default:
      return '';
  }
}

/** Who the event travels from and to, for the sequence view. */
export function direction(event: SocketEvent): 'out' | 'in' {
  return event.type === 'socket' || event.type === 'send' || event.type === 'closing' ? 'out' : 'in';
}

/** The short label drawn on the sequence's arrow. */
export function arrowLabel(event: SocketEvent): string {
  switch (event.type) {
    case 'socket':
      return `poignée de main (GET, Upgrade: websocket)${event.protocols.length ? ` · ${event.protocols.join(', ')}` : ''}`;
    case 'open':
      return `101 Switching Protocols → open${event.protocol ? ` · protocole ${event.protocol}` : ''}`;
    case 'message':
      return `message · ${octets(event.size)}${event.binary ? ' · binaire' : ''}`;
    case 'send':
      return `send() · ${octets(event.size)}${event.binary ? ' · binaire' : ''}`;
    case 'error':
      return 'error';
    case 'closing':
      return `trame de fermeture${event.code !== undefined ? ` · code ${event.code}` : ''}`;
    case 'close':
      return `close · code ${event.code}${event.wasClean ? '' : ' · connexion coupée'}`;
  }
}

/**
 * « Pas à pas »: what just happened and why, before the handler runs, e.g.
 * « Le serveur a accepté la poignée de main : readyState passe à 1 (OPEN), le navigateur appelle onopen. »
 */
export function narrate(event: UntimedSocketEvent, handlerName?: string): string {
  const calls = handlerName
    ? `le navigateur appelle ${handlerName}`
    : "aucun gestionnaire n'écoute cet événement, il passe sans effet";
  const who = event.socket > 1 ? `${ui.connection(event.socket)} : ` : '';
  switch (event.type) {
    case 'open':
      return `${who}${capitalized(EVENT_CAUSES.open)} : readyState passe à ${stateName(1)}, ${calls}.`;
    case 'message': {
      const shown = event.data.length > 80 ? `${event.data.slice(0, 80)}…` : event.data;
      const kind = event.binary ? 'binaire' : 'texte';
      return `${who}Un message ${kind} de ${octets(event.size)} est arrivé du serveur : ${calls}${handlerName ? ` avec event.data = ${event.binary ? shown : JSON.stringify(shown)}` : ''}.`;
    }
    case 'error':
      return `${who}${capitalized(EVENT_CAUSES.error)} : ${calls} ; par sécurité, il ne dit pas pourquoi.`;

    case 'close':
      return `${who}La connexion est fermée (code ${event.code} : ${explainCloseCode(event.code)}${event.reason ? `, raison « ${event.reason} »` : ''}, wasClean ${event.wasClean}) : readyState passe à ${stateName(3)}, ${calls}.`;
    default:
      return `${who}${describe(event as RunEvent)}`;
  }
}
