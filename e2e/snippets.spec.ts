/**
 * Every runnable snippet and every exercise of every lesson, run in Chromium against the real
 * server: runs print exactly what the lesson declares (every line, save where the declaration
 * shows an elision `[…]`); exercise starters fail their check and solutions pass it.
 */
import { expect, test, type Locator } from '@playwright/test';
import { matchesOutput } from '../src/lib/snippets.ts';
import { lessons } from './lessons.ts';

/**
 * What the run printed, without blank lines and without the page's own notes, which no lesson
 * declares: the run's closing line (`.ws-system`) and the count of events left out to keep the
 * page responsive (`.ws-dropped`, whose place and number depend on the machine's speed).
 */
async function consoleLines(playground: Locator): Promise<string[]> {
  const lines = await playground.locator('.ws-console .ws-line:not(.ws-placeholder, .ws-system, .ws-dropped) .ws-text').allTextContents();
  // A declaration cannot hold a blank line (snippets.ts drops them): neither side counts them.
  return lines.filter((line) => line.trim() !== '');
}

async function runAndWait(playground: Locator) {
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: 45_000 });
}

for (const lesson of lessons()) {
  for (const snippet of lesson.snippets) {
    const title = `${lesson.file} #${snippet.index} (line ${snippet.line})`;
    const id = `${lesson.path.replace(/^\/|\/$/g, '') || 'index'}#${snippet.index}`;

    if (snippet.kind === 'run') {
      test(`${title} prints its declared output`, async ({ page }) => {
        await page.goto(lesson.path);
        const playground = page.locator(`ws-playground[data-id="${id}"]`);
        await runAndWait(playground);
        const lines = await consoleLines(playground);
        expect(matchesOutput(snippet.output ?? [], lines), `expected, line for line ([…] stands for lines left out):\n${(snippet.output ?? []).join('\n')}\n\ngot:\n${lines.join('\n')}`).toBe(true);
      });
    } else {
      test(`${title}: the starter fails its check and the solution passes it`, async ({ page }) => {
        await page.goto(lesson.path);
        const playground = page.locator(`ws-playground[data-id="${id}"]`);
        const verdict = playground.locator('.ws-verdict');
        await runAndWait(playground);
        await expect(verdict).toHaveAttribute('data-ok', 'false');
        await playground.getByRole('button', { name: 'Voir la solution' }).click();
        await expect(playground.locator('.ws-editor')).toBeVisible();
        await runAndWait(playground);
        await expect(verdict, `check message: ${await verdict.textContent()}`).toHaveAttribute('data-ok', 'true');
      });
    }
  }
}
