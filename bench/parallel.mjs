// Parallelism benchmarks (not a test), proclab's page in headless Chromium (real Web Workers)
// against python3 on the same machine:
// - Pool(k).map and ProcessPoolExecutor(k).map of a CPU-bound function, speedup over the same
//   calls in one process, k = 1, 2;
// - a Pool(2) with many small tasks (imap of 2,000 items, map, 500 apply_async), where the
//   messages between processes are the cost;
// - 800 processes started and kept in a list (local to a function, then global): the cost of
//   a fork as the parent holds more;
// - Queue put -> get round trip between two processes (median ms) and items/s one way;
//   puts per second of one process (nobody reading);
// - Stop -> every process's worker gone, while 4 children spin (median of 10).
//
// usage: bash bench/browser.sh parallel   (serves the repo root; build dist/ first)
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const base = process.env.BENCH_URL; // serves the repo root
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Work per Pool task: CPython's interpreter is faster, so it gets more, for runs long enough
 * (about half a second to a second serial, in both) that start-up costs do not hide the speedup.
 * proclab's went from 400,000 to 1,000,000 when its loops got 2.5x faster (bench/README.md). */
const N_PROCLAB = Number(process.env.BENCH_N_PROCLAB || 1000000);
const N_PYTHON = Number(process.env.BENCH_N_PYTHON || 1500000);
const RUNS = Number(process.env.BENCH_RUNS || 3);
const STOPS = 10;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const file = (name) => path.join(here, 'browser', name);
const withN = (src, n) => src.replace(/^N = \d+$/m, `N = ${n}`);

function python3(src) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proclab-par-'));
  fs.writeFileSync(path.join(tmp, 'p.py'), src);
  try {
    return execFileSync('python3', ['p.py'], { cwd: tmp, encoding: 'utf8' });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Waits for the page's idle workers to be loaded (as tests/e2e/golden.test.mjs does). */
async function poolWarm(page) {
  let stable = 0;
  for (let i = 0; i < 600 && stable < 6; i++) {
    stable = page.workers().length >= 6 ? stable + 1 : 0;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
}

async function setProgram(page, src) {
  await page.evaluate((text) => window.proclabEditorSetAll(text), src);
}

async function proclab(page, src) {
  await poolWarm(page);
  await setProgram(page, src);
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(
    () => /finished|stopped|error/.test(document.querySelector('[data-testid=status]').textContent),
    null, { timeout: 600_000, polling: 20 });
  const status = await page.locator('[data-testid=status]').textContent();
  const out = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent + '\n').join(''));
  if (!/finished \(exit code 0\)/.test(status)) throw new Error(`${status}\n${out}`);
  return out;
}

function poolTimes(out) {
  const t = {};
  for (const line of out.trim().split('\n')) {
    const f = line.split(' ');
    t[f[0] === 'serial' ? 'serial' : `${f[0] === 'executor' ? 'x' : 'k'}${f[1]}`] = Number(f[f.length - 1]);
  }
  return t;
}

/** "NAME MS" lines as { NAME: MS }. */
function namedTimes(out) {
  return Object.fromEntries(out.trim().split('\n').map((l) => l.split(' ')).map(([k, v]) => [k, Number(v)]));
}

function queueStats(out) {
  const lines = out.trim().split('\n');
  const rtt = lines.filter((l) => l.startsWith('rtt ')).map((l) => Number(l.split(' ')[1]));
  const [, items, ms] = lines.find((l) => l.startsWith('oneway ')).split(' ').map(Number);
  return { rtt: median(rtt), perSec: items / (ms / 1000) };
}

/** Best (lowest) of `RUNS` for each field. */
function best(runs) {
  const b = {};
  for (const r of runs) for (const [k, v] of Object.entries(r)) b[k] = Math.min(b[k] ?? Infinity, v);
  return b;
}

/** Stop while 4 children spin: ms from the click to the status saying stopped (in the page's
 * clock) and to the 5th worker `close` (main + 4 children; idle workers stay, node's clock). */
async function stopOnce(page, src) {
  await poolWarm(page);
  await setProgram(page, src);
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=console] .line').length >= 4, null, { timeout: 60_000, polling: 20 });
  await page.waitForTimeout(300);
  const closed = [];
  const t0 = { node: 0 };
  const watch = (w) => w.once('close', () => closed.push(performance.now() - t0.node));
  page.workers().forEach(watch);
  page.on('worker', watch);
  t0.node = performance.now();
  const statusMs = await page.evaluate(() => new Promise((resolve) => {
    const status = document.querySelector('[data-testid=status]');
    const t = performance.now();
    const done = () => /stopped/.test(status.textContent);
    const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(performance.now() - t); } });
    obs.observe(status, { childList: true, characterData: true, subtree: true });
    document.querySelector('[data-testid=stop]').click();
    if (done()) { obs.disconnect(); resolve(performance.now() - t); }
  }));
  for (let i = 0; i < 200 && closed.length < 5; i++) await page.waitForTimeout(10);
  page.off('worker', watch);
  return { statusMs, closedMs: closed.length >= 5 ? closed.sort((a, b) => a - b)[4] : NaN, closes: closed.length };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proclab-bench-'));
