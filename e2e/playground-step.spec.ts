/** User stories: « Pas à pas » shows the handler about to run from the first click, and says when the run is over. */
import { expect, setCode, test } from './fixtures.ts';

test('the first handler is highlighted when « Pas à pas » is the first click on the page', async ({ page }) => {
  // The editor's code arrives only once the first event is held: the editor mounts after it, as on a slow machine.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/(monaco|editor)\.[^/]*\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/client/fermer-proprement/');
  const playground = page.locator('ws-playground[data-id="client/fermer-proprement#2"]');
  await playground.scrollIntoViewIfNeeded();
  await playground.getByRole('button', { name: 'Pas à pas' }).click();
  await expect(playground.locator('.ws-narration')).toContainText('le navigateur appelle onopen');
  release();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(playground.locator('.ws-editor .ws-step-line')).not.toHaveCount(0);
  await expect(playground.getByRole('button', { name: 'Suivant' })).toBeEnabled();
});

test('once the run has ended, the step panel says so instead of waiting for an event', async ({ playground, ws }) => {
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.onopen = () => socket.close(1000);`);
  await playground.getByRole('button', { name: 'Pas à pas' }).click();
  const narration = playground.locator('.ws-narration');
  const next = playground.getByRole('button', { name: 'Suivant' });
  await expect(narration).toContainText('le navigateur appelle onopen');
  await next.click();
  await expect(narration).toContainText('La connexion est fermée');
  await next.click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
  await expect(narration).toContainText('Exécution terminée : plus aucun événement réseau ne viendra.');
  await expect(narration).not.toContainText('En attente');
});
