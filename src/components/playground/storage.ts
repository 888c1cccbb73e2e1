/** Learner edits, kept per snippet in localStorage so they survive a reload. */

const PREFIX = 'ws-pas-a-pas:code:';

/** An edit, with a fingerprint of the lesson code it started from. */
export interface SavedCode {
  code: string;
  origin: string;
}

/** A short fingerprint of a text, to notice that a lesson's code changed since an edit. */
export function fingerprint(text: string): string {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = ((hash << 5) + hash + text.charCodeAt(i)) | 0;
  return (hash >>> 0).toString(36);
}

/** The learner's saved code for a snippet, if any. */
export function loadCode(id: string): SavedCode | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + id);
    const saved = raw ? (JSON.parse(raw) as SavedCode) : undefined;
    return typeof saved?.code === 'string' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Saves (or, with undefined, forgets) the learner's code for a snippet. */
export function saveCode(id: string, saved: SavedCode | undefined): void {
  try {
    if (saved) localStorage.setItem(PREFIX + id, JSON.stringify(saved));
    else localStorage.removeItem(PREFIX + id);
  } catch {
    // Private browsing or a full quota: the edit simply won't survive a reload.
  }
}
