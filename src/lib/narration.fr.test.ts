import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainCloseCode } from '../../shared/close-codes.ts';
import { arrowLabel, direction, narrate, octets, stateName } from './narration.fr.ts';

const base = { socket: 1, readyState: 1, bufferedAmount: 0 };

test('names readyStates in the protocol words', () => {
  assert.equal(stateName(0), '0 (CONNECTING)');
  assert.equal(stateName(3), '3 (CLOSED)');
  assert.equal(octets(1), '1\u202foctet');
  assert.equal(octets(7), '7\u202foctets');
});

test('narrates open the way the course says it', () => {
  assert.equal(
    narrate({ ...base, type: 'open', protocol: '' }, 'onopen'),
    'Le serveur a accepté la poignée de main : readyState passe à 1 (OPEN), le navigateur appelle onopen.',
  );
});

test('narrates a message with its size and data, and says when nothing listens', () => {
  const message = { ...base, type: 'message' as const, data: 'Bonjour', size: 7, binary: false };
  assert.equal(narrate(message, 'onmessage'), 'Un message texte de 7\u202foctets est arrivé du serveur : le navigateur appelle onmessage avec event.data = "Bonjour".');
  assert.match(narrate(message), /aucun gestionnaire n'écoute cet événement/);
});

test('narrates a close with its code explained, and names the socket when there are several', () => {
  const text = narrate({ ...base, socket: 2, readyState: 3, type: 'close', code: 4001, reason: 'Au revoir', wasClean: true }, 'onclose');
  assert.match(text, /^Connexion n°\s2\s: La connexion est fermée \(code 4001\s: code propre à l'application/);
  assert.match(text, /raison «\sAu revoir\s», wasClean true\)\s: readyState passe à 3 \(CLOSED\), le navigateur appelle onclose\.$/);
});

test('draws what the browser sends towards the server, and the rest back', () => {
  assert.equal(direction({ ...base, t: 0, type: 'send', data: 'a', size: 1, binary: false }), 'out');
  assert.equal(direction({ ...base, t: 0, type: 'closing', code: 1000 }), 'out');
  assert.equal(direction({ ...base, t: 0, type: 'message', data: 'a', size: 1, binary: false }), 'in');
  assert.equal(arrowLabel({ ...base, t: 0, type: 'close', code: 1006, reason: '', wasClean: false }), 'close · code 1006 · connexion coupée');
});

test('explains every close code range in French', () => {
  assert.match(explainCloseCode(1000), /fermeture normale/);
  assert.match(explainCloseCode(3001), /bibliothèques/);
  assert.match(explainCloseCode(4999), /propre à l'application/);
  assert.equal(explainCloseCode(2000), 'code non standard');
});
