import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from './events.ts';
import { createPageEvents } from './page-events.ts';
import { MAX_RUN_MESSAGES } from './sandbox/budget.ts';

const log = (text: string): RunEvent => ({ type: 'console', level: 'log', text, t: 1 });

test('delivers and keeps the frame events, but never an end or a verdict the page could forge', () => {
  const seen: RunEvent[] = [];
  const page = createPageEvents((e) => seen.push(e), () => 9);
  page.receive(log('bonjour'));
  page.receive({ type: 'end', reason: 'done', t: 1 });
  page.receive({ type: 'check', ok: true, t: 1 } as unknown as RunEvent);
  page.receive(null as unknown as RunEvent);
  assert.deepEqual(seen, [log('bonjour')]);
  assert.deepEqual(page.events, [log('bonjour')]);
});

test('tells the dropped count at the first drop, when it doubles, and exactly when asked at the end', () => {
  const drops: number[] = [];
  const page = createPageEvents((e) => e.type === 'dropped' && drops.push(e.count), () => 9);
  for (let i = 0; i < MAX_RUN_MESSAGES + 5; i++) page.receive(log(`n°${i}`));
  page.tell(false);
  assert.deepEqual(drops, [1, 2, 4, 5]);
  // The frame's own count adds to the page's.
  page.receive({ type: 'dropped', count: 10, t: 1 });
  assert.deepEqual(drops, [1, 2, 4, 5, 15]);
});
