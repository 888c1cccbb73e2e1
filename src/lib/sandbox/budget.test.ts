import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../events.ts';
import { clip, clipEvent, CLIPPED_KEEPS, createBudget, MAX_STRING_CHARS } from './budget.ts';

const base = { readyState: 0, bufferedAmount: 0, t: 1 };
const log = (text: string): RunEvent => ({ type: 'console', level: 'log', text, t: 1 });
const socket = (n: number): RunEvent => ({ ...base, type: 'socket', socket: n, url: 'ws://x/', protocols: [] });
const close = (n: number): RunEvent => ({ ...base, type: 'close', socket: n, readyState: 3, code: 1006, reason: '', wasClean: false });

test('clip keeps short strings and marks long ones with the count left out, in French', () => {
  assert.equal(clip('court'), 'court');
  assert.equal(clip('x'.repeat(MAX_STRING_CHARS)).length, MAX_STRING_CHARS);
  const long = clip('x'.repeat(30_000_000));
  assert.ok(long.length <= MAX_STRING_CHARS);
  assert.equal(long, `${'x'.repeat(CLIPPED_KEEPS)}… (29\u202f998\u202f048 caractères de plus)`);
  assert.equal(clip('y'.repeat(CLIPPED_KEEPS + MAX_STRING_CHARS)), `${'y'.repeat(CLIPPED_KEEPS)}… (2\u202f000 caractères de plus)`);
  assert.equal(clip(long), long, 'clipping again (the worker, then the page) changes nothing');
});

test('clipEvent clips every string of an event, a held preview included', () => {
  const huge = 'y'.repeat(MAX_STRING_CHARS + 10);
  const exception = clipEvent({ type: 'exception', name: huge, message: huge, t: 2, line: 3 });
  assert.equal(exception.line, 3);
  assert.ok(exception.name.length <= MAX_STRING_CHARS && exception.message.length <= MAX_STRING_CHARS);
  const held = clipEvent({ type: 'held', socket: 1, event: 'message', pending: 1, t: 2, handler: huge, preview: { ...base, socket: 1, type: 'message', data: huge, size: 5, binary: false } });
  assert.ok(held.handler!.length <= MAX_STRING_CHARS);
  assert.ok((held.preview as { data: string }).data.length <= MAX_STRING_CHARS);
});

test('one budget counts every kind of event, then drops all but the run bookkeeping', () => {
  const budget = createBudget(3);
  assert.ok(budget.admit(log('a')));
  assert.ok(budget.admit({ type: 'exception', name: 'Error', message: 'boum', t: 1 }));
  assert.ok(budget.admit(socket(1)));
  assert.equal(budget.admit(log('b')), false);
  assert.equal(budget.admit(socket(2)), false);
  assert.equal(budget.admit({ type: 'exception', name: 'Error', message: 'boum', t: 1 }), false);
  assert.equal(budget.dropped, 3);
  assert.ok(budget.admit({ type: 'dropped', count: 3, t: 1 }));
  assert.ok(budget.admit({ type: 'end', reason: 'done', t: 1 }));
});

test('past the budget, a shown socket still gets each lifecycle event once, a hidden one none', () => {
  const budget = createBudget(1);
  assert.ok(budget.admit(socket(1)));
  assert.equal(budget.admit(socket(2)), false);
  assert.ok(budget.admit({ ...base, type: 'open', socket: 1, readyState: 1, protocol: '' }));
  assert.equal(budget.admit({ ...base, type: 'message', socket: 1, data: 'm', size: 1, binary: false }), false);
  assert.ok(budget.admit(close(1)));
  assert.equal(budget.admit(close(1)), false, 'a second close is a forgery or a bug, and costs nothing');
  assert.equal(budget.admit(close(2)), false);
  assert.equal(budget.dropped, 4);
});
