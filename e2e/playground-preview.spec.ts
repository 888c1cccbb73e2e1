/**
 * « Aperçu »: a page snippet (html page fence + JavaScript) runs as a real document in a
 * sandboxed frame of opaque origin, with the console and the lifecycle of worker mode, and its
 * faults contained. The lesson's mini-chat (client/exemple-complet) is the page under test.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { lessons } from './lessons.ts';
import { consoleLines, openPlayground, runAndWait, setCode } from './fixtures.ts';

/** The course's first page snippet with a form: the mini-chat. */
function chat() {
  for (const lesson of lessons()) {
    const snippet = lesson.snippets.find((s) => s.kind === 'run' && s.html?.includes('<form'));
    if (snippet) return { path: lesson.path, id: `${lesson.path.replace(/^\/|\/$/g, '')}#${snippet.index}`, snippet };
  }
  throw new Error('no page snippet with a form in the course');
}

// A trace snapshots every frame at each step, and waits for one that loops: the course page would
// seem to freeze in the test, not for the learner (measured: 6 s to answer traced, 12 ms untraced).
test.use({ trace: 'off' });

const target = chat();
/** The chat's code as the playground shows it: pointed at the server under test. */
const chatCode = (baseURL: string | undefined) => target.snippet.code.replace('ws://localhost:8080', baseURL!.replace(/^http/, 'ws'));
/** Hides the loop guard behind a local of the same name (the global one cannot be redeclared): only the watchdog is left. */
const unguarded = (body: string) => `{\nconst __wsLoopGuard = () => {};\n${body}\n}`;
/** The page inside « Aperçu ». */
const preview = (playground: Locator) => playground.frameLocator('iframe.ws-preview-frame');
const button = (playground: Locator, name: string) => playground.getByRole('button', { name, exact: true });
const ended = (playground: Locator) => expect(playground.locator('.ws-console .ws-system')).toHaveCount(1, { timeout: 20_000 });

/** Milliseconds the course page takes to answer a script while the learner's page runs. */
async function answerTime(page: Page): Promise<number> {
  const start = Date.now();
  await page.evaluate(() => document.title);
  return Date.now() - start;
}

test('a chat page built in Aperçu shows the echoed message, and a form submission sends and shows one', async ({ page }) => {
  const playground = await openPlayground(page, target);
  await button(playground, 'Exécuter').click();
  const frame = preview(playground);
  await expect(frame.locator('#etat')).toHaveText('connecté');
  await expect(frame.locator('#messages li')).toHaveText(['Bonjour !']);
  await frame.getByLabel('Message').fill('Salut <b>toi</b>');
  await frame.getByRole('button', { name: 'Envoyer' }).click();
  await expect(frame.locator('#messages li')).toHaveText(['Bonjour !', 'Salut <b>toi</b>']);
  // The page's console and the socket's lifecycle, as in worker mode.
  expect(await consoleLines(playground)).toEqual(['Connexion établie.']);
  const socket = playground.locator('.ws-timeline .ws-socket');
  await expect(socket.locator('.ws-socket-url')).toHaveText(/\/echo$/);
  await expect(socket.locator('.ws-socket-state')).toHaveText('1 (OPEN)');
  await expect(playground.locator('.ws-timeline')).toContainText('Salut <b>toi</b>');
  // « Arrêter » ends the run and closes the page's socket.
  await button(playground, 'Arrêter').click();
  await ended(playground);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Exécution arrêtée/);
});

test('an infinite loop in Aperçu is interrupted, the course page answers, and the next run works', async ({ page, baseURL }) => {
  const playground = await openPlayground(page, target);
  await setCode(playground, 'console.log("avant");\nwhile (true) {}');
  await button(playground, 'Exécuter').click();
  await expect(playground.locator('.ws-console')).toContainText('avant');
  const answers = [await answerTime(page), await answerTime(page)];
  await expect(playground.locator('.ws-console')).toContainText('Boucle interrompue', { timeout: 10_000 });
  await ended(playground);
  console.log(`loop guard: course page answered in ${answers.join(' ms, ')} ms while the page looped`);
  await setCode(playground, chatCode(baseURL));
  await button(playground, 'Exécuter').click();
  await expect(preview(playground).locator('#messages li')).toHaveText(['Bonjour !']);
});

