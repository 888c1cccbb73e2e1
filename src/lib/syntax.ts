/** Finds a syntax error in learner code before it runs, with its line, using acorn. */
import { parse } from 'acorn';

/** A syntax error at a 1-based line and column. */
export interface SyntaxProblem {
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
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    return { message: message.replace(/\s*\(\d+:\d+\)$/, ''), line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1 };
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
  return usesTopLevelAwait(code) ? `(async () => {${code}\n})();` : code;
}
