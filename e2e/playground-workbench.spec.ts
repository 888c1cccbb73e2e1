/** User stories: the workbench gives the code and its output room, and « Voir la solution » keeps the learner's attempt. */
import { rewriteServer } from '../src/lib/server-url.ts';
import { editorCode, expect, findSnippet, openPlayground, runAndWait, setCode, test } from './fixtures.ts';

test('at 1440 px the editor and the output sit side by side, each at least 600 px wide', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const playground = await openPlayground(page);
  const code = (await playground.locator('.ws-code-pane').boundingBox())!;
  const output = (await playground.locator('.ws-output-pane').boundingBox())!;
  expect(code.width).toBeGreaterThanOrEqual(600);
  expect(output.width).toBeGreaterThanOrEqual(600);
  expect(output.x).toBeGreaterThanOrEqual(code.x + code.width);
  expect(Math.abs(output.y - code.y)).toBeLessThan(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  // « Sur cette page » is folded into the bar above the content, not a column beside it.
  await expect(page.locator('mobile-starlight-toc summary')).toBeVisible();
  await expect(page.locator('.right-sidebar-panel')).toBeHidden();
});

test('the console is monospaced, starts at its first line and can be resized', async ({ playground }) => {
  await setCode(playground, 'for (let i = 1; i <= 80; i++) console.log("ligne", i);');
  await runAndWait(playground);
  const log = playground.getByRole('log', { name: 'Console' });
  await expect(log.locator('.ws-text').first()).toHaveText('ligne 1');
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
  const font = await log.locator('.ws-text').first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(font).toMatch(/mono/i);
  expect(await playground.locator('.ws-panels').evaluate((el) => getComputedStyle(el).resize)).toBe('vertical');
});

test('Voir la solution, then back to my code', async ({ page, ws }) => {
  const target = findSnippet('exercise');
  const playground = await openPlayground(page, target);
  await setCode(playground, 'console.log("mon essai");');
  await playground.getByRole('button', { name: 'Voir la solution' }).click();
  const flat = (text: string) => text.replace(/^[ \t]+/gm, '');
  await expect.poll(async () => flat(await editorCode(playground))).toBe(flat(rewriteServer(target.solution!, ws)));
  await expect(playground.getByRole('button', { name: 'Voir la solution' })).toHaveCount(0);
  await runAndWait(playground);
  await expect(playground.locator('.ws-verdict')).toHaveAttribute('data-ok', 'true');
  await playground.getByRole('button', { name: 'Revenir à mon code' }).click();
  await expect.poll(() => editorCode(playground)).toBe('console.log("mon essai");');
  // The attempt was never replaced: it is still there after a reload.
  await page.reload();
  const again = await openPlayground(page, target);
  await expect.poll(() => editorCode(again)).toBe('console.log("mon essai");');
  // One offer of the solution only: no collapsible copy under the exercise.
  await expect(again.locator('details.ws-solution')).toHaveCount(0);
});
