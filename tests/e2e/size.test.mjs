// The page's size budget: everything a visitor downloads (dist/: wasm, JS, CSS, HTML), gzip -9,
// at most 400 KB in all. Run by scripts/e2e.sh after `trunk build --release` (PROCLAB_DIST).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET = 400 * 1024;
const dist = process.env.PROCLAB_DIST;

test('dist/ fits the 400 KB gzip budget', { skip: !dist && 'PROCLAB_DIST not set' }, () => {
  const files = fs.readdirSync(dist).filter((f) => /\.(wasm|js|css|html)$/.test(f));
  assert.ok(files.some((f) => f.startsWith('app') && f.endsWith('.wasm')), `the page's wasm in ${files}`);
  assert.ok(files.includes('worker_bg.wasm'), `the worker's wasm in ${files}`);
  let total = 0;
  const rows = [];
  for (const f of files) {
    const raw = fs.readFileSync(path.join(dist, f));
    const gz = zlib.gzipSync(raw, { level: 9 }).length;
    total += gz;
    rows.push(`${f}: ${raw.length} raw, ${gz} gzip`);
  }
  console.log(rows.join('\n') + `\ntotal: ${total} bytes gzip (budget ${BUDGET})`);
  assert.ok(total <= BUDGET, `${total} bytes gzip > ${BUDGET}:\n${rows.join('\n')}`);
});
