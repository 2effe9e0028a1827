// The page's views and controls, as a person uses them: Real and Step mode, step / play / pause /
// scrub through a recorded run, the CPU and policy knobs, the memory view, the exports and the
// theme.
//
// Run by scripts/e2e.sh (node --test tests/e2e/), which serves dist/ at PROCLAB_URL. Expected
// outputs come from python3. PROCLAB_SCREENSHOTS=1 also writes docs/screenshots/{real,step,
// memory,dark}.png (the README's), at 1366x768.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const URL = process.env.PROCLAB_URL;
const SHOTS = process.env.PROCLAB_SCREENSHOTS === '1';
// TOOLCHAIN.md: without the networking flags Chromium floods the closed network with requests.
let context;

before(async () => {
  assert.ok(URL, 'PROCLAB_URL must point at the served dist/ (run scripts/e2e.sh)');
  context = await openContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
});

after(async () => {
  await closeContexts();
});

/** A child changes its copy of a global: the parent's stays 100. */
const FORK = `from multiprocessing import Process
import time

count = 100

def work():
    global count
    count += 1
    print("child", count)
    time.sleep(0.3)

if __name__ == "__main__":
    p = Process(target=work)
    p.start()
    time.sleep(0.1)
    print("parent", count)
    p.join()
    print("parent after join", count)
`;

/** Three children that only compute: how many run at once is up to the CPUs. */
const BUSY3 = `from multiprocessing import Process

def spin(n):
    s = 0
    for i in range(250000):
        s += i % 7
    print("child", n, s)

if __name__ == "__main__":
    ps = [Process(target=spin, args=(i,)) for i in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("main done")
`;

const python = (source) => execFileSync('python3', ['-c', source], { encoding: 'utf8' });

async function openPage() {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(URL);
  await page.locator('[data-testid=run]').waitFor();
  // The editor loads after the page's first render (src/ui/editor.rs).
  await page.locator('[data-testid=editor]').waitFor();
  await page.waitForFunction(() => typeof window.proclabEditorSetAll === 'function');
  return { page, errors };
}

const status = (page) => page.locator('[data-testid=status]').textContent();

async function setProgram(page, source) {
  assert.ok(await page.evaluate((t) => window.proclabEditorSetAll(t), source), 'an editor is on the page');
}

/** Runs `source` in the current mode and waits for the end (Real) or the recording (Step). */
async function run(page, source) {
  await setProgram(page, source);
  await page.locator('[data-testid=run]').click();
  const mode = await page.locator('[data-testid=mode]').inputValue();
  if (mode === 'step') {
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid=scrubber]');
      return s && !s.disabled && Number(s.max) > 0;
    }, null, { timeout: 30_000 });
  } else {
    await page.waitForFunction(
      () => /finished|stopped|syntax error|deadlock/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
      null, { timeout: 30_000 });
  }
}

async function consoleText(page) {
  const lines = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent));
  return lines.map((l) => l + '\n').join('');
}

const spans = async (page) => JSON.parse(await page.locator('[data-testid=timeline]').getAttribute('data-spans'));

/** Moves the scrubber to frame `i` as a person drags it (an `input` event). */
async function scrub(page, i) {
  await page.locator('[data-testid=scrubber]').fill(String(i));
}

/** The largest number of processes among `pids` in state `running` at one instant. */
function maxRunningAtOnce(all, pids) {
  const edges = [];
  for (const s of all) {
    if (s.state !== 'running' || !pids.includes(s.pid) || s.end <= s.start) continue;
    edges.push([s.start, 1], [s.end, -1]);
  }
  // Ends before starts at the same instant: touching spans do not overlap.
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) {
    now += d;
    most = Math.max(most, now);
  }
  return most;
}

async function processTable(page) {
  return page.$$eval('[data-testid=process-table]', ([table]) => {
    const keys = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    return [...table.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.children].map((td, i) => [keys[i], td.textContent])));
  });
}

/** A screenshot of the viewport, scrolled so that the element `testid` is in view. */
async function shot(page, name, testid) {
  if (!SHOTS) return;
  fs.mkdirSync(path.join(repo, 'docs/screenshots'), { recursive: true });
  if (testid) {
    // The timeline at the bottom (editor and console above it), the memory pane in the middle.
    const block = testid === 'timeline' ? 'end' : 'center';
    await page.$eval(`[data-testid=${testid}]`, (el, b) => el.closest('section').scrollIntoView({ block: b }), block);
  }
  await page.screenshot({ path: path.join(repo, 'docs/screenshots', `${name}.png`) });
}

