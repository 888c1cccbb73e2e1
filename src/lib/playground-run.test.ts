import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EndReason, RunEvent } from './events.ts';
import { RunController, type RunScreen, type RunTools } from './playground-run.ts';

/** A screen that records what it was told, as `method arg`. */
function recorder() {
  const calls: string[] = [];
  let head: unknown;
  const screen = new Proxy({} as RunScreen, {
    get: (_, name: string) => (...args: unknown[]) => {
      calls.push([name, ...args.map((a) => (typeof a === 'object' ? JSON.stringify(a) : String(a)))].join(' '));
      if (name === 'step') head = args[0] ?? undefined;
      return name === 'step' ? head : undefined;
    },
  });
  return { screen, calls };
}

/** Tools whose run hands `emit` and `end` to the test. */
function fakeTools() {
  const runs: { code: string; emit: (event: RunEvent) => void; end: (reason: EndReason) => void }[] = [];
  const tools: RunTools = {
    findSyntaxError: (code) => (code.includes('(') && !code.includes(')') ? { line: 1, column: 1, message: 'Unexpected token' } : undefined),
    prepareForRun: (code) => code,
    run(code, _options, onEvent) {
      let end!: (reason: EndReason) => void;
      const ended = new Promise<EndReason>((resolve) => (end = resolve));
      runs.push({ code, emit: onEvent, end });
      return { stop: () => end('stopped'), next: () => {}, ended };
    },
  };
  return { tools, runs };
}

const t = { socket: 1, readyState: 1, bufferedAmount: 0, t: 3 };

test('a syntax error is printed and nothing runs', async () => {
  const { screen, calls } = recorder();
  const { tools, runs } = fakeTools();
  await new RunController(screen, async () => tools).start('f(', { step: false });
  assert.equal(runs.length, 0);
  assert.ok(calls.includes('print error Erreur de syntaxe ligne 1\u00a0: Unexpected token'));
});

test('a start overtaken while the runner loads gives way to the newer one', async () => {
  const { screen } = recorder();
  const { tools, runs } = fakeTools();
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  const controller = new RunController(screen, () => loaded.then(() => tools));
  const first = controller.start('un()', { step: false });
  const second = controller.start('deux()', { step: false });
  release();
  await Promise.all([first, second]);
  assert.deepEqual(runs.map((r) => r.code), ['deux()']);
});

test('marks only the first runtime error in the editor, and reports a passed check', async () => {
  const { screen, calls } = recorder();
  const { tools, runs } = fakeTools();
  await new RunController(screen, async () => tools).start('x()', { step: false, success: 'Bravo.' });
  const exception = { ...t, type: 'exception', name: 'TypeError', message: 'x', line: 2 } as RunEvent;
  runs[0].emit(exception);
  runs[0].emit({ ...exception, line: 3 } as RunEvent);
  runs[0].emit({ ...t, type: 'check', ok: true, message: '' } as RunEvent);
  assert.equal(calls.filter((c) => c.startsWith('markError')).length, 1);
  assert.ok(calls.includes('verdict true Réussi\u00a0! Bravo.'), calls.join('\n'));
  assert.ok(calls.includes('passed'));
});

test('the end of a run is printed and announced, and stops « Pas à pas »', async () => {
  const { screen, calls } = recorder();
  const { tools, runs } = fakeTools();
  const controller = new RunController(screen, async () => tools);
  await controller.start('x()', { step: true });
  runs[0].emit({ ...t, type: 'held', event: 'open', pending: 1, preview: { ...t, type: 'open' }, handler: 'h' } as unknown as RunEvent);
  assert.ok(calls.includes('canStepNext true'));
  assert.ok(calls.includes('highlight h'));
  runs[0].emit({ ...t, type: 'end', reason: 'done' } as RunEvent);
  runs[0].end('done');
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(calls.includes('ended done'));
  assert.equal(calls.at(-1), 'highlight undefined');
  assert.ok(calls.includes('setRunning false true'));
  assert.equal(controller.running, false);
});

test('a failed load says so and lets the next click try again', async () => {
  const { screen, calls } = recorder();
  const { tools, runs } = fakeTools();
  let fail = true;
  const controller = new RunController(screen, async () => {
    if (fail) throw new Error('offline');
    return tools;
  });
  await controller.start('x()', { step: false });
  assert.ok(calls.some((c) => c.startsWith('print error Impossible de charger')));
  fail = false;
  await controller.start('x()', { step: false });
  assert.equal(runs.length, 1);
});
