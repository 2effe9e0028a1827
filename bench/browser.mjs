// Browser benchmarks (not a test): in one headless Chromium run, the bench programs in proclab's
// page (real Web Workers) and in Pyodide (npm `pyodide`, loaded from bench/node_modules), python3
// natively alongside, plus Process.start -> child's first instruction (median over 50).
//
// usage: bash bench/browser.sh   (builds nothing: run scripts/e2e.sh or trunk build --release first)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const base = process.env.BENCH_URL; // serves the repo root
const RUNS = Number(process.env.BENCH_RUNS || 3);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const programs = fs.readdirSync(path.join(here, 'programs')).filter((f) => f.endsWith('.py')).sort();
const source = (p) => fs.readFileSync(p, 'utf8');
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

function python3(file) {
  let best = Infinity, out = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    out = execFileSync('python3', [file], { encoding: 'utf8' });
    best = Math.min(best, performance.now() - t);
  }
  return { ms: best, out };
}

async function proclabRun(page, src) {
  // A background tab's timers and rendering are throttled by Chromium: run in the front tab.
  await page.bringToFront();
  await page.evaluate((text) => {
    if (window.proclabEditorSetAll) { window.proclabEditorSetAll(text); return; }
    const ta = document.querySelector('[data-testid=editor]');
    const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
    set.call(ta, text);
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, src);
  const t = Date.now();
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(
    () => /finished|stopped|error/.test(document.querySelector('[data-testid=status]').textContent),
    null, { timeout: 600_000, polling: 5 });
  const ms = Date.now() - t;
  const out = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent + '\n').join(''));
  return { ms, out };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proclab-bench-'));
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
});
try {
  const page = await ctx.newPage();
  await page.goto(process.env.BENCH_PAGE || `${base}/dist/index.html`);
  await page.locator('[data-testid=run]').waitFor();
  await page.waitForTimeout(1500); // let the pre-started workers load
  const py = await ctx.newPage();
  await py.goto(`${base}/bench/browser/pyodide.html`);
  await py.waitForFunction(() => window.ready && window.bench, null, { timeout: 120_000 });
  await py.evaluate(() => window.ready);

  console.log(`chromium ${ctx.browser()?.version() ?? ''}, ${os.cpus().length} cores, ${new Date().toISOString()}`);
  console.log('program        python3 ms  proclab ms  pyodide ms  proclab/python3  proclab/pyodide  same output');
  for (const f of programs) {
    const file = path.join(here, 'programs', f);
    const src = source(file);
    const native = python3(file);
    let pl = { ms: Infinity }, pd = { ms: Infinity };
    for (let i = 0; i < RUNS; i++) {
      const a = await proclabRun(page, src); if (a.ms < pl.ms) pl = a;
      await py.bringToFront();
      const b = await py.evaluate((s) => window.bench(s), src); if (b.ms < pd.ms) pd = b;
    }
    const same = pl.out === native.out && pd.out === native.out ? 'yes' : 'NO';
    console.log(`${f.replace('.py', '').padEnd(14)}${native.ms.toFixed(0).padStart(11)}${pl.ms.toFixed(0).padStart(12)}` +
      `${pd.ms.toFixed(0).padStart(12)}${(pl.ms / native.ms).toFixed(2).padStart(16)}x${(pl.ms / pd.ms).toFixed(2).padStart(16)}x  ${same}`);
  }
  const lat = await proclabRun(page, source(path.join(here, 'browser', 'start_latency.py')));
  const ms = lat.out.trim().split('\n').map(Number).filter((x) => !Number.isNaN(x));
  const nat = execFileSync('python3', [path.join(here, 'browser', 'start_latency.py')], { encoding: 'utf8' })
    .trim().split('\n').map(Number);
  console.log(`Process.start -> child's first instruction, median of ${ms.length}: proclab ${median(ms).toFixed(2)} ms` +
    ` (min ${Math.min(...ms).toFixed(2)}, max ${Math.max(...ms).toFixed(2)}); python3 fork ${median(nat).toFixed(2)} ms`);
} finally {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
