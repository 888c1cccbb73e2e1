/**
 * User stories: typing starts on the first click, in the static code itself, and Monaco takes
 * over later without losing a character, the caret or the focus. Monaco's download is held by
 * the tests, so that the window before it arrives is as wide as they need.
 */
import type { Locator, Page } from '@playwright/test';
import { rewriteServer } from '../src/lib/server-url.ts';
import { editorCode, expect, findSnippet, test, type Target } from './fixtures.ts';

const MONACO_CHUNK = /\/_astro\/monaco[^/]*\.js$/;

/** Holds Monaco's chunk until `release()`: the typing layer is all there is meanwhile. */
async function holdMonaco(page: Page): Promise<{ release(): void }> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(MONACO_CHUNK, async (route) => {
    await held;
    await route.continue();
  });
  return { release };
}

/** The playground of `target`, scrolled into view, and its editable static code. */
async function openStatic(page: Page, target: Target): Promise<{ playground: Locator; layer: Locator }> {
  await page.goto(target.path);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  const layer = playground.locator('.expressive-code [contenteditable]');
  await layer.scrollIntoViewIfNeeded();
  return { playground, layer };
}

/**
 * Clicks with the mouse just inside the left edge of the character at `offset` of the code (so
 * the caret goes before it), in the middle of its line; `offset` must fall inside a line.
 */
async function clickBefore(layer: Locator, offset: number) {
  const box = await layer.evaluate((root, at) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let left = at;
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      if (left < node.data.length) {
        const range = document.createRange();
        range.setStart(node, left);
        range.setEnd(node, left + 1);
        const rect = range.getBoundingClientRect();
        return { x: rect.left + 1, y: rect.top + rect.height / 2 };
      }
      left -= node.data.length;
    }
    throw new Error(`no character at ${at}`);
  }, offset);
  await layer.page().mouse.click(box.x, box.y);
}

/** An offset in the middle of the code's first line that holds `text`. */
function middleOf(code: string, text: string): number {
  const at = code.indexOf(text);
  expect(at, `precondition: the snippet holds ${text}`).toBeGreaterThan(-1);
  return at + Math.floor(text.length / 2);
}

const insert = (code: string, at: number, text: string) => code.slice(0, at) + text + code.slice(at);

test('user types right after the first click and loses no character', async ({ page, ws }) => {
  const target = findSnippet();
  const monaco = await holdMonaco(page);
  const { playground, layer } = await openStatic(page, target);
  const code = rewriteServer(target.code, ws);
  const at = middleOf(code, 'new WebSocket');
  await clickBefore(layer, at);
  await page.keyboard.insertText('XY');
  await page.keyboard.press('Z');
  await expect(layer).toBeFocused();
  expect(await editorCode(playground)).toBe(insert(code, at, 'XYZ'));
  // Monaco arrives: same text, caret where it was, focus inside it.
  monaco.release();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect(playground.locator('.ws-editor .monaco-editor')).toHaveClass(/\bfocused\b/);
  await page.keyboard.insertText('W');
  expect(await editorCode(playground)).toBe(insert(code, at, 'XYZW'));
  await expect(playground.locator('.ws-editor .view-lines')).toContainText('XYZW');
});

test('keys typed while Monaco loads and takes over are all kept, in order', async ({ page, ws }) => {
  const target = findSnippet();
  const monaco = await holdMonaco(page);
  const { playground, layer } = await openStatic(page, target);
  const code = rewriteServer(target.code, ws);
  const at = middleOf(code, 'new WebSocket');
  await clickBefore(layer, at);
  await page.keyboard.insertText('a');
  monaco.release();
  // Keep typing, one key per round trip, until Monaco has taken over, then a few more: some
  // keys land while its chunk is evaluated and while it replaces the layer.
  let typed = 'a';
  const letters = 'bcdefghijklmnopqrstuvwxyz';
  for (let i = 0; (await playground.getAttribute('data-ready')) !== 'true'; i++) {
    expect(i, 'Monaco took over within 2,000 keys').toBeLessThan(2000);
    const key = letters[i % letters.length];
    await page.keyboard.press(key);
    typed += key;
  }
  for (const key of 'END') {
    await page.keyboard.press(`Shift+${key}`);
    typed += key;
  }
  await expect.poll(() => editorCode(playground)).toBe(insert(code, at, typed));
});

test('keyboard user reaches the editor with Tab, types at once, and ends inside Monaco', async ({ page, ws }) => {
  const target = findSnippet();
  const monaco = await holdMonaco(page);
  const { playground, layer } = await openStatic(page, target);
  const code = rewriteServer(target.code, ws);
  // The focusable element just before the code, wherever the lesson puts it.
  await layer.evaluate((editable) => {
    const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex], [contenteditable]')].filter(
      (el) => el === editable || (!el.closest('[hidden]') && el.tabIndex >= 0 && el.getClientRects().length > 0),
    );
    focusable[focusable.indexOf(editable as HTMLElement) - 1].focus();
  });
  await page.keyboard.press('Tab');
  await expect(layer).toBeFocused();
  await page.keyboard.insertText('// ');
  const typed = await editorCode(playground);
  expect(typed.replace('// ', '')).toBe(code);
  // Shift+Tab leaves the code, Tab comes back to it, the edit intact.
  await page.keyboard.press('Shift+Tab');
  await expect(layer).not.toBeFocused();
  await page.keyboard.press('Tab');
  await expect(layer).toBeFocused();
  monaco.release();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  const editor = playground.locator('.ws-editor .monaco-editor');
  await expect(editor).toHaveClass(/\bfocused\b/);
  await page.keyboard.insertText('ok');
  expect((await editorCode(playground)).replace('// ', '').replace('ok', '')).toBe(code);
  // Monaco keeps Tab for indenting; Escape then Tab leaves it, as the hint says.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  await expect(playground.getByRole('button', { name: 'Exécuter', exact: true })).toBeFocused();
});

test('what was typed before Monaco arrived survives a reload', async ({ page, ws }) => {
  const target = findSnippet();
  await holdMonaco(page);
  const { playground, layer } = await openStatic(page, target);
  const code = rewriteServer(target.code, ws);
  const at = middleOf(code, 'new WebSocket');
  await clickBefore(layer, at);
  await page.keyboard.insertText('Sauvé');
  expect(await editorCode(playground)).toBe(insert(code, at, 'Sauvé'));
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.reload();
  const reloaded = page.locator(`ws-playground[data-id="${target.id}"]`);
  await reloaded.scrollIntoViewIfNeeded();
  await expect(reloaded).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  expect(await editorCode(reloaded)).toBe(insert(code, at, 'Sauvé'));
});

test('Ctrl+Z in Monaco takes back what was typed before it arrived', async ({ page, ws }) => {
  const target = findSnippet();
  const monaco = await holdMonaco(page);
  const { playground, layer } = await openStatic(page, target);
  const code = rewriteServer(target.code, ws);
  await clickBefore(layer, middleOf(code, 'new WebSocket'));
  await page.keyboard.insertText('tapé avant');
  monaco.release();
  await expect(playground.locator('.ws-editor .monaco-editor')).toHaveClass(/\bfocused\b/, { timeout: 15_000 });
  await page.keyboard.press('ControlOrMeta+Z');
  await expect.poll(() => editorCode(playground)).toBe(code);
});
