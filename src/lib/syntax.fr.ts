/**
 * Says in French what acorn's syntax error means. Acorn reports a missing `)` as « Unexpected
 * token » at the token after it, so that family is explained from the code itself: the brackets
 * still open at that point, and the token that came instead.
 */
import { tokenizer, tokTypes as tt, type Token } from 'acorn';

const OPTIONS = { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowHashBang: true, locations: true } as const;

/** Closing bracket of each opening one; `${` in a template closes with `}`. */
const CLOSERS = new Map([
  [tt.parenL, ')'],
  [tt.bracketL, ']'],
  [tt.braceL, '}'],
  [tt.dollarBraceL, '}'],
]);
const CLOSING = new Map([
  [tt.parenR, ')'],
  [tt.bracketR, ']'],
  [tt.braceR, '}'],
]);
/** How the French names each opening bracket, and the participle that agrees with it. */
const NAMES: Record<string, string> = { '(': 'la parenthèse', '[': 'le crochet', '{': "l'accolade", '${': "l'accolade" };
const OPENED: Record<string, string> = { '(': 'ouverte', '[': 'ouvert', '{': 'ouverte', '${': 'ouverte' };

interface Open {
  text: string;
  closer: string;
  line: number;
}

/** What the tokens up to `pos` say: the brackets still open, the token at `pos` and the one before. */
function scan(code: string, pos: number): { open: Open[]; at?: Token; before?: Token } {
  const open: Open[] = [];
  let before: Token | undefined;
  try {
    for (const token of tokenizer(code, OPTIONS)) {
      if (token.start >= pos) return { open, at: token.type === tt.eof ? undefined : token, before };
      const closer = CLOSERS.get(token.type);
      if (closer) open.push({ text: code.slice(token.start, token.end), closer, line: token.loc!.start.line });
      else if (CLOSING.has(token.type) && open.at(-1)?.closer === CLOSING.get(token.type)) open.pop();
      before = token;
    }
  } catch {
    // A token the tokenizer refuses before `pos`: what was scanned so far is still right.
  }
  return { open, before };
}

const q = (text: string) => `«\u00a0${text}\u00a0»`;

/** Explains « Unexpected token » from the brackets open at `pos` and the token found there. */
function unexpectedToken(code: string, pos: number): string {
  const { open, at, before } = scan(code, pos);
  const top = open.at(-1);
  const found = at ? code.slice(at.start, at.end) : undefined;
  const closes = at ? CLOSING.get(at.type) : undefined;
  if (before?.type === tt.name && code.slice(before.start, before.end) === 'await') return `await n'est permis que dans une fonction déclarée async`;
  if (top && (!at || found === ';' || (closes && closes !== top.closer))) {
    return `il manque ${q(top.closer)} pour fermer ${NAMES[top.text]} ${q(top.text)} ${OPENED[top.text]} ligne ${top.line}`;
  }
  if (closes && !top) return `${q(found!)} en trop : il n'y a rien à fermer`;
  if (!at) return `le code s'arrête au milieu d'une instruction`;
  return `${q(found!)} inattendu à cet endroit (il manque peut-être un opérateur, une virgule ou une valeur avant)`;
}

/** Acorn's message families, by the start of their text, with what to say in French. */
const FAMILIES: Array<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^Unterminated string constant/, () => `chaîne de caractères non terminée : il manque le guillemet fermant sur la même ligne`],
  [/^Unterminated template/, () => 'gabarit non terminé : il manque l\'accent grave ` fermant'],
  [/^Unterminated comment/, () => `commentaire non terminé : il manque ${q('*/')}`],
  [/^Unterminated regular expression/, () => `expression régulière non terminée : il manque la barre ${q('/')} fermante`],
  [/^Unexpected character '(.*)'$/, (m) => `caractère ${q(m[1]!)} inattendu : il n'a pas de sens en JavaScript à cet endroit`],
  [/^Unexpected keyword '(.*)'$/, (m) => `le mot-clé ${q(m[1]!)} n'est pas permis à cet endroit`],
  [/^The keyword '(.*)' is reserved/, (m) => `${q(m[1]!)} est un mot réservé : il ne peut pas servir de nom`],
  [/^Cannot use keyword 'await' outside an async function/, () => `await n'est permis que dans une fonction déclarée async`],
  [/^Cannot use '(.*)' as identifier/, (m) => `${q(m[1]!)} ne peut pas servir de nom ici`],
  [/^(Assigning to rvalue|Assigning to|Invalid left-hand side|Binding)/, () => `affectation impossible : à gauche de ${q('=')}, il faut une variable ou une propriété`],
  [/^Identifier '(.*)' has already been declared/, (m) => `${q(m[1]!)} est déjà déclaré plus haut : choisissez un autre nom, ou retirez let/const`],
  [/^'return' outside of function/, () => 'return n\'est permis que dans une fonction'],
  [/^Missing initializer in const/, () => `une constante reçoit sa valeur à sa déclaration : const nom = valeur`],
  [/^Missing catch or finally clause/, () => 'try doit être suivi de catch ou de finally'],
  [/^Illegal newline after throw/, () => 'throw et sa valeur doivent être sur la même ligne'],
  [/^(Invalid number|Identifier directly after number|Numeric separator)/, () => 'nombre mal écrit'],
  [/^(Bad escape|Bad character escape|Invalid escape|Invalid Unicode escape|Expecting Unicode escape)/, () => `séquence d'échappement invalide après ${q('\\')}`],
  [/^Invalid regular expression/, () => 'expression régulière invalide'],
  [/^Shorthand property assignments/, () => `${q('{ a = 1 }')} n'est permis que pour déstructurer`],
];

/** The French explanation of acorn's `message` for an error at offset `pos` of `code`. */
export function explainSyntaxError(message: string, code: string, pos: number): string {
  if (/^Unexpected token/.test(message)) return unexpectedToken(code, pos);
  for (const [pattern, say] of FAMILIES) {
    const match = pattern.exec(message);
    if (match) return say(match);
  }
  return 'le code ne respecte pas la syntaxe de JavaScript';
}
