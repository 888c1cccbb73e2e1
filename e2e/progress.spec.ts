/** The sidebar shows what the learner has read and solved, and remembers it. */
import { expect, test } from '@playwright/test';
import { lessons } from './lessons.ts';

const withExercise = lessons().find((l) => l.snippets.some((s) => s.kind === 'exercise'));

test('a passed exercise and a read lesson show in the sidebar and survive a reload', async ({ page }) => {
  expect(withExercise, 'some lesson has an exercise').toBeTruthy();
  const lesson = withExercise!;
  const exercise = lesson.snippets.find((s) => s.kind === 'exercise')!;
  const id = `${lesson.path.replace(/^\/|\/$/g, '')}#${exercise.index}`;
  await page.goto(lesson.path);
  const link = page.locator(`#starlight__sidebar a[href="${lesson.path}"]`);
  await expect(link.locator('.ws-progress-mark')).toHaveCount(0);

  const playground = page.locator(`ws-playground[data-id="${id}"]`);
  await playground.getByRole('button', { name: 'Voir la solution' }).click();
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-verdict')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
  await page.locator('.pagination-links').scrollIntoViewIfNeeded();

  const total = lesson.snippets.filter((s) => s.kind === 'exercise').length;
  await expect(link.locator('.ws-progress-mark')).toHaveText(`✓ 1/${total}`);
  await page.reload();
  await expect(link.locator('.ws-progress-mark')).toHaveText(`✓ 1/${total}`);
  await expect(page.locator('.ws-progress-summary')).toContainText('1 exercice réussi');
});
