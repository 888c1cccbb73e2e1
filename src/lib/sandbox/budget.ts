/**
 * The one budget of a run: everything that crosses from the sandbox into the page (console lines,
 * exceptions, socket creations, lifecycle events, traffic) counts against it, and every string is
 * cut at the boundary. The worker applies it so that a flood never leaves the sandbox; the page
 * applies it again, because nothing that comes out of the sandbox can be trusted.
 */
import type { RunEvent } from '../events.ts';
import { ui } from '../strings.fr.ts';

/** Messages one run may send to the page; past it, only the lifecycle of sockets already shown passes. */
export const MAX_RUN_MESSAGES = 5000;
/** Longest string that crosses into the page (a console line, an error, a payload), marker included. */
export const MAX_STRING_CHARS = 2000;
/** Room for the marker (« … (29 998 048 caractères de plus) »), so that clipping twice changes nothing. */
const MARKER_ROOM = 48;
/** Characters of a clipped string's own text, before its marker. */
export const CLIPPED_KEEPS = MAX_STRING_CHARS - MARKER_ROOM;

/** Events the budget never refuses: the run's own bookkeeping, one of each per run. */
const BOOKKEEPING = new Set<RunEvent['type']>(['end', 'check', 'dropped']);
/**
 * Past the budget, these still pass for a socket whose creation was shown, once each, so the
 * timeline never leaves a shown socket « CONNECTING » or « OPEN » forever.
 */
const LIFECYCLE = new Set<RunEvent['type']>(['open', 'error', 'closing', 'close']);

/** `text` cut to at most MAX_STRING_CHARS characters, with a French marker saying how many were left out. */
export function clip(text: string): string {
  return text.length > MAX_STRING_CHARS ? `${text.slice(0, CLIPPED_KEEPS)}${ui.moreChars(text.length - CLIPPED_KEEPS)}` : text;
}

/** A copy of `event` whose strings (one level deep, and in a held event's preview) are clipped. */
export function clipEvent<E extends RunEvent>(event: E): E {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) {
    if (typeof value === 'string') copy[key] = clip(value);
    else if (value && typeof value === 'object' && !Array.isArray(value)) copy[key] = clipEvent(value as RunEvent);
    else if (Array.isArray(value)) copy[key] = value.slice(0, 16).map((v) => (typeof v === 'string' ? clip(v) : v));
    else copy[key] = value;
  }
  return copy as E;
}

/** One run's budget: `admit(event)` says whether the event may cross; `dropped` counts the refused ones. */
export function createBudget(limit = MAX_RUN_MESSAGES) {
  let used = 0;
  let dropped = 0;
  // The sockets whose creation crossed, and the lifecycle events each has passed past the budget.
  const shown = new Map<number, Set<string>>();
  return {
    admit(event: RunEvent): boolean {
      if (BOOKKEEPING.has(event.type)) return true;
      if (used < limit) {
        used++;
        if (event.type === 'socket') shown.set(event.socket, new Set());
        return true;
      }
      const seen = 'socket' in event && LIFECYCLE.has(event.type) ? shown.get(event.socket) : undefined;
      if (seen && !seen.has(event.type)) {
        seen.add(event.type);
        return true;
      }
      dropped++;
      return false;
    },
    /** Events refused so far. */
    get dropped() {
      return dropped;
    },
  };
}

/** A run's budget (see createBudget). */
export type Budget = ReturnType<typeof createBudget>;
