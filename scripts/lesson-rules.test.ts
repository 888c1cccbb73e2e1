import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lessonFiles } from '../test-support/lessons.ts';
import { bareCloseCalls, checkLessons, formatProblem, type Lesson } from './lesson-rules.ts';

const NB = '\u00a0';
const FENCE = '```';

/** A lesson with a frontmatter of two lines, so line numbers show it is counted. */
function lesson(file: string, body: string): Lesson {
  return { file, text: `---\ntitle: Une leçon\n---\n${body}` };
}

/** `rule@line:column` for each problem of these lessons. */
function found(...lessons: Lesson[]): string[] {
  return checkLessons(lessons, ['/favicon.svg']).map((p) => `${p.file} ${p.rule}@${p.line}:${p.column}`);
}

const RUN = [`${FENCE}js run`, 'const socket = new WebSocket("ws://localhost:8080/echo");', 'socket.onopen = () => socket.close(1000);', FENCE];
const OUTPUT = [`${FENCE}txt output`, 'ouvert', FENCE];
const EXERCISE = [`${FENCE}js exercise`, '// TODO', FENCE];
const SOLUTION = [`${FENCE}js solution`, 'console.log(1);', FENCE];
const CHECK = [`${FENCE}js check success="Bravo${NB}!"`, 'return undefined;', FENCE];

