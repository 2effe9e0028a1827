// The code editor bundle (www/gen/editor.js) on its own test page (www/editor/test.html):
// typing, Python indentation, Ctrl-Enter, process and error marks, themes, focus, test helpers.
//
// Self-contained: builds the bundle (scripts/build-editor.sh) and serves the repo root with
// python3 -m http.server on a free port. Run: node --test tests/e2e/editor.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
// TOOLCHAIN.md: without the networking flags Chromium floods the closed network with requests.
let server;
let baseUrl;
let context;

async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} did not come up`);
}

before(async () => {
  execFileSync('bash', [path.join(repo, 'scripts/build-editor.sh')], { stdio: 'inherit' });
  const port = await freePort();
  server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', repo],
    { stdio: 'ignore' });
  baseUrl = `http://127.0.0.1:${port}`;
  await waitForServer(`${baseUrl}/www/editor/test.html`);
  context = await openContext({ viewport: { width: 720, height: 420 } });
});

after(async () => {
  await closeContexts();
  server?.kill();
});

/** A fresh test page; fails the test on any page error. */
async function openPage(t) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  t.after(async () => {
    await page.close();
    assert.deepEqual(errors, [], 'page errors');
  });
  await page.goto(`${baseUrl}/www/editor/test.html`);
  await page.locator('[data-testid=editor] .cm-content').waitFor();
  return page;
}

const value = (page) => page.evaluate(() => window.proclabEditor.getValue(window.handle));
const seen = (page) => page.evaluate(() => window.seen);

test('the bundle mounts one editor with the API, test id and Python highlighting', async (t) => {
  const page = await openPage(t);
  const api = await page.evaluate(() => Object.keys(window.proclabEditor).sort());
  assert.deepEqual(api, ['create', 'destroy', 'focus', 'getValue', 'setErrorLine', 'setLabel',
    'setProcessLines', 'setTheme', 'setValue']);
  const roots = page.locator('[data-testid=editor]');
  assert.equal(await roots.count(), 1);
  assert.match(await roots.getAttribute('class'), /\bcm-editor\b/);
  assert.match(await value(page), /^from multiprocessing import Process\n/);
  // Line numbers, and keywords styled differently from names.
  assert.equal(await page.locator('.cm-lineNumbers .cm-gutterElement', { hasText: /^12$/ }).count(), 1);
  const colours = await page.evaluate(() => {
    const line = document.querySelectorAll('.cm-line')[2]; // def work(n):
    const colour = (text) => {
      const span = [...line.querySelectorAll('span')].find((s) => s.textContent === text);
      return span ? getComputedStyle(span).color : null;
    };
    return { def: colour('def'), plain: getComputedStyle(line).color };
  });
  assert.ok(colours.def, 'the keyword "def" has its own span');
  assert.notEqual(colours.def, colours.plain);
});

test('typing edits the text, fires onChange, and undo takes it back', async (t) => {
  const page = await openPage(t);
  const before = await value(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('print("done")');
  const after = await value(page);
  assert.equal(after, `${before}print("done")`);
  const s = await seen(page);
  assert.ok(s.changes >= 1);
  assert.equal(s.lastText, after);
  await page.keyboard.press('Control+z');
  assert.equal(await value(page), before);
});

test('Playwright fill and press work on the editor content (.cm-content)', async (t) => {
  const page = await openPage(t);
  const program = 'import os\n\ndef f():\n    if True:\n        return os.getpid()\n\nprint(f() > 0)\n';
  const content = page.locator('[data-testid=editor] .cm-content');
  await content.fill(program);
  assert.equal(await value(page), program);
  assert.equal((await seen(page)).lastText, program);
  await content.press('Control+Enter');
  assert.equal((await seen(page)).runs, 1);
});

test('Ctrl-Enter and Cmd-Enter call onRun without touching the text', async (t) => {
  const page = await openPage(t);
  const before = await value(page);
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Enter');
  assert.equal((await seen(page)).runs, 1);
  await page.keyboard.press('Meta+Enter');
  assert.equal((await seen(page)).runs, 2);
  assert.equal(await value(page), before);
  // A plain Enter is still a newline, not a run.
  await page.keyboard.press('Enter');
  assert.equal((await seen(page)).runs, 2);
  assert.notEqual(await value(page), before);
});

test('Python mode indents after a colon and dedents else:; Tab indents by 4', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => window.proclabEditorSetAll(''));
  await page.locator('.cm-content').click();
  await page.keyboard.type('def f(x):');
  await page.keyboard.press('Enter');
  await page.keyboard.type('if x:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('return 1');
  await page.keyboard.press('Enter');
  await page.keyboard.type('else:');
  await page.keyboard.press('Enter');
  await page.keyboard.type('return 2');
  assert.equal(await value(page), 'def f(x):\n    if x:\n        return 1\n    else:\n        return 2');
  await page.evaluate(() => window.proclabEditorSetAll('x = 1'));
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Tab');
  assert.equal(await value(page), '    x = 1');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await value(page), 'x = 1');
});

