/**
 * Lighthouse performance score of the echo lesson, mobile and desktop, median of N runs.
 * We start Chromium ourselves (its own process group, so Ctrl+C kills it) and point
 * Lighthouse at it with --port; each run gets a fresh browser and profile.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CHROMIUM, CHROMIUM_FLAGS, LESSONS } from './page.ts';
import { freePort, start, stop, waitForPort } from '../test-support/processes.ts';
import { median } from './stats.ts';
import { benchTool } from './tools.ts';


/** One form factor's scores and the metrics behind them (ms, except CLS). */
export interface LighthouseResult {
  formFactor: 'mobile' | 'desktop';
  scores: number[];
  median: number;
  /** Metrics of the median run. */
  metrics: { fcp: number; lcp: number; tbt: number; cls: number; si: number };
}

async function runOnce(url: string, formFactor: 'mobile' | 'desktop') {
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'bench-lh-'));
  const chrome = start(CHROMIUM, ['--headless=new', ...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank']);
  chrome.stdout!.resume();
  chrome.stderr!.resume();
  const out = path.join(profile, 'report.json');
  try {
    await waitForPort(port);
    const args = [benchTool('lighthouse'), url, `--port=${port}`, '--output=json', `--output-path=${out}`, '--quiet', '--only-categories=performance'];
    if (formFactor === 'desktop') args.push('--preset=desktop');
    const lh = start(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM } });
    lh.stdout!.resume();
    let stderr = '';
    lh.stderr!.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => lh.once('exit', resolve));
    if (code !== 0) throw new Error(`lighthouse exited with ${code}: ${stderr.slice(-500)}`);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    const audit = (id: string) => report.audits[id]?.numericValue as number;
    return {
      score: Math.round(report.categories.performance.score * 100),
      metrics: {
        fcp: audit('first-contentful-paint'),
        lcp: audit('largest-contentful-paint'),
        tbt: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
        si: audit('speed-index'),
      },
    };
  } finally {
    await stop(chrome);
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Serves the site on `base` (already running) and runs Lighthouse `runs` times per form factor. */
export async function benchLighthouse(
  base: string,
  plan: { runs: number; formFactors: ('mobile' | 'desktop')[] },
  log: (line: string) => void,
): Promise<LighthouseResult[]> {
  const results: LighthouseResult[] = [];
  for (const formFactor of plan.formFactors) {
    const runs = [];
    for (let i = 0; i < plan.runs; i++) {
      log(`  Lighthouse ${formFactor} ${i + 1}/${plan.runs}`);
      runs.push(await runOnce(base + LESSONS.echo, formFactor));
    }
    const scores = runs.map((r) => r.score);
    const mid = median(scores);
    const closest = runs.reduce((a, b) => (Math.abs(b.score - mid) < Math.abs(a.score - mid) ? b : a));
    results.push({ formFactor, scores, median: mid, metrics: closest.metrics });
  }
  return results;
}
