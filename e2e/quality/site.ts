/**
 * The pages of the built site, found by walking dist/ when the suite is collected: a new
 * lesson is covered by every quality gate with no list to keep by hand.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The built site; SITE_DIST points the gates at another copy of it (one that no build is rewriting). */
const DIST = process.env.SITE_DIST ?? path.join(import.meta.dirname, '..', '..', 'dist');
/** Folders of dist/ that are not pages of the course (the sandbox iframe that runs learner code). */
const NOT_PAGES = ['runner', '_astro', 'pagefind'];

/** One page of the built site. */
export interface SitePage {
  /** URL path, e.g. `/client/fermer-proprement/` or `/404.html`. */
  url: string;
  /** The page's <title>, as built. */
  title: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return dir === DIST && NOT_PAGES.includes(entry.name) ? [] : walk(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

function urlOf(file: string): string {
  const relative = path.relative(DIST, file).split(path.sep).join('/');
  if (relative === 'index.html') return '/';
  return relative.endsWith('/index.html') ? `/${relative.slice(0, -'index.html'.length)}` : `/${relative}`;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * Every page of dist/ (including 404.html), sorted by URL. Throws when the site is not built:
 * a gate generated from no page would pass by checking nothing.
 */
export function sitePages(): SitePage[] {
  if (!existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(`No built site in ${DIST}: run \`npm run build\` (or \`npm run test:e2e\`, which builds when needed) first.`);
  }
  const pages = walk(DIST)
    .map((file) => {
      const title = /<title>([\s\S]*?)<\/title>/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
      return { url: urlOf(file), title: decodeEntities(title).trim() };
    })
    .sort((a, b) => a.url.localeCompare(b.url));
  return pages;
}

/** The expected language of every page: the course is French only. */
export const LANG = 'fr';

/** The playgrounds of the page, in document order. */
export function playgrounds(page: Page): Locator {
  return page.locator('ws-playground');
}

/** The playground's « Exécuter » button. */
export function runButton(playground: Locator): Locator {
  return playground.getByRole('button', { name: 'Exécuter', exact: true });
}

/** How long a run may take: the snippets suite's limit too. */
export const RUN_TIMEOUT_MS = 45_000;

/** Clicks « Exécuter » (or taps it) and waits for the line that ends every run. */
export async function runAndWait(playground: Locator, how: 'click' | 'tap' = 'click'): Promise<void> {
  const button = runButton(playground);
  await button.scrollIntoViewIfNeeded();
  await (how === 'tap' ? button.tap() : button.click());
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: RUN_TIMEOUT_MS });
}

/** Scrolls to the playground, points at it, and waits for its Monaco editor to replace the static block. */
export async function openEditor(playground: Locator): Promise<void> {
  await playground.scrollIntoViewIfNeeded();
  // The editor loads when the learner reaches for the playground.
  await playground.hover();
  await expect(playground.locator('.ws-editor .monaco-editor')).toBeVisible({ timeout: 20_000 });
}

/** Sets Starlight's theme before any script of the page runs. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
}

/** `- a\n- b`, for failure messages that list every problem at once. */
export function bullets(lines: string[]): string {
  return lines.map((line) => `  - ${line}`).join('\n');
}
