/** User stories: the sandbox runs learner code safely, stops runaway code, and cleans up after itself. */
import { consoleLines, expect, runAndWait, setCode, test } from './fixtures.ts';

test('user can stop an infinite loop and the page stays responsive', async ({ page, playground }) => {
  await setCode(playground, 'console.log("avant");\nwhile (true) {}');
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console .ws-text').first()).toHaveText('avant');
  // The page still answers while the snippet loops.
  expect(await page.evaluate(() => 6 * 7)).toBe(42);
  await playground.getByRole('button', { name: 'Arrêter' }).click();
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Exécution arrêtée/);
  await expect(playground.getByRole('button', { name: 'Arrêter' })).toBeDisabled();
});

test('the watchdog stops an infinite loop by itself', async ({ playground }) => {
  await setCode(playground, 'for (;;) {}');
  await runAndWait(playground, 10_000);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/boucle infinie/);
});

test('snippet cannot read the site localStorage, cookies or DOM', async ({ page, context, playground }) => {
  await page.evaluate(() => {
    localStorage.setItem('secret', 'jeton-du-site');
    document.cookie = 'session=cookie-du-site; path=/';
  });
  await setCode(playground, [
    'console.log("origine", self.origin);',
    'console.log("types", typeof localStorage, typeof document, typeof window, typeof parent);',
    'fetch("/").then((r) => console.log("cookie envoyé", r.headers.get("set-cookie") === null)).catch((e) => console.log("fetch refusé", e.name));',
    'try { indexedDB.open("x"); console.log("indexedDB ouvert"); } catch (e) { console.log("indexedDB refusé", e.name); }',
  ].join('\n'));
  await runAndWait(playground);
  const lines = await consoleLines(playground);
  expect(lines).toContain('origine null');
  expect(lines).toContain('types undefined undefined undefined undefined');
  expect(lines).toContain('indexedDB refusé SecurityError');
  expect(lines.join('\n')).not.toContain('jeton-du-site');
  expect((await context.cookies()).some((c) => c.name === 'session')).toBe(true);
});

test('each run starts fresh', async ({ playground }) => {
  await setCode(playground, 'globalThis.runs = (globalThis.runs ?? 0) + 1;\nconsole.log("exécution", runs);');
  await runAndWait(playground);
  await runAndWait(playground);
  expect(await consoleLines(playground)).toEqual(['exécution 1']);
});

test('a runtime error points to the learner line', async ({ playground }) => {
  await setCode(playground, 'console.log("ligne 1");\n\nundefinedFunction();');
  await runAndWait(playground);
  await expect(playground.locator('.ws-console .ws-error')).toHaveText(/ReferenceError ligne 3\s: undefinedFunction is not defined/);
  // The editor marks the line too.
  await expect(playground.locator('.ws-editor .squiggly-error')).toHaveCount(1);
});

test('a promise rejected without catch is shown with its line, before the end of the run', async ({ playground }) => {
  await setCode(playground, 'console.log("avant");\nasync function lire() {\n  throw new TypeError("réponse illisible");\n}\nlire();');
  await runAndWait(playground);
  await expect(playground.locator('.ws-console .ws-error')).toHaveText(/TypeError \(promesse rejetée sans catch\) ligne 3\s: réponse illisible/);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
});

test('self.close() ends the run with an explanation, not as an infinite loop', async ({ playground, ws }) => {
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.onopen = () => self.close();`);
  await runAndWait(playground);
  await expect(playground.locator('.ws-console .ws-warn')).toHaveText(/self\.close\(\) arrête le worker/);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
});

test('output that arrives after the snippet returns is shown', async ({ playground, ws }) => {
  await setCode(playground, `const socket = new WebSocket("${ws}/echo");\nsocket.onopen = () => socket.send("plus tard");\nsocket.onmessage = (event) => {\n  console.log("Reçu :", event.data);\n  socket.close();\n};\nconsole.log("fin du script");`);
  await runAndWait(playground);
  expect(await consoleLines(playground)).toEqual(['fin du script', 'Reçu : plus tard']);
  await expect(playground.locator('.ws-console .ws-system')).toHaveText(/Terminé/);
});

test('every socket a run opened is closed when the user stops it', async ({ playground, ws }) => {
  const room = `arret-${Date.now()}`;
  // A witness in the same chat room sees the snippet's sockets join and leave.
  const witness = new WebSocket(`${ws}/chat?room=${room}`, { headers: { Origin: ws.replace('ws', 'http') } } as never);
  const seen: Array<{ type: string; count: number }> = [];
  witness.onmessage = (event) => seen.push(JSON.parse(String(event.data)));
  await expect.poll(() => seen.some((m) => m.type === 'welcome')).toBe(true);
  await setCode(playground, `new WebSocket("${ws}/chat?room=${room}");\nnew WebSocket("${ws}/chat?room=${room}");\nsetInterval(() => {}, 1000);`);
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect.poll(() => seen.filter((m) => m.type === 'join').length).toBe(2);
  await playground.getByRole('button', { name: 'Arrêter' }).click();
  await expect.poll(() => seen.filter((m) => m.type === 'leave').length, { timeout: 3000 }).toBe(2);
  expect(seen.at(-1)?.count).toBe(1);
  witness.close();
});

test('a snippet cannot fake events to the page', async ({ playground }) => {
  await setCode(playground, [
    'const fake = { kind: "event", event: { type: "console", level: "log", text: "faux", t: 0 } };',
    'try { postMessage(fake); } catch (e) { console.log("postMessage", e.name); }',
    'const proto = Object.getPrototypeOf(self);',
    'console.log("sur le prototype", typeof proto.postMessage);',
  ].join('\n'));
  await runAndWait(playground);
  expect(await consoleLines(playground)).toEqual(['postMessage ReferenceError', 'sur le prototype undefined']);
});
