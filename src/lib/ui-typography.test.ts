/** The interface's French follows the same typography as the lessons (see typography.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLOSE_CODES } from '../../shared/close-codes.ts';
import type { RunEvent } from './events.ts';
import { arrowLabel, describe, narrate } from './narration.fr.ts';
import { ui } from './strings.fr.ts';
import { progressText } from './strings.progress.fr.ts';
import { previewText } from './strings.preview.fr.ts';
import { checkTypography, formatProblems } from '../../test-support/typography.ts';

/** Every value of `ui`, functions called with sample arguments. */
function uiStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'function') return [String(value(3, 'un message', 2))];
  if (value && typeof value === 'object') return Object.values(value).flatMap(uiStrings);
  return [];
}

const base = { socket: 2, readyState: 1, bufferedAmount: 0, t: 5 };
const events: RunEvent[] = [
  { ...base, type: 'socket', url: 'ws://localhost:8080/echo', protocols: ['chat'] },
  { ...base, type: 'open', protocol: 'chat' },
  { ...base, type: 'message', data: 'Bonjour', size: 7, binary: false },
  { ...base, type: 'send', data: 'Salut', size: 5, binary: false },
  { ...base, type: 'error' },
  { ...base, type: 'closing', code: 1000, reason: 'fini' },
  { ...base, type: 'close', code: 4001, reason: 'Au revoir', wasClean: true },
] as RunEvent[];

test('the interface strings, narration and close-code explanations follow French typography', () => {
  const texts = [
    ...uiStrings(ui),
    ...uiStrings(previewText),
    ...Object.values(CLOSE_CODES),
    progressText.summary(2, 10, 1, 5),
    ...events.flatMap((event) => [describe(event), arrowLabel(event as never), narrate(event as never, 'onmessage')]),
  ];
  // Code, not prose: quoted values (`new WebSocket("…")`) and HTTP headers (`Upgrade: websocket`).
  const asCode = (text: string) => text.replace(/"[^"]*"|\bUpgrade: websocket/g, (code) => `\`${code}\``);
  const problems = texts.flatMap((text) => formatProblems(text, checkTypography(asCode(text))));
  assert.deepEqual(problems, []);
});
