/**
 * A checker for French typography in lesson prose (Markdown or MDX source): a non-breaking
 * space (U+00A0, or the narrow U+202F) before « : ; ? ! » and inside « guillemets », and
 * « guillemets » rather than straight double quotes, and a non-breaking space (U+202F preferred)
 * between a number and its unit (« 250 ms », « 1 Mio ») and between groups of digits (« 10 000 »).
 *
 * Only prose is checked: code fences, inline code, URLs, HTML/JSX tags, MDX imports and the
 * frontmatter (except the values of `title` and `description`) are masked first. Masked text
 * becomes a neutral letter, so columns stay right and `code`: still lacks its space.
 */

/** One problem, with a 1-based line and column in the file. */
export interface TypographyProblem {
  line: number;
  column: number;
  /** Short rule name, e.g. `espace-insecable`. */
  rule: string;
  message: string;
}

const NBSP = /[\u00a0\u202f]/;
const MASK = 'x';

/** Replaces every match of `pattern` in `text` with as many MASK letters. */
function mask(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => MASK.repeat(match.length));
}

/** Masks what is not prose on one line of Markdown body. */
function maskInline(line: string): string {
  let text = line;
  text = mask(text, /(`+)[^`]*?\1/g); // inline code, ``with `backticks` inside``
  text = mask(text, /<!--.*?-->/g);
  text = mask(text, /<\/?[A-Za-z][^<>]*>/g); // HTML and JSX tags, with their attributes
  text = mask(text, /\]\([^)\s]*(?:\s+"[^"]*")?\)/g); // ](url "title") of links and images
  text = mask(text, /^\s*\[[^\]]+\]:\s.*$/g); // [ref]: url "title"
  text = mask(text, /\b[a-z][a-z0-9+.-]*:\/\/[^\s<>)\]»]*/gi); // bare URLs
  text = mask(text, /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/gi); // entities (their own rule, below)
  text = mask(text, /^\s*:::\w*/); // ::: asides; their [label] stays prose
  text = mask(text, /\{[^{}]*\}/g); // MDX expressions and attribute lists
  return text;
}

/** True for a table's delimiter row: | --- | :---: | */
function isTableDelimiter(line: string): boolean {
  return /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line);
}

/** Checks one stretch of prose; `column0` is the offset of `text` on its line. */
function checkProse(text: string, lineNo: number, column0: number, quotes: boolean): TypographyProblem[] {
  const problems: TypographyProblem[] = [];
  const report = (index: number, rule: string, message: string) =>
    problems.push({ line: lineNo, column: column0 + index + 1, rule, message });

  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    const before = text[i - 1] ?? '';
    const after = text[i + 1] ?? '';
    if (':;?!'.includes(char)) {
      if (char === '!' && after === '[') continue; // ![alt](src)
      if (text.slice(0, i).trim() === '') {
        // Markdown turns the line break before it into an ordinary space.
        report(i, 'espace-insecable', `« ${char} » en début de ligne : le retour à la ligne devient une espace ordinaire`);
        continue;
      }
      if ('?!'.includes(before) && '?!'.includes(char)) continue; // ?! counts as one sign
      if ((char === ':' || char === ';') && /^-?[()DPp](?![\p{L}])/u.test(text.slice(i + 1))) continue; // :) ;-) :D
      if (char === ':' && /\d/.test(before) && /\d/.test(after)) continue; // 10:30, 16:9
      if (char === ':' && (after === ':' || before === ':')) continue; // ::before, a separator, not punctuation
      if (NBSP.test(before)) continue;
      if (before === ' ' || before === '\t') report(i - 1, 'espace-insecable', `espace ordinaire avant « ${char} » : il faut une espace insécable (U+00A0 ou U+202F)`);
      else report(i, 'espace-insecable', `espace insécable manquante avant « ${char} »`);
    } else if (char === '«' && !NBSP.test(after)) {
      report(i, 'guillemets', 'espace insécable manquante après « (U+00A0 ou U+202F)');
    } else if (char === '»' && !NBSP.test(before)) {
      report(i, 'guillemets', 'espace insécable manquante avant » (U+00A0 ou U+202F)');
    } else if (char === '"' && quotes) {
      report(i, 'guillemets-droits', 'guillemets droits "…" dans le texte : écrivez « … » avec des espaces insécables');
    }
  }
  for (const match of text.matchAll(NUMBER_UNIT)) {
    report(match.index + match[1].length, 'espace-unite', `espace ordinaire dans « ${match[0].slice(match[1].length)} » : il faut une espace fine insécable (U+202F)`);
  }
  for (const match of text.matchAll(THOUSANDS)) {
    report(match.index + match[1].length, 'espace-milliers', `espace ordinaire dans « ${match[0].slice(match[1].length)} » : séparez les milliers par une espace fine insécable (U+202F)`);
  }
  return problems;
}

