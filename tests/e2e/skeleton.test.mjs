// The walking skeleton, as a person uses it: open the page, Run, read the console, look at the
// timeline and the process table, Stop a runaway program.
//
// Run by scripts/e2e.sh (node --test tests/e2e/), which builds dist/ and serves it at
// PROCLAB_URL. Expected outputs come from python3 (tests/e2e/expected/*.out), pids masked.
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
// TOOLCHAIN.md: without the networking flags Chromium floods the closed network with requests.
let context;

before(async () => {
  assert.ok(URL, 'PROCLAB_URL must point at the served dist/ (run scripts/e2e.sh)');
  context = await openContext({ viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await closeContexts();
});

const program = (name) => fs.readFileSync(path.join(here, 'programs', name), 'utf8');
const expected = (name) => fs.readFileSync(path.join(here, 'expected', name), 'utf8');
/** The declared normalisation: pids (runs of 3+ digits) vary from run to run. */
const maskPids = (text) => text.replace(/\d{3,}/g, '<pid>');

/** A new page that records its errors; `prepare(page)` runs before it loads. */
async function newPage(prepare = async () => {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await prepare(page);
  return { page, errors };
}

async function openPage() {
  const { page, errors } = await newPage();
  await page.goto(URL);
  await page.locator('[data-testid=run]').waitFor();
  // The editor loads after the page's first render (src/ui/editor.rs).
  await page.locator('[data-testid=editor]').waitFor();
  return { page, errors };
}

/** The editor's text box: CodeMirror's content when the page has it, else the textarea. */
async function editorInput(page) {
  const cm = page.locator('[data-testid=editor] .cm-content');
  return (await cm.count()) > 0 ? cm : page.locator('[data-testid=editor]');
}

/** Puts `source` in the editor (through the editor's test helper when there is one). */
async function setProgram(page, source) {
  const viaHelper = await page.evaluate((text) => window.proclabEditorSetAll?.(text) ?? false, source);
  if (!viaHelper) await (await editorInput(page)).fill(source);
}

async function getProgram(page) {
  const text = await page.evaluate(() => window.proclabEditorGetAll?.() ?? null);
  return text ?? page.locator('[data-testid=editor]').inputValue();
}

/** Puts `source` in the editor, presses Run (or Ctrl-Enter) and waits for the run to end. */
async function run(page, source, { keyboard = false } = {}) {
  await setProgram(page, source);
  const t0 = Date.now();
  if (keyboard) {
    await (await editorInput(page)).press('Control+Enter');
  } else {
    await page.locator('[data-testid=run]').click();
  }
  await page.locator('[data-testid=console] .line').first().waitFor({ timeout: 20_000 });
  const firstOutputMs = Date.now() - t0;
  await page.waitForFunction(
    () => /finished|stopped|syntax error/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 30_000 });
  return { firstOutputMs, totalMs: Date.now() - t0 };
}

async function consoleText(page) {
  const lines = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent));
  return lines.map((l) => l + '\n').join('');
}

async function timeline(page) {
  const canvas = page.locator('[data-testid=timeline]');
  return {
    rows: Number(await canvas.getAttribute('data-rows')),
    spans: JSON.parse(await canvas.getAttribute('data-spans')),
  };
}

/** Rows of the process table, as objects keyed by its header. */
async function processTable(page) {
  return page.$$eval('[data-testid=process-table]', ([table]) => {
    const keys = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    return [...table.querySelectorAll('tbody tr')].map((tr) =>
      Object.fromEntries([...tr.children].map((td, i) => [keys[i], td.textContent])));
  });
}

/** Each process's lifetime on the timeline: [first span start, last span end]. */
function lifetimes(spans) {
  const life = new Map();
  for (const s of spans) {
    const l = life.get(s.pid) ?? { start: Infinity, end: -Infinity };
    life.set(s.pid, { start: Math.min(l.start, s.start), end: Math.max(l.end, s.end) });
  }
  return life;
}

