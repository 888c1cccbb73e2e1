import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprint, PlaygroundCode, type CodeStore, type SavedCode } from './playground-code.ts';

const LESSON = 'new WebSocket("ws://localhost:8080/echo"); // TODO';
const SOLUTION = 'new WebSocket("ws://localhost:8080/echo").close(1000);';

function memoryStore(): CodeStore & { saved: Map<string, SavedCode> } {
  const saved = new Map<string, SavedCode>();
  return { saved, load: (id) => saved.get(id), save: (id, code) => void (code ? saved.set(id, code) : saved.delete(id)) };
}

const make = (store: CodeStore, server = 'ws://site:1') => new PlaygroundCode({ id: 'p#1', lesson: LESSON, solution: SOLUTION, server, store });

test('shows the solution, then brings the learner’s attempt back', () => {
  const code = make(memoryStore());
  code.edited('mon essai');
  assert.equal(code.toggleSolution(), SOLUTION.replace('ws://localhost:8080', 'ws://site:1'));
  assert.equal(code.showingSolution, true);
  assert.equal(code.toggleSolution(), 'mon essai');
  assert.equal(code.showingSolution, false);
});

test('keeps the saved attempt while the solution is shown, edits of the solution included', () => {
  const store = memoryStore();
  const code = make(store);
  code.edited('mon essai');
  code.toggleSolution();
  code.edited('la solution, retouchée');
  assert.equal(store.saved.get('p#1')?.code, 'mon essai');
  // A reload while the solution was shown finds the attempt.
  assert.equal(make(store).code, 'mon essai');
});

test('saves in the lesson’s address form and follows a change of server, attempt included', () => {
  const store = memoryStore();
  const code = make(store, 'ws://a:1');
  code.edited('new WebSocket("ws://a:1/echo"); // essai');
  assert.equal(store.saved.get('p#1')?.code, 'new WebSocket("ws://localhost:8080/echo"); // essai');
  code.toggleSolution();
  code.changeServer('wss://b.fr');
  assert.match(code.code, /wss:\/\/b\.fr\/echo/);
  assert.equal(code.toggleSolution(), 'new WebSocket("wss://b.fr/echo"); // essai');
});

test('forgets an attempt equal to the lesson, and on reset', () => {
  const store = memoryStore();
  const code = make(store);
  code.edited('x');
  code.edited(LESSON.replace('ws://localhost:8080', 'ws://site:1'));
  assert.equal(store.saved.size, 0);
  code.edited('x');
  code.toggleSolution();
  assert.equal(code.reset(), LESSON.replace('ws://localhost:8080', 'ws://site:1'));
  assert.equal(code.showingSolution, false);
  assert.equal(store.saved.size, 0);
});

test('says when the saved attempt started from an older version of the lesson', () => {
  const store = memoryStore();
  store.save('p#1', { code: 'vieux', origin: 'perime' });
  assert.equal(make(store).older, true);
  store.save('p#1', { code: 'récent', origin: fingerprint(LESSON) });
  assert.equal(make(store).older, false);
  assert.equal(make(store).restored, true);
});
