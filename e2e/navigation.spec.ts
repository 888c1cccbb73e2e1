/** A learner can walk the whole course with « Suivant » and find any lesson with the search. */
import { expect, test } from '@playwright/test';
import { lessons } from './lessons.ts';

const lessonPaths = lessons().map((l) => l.path).filter((p) => p !== '/');

test('the « Suivant » links go through every lesson once, and « Précédent » walks back', async ({ page }) => {
  // One page load per lesson, in a row.
  test.slow();
  await page.goto('/');
  await page.getByRole('link', { name: /Commencer le cours/ }).click();
  const visited = [new URL(page.url()).pathname];
  for (let i = 0; i < lessonPaths.length; i++) {
    const next = page.locator('.pagination-links a[rel="next"]');
    if ((await next.count()) === 0) break;
    await next.click();
    await expect(page.locator('h1')).toBeVisible();
    visited.push(new URL(page.url()).pathname);
  }
  expect([...visited].sort()).toEqual([...lessonPaths].sort());
  expect(new Set(visited).size).toBe(visited.length);

  await page.locator('.pagination-links a[rel="prev"]').click();
  expect(new URL(page.url()).pathname).toBe(visited.at(-2));
});

for (const lesson of lessons().filter((l) => l.path !== '/')) {
  test(`the search finds ${lesson.path}`, async ({ page }) => {
    await page.goto('/');
    const title = await (await page.request.get(lesson.path)).text().then((html) => /<h1[^>]*>([^<]+)<\/h1>/.exec(html)?.[1] ?? '');
    expect(title, 'the lesson page has an <h1>').not.toBe('');
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Rechercher' }).fill(decode(title));
    await expect(dialog.locator(`a[href^="${lesson.path}"]`).first()).toBeVisible({ timeout: 15_000 });
  });
}

function decode(html: string): string {
  return html.replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'");
}
