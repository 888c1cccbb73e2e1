import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypography } from '../../test-support/typography.ts';
import { homeText } from './strings.home.fr.ts';

test('the home page demo strings follow French typography', () => {
  const strings = Object.values(homeText).map((v) => (typeof v === 'function' ? String((v as (...a: unknown[]) => string)('Bonjour !', true)) : v));
  // The URL and the code call are code, not prose.
  const prose = strings.map((s) => s.replace(/new WebSocket\("[^"]*"\)|close\(\d+\)/g, 'x'));
  assert.deepEqual(checkTypography(prose.join('\n').replace(/Bonjour !/g, 'Bonjour\u00a0!')), []);
});
