/**
 * Every page of the built site, as one learner's session: load it, run each playground in turn,
 * then look at what the page did. One load and one run per snippet for all of these checks:
 *
 * - each `run` snippet prints exactly what the lesson declares (every line, save where the
 *   declaration shows an elision `[…]`); a page snippet's page, in « Aperçu », comes to show the
 *   text lines its `page-output` declares; each exercise's starter fails its check
 *   and its solution passes it (the lesson file is the single source of both);
 * - offline: no request (page, frame, worker, WebSocket) goes to a host other than the site's
 *   own, so fonts, CDNs and telemetry all fail; other ports of the same host are allowed, since
 *   lessons connect to `ws://localhost:1/` on purpose to show a refused connection;
 * - no page error: no uncaught exception and no console error from the page (what the learner's
 *   code provokes on purpose happens in its blob: worker and is not the page's error);
 * - accessibility: no axe violation of serious or critical impact, in the light and the dark
 *   theme, with the console, the timeline and the verdicts on the page.
 *
 * Every check is a soft assertion, so one failure does not hide the others.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type ConsoleMessage, type Locator, type Page } from '@playwright/test';
import { visibleLines } from '../../src/lib/sandbox/page-snapshot.ts';
import { matchesOutput, type Snippet } from '../../src/lib/snippets.ts';
import { lessons } from '../lessons.ts';
import { describeViolation } from './axe-report.ts';
import { bullets, openEditor, playgrounds, runAndWait, runButton, RUN_TIMEOUT_MS, sitePages } from './site.ts';

const BLOCKING = ['serious', 'critical'];

/** True for a console message that comes from a run of learner code, not from the page. */
function fromLearnerCode(message: ConsoleMessage): boolean {
  return message.location().url.startsWith('blob:');
}

/**
 * What the run printed, without blank lines and without the page's own notes, which no lesson
 * declares: the run's closing line (`.ws-system`) and the count of events left out to keep the
 * page responsive (`.ws-dropped`, whose place and number depend on the machine's speed).
 */
async function printed(playground: Locator): Promise<string[]> {
  const lines = await playground.locator('.ws-console .ws-line:not(.ws-placeholder, .ws-system, .ws-dropped) .ws-text').allTextContents();
  // A declaration cannot hold a blank line (snippets.ts drops them): neither side counts them.
  return lines.filter((line) => line.trim() !== '');
}

/** Runs one declared snippet on the page and checks it against its declaration. */
async function checkSnippet(page: Page, id: string, snippet: Snippet, where: string): Promise<void> {
  const playground = page.locator(`ws-playground[data-id="${id}"]`);
  if (snippet.kind === 'run') {
    if (snippet.pageOutput) await checkPage(playground, snippet.pageOutput, where);
    else await runAndWait(playground);
    const lines = await printed(playground);
    const expected = snippet.output ?? [];
    expect.soft(matchesOutput(expected, lines), `${where} prints its declared output, line for line ([…] stands for lines left out):\n${expected.join('\n')}\n\ngot:\n${lines.join('\n')}`).toBe(true);
    return;
  }
  const verdict = playground.locator('.ws-verdict');
  await runAndWait(playground);
  await expect.soft(verdict, `${where}: the starter fails its check`).toHaveAttribute('data-ok', 'false');
  await playground.getByRole('button', { name: 'Voir la solution' }).click();
  await expect(playground.locator('.ws-editor')).toBeVisible();
  await runAndWait(playground);
  await expect.soft(verdict, `${where}: the solution passes its check (${await verdict.textContent()})`).toHaveAttribute('data-ok', 'true');
}

/**
 * Runs a page snippet until its page in « Aperçu » shows the declared lines, then stops it if it
 * still runs (a page may keep its socket open for the learner), and waits for its end line.
 */
async function checkPage(playground: Locator, expected: string[], where: string): Promise<void> {
  await runButton(playground).click();
  const body = playground.frameLocator('iframe.ws-preview-frame').locator('body');
  let shown: string[] = [];
  const settled = async () => matchesOutput(expected, (shown = visibleLines(await body.innerText().catch(() => ''))));
  await expect
    .poll(settled, { timeout: RUN_TIMEOUT_MS, message: `${where} shows its declared page in « Aperçu »:\n${expected.join('\n')}` })
    .toBe(true)
    .catch(() => expect.soft(shown, `${where} shows its declared page in « Aperçu »`).toEqual(expected));
  const stop = playground.getByRole('button', { name: 'Arrêter' });
  if (await stop.isEnabled()) await stop.click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: RUN_TIMEOUT_MS });
}

const lessonOf = new Map(lessons().map((lesson) => [lesson.path, lesson]));

for (const { url } of sitePages()) {
  const lesson = lessonOf.get(url);
  const snippets = lesson?.snippets ?? [];
  const pageId = url.replace(/^\/|\/$/g, '') || 'index';

  test(`${url} runs its playgrounds as declared, offline, without page errors and accessibly`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000 + snippets.length * 2 * RUN_TIMEOUT_MS);
    const host = new URL(baseURL!).hostname;
    const foreign: string[] = [];
    const errors: string[] = [];
    // A context of its own: its request listener sees the frames and workers, and axe needs one to reach into frames.
    const context = await browser.newContext({ baseURL });
    const check = (target: string, what: string) => {
      const parsed = new URL(target);
      if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return;
      if (parsed.hostname !== host) foreign.push(`${what} ${target}`);
    };
    context.on('request', (request) => check(request.url(), request.resourceType()));
    const page = await context.newPage();
    page.on('websocket', (socket) => check(socket.url(), 'websocket'));
    page.on('pageerror', (error) => errors.push(`uncaught exception: ${error.name}: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error' || fromLearnerCode(message)) return;
      const { url: source, lineNumber } = message.location();
      errors.push(`console.error: ${message.text()}${source ? ` (${source}:${lineNumber})` : ''}`);
    });
    // The top page only: the sandboxed runner frame has no localStorage.
    await page.addInitScript(() => window === window.top && localStorage.setItem('starlight-theme', 'light'));

    // networkidle: late requests (the favicon, fonts) count too.
    await page.goto(url, { waitUntil: 'networkidle' });
    const all = playgrounds(page);
    expect(await all.count(), `${url}: one playground per snippet the lesson declares`).toBe(snippets.length);
    // The first editor loaded, as a reader who reached for it sees it (axe then checks Monaco too).
    if (snippets.length > 0) await openEditor(all.first());
    for (const snippet of snippets) {
      const where = `${lesson!.file} #${snippet.index} (line ${snippet.line})`;
      await test.step(where, () => checkSnippet(page, `${pageId}#${snippet.index}`, snippet, where));
    }
    // Late requests count too; the listeners above catch them whenever they come.
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});

    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate((value) => (document.documentElement.dataset.theme = value), theme);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.evaluate(() => new Promise(requestAnimationFrame)); // let the editor repaint
      // The runner iframe is an empty, hidden page that only hosts the learner's worker.
      const { violations } = await new AxeBuilder({ page }).exclude('iframe[src^="/runner/"]').analyze();
      const blocking = violations.filter((v) => BLOCKING.includes(v.impact ?? ''));
      expect.soft(blocking.map(describeViolation), `${url}, ${theme} theme: serious or critical axe violations`).toEqual([]);
    }
    expect.soft(foreign, `${url}: requests to a host other than the site's:\n${bullets(foreign)}`).toEqual([]);
    expect.soft(errors, `${url}: errors while loading or running the examples:\n${bullets(errors)}`).toEqual([]);
    await context.close();
  });
}
