/** Finds a syntax error in learner code before it runs, with its line, using acorn. */
import { parse } from 'acorn';
import { TOP_LEVEL_AWAIT_OPENING } from './sandbox/protocol.ts';
import { explainSyntaxError } from './syntax.fr.ts';

/** The French explanation, then the parser's English words, which a search engine knows. */
const inFrench = (french: string, original: string) => `${french} (en anglais\u00a0: «\u00a0${original}\u00a0»)`;

/** A syntax error at a 1-based line and column. */
export interface SyntaxProblem {
  /** What is wrong, in French, with acorn's own words beside it. */
  message: string;
  line: number;
  column: number;
}

/** Returns the first syntax error in `code`, or undefined when it parses. */
export function findSyntaxError(code: string): SyntaxProblem | undefined {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowHashBang: true });
    return undefined;
  } catch (error) {
    const { loc, pos, message } = error as { loc?: { line: number; column: number }; pos?: number; message: string };
    const original = message.replace(/\s*\(\d+:\d+\)$/, '');
    return { message: inFrench(explainSyntaxError(original, code, pos ?? 0), original), line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
  }
}

/** True when the code uses `await` at top level, which a classic script does not allow. */
export function usesTopLevelAwait(code: string): boolean {
  try {
    parse(code, { ecmaVersion: 'latest', sourceType: 'script' });
    return false;
  } catch {
    return findSyntaxError(code) === undefined;
  }
}

/**
 * Wraps top-level-await code in an async function on the same first line, so the learner's
 * line numbers stay right.
 */
export function prepareForRun(code: string): string {
  return usesTopLevelAwait(code) ? `${TOP_LEVEL_AWAIT_OPENING}${code}\n})();` : code;
}
