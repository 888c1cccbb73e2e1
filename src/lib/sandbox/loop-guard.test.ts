import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLoopGuard, guardLoops, GUARD_NAME } from './loop-guard.ts';

const G = `${GUARD_NAME}();`;

test('puts a guard call first in every kind of loop body, on the same line', () => {
  assert.equal(guardLoops('while (true) {}'), `while (true) {${G}}`);
  assert.equal(guardLoops('for (;;) x++;'), `for (;;) {${G}x++;}`);
  assert.equal(guardLoops('do {} while (a)'), `do {${G}} while (a)`);
  assert.equal(guardLoops('for (const k of ks) for (const v in k) ;'), `for (const k of ks) {${G}for (const v in k) {${G};}}`);
  assert.equal(guardLoops('a\nwhile (b) {\n}\nc').split('\n').length, 4);
});

test('keeps labelled loops working with break and continue', () => {
  const guarded = guardLoops('let n = 0; outer: for (let i = 0; i < 3; i++) { for (;;) { n++; continue outer; } }');
  let calls = 0;
  const result = new Function(GUARD_NAME, `${guarded}; return n;`)(() => calls++);
  assert.equal(result, 3);
  assert.equal(calls, 6);
});

test('leaves code that does not parse unchanged', () => {
  assert.equal(guardLoops('while ('), 'while (');
});

test('the guard throws once one synchronous stretch has looped past the limit', () => {
  let now = 0;
  const guard = createLoopGuard(() => new RangeError('boucle'), 1000, () => now);
  guard();
  now = 900;
  guard();
  now = 1001;
  assert.throws(guard, RangeError);
});

test('the guard starts counting again once the thread has been given back', async () => {
  let now = 0;
  const guard = createLoopGuard(() => new RangeError('boucle'), 1000, () => now);
  guard();
  await Promise.resolve();
  now = 5000;
  guard();
  now = 5500;
  assert.doesNotThrow(guard);
});
