import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkTypography, formatProblems } from '../../test-support/typography.ts';
import { Board, MAX_INSTANCES, MAX_SNAPSHOT_CHARS, STALE_AFTER_MS } from './board.ts';
import { MinuteRing } from './minute-ring.ts';
import { MAX_ROOMS, WINDOW_MINUTES, type InstanceSnapshot } from './snapshot.ts';

const snapshot = (instance: string, over: Partial<InstanceSnapshot> = {}): InstanceSnapshot => ({
  instance,
  routes: [['/chat', 2]],
  others: 1,
  rooms: [['maths', 2]],
  roomsMore: false,
  rate: { in: 1.5, out: 3 },
  closes: [[1000, 4]],
  refusals: [['origin', 1]],
  ...over,
});

test('merges the snapshots of every instance into one board', () => {
  const board = new Board();
  board.put(snapshot('a'), 0);
  board.put(snapshot('b', { routes: [['/chat', 1], ['/echo', 3]], rooms: [['maths', 1], ['svt', 1]], closes: [[1000, 1], [1006, 2]] }), 0);
  const view = board.view(1000);
  assert.equal(view.instances, 2);
  assert.deepEqual(view.routes, [['/chat', 3], ['/echo', 3]]);
  assert.deepEqual(view.rooms, [['maths', 3], ['svt', 1]]);
  assert.deepEqual(view.rate, { in: 3, out: 6 });
  assert.equal(view.others, 2);
  assert.deepEqual(view.closes.map((c) => [c.code, c.count]), [[1000, 5], [1006, 2]]);
  assert.match(view.closes[1].explanation, /sans trame de fermeture/);
  assert.deepEqual(view.refusals, { origin: 2 });
});

test('a newer snapshot of an instance replaces its older one', () => {
  const board = new Board();
  board.put(snapshot('a'), 0);
  board.put(snapshot('a', { routes: [['/chat', 7]] }), 500);
  assert.deepEqual(board.view(600).routes, [['/chat', 7]]);
});

test(`drops an instance silent for more than ${STALE_AFTER_MS} ms, timed on arrival`, () => {
  const board = new Board();
  board.put(snapshot('a'), 0);
  board.put(snapshot('b'), STALE_AFTER_MS);
  assert.equal(board.view(STALE_AFTER_MS).instances, 2);
  assert.equal(board.view(STALE_AFTER_MS + 1).instances, 1);
});

test('ignores malformed, oversized or out-of-bounds snapshots from the bus', () => {
  const board = new Board();
  assert.equal(board.receive('{pas du json', 0), false);
  assert.equal(board.receive(JSON.stringify({ instance: 'x' }), 0), false);
  assert.equal(board.receive(JSON.stringify(snapshot('x', { rate: { in: -1, out: 0 } })), 0), false);
  const crowded = snapshot('x', { rooms: Array.from({ length: MAX_ROOMS + 1 }, (_, i) => [`s${i}`, 1] as [string, number]) });
  assert.equal(board.receive(JSON.stringify(crowded), 0), false);
  assert.equal(board.receive(JSON.stringify(snapshot('x', { instance: 'x'.repeat(MAX_SNAPSHOT_CHARS) })), 0), false);
  assert.equal(board.view(0).instances, 0);
  assert.equal(board.receive(JSON.stringify(snapshot('ok')), 0), true);
  assert.equal(board.view(0).instances, 1);
});

test(`remembers at most ${MAX_INSTANCES} instances, making room as old ones go stale`, () => {
  const board = new Board();
  for (let i = 0; i < MAX_INSTANCES; i++) assert.ok(board.put(snapshot(`i${i}`), 0));
  assert.equal(board.put(snapshot('one-too-many'), 0), false);
  assert.equal(board.put(snapshot('i0'), 1), true, 'a known instance still updates');
  assert.equal(board.put(snapshot('later'), STALE_AFTER_MS + 1), true);
  assert.equal(board.view(STALE_AFTER_MS + 1).instances, 2);
});

test(`lists at most ${MAX_ROOMS} rooms, the fullest first, and says that more exist`, () => {
  const board = new Board();
  const rooms = (prefix: string): [string, number][] => Array.from({ length: MAX_ROOMS }, (_, i) => [`${prefix}${i}`, i + 1]);
  board.put(snapshot('a', { rooms: rooms('a') }), 0);
  board.put(snapshot('b', { rooms: rooms('b') }), 0);
  const view = board.view(0);
  assert.equal(view.rooms.length, MAX_ROOMS);
  assert.deepEqual(view.rooms[0], ['a29', MAX_ROOMS]);
  assert.equal(view.roomsMore, true);
});

test(`the minute ring keeps the last ${WINDOW_MINUTES} minutes and forgets older ones`, () => {
  const ring = new MinuteRing<number>(WINDOW_MINUTES);
  const minute = 60_000;
  ring.add(1000, 2, 0);
  ring.add(1000, 1, 3 * minute);
  ring.add(1006, 5, 3 * minute + 10);
  assert.deepEqual([...ring.totals(3 * minute)], [[1000, 3], [1006, 5]]);
  assert.deepEqual([...ring.totals(WINDOW_MINUTES * minute)], [[1000, 1], [1006, 5]]);
  // Its bucket is reused, not added to: memory does not grow with time.
  ring.add(1000, 7, (WINDOW_MINUTES + 3) * minute);
  assert.deepEqual([...ring.totals((WINDOW_MINUTES + 3) * minute)], [[1000, 7]]);
});

test("the page's French follows French typography (index.html and the sentences of page.js)", () => {
  const page = (file: string): string => readFileSync(new URL(`./page/${file}`, import.meta.url), 'utf8');
  const html = page('index.html').replace(/^<!doctype html>/i, '');
  const script = page('page.js');
  const sentences = [...script.slice(script.indexOf('const TEXT = {'), script.indexOf('};')).matchAll(/`([^`]*)`|'([^']*)'/g)].map((m) => m[1] ?? m[2]);
  assert.ok(sentences.length >= 5);
  const problems = [...formatProblems('index.html', checkTypography(html)), ...sentences.flatMap((s) => formatProblems(s, checkTypography(s)))];
  assert.deepEqual(problems, []);
});
