import { chromium } from '@playwright/test';
const withRunner = process.argv[2] === 'runner';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage();
await page.goto('http://localhost:8814/');
const result = await page.evaluate(async (withRunner) => {
  let r;
  if (withRunner) {
    r = document.createElement('iframe'); r.setAttribute('sandbox', 'allow-scripts'); r.src = '/runner/'; document.body.append(r);
    await new Promise((res) => setTimeout(res, 1000));
  }
  const make = (code) => new Promise((resolve) => {
    const f = document.createElement('iframe');
    f.setAttribute('sandbox', 'allow-scripts allow-forms');
    f.src = '/runner/page/?' + Math.random();
    const t0 = performance.now();
    const on = (e) => {
      if (e.source !== f.contentWindow || e.data?.kind !== 'ready') return;
      removeEventListener('message', on);
      const ch = new MessageChannel();
      f.contentWindow.postMessage({ kind: 'run', code, html: '', css: '', step: false }, '*', [ch.port2]);
      resolve({ f, ready: Math.round(performance.now() - t0) });
    };
    addEventListener('message', on);
    setTimeout(() => resolve({ f, ready: 'never' }), 8000);
    document.body.append(f);
  });
  const a = await make('setTimeout(() => { while (true) {} }, 100)');
  await new Promise((res) => setTimeout(res, 1000));
  a.f.remove();
  r?.remove();
  if (r) { r = document.createElement('iframe'); r.setAttribute('sandbox', 'allow-scripts'); r.src = '/runner/'; document.body.append(r); }
  const b = await make('');
  const runnerAlive = await new Promise((res) => { const on = (e) => { if (e.source === r?.contentWindow && e.data?.kind === 'alive') res(true); }; addEventListener('message', on); setTimeout(() => res(false), 3000); });
  return { first: a.ready, second: b.ready, runnerAlive };
}, withRunner);
console.log(withRunner ? 'with /runner/ frame' : 'page frames only', JSON.stringify(result));
await browser.close();
