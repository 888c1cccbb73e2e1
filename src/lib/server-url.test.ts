import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultServer, lessonForm, normaliseServer, rewriteServer } from './server-url.ts';

test('normalises what a learner types to a ws:// or wss:// base URL', () => {
  assert.equal(normaliseServer('exemple.fr'), 'wss://exemple.fr');
  assert.equal(normaliseServer(' https://exemple.fr/chemin '), 'wss://exemple.fr');
  assert.equal(normaliseServer('http://localhost:8080'), 'ws://localhost:8080');
  assert.equal(normaliseServer('ws://127.0.0.1:8790/'), 'ws://127.0.0.1:8790');
  assert.equal(normaliseServer('ws://[::1]:8080'), 'ws://[::1]:8080');
});

test('refuses what is not a server address', () => {
  for (const input of ['', '   ', 'pas une adresse', 'ftp://exemple.fr', 'ws://', 'wss://a_b.fr']) {
    assert.equal(normaliseServer(input), undefined, input);
  }
});

test('defaults to the page own host, wss:// over https', () => {
  assert.equal(defaultServer({ protocol: 'http:', host: 'localhost:8790' }), 'ws://localhost:8790');
  assert.equal(defaultServer({ protocol: 'https:', host: 'cours.fr' }), 'wss://cours.fr');
});

test('rewrites lesson addresses, both ws:// and http://, and only whole hosts', () => {
  const code = 'new WebSocket("ws://localhost:8080/echo"); fetch("http://localhost:8080/api"); "ws://localhost:80801"';
  assert.equal(
    rewriteServer(code, 'wss://exemple.fr'),
    'new WebSocket("wss://exemple.fr/echo"); fetch("https://exemple.fr/api"); "ws://localhost:80801"',
  );
});

test('lessonForm undoes rewriteServer, so saved code follows a change of server', () => {
  const code = 'new WebSocket("ws://localhost:8080/echo"); fetch("http://localhost:8080/api");';
  for (const server of ['wss://exemple.fr', 'ws://localhost:8790', 'ws://localhost:8080']) {
    assert.equal(lessonForm(rewriteServer(code, server), server), code);
  }
  assert.equal(lessonForm('new WebSocket("ws://localhost:87901")', 'ws://localhost:8790'), 'new WebSocket("ws://localhost:87901")');
});
