import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProgress, record, lessonOf } from './progress.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

test('records lessons read and exercises passed once each', () => {
  const storage = memoryStorage();
  record(storage, 'read', '/client/a/');
  record(storage, 'read', '/client/a/');
  record(storage, 'passed', 'client/a#2');
  assert.deepEqual(loadProgress(storage), { read: ['/client/a/'], passed: ['client/a#2'] });
});

test('tolerates malformed stored progress', () => {
  assert.deepEqual(loadProgress(memoryStorage({ 'ws-pas-a-pas:progress': '{oops' })), { read: [], passed: [] });
  assert.deepEqual(loadProgress(memoryStorage({ 'ws-pas-a-pas:progress': '{"read":[1,"/x/"]}' })), { read: ['/x/'], passed: [] });
});

test('finds the lesson of an exercise id', () => {
  assert.equal(lessonOf('client/fermer-proprement#2'), '/client/fermer-proprement/');
});