test('buttons draw their icons as SVG: the English page needs no fallback font', async () => {
  // A text symbol (▶ ■ ⤓ ⤢ ☾) that the page's font lacks sends the browser through the system's
  // fonts at the first layout (src/ui/icons.rs). What the English page writes at load is
  // ASCII, but for the language menu's own "简体中文" and the minus sign.
  const { page, errors } = await newPage();
  await page.goto(URL + '?lang=en');
  await page.locator('[data-testid=run]').waitFor();
  for (const id of ['run', 'stop', 'theme', 'export-trace', 'export-console', 'zoom-fit']) {
    assert.equal(await page.locator(`[data-testid=${id}] svg.icon`).count(), 1, `${id}'s icon`);
  }
  assert.equal(await page.locator('[data-testid=run]').textContent(), 'Run');
  const others = await page.evaluate(() => [...document.body.innerText]
    .filter((c) => c.charCodeAt(0) > 126 && !'简体中文\u2212'.includes(c)).join(''));
  assert.equal(others, '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the default program prints what python3 prints, with a live timeline and table', async () => {
  const { page, errors } = await openPage();
  const source = await getProgram(page);
  assert.equal(source, program('default.py'), 'the editor opens with the default program');
  const timing = await run(page, source);
  console.log(`default program: first output ${timing.firstOutputMs} ms, whole run ${timing.totalMs} ms after the click`);

  assert.equal(await page.locator('[data-testid=status]').textContent(), 'finished (exit code 0)');
  const got = maskPids(await consoleText(page));
  const want = expected('default.out');
  // The children run in parallel, so (as under CPython) the order among the five "child n:" lines
  // and among the five "done" lines varies; everything else is fixed.
  const gotLines = got.split('\n');
  const wantLines = want.split('\n');
  assert.deepEqual([...gotLines].sort(), [...wantLines].sort(), `console:\n${got}`);
  assert.ok(gotLines.slice(0, 5).every((l) => /^child \d: pid=<pid> parent=<pid>$/.test(l)), got);
  assert.ok(gotLines.slice(5, 10).every((l) => /^child \d done$/.test(l)), got);
  assert.equal(gotLines[10], 'main done');

  const table = await processTable(page);
  assert.equal(table.length, 6);
  const [main, ...children] = table;
  assert.equal(main.name, 'MainProcess');
  for (const c of children) {
    assert.equal(c.ppid, main.pid, 'children of the main process');
    assert.equal(c.state, 'terminated');
    assert.equal(c.exitcode, '0');
  }
  // The parent's pid printed by each child is the main process's, its own pid its table row's.
  const raw = await consoleText(page);
  for (const c of children) {
    assert.match(raw, new RegExp(`pid=${c.pid} parent=${main.pid}\n`));
  }

  const { rows, spans } = await timeline(page);
  assert.equal(rows, 6);
  const life = lifetimes(spans);
  const childLives = children.map((c) => life.get(Number(c.pid)));
  assert.ok(childLives.every(Boolean), 'every child has spans');
  // All five children are alive at one moment: they overlap.
  const latestStart = Math.max(...childLives.map((l) => l.start));
  const earliestEnd = Math.min(...childLives.map((l) => l.end));
  assert.ok(latestStart < earliestEnd, `children overlap: ${JSON.stringify(childLives)}`);
  // Each child sleeps 0.2 s: its row shows it.
  for (const c of children) {
    const slept = spans.filter((s) => s.pid === Number(c.pid) && s.state === 'sleep')
      .reduce((a, s) => a + s.end - s.start, 0);
    assert.ok(slept >= 190_000, `child ${c.pid} slept ${slept} us`);
  }
  // The parent's join on each child ends when that child ends.
  const mainPid = Number(main.pid);
  for (const c of children) {
    const joins = spans.filter((s) => s.pid === mainPid && s.state === 'join' && s.on === Number(c.pid));
    const childEnd = life.get(Number(c.pid)).end;
    for (const j of joins) {
      assert.ok(j.end >= childEnd && j.end - childEnd < 50_000, `join on ${c.pid} ends at ${j.end}, child at ${childEnd}`);
    }
  }
  assert.ok(spans.some((s) => s.pid === mainPid && s.state === 'join'), 'the parent waits in join');

  fs.mkdirSync(path.join(repo, 'docs/screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(repo, 'docs/screenshots/skeleton.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the program shows at once and runs before the editor has loaded (autorun=1)', async () => {
  const { page, errors } = await newPage(async (p) => {
    // A slow network for the editor's bundle only: the page must not wait for it.
    await p.route('**/editor.js', async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue();
    });
    await p.addInitScript(() => {
      const marks = (window.__marks = {});
      new MutationObserver(() => {
        const now = performance.now();
        if (!marks.line && document.querySelector('[data-testid=console] .line')) marks.line = now;
        if (!marks.editor && document.querySelector('[data-testid=editor]')) marks.editor = now;
      }).observe(document, { subtree: true, childList: true });
    });
  });
  await page.goto(URL + '?autorun=1&lang=en');
  // Until the editor is there, the program is shown as text.
  const text = page.locator('.editor-loading');
  await text.waitFor();
  assert.equal(await text.textContent(), program('default.py'));
  await page.waitForFunction(() => /finished/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 30_000 });
  const lines = (await consoleText(page)).split('\n');
  assert.equal(lines.at(-2), 'main done');
  // Then the editor takes the text's place, with the same program, and edits work.
  await page.locator('[data-testid=editor]').waitFor();
  assert.equal(await page.locator('.editor-loading').count(), 0);
  assert.equal(await getProgram(page), program('default.py'));
  await setProgram(page, 'print("edited")\n');
  await run(page, 'print("edited")\n');
  assert.equal(await consoleText(page), 'edited\n');
  const marks = await page.evaluate(() => window.__marks);
  assert.ok(marks.line < marks.editor, `first output at ${marks.line} ms, editor at ${marks.editor} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('when the streaming compile of the wasm fails, the page fetches and compiles it, and runs', async () => {
  // index.html compiles the one wasm (page and workers) with compileStreaming; should that
  // fail (here: its download is aborted), it fetches the bytes and compiles them.
  let requests = 0;
  const { page, errors } = await newPage((p) =>
    p.route('**/web_bg.wasm', (route) => (++requests <= 1 ? route.abort() : route.continue())));
  await page.goto(URL + '?lang=en');
  await page.locator('[data-testid=editor]').waitFor();
  await run(page, program('default.py'));
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'finished (exit code 0)');
  assert.equal(maskPids(await consoleText(page)).split('\n').sort().join('\n'),
    expected('default.out').split('\n').sort().join('\n'));
  assert.equal(requests, 2, `${requests} requests for the wasm`);
  assert.deepEqual(errors, []);
  await page.unrouteAll();
  await page.close();
});

test('a wasm that cannot compile leaves a message on the page, not a blank page', async () => {
  const { page } = await newPage((p) => p.route('**/web_bg.wasm', (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm\x01\0\0\0broken') })));
  await page.goto(URL + '?lang=en&autorun=1');
  const message = page.locator('[data-testid=load-error]');
  await message.waitFor();
  assert.match(await message.textContent(), /^proclab could not start .*CompileError/);
  await page.unrouteAll();
  await page.close();
});

test('a glue that does not load leaves a message on the page, not a blank page', async () => {
  const { page } = await newPage((p) => p.route('**/web.js', (route) => route.fulfill({ status: 404, body: '' })));
  await page.goto(URL + '?lang=en');
  const message = page.locator('[data-testid=load-error]');
  await message.waitFor();
  assert.match(await message.textContent(), /^proclab could not start /);
  await page.unrouteAll();
  await page.close();
});

test('when no worker can run the interpreter, the run ends with the reason, not a hang', async () => {
  // The page runs, but every worker fails as it starts: the page hears each one's error
  // (www/worker_loader.js) and ends the process with exit code 1 and why.
  const { page } = await newPage((p) => p.route('**/worker_loader.js*', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: 'throw new Error("no interpreter here");' })));
  await page.goto(URL + '?lang=en&autorun=1');
  await page.waitForFunction(
    () => /finished|stopped/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 20_000 });
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'finished (exit code 1)');
  assert.match(await consoleText(page), /proclab: worker crashed: .*no interpreter here/);
  await page.unrouteAll();
  await page.close();
});

test('joining inside the loop runs the children one after another', async () => {
  const { page, errors } = await openPage();
  await run(page, program('serial.py'));
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'finished (exit code 0)');
  assert.equal(maskPids(await consoleText(page)), expected('serial.out'));
  const { rows, spans } = await timeline(page);
  assert.equal(rows, 6);
  const table = await processTable(page);
  const life = lifetimes(spans);
  const childLives = table.slice(1).map((c) => life.get(Number(c.pid)));
  for (let i = 1; i < childLives.length; i++) {
    assert.ok(childLives[i - 1].end <= childLives[i].start,
      `child ${i - 1} ends before child ${i} starts: ${JSON.stringify(childLives)}`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('Stop ends a runaway child and every worker', async () => {
  const { page, errors } = await openPage();
  await setProgram(page, program('busy.py'));
  await page.locator('[data-testid=run]').click();
  await page.locator('[data-testid=console] .line').first().waitFor({ timeout: 20_000 });
  assert.equal(await consoleText(page), 'started\n');
  // The child spins: it stays running (and uses CPU time) until Stop.
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('[data-testid=process-table] tbody tr');
    return rows.length === 2 && rows[1].children[3].textContent !== 'new';
  });
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'running');
  // The timeline is live: the child's row is there, with running time on it, before the end.
  const live = await timeline(page);
  assert.equal(live.rows, 2);
  const [, childRow] = await processTable(page);
  assert.ok(live.spans.some((s) => s.pid === Number(childRow.pid) && s.state === 'running'),
    JSON.stringify(live.spans));
  const before = page.workers();
  // The main process's and the child's workers, and the idle pool (still filling on a slow machine).
  assert.ok(before.length >= 2, `${before.length} workers`);
  const closed = before.map((w) => new Promise((resolve) => w.once('close', resolve)));

  await page.locator('[data-testid=stop]').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'stopped');
  // Every worker that existed before Stop is gone (terminated), idle ones included; the pool
  // was refilled with fresh ones.
  await Promise.all(closed);
  const after = page.workers();
  assert.ok(after.every((w) => !before.includes(w)), 'no worker survives Stop');
  assert.equal(await page.locator('.app').getAttribute('data-busy-workers'), '0');
  const table = await processTable(page);
  assert.deepEqual(table.map((r) => r.state), ['terminated', 'terminated']);
  const cpuMs = parseFloat(table[1]['CPU time']);
  assert.ok(cpuMs >= 100, `the child had the CPU (${cpuMs} ms)`);
  // The page is usable again: the next run works.
  await run(page, 'print("again")\n');
  assert.equal(await consoleText(page), 'again\n');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a syntax error is reported, in red, without running anything (Ctrl-Enter runs)', async () => {
  const { page, errors } = await openPage();
  await run(page, 'print "x"\n', { keyboard: true });
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'syntax error');
  const text = await consoleText(page);
  assert.match(text, /SyntaxError: /);
  assert.ok(await page.locator('[data-testid=console] .line.stderr').count() > 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a print loop that never ends is stopped after 10 MB of output, and says so', async () => {
  const { page, errors } = await openPage();
  await setProgram(page, 'i = 0\nwhile True:\n    print(i, "x" * 1000)\n    i += 1\n');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => /stopped/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 60_000 });
  const last = await page.locator('[data-testid=console] .line').last();
  assert.match(await last.getAttribute('class'), /stderr/);
  assert.match(await last.locator('.text').textContent(),
    /^proclab: the run was stopped after \d+ bytes of output \(the limit is 10 MB a run\)$/);
  // The lines before it are the program's, in order, the last 2000 of them.
  const shown = await page.$$eval('[data-testid=console] .line:not(.stderr) .text', (els) => els.map((e) => e.textContent.split(' ')[0]));
  assert.ok(shown.length >= 1900, `${shown.length} lines`);
  shown.forEach((n, i) => i > 0 && assert.equal(Number(n), Number(shown[i - 1]) + 1));
  assert.ok(Number(shown[shown.length - 1]) >= 9900, shown[shown.length - 1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a flood of output shows its last 2000 lines and says how many are hidden', async () => {
  const { page, errors } = await openPage();
  const source = 'for i in range(5000):\n    print(i)\n';
  await run(page, source);
  assert.equal(await page.locator('[data-testid=status]').textContent(), 'finished (exit code 0)');
  const want = execFileSync('python3', ['-c', source], { encoding: 'utf8' }).split('\n').slice(3000).join('\n');
  assert.equal(await consoleText(page), want);
  assert.equal(await page.locator('[data-testid=console] .hidden-lines').textContent(),
    '… 3000 earlier lines not shown');
  // The console follows the output: its end is in view.
  const atBottom = await page.$eval('[data-testid=console]', (el) => el.scrollHeight - el.clientHeight - el.scrollTop < 2);
  assert.ok(atBottom, 'the console is scrolled to its end');
  assert.deepEqual(errors, []);
  await page.close();
});
