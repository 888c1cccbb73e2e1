/**
 * Gate « téléphone »: at 375×667 with touch, no page scrolls sideways, every playground's
 * buttons sit inside the screen and are big enough to tap; and a tap on « Exécuter » runs a
 * snippet to its end (once: every snippet's own run is page-session.spec.ts's business).
 */
import { expect, test } from '@playwright/test';
import { bullets, openEditor, playgrounds, runAndWait, sitePages } from './site.ts';

test.describe.configure({ mode: 'parallel' });
test.use({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });

/** WCAG 2.2 « Target Size (Minimum) », in CSS pixels. */
const MIN_TARGET = 24;

for (const { url } of sitePages()) {
  test(`${url} fits a 375×667 touch screen, with playground buttons on screen and big enough to tap`, async ({ page }) => {
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
  });
}

test('a phone user taps « Exécuter » and the run goes to its end', async ({ page }) => {
  const url = sitePages().find((p) => p.url.startsWith('/client/'))!.url;
  await page.goto(url);
  const first = playgrounds(page).first();
  await openEditor(first);
  await runAndWait(first, 'tap');
});

test.describe('on a 390×844 touch screen', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  for (const { url } of sitePages()) {
    test(`${url} shows no keyboard hint, and its code and expected output are whole and clear of the copy button`, async ({ page }) => {
      await page.goto(url);
      expect(await page.evaluate(() => matchMedia('(hover: none) and (pointer: coarse)').matches), 'the screen is a touch screen').toBe(true);
      const all = playgrounds(page);
      if ((await all.count()) === 0) return;
      await expect.soft(all.getByText('Ctrl+Entrée').filter({ visible: true }), 'no keyboard hint on a touch screen').toHaveCount(0);
      const problems = await page.evaluate(() => {
        const found: string[] = [];
        const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
        document.querySelectorAll('ws-playground').forEach((playground, i) => {
          playground.querySelectorAll<HTMLElement>('.expressive-code pre').forEach((pre) => {
            const what = `bac à sable n°${i + 1}, bloc ${pre.dataset.language}`;
            if (pre.scrollWidth > pre.clientWidth + 1) found.push(`${what} : ${pre.scrollWidth - pre.clientWidth} px de code cachés à droite`);
            const button = pre.parentElement?.querySelector('.copy button');
            if (pre.dataset.language !== 'txt' || !button || getComputedStyle(button).opacity === '0') return;
            const covered = button.getBoundingClientRect();
            pre.querySelectorAll('.ec-line .code').forEach((line) => {
              const range = document.createRange();
              range.selectNodeContents(line);
              if ([...range.getClientRects()].some((rect) => rect.width > 0 && overlaps(rect, covered))) {
                found.push(`${what} : le bouton de copie couvre « ${line.textContent} »`);
              }
            });
          });
        });
        return found;
      });
      expect(problems, `${url} :\n${problems.join('\n')}`).toEqual([]);
    });
  }

  test('code in the editor wraps instead of hiding the end of long lines', async ({ page }) => {
    await page.goto('/client/fermer-proprement/');
    const playground = playgrounds(page).first();
    await openEditor(playground);
    const editor = (await playground.locator('.ws-editor .monaco-editor').boundingBox())!;
    const ends = await playground.locator('.ws-editor .view-line > span').evaluateAll((spans) => spans.map((s) => s.getBoundingClientRect().right));
    expect(Math.max(...ends)).toBeLessThanOrEqual(editor.x + editor.width);
  });
});
