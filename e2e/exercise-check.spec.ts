/** User stories: an exercise's check tells the learner's own mistake from the call the exercise is about. */
import { lessons } from './lessons.ts';
import { expect, openPlayground, runAndWait, setCode, test, type Target } from './fixtures.ts';

/** The first exercise of the lesson at `path`, with its starter code aimed at the server under test. */
function exercise(path: string, ws: string): Target & { code: string } {
  const lesson = lessons().find((l) => l.path === path)!;
  const snippet = lesson.snippets.find((s) => s.kind === 'exercise')!;
  return { path, id: `${path.slice(1, -1)}#${snippet.index}`, code: snippet.code.replaceAll('ws://localhost:8080', ws) };
}

const closeExercise = (ws: string) => exercise('/client/fermer-proprement/', ws);

test('an unrelated error in the learner code is reported with its line, not blamed on close()', async ({ page, ws }) => {
  const exercise = closeExercise(ws);
  const playground = await openPlayground(page, exercise);
  const code = exercise.code.replace('socket.close();', 'socket.close(4000, "Déconnexion");\n  null.foo;');
  const line = code.split('\n').findIndex((l) => l.includes('null.foo')) + 1;
  await setCode(playground, code);
  await runAndWait(playground);
  const verdict = playground.locator('.ws-verdict');
  await expect(verdict).toHaveAttribute('data-ok', 'false');
  await expect(verdict).toContainText(`Erreur dans votre code, ligne ${line} (« null.foo; »)`);
  await expect(verdict).toContainText('TypeError');
  await expect(verdict).not.toContainText('close()');
});

test('an error thrown by close() itself is blamed on close(), at its line', async ({ page, ws }) => {
  const exercise = closeExercise(ws);
  const playground = await openPlayground(page, exercise);
  const code = exercise.code.replace('socket.close();', 'socket.close(1001, "Déconnexion");');
  const line = code.split('\n').findIndex((l) => l.includes('socket.close(1001')) + 1;
  await setCode(playground, code);
  // The refused close() leaves the connection open: the learner stops the run.
  await playground.getByRole('button', { name: 'Exécuter', exact: true }).click();
  await expect(playground.locator('.ws-console')).toContainText('InvalidAccessError');
  await playground.getByRole('button', { name: 'Arrêter', exact: true }).click();
  await expect(playground.locator('.ws-verdict')).toContainText(`close() a levé une InvalidAccessError ligne ${line}`);
});

test('a WebSocket refusal the check does not explain is named with its line, not taken for a missing socket', async ({ page, ws }) => {
  const target = exercise('/client/ouvrir-la-connexion/', ws);
  const playground = await openPlayground(page, target);
  const code = target.code.replace(/new WebSocket\(("[^"]+")\)/, 'new WebSocket($1, ["chat", "chat"])');
  const line = code.split('\n').findIndex((l) => l.includes('["chat", "chat"]')) + 1;
  await setCode(playground, code);
  await runAndWait(playground);
  const verdict = playground.locator('.ws-verdict');
  await expect(verdict).toContainText(`Erreur dans votre code, ligne ${line}`);
  await expect(verdict).toContainText('SyntaxError');
  await expect(verdict).not.toContainText("Aucune connexion n'a été créée");
});