describe('checkLessons', () => {
  test('stays quiet on a lesson with a run and its output, an exercise with its solution and check, and good links', () => {
    const body = [`## Les bases`, '', `Voir [la suite](/client/b/#un-titre) et [ici](#les-bases)${NB}:`, '', ...RUN, '', ...OUTPUT, '', ...EXERCISE, '', ...SOLUTION, '', ...CHECK].join('\n');
    assert.deepEqual(found(lesson('client/a.md', body), lesson('client/b.md', '## Un titre\n\n[Retour](../a/) et [icône](/favicon.svg).')), []);
  });

  test('reports a run fence without its output fence right after it, at the run fence', () => {
    assert.deepEqual(found(lesson('client/a.md', RUN.join('\n'))), ['client/a.md run-output@4:1']);
    assert.deepEqual(found(lesson('client/a.md', [...RUN, '', 'Sortie', ...OUTPUT].join('\n'))), ['client/a.md run-output@4:1', 'client/a.md run-output@10:1']);
  });

  test('reports an exercise without its solution or without its check', () => {
    assert.deepEqual(found(lesson('x.md', EXERCISE.join('\n'))), ['x.md exercise-parts@4:1']);
    assert.deepEqual(found(lesson('x.md', [...EXERCISE, ...SOLUTION].join('\n'))), ['x.md exercise-parts@4:1']);
    assert.deepEqual(found(lesson('x.md', [...EXERCISE, ...CHECK].join('\n'))), ['x.md exercise-parts@4:1', 'x.md exercise-parts@7:1']);
  });

  test('accepts a page run with its HTML, CSS, output and declared page, and a page exercise', () => {
    const page = [`${FENCE}html page`, '<p id="etat"></p>', FENCE, `${FENCE}css page`, 'p {}', FENCE];
    const run = [...page, ...RUN, ...OUTPUT, `${FENCE}txt page-output`, 'Connecté', FENCE];
    assert.deepEqual(found(lesson('a.md', [...run, '', ...page, ...EXERCISE, ...SOLUTION, ...CHECK].join('\n'))), []);
  });

  test('reports a page run without its declared page, and page parts that stand alone', () => {
    const html = [`${FENCE}html page`, '<p></p>', FENCE];
    assert.deepEqual(found(lesson('a.md', [...html, ...RUN, ...OUTPUT].join('\n'))), ['a.md page-parts@7:1']);
    const alone = [...html, 'Du texte.', ...RUN, ...OUTPUT, `${FENCE}txt page-output`, 'x', FENCE];
    assert.deepEqual(found(lesson('a.md', alone.join('\n'))), ['a.md page-parts@4:1', 'a.md page-parts@15:1']);
  });

  test('reports close() without a code in a run, an exercise or a solution, at the call', () => {
    const run = [`${FENCE}js run`, 'const socket = new WebSocket("ws://localhost:8080/echo");', 'socket.onopen = () => socket.close();', FENCE, ...OUTPUT];
    assert.deepEqual(found(lesson('a.md', run.join('\n'))), ['a.md close-code@6:30']);
    const solution = [...EXERCISE, `${FENCE}js solution`, 'ws.close();', FENCE, ...CHECK];
    assert.deepEqual(found(lesson('a.md', solution.join('\n'))), ['a.md close-code@8:4']);
  });

  test('accepts close() without a code where the fence says why, and reports an opt-out with nothing to excuse', () => {
    const shown = [`${FENCE}js run close-without-code="shows 1005"`, 'socket.close();', FENCE, ...OUTPUT];
    assert.deepEqual(found(lesson('a.md', shown.join('\n'))), []);
    const stale = [`${FENCE}js run close-without-code="shows 1005"`, 'socket.close(1000);', FENCE, ...OUTPUT];
    assert.deepEqual(found(lesson('a.md', stale.join('\n'))), ['a.md close-code@4:1']);
  });

  test('reports typography faults of the prose with English messages', () => {
    const [problem, ...rest] = checkLessons([lesson('a.md', 'Attention : ceci.')]);
    assert.deepEqual(rest, []);
    assert.deepEqual([problem.rule, problem.line, problem.column], ['typography', 4, 10]);
    assert.match(problem.message, /no-break space .* \[espace-insecable\]$/);
  });

  test('reports a link to a page that does not exist, or without its trailing slash', () => {
    const pages = [lesson('client/b.md', 'B.'), lesson('client/a.md', '[B](/client/c/) et [B](/client/b) et [rel](../c/).')];
    assert.deepEqual(found(...pages), ['client/a.md broken-link@4:1', 'client/a.md broken-link@4:20', 'client/a.md broken-link@4:38']);
    assert.match(checkLessons(pages)[1].message, /write \/client\/b\/, with its trailing slash/);
  });

  test('reports an anchor that no heading of the target page has, slugged like Starlight', () => {
    const b = lesson('client/b.md', '## Les sous-protocoles\n\n## `close()` et ses codes\n\n## Les sous-protocoles');
    const ok = lesson('client/a.md', '[1](/client/b/#les-sous-protocoles) [2](/client/b/#close-et-ses-codes) [3](/client/b/#les-sous-protocoles-1) [4](#_top)');
    assert.deepEqual(found(b, ok), []);
    const bad = lesson('client/a.md', '[1](/client/b/#sous-protocoles) [2](#nulle-part)');
    assert.deepEqual(found(b, bad), ['client/a.md broken-link@4:1', 'client/a.md broken-link@4:33']);
  });

  test('checks href attributes of HTML or JSX and hero links of the frontmatter, and ignores other sites', () => {
    const home = { file: 'index.mdx', text: '---\ntitle: Accueil\nhero:\n  actions:\n    - link: /nulle-part/\n---\n<a href="/client/b/">B</a> <a href="/x/">X</a> [site](https://example.org/y/) ws://localhost:8080/echo' };
    assert.deepEqual(found(home, lesson('client/b.md', 'B.')), ['index.mdx broken-link@5:13', 'index.mdx broken-link@7:31']);
  });

  test('formats a problem as file:line:column  rule  message, under src/content/docs', () => {
    const [problem] = checkLessons([lesson('client/a.md', RUN.join('\n'))]);
    assert.match(formatProblem(problem), /^src\/content\/docs\/client\/a\.md:4:1 {2}run-output {2}this `js run` fence needs/);
  });
});

describe('bareCloseCalls', () => {
  test('finds close() with no argument, optional chaining included, and skips calls with a code', () => {
    assert.deepEqual(bareCloseCalls('a.close();\nb?.close();\nc.close(1000);\nd.close(4000, "x");'), [
      { line: 1, column: 2 },
      { line: 2, column: 3 },
    ]);
  });

  test('skips receivers bound to an EventSource or a Socket.IO client, whose close() takes no code', () => {
    assert.deepEqual(bareCloseCalls('const s = new EventSource("/x");\ns.close();\nlet io1;\nio1 = io("/");\nio1.close();\nconst w = new WebSocket("/");\nw.close();'), [{ line: 7, column: 2 }]);
  });

  test('returns undefined for code that does not parse', () => {
    assert.equal(bareCloseCalls('socket.close(;'), undefined);
  });
});

test('the course lessons pass the checker', () => {
  const problems = checkLessons(lessonFiles(), ['/favicon.svg']).map((p) => formatProblem(p));
  assert.deepEqual(problems, []);
});
