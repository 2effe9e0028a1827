// The headless Chromium of the e2e tests: persistent contexts in fresh profile directories,
// with flags that keep Chromium from reaching the network by itself. Each test file opens its
// own and closes them in its `after` hook.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const opened = [];

/** A new context with Playwright's `options` (viewport, locale, ...); a `locale` also sets
 * Chromium's `--lang`. */
export async function openContext(options = {}) {
  const entry = { dir: fs.mkdtempSync(path.join(os.tmpdir(), 'proclab-e2e-')) };
  opened.push(entry);
  const args = options.locale ? [...FLAGS, `--lang=${options.locale}`] : FLAGS;
  entry.context = await chromium.launchPersistentContext(entry.dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    ...options,
  });
  return entry.context;
}

/** Closes every context this file opened and removes their profile directories. */
export async function closeContexts() {
  for (const { context, dir } of opened.splice(0)) {
    await context?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
