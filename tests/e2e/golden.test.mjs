// Parity: the same golden programs (tests/cases/) in headless Chromium, every Python process a
// real Web Worker (Real mode), give the same output as CPython (the case's .out), compared under
// the case's declared mode exactly as scripts/golden.py and the simulation host's golden test
// compare it (tests/e2e/compare.mjs). The simulation host runs all cases; this runs a selection
// that covers processes, fork, queues, pipes, locks, pools, managers, threads, events and
// concurrent.futures, where real workers and real time could differ from the virtual clock.
//
// Run by scripts/e2e.sh (node --test tests/e2e/) with PROCLAB_URL (the served dist/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';
import { differs, header } from './compare.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const cases = path.resolve(here, '../cases');
const URL = process.env.PROCLAB_URL;
/** What the page calls the program in tracebacks (src/host.rs FILENAME). */
const PAGE_FILE = 'main.py';

/** The selection: every family of shared objects, and each non-exact mode (normalized,
 * multiset-normalized, lines). Each runs in well under 2 s in CPython. */
const SELECTION = [
  'process__join_in_loop', 'process__child_exception', 'process__pid_ppid_masked', 'process__repr_states',
  'process__loop_start_no_join', 'process__terminate', 'process__daemon_killed_at_exit', 'process__join_timeout',
  'fork__wait_any', 'fork__pids_masked', 'fork__no_wait_race', 'fork__global_copy',
  'queue__producer_consumer', 'queue__multiple_producers', 'joinablequeue__task_done_join',
  'pipe__ping_pong', 'pipe__poll_eof',
  'lock__blocks_other_process', 'lock__shared_counter', 'rlock__reentrant', 'semaphore__limit_concurrency',
  'event__wait_set', 'value__plain_global_vs_value',
  'pool__map', 'pool__imap', 'pool__task_exception', 'pool__worker_names_pids',
  'manager__list_dict', 'manager__namespace',
  'thread__concurrent_prints', 'thread__queue_workers',
  'pool__remote_traceback', 'futures__process_map_submit', 'futures__process_error',
  'futures__as_completed_wait', 'futures__thread_pool', 'futures__process_timeouts_exit',
  'futures__child_leaves_pool_alone', 'futures__threads_share_process_pool',
  'queue__two_readers_in_order',
  'generator__next_blocking',
];

const knownFailures = new Set(fs.readFileSync(path.join(cases, 'known-failures.txt'), 'utf8')
  .split('\n').filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.split(/\s+/)[0]));

let context;
let page;
const pageErrors = [];

before(async () => {
  assert.ok(URL, 'PROCLAB_URL must point at the served dist/ (run scripts/e2e.sh)');
  context = await openContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.goto(URL);
  await page.locator('[data-testid=run]').waitFor();
  // The editor loads after the page's first render (src/ui/editor.rs).
  await page.locator('[data-testid=editor]').waitFor();
});

after(async () => {
  await closeContexts();
});

/** Waits for the pool of idle workers to be loaded, so that no child of the next run waits for a
 * worker's wasm to load (which would shift it against its staggered siblings). The page keeps six
 * idle workers and refills the pool 300 ms after the last fork; Playwright lists a worker once its
 * script runs, so the count must also hold still a moment (data-idle-workers is only refreshed
 * when the page re-renders). */
async function poolWarm(settleMs) {
  let stable = 0;
  for (let i = 0; i < 600 && stable < 6; i++) {
    stable = page.workers().length >= 6 ? stable + 1 : 0;
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(settleMs);
}

/** Runs `source` in the page (Real mode) and returns the console as a terminal shows it. */
async function runInPage(source) {
  const ok = await page.evaluate((text) => window.proclabEditorSetAll?.(text) ?? false, source);
  assert.ok(ok, 'window.proclabEditorSetAll');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(
    () => /finished|stopped|error/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 20_000, polling: 20 });
  const status = await page.locator('[data-testid=status]').textContent();
  const lines = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent));
  return { status, out: lines.map((l) => l + '\n').join('') };
}

test('compare.mjs tells matches from mismatches under each mode', () => {
  const p = 'x.py';
  assert.equal(differs('a\nb\n', 'a\nb\n', p, 'exact'), null);
  assert.match(differs('a\nb\n', 'b\na\n', p, 'exact'), /line 1/);
  assert.equal(differs('a\nb\n', 'b\na\n', p, 'lines'), null);
  assert.equal(differs('pid 1234 at 0x7f00\n', 'pid 98765 at 0xabc\n', p, 'normalized'), null);
  assert.match(differs('pid 12\n', 'pid 13\n', p, 'normalized'), /expected "pid 12"/);
  assert.equal(differs('a 1234\nb 5678\n', 'b 4321\na 999\n', p, 'multiset-normalized'), null);
  assert.match(differs('a\n', 'a\na\n', p, 'lines'), /expected 1 lines, got 2/);
  // Frames of other files and ^~~ lines are dropped; the program's own frames keep their line.
  const tb = (file, line) => `Traceback (most recent call last):\n  File "/usr/lib/python3.11/multiprocessing/process.py", line 314, in _bootstrap\n    self.run()\n  File "/tmp/q/${file}", line ${line}, in f\n    1/0\n    ~^~\nZeroDivisionError: division by zero\n`;
  const ours = 'Traceback (most recent call last):\n  File "x.py", line 3, in f\n    1/0\nZeroDivisionError: division by zero\n';
  assert.equal(differs(tb('x.py', 3), ours, p, 'exact'), null);
  assert.notEqual(differs(tb('x.py', 3), tb('x.py', 4), p, 'exact'), null);
  assert.equal(differs('a\nb\nc\n', 'z\nb\nc\n', p, 'suffix-2'), null);
  assert.notEqual(differs('a\nb\nc\n', 'z\nb\nc\n', p, 'prefix-2'), null);
  assert.equal(differs('b\n', 'a\nb\nc\n', p, 'superset'), null);
  assert.deepEqual(header('# checks: x\n# mode: lines\n# args: --cpus 2\nprint(1)\n# mode: exact\n'),
    { mode: 'lines', args: ['--cpus', '2'] });
});

let warmed = false;
for (const name of SELECTION) {
  test(`${name}: the page's output is CPython's`, { skip: knownFailures.has(name) && 'in known-failures.txt' }, async () => {
    const source = fs.readFileSync(path.join(cases, `${name}.py`), 'utf8');
    const expected = fs.readFileSync(path.join(cases, `${name}.out`), 'utf8');
    const { mode } = header(source);
    await poolWarm(warmed ? 100 : 1000);
    warmed = true;
    const { status, out } = await runInPage(source);
    // The page names the program main.py; CPython's .out names it after the case.
    const actual = out.replaceAll(`File "${PAGE_FILE}"`, `File "${name}.py"`);
    const diff = differs(expected, actual, `${name}.py`, mode);
    assert.equal(diff, null, `${name} (mode ${mode}, ${status}):\n--- got\n${actual}--- expected\n${expected}`);
    assert.match(status, /^finished/, status);
  });
}

test('no page errors during the golden runs', () => {
  assert.deepEqual(pageErrors, []);
});
