/** The editor explains the WebSocket API in French, with no TypeScript worker. */
import { expect, test } from '@playwright/test';
import { openPlayground, setCode } from './fixtures.ts';

test('typing « socket. » offers onopen without loading a TypeScript worker', async ({ page }) => {
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const playground = await openPlayground(page);
  await setCode(playground, 'const socket = new WebSocket("ws://localhost/echo");\n');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('socket.');
  // insertText does not fire Monaco's trigger characters; asking for suggestions is what a learner's Ctrl+Space does.
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget').getByRole('listitem', { name: /^onopen,/ })).toBeVisible();
  expect(workers.filter((url) => /ts\.worker|typescript/i.test(url))).toEqual([]);
});

test('hovering bufferedAmount shows its French explanation', async ({ page }) => {
  const playground = await openPlayground(page);
  await setCode(playground, 'const socket = new WebSocket("ws://localhost/echo");\nconsole.log(socket.bufferedAmount);\n');
  await playground.locator('.view-line', { hasText: 'bufferedAmount' }).getByText('bufferedAmount').hover();
  await expect(page.locator('.monaco-hover:visible')).toContainText('Octets passés à send()');
});

test('inside close( the editor suggests the codes a page may send', async ({ page }) => {
  const playground = await openPlayground(page);
  await setCode(playground, 'const socket = new WebSocket("ws://localhost/echo");\n');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.insertText('socket.close(');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  for (const code of ['1000', '3000', '4000']) await expect(suggest.getByRole('listitem', { name: new RegExp(`^${code},`) })).toBeVisible();
});
