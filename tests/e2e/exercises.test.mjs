// The exercise catalog as a learner uses it: open an exercise by its link (in Chinese and in
// English), run it and see its checks pass, do a task with its solution and see the task's
// checks pass, pick exercises from the list, switch the language.
//
// Run by scripts/e2e.sh (node --test tests/e2e/), which serves dist/ at PROCLAB_URL (a sub-path).
// Expected texts come from the exercise files themselves (exercises/NN-<id>/).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const URL = process.env.PROCLAB_URL;
// TOOLCHAIN.md: without the networking flags Chromium floods the closed network with requests.
function launch(locale) {
  return openContext({ locale, viewport: { width: 1360, height: 900 } });
}

let en;

before(async () => {
  assert.ok(URL, 'PROCLAB_URL must point at the served dist/ (run scripts/e2e.sh)');
  en = await launch('en-US');
});

after(async () => {
  await closeContexts();
});

/** The exercise folders, in catalog order: `{ id, dir }`. */
const folders = fs.readdirSync(path.join(repo, 'exercises'))
  .filter((d) => /^\d\d-/.test(d)).sort()
  .map((d) => ({ id: d.slice(3), dir: path.join(repo, 'exercises', d) }));

/** A section of an exercise.txt (`[title.zh]` ...), trimmed. */
function section(id, name) {
  const { dir } = folders.find((f) => f.id === id);
  const text = fs.readFileSync(path.join(dir, 'exercise.txt'), 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf(`[${name}]`);
  assert.ok(start >= 0, `${id} has [${name}]`);
  const body = [];
  for (const l of lines.slice(start + 1)) {
    if (/^\[[a-z0-9.-]+\]$/.test(l)) break;
    body.push(l);
  }
  return body.join('\n').trim();
}
const program = (id) => fs.readFileSync(path.join(folders.find((f) => f.id === id).dir, 'program.py'), 'utf8');
const solution = (id, task) =>
  fs.readFileSync(path.join(folders.find((f) => f.id === id).dir, `solution-${task}.py`), 'utf8');

async function open(context, query) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(URL + query);
  await page.locator('[data-testid=run]').waitFor();
  // The editor loads after the page's first render (src/ui/editor.rs).
  await page.locator('[data-testid=editor]').waitFor();
  return { page, errors };
}

/** The editor's text, whichever editor the page has (CodeMirror bundle or textarea). */
const editorText = (page) => page.evaluate(() =>
  window.proclabEditorGetAll?.() ?? document.querySelector('[data-testid=editor]').value);

/** Presses Run and waits for the run to be graded (the checks carry verdicts). First waits for
 * the page's pool of idle workers to be loaded: the checks of some exercises are about children
 * overlapping in time, which a child still waiting for its worker's wasm to load would spoil. */
async function runAndGrade(page) {
  // (The page starts them two at a time, each once the previous ones are ready.)
  for (let i = 0; i < 300 && page.workers().length < 6; i++) await page.waitForTimeout(100);
  await page.waitForTimeout(1000);
  await page.locator('[data-testid=run]').click();
  await page.locator('[data-testid=exercise-checks] [data-testid=check]').first()
    .waitFor({ timeout: 60_000 });
}

const verdicts = (page, scope) => page.$$eval(`${scope} [data-testid=check]`, (els) =>
  els.map((e) => ({ passed: e.dataset.passed, text: e.textContent })));

