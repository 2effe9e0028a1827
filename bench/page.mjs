// The page's load budget, measured in headless Chromium on localhost (cold cache: a fresh
// browser profile per run), with times taken in the page itself (a MutationObserver and a click
// listener, installed before the page loads), since Playwright's own polling and clicking add
// 100-300 ms here:
// - page ready: navigation start -> the Run button is in the DOM;
// - first output after the click: the click on Run -> the first console line in the DOM;
// - first output with `?autorun=1` (how a course page embeds a runnable example): navigation
//   start -> the default program's first console line, no click in between;
// - transfer: every response the page loads up to that moment and the run's end (the page, its
//   wasm, JS, CSS, the workers' wasm), each counted at its `gzip -9` size, as a static host
//   serving gzip would send it;
// - the timeline with 100 000 spans: ms for the first draw (reads the whole trace) and for each
//   later frame (`proclabChartBench`, src/ui/chart.rs).
//
// Usage: serve dist/ (e.g. `python3 -m http.server -d dist 8000`), then
//   node bench/page.mjs http://127.0.0.1:8000/ [runs]
// Budgets: first output <= 300 ms, transfer <= 400 KB gzip (bench/README.md).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const url = process.argv[2] || process.env.PROCLAB_URL;
const runs = Number(process.argv[3] || 5);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 2000);
if (!url) {
  console.error('usage: node bench/page.mjs URL [runs]');
  process.exit(2);
}
const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function once(autorun) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proclab-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: FLAGS,
    viewport: { width: 1366, height: 768 },
  });
  const page = await context.newPage();
  // Responses are only noted during the run; their bodies are read once the times are taken:
  // reading them as they come (the wasm's 1.8 MB through the DevTools protocol) kept the
  // browser busy while the page started, ~60-100 ms of the first output with 2 cores.
  const responses = [];
  const track = (r) => responses.push(r);
  page.on('response', track);
  // Workers' own fetches (their wasm) are responses of the context too.
  context.on('response', track);
  // Times taken in the page, when the DOM changes (Playwright's polling would add its own
  // latency to each).
  await page.addInitScript(() => {
    const marks = (window.__proclabMarks = {});
    new MutationObserver(() => {
      if (!marks.run && document.querySelector('[data-testid=run]')) marks.run = performance.now();
      if (!marks.first && document.querySelector('[data-testid=console] .line')) {
        marks.first = performance.now();
      }
    }).observe(document, { subtree: true, childList: true });
    document.addEventListener('click', (e) => {
      if (!marks.click && e.target.closest('[data-testid=run]')) marks.click = performance.now();
    }, true);
  });
  const target = new URL(url);
  if (autorun) target.searchParams.set('autorun', '1');
  // A browser that has just started is still starting (its own pages, e.g. the omnibox popup's
  // WebUI renderer, take a core for ~0.5 s here): each run lets it settle for BENCH_SETTLE_MS
  // (default 2000; 0 navigates at once, as this bench did until 2026-12-05) before it opens
  // the page, as in a browser that is already open. The cache stays cold: a fresh profile.
  if (SETTLE_MS > 0) {
    await page.goto('about:blank');
    await page.waitForTimeout(SETTLE_MS);
  }
  await page.goto(target.href, { waitUntil: 'commit' });
  await page.locator('[data-testid=run]').waitFor();

  if (!autorun) await page.locator('[data-testid=run]').click();
  await page.locator('[data-testid=console] .line').first().waitFor({ timeout: 20_000 });
  const { run: appReady, first: firstOutput, click } = await page.evaluate(() => window.__proclabMarks);
  await page.waitForFunction(() => /finished/.test(document.querySelector('[data-testid=status]').textContent),
    null, { timeout: 30_000 });
  const bench = await page.evaluate(() => window.wasmBindings?.proclabChartBench?.(100000) ?? null);
  const bodies = new Map();
  await Promise.all(responses.map((r) => r.body().then((b) => {
    bodies.set(r.url(), { raw: b.length, gz: zlib.gzipSync(b, { level: 9 }).length });
  }).catch(() => {})));
  await context.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { firstOutput, appReady, afterClick: firstOutput - click, bodies, bench: bench && Array.from(bench) };
}

const results = [];
const autoruns = [];
for (let i = 0; i < runs; i++) {
  results.push(await once(false));
  autoruns.push((await once(true)).firstOutput);
}
autoruns.sort((a, b) => a - b);
const firsts = results.map((r) => r.firstOutput).sort((a, b) => a - b);
const median = firsts[Math.floor(firsts.length / 2)];
const last = results[results.length - 1];
let gz = 0;
let raw = 0;
const rows = [];
for (const [u, s] of [...last.bodies].sort((a, b) => b[1].gz - a[1].gz)) {
  gz += s.gz;
  raw += s.raw;
  rows.push(`  ${new URL(u).pathname.split('/').pop() || 'index.html'}: ${s.raw} raw, ${s.gz} gzip`);
}
const clicks = results.map((r) => r.afterClick).sort((a, b) => a - b);
console.log(`(each run opens the page ${SETTLE_MS} ms after the browser started; BENCH_SETTLE_MS)`);
console.log(`first output after the click on Run, ${runs} cold runs: ${clicks.map((f) => f.toFixed(0)).join(', ')}; median ${clicks[Math.floor(clicks.length / 2)].toFixed(0)}`);
console.log(`first output (ms after navigation start, Playwright's click in between), ${runs} cold runs: ${firsts.map((f) => f.toFixed(0)).join(', ')}; median ${median.toFixed(0)} (budget 300)`);
console.log(`first output with ?autorun=1, ${runs} cold runs: ${autoruns.map((f) => f.toFixed(0)).join(', ')}; median ${autoruns[Math.floor(autoruns.length / 2)].toFixed(0)}`);
const ready = results.map((r) => r.appReady).sort((a, b) => a - b);
console.log(`page ready (Run button rendered), ms after navigation start: median ${ready[Math.floor(ready.length / 2)].toFixed(0)}`);
console.log(`transfer: ${gz} bytes gzip (${(gz / 1024).toFixed(1)} KB), ${raw} raw (budget 400 KB gzip)`);
console.log(rows.join('\n'));
if (last.bench) {
  const [first, later, zoomed, spans] = last.bench;
  console.log(`timeline, ${spans} spans: first draw ${first.toFixed(1)} ms, later frames ${later.toFixed(2)} ms, zoomed ${zoomed.toFixed(2)} ms`);
}
