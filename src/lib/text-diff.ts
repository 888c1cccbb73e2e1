/**
 * The smallest replacements that turn one text into another, for editors that must keep what did
 * not change: highlighting in the typing layer, and one undo step in Monaco when it takes over.
 */

/** Replace `before.slice(from, to)` with `text`. */
export interface Hunk {
  from: number;
  to: number;
  text: string;
}

/** True for the first half of a UTF-16 surrogate pair: a cut must not fall just after it. */
const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** One hunk covering everything between the common start and the common end, or undefined when equal. */
export function changedSpan(before: string, after: string): Hunk | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  if (end > 0 && isHighSurrogate(before.charCodeAt(before.length - 1 - end))) end--;
  return { from: start, to: before.length - end, text: after.slice(start, after.length - end) };
}

/**
 * Hunks line by line when both texts have as many lines (a server address rewritten on two lines
 * leaves the lines between alone), else one hunk; in ascending order, none overlapping.
 */
export function lineHunks(before: string, after: string): Hunk[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) {
    const hunk = changedSpan(before, after);
    return hunk ? [hunk] : [];
  }
  const hunks: Hunk[] = [];
  let at = 0;
  a.forEach((line, i) => {
    const hunk = changedSpan(line, b[i]);
    if (hunk) hunks.push({ from: at + hunk.from, to: at + hunk.to, text: hunk.text });
    at += line.length + 1;
  });
  return hunks;
}

/** Applies ascending, non-overlapping hunks to `text` (the reference for the tests and the layer). */
export function applyHunks(text: string, hunks: Hunk[]): string {
  let out = text;
  for (const { from, to, text: inserted } of [...hunks].reverse()) out = out.slice(0, from) + inserted + out.slice(to);
  return out;
}
