/**
 * Evaluates an exercise check (a function body written in the lesson) against a run's record.
 * It runs in a worker of its own, made from a blob: the runner page's CSP forbids eval, and a
 * check that loops forever must not hang anything.
 */
import type { RunEvent, RunRecord } from '../events.ts';
import { ui } from '../strings.fr.ts';
import { addQueries } from './page-snapshot.ts';

const CHECK_TIMEOUT_MS = 1000;

/** The verdict: `ok`, and the message to show (the failure message, or empty). */
export interface Verdict {
  ok: boolean;
  message: string;
}

type Exception = Extract<RunEvent, { type: 'exception' }>;

/**
 * The verdict on a run whose own code threw: an error that no WebSocket call raised (`null.foo`)
 * is the learner's to fix first, whatever the exercise asks, so no lesson's check can blame it on
 * the call it teaches. A call's refusal (`close(1001)`) is left to the check, which explains it.
 */
export function ownErrorVerdict(record: RunRecord): Verdict | undefined {
  const own = record.events.find((e): e is Exception => e.type === 'exception' && !e.thrownBy);
  return own && { ok: false, message: ui.checkOwnError(own.name, own.message, own.line, own.source) };
}

/** What the check's worker answers: a refusal the check never looked at is named by its index. */
interface Answer extends Verdict {
  unread?: number;
}

/**
 * Runs `body` as `(run) => string | undefined`: a string means "not solved yet, because…".
 * An error of the learner's own code fails first (see ownErrorVerdict). A check that reads an
 * exception's `thrownBy` explains WebSocket refusals itself; when one that it never read fails
 * it, the learner is told about that refusal instead (a duplicated sub-protocol, not « no socket »).
 */
export function evaluateCheck(body: string, record: RunRecord): Promise<Verdict> {
  const own = ownErrorVerdict(record);
  if (own) return Promise.resolve(own);
  // A page snippet's snapshot gets its query helpers here: functions do not cross postMessage.
  const source = `const addQueries = ${addQueries.toString()};
onmessage = (event) => {
  const run = event.data;
  if (run.page) addQueries(run.page);
  const unread = new Set();
  run.events.forEach((e, i) => {
    if (e.type !== "exception" || !e.thrownBy) return;
    const call = e.thrownBy;
    unread.add(i);
    Object.defineProperty(e, "thrownBy", { enumerable: true, get() { unread.delete(i); return call; } });
  });
  let result;
  try {
    result = (function (run) {\n${body}\n})(run);
  } catch (error) {
    postMessage({ ok: false, message: "La vérification a échoué : " + error });
    return;
  }
  if (result == null || result === true) postMessage({ ok: true, message: "" });
  else postMessage({ ok: false, message: String(result), unread: [...unread][0] });
};`;
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  return new Promise<Verdict>((resolve) => {
    const finish = (verdict: Verdict) => {
      clearTimeout(timer);
      worker.terminate();
      URL.revokeObjectURL(url);
      resolve(verdict);
    };
    const timer = setTimeout(() => finish({ ok: false, message: 'La vérification a pris trop de temps.' }), CHECK_TIMEOUT_MS);
    worker.onmessage = ({ data }: MessageEvent<Answer>) => {
      const refusal = data.unread === undefined ? undefined : record.events[data.unread];
      if (refusal?.type !== 'exception') return finish({ ok: data.ok, message: data.message });
      finish({ ok: false, message: ui.checkOwnError(refusal.name, refusal.message, refusal.line, refusal.source) });
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ ok: false, message: `La vérification ne se compile pas : ${event.message}` });
    };
    worker.postMessage(JSON.parse(JSON.stringify(record)));
  });
}
