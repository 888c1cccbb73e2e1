/**
 * The output tabs' behaviour on their build-time markup: click or arrow keys select a tab
 * (roving tabindex, as in Starlight's Tabs), and the choice is remembered for the whole course.
 */
import { initialTab, isPanel, PANELS, TAB_KEY, tabAfterKey, type PanelName } from '../../lib/playground-tabs.ts';

/** Selects tabs in one playground's tab list. */
export class OutputTabs {
  #tablist: HTMLElement;
  #panels: Record<PanelName, HTMLElement>;
  #current: PanelName = 'console';

  constructor(tablist: HTMLElement, panels: Record<PanelName, HTMLElement>, hasPage: boolean) {
    this.#tablist = tablist;
    this.#panels = panels;
    tablist.addEventListener('click', (event) => {
      const name = (event.target as Element).closest<HTMLElement>('[role="tab"]')?.dataset.tab;
      if (isPanel(name)) this.select(name, { remember: true });
    });
    tablist.addEventListener('keydown', (event) => {
      const to = tabAfterKey(this.#current, event.key);
      if (!to) return;
      event.preventDefault();
      this.select(to, { remember: true, focus: true });
    });
    this.select(initialTab(readChoice(), hasPage));
  }

  /** The selected tab. */
  get current(): PanelName {
    return this.#current;
  }

  /** Shows panel `name`; `remember` keeps it as the learner's choice, `focus` moves focus to its tab. */
  select(name: PanelName, how: { remember?: boolean; focus?: boolean } = {}): void {
    this.#current = name;
    for (const other of PANELS) {
      const tab = this.#tab(other);
      const selected = other === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      this.#panels[other].hidden = !selected;
    }
    if (how.focus) this.#tab(name).focus();
    if (how.remember) saveChoice(name);
  }

  #tab(name: PanelName): HTMLElement {
    return this.#tablist.querySelector<HTMLElement>(`[role="tab"][data-tab="${name}"]`)!;
  }
}

function readChoice(): string | null {
  try {
    return localStorage.getItem(TAB_KEY);
  } catch {
    return null;
  }
}

function saveChoice(name: PanelName): void {
  try {
    localStorage.setItem(TAB_KEY, name);
  } catch {
    // Without storage the choice lasts until the page is left.
  }
}
