/**
 * The lesson page in Chromium: JS and CSS bytes before any interaction and once the editor
 * has loaded, the time from the first interaction to a ready editor, and the time from
 * « Exécuter » to the first echoed message. Times are taken inside the page with
 * performance.now() and a MutationObserver, so Playwright's round trips do not count.
 */
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_FLAGS, SYSTEM_CHROMIUM } from '../test-support/chromium.ts';
import { median } from './stats.ts';
import { benchTyping, type TypingResult } from './typing.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
/**
 * The lessons measured. The echo lesson's first snippet opens /echo, sends on open and closes
 * on the echo; its playground is within the first screen, so its editor mounts on load. The
 * other lesson's first playground starts below the first screen (and its 200 px margin), so
 * it shows the lazy path: nothing of Monaco until the learner scrolls or focuses.
 */
export const LESSONS = { echo: '/client/recevoir-et-envoyer/', belowTheFold: '/client/ouvrir-la-connexion/' };
const VIEWPORT = { width: 1280, height: 720 };
/** Debian's Chromium, which the page and Lighthouse figures are measured with. */
export const CHROMIUM = SYSTEM_CHROMIUM ?? '/usr/bin/chromium';
export { CHROMIUM_FLAGS };

/** Bytes of one kind of resource: as served decoded, and gzipped here (level 6, like `compression`). */
export interface Bytes {
  raw: number;
  gzip: number;
  files: number;
}

/** What one phase of a page load fetched. */
export interface PhaseBytes {
  js: Bytes;
  css: Bytes;
  /** Inline <script> in the HTML (not in `js`). */
  inlineJs: Bytes;
  /** The five biggest JS files, gzip bytes. */
  biggestJs: { url: string; raw: number; gzip: number }[];
}

/** What one lesson page loads, and when its editor is ready. */
export interface LessonResult {
  url: string;
  /** True when the editor mounted on load, with no interaction (its playground is in view). */
  editorMountedWithoutInteraction: boolean;
  /** After load and network idle, before any interaction. */
  beforeInteraction: PhaseBytes;
  /** Once the first editor is ready (and the network idle again). */
  afterEditor: PhaseBytes;
  /**
   * Ms until Monaco's lines are rendered: from the first interaction (scroll to and focus the
   * first playground), or from navigation when the editor mounted without interaction.
   */
  editorReadyMs: { from: 'interaction' | 'navigation'; median: number; worst: number; samples: number[] };
}

/** Everything measured in Chromium. */
export interface PageResult {
  viewport: { width: number; height: number };
  lessons: LessonResult[];
  /** « Exécuter » → first 'message' in the echo lesson's timeline, ms; the first run includes loading the parser and sandbox. */
  runToEchoMs: { median: number; worst: number; first: number; samples: number[] };
  /** A real click on the echo lesson's static code, then a key: see typing.ts. */
  readyToType: TypingResult;
}

interface Fetched {
  url: string;
  kind: 'js' | 'css';
  body: Buffer;
}

const gzip = (body: Buffer | string) => gzipSync(body, { level: 6 }).length;

function tally(fetched: Fetched[], inlineScripts: string[]): PhaseBytes {
  const of = (kind: Fetched['kind']): Bytes => {
    const files = fetched.filter((f) => f.kind === kind);
    return { raw: sum(files.map((f) => f.body.length)), gzip: sum(files.map((f) => gzip(f.body))), files: files.length };
  };
  const inline = inlineScripts.join('\n');
  return {
    js: of('js'),
    css: of('css'),
    inlineJs: { raw: Buffer.byteLength(inline), gzip: inline ? gzip(inline) : 0, files: inlineScripts.length },
    biggestJs: fetched
      .filter((f) => f.kind === 'js')
      .map((f) => ({ url: new URL(f.url).pathname, raw: f.body.length, gzip: gzip(f.body) }))
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5),
  };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Records every JS and CSS response of a context (pages, frames and workers); `settled()` waits for their bodies. */
function record(context: BrowserContext): { settled(): Promise<Fetched[]> } {
  const pending: Promise<Fetched | undefined>[] = [];
  context.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    const kind = /javascript/.test(type) ? 'js' : /text\/css/.test(type) ? 'css' : undefined;
    if (!kind) return;
    pending.push(
      response.body().then(
        (body) => ({ url: response.url(), kind, body }),
        () => undefined, // Redirects and aborted requests have no body.
      ),
    );
  });
  return {
    settled: async () => (await Promise.all(pending)).filter((f) => f !== undefined),
  };
}

const EDITOR_READY = 'ws-playground .ws-editor .monaco-editor .view-line';

/** Runs before the page's scripts: notes when the first editor's lines appear, in ms since navigation. */
function watchEditorReady(selector: string): void {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(selector)) return;
    observer.disconnect();
    (window as unknown as { benchEditorReadyAt: number }).benchEditorReadyAt = performance.now();
  });
  observer.observe(document, { subtree: true, childList: true });
}

