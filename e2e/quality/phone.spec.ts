/**
 * Gate « téléphone »: at 375×667 with touch, no page scrolls sideways, every playground's
 * buttons sit inside the screen and are big enough to tap, and tapping « Exécuter » on the
 * first playground runs its code to the end.
 */
import { expect, test } from '@playwright/test';
import { bullets, openEditor, playgrounds, runAndWait, sitePages } from './site.ts';

test.describe.configure({ mode: 'parallel' });
test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

/** WCAG 2.2 « Target Size (Minimum) », in CSS pixels. */
const MIN_TARGET = 24;

for (const { url } of sitePages()) {
  test(`${url} · on a 375×667 phone, fits the screen and runs by tap`, async ({ page }) => {
    await page.goto(url);
    const all = playgrounds(page);
    const count = await all.count();
    // With its editor loaded, as a reader who scrolled to it sees it.
    if (count > 0) await openEditor(all.first());

    const overflow = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      const clips = (el: Element) => getComputedStyle(el).overflowX !== 'visible';
      // The outermost elements that stick out, outside of any box that scrolls or clips them.
      const culprits = [...document.body.querySelectorAll('*')].filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
          if (clips(up) || up.getBoundingClientRect().right > width + 1) return false;
        }
        return true;
      });
      const describe = (el: Element) =>
        `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> jusqu'à ${Math.round(el.getBoundingClientRect().right)} px`;
      return { scrollWidth: document.documentElement.scrollWidth, width, culprits: culprits.slice(0, 10).map(describe) };
    });
    expect(
      overflow.scrollWidth,
      `${url} : défilement horizontal (${overflow.scrollWidth} px de contenu pour ${overflow.width} px d'écran) ; dépassent :\n${bullets(overflow.culprits)}`,
    ).toBeLessThanOrEqual(overflow.width);

    const problems: string[] = [];
    for (let i = 0; i < count; i++) {
      const playground = all.nth(i);
      for (const button of await playground.locator('.ws-toolbar button:visible').all()) {
        await button.scrollIntoViewIfNeeded();
        const box = await button.boundingBox();
        const name = `bac à sable n°${i + 1}, bouton « ${(await button.textContent())?.trim()} »`;
        if (!box) continue;
        if (box.x < 0 || box.x + box.width > overflow.width + 1) problems.push(`${name} : hors de l'écran (x = ${Math.round(box.x)}, largeur ${Math.round(box.width)})`);
        if (box.width < MIN_TARGET || box.height < MIN_TARGET) problems.push(`${name} : cible de ${Math.round(box.width)}×${Math.round(box.height)} px, moins de ${MIN_TARGET}×${MIN_TARGET}`);
      }
      const editor = await playground.locator('.ws-editor').boundingBox();
      if (editor && editor.x + editor.width > overflow.width + 1) problems.push(`bac à sable n°${i + 1} : l'éditeur dépasse de l'écran (${Math.round(editor.x + editor.width)} px)`);
    }
    expect(problems, `${url} : commandes des bacs à sable inutilisables sur téléphone :\n${bullets(problems)}`).toEqual([]);

    if (count > 0) await runAndWait(all.first(), 'tap');
  });
}