test('the page has every control, once, and the editor is CodeMirror', async () => {
  const { page, errors } = await openPage();
  for (const id of ['run', 'stop', 'editor', 'console', 'timeline', 'process-table', 'memory', 'objects',
    'cpus', 'policy', 'mode', 'theme', 'export-trace', 'export-console']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  assert.equal(await page.locator('[data-testid=editor]').getAttribute('class').then((c) => c.includes('cm-editor')), true);
  // The step controls are Step mode's.
  assert.equal(await page.locator('[data-testid=scrubber]').count(), 0);
  await page.selectOption('[data-testid=mode]', 'step');
  for (const id of ['step', 'play', 'pause', 'scrubber']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  // Keyboard: Tab reaches the controls, and a focused control is outlined.
  await page.locator('[data-testid=run]').focus();
  const outline = await page.$eval('[data-testid=run]', (el) => getComputedStyle(el).outlineStyle);
  assert.notEqual(outline, 'none');
  assert.deepEqual(errors, []);
  await page.close();
});

test('Real mode: run, the memory view shows the child its own copy, Stop ends a runaway', async () => {
  const { page, errors } = await openPage();
  await run(page, FORK);
  assert.equal(await status(page), 'finished (exit code 0)');
  assert.equal(await consoleText(page), python(FORK));
  const [parent, child] = await processTable(page);
  const value = (pid) => page.locator(`[data-testid=memory] .column[data-pid="${pid}"] tr[data-name=count] .val`).textContent();
  assert.equal(await value(parent.pid), '100');
  assert.equal(await value(child.pid), '101');
  // The child's value is highlighted as differing from its parent's; the parent's is not.
  assert.equal(await page.locator(`[data-testid=memory] .column[data-pid="${child.pid}"] tr[data-name=count].differs`).count(), 1);
  assert.equal(await page.locator(`[data-testid=memory] .column[data-pid="${parent.pid}"] tr.differs`).count(), 0);
  await shot(page, 'memory', 'memory');

  await setProgram(page, 'print("go", flush=True)\nwhile True:\n    pass\n');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'running');
  await page.locator('[data-testid=console] .line').first().waitFor();
  await page.locator('[data-testid=stop]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'stopped');
  assert.deepEqual(errors, []);
  await page.close();
});

test('CPUs: with 1 CPU no two children run at once, with 4 they overlap (Real mode)', async () => {
  const { page, errors } = await openPage();
  const children = async () => (await processTable(page)).slice(1).map((r) => Number(r.pid));
  await page.selectOption('[data-testid=cpus]', '1');
  await run(page, BUSY3);
  assert.equal(await status(page), 'finished (exit code 0)');
  assert.match(await page.locator('.timeline-pane h2').textContent(), /(^|\D)1 CPUs/);
  const one = maxRunningAtOnce(await spans(page), await children());
  assert.equal(one, 1, 'one CPU: one child running at a time');
  // Ready processes visibly wait: there is ready time on the timeline.
  assert.ok((await spans(page)).some((s) => s.state === 'ready' && s.end - s.start > 1000));

  await page.selectOption('[data-testid=cpus]', '4');
  await run(page, BUSY3);
  assert.match(await page.locator('.timeline-pane h2').textContent(), /(^|\D)4 CPUs/);
  const four = maxRunningAtOnce(await spans(page), await children());
  assert.ok(four >= 2, `four CPUs: children overlap (at most ${four} at once)`);
  await shot(page, 'real', 'timeline');
  assert.deepEqual(errors, []);
  await page.close();
});

test("CPU time is the process's own work, not the time its messages waited for a busy page", async () => {
  const { page, errors } = await openPage();
  await setProgram(page, 's = 0\nfor i in range(2_000_000):\n    s += i\nprint(s)\n');
  await page.locator('[data-testid=run]').click();
  // The page's thread busy for 1.5 s (as when it draws a heavy frame): the process's slices end
  // meanwhile, and their messages wait.
  await page.evaluate(() => {
    const t = performance.now();
    while (performance.now() - t < 1500) { /* busy */ }
  });
  await page.waitForFunction(
    () => /finished/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.equal(await consoleText(page), '1999999000000\n');
  const [main] = await processTable(page);
  const cpu = parseFloat(main['CPU time']);
  // The loop itself takes ~0.1-0.3 s; the time held, with the page's 1.5 s, is over 1.5 s.
  assert.ok(cpu > 0 && cpu < 1000, `CPU time ${main['CPU time']}`);
  const held = (await spans(page))
    .filter((x) => x.pid === Number(main.pid) && x.state === 'running')
    .reduce((a, x) => a + x.end - x.start, 0) / 1000;
  assert.ok(held >= 1400, `the timeline still shows the ${held} ms the process held its CPU`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Step mode: step, scrub, play and pause through a deterministic recording', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('[data-testid=mode]', 'step');
  await page.selectOption('[data-testid=cpus]', '2');
  await run(page, FORK);
  const scrubber = page.locator('[data-testid=scrubber]');
  const last = Number(await scrubber.getAttribute('max'));
  assert.ok(last > 5, `${last} events`);
  // At the start nothing has been printed; Step moves one event.
  assert.equal(await scrubber.inputValue(), '0');
  assert.equal(await status(page), `event 0 of ${last}`);
  assert.equal(await consoleText(page), '');
  await page.locator('[data-testid=step]').click();
  await page.locator('[data-testid=step]').click();
  assert.equal(await scrubber.inputValue(), '2');
  assert.equal(await status(page), `event 2 of ${last}`);

  // Scrubbing: every view shows that moment. Find the moment the child has printed and the
  // parent not yet, by walking the frames.
  let seen = null;
  for (let i = 0; i <= last; i++) {
    await scrub(page, i);
    const text = await consoleText(page);
    if (text === 'child 101\n') {
      seen = i;
      break;
    }
  }
  assert.ok(seen !== null, 'a moment after the child printed and before the parent did');
  const table = await processTable(page);
  assert.equal(table.length, 2);
  assert.ok(table.every((r) => r.state !== 'terminated'), JSON.stringify(table));
  const [parent, child] = table;
  const value = (pid) => page.locator(`[data-testid=memory] .column[data-pid="${pid}"] tr[data-name=count] .val`).textContent();
  assert.equal(await value(child.pid), '101');
  assert.equal(await value(parent.pid), '100');
  // The timeline shows that moment: no span goes past the cursor, and the editor marks lines.
  const cursorSpans = await spans(page);
  const endSeen = Math.max(...cursorSpans.map((s) => s.end));
  assert.ok(cursorSpans.length > 0);
  assert.ok(await page.locator('[data-testid=editor] .cm-proc-line').count() >= 1, 'the current lines are marked');
  await shot(page, 'step', 'timeline');

  // The end: the whole output, as python3 prints it, and the status says finished.
  await scrub(page, last);
  assert.equal(await consoleText(page), python(FORK));
  assert.equal(await status(page), 'finished (exit code 0)');
  assert.ok(Math.max(...(await spans(page)).map((s) => s.end)) > endSeen);
  assert.deepEqual((await processTable(page)).map((r) => r.state), ['terminated', 'terminated']);

  // Play from the start runs to the end by itself; Pause stops it on the way.
  await scrub(page, 0);
  await page.locator('[data-testid=play]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=scrubber]').value) > 0);
  await page.locator('[data-testid=pause]').click();
  const paused = Number(await scrubber.inputValue());
  await page.waitForTimeout(300);
  assert.equal(Number(await scrubber.inputValue()), paused, 'paused: the cursor stays');
  await page.locator('[data-testid=play]').click();
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid=scrubber]').value) === n, last, { timeout: 20_000 });
  assert.equal(await status(page), 'finished (exit code 0)');

  // The same program, machine and seed record the same run.
  const before = await spans(page);
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid=scrubber]').disabled);
  await scrub(page, last);
  assert.deepEqual((await spans(page)).map((s) => [s.state, s.start, s.end]), before.map((s) => [s.state, s.start, s.end]));
  assert.deepEqual(errors, []);
  await page.close();
});

