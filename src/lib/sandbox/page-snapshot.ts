/**
 * What an exercise check sees of a page snippet (`run.page`, see snippets.ts): the page's visible
 * text and its elements, serialized in the page's frame at the end of the run, bounded, and
 * queried in the check's worker with a small selector matcher (no DOM there).
 */

/** Elements of the snapshot past this many are left out (a page that floods its own DOM). */
export const MAX_SNAPSHOT_ELEMENTS = 1000;
/** Characters kept of the page's text, and of each element's text. */
export const MAX_SNAPSHOT_TEXT = 20_000;

/** One element of the page, in document order. */
export interface SnapshotElement {
  tag: string;
  id: string;
  classes: string[];
  attrs: Record<string, string>;
  /** Its text as shown (innerText), trimmed. */
  text: string;
  /** A form field's current value. */
  value?: string;
  /** Index of its parent element in the list, -1 for children of <body>. */
  parent: number;
}

/** The page at the end of a run. */
export interface PageSnapshot {
  /** The visible text of the page (innerText of its body). */
  text: string;
  /** Its non-blank lines, trimmed: what `txt page-output` declares. */
  lines: string[];
  elements: SnapshotElement[];
}

/** The visible text lines of `text` (innerText): trimmed, blank ones dropped. */
export function visibleLines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** Serializes `body` (in the page's frame). */
export function snapshotPage(body: HTMLElement): PageSnapshot {
  const text = body.innerText.slice(0, MAX_SNAPSHOT_TEXT);
  const all = [...body.querySelectorAll('*')].slice(0, MAX_SNAPSHOT_ELEMENTS);
  const index = new Map(all.map((element, i) => [element, i]));
  const elements = all.map((element): SnapshotElement => {
    const attrs = Object.fromEntries([...element.attributes].map((a) => [a.name, a.value.slice(0, 200)]));
    const shown = element instanceof HTMLElement ? element.innerText : (element.textContent ?? '');
    const value = 'value' in element && typeof element.value === 'string' ? element.value.slice(0, 2000) : undefined;
    return {
      tag: element.tagName.toLowerCase(),
      id: element.id,
      classes: [...element.classList],
      attrs,
      text: shown.trim().slice(0, MAX_SNAPSHOT_TEXT),
      value,
      parent: element.parentElement ? (index.get(element.parentElement) ?? -1) : -1,
    };
  });
  return { text, lines: visibleLines(text), elements };
}

/**
 * Adds `query(selector)` and `queryAll(selector)` to a snapshot. Self-contained on purpose:
 * check.ts sends its source text into the check's worker. Selectors: `tag`, `#id`, `.class`,
 * `[attr]`, `[attr="v"]`, combined (`li.moi`), and descendants separated by spaces (`ul li`).
 */
export function addQueries<El extends Pick<SnapshotElement, 'tag' | 'id' | 'classes' | 'attrs' | 'parent'>>(page: { elements: El[] }) {
  const compound = (text: string) => {
    const parts = text.match(/^[\w-]+|#[\w-]+|\.[\w-]+|\[[\w-]+(?:="[^"]*"|='[^']*'|=[^\]]*)?\]/g) ?? [];
    if (parts.join('') !== text) throw new Error(`Sélecteur non pris en charge\u00a0: ${text}`);
    return (el: El) =>
      parts.every((part) => {
        if (part[0] === '#') return el.id === part.slice(1);
        if (part[0] === '.') return el.classes.includes(part.slice(1));
        if (part[0] === '[') {
          const [, name, value] = /^\[([\w-]+)(?:=["']?(.*?)["']?)?\]$/.exec(part) ?? [];
          return name in el.attrs && (value === undefined || el.attrs[name] === value);
        }
        return el.tag === part.toLowerCase();
      });
  };
  const matcher = (selector: string) => {
    const steps = selector.trim().split(/\s+/).map(compound);
    return (el: El) => {
      if (!steps[steps.length - 1](el)) return false;
      let step = steps.length - 2;
      for (let at = el.parent; at >= 0 && step >= 0; at = page.elements[at].parent) if (steps[step](page.elements[at])) step--;
      return step < 0;
    };
  };
  const view = (el: El): Omit<El, 'parent'> => {
    const { parent: _parent, ...rest } = el;
    return rest;
  };
  return Object.assign(page, {
    queryAll: (selector: string) => page.elements.filter(matcher(selector)).map(view),
    query: (selector: string) => {
      const found = page.elements.find(matcher(selector));
      return found ? view(found) : null;
    },
  });
}
