/**
 * The instructor's story: with INSTRUCTOR_TOKEN set (playwright.config.ts), an instructor opens
 * /formateur/?jeton=… and watches two learners join a /chat room from the course's pages, then
 * one leave. Also: its look in light and dark, on a desktop and on a phone, and axe's verdict.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const TOKEN = process.env.E2E_INSTRUCTOR_TOKEN!;
// The board comes every second; a loaded machine (two workers on two cores) may delay a few.
const live = expect.configure({ timeout: 10_000 });

/** A learner in a browser of their own: a course page whose script opens a WebSocket to /chat. */
async function learnerJoins(browser: Browser, room: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/');
  await page.evaluate(
    (room) =>
      new Promise<void>((resolve, reject) => {
        const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/chat?room=${room}`);
        (window as unknown as { chat: WebSocket }).chat = socket;
        socket.onmessage = () => resolve(); // the welcome
        socket.onerror = () => reject(new Error('chat refused'));
      }),
    room,
  );
  return page;
}

/** The instructor's view, opened with the token as the README says. */
async function openView(page: Page): Promise<void> {
  await page.goto(`/formateur/?jeton=${TOKEN}`);
  // The token left the address at once.
  await expect(page).toHaveURL(/\/formateur\/$/);
  await expect(page.getByRole('heading', { name: 'La classe en direct' })).toBeVisible();
  await live(page.getByRole('status')).toHaveText('En direct');
}

test('an instructor watches two learners join a chat room, and one leave', async ({ page, browser }) => {
  // A room of this test's own: other tests may chat at the same time.
  const room = `classe-${test.info().workerIndex}-${Date.now()}`;
  await openView(page);
  const rooms = page.locator('#salons');
  const row = rooms.getByRole('row', { name: room });
  await expect(row).toHaveCount(0);

  const alice = await learnerJoins(browser, room);
  await live(row.getByRole('cell')).toHaveText('1');
  const bob = await learnerJoins(browser, room);
  await live(row.getByRole('cell')).toHaveText('2');
  // The route's count includes both (and whatever other tests hold open).
  const chat = page.locator('#routes').getByRole('row', { name: '/chat' }).getByRole('cell');
  expect(Number(await chat.textContent())).toBeGreaterThanOrEqual(2);

  await alice.evaluate(() => (window as unknown as { chat: WebSocket }).chat.close(1000, 'fini'));
  await live(row.getByRole('cell')).toHaveText('1');
  const normal = page.locator('#fermetures').getByRole('row', { name: /^1000/ });
  await live(normal).toContainText('fermeture normale');
  await bob.context().close();
  await live(row).toHaveCount(0);
  await alice.context().close();
});

test('a wrong token shows the site’s ordinary 404 page', async ({ page }) => {
  const response = await page.goto('/formateur/?jeton=mauvais-jeton-0123456789');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'La classe en direct' })).toHaveCount(0);
});

for (const scheme of ['light', 'dark'] as const) {
  for (const device of [{ name: 'bureau', width: 1280, height: 800 }, { name: 'téléphone', width: 375, height: 667 }]) {
    test(`the view reads well in ${scheme} on a ${device.width}×${device.height} screen, with no axe violation`, async ({ page, browser }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(device);
      const learner = await learnerJoins(browser, `capture-${scheme}-${device.name}`);
      await openView(page);
      await live(page.locator('#salons').getByRole('row', { name: `capture-${scheme}-${device.name}` })).toBeVisible();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'no sideways scrolling').toBeLessThanOrEqual(device.width);
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      await page.screenshot({ path: test.info().outputPath(`formateur-${scheme}-${device.name}.png`), fullPage: true });
      await learner.context().close();
    });
  }
}
