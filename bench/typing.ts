/**
 * Ready to type: a real mouse click in the middle of a line of the first playground's static
 * code (empty cache, Monaco not loaded), then one typed character. Timed inside the page from
 * the click's pointerdown: until the character shows in the code, until Monaco has taken over
 * (`data-ready`), and until Monaco shows it too. Playwright's round trip between the click and
 * the key counts in the first figure: a learner is not faster than that.
 */
import type { Browser } from '@playwright/test';
import { median } from './stats.ts';

const MARK = 'Ω';

/** Ms from the click, one load. */
export interface TypingSample {
  /** The typed character shows in the code. */
  typed: number;
  /** Monaco has replaced the static code (with that character, the caret and the focus). */
  monaco: number;
  /** Monaco draws the character. */
  typedInMonaco: number;
}

/** Medians and worsts over the loads. */
export interface TypingResult {
  url: string;
  samples: TypingSample[];
  typed: { median: number; worst: number };
  monaco: { median: number; worst: number };
  typedInMonaco: { median: number; worst: number };
}

/** Runs in the page: where to click (a character mid-line), and the watch that times what follows. */
function watch(mark: string): { x: number; y: number } {
  const pg = document.querySelector<HTMLElement>('ws-playground')!;
  const editable = pg.querySelector<HTMLElement>('.expressive-code [contenteditable]');
  const times: Record<string, number> = {};
  (window as unknown as { benchTyping: Record<string, number> }).benchTyping = times;
  pg.addEventListener('pointerdown', (event) => (times.click ??= event.timeStamp), { capture: true, once: true });
  const check = () => {
    const now = performance.now();
    if (times.typed === undefined && (editable?.textContent ?? '').includes(mark)) times.typed = now;
    if (times.monaco === undefined && pg.dataset.ready === 'true') times.monaco = now;
    if (times.typedInMonaco === undefined && (pg.querySelector('.ws-editor .view-lines')?.textContent ?? '').includes(mark)) times.typedInMonaco = now;
  };
  new MutationObserver(check).observe(pg, { subtree: true, childList: true, characterData: true, attributes: true });
  const walker = document.createTreeWalker(editable!, NodeFilter.SHOW_TEXT);
  const first = walker.nextNode() as Text;
  const range = document.createRange();
  const at = Math.floor(Math.min(first.data.length, first.data.indexOf('\n') >>> 0) / 2);
  range.setStart(first, at);
  range.setEnd(first, at + 1);
  const rect = range.getBoundingClientRect();
  return { x: rect.left + 1, y: rect.top + rect.height / 2 };
}

async function typeOnce(browser: Browser, url: string, viewport: { width: number; height: number }): Promise<TypingSample> {
  const context = await browser.newContext({ viewport });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForLoadState('networkidle');
    await page.locator('ws-playground').first().scrollIntoViewIfNeeded();
    const point = await page.evaluate(watch, MARK);
    await page.mouse.click(point.x, point.y);
    await page.keyboard.insertText(MARK);
    await page.waitForFunction(() => {
      const t = (window as unknown as { benchTyping: Record<string, number> }).benchTyping;
      return t.typed !== undefined && t.typedInMonaco !== undefined;
    }, undefined, { timeout: 30_000 });
    const t = await page.evaluate(() => (window as unknown as { benchTyping: Record<string, number> }).benchTyping);
    return { typed: t.typed - t.click, monaco: t.monaco - t.click, typedInMonaco: t.typedInMonaco - t.click };
  } finally {
    await context.close();
  }
}

const summary = (values: number[]) => ({ median: median(values), worst: Math.max(...values) });

/** Clicks and types on `path` `loads` times, each in a fresh context (empty cache). */
export async function benchTyping(browser: Browser, base: string, path: string, loads: number, viewport: { width: number; height: number }, log: (line: string) => void): Promise<TypingResult> {
  const samples: TypingSample[] = [];
  for (let i = 0; i < loads; i++) {
    log(`  ${path}: click and type ${i + 1}/${loads}`);
    samples.push(await typeOnce(browser, base + path, viewport));
  }
  return {
    url: path,
    samples,
    typed: summary(samples.map((s) => s.typed)),
    monaco: summary(samples.map((s) => s.monaco)),
    typedInMonaco: summary(samples.map((s) => s.typedInMonaco)),
  };
}
