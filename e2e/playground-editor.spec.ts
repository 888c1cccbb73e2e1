/** User stories: the editor loads lazily, follows the site's theme, marks syntax errors, keeps edits, and lets the keyboard out. */
import { rewriteServer } from '../src/lib/server-url.ts';
import { consoleLines, editorCode, expect, findSnippet, openPlayground, setCode, test } from './fixtures.ts';

/** Monaco, and the runner with its views (session.ts): none of it before the learner reaches for a playground. */
const MONACO = /\/_astro\/(monaco|editor\.worker|session)[^/]*\.js$/;

test('a lesson page loads no Monaco until the learner reaches for a playground', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 400 });
  const monaco: string[] = [];
  page.on('request', (request) => MONACO.test(new URL(request.url()).pathname) && monaco.push(request.url()));
  const target = findSnippet();
  await page.goto(target.path);
  await page.waitForLoadState('networkidle');
  const top = await page.locator('ws-playground').first().evaluate((el) => el.getBoundingClientRect().top);
  expect(top, 'precondition: the first playground starts well below the viewport').toBeGreaterThan(400 + 250);
  expect(monaco).toEqual([]);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  // Scrolling past is reading: still nothing.
  await playground.scrollIntoViewIfNeeded();
  await page.waitForLoadState('networkidle');
  expect(monaco).toEqual([]);
  await playground.hover();
  await expect(playground).toHaveAttribute('data-ready', 'true');
  expect(monaco.some((url) => url.includes('/monaco'))).toBe(true);
  expect(monaco.some((url) => url.includes('/session'))).toBe(true);
});

test('a runner that cannot be downloaded is reported in the console, and a later click tries again', async ({ page }) => {
  const target = findSnippet();
  let fail = true;
  await page.route(/\/_astro\/session[^/]*\.js$/, (route) => (fail ? route.abort('connectionreset') : route.continue()));
  await page.goto(target.path);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  await playground.scrollIntoViewIfNeeded();
  const run = playground.getByRole('button', { name: 'Exécuter', exact: true });
  await run.click();
  await expect(playground.locator('.ws-console')).toContainText("Impossible de charger l'exécution");
  fail = false;
  await run.click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: 30_000 });
  await expect(playground.locator('.ws-console')).not.toContainText('Impossible de charger');
});

test('the learner sees a loading state while Monaco downloads', async ({ page }) => {
  // Monaco's download is held until the test has seen the loading state, however long that takes.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/_astro\/monaco[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  const target = findSnippet();
  await page.goto(target.path);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  await playground.scrollIntoViewIfNeeded();
  await playground.hover();
  await expect(playground.locator('.ws-status')).toHaveText("Chargement de l'éditeur…");
  await expect(playground).toHaveAttribute('aria-busy', 'true');
  // The static code stays readable meanwhile.
  await expect(playground.locator('.ws-code > .expressive-code').first()).toBeVisible();
  release();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(playground.locator('.ws-status')).toHaveText('');
  await expect(playground).not.toHaveAttribute('aria-busy');
});

test('the editor follows the site light and dark switch with the same Shiki themes', async ({ page, playground }) => {
  const background = () => playground.locator('.monaco-editor-background').evaluate((el) => getComputedStyle(el).backgroundColor);
  const select = page.locator('starlight-theme-select select').first();
  await select.selectOption('light');
  await expect.poll(background).toBe('rgb(255, 255, 255)'); // github-light-high-contrast
  await select.selectOption('dark');
  await expect.poll(background).toBe('rgb(10, 12, 16)'); // github-dark-high-contrast
});

test('a syntax error is marked on its line before running', async ({ playground }) => {
  await setCode(playground, 'console.log("ok");\nconst = 1;');
  await expect(playground.locator('.ws-editor .squiggly-error')).toHaveCount(1);
  const marker = await playground.locator('.ws-editor .squiggly-error').boundingBox();
  const line2 = await playground.locator('.ws-editor .view-line').nth(1).boundingBox();
  expect(Math.abs((marker?.y ?? 0) - (line2?.y ?? -100))).toBeLessThan(line2?.height ?? 0);
  // Nothing ran.
  await expect(playground.locator('.ws-console .ws-placeholder')).toHaveText('Cliquez sur « Exécuter » pour lancer le code.');
});

test('edits survive a reload', async ({ page }) => {
  const target = findSnippet();
  let playground = await openPlayground(page, target);
  await setCode(playground, 'console.log("ma version");');
  await page.reload();
  playground = await openPlayground(page, target);
  expect(await editorCode(playground)).toBe('console.log("ma version");');
  await expect(playground.locator('.ws-older')).toBeHidden();
});

test('the learner is told that their saved version is older than the lesson, and « Réinitialiser » brings the lesson back', async ({ page, ws }) => {
  const target = findSnippet();
  await page.addInitScript(({ id }) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem(`ws-pas-a-pas:code:${id}`, JSON.stringify({ code: 'console.log("ancienne version");', origin: 'perime' }));
      sessionStorage.setItem('seeded', '1');
    }
  }, target);
  const playground = await openPlayground(page, target);
  await expect(playground.locator('.ws-older')).toBeVisible();
  await expect(playground.locator('.ws-older')).toContainText("le cours l'a mis à jour depuis");
  expect(await editorCode(playground)).toBe('console.log("ancienne version");');
  await playground.getByRole('button', { name: 'Réinitialiser' }).click();
  await expect(playground.locator('.ws-older')).toBeHidden();
  expect(await editorCode(playground)).toBe(rewriteServer(target.code, ws));
  await page.reload();
  await expect(page.locator(`ws-playground[data-id="${target.id}"] .ws-older`)).toBeHidden();
});

test('Ctrl+Enter runs the code', async ({ page, playground }) => {
  await setCode(playground, 'console.log("au clavier");');
  await page.keyboard.press('Control+Enter');
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1);
  expect(await consoleLines(playground)).toEqual(['au clavier']);
});

test('with the keyboard alone, Tab indents in the editor and Escape then Tab reaches « Exécuter »', async ({ page, playground }) => {
  await setCode(playground, 'console.log("clavier");');
  const editor = playground.locator('.ws-editor .monaco-editor');
  await page.keyboard.press('Tab');
  await expect(editor).toHaveClass(/\bfocused\b/);
  expect(await editorCode(playground)).not.toBe('console.log("clavier");');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const run = playground.getByRole('button', { name: 'Exécuter', exact: true });
  await expect(run).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1);
  expect(await consoleLines(playground)).toEqual(['clavier']);
  // And back into the editor.
  await page.keyboard.press('Shift+Tab');
  await expect(editor).toHaveClass(/\bfocused\b/);
});
