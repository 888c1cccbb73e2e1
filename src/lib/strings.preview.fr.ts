/** French strings of « Aperçu », the page a page snippet builds (see page-runner.ts). */
export const previewText = {
  /** The tab and panel title. */
  preview: 'Aperçu',
  expectedPage: 'Page attendue',
  pageHtml: 'HTML de la page',
  pageCss: 'CSS de la page',
  frameTitle: 'Aperçu de la page (bac à sable)',
  empty: "Cliquez sur « Exécuter » : la page de cet exemple s'affichera ici.",
  removed: 'La page ne répondait plus : elle a été retirée. Corrigez le code, puis cliquez de nouveau sur « Exécuter ».',
  /** The error a loop guard throws (loop-guard.ts): the loop ran this long without giving the page back. */
  loopStopped: (seconds: number) =>
    `Boucle interrompue : elle tournait depuis ${seconds} s sans rendre la main (boucle infinie ?).`,
} as const;