test('Step mode: 1 CPU serialises the children, 4 overlap them; Stop ends an endless simulation', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('[data-testid=mode]', 'step');
  for (const [cpus, check] of [['1', (n) => n === 1], ['4', (n) => n >= 2]]) {
    await page.selectOption('[data-testid=cpus]', cpus);
    await run(page, BUSY3);
    await scrub(page, Number(await page.locator('[data-testid=scrubber]').getAttribute('max')));
    const kids = (await processTable(page)).slice(1).map((r) => Number(r.pid));
    const n = maxRunningAtOnce(await spans(page), kids);
    assert.ok(check(n), `${cpus} CPUs: ${n} children running at once`);
  }
  await setProgram(page, 'while True:\n    pass\n');
  await page.locator('[data-testid=run]').click();
  assert.equal(await status(page), 'simulating…');
  await page.locator('[data-testid=stop]').click();
  assert.equal(await status(page), 'stopped');
  assert.deepEqual(errors, []);
  await page.close();
});

test('policy: first come first served keeps a process on its CPU, round robin takes turns', async () => {
  const { page, errors } = await openPage();
  await page.selectOption('[data-testid=mode]', 'step');
  await page.selectOption('[data-testid=cpus]', '1');
  // After its first slice on the CPU, is a child ever put back to ready (preempted)?
  const preempted = async () => {
    await scrub(page, Number(await page.locator('[data-testid=scrubber]').getAttribute('max')));
    const kids = (await processTable(page)).slice(1).map((r) => Number(r.pid));
    const all = await spans(page);
    return kids.some((pid) => {
      const mine = all.filter((s) => s.pid === pid);
      const firstRun = mine.findIndex((s) => s.state === 'running');
      return mine.slice(firstRun + 1).some((s) => s.state === 'ready');
    });
  };
  await page.selectOption('[data-testid=policy]', 'fcfs');
  await run(page, BUSY3);
  assert.equal(await preempted(), false, 'FCFS: no preemption');
  await page.selectOption('[data-testid=policy]', 'rr');
  await run(page, BUSY3);
  assert.equal(await preempted(), true, 'round robin: children take turns');
  // Real mode uses the same knob: the timeline's title names the policy.
  await page.selectOption('[data-testid=mode]', 'real');
  await page.selectOption('[data-testid=policy]', 'fcfs');
  await run(page, 'print(1)\n');
  assert.match(await page.locator('.timeline-pane h2').textContent(), /first come, first served/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deadlock is named in the status line and drawn as a wait-for cycle, in both modes', async () => {
  const { page, errors } = await openPage();
  // The parent holds the lock and joins the child, which waits for the lock: whatever the timing.
  const source = `from multiprocessing import Process, Lock

def child(lock):
    print("child wants the lock")
    lock.acquire()

if __name__ == "__main__":
    lock = Lock()
    lock.acquire()
    p = Process(target=child, args=(lock,))
    p.start()
    p.join()
`;
  for (const mode of ['real', 'step']) {
    await page.selectOption('[data-testid=mode]', mode);
    await run(page, source);
    if (mode === 'step') await scrub(page, Number(await page.locator('[data-testid=scrubber]').getAttribute('max')));
    await page.waitForFunction(() => /deadlock/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
    const [main, child] = await processTable(page);
    assert.equal(await status(page),
      `deadlock: MainProcess (pid ${main.pid}) waits for Process-1 (pid ${child.pid}) to end; ` +
      `Process-1 (pid ${child.pid}) waits for Lock-1 held by MainProcess (pid ${main.pid})`, mode);
    assert.equal(await consoleText(page), 'child wants the lock\n');
    // The lock: held by the parent, the child waiting; the cycle: both processes.
    const lock = page.locator('[data-testid=objects] .obj[data-label=Lock-1]');
    assert.equal(await lock.locator('.holders .chip').textContent(), main.pid);
    assert.equal(await lock.locator('.waiters .chip').textContent(), child.pid);
    assert.equal(await page.locator('[data-testid=deadlock] circle').count(), 2, mode);
    assert.equal(await page.locator('[data-testid=deadlock] line').count(), 2, mode);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('a queue of many items: the oldest shown, then how many more; puts to it keep their order', async () => {
  const { page, errors } = await openPage();
  const source = `from multiprocessing import Process, Queue

def produce(q):
    for i in range(100):
        q.put(i)

if __name__ == "__main__":
    q = Queue()
    p = Process(target=produce, args=(q,))
    p.start()
    p.join()
    print([q.get() for _ in range(10)], q.qsize())
`;
  await run(page, source);
  assert.equal(await consoleText(page), python(source));
  const queue = page.locator('[data-testid=objects] .obj[data-label=Queue-1]');
  const items = await queue.locator('.items .item').allTextContents();
  assert.deepEqual(items, Array.from({ length: 24 }, (_, i) => String(i + 10)));
  assert.equal(await queue.locator('.items .more').textContent(), 'and 66 more');
  assert.deepEqual(errors, []);
  await page.close();
});

test('exports: the trace as Chrome trace-event JSON, the console as text', async () => {
  const { page, errors } = await openPage();
  await run(page, FORK);
  const [trace] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-trace]').click()]);
  assert.equal(trace.suggestedFilename(), 'proclab-trace.json');
  const json = JSON.parse(fs.readFileSync(await trace.path(), 'utf8'));
  assert.ok(Array.isArray(json.traceEvents) && json.traceEvents.length > 4);
  assert.ok(json.traceEvents.some((e) => e.ph === 'X' && e.name === 'running'));
  const [cons] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-console]').click()]);
  assert.equal(cons.suggestedFilename(), 'proclab-console.txt');
  assert.equal(fs.readFileSync(await cons.path(), 'utf8'), python(FORK));
  assert.deepEqual(errors, []);
  await page.close();
});

test('theme: the toggle switches the page and the editor to dark and back', async () => {
  const { page, errors } = await openPage();
  const dark = () => page.evaluate(() => document.documentElement.classList.contains('dark'));
  const bg = () => page.$eval('body', (b) => getComputedStyle(b).backgroundColor);
  assert.equal(await dark(), false);
  const light = await bg();
  await page.locator('[data-testid=theme]').click();
  assert.equal(await dark(), true);
  assert.notEqual(await bg(), light);
  await page.waitForFunction(() => document.querySelector('[data-testid=editor]').dataset.theme === 'dark');
  await run(page, FORK);
  await shot(page, 'dark', 'timeline');
  // The choice is kept for the next visit.
  const again = await openPage();
  assert.equal(await again.page.evaluate(() => document.documentElement.classList.contains('dark')), true);
  await again.page.locator('[data-testid=theme]').click();
  assert.equal(await again.page.evaluate(() => document.documentElement.classList.contains('dark')), false);
  await page.waitForFunction(() => document.querySelector('[data-testid=editor]').dataset.theme === 'light')
    .catch(() => {}); // the first page keeps its own theme until it reloads
  assert.deepEqual([...errors, ...again.errors], []);
  await again.page.close();
  await page.close();
});

test('the timeline: zoom, pan and hover details', async () => {
  const { page, errors } = await openPage();
  await run(page, FORK);
  const canvas = page.locator('[data-testid=timeline]');
  const win = async () => (await canvas.getAttribute('data-window')).split(',').map(Number);
  const [a0, b0] = await win();
  await page.locator('[data-testid=zoom-in]').click();
  const [a1, b1] = await win();
  assert.ok(b1 - a1 < (b0 - a0) * 0.6, `zoomed in: ${a1}..${b1} from ${a0}..${b0}`);
  // Drag to pan left -> later times.
  const box = await canvas.boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + 40);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.4, box.y + 40, { steps: 4 });
  await page.mouse.up();
  const [a2, b2] = await win();
  assert.ok(a2 > a1 && Math.abs((b2 - a2) - (b1 - a1)) < 2, `panned: ${a2}..${b2}`);
  await page.locator('[data-testid=zoom-fit]').click();
  // Hover the main process's row (the first) in the middle of the run: a tooltip with details.
  await page.mouse.move(box.x + 150 + (box.width - 166) * 0.5, box.y + 22 + 12);
  const hover = await canvas.getAttribute('data-hover');
  assert.match(hover, /MainProcess \d+\n.+\nstart .+\nduration .+/);
  assert.deepEqual(errors, []);
  await page.close();
});

/** Three hundred short children, a batch at a time: a tutorial's "one process per number". */
const MANY = `from multiprocessing import Process

def check(n):
    pass

if __name__ == "__main__":
    for batch in range(3):
        ps = [Process(target=check, args=(i,)) for i in range(100)]
        for p in ps:
            p.start()
        for p in ps:
            p.join()
    print("done")
`;

test('hundreds of processes: the run keeps its pace; the table, the memory view and the timeline show a bounded part', async () => {
  const { page, errors } = await openPage();
  const t0 = Date.now();
  await run(page, MANY);
  // Drawing every process's row and arrows each frame made such a run crawl (~5 processes a
  // second); now it takes a few seconds (python3: ~0.3 s).
  assert.ok(Date.now() - t0 < 20_000, `${Date.now() - t0} ms`);
  assert.match(await status(page), /finished \(exit code 0\)/);
  assert.equal(await consoleText(page), python(MANY));
  // The table: the main process and the newest 199, then a note.
  const rows = await processTable(page);
  assert.equal(rows.length, 200);
  assert.equal(rows[0].name, 'MainProcess');
  assert.equal(rows[199].name, 'Process-300');
  assert.match(await page.locator('.table-pane .hidden-procs').textContent(), /101 more processes not shown/);
  // The memory view: at most 24 columns, and a note.
  assert.ok(await page.locator('[data-testid=memory] .column').count() <= 24);
  assert.match(await page.locator('.memory-pane .hidden-procs').textContent(), /more processes not shown/);
  // The timeline: 301 rows, 40 on the canvas at a time, the wheel scrolls them.
  const canvas = page.locator('[data-testid=timeline]');
  assert.equal(await canvas.getAttribute('data-rows'), '301');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  assert.ok(box.height < 40 * 24 + 60, `canvas ${box.height} px high`);
  assert.equal(await canvas.getAttribute('data-top'), '0');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 24 * 5);
  await page.waitForFunction(() => document.querySelector('[data-testid=timeline]').getAttribute('data-top') === '5');
  await canvas.focus();
  await page.keyboard.press('PageDown');
  assert.equal(await canvas.getAttribute('data-top'), '45');
  await page.keyboard.press('ArrowUp');
  assert.equal(await canvas.getAttribute('data-top'), '44');
  // Hovering a row shows that row's process (the canvas's first row is Process-44's now): along
  // the row until the mouse is over one of its spans.
  let hover = '';
  for (let f = 0; f < 1 && !hover; f += 0.005) {
    await page.mouse.move(box.x + 150 + (box.width - 166) * f, box.y + 22 + 12);
    hover = await canvas.getAttribute('data-hover');
  }
  assert.match(hover, /^Process-44 \d+\n/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a process that keeps allocating gets a MemoryError past 256 MB, not a crashed worker', async () => {
  const { page, errors } = await openPage();
  await run(page, 'x = []\nwhile True:\n    x.append("a" * 1000000)\n');
  assert.match(await status(page), /finished \(exit code 1\)/);
  const err = await page.$$eval('[data-testid=console] .line.stderr .text', (els) => els.map((e) => e.textContent).join('\n'));
  assert.match(err, /^Traceback \(most recent call last\):\n {2}File "main\.py", line 3, in <module>\n {4}x\.append\("a" \* 1000000\)\nMemoryError: out of memory \(\d+ MB in use; proclab's limit is 256 MB per process\)$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page lists the limits of a run, in the page\'s language', async () => {
  const { page, errors } = await openPage();
  const limits = page.locator('[data-testid=limits]');
  await limits.locator('summary').click();
  assert.equal(await limits.getAttribute('open'), '');
  const items = await limits.locator('li').allTextContents();
  assert.equal(items.length, 6);
  for (const want of [/20000 in a run, 64 of them alive at once/, /256 MB per process/, /10 MB of printed text/,
    /1000 nested calls/, /5000 events and 120 s/, /40 rows at a time/]) {
    assert.ok(items.some((t) => want.test(t)), `${want} in ${JSON.stringify(items)}`);
  }
  await page.locator('[data-testid=lang]').selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.match(await limits.locator('summary').textContent(), /运行的限制/);
  assert.match((await limits.locator('li').allTextContents()).join('\n'), /每个进程 256 MB/);
  assert.deepEqual(errors, []);
  await page.close();
});
