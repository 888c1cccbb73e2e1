/**
 * Runs inside the frame of a page snippet (`/runner/page/`, sandbox="allow-scripts allow-forms",
 * opaque origin): builds the lesson's page (HTML, CSS), wraps the globals as a run worker's are
 * (instrument.ts: the same events, the same budget), guards loops (loop-guard.ts), then runs the
 * learner's code as a script of the page. One frame per run: page-runner.ts makes a new one.
 */
import { previewText } from '../strings.preview.fr.ts';
import { instrument, type Scope } from './instrument.ts';
import { createLoopGuard, GUARD_NAME, LOOP_LIMIT_MS } from './loop-guard.ts';
import { snapshotPage } from './page-snapshot.ts';
import { SNIPPET_FILE, type FrameToPage, type PageToFrame } from './protocol.ts';

const scope = window as unknown as Scope;
/** The run's channel to the page (page-runner.ts), out of the learner's reach in this closure. */
let port: MessagePort | undefined;
// The native method, kept before learner code could patch the prototype to catch the port.
const postOnPort = MessagePort.prototype.postMessage;
const toPage = (message: FrameToPage) => port && postOnPort.call(port, message);

Object.defineProperty(window, GUARD_NAME, {
  value: createLoopGuard(() => new RangeError(previewText.loopStopped(LOOP_LIMIT_MS / 1000))),
});

// The run arrives once, on the window, with its channel; everything after comes over the channel.
addEventListener('message', function first(event: MessageEvent<PageToFrame>) {
  if (event.source !== parent || event.data?.kind !== 'run' || !event.ports[0]) return;
  removeEventListener('message', first);
  port = event.ports[0];
  port.onmessage = (message: MessageEvent<PageToFrame>) => answer(message.data);
  run(event.data);
});

function answer(message: PageToFrame) {
  if (message.kind === 'next') sandbox?.next();
  if (message.kind === 'stop') {
    sandbox?.stop();
    toPage({ kind: 'stopped' });
  }
  if (message.kind === 'snapshot') toPage({ kind: 'snapshot', page: snapshotPage(document.body) });
}

let sandbox: ReturnType<typeof instrument> | undefined;

function run({ code, html, css, step, trace }: Extract<PageToFrame, { kind: 'run' }>) {
  const url = URL.createObjectURL(new Blob([`${code}\n//# sourceURL=${SNIPPET_FILE}`], { type: 'text/javascript' }));
  sandbox = instrument(scope, toPage, (filename) => filename === url || filename.endsWith(SNIPPET_FILE));
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  // The lesson's markup (its scripts do not run this way; the JavaScript fence is the page's script).
  document.body.innerHTML = html;
  sandbox.begin(step, code, trace);
  const script = document.createElement('script');
  script.src = url;
  script.onload = script.onerror = () => {
    URL.revokeObjectURL(url);
    sandbox?.activity.check();
  };
  document.body.append(script);
}

parent.postMessage({ kind: 'ready' } satisfies FrameToPage, '*');
