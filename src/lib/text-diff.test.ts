import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyHunks, changedSpan, lineHunks } from './text-diff.ts';

test('finds the one changed span between a common start and a common end', () => {
  assert.deepEqual(changedSpan('socket.send(1);', 'socket.send(42);'), { from: 12, to: 13, text: '42' });
  assert.deepEqual(changedSpan('abc', 'abXc'), { from: 2, to: 2, text: 'X' });
  assert.deepEqual(changedSpan('aXbc', 'abc'), { from: 1, to: 2, text: '' });
  assert.equal(changedSpan('same', 'same'), undefined);
});

test('never cuts a surrogate pair in half', () => {
  const hunk = changedSpan('x😀y', 'x😃y')!;
  assert.deepEqual(hunk, { from: 1, to: 3, text: '😃' });
});

test('rewrites only the changed lines when the line count holds', () => {
  const before = 'new WebSocket("ws://localhost:8080/a");\nconst keep = 1;\nfetch("http://localhost:8080/b");';
  const after = 'new WebSocket("ws://h:1/a");\nconst keep = 1;\nfetch("http://h:1/b");';
  const hunks = lineHunks(before, after);
  assert.equal(hunks.length, 2);
  assert.ok(hunks[0].to <= hunks[1].from);
  assert.equal(applyHunks(before, hunks), after);
});

test('falls back to one hunk when lines were added or removed', () => {
  const hunks = lineHunks('a\nb\nc', 'a\nx\ny\nc');
  assert.deepEqual(hunks, [{ from: 2, to: 3, text: 'x\ny' }]);
  assert.equal(applyHunks('a\nb\nc', hunks), 'a\nx\ny\nc');
  assert.deepEqual(lineHunks('same\ntext', 'same\ntext'), []);
});
