/** Helpers for the playground's user stories: open a playground, type code, run it, read what it shows. */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { lessons } from './lessons.ts';

/** A lesson page and the id of one of its playgrounds. */
export interface Target {
  path: string;
  id: string;
}

const pageId = (path: string) => path.replace(/^\/|\/$/g, '') || 'index';

/** The first lesson snippet of `kind` (the stories replace its code with their own). */
export function findSnippet(kind: 'run' | 'exercise' = 'run'): Target & { code: string; solution?: string } {
  for (const lesson of lessons()) {
    const snippet = lesson.snippets.find((s) => s.kind === kind);
    if (snippet) return { path: lesson.path, id: `${pageId(lesson.path)}#${snippet.index}`, code: snippet.code, solution: snippet.solution };
  }
  throw new Error(`no ${kind} snippet in the course`);
}

/** The playground `target.id`, scrolled into view and pointed at, with its editor ready. */
export async function openPlayground(page: Page, target: Target = findSnippet()): Promise<Locator> {
  await page.goto(target.path);
  const playground = page.locator(`ws-playground[data-id="${target.id}"]`);
  await playground.scrollIntoViewIfNeeded();
  // The editor loads when the learner reaches for the playground.
  await playground.hover();
  await expect(playground).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  return playground;
}

/** Replaces the editor's code, typing like a learner pasting. */
export async function setCode(playground: Locator, code: string) {
  await playground.locator('.ws-editor .view-lines').click();
  const page = playground.page();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  // Monaco re-indents pasted lines as it would for a learner; indentation does not matter here.
  const flat = (text: string) => text.replace(/^[ \t]+/gm, '');
  await expect.poll(async () => flat(await editorCode(playground))).toBe(flat(code));
}

/** The editor's code, as the playground holds it. */
export function editorCode(playground: Locator): Promise<string> {
  return playground.evaluate((el) => (el as HTMLElement & { code: string }).code);
}

/** Clicks « Exécuter » and waits for the run's end line. */
export async function runAndWait(playground: Locator, timeout = 20_000) {
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout });
}

/** The console's lines printed by the snippet, without timestamps or the run's end line. */
export function consoleLines(playground: Locator): Promise<string[]> {
  return playground.locator('.ws-console .ws-line:not(.ws-placeholder):not(.ws-system) .ws-text').allTextContents();
}

/** Opens the playground's « Serveur » menu. */
export async function openSettings(playground: Locator) {
  await playground.locator('.ws-settings > summary').click();
  await expect(playground.getByLabel('Adresse du serveur WebSocket')).toBeVisible();
}

/**
 * The stories' `test`: `playground` is the course's first runnable playground, opened with its
 * editor ready; `ws` is the WebSocket base URL of the server under test (`ws://localhost:8790`).
 */
export const test = base.extend<{ playground: Locator; ws: string }>({
  playground: async ({ page }, use) => {
    await use(await openPlayground(page));
  },
  ws: async ({ baseURL }, use) => {
    await use(baseURL!.replace(/^http/, 'ws'));
  },
});

export { expect };
