/**
 * The learner's progress: lessons read and exercises passed. Framework-free; the storage is
 * passed in so the logic can be tested without a browser.
 */

/** What is remembered between visits. */
export interface Progress {
  /** Lesson paths the learner has read to the end, e.g. `/client/fermer-proprement/`. */
  read: string[];
  /** Exercise ids that passed their check, e.g. `client/fermer-proprement#2`. */
  passed: string[];
}

const KEY = 'ws-pas-a-pas:progress';

/** Reads the progress from `storage`, tolerating anything malformed. */
export function loadProgress(storage: Pick<Storage, 'getItem'> | undefined): Progress {
  try {
    const parsed = JSON.parse(storage?.getItem(KEY) ?? '{}') as Partial<Progress>;
    const strings = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
    return { read: strings(parsed.read), passed: strings(parsed.passed) };
  } catch {
    return { read: [], passed: [] };
  }
}

/** Adds `item` to one list of the stored progress and returns the new progress. */
export function record(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined, list: keyof Progress, item: string): Progress {
  const progress = loadProgress(storage);
  if (!progress[list].includes(item)) progress[list].push(item);
  try {
    storage?.setItem(KEY, JSON.stringify(progress));
  } catch {
    // Storage full or forbidden: progress lasts until the page is left.
  }
  return progress;
}

/** The lesson path an exercise id belongs to. */
export function lessonOf(exerciseId: string): string {
  return `/${exerciseId.split('#')[0]}/`;
}

/** The storage key, for tests and for listening to changes from other tabs. */
export const PROGRESS_KEY = KEY;
