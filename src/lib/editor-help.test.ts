import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionContext, hoverDoc, socketNames } from './editor-help.ts';
import { checkTypography, formatProblems } from '../../test-support/typography.ts';
import { BINARY_TYPES, CONSTRUCTOR_MEMBERS, EVENT_DOCS, EVENT_FIELDS, KIND_LABELS, SENDABLE_CLOSE_CODES, SOCKET_MEMBERS } from './websocket-api.fr.ts';

const names = (entries: readonly { name: string }[] | undefined) => entries?.map((entry) => entry.name) ?? [];

test('a name assigned new WebSocket(…) is a socket, however it is assigned', () => {
  const code = 'const chat = new WebSocket(url);\nthis.feed = new WebSocket("ws://x");\nlater = new WebSocket(u)';
  for (const name of ['chat', 'feed', 'later', 'socket']) assert.ok(socketNames(code).has(name), name);
  assert.ok(!socketNames(code).has('url'));
});

test('after a socket and a dot, completion offers its members, handlers and states', () => {
  const offered = names(completionContext('  chat.', 'const chat = new WebSocket(u)'));
  for (const name of ['send', 'close', 'onopen', 'onmessage', 'onerror', 'onclose', 'readyState', 'bufferedAmount', 'binaryType', 'OPEN']) assert.ok(offered.includes(name), name);
  assert.deepEqual(names(completionContext('socket.buf', '')), names(SOCKET_MEMBERS));
});

test('completion knows WebSocket constants, event fields, binaryType values and sendable close codes', () => {
  assert.deepEqual(names(completionContext('if (s.readyState === WebSocket.', '')), ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']);
  assert.deepEqual(names(completionContext('console.log(event.', '')), names(EVENT_FIELDS));
  assert.deepEqual(names(completionContext('socket.binaryType = "', '')), names(BINARY_TYPES));
  assert.deepEqual(names(completionContext('socket.close(', '')), ['1000', '3000', '4000']);
});

test('completion stays quiet on names it cannot know', () => {
  assert.equal(completionContext('Math.', ''), undefined);
  assert.equal(completionContext('const x = 1', ''), undefined);
});

test('hovering a member after a dot explains it in French', () => {
  assert.match(hoverDoc('bufferedAmount', 'if (socket.', ' > 1e6)')!.doc, /Octets passés à send\(\)/);
  assert.match(hoverDoc('OPEN', 'WebSocket.', '')!.doc, /Valeur 1/);
  assert.match(hoverDoc('wasClean', 'log(event.', ')')!.doc, /trames de fermeture/);
  assert.equal(hoverDoc('bufferedAmount', 'const ', ''), undefined);
});

test('hovering a close code explains it, and says when a page cannot send it', () => {
  assert.match(hoverDoc('1000', 'socket.close(', ', "fini")')!.doc, /^Code 1000\u00a0: fermeture normale/);
  assert.match(hoverDoc('4001', 'if (event.code === ', ')')!.doc, /propre à l'application/);
  assert.match(hoverDoc('1006', 'if (event.code === ', ')')!.doc, /Réservé au protocole/);
  assert.match(hoverDoc('1006', 'if (', ' === event.code)')!.doc, /coupée sans trame/);
  assert.equal(hoverDoc('2024', 'const year = ', ''), undefined);
});

test('hovering an event name in addEventListener explains the event', () => {
  assert.equal(hoverDoc('close', 'socket.addEventListener("', '", f)')!.doc, EVENT_DOCS.close);
});

test('the editor help follows French typography', () => {
  const texts = [...SOCKET_MEMBERS, ...CONSTRUCTOR_MEMBERS, ...EVENT_FIELDS, ...BINARY_TYPES, ...SENDABLE_CLOSE_CODES].map((entry) => entry.doc);
  texts.push(...Object.values(EVENT_DOCS), ...Object.values(KIND_LABELS));
  // Quoted values are code, not prose.
  const problems = texts.flatMap((text) => formatProblems(text, checkTypography(text.replace(/"[^"]*"/g, (code) => `\`${code}\``))));
  assert.deepEqual(problems, []);
});
