/**
 * The worker that runs one learner snippet, wrapped by instrument.ts (WebSocket traced, console
 * forwarded, errors at the learner's line), and that tells the host when nothing is left to happen.
 * One worker per run: each run starts fresh, and `terminate()` stops any infinite loop.
 */
import { instrument, type Scope } from './instrument.ts';
import type { HostToWorker, WorkerToHost } from './protocol.ts';
import { SNIPPET_FILE } from './protocol.ts';
import type { TraceRequest } from './trace-url.ts';

/** The worker's global scope; loosely typed because instrument.ts wraps its globals. */
const scope = self as unknown as Scope & { postMessage(message: unknown): void };

// Only this file may talk to the host: learner code could otherwise fake events (a passed check,
// the end of the run) or flood the page past the run's budget.
const postToHost = scope.postMessage.bind(scope) as (message: WorkerToHost) => void;
delete (Object.getPrototypeOf(scope) as { postMessage?: unknown }).postMessage;
delete (scope as { postMessage?: unknown }).postMessage;

const sandbox = instrument(scope, postToHost, (filename) => filename.endsWith(SNIPPET_FILE));

// self.close() would end the worker silently, and the watchdog would then blame an infinite loop.
scope.close = () => {
  sandbox.emit({ type: 'console', level: 'warn', text: "self.close() arrête le worker : l'exécution s'arrête ici." });
  sandbox.stop();
  postToHost({ kind: 'idle' });
};

scope.addEventListener('message', (event: MessageEvent<HostToWorker>) => {
  const message = event.data;
  if (message.kind === 'run') run(message.code, message.step, message.trace);
  if (message.kind === 'next') sandbox.next();
  if (message.kind === 'stop') sandbox.stop();
});

function run(code: string, step: boolean, trace?: TraceRequest) {
  sandbox.begin(step, code, trace);
  const url = URL.createObjectURL(new Blob([`${code}\n//# sourceURL=${SNIPPET_FILE}`], { type: 'text/javascript' }));
  try {
    importScripts(url);
  } catch (error) {
    sandbox.reportError(error);
  } finally {
    URL.revokeObjectURL(url);
  }
  sandbox.activity.check();
}
