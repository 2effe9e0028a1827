// proclab in a course page: embedded in an iframe of another origin and driven by postMessage
// (setCode, run, stop, setLang -> ready, output, exit, checks), and share links that carry the
// program in the URL hash.
//
// Run by scripts/e2e.sh (node --test tests/e2e/) with PROCLAB_URL (the served dist/). This test
// serves the course page (tests/e2e/embed-host.html) itself, and dist/ again under /course/lab/
// when PROCLAB_DIST names it; the course page is opened as 127.0.0.1 and the lab as localhost, so
// the two are different origins, as on a real course site.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const URL = process.env.PROCLAB_URL;
const DIST = process.env.PROCLAB_DIST;
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };

let context;
let server;
let port;

/** The lab's address as the course page's iframe uses it (another origin than the page). */
function labBase() {
  if (DIST) return `http://localhost:${port}/course/lab/`;
  return URL.replace('127.0.0.1', 'localhost');
}

before(async () => {
  assert.ok(URL, 'PROCLAB_URL must point at the served dist/ (run scripts/e2e.sh)');
  server = http.createServer((req, res) => {
    const url = new globalThis.URL(req.url, 'http://x');
    let file = null;
    if (url.pathname === '/host/embed-host.html') file = path.join(here, 'embed-host.html');
    else if (DIST && url.pathname.startsWith('/course/lab/')) {
      const rel = decodeURIComponent(url.pathname.slice('/course/lab/'.length)) || 'index.html';
      const full = path.resolve(DIST, rel);
      if (full.startsWith(path.resolve(DIST))) file = full;
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
  context = await openContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
});

after(async () => {
  await closeContexts();
  server?.close();
});

const exerciseDir = path.join(repo, 'exercises', '07-join-inside-loop');
const solution = fs.readFileSync(path.join(exerciseDir, 'solution-join-inside.py'), 'utf8');

/** Opens the course page with the lab at `labQuery`; resolves once the lab said ready. */
async function openCourse(labQuery) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const lab = labBase() + labQuery;
  await page.goto(`http://127.0.0.1:${port}/host/embed-host.html?lab=${encodeURIComponent(lab)}`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'proclab:ready'), null, { timeout: 30_000 });
  const frame = page.frames().find((f) => f !== page.mainFrame());
  assert.ok(frame, 'the lab frame');
  await frame.locator('[data-testid=editor]').waitFor();
  return { page, frame, errors };
}

const received = (page, type) => page.evaluate((t) => window.received.filter((m) => m.type === t), type);
const send = (page, msg) => page.evaluate((m) => window.sendToLab(m), msg);
const exits = async (page) => (await received(page, 'proclab:exit')).length;

test('embedded in a course page of another origin, driven by postMessage', async () => {
  const { page, frame, errors } = await openCourse('?embed=1&ex=join-inside-loop&lang=en');
  // The compact layout: no catalog, no side panel.
  assert.equal(await frame.locator('[data-testid=catalog]').count(), 0);
  assert.equal(await frame.locator('.app.embed').count(), 1);
  assert.notEqual(new globalThis.URL(frame.url()).origin, new globalThis.URL(page.url()).origin);

  // Malformed and unknown messages are ignored.
  await send(page, { type: 'proclab:setCode', code: 42 });
  await send(page, { type: 'proclab:setCode' });
  await send(page, { type: 'proclab:eval', code: 'print(1)' });
  await send(page, 'proclab:run');
  await send(page, ['proclab:run']);
  await send(page, { type: 'proclab:setLang', lang: 'fr' });
  await page.waitForTimeout(300);
  assert.equal(await exits(page), 0, 'nothing ran');
  assert.equal(await frame.evaluate(() => document.documentElement.lang), 'en');

  await send(page, { type: 'proclab:setCode', code: solution });
  await send(page, { type: 'proclab:run' });
  await page.waitForFunction(() => window.received.some((m) => m.type === 'proclab:checks'), null, { timeout: 60_000 });
  const [exit] = await received(page, 'proclab:exit');
  assert.deepEqual(exit, { type: 'proclab:exit', status: 0, state: 'finished' });
  const output = await received(page, 'proclab:output');
  // What python3 prints for the solution (its timing line aside, which varies).
  const want = execFileSync('python3', ['-c', solution], { encoding: 'utf8', cwd: exerciseDir })
    .split('\n').filter((l) => l && !l.startsWith('all done')).map((l) => l + '\n');
  assert.deepEqual(output.map((m) => m.text).filter((t) => !t.startsWith('all done')), want);
  for (const m of output) {
    assert.equal(typeof m.pid, 'number');
    assert.equal(m.stream, 'stdout');
  }
  // The main process prints the last line; each task line comes from a child.
  assert.match(output.at(-1).text, /^all done in \d\.\d s\n$/);
  assert.ok(output.slice(0, -1).every((m) => m.pid !== output.at(-1).pid));
  // The checks: the task's pass (the children ran one after another), the program's overlap
  // check does not.
  const [{ results }] = await received(page, 'proclab:checks');
  const task = results.filter((r) => r.task === 'join-inside');
  assert.equal(task.length, 3);
  assert.ok(task.every((r) => r.passed === true && typeof r.text === 'string' && r.text), JSON.stringify(task));
  assert.ok(results.some((r) => r.task === null && r.passed === false), JSON.stringify(results));
  // The lab shows what it ran.
  const code = await frame.evaluate(() =>
    window.proclabEditorGetAll?.() ?? document.querySelector('[data-testid=editor]').value);
  assert.equal(code, solution);

  // setLang switches the whole lab; stop ends a runaway program.
  await send(page, { type: 'proclab:setLang', lang: 'zh-CN' });
  await frame.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await frame.locator('[data-testid=run]').textContent(), '运行');
  await send(page, { type: 'proclab:setCode', code: 'print("spin")\nwhile True:\n    pass\n' });
  await send(page, { type: 'proclab:run' });
  await page.waitForFunction(() => window.received.some((m) => m.type === 'proclab:output' && m.text === 'spin\n'), null, { timeout: 30_000 });
  await send(page, { type: 'proclab:stop' });
  await page.waitForFunction(() => window.received.filter((m) => m.type === 'proclab:exit').length === 2, null, { timeout: 30_000 });
  const stopped = (await received(page, 'proclab:exit'))[1];
  assert.deepEqual(stopped, { type: 'proclab:exit', status: null, state: 'stopped' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a share link opens the same program; the embed snippet embeds it', async () => {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(URL + '?ex=join-inside-loop&lang=en');
  await page.locator('[data-testid=run]').waitFor();
  // The editor loads after the page's first render (src/ui/editor.rs).
  await page.locator('[data-testid=editor]').waitFor();
  const code = '# 分享\nfrom multiprocessing import Process\n\nprint("shared & sound", 1 + 1)\n';
  const setCode = await page.evaluate((c) => window.proclabEditorSetAll?.(c) ?? false, code);
  if (!setCode) await page.locator('[data-testid=editor]').fill(code);

  await page.locator('[data-testid=share]').click();
  const link = await page.locator('[data-testid=share-url]').inputValue();
  assert.ok(link.startsWith(URL + '?ex=join-inside-loop#code/'), link);
  const shared = await context.newPage();
  await shared.goto(link);
  await shared.locator('[data-testid=run]').waitFor();
  await shared.locator('[data-testid=editor]').waitFor();
  const got = await shared.evaluate(() =>
    window.proclabEditorGetAll?.() ?? document.querySelector('[data-testid=editor]').value);
  assert.equal(got, code);
  assert.equal(await shared.locator('[data-testid=exercise-panel]').getAttribute('data-exercise-id'), 'join-inside-loop');
  await shared.close();

  await page.locator('[data-testid=embed]').click();
  const snippet = await page.locator('[data-testid=embed-code]').inputValue();
  const m = snippet.match(/^<iframe src="([^"]+)"[^>]*><\/iframe>$/);
  assert.ok(m, snippet);
  const src = m[1].replaceAll('&amp;', '&');
  assert.ok(src.startsWith(URL + '?ex=join-inside-loop&embed=1&lang=en#code/'), src);
  // The snippet's page, embedded, has the program and runs it on request.
  const { page: course, frame } = await openCourse(src.slice(URL.length));
  const inFrame = await frame.evaluate(() =>
    window.proclabEditorGetAll?.() ?? document.querySelector('[data-testid=editor]').value);
  assert.equal(inFrame, code);
  await send(course, { type: 'proclab:run' });
  await course.waitForFunction(() => window.received.some((m) => m.type === 'proclab:exit'), null, { timeout: 60_000 });
  assert.deepEqual((await received(course, 'proclab:output')).map((o) => o.text), ['shared & sound 2\n']);
  await course.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('autorun=1 runs the linked program at once, on the machine cpus= asks for', async () => {
  // `print("auto", 6 * 7)` compressed by lz-string's compressToEncodedURIComponent (the same
  // vector is checked against the npm package in src/embed.rs's tests).
  const code = 'print("auto", 6 * 7)\n';
  const share = await context.newPage();
  await share.goto(URL + '?lang=en');
  await share.locator('[data-testid=run]').waitFor();
  await share.locator('[data-testid=editor]').waitFor();
  const set = await share.evaluate((c) => window.proclabEditorSetAll?.(c) ?? false, code);
  if (!set) await share.locator('[data-testid=editor]').fill(code);
  await share.locator('[data-testid=share]').click();
  const hash = new globalThis.URL(await share.locator('[data-testid=share-url]').inputValue()).hash;
  await share.close();

  const { page, frame, errors } = await openCourse(`?embed=1&autorun=1&cpus=1&lang=en${hash}`);
  await page.waitForFunction(() => window.received.some((m) => m.type === 'proclab:exit'), null, { timeout: 60_000 });
  assert.deepEqual((await received(page, 'proclab:output')).map((o) => o.text), ['auto 42\n']);
  assert.deepEqual((await received(page, 'proclab:checks'))[0].results, [], 'no exercise, no checks');
  assert.match(await frame.locator('.machine').textContent(), /^1 CPUs/);
  assert.deepEqual(errors, []);
  await page.close();
});
