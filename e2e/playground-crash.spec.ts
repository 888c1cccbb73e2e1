/** User story: a snippet that kills the sandbox's process (a memory bomb) does not silence the playgrounds. */
import { expect, test } from '@playwright/test';
import { CHROMIUM_FLAGS, SYSTEM_CHROMIUM } from '../test-support/chromium.ts';
import { openPlayground, setCode } from './fixtures.ts';

// A real bomb, not a simulated crash. With V8's default heap it would take gigabytes, and long
// enough for the infinite-loop watchdog to stop it first; a small heap makes the frame's process die.
test.use({ launchOptions: { executablePath: SYSTEM_CHROMIUM, args: [...CHROMIUM_FLAGS, '--js-flags=--max-old-space-size=256'] } });

test('after the runner crashes, the next run works', async ({ page }) => {
  const playground = await openPlayground(page);
  const id = await playground.getAttribute('data-id');
  const mine = `ws-playground[data-id="${id}"]`;
  await setCode(playground, 'const a = [];\nwhile (true) a.push(new Array(1e6).fill(1));');
  // Playwright declares the whole page crashed when an out-of-process frame dies, and refuses to
  // drive it after that: the test reads and clicks through a CDP session of its own instead.
  const cdp = await page.context().newCDPSession(page);
  const evaluate = async <T>(expression: string) => (await cdp.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
  const lines = (selector: string) => evaluate<string[]>(`[...document.querySelectorAll('${selector} .ws-console .ws-text')].map((e) => e.textContent)`);
  const ended = (selector: string) => evaluate<number>(`document.querySelectorAll('${selector} .ws-console .ws-system').length`);
  const crashed = page.waitForEvent('crash', { timeout: 30_000 });
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await crashed;

  // The bomb's run ends: the page noticed the dead frame, or the infinite-loop watchdog came first.
  await expect.poll(() => ended(mine), { timeout: 30_000 }).toBe(1);
  const bombEnd = (await lines(mine)).at(-1)!;
  expect(bombEnd).toMatch(/Le bac à sable s'est arrêté \(mémoire épuisée\u00a0\?\)\u00a0; il a été relancé|boucle infinie/);
  await evaluate(`document.querySelector('${mine} .ws-reset').click(); document.querySelector('${mine} .ws-run').click();`);
  await expect.poll(() => ended(mine), { timeout: 30_000 }).toBe(1);
  const next = await lines(mine);
  expect(next.at(-1)).toMatch(/^Terminé/);
  // The learner is told, once: at the end of the bomb's run, or at the start of the next one.
  const told = [bombEnd, ...next].filter((line) => /Le bac à sable s'(est|était) arrêté/.test(line));
  expect(told).toHaveLength(1);

  // Every playground of the page runs again, not only the one that crashed.
  const other = `ws-playground:not([data-id="${id}"])`;
  await evaluate(`document.querySelector('${other} .ws-run').click();`);
  await expect.poll(() => ended(other), { timeout: 30_000 }).toBe(1);
  expect((await lines(other)).at(-1)).toMatch(/^Terminé/);
});
