/** Learner edits, kept per snippet in localStorage so they survive a reload. */
import type { CodeStore, SavedCode } from '../../lib/playground-code.ts';

const PREFIX = 'ws-pas-a-pas:code:';

/** The page's CodeStore: localStorage, and nothing kept when storage is refused. */
export const localCodeStore: CodeStore = {
  load(id) {
    try {
      const raw = localStorage.getItem(PREFIX + id);
      const saved = raw ? (JSON.parse(raw) as SavedCode) : undefined;
      return typeof saved?.code === 'string' ? saved : undefined;
    } catch {
      return undefined;
    }
  },
  save(id, saved) {
    try {
      if (saved) localStorage.setItem(PREFIX + id, JSON.stringify(saved));
      else localStorage.removeItem(PREFIX + id);
    } catch {
      // Private browsing or a full quota: the edit simply won't survive a reload.
    }
  },
};
