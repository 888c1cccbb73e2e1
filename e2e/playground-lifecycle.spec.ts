/** User stories: the lifecycle view draws each socket's sequence, and « Pas à pas » narrates it event by event. */
import type { Locator } from '@playwright/test';
import { consoleLines, expect, runAndWait, setCode, test } from './fixtures.ts';

const echoSnippet = (base: string) => `const socket = new WebSocket("${base}/echo");
socket.onopen = () => {
socket.send("Bonjour");
};
socket.onmessage = (event) => {
console.log("Reçu :", event.data);
socket.close(1000, "Fini");
};
socket.onclose = (event) => {
console.log("Fermé :", event.code);
};`;

const steps = (playground: Locator) => playground.locator('.ws-timeline .ws-step');

test('the lifecycle shows each socket as a sequence between navigateur and serveur', async ({ playground, ws }) => {
  await setCode(playground, echoSnippet(ws));
  await runAndWait(playground);
  const socket = playground.locator('.ws-timeline .ws-socket');
  await expect(socket).toHaveCount(1);
  await expect(socket.locator('.ws-socket-title')).toContainText('Connexion n° 1');
  await expect(socket.locator('.ws-socket-url')).toHaveText(/\/echo$/);
  await expect(socket.locator('.ws-lanes')).toHaveText(/navigateur\s*serveur/);
  expect(await steps(playground).evaluateAll((items) => items.map((i) => `${(i as HTMLElement).dataset.type}:${(i as HTMLElement).dataset.dir}`)))
    .toEqual(['socket:out', 'open:in', 'send:out', 'message:in', 'closing:out', 'close:in']);
  // readyState transitions, in the protocol's words.
  expect(await socket.locator('.ws-step .ws-state-badge[data-changed="true"]').allTextContents()).toEqual([
    'readyState 0 (CONNECTING)',
    'readyState 0 (CONNECTING) → 1 (OPEN)',
    'readyState 1 (OPEN) → 2 (CLOSING)',
    'readyState 2 (CLOSING) → 3 (CLOSED)',
  ]);
  // Text for screen readers, not only drawings.
  await expect(steps(playground).nth(2)).toContainText('navigateur → serveur');
  await expect(steps(playground).nth(2)).toContainText('send() · 7 octets');
  await expect(steps(playground).nth(2)).toContainText(/bufferedAmount \d+/);
  await expect(steps(playground).nth(3)).toContainText('serveur → navigateur');
  await expect(steps(playground).nth(3).locator('.ws-data')).toHaveText('Bonjour');
  await expect(steps(playground).nth(5)).toContainText('code 1000 (fermeture normale');
  await expect(steps(playground).nth(5)).toContainText('raison « Fini »');
  await expect(steps(playground).nth(5)).toContainText('wasClean true');
  await expect(socket.locator('.ws-socket-state')).toHaveText('3 (CLOSED)');
});

test('a close by the server, a dropped connection and a refused handshake each show their code, reason, wasClean and a French explanation', async ({ playground, ws }) => {
  await setCode(playground, `const a = new WebSocket("${ws}/close?code=4001&reason=Au%20revoir");\nconst b = new WebSocket("${ws}/drop?after=100");\nconst c = new WebSocket("${ws}/reject?status=403");`);
  await runAndWait(playground);
  const sockets = playground.locator('.ws-timeline .ws-socket');
  await expect(sockets).toHaveCount(3);
  const first = sockets.nth(0).locator('.ws-step[data-type="close"]');
  await expect(first).toContainText('code 4001');
  await expect(first).toContainText("code propre à l'application");
  await expect(first).toContainText('raison « Au revoir »');
  await expect(first).toContainText('wasClean true');
  const second = sockets.nth(1).locator('.ws-step[data-type="close"]');
  await expect(second).toContainText('code 1006');
  await expect(second).toContainText('fermeture anormale');
  await expect(second).toContainText('wasClean false');
  await expect(second).toHaveAttribute('data-unclean', 'true');
  // An open connection that drops gets close 1006 and no error event.
  expect(await sockets.nth(1).locator('.ws-step').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.type))).toEqual(['socket', 'open', 'close']);
  // A refused handshake: error, then close 1006, and the connection never opened.
  expect(await sockets.nth(2).locator('.ws-step').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.type))).toEqual(['socket', 'error', 'close']);
  await expect(sockets.nth(2).locator('.ws-step[data-type="error"]')).toContainText('le navigateur fait échouer la connexion');
});

test('user can step through open, message and close', async ({ playground, ws }) => {
  await setCode(playground, echoSnippet(ws));
  const narration = playground.locator('.ws-narration');
  const next = playground.getByRole('button', { name: 'Suivant' });
  await expect(next).toBeHidden();
  await playground.getByRole('button', { name: 'Pas à pas' }).click();

  await expect(narration).toHaveRole('status');
  await expect(narration).toContainText('Le serveur a accepté la poignée de main : readyState passe à 1 (OPEN), le navigateur appelle onopen.');
  await expect(next).toBeEnabled();
  // The handler about to run is highlighted in the editor, and nothing has run yet.
  await expect(playground.locator('.ws-editor .ws-step-line')).not.toHaveCount(0);
  await expect(steps(playground)).toHaveCount(1);

  await next.click();
  await expect(narration).toContainText('Un message texte de 7 octets est arrivé du serveur : le navigateur appelle onmessage avec event.data = "Bonjour".');
  await expect(steps(playground)).toHaveCount(3);
  expect(await consoleLines(playground)).toEqual([]);

  await next.click();
  await expect(narration).toContainText('La connexion est fermée (code 1000 : fermeture normale');
  await expect(narration).toContainText('le navigateur appelle onclose.');
  expect(await consoleLines(playground)).toEqual(['Reçu : Bonjour']);

  await next.click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
  expect(await consoleLines(playground)).toEqual(['Reçu : Bonjour', 'Fermé : 1000']);
  await expect(next).toBeDisabled();
  await expect(playground.locator('.ws-editor .ws-step-line')).toHaveCount(0);
});

test('Suivant waits while no event is pending', async ({ playground, ws }) => {
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.addEventListener("open", () => setTimeout(() => socket.close(), 4000));`);
  await playground.getByRole('button', { name: 'Pas à pas' }).click();
  const narration = playground.locator('.ws-narration');
  await expect(narration).toContainText('le navigateur appelle addEventListener("open")');
  const next = playground.getByRole('button', { name: 'Suivant' });
  await next.click();
  // open was delivered; close is still seconds away, wide enough for a loaded CI machine.
  await expect(narration).toContainText('En attente du prochain événement réseau');
  await expect(next).toBeDisabled();
  await expect(narration).toContainText("aucun gestionnaire n'écoute cet événement", { timeout: 15_000 });
  await expect(next).toBeEnabled();
  await next.click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
});