test('keyboard: Tab reaches the editor, Escape then Tab leaves it', async (t) => {
  const page = await openPage(t);
  await page.locator('#toggle-dark').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cm-content')), true);
  const before = await value(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'after');
  assert.equal(await value(page), before, 'the Tab that left did not indent');
});

test('setProcessLines marks each process line with its colour and label; [] clears', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => window.proclabEditor.setProcessLines(window.handle, [
    { line: 4, color: 'rgb(37, 99, 235)', label: 'P1' },
    { line: 9, color: 'rgb(22, 163, 74)', label: 'P2' },
    { line: 9, color: 'rgb(217, 119, 6)', label: 'P3' },
    { line: 99, color: 'red', label: 'gone' }, // past the end: ignored
  ]));
  const marks = await page.evaluate(() => [...document.querySelectorAll('.cm-line.cm-proc-line')].map((el) => {
    const lines = [...document.querySelectorAll('.cm-content > .cm-line')];
    return {
      line: lines.indexOf(el) + 1,
      procs: el.dataset.procs,
      labels: [...el.querySelectorAll('.cm-proc-label')].map((l) => l.textContent),
      pill: getComputedStyle(el.querySelector('.cm-proc-label')).backgroundColor,
      tint: getComputedStyle(el).backgroundImage,
    };
  }));
  assert.deepEqual(marks.map((m) => [m.line, m.procs, m.labels]), [[4, '1', ['P1']], [9, '2', ['P2', 'P3']]]);
  assert.equal(marks[0].pill, 'rgb(37, 99, 235)');
  assert.match(marks[0].tint, /gradient/);
  // The marks ride along with edits above them.
  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# header\n');
  const moved = await page.evaluate(() => {
    const lines = [...document.querySelectorAll('.cm-content > .cm-line')];
    return [...document.querySelectorAll('.cm-proc-line')].map((el) => lines.indexOf(el) + 1);
  });
  assert.deepEqual(moved, [5, 10]);
  await page.evaluate(() => window.proclabEditor.setProcessLines(window.handle, []));
  assert.equal(await page.locator('.cm-proc-line').count(), 0);
  assert.equal(await page.locator('.cm-proc-label').count(), 0);
});

test('setErrorLine marks one line with its message; null clears', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => window.proclabEditor.setErrorLine(window.handle, 3, 'SyntaxError: invalid syntax'));
  const err = page.locator('.cm-line.cm-error-line');
  assert.equal(await err.count(), 1);
  assert.equal(await err.textContent(), 'def work(n):');
  // The message sits right under the error line.
  assert.equal(await page.evaluate(() => {
    const next = document.querySelector('.cm-error-line').nextElementSibling;
    return next && next.classList.contains('cm-error-message') ? next.textContent : null;
  }), 'SyntaxError: invalid syntax');
  await page.evaluate(() => window.proclabEditor.setErrorLine(window.handle, 5, 'ZeroDivisionError'));
  assert.equal(await page.locator('.cm-error-line').count(), 1);
  assert.equal(await page.locator('.cm-error-message').textContent(), 'ZeroDivisionError');
  // The message is a widget: it is not part of the program text.
  assert.doesNotMatch(await value(page), /ZeroDivisionError/);
  await page.evaluate(() => window.proclabEditor.setErrorLine(window.handle, null));
  assert.equal(await page.locator('.cm-error-line, .cm-error-message').count(), 0);
});

