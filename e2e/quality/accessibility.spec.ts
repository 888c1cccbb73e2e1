/**
 * Gate « accessibilité »: no axe violation of serious or critical impact on any page, in the
 * light and the dark theme, with the first playground opened (editor loaded, code run, so the
 * console, the timeline and the verdict are on the page too).
 *
 * One load per page: the dark test flips Starlight's theme on the same page, as the theme
 * switcher does (the Monaco editor follows `data-theme`).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { bullets, openEditor, playgrounds, runAndWait, sitePages, useTheme } from './site.ts';

const BLOCKING = ['serious', 'critical'];
const THEMES = { light: 'clair', dark: 'sombre' } as const;
/** Reasons listed per rule in a failure message; the rest are counted. */
const SHOWN = 8;

/** The end of a CSS selector, enough to find the element: Monaco's full paths run long. */
function shortTarget(target: Result['nodes'][number]['target']): string {
  const parts = target.join(' ').split(' > ');
  return parts.length > 3 ? `… > ${parts.slice(-3).join(' > ')}` : parts.join(' > ');
}

/** What is wrong with one element; contrast failures say which colours. */
function reason(node: Result['nodes'][number]): string {
  const contrast = node.any.find((check) => check.id === 'color-contrast')?.data as
    | { fgColor: string; bgColor: string; contrastRatio: number; expectedContrastRatio: string }
    | undefined;
  if (contrast) return `contraste ${contrast.contrastRatio} au lieu de ${contrast.expectedContrastRatio} : ${contrast.fgColor} sur ${contrast.bgColor}`;
  return (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
}

/** One paragraph per violated rule; elements failing for the same reason are grouped. */
function describeViolation(violation: Result): string {
  const groups = new Map<string, string[]>();
  for (const node of violation.nodes) groups.set(reason(node), [...(groups.get(reason(node)) ?? []), shortTarget(node.target)]);
  const lines = [...groups].slice(0, SHOWN).map(([why, targets]) =>
    `${why} — ${targets.length > 1 ? `${targets.length} éléments, dont ` : ''}${targets[0]}`,
  );
  if (groups.size > SHOWN) lines.push(`… et ${groups.size - SHOWN} autre(s) cas`);
  return `${violation.id} (${violation.impact}, ${violation.nodes.length} élément(s)) : ${violation.help}\n${bullets(lines.map((line) => `  ${line}`))}`;
}

for (const { url } of sitePages()) {
  test.describe(`${url} · accessibility`, () => {
    // Both themes on one page load, in one worker; a failed theme does not skip the other.
    test.describe.configure({ mode: 'default' });
    let context: BrowserContext;
    let page: Page;

    test.beforeAll(async ({ browser }) => {
      test.setTimeout(90_000);
      // A context of its own: axe needs one to reach into the page's frames.
      context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
      page = await context.newPage();
      await useTheme(page, 'light');
      await page.goto(url);
      const playground = playgrounds(page).first();
      if (await playground.count()) {
        await openEditor(playground);
        await runAndWait(playground);
      }
    });

    test.afterAll(async () => context?.close());

    for (const [theme, label] of Object.entries(THEMES) as [keyof typeof THEMES, string][]) {
      test(`has no serious or critical axe violation in the ${theme} theme`, async () => {
        await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await page.evaluate(() => new Promise(requestAnimationFrame)); // let the editor repaint
        // The runner iframe is an empty, hidden page that only hosts the learner's worker.
        const { violations } = await new AxeBuilder({ page }).exclude('iframe[src^="/runner/"]').analyze();
        const blocking = violations.filter((v) => BLOCKING.includes(v.impact ?? ''));
        expect(blocking.length, `${url}, thème ${label}, violations axe graves ou critiques :\n${blocking.map(describeViolation).join('\n')}`).toBe(0);
      });
    }
  });
}
