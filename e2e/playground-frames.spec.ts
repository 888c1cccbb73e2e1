/** User stories: « Trames » shows the frames the course server read from its own socket for the learner's run. */
import type { Locator } from '@playwright/test';
import { consoleLines, expect, openPlayground, runAndWait, test } from './fixtures.ts';
import { lessons } from './lessons.ts';

/** The « Sous le capot » snippet that sends a short and a long message, then closes with 1000. */
function framesSnippet() {
  const lesson = lessons().find((l) => l.path === '/serveur/sous-le-capot/')!;
  const snippet = lesson.snippets.find((s) => s.kind === 'run' && s.code.includes('repeat(200)'))!;
  return { path: lesson.path, id: `serveur/sous-le-capot#${snippet.index}`, output: snippet.output };
}

/** The « Trames » panel, brought to the front when the playground shows its panels as tabs. */
async function framesPanel(playground: Locator): Promise<Locator> {
  const tab = playground.getByRole('tab', { name: 'Trames' });
  if (await tab.count()) await tab.click();
  const panel = playground.locator('[data-panel="frames"]');
  await expect(panel).toBeVisible();
  return panel;
}

test('Trames shows a masked client frame and an unmasked server frame', async ({ page }) => {
  const target = framesSnippet();
  const playground = await openPlayground(page, target);
  await runAndWait(playground);
  expect(await consoleLines(playground)).toEqual(target.output);
  const panel = await framesPanel(playground);
  const frames = panel.locator('.ws-frame');
  // open, 2 × (message, echo), close both ways: 6 frames, then the closed note.
  await expect(frames).toHaveCount(6);
  await expect(panel.locator('.ws-frame-note').last()).toContainText('Connexion n° 1 fermée');

  // Both messages may leave in one TCP segment: order within each direction only.
  const received = panel.locator('.ws-frame[data-dir="in"]');
  const sentBack = panel.locator('.ws-frame[data-dir="out"]');
  await expect(received).toHaveCount(3);
  await expect(sentBack).toHaveCount(3);

  const sent = received.nth(0);
  await expect(sent).toContainText('reçue par le serveur');
  await expect(sent).toContainText('FIN = 1');
  await expect(sent).toContainText('opcode 1 (text)');
  await expect(sent).toContainText(/MASK = 1, clé [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/);
  await expect(sent).toContainText('codée sur 7\u202fbits');
  await expect(sent.locator('.ws-hex').first()).toHaveText(/^81 87 [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}$/);
  await expect(sent.locator('.ws-frame-text')).toHaveText('Bonjour');

  const echoed = sentBack.nth(0);
  await expect(echoed).toContainText('envoyée par le serveur');
  await expect(echoed).toContainText('MASK = 0');
  await expect(echoed.locator('.ws-hex').first()).toHaveText('81 07');
  await expect(echoed.locator('.ws-hex').nth(1)).toHaveText('42 6f 6e 6a 6f 75 72');

  await expect(received.nth(1)).toContainText('codée sur 7 + 16\u202fbits');
  await expect(received.nth(1)).toContainText('(128 premiers octets sur 200)');
  await expect(sentBack.nth(1).locator('.ws-hex').first()).toHaveText('81 7e 00 c8');

  for (const close of [received.nth(2), sentBack.nth(2)]) {
    await expect(close).toContainText('opcode 8 (close)');
    await expect(close).toContainText('code de fermeture 1000');
  }
  await expect(received.nth(2)).toContainText(/MASK = 1, clé [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}/);
});

test('the trace token never shows in the learner socket.url, and a second run shows only its own frames', async ({ page }) => {
  const playground = await openPlayground(page, framesSnippet());
  await runAndWait(playground);
  await expect(playground.locator('.ws-timeline .ws-socket-url')).toHaveText(/\/echo$/);
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: 20_000 });
  const panel = await framesPanel(playground);
  await expect(panel.locator('.ws-frame')).toHaveCount(6);
  await expect(panel.locator('.ws-frame-note').first()).toContainText('Connexion n° 1 (/echo)');
});
