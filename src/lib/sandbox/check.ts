/**
 * Evaluates an exercise check (a function body written in the lesson) against a run's record.
 * It runs in a worker of its own, made from a blob: the runner page's CSP forbids eval, and a
 * check that loops forever must not hang anything.
 */
import type { RunRecord } from '../events.ts';
import { addQueries } from './page-snapshot.ts';

const CHECK_TIMEOUT_MS = 1000;

/** The verdict: `ok`, and the message to show (the failure message, or empty). */
export interface Verdict {
  ok: boolean;
  message: string;
}

/** Runs `body` as `(run) => string | undefined`: a string means "not solved yet, because…". */
export function evaluateCheck(body: string, record: RunRecord): Promise<Verdict> {
  // A page snippet's snapshot gets its query helpers here: functions do not cross postMessage.
  const source = `const addQueries = ${addQueries.toString()};
onmessage = (event) => {
  let result;
  try {
    if (event.data.page) addQueries(event.data.page);
    result = (function (run) {\n${body}\n})(event.data);
  } catch (error) {
    postMessage({ ok: false, message: "La vérification a échoué : " + error });
    return;
  }
  postMessage(result == null || result === true ? { ok: true, message: "" } : { ok: false, message: String(result) });
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
    worker.onmessage = (event: MessageEvent<Verdict>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      finish({ ok: false, message: `La vérification ne se compile pas : ${event.message}` });
    };
    worker.postMessage(JSON.parse(JSON.stringify(record)));
  });
}
