import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTypography, formatProblems } from '../../test-support/typography.ts';
import { findSyntaxError } from './syntax.ts';

/** Plain spaces: the typography is checked on its own below. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** Code with a syntax error → its line and the start of the French message. */
const CASES: Array<[string, number, string]> = [
  ['console.log("a";', 1, 'il manque « ) » pour fermer la parenthèse « ( » ouverte ligne 1'],
  ['socket.onopen = () => {\n  console.log("a"\n};', 3, 'il manque « ) » pour fermer la parenthèse « ( » ouverte ligne 2'],
  ['if (ok) {\n  run();', 2, "il manque « } » pour fermer l'accolade « { » ouverte ligne 1"],
  ['const list = [1, 2;', 1, 'il manque « ] » pour fermer le crochet « [ » ouvert ligne 1'],
  ['run());', 1, '« ) » en trop'],
  ['foo(a b);', 1, '« b » inattendu à cet endroit'],
  ['const x = ', 1, "le code s'arrête au milieu d'une instruction"],
  ['const s = "abc;', 1, 'chaîne de caractères non terminée'],
  ['const s = `abc;', 1, 'gabarit non terminé'],
  ['/* note', 1, 'commentaire non terminé'],
  ['1 = 2;', 1, 'affectation impossible'],
  ['const class = 1;', 1, 'le mot-clé « class » n\'est pas permis à cet endroit'],
  ['"use strict";\nvar let = 1;', 2, '« let » est un mot réservé'],
  ['let x = 1;\nlet x = 2;', 2, '« x » est déjà déclaré plus haut'],
  ['return 1;', 1, "return n'est permis que dans une fonction"],
  ['function f() {\n  await g();\n}', 2, "await n'est permis que dans une fonction déclarée async"],
  ['x = @;', 1, 'caractère « @ » inattendu'],
];

for (const [code, line, french] of CASES) {
  test(`explains ${JSON.stringify(code)} in French at line ${line}`, () => {
    const problem = findSyntaxError(code);
    assert.ok(problem, 'a syntax error is found');
    assert.equal(problem.line, line);
    assert.ok(plain(problem.message).startsWith(french), problem.message);
  });
}

test('keeps the parser own words beside the French', () => {
  assert.match(plain(findSyntaxError('console.log("a";')!.message), / \(en anglais : « Unexpected token »\)$/);
});

test('the French messages follow French typography', () => {
  const problems = CASES.flatMap(([code]) => {
    const { message } = findSyntaxError(code)!;
    return formatProblems(message, checkTypography(message.replace(/«\u00a0[^»]*\u00a0»|`/g, '«\u00a0x\u00a0»')));
  });
  assert.deepEqual(problems, []);
});