const ctx = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: FLAGS,
});
try {
  const page = await ctx.newPage();
  await page.goto(process.env.BENCH_PAGE || `${base}/dist/index.html`);
  await page.locator('[data-testid=run]').waitFor();
  console.log(`chromium ${ctx.browser()?.version() ?? ''}, ${os.cpus().length} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);

  const poolSrc = fs.readFileSync(file('pool_speedup.py'), 'utf8');
  const pl = [], py = [];
  for (let i = 0; i < RUNS; i++) {
    pl.push(poolTimes(await proclab(page, withN(poolSrc, N_PROCLAB))));
    py.push(poolTimes(python3(withN(poolSrc, N_PYTHON))));
  }
  console.log(`Pool(k).map, 8 tasks, best of ${RUNS} (ms; speedup = serial / pool):`);
  for (const [who, runs, n] of [['proclab', pl, N_PROCLAB], ['python3', py, N_PYTHON]]) {
    const b = best(runs);
    console.log(`  ${who.padEnd(8)} N=${String(n).padEnd(8)} serial ${b.serial.toFixed(0)}  k=1 ${b.k1.toFixed(0)} (${(b.serial / b.k1).toFixed(2)}x)` +
      `  k=2 ${b.k2.toFixed(0)} (${(b.serial / b.k2).toFixed(2)}x)` +
      `;  ProcessPoolExecutor k=1 ${b.x1.toFixed(0)} (${(b.serial / b.x1).toFixed(2)}x)` +
      `  k=2 ${b.x2.toFixed(0)} (${(b.serial / b.x2).toFixed(2)}x)`);
  }

  const manySrc = fs.readFileSync(file('pool_many_tasks.py'), 'utf8');
  const ml = [], mp = [];
  for (let i = 0; i < RUNS; i++) {
    ml.push(namedTimes(await proclab(page, manySrc)));
    mp.push(namedTimes(python3(manySrc)));
  }
  console.log(`Pool(2) with many small tasks, best of ${RUNS} (ms):`);
  for (const [who, runs] of [['proclab', ml], ['python3', mp]]) {
    const b = best(runs);
    console.log(`  ${who.padEnd(8)} imap of 2,000 ${b.imap.toFixed(0)}  map of 2,000 ${b.map.toFixed(0)}` +
      `  500 apply_async ${b.apply_async.toFixed(0)}`);
  }

  const qSrc = fs.readFileSync(file('queue_rtt.py'), 'utf8');
  const ql = [], qp = [];
  for (let i = 0; i < RUNS; i++) {
    ql.push(queueStats(await proclab(page, qSrc)));
    qp.push(queueStats(python3(qSrc)));
  }
  console.log(`Queue between two processes, best of ${RUNS}:`);
  for (const [who, runs] of [['proclab', ql], ['python3', qp]]) {
    const rtt = Math.min(...runs.map((r) => r.rtt));
    const perSec = Math.max(...runs.map((r) => r.perSec));
    console.log(`  ${who.padEnd(8)} round trip median ${rtt.toFixed(3)} ms, one way ${perSec.toFixed(0)} items/s`);
  }

  const putSrc = fs.readFileSync(file('queue_puts.py'), 'utf8');
  const puts = (out) => { const [, n, ms] = out.trim().split(' ').map(Number); return n / (ms / 1000); };
  const pl2 = [], pp2 = [];
  for (let i = 0; i < RUNS; i++) {
    pl2.push(puts(await proclab(page, putSrc)));
    pp2.push(puts(python3(putSrc)));
  }
  console.log(`One process putting 100,000 items on a Queue, best of ${RUNS}: ` +
    `proclab ${Math.max(...pl2).toFixed(0)} puts/s, python3 ${Math.max(...pp2).toFixed(0)} puts/s`);

  const startsSrc = fs.readFileSync(file('many_starts.py'), 'utf8');
  const sl = [], sp = [];
  for (let i = 0; i < RUNS; i++) {
    sl.push(namedTimes(await proclab(page, startsSrc)));
    sp.push(namedTimes(python3(startsSrc)));
  }
  console.log(`800 processes started and kept in a list, best of ${RUNS} (ms):`);
  for (const [who, runs] of [['proclab', sl], ['python3', sp]]) {
    const b = best(runs);
    console.log(`  ${who.padEnd(8)} list local to the function ${b.local}  global list ${b.global}`);
  }

  const stopSrc = fs.readFileSync(file('stop_spin.py'), 'utf8');
  const stops = [];
  for (let i = 0; i < STOPS; i++) stops.push(await stopOnce(page, stopSrc));
  const ok = stops.filter((s) => s.closes >= 5);
  console.log(`Stop with 4 children spinning, median of ${STOPS}: status "stopped" ${median(stops.map((s) => s.statusMs)).toFixed(1)} ms,` +
    ` all 5 process workers closed ${ok.length ? median(ok.map((s) => s.closedMs)).toFixed(1) : 'n/a'} ms` +
    ` (${ok.length}/${STOPS} runs saw all 5 closes; max ${Math.max(...ok.map((s) => s.closedMs)).toFixed(1)} ms)`);
} finally {
  await ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
