import assert from 'node:assert/strict';
import { test } from 'node:test';
import { initialTab, tabAfterKey } from './playground-tabs.ts';

test('opens on the learner’s last tab, « Aperçu » only for a snippet that builds a page', () => {
  assert.equal(initialTab('lifecycle', false), 'lifecycle');
  assert.equal(initialTab('frames', false), 'frames');
  assert.equal(initialTab('preview', false), 'console');
  assert.equal(initialTab('console', true), 'preview');
  assert.equal(initialTab('nonsense', false), 'console');
  assert.equal(initialTab(null, false), 'console');
});

test('arrow keys wrap around the tabs, Home and End reach the ends', () => {
  assert.equal(tabAfterKey('console', 'ArrowRight'), 'lifecycle');
  assert.equal(tabAfterKey('console', 'ArrowLeft'), 'frames');
  assert.equal(tabAfterKey('frames', 'ArrowRight'), 'console');
  assert.equal(tabAfterKey('preview', 'Home'), 'console');
  assert.equal(tabAfterKey('console', 'End'), 'frames');
  assert.equal(tabAfterKey('console', 'a'), undefined);
});
