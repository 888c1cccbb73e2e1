import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { collectSnippets, ELISION, hasElision, lessonPath, matchesOutput, parseMeta, snippetsFromMarkdown } from './snippets.ts';

const lesson = `---
title: Exemple
---

Du texte.

\`\`\`js run
console.log("a");
\`\`\`

\`\`\`txt output
a
\`\`\`

\`\`\`js
// not runnable
\`\`\`

\`\`\`js exercise
// TODO
\`\`\`

\`\`\`js solution
console.log("ok");
\`\`\`

\`\`\`js check success="Bravo."
if (!run.logs.includes("ok")) return "Affichez ok.";
\`\`\`
`;

test('finds runnable fences with their declared output, in order', () => {
  const [first, second] = snippetsFromMarkdown(lesson);
  assert.deepEqual(first, { index: 1, kind: 'run', code: 'console.log("a");', output: ['a'], line: 7 });
  assert.equal(second.kind, 'exercise');
  assert.equal(second.index, 2);
  assert.equal(second.solution, 'console.log("ok");');
  assert.equal(second.success, 'Bravo.');
  assert.match(second.check ?? '', /run\.logs/);
});

test('keeps file line numbers despite the frontmatter', () => {
  assert.equal(snippetsFromMarkdown(lesson)[1].line, 19);
});

test('an exercise without its solution and check is an authoring error', () => {
  assert.throws(() => snippetsFromMarkdown('```js exercise\nx\n```\n'), /needs a `solution` fence and a `check` fence/);
});

test('reads the keyword and attributes of a fence meta', () => {
  assert.deepEqual(parseMeta('check success="Très bien !" title="x"'), { kind: 'check', attrs: { success: 'Très bien !', title: 'x' } });
  assert.deepEqual(parseMeta('title="a"'), { kind: undefined, attrs: { title: 'a' } });
});

test('matches declared output line for line, with … as a prefix wildcard', () => {
  assert.equal(matchesOutput(['a', 'b', 'c'], ['a', 'b', 'c']), true);
  assert.equal(matchesOutput(['c', 'a'], ['a', 'b', 'c']), false);
  assert.equal(matchesOutput(['Requêtes : …'], ['Requêtes : 12']), true);
  assert.equal(matchesOutput(['a'], []), false);
  assert.equal(matchesOutput([], []), true);
});

test('refuses a printed line the declaration leaves out without saying so', () => {
  assert.equal(matchesOutput(['a', 'c'], ['a', 'b', 'c']), false);
  assert.equal(matchesOutput(['a'], ['a', 'b']), false);
  assert.equal(matchesOutput(['b'], ['a', 'b']), false);
});

test('lets a […] line stand for any number of printed lines, none included', () => {
  assert.equal(matchesOutput(['a', ELISION, 'c'], ['a', 'b', 'b', 'c']), true);
  assert.equal(matchesOutput(['a', ELISION, 'c'], ['a', 'c']), true);
  assert.equal(matchesOutput(['a', ELISION], ['a', 'x', 'y']), true);
  assert.equal(matchesOutput([ELISION, 'c'], ['c', 'x', 'c']), true);
  assert.equal(matchesOutput(['a', ELISION, 'c'], ['a', 'b', 'c', 'd']), false);
  assert.equal(hasElision(['a', ELISION]), true);
  assert.equal(hasElision(['a…']), false);
});

test('maps lesson files to site paths', () => {
  assert.equal(lessonPath('client/fermer-proprement.md'), '/client/fermer-proprement/');
  assert.equal(lessonPath('index.mdx'), '/');
  assert.equal(lessonPath('serveur/Node-WS.mdx'), '/serveur/node-ws/');
});

const pageLesson = `\`\`\`html page
<p id="etat">Hors ligne</p>
\`\`\`

\`\`\`css page
p { color: red; }
\`\`\`

\`\`\`js run
document.querySelector("#etat").textContent = "Connecté";
\`\`\`

\`\`\`txt output
\`\`\`

\`\`\`txt page-output
Connecté
\`\`\`

\`\`\`html page
<ul></ul>
\`\`\`

\`\`\`js exercise
// TODO
\`\`\`

\`\`\`js solution
document.querySelector("ul").append("x");
\`\`\`

\`\`\`js check
if (!run.page.query("ul").text) return "Ajoutez un élément.";
\`\`\`
`;

test('reads a page snippet: its HTML and CSS before the code, its declared page after its output', () => {
  const [run, exercise] = snippetsFromMarkdown(pageLesson);
  assert.equal(run.html, '<p id="etat">Hors ligne</p>');
  assert.equal(run.css, 'p { color: red; }');
  assert.deepEqual(run.output, []);
  assert.deepEqual(run.pageOutput, ['Connecté']);
  assert.equal(run.line, 9);
  assert.equal(exercise.html, '<ul></ul>');
  assert.equal(exercise.css, undefined);
  assert.match(exercise.check ?? '', /run\.page\.query/);
});

test('groups the page fences with their snippet, in document order, for the remark plugin', () => {
  const [first] = collectSnippets(fromMarkdown(pageLesson));
  assert.deepEqual(first.nodes.map((n) => [n.lang, parseMeta(n.meta).kind]), [['html', 'page'], ['css', 'page'], ['js', 'run'], ['txt', 'output'], ['txt', 'page-output']]);
  assert.equal(first.main.value, first.snippet.code);
});

test('a page fence not right before JavaScript, or CSS without HTML, makes no page snippet', () => {
  const apart = snippetsFromMarkdown('```html page\n<p></p>\n```\n\nDu texte.\n\n```js run\nx\n```\n');
  assert.equal(apart[0].html, undefined);
  const cssOnly = snippetsFromMarkdown('```css page\np {}\n```\n\n```js run\nx\n```\n');
  assert.equal(cssOnly[0].css, undefined);
});

test('a page-output without a page is not a page declaration', () => {
  const [run] = snippetsFromMarkdown('```js run\nx\n```\n\n```txt output\n```\n\n```txt page-output\na\n```\n');
  assert.equal(run.pageOutput, undefined);
});
