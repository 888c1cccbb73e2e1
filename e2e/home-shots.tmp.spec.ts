import { test } from '@playwright/test';
const shots = [
  { name: 'home', path: '/', sel: null },
  { name: 'sequence', path: '/serveur/sous-le-capot/', sel: '#schema-1' },
  { name: 'frame', path: '/serveur/sous-le-capot/', sel: '#schema-2' },
  { name: 'timeline', path: '/decouvrir/ajax-ou-websocket/', sel: '#schema-1' },
];
for (const theme of ['light', 'dark']) for (const vp of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) for (const s of shots) {
  test(`${s.name} ${theme} ${vp.width}`, async ({ page }) => {
    await page.setViewportSize(vp);
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await page.goto(s.path);
    const file = `/tmp/home-shots/${s.name}-${theme}-${vp.width}.png`;
    if (s.sel) { const f = page.locator(s.sel); await f.scrollIntoViewIfNeeded(); await f.screenshot({ path: file }); }
    else {
      await page.locator('ws-lifecycle-demo button').click();
      await page.locator('ws-lifecycle-demo li[data-state="CLOSED"]').waitFor();
      await page.screenshot({ path: file, fullPage: true });
    }
  });
}