test('an exercise opened by its zh-CN link is in Chinese, runs, and passes its checks', async () => {
  const { page, errors } = await open(en, '?ex=join-inside-loop&lang=zh-CN');
  assert.equal(await page.locator('[data-testid=exercise-title]').textContent(), section('join-inside-loop', 'title.zh'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  // The interface too, not only the exercise.
  assert.equal(await page.locator('[data-testid=run]').textContent(), '运行');
  assert.match(await page.locator('[data-testid=exercise-explain]').textContent(), /子进程/);
  assert.equal(await editorText(page), program('join-inside-loop'));
  // Its entry in the catalog is the open one.
  assert.match(await page.locator('[data-testid=exercise][data-exercise-id=join-inside-loop]').getAttribute('class'), /active/);
  const pending = await page.locator('[data-testid=exercise-checks] [data-testid=check-pending]').count();
  assert.equal(pending, 4, 'the four [checks] are listed before the run');

  await runAndGrade(page);
  const got = await verdicts(page, '[data-testid=exercise-checks]');
  assert.equal(got.length, 4);
  assert.ok(got.every((c) => c.passed === 'true'), JSON.stringify(got));
  // The verdicts are explained in Chinese.
  assert.match(got.map((c) => c.text).join(' '), /[\u4e00-\u9fff]/);
  // The untouched program does not do the task yet: the task's checks fail.
  const task = await verdicts(page, '[data-testid=task][data-task-id=join-inside]');
  assert.ok(task.length > 0 && task.some((c) => c.passed === 'false'), JSON.stringify(task));
  assert.deepEqual(errors, []);
  await page.close();
});

test('in English: show a task solution, load it, and the task checks pass', async () => {
  const { page, errors } = await open(en, '?ex=join-inside-loop&lang=en');
  assert.equal(await page.locator('[data-testid=exercise-title]').textContent(), section('join-inside-loop', 'title.en'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  const task = page.locator('[data-testid=task][data-task-id=join-inside]');
  assert.match(await task.textContent(), /Move the/);
  await task.locator('[data-testid=show-solution]').click();
  assert.equal(await task.locator('[data-testid=solution]').textContent(), solution('join-inside-loop', 'join-inside'));
  await task.locator('[data-testid=load-solution]').click();
  assert.equal(await editorText(page), solution('join-inside-loop', 'join-inside'));
  await runAndGrade(page);
  const got = await verdicts(page, '[data-testid=task][data-task-id=join-inside]');
  assert.equal(got.length, 3);
  assert.ok(got.every((c) => c.passed === 'true'), JSON.stringify(got));
  // The children now run one after another: the program's own "overlap" check fails.
  const program = await verdicts(page, '[data-testid=exercise-checks]');
  assert.ok(program.some((c) => c.passed === 'false'), JSON.stringify(program));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the catalog lists every exercise; picking one loads it and its settings', async () => {
  const { page, errors } = await open(en, '?lang=en');
  const ids = await page.$$eval('[data-testid=exercise]', (els) => els.map((e) => e.dataset.exerciseId));
  assert.deepEqual(ids, folders.map((f) => f.id), 'every exercise, in catalog order');
  // No exercise open: the editor has the default program and there is no panel.
  assert.equal(await page.locator('[data-testid=exercise-panel]').count(), 0);

  // An exercise that suggests one CPU and FCFS.
  const withSettings = folders.find((f) => /^cpus:\s*1\s*$/m.test(fs.readFileSync(path.join(f.dir, 'exercise.txt'), 'utf8')));
  assert.ok(withSettings, 'some exercise suggests 1 CPU');
  await page.locator(`[data-testid=exercise][data-exercise-id=${withSettings.id}]`).click();
  assert.equal(await page.locator('[data-testid=exercise-title]').textContent(), section(withSettings.id, 'title.en'));
  assert.equal(await editorText(page), program(withSettings.id));
  assert.match(await page.locator('[data-testid=exercise-settings]').textContent(), /1 CPUs/);
  assert.match(page.url(), new RegExp(`\\?ex=${withSettings.id}&lang=en$`));
  // The suggested machine is the one the run gets.
  await page.locator('[data-testid=run]').click();
  await page.locator('[data-testid=exercise-checks] [data-testid=check]').first().waitFor({ timeout: 60_000 });
  assert.match(await page.locator('.machine').textContent(), /^1 CPUs/);

  // The language switch: everything follows, and the address remembers it.
  await page.locator('[data-testid=lang]').selectOption('zh-CN');
  assert.equal(await page.locator('[data-testid=exercise-title]').textContent(), section(withSettings.id, 'title.zh'));
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.locator('[data-testid=catalog] h2').textContent(), '练习');
  assert.match(page.url(), /lang=zh-CN/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Chinese page names its editor (and renames it on a language switch) and Step mode\'s process states in Chinese', async () => {
  const zh = await launch('zh-CN');
  const { page, errors } = await open(zh, '?lang=zh');
  const editorName = () => page.locator('[data-testid=editor] [aria-label]').first().getAttribute('aria-label');
  assert.equal(await editorName(), 'Python 程序');
  // A language switch renames it at once (it was named only when created).
  await page.locator('[data-testid=lang]').selectOption('en');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.equal(await editorName(), 'Python program');
  await page.locator('[data-testid=lang]').selectOption('zh-CN');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  assert.equal(await editorName(), 'Python 程序');
  await page.locator('[data-testid=mode]').selectOption('step');
  await page.locator('[data-testid=run]').click();
  await page.locator('[data-testid=process-table] tbody tr').first().waitFor();
  const states = await page.$$eval('[data-testid=process-table] tbody td.state', (tds) => tds.map((t) => t.textContent));
  assert.ok(states.length > 0 && states.every((s) => !/[a-z]{4,}/.test(s.replace(/join|sleep|queue|lock|event|pipe|result|manager/g, ''))),
    JSON.stringify(states));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the language defaults to the browser\'s; the catalog in zh-CN (screenshot)', async () => {
  const zh = await launch('zh-CN');
  const { page, errors } = await open(zh, '?ex=data-isolation');
  assert.equal(await page.evaluate(() => navigator.language), 'zh-CN');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await page.locator('[data-testid=exercise-title]').textContent(), section('data-isolation', 'title.zh'));
  const titles = await page.$$eval('[data-testid=exercise] .title', (els) => els.map((e) => e.textContent));
  assert.deepEqual(titles, folders.map((f) => section(f.id, 'title.zh')));
  await runAndGrade(page);
  const got = await verdicts(page, '[data-testid=exercise-checks]');
  assert.ok(got.length > 0 && got.every((c) => c.passed === 'true'), JSON.stringify(got));
  fs.mkdirSync(path.join(repo, 'docs/screenshots'), { recursive: true });
  // Tall enough for most of the catalog above the open exercise.
  await page.setViewportSize({ width: 1360, height: 1300 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(repo, 'docs/screenshots/exercises-zh.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
