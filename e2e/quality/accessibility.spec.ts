/**
 * Gate « accessibilité »: no axe violation of serious or critical impact on any page, in the
 * light and the dark theme, with the first playground opened (editor loaded, code run, so the
 * console, the timeline and the verdict are on the page too).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { bullets, openEditor, playgrounds, runAndWait, sitePages, useTheme } from './site.ts';

test.describe.configure({ mode: 'parallel' });

const BLOCKING = ['serious', 'critical'];
const THEMES = { light: 'clair', dark: 'sombre' } as const;

for (const { url } of sitePages()) {
  for (const [theme, label] of Object.entries(THEMES) as [keyof typeof THEMES, string][]) {
    test(`${url} · accessibilité (${label})`, async ({ page }) => {
      await useTheme(page, theme);
      await page.goto(url);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      const playground = playgrounds(page).first();
      if (await playground.count()) {
        await openEditor(playground);
        await runAndWait(playground);
      }
      // The runner iframe is an empty, hidden page that only hosts the learner's worker.
      const { violations } = await new AxeBuilder({ page }).exclude('iframe[src^="/runner/"]').analyze();
      const blocking = violations.filter((v) => BLOCKING.includes(v.impact ?? ''));
      const report = blocking.flatMap((v) =>
        v.nodes.map((node) => `${v.id} (${v.impact}) : ${v.help} — ${node.target.join(' ')}\n      ${node.failureSummary?.replace(/\n/g, ' ') ?? ''}`),
      );
      expect(blocking, `${url}, thème ${label}, violations axe graves ou critiques :\n${bullets(report)}`).toEqual([]);
    });
  }
}
