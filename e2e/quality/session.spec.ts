/**
 * Gates « hors ligne » and « sans erreur », on one session per page: load the page, then run
 * every playground on it in turn (« Exécuter », wait for the end of the run).
 *
 * - hors ligne: no request (page, frame, worker, WebSocket) goes to a host other than the
 *   site's own: fonts, CDNs and telemetry all fail the gate. Other ports of the same host are
 *   allowed: lessons deliberately connect to `ws://localhost:1/` to show a refused connection.
 * - sans erreur: no uncaught exception and no console error from the page. Console messages
 *   whose source is the learner's code (the run's blob: worker) are not the page's errors:
 *   Chromium logs there the failures lessons provoke on purpose (a refused port, `/reject`).
 *   The learner's own console.error goes to the playground's console, not the browser's.
 */
import { expect, test, type ConsoleMessage, type Request } from '@playwright/test';
import { bullets, playgrounds, runAndWait, RUN_TIMEOUT_MS, sitePages } from './site.ts';

/** True for a console message that comes from a run of learner code, not from the page. */
function fromLearnerCode(message: ConsoleMessage): boolean {
  return message.location().url.startsWith('blob:');
}

for (const { url } of sitePages()) {
  test.describe(url, () => {
    // One session for both rules of this page, in one worker; a failed rule does not skip the other.
    test.describe.configure({ mode: 'default' });
    const foreign: string[] = [];
    const errors: string[] = [];

    test.beforeAll(async ({ browser }) => {
      test.setTimeout(240_000);
      const baseURL = test.info().project.use.baseURL!;
      const host = new URL(baseURL).hostname;
      const context = await browser.newContext({ baseURL });
      const check = (target: string, what: string) => {
        const parsed = new URL(target);
        if (['data:', 'blob:', 'about:'].includes(parsed.protocol)) return;
        if (parsed.hostname !== host) foreign.push(`${what} ${target}`);
      };
      context.on('request', (request: Request) => check(request.url(), request.resourceType()));
      const page = await context.newPage();
      page.on('websocket', (socket) => check(socket.url(), 'websocket'));
      page.on('pageerror', (error) => errors.push(`exception non interceptée : ${error.name}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() !== 'error' || fromLearnerCode(message)) return;
        const { url: source, lineNumber } = message.location();
        errors.push(`console.error : ${message.text()}${source ? ` (${source}:${lineNumber})` : ''}`);
      });

      // networkidle: late requests (the favicon, fonts) count too.
      await page.goto(url, { waitUntil: 'networkidle' });
      const all = playgrounds(page);
      for (let i = 0; i < (await all.count()); i++) {
        const playground = all.nth(i);
        try {
          await runAndWait(playground);
        } catch {
          // A run that never ends is the snippets suite's business (it fails there, with the
          // snippet named); here, note it, stop it and go on checking for errors.
          test.info().annotations.push({ type: 'note', description: `bac à sable n°${i + 1} arrêté au bout de ${RUN_TIMEOUT_MS / 1000} s` });
          await playground.getByRole('button', { name: 'Arrêter', exact: true }).click({ timeout: 5_000 }).catch(() => {});
        }
      }
      // Give late requests a chance to show up; the listeners above catch them whenever they come.
      await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
      await context.close();
    });

    test('requests nothing from another host (works offline)', () => {
      expect(foreign, `${url} : requêtes vers un autre hôte que le site :\n${bullets(foreign)}`).toEqual([]);
    });

    test('loads and runs every playground without a page error', () => {
      expect(errors, `${url} : erreurs pendant le chargement ou l'exécution des exemples :\n${bullets(errors)}`).toEqual([]);
    });
  });
}