/** Units written after a number in the course; a unit must not run on into a longer word. */
const UNITS = ['ms', 's', 'min', 'h', 'o', 'octets?', 'Ko', 'Mo', 'Go', 'Kio', 'Mio', 'Gio', 'bits?', '[KMG]bit/s', '%', '°'];
/** A number, an ordinary space, a unit: « 250 ms ». A letter or digit just before the number (« RFC 6455 s ») does not count. */
const NUMBER_UNIT = new RegExp(`(^|[^\\p{L}\\d.,])\\d+(?:[.,]\\d+)? (?:${UNITS.join('|')})(?![\\p{L}\\d])`, 'gu');
/** Digit groups split by an ordinary space: « 10 000 ». */
const THOUSANDS = /(^|[^\p{L}\d.,])\d{1,3}(?: \d{3})+(?![\p{L}\d])/gu;

/** Every typography problem of a lesson's source, in order. */
export function checkTypography(source: string): TypographyProblem[] {
  const lines = source.split(/\r?\n/);
  const problems: TypographyProblem[] = [];
  let i = 0;

  if (lines[0]?.trim() === '---') {
    for (i = 1; i < lines.length && lines[i].trim() !== '---'; i++) {
      const field = /^(title|description):\s*(.*?)\s*$/.exec(lines[i]);
      if (!field) continue;
      let value = field[2];
      let start = lines[i].indexOf(value, field[1].length + 1);
      if (/^(["']).*\1$/.test(value)) {
        value = value.slice(1, -1); // YAML's own quotes
        start++;
      }
      problems.push(...checkProse(maskInline(value), i + 1, start, true));
    }
    i++;
  }

  let fence: string | undefined;
  let esm = false;
  for (; i < lines.length; i++) {
    const line = lines[i];
    // An MDX import/export block is JavaScript, and runs up to the next blank line.
    if (!fence && /^(import|export)\s/.test(line)) esm = true;
    if (esm) {
      esm = line.trim() !== '';
      continue;
    }
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker) {
      fence = marker;
      // An exercise's success message is prose the learner reads.
      const success = /\ssuccess="([^"]*)"/.exec(line);
      if (success) problems.push(...checkProse(maskInline(success[1]), i + 1, line.indexOf(success[1], success.index), false));
      continue;
    }
    if (isTableDelimiter(line)) continue;
    const entity = /&(nbsp|#160|#xa0|#8239|#x202f);/i.exec(line);
    if (entity) problems.push({ line: i + 1, column: entity.index + 1, rule: 'entite-html', message: `écrivez le caractère lui-même (U+00A0 ou U+202F), pas ${entity[0]}` });
    problems.push(...checkProse(maskInline(line), i + 1, 0, true));
  }
  return problems;
}

/** `file:line:column  rule  message`, one problem a line. */
export function formatProblems(file: string, problems: TypographyProblem[]): string[] {
  return problems.map((p) => `${file}:${p.line}:${p.column}  ${p.rule}  ${p.message}`);
}
