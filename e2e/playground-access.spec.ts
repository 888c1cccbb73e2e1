/** User stories: the playground works on a phone, announces output to screen readers, and reports progress. */
import AxeBuilder from '@axe-core/playwright';
import { expect, findSnippet, openPlayground, openSettings, runAndWait, setCode, test } from './fixtures.ts';

test('a playground fits a phone-sized screen without horizontal scroll', async ({ page, ws }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  const playground = await openPlayground(page);
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.onopen = () => socket.send("${'x'.repeat(200)}");\nsocket.onmessage = () => socket.close();`);
  await runAndWait(playground);
  await openSettings(playground);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const name of ['Exécuter', 'Pas à pas', 'Arrêter', 'Réinitialiser']) {
    const box = await playground.getByRole('button', { name, exact: true }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 375, `${name} is within the screen`).toBe(true);
  }
});

test('console output is announced to screen readers through a live region', async ({ playground }) => {
  await setCode(playground, 'setTimeout(() => console.log("annoncé"), 100);');
  await runAndWait(playground);
  const log = playground.getByRole('log', { name: 'Console' });
  await expect(log).toHaveAttribute('aria-live', 'polite');
  await expect(log).toContainText('annoncé');
  await playground.getByRole('tab', { name: 'Cycle de vie' }).click();
  await expect(playground.getByRole('group', { name: 'Cycle de vie' })).toBeVisible();
});

test('output tabs follow the arrow keys, and the chosen tab is remembered on the next page', async ({ page, playground }) => {
  const tabs = playground.getByRole('tablist');
  expect(await tabs.getByRole('tab').allTextContents()).toEqual(['Console', 'Cycle de vie', 'Aperçu', 'Trames']);
  const consoleTab = playground.getByRole('tab', { name: 'Console' });
  await expect(consoleTab).toHaveAttribute('aria-selected', 'true');
  await expect(playground.locator('[data-panel="console"]')).toBeVisible();
  await consoleTab.focus();
  await page.keyboard.press('ArrowRight');
  const lifecycle = playground.getByRole('tab', { name: 'Cycle de vie' });
  await expect(lifecycle).toBeFocused();
  await expect(lifecycle).toHaveAttribute('aria-selected', 'true');
  await expect(playground.getByRole('tabpanel', { name: 'Cycle de vie' })).toBeVisible();
  await expect(playground.locator('[data-panel="console"]')).toBeHidden();
  await page.keyboard.press('End');
  await expect(playground.getByRole('tabpanel', { name: 'Trames' })).toContainText('Les trames échangées');
  await page.keyboard.press('ArrowLeft');
  await expect(playground.getByRole('tabpanel', { name: 'Aperçu' })).toContainText('ne construit pas de page');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.reload();
  await expect(page.locator(`ws-playground[data-id="${await playground.getAttribute('data-id')}"]`).getByRole('tab', { name: 'Cycle de vie' })).toHaveAttribute('aria-selected', 'true');
});

test('a playground after a run has no accessibility violations', async ({ page, playground, ws }) => {
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.onopen = () => socket.send("a");\nsocket.onmessage = () => socket.close();`);
  await runAndWait(playground);
  const id = await playground.getAttribute('data-id');
  const results = await new AxeBuilder({ page })
    .include(`ws-playground[data-id="${id}"]`)
    // Monaco's own hidden input widgets are outside our control.
    .exclude('.monaco-editor')
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary}`).join(', ')}`)).toEqual([]);
});

test('a run dispatches ws-snippet-ran, and a passed check dispatches ws-exercise-passed', async ({ page }) => {
  const target = findSnippet('exercise');
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    for (const type of ['ws-snippet-ran', 'ws-exercise-passed']) {
      document.addEventListener(type, (event) => seen.push(`${type} ${(event as CustomEvent<{ id: string }>).detail.id}`));
    }
  });
  const playground = await openPlayground(page, target);
  const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  await runAndWait(playground);
  await expect(playground.locator('.ws-verdict')).toHaveAttribute('data-ok', 'false');
  expect(await seen()).toEqual([`ws-snippet-ran ${target.id}`]);
  await playground.getByRole('button', { name: 'Voir la solution' }).click();
  await runAndWait(playground);
  await expect(playground.locator('.ws-verdict')).toHaveAttribute('data-ok', 'true');
  expect(await seen()).toEqual([`ws-snippet-ran ${target.id}`, `ws-exercise-passed ${target.id}`, `ws-snippet-ran ${target.id}`]);
});
