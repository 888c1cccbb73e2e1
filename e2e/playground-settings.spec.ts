/** User stories: one place to choose the server every snippet uses, remembered across pages and reloads. */
import { editorCode, expect, findSnippet, openPlayground, openSettings, runAndWait, test } from './fixtures.ts';
import { lessons } from './lessons.ts';

/** A lesson with two playgrounds that talk to the lesson server. */
function pageWithTwoServerSnippets() {
  for (const lesson of lessons()) {
    const uses = lesson.snippets.filter((s) => s.kind === 'run' && s.code.includes('ws://localhost:8080'));
    if (uses.length >= 2) {
      const id = (s: (typeof uses)[number]) => `${lesson.path.replace(/^\/|\/$/g, '')}#${s.index}`;
      return { path: lesson.path, first: id(uses[0]), second: id(uses[1]) };
    }
  }
  throw new Error('no lesson with two server snippets');
}

test('user can point every snippet at another server from one place, and the choice persists', async ({ page }) => {
  const { path, first, second } = pageWithTwoServerSnippets();
  const playground = await openPlayground(page, { path, id: first });
  const port = new URL(page.url()).port;
  const other = `ws://127.0.0.1:${port}`;

  await openSettings(playground);
  const field = playground.getByLabel('Adresse du serveur WebSocket');
  await expect(field).toHaveValue(`ws://localhost:${port}`);
  await field.fill(`127.0.0.1:${port}`.replace(/^/, 'ws://'));
  await playground.getByRole('button', { name: 'Utiliser ce serveur' }).click();
  await expect(playground.locator('.ws-settings-status')).toHaveText(`Les exemples utilisent ${other}.`);

  // Every playground of the page shows the new address literally.
  expect(await editorCode(playground)).toContain(other);
  const secondPlayground = page.locator(`ws-playground[data-id="${second}"]`);
  expect(await editorCode(secondPlayground)).toContain(other);
  expect(await editorCode(secondPlayground)).not.toContain(`localhost:${port}`);

  // It runs against that server.
  await runAndWait(playground);
  await expect(playground.locator('.ws-socket-url').first()).toHaveText(new RegExp(`^${other.replace(/\./g, '\\.')}/`));

  // The choice persists across a reload and other pages.
  await page.reload();
  const again = await openPlayground(page, { path, id: first });
  expect(await editorCode(again)).toContain(other);
  const elsewhere = findSnippet('exercise');
  await page.goto(elsewhere.path);
  await expect(page.locator(`ws-playground[data-id="${elsewhere.id}"]`).getByLabel('Adresse du serveur WebSocket', { exact: true })).toHaveValue(other);

  // And back to the site's own server.
  const back = await openPlayground(page, { path, id: first });
  await openSettings(back);
  await back.getByRole('button', { name: 'Revenir au serveur du site' }).click();
  expect(await editorCode(back)).toContain(`ws://localhost:${port}`);
  expect(await editorCode(back)).not.toContain(other);
});

test('an invalid server address is refused with an explanation', async ({ page, playground }) => {
  await openSettings(playground);
  const field = playground.getByLabel('Adresse du serveur WebSocket');
  const before = await field.inputValue();
  await field.fill('pas une adresse');
  await page.keyboard.press('Enter');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(playground.locator('.ws-settings-status')).toContainText('Adresse invalide');
  await page.reload();
  await expect(page.getByLabel('Adresse du serveur WebSocket').first()).toHaveValue(before);
});
