import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lessonFiles } from './lessons.ts';

test('walks .md and .mdx lessons alike, sorted by path', () => {
  const files = lessonFiles().map((lesson) => lesson.file);
  assert.ok(files.includes('serveur/serveur-php.mdx'), 'an .mdx lesson is missing');
  assert.ok(files.includes('client/ouvrir-la-connexion.md'), 'an .md lesson is missing');
  assert.deepEqual(files, [...files].sort());
});
