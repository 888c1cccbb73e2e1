/**
 * The page's side of a page run's events (page-runner.ts): each one passes the run's budget before
 * it reaches the playground, the dropped count is told as it grows, and the events are kept for
 * the exercise check. Nothing from the frame is trusted: it runs the learner's page.
 */
import type { RunEvent } from './events.ts';
import { clipEvent, createBudget } from './sandbox/budget.ts';

/** Filters a page run's events into `deliver`; `elapsed` times the dropped-count lines. */
export function createPageEvents(deliver: (event: RunEvent) => void, elapsed: () => number) {
  /** What the check reads: every event delivered, clipped as delivered. */
  const events: RunEvent[] = [];
  const budget = createBudget();
  let droppedInFrame = 0;
  let told = 0;

  /** Says how many events were dropped: at the first drop, each time the count doubles, and at the end. */
  function tell(doubling: boolean) {
    const count = droppedInFrame + budget.dropped;
    if (count === told || (doubling && count < 2 * told)) return;
    told = count;
    deliver({ type: 'dropped', count, t: elapsed() });
  }

  /** An event from the frame: counted, clipped and delivered, or dropped and counted. */
  function receive(event: RunEvent) {
    if (!event || typeof event !== 'object') return;
    if (event.type === 'dropped') {
      droppedInFrame = Math.max(droppedInFrame, Number(event.count) || 0);
      return tell(false);
    }
    // Only page-runner.ts ends a run or gives a verdict: learner code can post to the page too.
    if (event.type === 'end' || event.type === 'check') return;
    if (!budget.admit(event)) return tell(true);
    const clipped = clipEvent(event);
    events.push(clipped);
    deliver(clipped);
  }

  return { events, receive, tell };
}