test('proclabEditorSetAll / setValue replace the text, fire onChange and clear the marks', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => {
    window.proclabEditor.setProcessLines(window.handle, [{ line: 1, color: 'blue', label: 'P1' }]);
    window.proclabEditor.setErrorLine(window.handle, 2, 'boom');
  });
  const ok = await page.evaluate(() => window.proclabEditorSetAll('print(1)\nprint(2)\n'));
  assert.equal(ok, true);
  assert.equal(await value(page), 'print(1)\nprint(2)\n');
  assert.equal(await page.evaluate(() => window.proclabEditorGetAll()), 'print(1)\nprint(2)\n');
  assert.equal((await seen(page)).lastText, 'print(1)\nprint(2)\n');
  assert.equal(await page.locator('.cm-proc-line, .cm-error-line').count(), 0);
  await page.evaluate(() => window.proclabEditor.setValue(window.handle, 'x = 2'));
  assert.equal(await value(page), 'x = 2');
});

test('themes follow the dark class on <html>, and setTheme overrides', async (t) => {
  const page = await openPage(t);
  const root = page.locator('[data-testid=editor]');
  const bg = () => root.evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await root.getAttribute('data-theme'), 'light');
  const light = await bg();
  await page.locator('#toggle-dark').click();
  assert.equal(await root.getAttribute('data-theme'), 'dark');
  const dark = await bg();
  assert.notEqual(dark, light);
  await page.evaluate(() => window.proclabEditor.setTheme(window.handle, 'light'));
  assert.equal(await root.getAttribute('data-theme'), 'light');
  await page.evaluate(() => window.proclabEditor.setTheme(window.handle, 'dark'));
  assert.equal(await bg(), dark);
});

test('setLabel renames the text for assistive technology, keeping text and history', async (t) => {
  const page = await openPage(t);
  const name = () => page.locator('.cm-content').getAttribute('aria-label');
  const before = await name();
  assert.ok(before, 'the text has an accessible name');
  await page.evaluate(() => window.proclabEditor.setValue(window.handle, 'x = 1'));
  await page.evaluate(() => window.proclabEditor.setLabel(window.handle, 'Python 程序'));
  assert.equal(await name(), 'Python 程序');
  assert.equal(await value(page), 'x = 1');
  await page.evaluate(() => window.proclabEditor.setLabel(window.handle, 'Python program'));
  assert.equal(await name(), 'Python program');
});

test('focus, destroy, and unknown handles', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => window.proclabEditor.focus(window.handle));
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('cm-content')), true);
  // A second editor; the first stays "the first editor" for proclabEditorSetAll.
  const second = await page.evaluate(() => {
    const div = document.createElement('div');
    document.body.appendChild(div);
    return window.proclabEditor.create(div, 'second', { lang: 'text' });
  });
  assert.notEqual(second, await page.evaluate(() => window.handle));
  assert.equal(await page.locator('[data-testid=editor]').count(), 2);
  await page.evaluate(() => window.proclabEditorSetAll('first'));
  assert.equal(await page.evaluate((h) => window.proclabEditor.getValue(h), second), 'second');
  await page.evaluate((h) => window.proclabEditor.destroy(h), second);
  assert.equal(await page.locator('[data-testid=editor]').count(), 1);
  // Stale handles neither throw nor touch the live editor.
  page.removeAllListeners('console');
  assert.equal(await page.evaluate((h) => window.proclabEditor.getValue(h), second), '');
  await page.evaluate((h) => window.proclabEditor.setValue(h, 'zzz'), second);
  assert.equal(await value(page), 'first');
});

test('screenshot: process lines and an error line, light and dark', async (t) => {
  const page = await openPage(t);
  await page.evaluate(() => {
    const ed = window.proclabEditor;
    ed.setProcessLines(window.handle, [
      { line: 4, color: '#2563eb', label: 'P1' },
      { line: 4, color: '#16a34a', label: 'P2' },
      { line: 11, color: '#d97706', label: 'main' },
    ]);
    ed.setErrorLine(window.handle, 7, 'NameError: name \'x\' is not defined');
  });
  await page.screenshot({ path: '/tmp/editor.png' });
  await page.locator('#toggle-dark').click();
  await page.screenshot({ path: '/tmp/editor-dark.png' });
  assert.ok(fs.statSync('/tmp/editor.png').size > 1000);
});
