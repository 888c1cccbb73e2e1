/**
 * The output tabs of a playground, without any DOM: their names in order, which one opens first,
 * and where the arrow keys lead (the ARIA tabs pattern, as in Starlight's Tabs).
 */

/** The output panels, in tab order; each is `[role=tabpanel][data-panel=NAME]` in the markup. */
export const PANELS = ['console', 'lifecycle', 'preview', 'frames'] as const;
/** One output panel. */
export type PanelName = (typeof PANELS)[number];

/** The localStorage key of the learner's last chosen tab (one choice for the whole course). */
export const TAB_KEY = 'ws-pas-a-pas:tab';

/** True for a known panel name. */
export function isPanel(name: unknown): name is PanelName {
  return (PANELS as readonly unknown[]).includes(name);
}

/**
 * The tab a playground opens on: the learner's last choice, except that « Aperçu » is only worth
 * opening on a snippet that builds a page, and a snippet that builds one opens on it.
 */
export function initialTab(stored: unknown, hasPage: boolean): PanelName {
  if (hasPage) return 'preview';
  return isPanel(stored) && stored !== 'preview' ? stored : 'console';
}

/** The tab a key moves to from `current` (ArrowLeft/Right wrap, Home, End), or undefined for other keys. */
export function tabAfterKey(current: PanelName, key: string): PanelName | undefined {
  const at = PANELS.indexOf(current);
  const to = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: PANELS.length - 1 }[key];
  return to === undefined ? undefined : PANELS[(to + PANELS.length) % PANELS.length];
}
