/**
 * Loop protection for page snippets, as CodePen does it: a page runs on its frame's main thread,
 * where no `terminate()` exists, and a browser that keeps sandboxed frames in the course page's
 * process (Firefox may) would freeze the course with it. Each loop body first calls a guard that
 * throws once the loop has kept the thread for LOOP_LIMIT_MS. A loop that swallows the guard's
 * error is left to the watchdog of page-runner.ts, which removes the frame.
 */
import { parse } from 'acorn';

/** A loop that keeps the thread this long without giving it back is interrupted. */
export const LOOP_LIMIT_MS = 1000;
/** The global the guarded code calls (page-host.ts defines it). */
export const GUARD_NAME = '__wsLoopGuard';

const LOOPS = new Set(['WhileStatement', 'DoWhileStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

interface Node {
  type: string;
  start: number;
  end: number;
  body?: Node;
  [key: string]: unknown;
}

function* nodes(value: unknown): Generator<Node> {
  if (Array.isArray(value)) for (const item of value) yield* nodes(item);
  else if (value && typeof value === 'object') {
    if (typeof (value as Node).type === 'string') yield value as Node;
    for (const child of Object.values(value)) if (child && typeof child === 'object') yield* nodes(child);
  }
}

/**
 * `code` with a guard call at the start of every loop body. Nothing is inserted on a new line,
 * so error lines stay the learner's. Code that does not parse is returned unchanged (the
 * playground reports its syntax error before running it).
 */
export function guardLoops(code: string): string {
  let program: unknown;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, allowHashBang: true });
  } catch {
    return code;
  }
  const inserts: { at: number; text: string }[] = [];
  const call = `${GUARD_NAME}();`;
  for (const node of nodes(program)) {
    const body = node.body;
    if (!LOOPS.has(node.type) || !body) continue;
    if (body.type === 'BlockStatement') inserts.push({ at: body.start + 1, text: call });
    else inserts.push({ at: body.start, text: `{${call}` }, { at: body.end, text: '}' });
  }
  // From the end, so earlier offsets stay valid; at one offset, a closing brace goes before an opening one.
  inserts.sort((a, b) => b.at - a.at || (a.text === '}' ? -1 : 1));
  let out = code;
  for (const { at, text } of inserts) out = out.slice(0, at) + text + out.slice(at);
  return out;
}

/**
 * The guard: the first call in a synchronous stretch notes the time, a microtask forgets it once
 * the stretch ends (the thread was given back); a call LOOP_LIMIT_MS later throws `error()`.
 */
export function createLoopGuard(error: () => Error, limitMs = LOOP_LIMIT_MS, clock = () => performance.now()): () => void {
  let since: number | undefined;
  return () => {
    const now = clock();
    if (since === undefined) {
      since = now;
      queueMicrotask(() => (since = undefined));
    } else if (now - since > limitMs) {
      throw error();
    }
  };
}
