import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypography } from '../../../test-support/typography.ts';
import { layout, parseFields } from './frame.ts';
import { renderDiagram } from './index.ts';
import { parseSequence } from './sequence.ts';
import { readSource } from './svg.ts';
import { lanes } from './timeline.ts';

const handshake = `titre : La poignée de main
acteurs : Navigateur, Serveur
Navigateur -> Serveur : GET /chat HTTP/1.1 | Upgrade: websocket
Serveur -> Navigateur : 101 Switching Protocols
--- Des trames
Navigateur -> Serveur : trame texte`;

const frame = `titre : Une trame
1 FIN
1 RSV1
1 RSV2
1 RSV3
4 opcode
1 MASK
7 longueur
64 longueur étendue
32 clé de masquage
* charge utile`;

test('reads messages and separators of a sequence, with multi-line labels', () => {
  const { actors, steps } = parseSequence(readSource(handshake));
  assert.deepEqual(actors, ['Navigateur', 'Serveur']);
  assert.deepEqual(steps, [
    { from: 0, to: 1, label: ['GET /chat HTTP/1.1', 'Upgrade: websocket'] },
    { from: 1, to: 0, label: ['101 Switching Protocols'] },
    { separator: 'Des trames' },
    { from: 0, to: 1, label: ['trame texte'] },
  ]);
});

test('refuses a message between undeclared actors, naming the line', () => {
  assert.throws(() => renderDiagram('sequence', `titre : x\nacteurs : A, B\nA -> C : bonjour`, 's'), /A -> C : bonjour/);
});

test('lays out the RFC 6455 frame in rows of 32 bits, continuing long fields', () => {
  const pieces = layout(parseFields(readSource(frame)));
  const summary = pieces.map((p) => `${p.row}:${p.start}+${p.bits} ${p.label[0]}`);
  assert.deepEqual(summary, [
    '0:0+1 FIN', '0:1+1 RSV1', '0:2+1 RSV2', '0:3+1 RSV3', '0:4+4 opcode', '0:8+1 MASK', '0:9+7 longueur',
    '0:16+16 longueur étendue',
    '1:0+32 longueur étendue (suite)',
    '2:0+16 longueur étendue (suite)',
    '2:16+16 clé de masquage',
    '3:0+16 clé de masquage (suite)',
    '3:16+16 charge utile',
    '4:0+32 charge utile (suite)',
  ]);
  assert.equal(pieces.at(-1)?.open, true);
});

test('refuses a frame field without a size', () => {
  assert.throws(() => renderDiagram('frame', 'titre : x\nFIN', 's'), /FIN/);
});

test('polling delivers news at the next poll, the pushing transports at once', () => {
  const [polling, longPolling, sse, websocket] = lanes([1.5, 4.2], 2, 6);
  assert.deepEqual(polling.requests.map(([start]) => start), [0, 2, 4]);
  assert.deepEqual(polling.deliveries, [2.3, 6]);
  assert.equal(longPolling.requests.length, 3);
  assert.deepEqual(longPolling.deliveries, [1.5, 4.2]);
  assert.equal(sse.requests.length, 1);
  assert.equal(websocket.twoWay, true);
});

test('renders an accessible figure: role img, a title and description by id, and the same content in words', () => {
  const html = renderDiagram('sequence', handshake, 'schema-1');
  assert.match(html, /<svg [^>]*role="img" aria-labelledby="schema-1-title" aria-describedby="schema-1-desc"/);
  assert.match(html, /<title id="schema-1-title">La poignée de main<\/title>/);
  assert.match(html, /viewBox="0 0 \d+ \d+"/);
  assert.match(html, /<li>Navigateur → Serveur\u00a0: GET \/chat HTTP\/1.1, Upgrade: websocket<\/li>/);
  assert.doesNotMatch(html, /<script|https?:\/\/(?!www\.w3\.org)/, 'nothing runs, nothing is fetched');
});

test('escapes text from the lesson', () => {
  const html = renderDiagram('sequence', 'titre : a < b\nacteurs : A, B\nA -> B : <script>', 's');
  assert.match(html, /a &lt; b/);
  assert.doesNotMatch(html, /<script>/);
});

test('refuses an unknown kind and a missing title', () => {
  assert.throws(() => renderDiagram('camembert', 'titre : x', 's'), /unknown kind/);
  assert.throws(() => renderDiagram('frame', '1 FIN', 's'), /titre/);
});

test('the generated French follows French typography', () => {
  const timeline = renderDiagram('timeline', 'titre : t\ndurée : 10\nnouvelles : 1,5 4,2\nintervalle : 2', 's');
  for (const html of [renderDiagram('sequence', handshake, 's'), renderDiagram('frame', frame, 's'), timeline]) {
    const words = [...html.matchAll(/<(?:li|desc|tspan)[^>]*>([^<]*)</g)].map((m) => m[1]).join('\n');
    assert.deepEqual(checkTypography(words.replace(/Upgrade: websocket/g, 'x')), []);
  }
});
