/**
 * User stories: learner code cannot freeze the course page (one budget per run covers everything
 * that crosses from the sandbox) nor silently kill the playground (a dead sandbox is recreated).
 */
import type { Page } from '@playwright/test';
import { MAX_SOCKETS, MAX_STEPS } from '../src/components/playground/timeline-view.ts';
import { CLIPPED_KEEPS, MAX_RUN_MESSAGES, MAX_STRING_CHARS } from '../src/lib/sandbox/budget.ts';
import { formatCount } from '../src/lib/strings.fr.ts';
import { expect, openPlayground, runAndWait, setCode, test } from './fixtures.ts';

/** Counts what the sandbox frame posts to the page: how many run events, and the longest one. */
async function countSandboxMessages(page: Page) {
  await page.addInitScript(() => {
    const seen = { events: 0, longest: 0 };
    (window as unknown as { sandboxMessages: typeof seen }).sandboxMessages = seen;
    addEventListener('message', (event) => {
      if (event.source === window || event.data?.kind !== 'event') return;
      seen.events++;
      seen.longest = Math.max(seen.longest, JSON.stringify(event.data).length);
    });
  });
  return () => page.evaluate(() => (window as unknown as { sandboxMessages: { events: number; longest: number } }).sandboxMessages);
}

/** Nodes under `selector` inside the playground: what the page has to lay out. */
const nodeCount = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.querySelectorAll('*').length);

test('a flood of uncaught exceptions leaves the page responsive', async ({ page }) => {
  const received = await countSandboxMessages(page);
  const playground = await openPlayground(page);
  // Two short lines: the editor wraps long ones, and a wrapped line draws its mark once per row.
  await setCode(playground, 'for (let i = 0; i < 30000; i++)\n  setTimeout(() => { throw new Error("boum " + i); });');
  await runAndWait(playground, 30_000);
  // The page's main thread answers, and only the budget crossed from the sandbox.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  expect((await received()).events).toBeLessThanOrEqual(MAX_RUN_MESSAGES + 50);
  const left = formatCount(30_000 - MAX_RUN_MESSAGES);
  await expect(playground.locator('.ws-console .ws-dropped')).toHaveText(new RegExp(`${left} messages non affichés pour garder la page réactive`));
  await expect(playground.locator('.ws-console .ws-dropped')).toHaveCount(1);
  expect(await playground.locator('.ws-console .ws-line').count()).toBeLessThanOrEqual(502);
  // The editor marks the first error, once.
  await expect(playground.locator('.ws-editor .squiggly-error')).toHaveCount(1);
});

test('a 30-million-character throw is truncated and the page answers', async ({ page }) => {
  const received = await countSandboxMessages(page);
  const playground = await openPlayground(page);
  await setCode(playground, 'throw new Error("x".repeat(30_000_000));');
  await runAndWait(playground, 30_000);
  const error = playground.locator('.ws-console .ws-error');
  await expect(error).toContainText(`x… (${formatCount(30_000_000 - CLIPPED_KEEPS)} caractères de plus)`);
  // The line's time and « Error ligne 1 : » come on top of the clipped message.
  expect((await error.textContent())!.length).toBeLessThan(MAX_STRING_CHARS + 100);
  expect((await received()).longest).toBeLessThan(MAX_STRING_CHARS + 1000);
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await expect(playground.getByRole('button', { name: 'Exécuter', exact: true })).toBeEnabled();
});

test('creating 3,000 sockets keeps the timeline bounded and says what it left out', async ({ page, ws }) => {
  const playground = await openPlayground(page);
  await setCode(playground, `for (let i = 0; i < 3000; i++) new WebSocket("${ws}/echo");`);
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  const notice = playground.locator('.ws-timeline .ws-notice');
  await expect(notice).toContainText(`${formatCount(3000 - MAX_SOCKETS)} connexions de plus non affichées.`, { timeout: 30_000 });
  // The page answers while the sockets live, and draws only what it keeps.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await expect(playground.locator('.ws-timeline .ws-socket')).toHaveCount(MAX_SOCKETS);
  expect(await nodeCount(page, `ws-playground[data-id="${await playground.getAttribute('data-id')}"] .ws-timeline`)).toBeLessThan(15 * (MAX_STEPS + MAX_SOCKETS));
  await playground.getByRole('button', { name: 'Arrêter' }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Exécution arrêtée/, { timeout: 20_000 });
});
