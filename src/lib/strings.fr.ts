/**
 * The French labels of the playground's interface. The sentences that narrate a run live in
 * narration.fr.ts, which the page loads only once the learner reaches for a playground.
 */
import type { EndReason } from './events.ts';

/** A count the French way: a narrow no-break space between thousands (« 2 950 »). */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

/** « 3 événements », « 1 événement »: the noun takes an s from 2 on. */
const plural = (n: number, noun: string) => `${formatCount(n)} ${noun}${s(n)}`;

/** The plural mark of a French word counting `count` things (0 and 1 take the singular). */
const s = (count: number) => (count > 1 ? 's' : '');

/** Every label of the playground, in French. */
export const ui = {
  expectedOutput: 'Sortie attendue',
  elided: '([…] : lignes omises)',
  showSolution: 'Voir la solution',
  backToMine: 'Revenir à mon code',
  showingSolution: 'Vous voyez la solution ; « Revenir à mon code » remet votre essai.',
  run: 'Exécuter',
  runHint: 'Ctrl+Entrée',
  step: 'Pas à pas',
  next: 'Suivant',
  stop: 'Arrêter',
  reset: 'Réinitialiser',
  solution: 'Solution',
  console: 'Console',
  timeline: 'Cycle de vie',
  preview: 'Aperçu',
  frames: 'Trames',
  outputTabs: "Sortie de l'exécution",
  emptyPreview: 'Cet exemple ne construit pas de page : son résultat est dans la console.',
  emptyFrames: 'Les trames échangées avec le serveur du cours apparaîtront ici.',
  editorLabel: 'Éditeur de code JavaScript',
  editorHint: "Ctrl+Entrée : exécuter · Échap puis Tab : sortir de l'éditeur",
  emptyConsole: 'Cliquez sur « Exécuter » pour lancer le code.',
  emptyTimeline: 'Les connexions ouvertes par le code apparaîtront ici.',
  browser: 'navigateur',
  server: 'serveur',
  toServer: 'navigateur → serveur',
  toBrowser: 'serveur → navigateur',
  inBrowser: 'dans le navigateur',
  connection: (n: number) => `Connexion n° ${n}`,
  readyState: 'readyState',
  bufferedAmount: 'bufferedAmount',
  narration: 'Pas à pas',
  stepWaiting: 'En attente du prochain événement réseau…',
  stepStart: 'Le code a été exécuté une première fois ; les événements réseau attendront « Suivant ».',
  pending: (count: number) =>
    count === 0 ? 'Aucun autre événement en attente.' : `${count} autre${s(count)} événement${s(count)} en attente.`,
  settings: 'Serveur',
  serverLabel: 'Adresse du serveur WebSocket',
  serverHelp: (fallback: string) =>
    `Tous les exemples du cours utiliseront ce serveur, par exemple celui de votre formateur (wss://exemple.fr). Par défaut : ${fallback}.`,
  serverUse: 'Utiliser ce serveur',
  serverDefault: 'Revenir au serveur du site',
  serverInvalid: 'Adresse invalide : écrivez par exemple wss://exemple.fr ou ws://localhost:8080.',
  serverCurrent: (server: string) => `Les exemples utilisent ${server}.`,
  running: 'Exécution en cours…',
  loadingEditor: "Chargement de l'éditeur…",
  loadFailed: "Impossible de charger l'exécution depuis le serveur du cours. Vérifiez la connexion, puis cliquez de nouveau sur « Exécuter ».",
  savedOlder:
    "Vous modifiez une version enregistrée de cet exemple ; le cours l'a mis à jour depuis. « Réinitialiser » charge la nouvelle version.",
  restored: 'Vos modifications ont été restaurées.',
  sandboxRestarted: "Le bac à sable s'était arrêté (mémoire épuisée ?) ; il a été relancé.",
  checkPassed: 'Réussi !',
  checkFailed: 'Pas encore :',
  dropped: (count: number, limit: number) =>
    `Limite de ${formatCount(limit)} messages par exécution atteinte : ${plural(count, 'message')} non affiché${s(count)} pour garder la page réactive.`,
  moreChars: (count: number) => `… (${plural(count, 'caractère')} de plus)`,
  syntaxError: (line: number, message: string) => `Erreur de syntaxe ligne ${line} : ${message}`,
  exception: (name: string, message: string, line?: number) =>
    line ? `${name} ligne ${line} : ${message}` : `${name} : ${message}`,
  truncated: (count: number) => `${formatCount(count)} ligne${s(count)} plus ancienne${s(count)} masquée${s(count)}.`,
  truncatedEvents: (count: number) => `${formatCount(count)} événement${s(count)} plus ancien${s(count)} masqué${s(count)}.`,
  hiddenSockets: (count: number) => `${plural(count, 'connexion')} de plus non affichée${s(count)}.`,
  ended: {
    done: 'Terminé : plus rien à attendre (toutes les connexions sont fermées).',
    stopped: 'Exécution arrêtée.',
    watchdog: 'Exécution arrêtée : le code ne rendait plus la main depuis 2 secondes (boucle infinie ?).',
    timeout: 'Exécution arrêtée au bout de 2 minutes.',
    crashed: "L'exécution s'est interrompue sur une erreur.",
    lost: "Le bac à sable s'est arrêté (mémoire épuisée ?) ; il a été relancé : cliquez de nouveau sur « Exécuter ».",
  } satisfies Record<EndReason, string>,
} as const;
