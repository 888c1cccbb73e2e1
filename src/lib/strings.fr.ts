/** Every French string of the playground's interface, in one place. */
import type { EndReason, ReadyStateName, RunEvent } from './events.ts';
import { READY_STATES } from './events.ts';
import { explainCloseCode } from './close-codes.ts';

export const ui = {
  expectedOutput: 'Sortie attendue',
  showSolution: 'Voir la solution',
  run: 'Exécuter',
  runHint: 'Ctrl+Entrée',
  step: 'Pas à pas',
  next: 'Suivant',
  stop: 'Arrêter',
  reset: 'Réinitialiser',
  solution: 'Solution',
  console: 'Console',
  timeline: 'Cycle de vie',
  editorLabel: 'Éditeur de code JavaScript',
  emptyConsole: 'Cliquez sur « Exécuter » pour lancer le code.',
  running: 'Exécution en cours…',
  loadingEditor: "Chargement de l'éditeur…",
  savedOlder:
    'Vous modifiez une version enregistrée de cet exemple ; le cours l’a mis à jour depuis. « Réinitialiser » charge la nouvelle version.',
  restored: 'Vos modifications ont été restaurées.',
  checkPassed: 'Réussi !',
  checkFailed: 'Pas encore :',
  dropped: (count: number) => `${count} événements non affichés pour garder la page réactive.`,
  syntaxError: (line: number, message: string) => `Erreur de syntaxe ligne ${line} : ${message}`,
  exception: (name: string, message: string, line?: number) =>
    line ? `${name} ligne ${line} : ${message}` : `${name} : ${message}`,
  truncated: (count: number) => `${count} lignes plus anciennes masquées.`,
  ended: {
    done: 'Terminé : plus rien à attendre (toutes les connexions sont fermées).',
    stopped: 'Exécution arrêtée.',
    watchdog: 'Exécution arrêtée : le code ne rendait plus la main depuis 2 secondes (boucle infinie ?).',
    timeout: 'Exécution arrêtée au bout de 2 minutes.',
    crashed: "L'exécution s'est interrompue sur une erreur.",
  } satisfies Record<EndReason, string>,
} as const;

/** `1 (OPEN)`, the way the timeline names a readyState. */
export function stateName(state: number): string {
  return `${state} (${READY_STATES[state] as ReadyStateName})`;
}

/** `1 octet`, `12 octets`. */
export function octets(size: number): string {
  return `${size} octet${size > 1 ? 's' : ''}`;
}

/** One French sentence per lifecycle event, for the timeline and the « Pas à pas » narration. */
export function describe(event: RunEvent): string {
  switch (event.type) {
    case 'socket':
      return `new WebSocket("${event.url}") : la poignée de main commence, readyState ${stateName(0)}.`;
    case 'open':
      return `open : le serveur a accepté la poignée de main, readyState passe à ${stateName(1)}, le navigateur appelle onopen.`;
    case 'message':
      return `message : ${octets(event.size)} reçu${event.size > 1 ? 's' : ''}${event.binary ? ' (binaire)' : ''}, le navigateur appelle onmessage avec event.data.`;
    case 'send':
      return `send() : ${octets(event.size)} mis en file d'envoi (bufferedAmount : ${event.bufferedAmount}).`;
    case 'error':
      return "error : la connexion a échoué ou s'est rompue ; le navigateur ne donne volontairement aucun détail.";
    case 'closing':
      return `close(${event.code ?? ''}) : fermeture demandée, readyState passe à ${stateName(2)}.`;
    case 'close':
      return `close : code ${event.code} (${explainCloseCode(event.code)})${event.reason ? `, raison « ${event.reason} »` : ''}, wasClean ${event.wasClean}. readyState passe à ${stateName(3)}.`;
    case 'held':
      return `Événement « ${event.event} » en attente : cliquez sur « Suivant » pour le délivrer.`;
    case 'deliver':
      return `Le navigateur délivre l'événement « ${event.event} ».`;
    default:
      return '';
  }
}
