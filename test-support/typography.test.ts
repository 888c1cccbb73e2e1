import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { checkTypography, formatProblems } from './typography.ts';
import { lessonFiles } from './lessons.ts';

const NB = '\u00a0';
const NNB = '\u202f';

/** `rule@line:column` for each problem, short enough to compare in one assertion. */
function found(source: string): string[] {
  return checkTypography(source).map((p) => `${p.rule}@${p.line}:${p.column}`);
}

describe('checkTypography', () => {
  test('accepts a non-breaking space, wide or narrow, before : ; ? !', () => {
    assert.deepEqual(found(`Voici${NB}: un exemple${NNB}; vraiment${NB}? Oui${NNB}!`), []);
  });

  test('reports an ordinary space before : ; ? ! at the space, with its column', () => {
    assert.deepEqual(found('Voici : un exemple ; vraiment ? Oui !'), [
      'espace-insecable@1:6',
      'espace-insecable@1:19',
      'espace-insecable@1:30',
      'espace-insecable@1:36',
    ]);
  });

  test('reports a missing space before the sign', () => {
    assert.deepEqual(found('Attention: ceci.\nVraiment?'), ['espace-insecable@1:10', 'espace-insecable@2:9']);
  });

  test('reports a sign at the start of a line, where the line break becomes a space', () => {
    assert.deepEqual(found('Que fait ce code\n? Rien.'), ['espace-insecable@2:1']);
  });

  test('requires non-breaking spaces inside « guillemets »', () => {
    assert.deepEqual(found(`Cliquez sur «${NB}Exécuter${NB}».`), []);
    assert.deepEqual(found('Cliquez sur « Exécuter ».'), ['guillemets@1:13', 'guillemets@1:24']);
    assert.deepEqual(found('Cliquez sur «Exécuter».'), ['guillemets@1:13', 'guillemets@1:22']);
  });

  test('reports straight double quotes in prose', () => {
    assert.deepEqual(found('Le mot "trame" désigne un morceau.'), ['guillemets-droits@1:8', 'guillemets-droits@1:14']);
  });

  test('ignores code fences, inline code and ?!: inside them', () => {
    const source = [`Du code${NB}:`, '', '```js', 'if (a !== b) console.log("ok?");', '```', '', 'Et `x ? y : z` ou ``a`b:c``.'].join('\n');
    assert.deepEqual(found(source), []);
  });

  test('ignores a fence closed by a longer marker only when it is the same kind', () => {
    assert.deepEqual(found(['````md', '```js', 'a : b', '```', '````', 'fin.'].join('\n')), []);
  });

  test('ignores URLs, query strings and link targets', () => {
    assert.deepEqual(found('Ouvrez http://localhost:8080/push?interval=100&count=3 puis [la doc](https://example.org/a?b=c "Titre").'), []);
    assert.deepEqual(found('Voir <https://developer.mozilla.org/fr/docs/Web/API/WebSocket>.'), []);
  });

  test('ignores images, HTML tags and entities other than &nbsp;', () => {
    assert.deepEqual(found('![Un schéma](/schema.svg) <a href="/x?y=1" title="a:b">lien</a> A &amp; B'), []);
    assert.deepEqual(found('Voici&nbsp;: un piège.').map((p) => p.split('@')[0]), ['entite-html', 'espace-insecable']);
  });

  test('ignores ::: asides but checks their label', () => {
    assert.deepEqual(found(':::note\nTexte.\n:::'), []);
    assert.deepEqual(found(`:::tip[Astuce${NB}!]\nTexte.\n:::`), []);
    assert.deepEqual(found(':::caution[Attention !]\n:::'), ['espace-insecable@1:21']);
  });

  test('ignores times, ratios, emoticons, ?! pairs and table delimiter rows', () => {
    assert.deepEqual(found(`À 10:30, un écran 16:9 :) ou ;-) Quoi${NB}?!`), []);
    assert.deepEqual(found('| Code | Sens |\n|:-----|-----:|\n| 1000 | normal |'), []);
  });

  test('ignores list markers and emphasis around prose', () => {
    assert.deepEqual(found(`- **Note${NB}:** bien.\n1. Et${NB}?\n* Oui${NB}!`), []);
  });

  test('checks only the title and description of the frontmatter, without their YAML quotes', () => {
    const source = ['---', 'title: "Étape 1 : ouvrir"', `description: Ouvrir${NB}: la connexion.`, 'sidebar:', '  order: 1', 'template: splash', '---', 'Texte.'].join('\n');
    assert.deepEqual(found(source), ['espace-insecable@2:16']);
  });

  test("checks an exercise's success message, where quotes are allowed", () => {
    assert.deepEqual(found('```js check success="Bravo ! Le code est bon."\nreturn;\n```'), ['espace-insecable@1:27']);
  });

  test('reports an ordinary space between a number and its unit, at the number', () => {
    assert.deepEqual(found('Attendez 250 ms.'), ['espace-unite@1:10']);
    assert.deepEqual(found('Un message de 1 Mio, 64 Kio, 8 octets, 50 % et 2 s.'), ['espace-unite@1:15', 'espace-unite@1:22', 'espace-unite@1:30', 'espace-unite@1:40', 'espace-unite@1:48']);
  });

  test('accepts a narrow or wide non-breaking space before a unit, and ignores numbers in code or before other words', () => {
    assert.deepEqual(found('Attendez 250\u202fms ou 1\u00a0Mio.'), []);
    assert.deepEqual(found('`setTimeout(f, 250 ms)`.\n```js\nwait(1 s);\n```'), []);
    assert.deepEqual(found('Les 2 serveurs, la RFC 6455 et 3 sockets.'), []);
  });

  test('reports digit groups split by an ordinary space, not by a narrow one', () => {
    assert.deepEqual(found('Environ 10 000 connexions.'), ['espace-milliers@1:9']);
    assert.deepEqual(found('Environ 10\u202f000 connexions, en 2012 puis 2022.'), []);
  });

  test('skips MDX imports, exports up to the next blank line, and JSX', () => {
    assert.deepEqual(found("import { Code } from '@astrojs/starlight/components';\n<Code code={source} lang=\"ts\" title=\"a:b\" />"), []);
    assert.deepEqual(found('export const f = (a) => {\n  if (!a) throw new Error(`x : y`);\n  return a ? 1 : 2;\n};\n\nFin !'), ['espace-insecable@6:4']);
  });
});

test('every lesson follows French typography', () => {
  const problems = lessonFiles().flatMap(({ full, text }) => formatProblems(path.relative(process.cwd(), full), checkTypography(text)));
  assert.equal(problems.length, 0, `Typographie française, ${problems.length} problème(s) :\n${problems.join('\n')}`);
});

test('the README, in French too, follows the same typography', () => {
  const readme = path.join(import.meta.dirname, '..', 'README.md');
  const problems = formatProblems('README.md', checkTypography(readFileSync(readme, 'utf8')));
  assert.equal(problems.length, 0, `Typographie française, ${problems.length} problème(s) :\n${problems.join('\n')}`);
});
