import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../events.ts';
import { prepareForRun } from '../syntax.ts';
import { ownErrorVerdict } from './check.ts';
import { sourceLine } from './protocol.ts';

const closeRefused: RunEvent = { type: 'exception', t: 3, name: 'InvalidAccessError', message: 'The close code must be…', line: 5, source: 'socket.close(1001);', thrownBy: 'close' };
/** The message with plain spaces: its typography is ui-typography.test.ts's business. */
const plain = (text: string | undefined) => text?.replace(/\u00a0/g, ' ');

const ownError: RunEvent = { type: 'exception', t: 4, name: 'TypeError', message: "Cannot read properties of null (reading 'foo')", line: 4, source: 'null.foo;' };

test('an error of the learner own code fails the check with its name, message, line and source', () => {
  const verdict = ownErrorVerdict({ logs: [], events: [closeRefused, ownError] });
  assert.equal(verdict?.ok, false);
  assert.equal(plain(verdict?.message), "Erreur dans votre code, ligne 4 (« null.foo; ») : TypeError, « Cannot read properties of null (reading 'foo') ». Corrigez-la d'abord.");
});

test('an error a WebSocket call threw is left to the lesson check', () => {
  assert.equal(ownErrorVerdict({ logs: [], events: [closeRefused] }), undefined);
});

test('an error with no line (the worker crashed) still fails the check, without a line', () => {
  const verdict = ownErrorVerdict({ logs: [], events: [{ type: 'exception', t: 1, name: 'Error', message: 'boom' }] });
  assert.equal(plain(verdict?.message), "Erreur dans votre code : Error, « boom ». Corrigez-la d'abord.");
});

test("an error's source line is the learner's own, without the top-level await wrapper", () => {
  const ran = prepareForRun('await fetch("/");\nnull.foo;').split('\n');
  assert.equal(sourceLine(ran, 1), 'await fetch("/");');
  assert.equal(sourceLine(ran, 2), 'null.foo;');
  assert.equal(sourceLine(['(async () => {', '})();', 'x;'], 1), '(async () => {');
});
