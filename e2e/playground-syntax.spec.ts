/** User story: a syntax error is explained in French, at its line, with the parser's own words beside. */
import { expect, setCode, test } from './fixtures.ts';

test('a syntax error shows its French message at its line, with the original beside it', async ({ playground }) => {
  await setCode(playground, 'const socket = 1;\nconsole.log("Bonjour";');
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  const error = playground.locator('.ws-console .ws-line', { hasText: 'Erreur de syntaxe' });
  await expect(error).toContainText('Erreur de syntaxe ligne 2 : il manque « ) » pour fermer la parenthèse « ( » ouverte ligne 2');
  await expect(error).toContainText('(en anglais : « Unexpected token »)');
  // The editor marks the same line.
  await expect(playground.locator('.ws-editor .view-overlays .squiggly-error')).toHaveCount(1);
  const marked = await playground.locator('.ws-editor .squiggly-error').boundingBox();
  const line2 = await playground.locator('.ws-editor .view-line', { hasText: 'Bonjour' }).boundingBox();
  expect(Math.abs(marked!.y - line2!.y)).toBeLessThan(line2!.height);
});