/** Scrolls to the first playground and focuses it (the learner's first interaction); resolves with ms to a ready editor. */
function interactAndWaitForEditor(): Promise<number> {
  const pg = document.querySelector('ws-playground')!;
  const ready = () => pg.querySelector('.ws-editor .monaco-editor .view-line') !== null;
  return new Promise((resolve) => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve(performance.now() - t0);
    });
    observer.observe(pg, { subtree: true, childList: true });
    pg.scrollIntoView({ block: 'center' });
    pg.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  });
}

/** Clicks « Exécuter » `runs` times, each after the previous run ended; resolves with ms to the first echo of each. */
async function runAndTimeEcho(runs: number): Promise<number[]> {
  const pg = document.querySelector<HTMLElement>('ws-playground')!;
  const button = pg.querySelector<HTMLButtonElement>('.ws-run')!;
  const timeline = pg.querySelector('.ws-timeline')!;
  const idle = async () => {
    for (let i = 0; i < 500 && pg.dataset.running !== 'false'; i++) await new Promise((r) => setTimeout(r, 20));
  };
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await idle();
    timeline.replaceChildren();
    times.push(
      await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no echo within 10 s')), 10000);
        const observer = new MutationObserver(() => {
          if (!timeline.querySelector('[data-type="message"]')) return;
          observer.disconnect();
          clearTimeout(timer);
          resolve(performance.now() - t0);
        });
        observer.observe(timeline, { childList: true, subtree: true });
        const t0 = performance.now();
        button.click();
      }),
    );
  }
  await idle();
  return times;
}

async function loadOnce(browser: Browser, url: string, runs: number) {
  // A new context per load: an empty cache, as for a first visit.
  const context = await browser.newContext({ viewport: VIEWPORT });
  const recorder = record(context);
  const page = await context.newPage();
  await page.addInitScript(watchEditorReady, EDITOR_READY);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForLoadState('networkidle');
  await page.waitForSelector('ws-playground', { state: 'attached', timeout: 15000 });
  const inlineScripts = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? ''));
  const mountedWithoutInteraction = (await page.locator('.ws-editor').count()) > 0;
  const before = tally(await recorder.settled(), inlineScripts);
  let editorReadyMs: number;
  if (mountedWithoutInteraction) {
    await page.waitForSelector(EDITOR_READY);
    editorReadyMs = await page.evaluate(() => (window as unknown as { benchEditorReadyAt: number }).benchEditorReadyAt);
  } else {
    editorReadyMs = await page.evaluate(interactAndWaitForEditor);
  }
  await page.waitForLoadState('networkidle');
  const after = tally(await recorder.settled(), inlineScripts);
  const echoes = runs > 0 ? await page.evaluate(runAndTimeEcho, runs) : [];
  await context.close();
  return { before, after, mountedWithoutInteraction, editorReadyMs, echoes };
}

async function benchLesson(browser: Browser, base: string, path: string, loads: number, runs: number, log: (line: string) => void) {
  const results = [];
  for (let i = 0; i < loads; i++) {
    log(`  ${path}: load ${i + 1}/${loads}${i === 0 && runs ? `, then « Exécuter » × ${runs}` : ''}`);
    results.push(await loadOnce(browser, base + path, i === 0 ? runs : 0));
  }
  const ready = results.map((l) => l.editorReadyMs);
  const mounted = results.some((l) => l.mountedWithoutInteraction);
  const lesson: LessonResult = {
    url: path,
    editorMountedWithoutInteraction: mounted,
    beforeInteraction: results[0].before,
    afterEditor: results[0].after,
    editorReadyMs: { from: mounted ? 'navigation' : 'interaction', median: median(ready), worst: Math.max(...ready), samples: ready },
  };
  return { lesson, echoes: results[0].echoes };
}

/** Measures each lesson `loads` times on the course served at `base`, and « Exécuter » `runs` times. */
export async function benchPage(base: string, plan: { loads: number; runs: number }, log: (line: string) => void): Promise<PageResult> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const echo = await benchLesson(browser, base, LESSONS.echo, plan.loads, plan.runs, log);
    const below = await benchLesson(browser, base, LESSONS.belowTheFold, plan.loads, 0, log);
    const echoes = echo.echoes;
    const readyToType = await benchTyping(browser, base, LESSONS.echo, plan.loads, VIEWPORT, log);
    return {
      readyToType,
      viewport: VIEWPORT,
      lessons: [echo.lesson, below.lesson],
      runToEchoMs: { median: median(echoes), worst: Math.max(...echoes), first: echoes[0], samples: echoes },
    };
  } finally {
    await browser.close();
  }
}
