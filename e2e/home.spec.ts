/** The home page teaches before the first click: outline with progress, a live lifecycle, no editor bytes. */
import { expect, test, type Page } from '@playwright/test';
import { findSnippet } from './fixtures.ts';
import { lessons } from './lessons.ts';

/** The requests for Monaco's chunks, its workers and its icon font. */
const MONACO = /\/_astro\/(?:monaco|editor)[.-][^/]*$|\.worker[.-][^/]*$|codicon/;

function monacoRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => MONACO.test(new URL(request.url()).pathname) && seen.push(request.url()));
  return seen;
}

test('the outline lists every lesson, and marks a passed exercise', async ({ page }) => {
  const all = lessons().filter((l) => l.path !== '/');
  const withExercise = all.find((l) => l.snippets.some((s) => s.kind === 'exercise'))!;
  const exercise = withExercise.snippets.find((s) => s.kind === 'exercise')!;
  const total = withExercise.snippets.filter((s) => s.kind === 'exercise').length;
  await page.addInitScript(
    ([id]) => localStorage.setItem('ws-pas-a-pas:progress', JSON.stringify({ read: [], passed: [id] })),
    [`${withExercise.path.replace(/^\/|\/$/g, '')}#${exercise.index}`],
  );
  await page.goto('/');
  const outline = page.locator('ws-outline');
  for (const lesson of all) await expect(outline.locator(`li[data-lesson="${lesson.path}"] a`)).toHaveAttribute('href', lesson.path);
  await expect(outline.locator('li[data-lesson]')).toHaveCount(all.length);
  const mark = outline.locator(`li[data-lesson="${withExercise.path}"] .ws-progress-mark`);
  await expect(mark).toBeVisible();
  await expect(mark).toContainText(`1/${total}`);
  await expect(mark).toContainText(`1 exercice réussi sur ${total}`);
  await expect(outline.locator('.ws-progress-mark:visible')).toHaveCount(1);
});

test('the outline is there without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('ws-outline li[data-lesson]')).toHaveCount(lessons().filter((l) => l.path !== '/').length);
  await expect(page.getByText('Cette démonstration a besoin de JavaScript.')).toBeVisible();
  await context.close();
});

test('the live demo shows CONNECTING, OPEN, message, CLOSING and CLOSED in order', async ({ page }) => {
  await page.goto('/');
  const demo = page.locator('ws-lifecycle-demo');
  await expect(demo).toContainText(`/echo`);
  await demo.getByRole('button', { name: 'Ouvrir une connexion' }).click();
  const steps = demo.locator('li');
  await expect(steps.last()).toHaveAttribute('data-state', 'CLOSED', { timeout: 15_000 });
  expect(await steps.evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.state))).toEqual(['CONNECTING', 'OPEN', 'message', 'CLOSING', 'CLOSED']);
  await expect(steps.nth(2)).toContainText('«\u00a0Bonjour\u00a0!\u00a0»');
  await expect(steps.last()).toContainText('code 1000');
  await expect(demo.getByRole('button', { name: 'Recommencer' })).toBeEnabled();
});

test('the live demo follows the server address chosen for the snippets', async ({ page }) => {
  // A server that does not exist: the demo must try it, not the page's own.
  await page.addInitScript(() => localStorage.setItem('ws-pas-a-pas:server', 'ws://127.0.0.1:9'));
  await page.goto('/');
  const demo = page.locator('ws-lifecycle-demo');
  await expect(demo).toContainText('ws://127.0.0.1:9/echo');
  await demo.getByRole('button', { name: 'Ouvrir une connexion' }).click();
  await expect(demo.locator('li[data-state="error"]')).toBeVisible({ timeout: 15_000 });
  await expect(demo.locator('li').last()).toHaveAttribute('data-state', 'CLOSED');
});

test('the home page loads no Monaco byte, even after the demo; a playground does', async ({ page }) => {
  const requests = monacoRequests(page);
  await page.goto('/');
  await page.locator('ws-lifecycle-demo').getByRole('button', { name: 'Ouvrir une connexion' }).click();
  await expect(page.locator('ws-lifecycle-demo li').last()).toHaveAttribute('data-state', 'CLOSED', { timeout: 15_000 });
  await page.mouse.wheel(0, 5000);
  await page.waitForLoadState('networkidle');
  expect(requests).toEqual([]);
  // The same watch sees Monaco as soon as a playground is reached: the pattern is the right one.
  const target = findSnippet();
  await page.goto(target.path);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  await playground.scrollIntoViewIfNeeded();
  await playground.hover();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  expect(requests.length).toBeGreaterThan(0);
});

test('the diagrams are inline SVG with French accessible names', async ({ page }) => {
  const figures = [
    { path: '/serveur/sous-le-capot/', name: 'La poignée de main, puis les trames' },
    { path: '/serveur/sous-le-capot/', name: 'Le format d’une trame WebSocket (RFC 6455, section 5.2)' },
    { path: '/decouvrir/ajax-ou-websocket/', name: 'Trois nouvelles, quatre façons de les recevoir' },
  ];
  for (const { path, name } of figures) {
    await page.goto(path);
    const svg = page.getByRole('img', { name, exact: true });
    await expect(svg).toBeVisible();
    expect(await svg.evaluate((el) => el.tagName.toLowerCase())).toBe('svg');
    await expect(svg).toHaveAccessibleDescription(/.{40,}/);
    const words = page.locator('figure.ws-diagram', { has: svg }).locator('details li');
    expect(await words.count()).toBeGreaterThan(2);
  }
});