test('a page that defeats the loop guard is removed by the watchdog, and the course page answers meanwhile', async ({ page, baseURL }) => {
  const playground = await openPlayground(page, target);
  await setCode(playground, unguarded('console.log("avant");\nwhile (true) {}'));
  const start = Date.now();
  await button(playground, 'Exécuter').click();
  await expect(playground.locator('.ws-console')).toContainText('avant');
  const answers = [await answerTime(page), await answerTime(page), await answerTime(page)];
  await expect(playground.locator('.ws-preview')).toContainText('La page ne répondait plus', { timeout: 15_000 });
  await ended(playground);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/ne rendait plus la main/);
  console.log(`watchdog: frame removed ${Date.now() - start} ms after « Exécuter »; course page answered in ${answers.join(' ms, ')} ms`);
  await expect(button(playground, 'Arrêter')).toBeDisabled();
  await setCode(playground, chatCode(baseURL));
  await button(playground, 'Exécuter').click();
  await expect(preview(playground).locator('#messages li')).toHaveText(['Bonjour !']);
});

test('« Arrêter » stops a page that loops while the guard is defeated', async ({ page }) => {
  const playground = await openPlayground(page, target);
  await setCode(playground, unguarded('setTimeout(() => { while (true) {} }, 50);\nconsole.log("avant");'));
  await button(playground, 'Exécuter').click();
  await expect(playground.locator('.ws-console')).toContainText('avant');
  await button(playground, 'Arrêter').click();
  await ended(playground);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/arrêtée/);
  expect(await answerTime(page)).toBeGreaterThanOrEqual(0);
});

test('a console flood in Aperçu is bounded, and the course page answers', async ({ page }) => {
  const playground = await openPlayground(page, target);
  await setCode(playground, 'let i = 0;\nwhile (true) console.log("ligne", i++);');
  await button(playground, 'Exécuter').click();
  await expect(playground.locator('.ws-console .ws-dropped')).toContainText('non affiché', { timeout: 10_000 });
  const answers = [await answerTime(page), await answerTime(page)];
  // The guard interrupts the loop (its error is past the budget, as any line would be): the run ends by itself.
  await ended(playground);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
  console.log(`console flood: course page answered in ${answers.join(' ms, ')} ms`);
});

test('a page that floods the course page with postMessage leaves it responsive until « Arrêter »', async ({ page }) => {
  const playground = await openPlayground(page, target);
  await setCode(playground, 'setInterval(() => { for (let i = 0; i < 1e9; i++) top.postMessage("x", "*"); }, 0);');
  await button(playground, 'Exécuter').click();
  // The run's own messages may queue behind the flood (another channel): wait for the frame, not for them.
  await expect(playground.locator('iframe.ws-preview-frame')).toBeAttached();
  const answers: number[] = [];
  for (let i = 0; i < 5; i++) answers.push(await answerTime(page));
  console.log(`postMessage flood: course page answered in ${answers.join(' ms, ')} ms`);
  const start = Date.now();
  await button(playground, 'Arrêter').click();
  await ended(playground);
  console.log(`postMessage flood: « Arrêter » took ${Date.now() - start} ms`);
});

test('« Pas à pas » holds the page\'s socket events until « Suivant »', async ({ page }) => {
  const playground = await openPlayground(page, target);
  await button(playground, 'Pas à pas').click();
  await expect(button(playground, 'Suivant')).toBeEnabled();
  await expect(preview(playground).locator('#etat')).toHaveText('hors ligne');
  await button(playground, 'Suivant').click();
  await expect(preview(playground).locator('#etat')).toHaveText('connecté');
  await expect(button(playground, 'Suivant')).toBeEnabled();
  await button(playground, 'Suivant').click();
  await expect(preview(playground).locator('#messages li')).toHaveText(['Bonjour !']);
});

test('the page runs with an opaque origin: its sockets send Origin: null, and localStorage throws', async ({ page }) => {
  const origins: (string | undefined)[] = [];
  const http = createServer();
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (socket, request) => {
    origins.push(request.headers.origin);
    socket.close(1000);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  try {
    const playground = await openPlayground(page, target);
    const code = `try { localStorage.length; console.log("stockage ouvert"); } catch (e) { console.log("stockage refusé :", e.name); }
const socket = new WebSocket("ws://127.0.0.1:${port}/");
socket.onclose = () => console.log("fermée");`;
    await setCode(playground, code);
    await runAndWait(playground);
    expect(await consoleLines(playground)).toEqual(['stockage refusé : SecurityError', 'fermée']);
    expect(origins).toEqual(['null']);
    await expect(playground.locator('iframe.ws-preview-frame')).toHaveAttribute('sandbox', 'allow-scripts allow-forms');
  } finally {
    wss.close();
    http.close();
  }
});
