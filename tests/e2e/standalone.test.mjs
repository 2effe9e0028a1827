// proclab.html, the whole app in one file (scripts/standalone.mjs), opened from disk as a person
// who downloaded it would: file://, no server. A file:// page may not fetch, import modules or
// start workers by URL; this file does none of these. Expected output from python3.
// Run by scripts/e2e.sh after `trunk build --release` (PROCLAB_DIST).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openContext, closeContexts } from './browser.mjs';

const dist = process.env.PROCLAB_DIST;
const PROGRAM = `import os
from multiprocessing import Process, Queue

def work(q, n):
    q.put((n, sum(range(n))))

if __name__ == "__main__":
    q = Queue()
    ps = [Process(target=work, args=(q, n)) for n in (10, 20, 30)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(sorted(q.get() for _ in ps))
    pid = os.fork()
    if pid == 0:
        print("child of os.fork")
        os._exit(0)
    os.waitpid(pid, 0)
    print("parent done")
`;
const python = (source) => execFileSync('python3', ['-c', source], { encoding: 'utf8' });

let context;
before(async () => {
  if (!dist && !process.env.PROCLAB_URL) return;
  context = await openContext({ viewport: { width: 1280, height: 900 } });
});
after(async () => {
  await closeContexts();
});

async function consoleText(page) {
  const lines = await page.$$eval('[data-testid=console] .line .text', (els) => els.map((e) => e.textContent));
  return lines.map((l) => l + '\n').join('');
}

test('proclab.html runs from disk: Real mode with workers, and Step mode', { skip: !dist && 'PROCLAB_DIST not set' }, async () => {
  const file = path.join(dist, 'proclab.html');
  const html = fs.readFileSync(file, 'utf8');
  // Nothing that a file:// page would have to fetch.
  assert.deepEqual([...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="(?!data:)([^"]*)"/g)].map((m) => m[1]), []);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => window.proclabEditorSetAll && /ready/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), null, { timeout: 30_000 });
  assert.ok(await page.evaluate((t) => window.proclabEditorSetAll(t), PROGRAM), 'the editor is there');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(
    () => /finished|stopped|error/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''),
    null, { timeout: 30_000 });
  assert.match(await page.locator('[data-testid=status]').textContent(), /finished \(exit code 0\)/);
  assert.equal(await consoleText(page), python(PROGRAM));
  assert.equal(await page.locator('[data-testid=process-table] tbody tr').count(), 5);
  // Step mode's simulation runs in a worker too.
  await page.selectOption('[data-testid=mode]', 'step');
  await page.locator('[data-testid=run]').click();
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid=scrubber]');
    return s && !s.disabled && Number(s.max) > 0;
  }, null, { timeout: 30_000 });
  const scrubber = page.locator('[data-testid=scrubber]');
  await scrubber.evaluate((s) => { s.value = s.max; s.dispatchEvent(new Event('input', { bubbles: true })); });
  assert.equal(await consoleText(page), python(PROGRAM));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the served page offers the one-file copy for download', { skip: !process.env.PROCLAB_URL && 'PROCLAB_URL not set' }, async () => {
  const page = await context.newPage();
  await page.goto(process.env.PROCLAB_URL);
  const offline = page.locator('[data-testid=offline]');
  assert.equal(await offline.getAttribute('download'), 'proclab.html');
  assert.match(await offline.getAttribute('title'), /one file/);
  const got = await offline.evaluate(async (a) => {
    const r = await fetch(a.href);
    const text = await r.text();
    return { status: r.status, length: text.length, standalone: text.includes('scripts/standalone.mjs') };
  });
  assert.equal(got.status, 200);
  assert.ok(got.standalone && got.length > 1_000_000, JSON.stringify(got));
  await page.close();
});
