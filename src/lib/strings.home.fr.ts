/** French strings of the home page's live demo and outline (the page's prose stays in index.mdx). */
export const homeText = {
  start: 'Ouvrir une connexion',
  again: 'Recommencer',
  greeting: 'Bonjour !',
  /** One line per step of the lifecycle, keyed by what happened. */
  connecting: (url: string) => `new WebSocket("${url}")\u00a0: la poignée de main commence.`,
  open: (text: string) => `Le serveur a accepté. La page envoie «\u00a0${text}\u00a0».`,
  message: (text: string) => `Le serveur renvoie «\u00a0${text}\u00a0». La page demande la fermeture.`,
  closing: 'close(1000) est appelé\u00a0: la trame de fermeture part.',
  closed: (code: number, clean: boolean) => `Fermée avec le code ${code}${clean ? ', proprement' : ', sans poignée de main de fermeture'}.`,
  error: 'Le serveur est injoignable. Vérifiez son adresse dans les réglages d’un exemple.',
  server: (url: string) => `Serveur utilisé\u00a0: ${url}`,
  lessons: (n: number) => `${n} leçon${n > 1 ? 's' : ''}`,
  exercises: (n: number) => `${n} exercice${n > 1 ? 's' : ''}`,
};
