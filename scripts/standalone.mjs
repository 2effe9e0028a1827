// Writes proclab.html: the whole app in one file that works when opened from disk (file://),
// with no server: a browser refuses a file:// page its module scripts, its fetches and its
// workers by URL, so everything is inlined here. The wasm goes in as base64 (compiled from a
// data: URL), the JS glue twice (the page's module script, and the source of every Python
// process's worker, a classic one started from a blob: URL), the CSS and the editor's bundle as they are.
// index.html is the page for a web server (smaller and cached separately); this file is for a
// download or a USB stick. Run by trunk after each build (Trunk.toml), or by hand:
//   node scripts/standalone.mjs [DIR]    (DIR: a built dist/, default $TRUNK_STAGING_DIR or dist)
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist';
const read = (name) => fs.readFileSync(path.join(dir, name), 'utf8');

const index = read('index.html');
const css = [...index.matchAll(/<link rel="stylesheet" href="\.?\/?([^"]+)"/g)].map((m) => read(m[1]));
if (css.length === 0) throw new Error(`no stylesheet in ${dir}/index.html`);

// wasm-bindgen's `--target web` glue as plain module code: its exports become local names.
const glue = read('web.js');
const exported = [...glue.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
const plain = glue.replace(/^export function /gm, 'function ').replace(/^export \{[^}]*\};?\s*$/m, '');
if (/^export /m.test(plain) || !/async function __wbg_init\b/.test(plain)) {
  throw new Error('web.js is not the glue this script knows (wasm-bindgen --target web)');
}

const wasm = fs.readFileSync(path.join(dir, 'web_bg.wasm')).toString('base64');
const editor = read('editor.js');
// The page's start (the wasm's compile, the first workers), as index.html has it inlined.
const boot = fs.readFileSync(new URL('../www/boot.js', import.meta.url), 'utf8');

// Text inside a <script> element must not close it.
const inScript = (js) => js.replace(/<\/(script)/gi, '<\\/$1');

// A classic worker (a module worker from a blob: URL does not start in a file:// page): the glue,
// then www/worker_loader.js, which finds the glue in self.__proclabGlue.
const loader = fs.readFileSync(new URL('../www/worker_loader.js', import.meta.url), 'utf8');
const worker = `${plain.replace(/import\.meta\.url/g, 'self.location.href')}
self.__proclabGlue = { default: __wbg_init };
${loader}`;

const page = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>proclab: Python multiprocessing, live</title>
  <link rel="icon" href="data:,">
  <!-- Made by scripts/standalone.mjs: the whole app in one file, for opening from disk. -->
  <style>
${css.join('\n')}
  </style>
  <script type="text/plain" id="proclab-worker">${inScript(worker)}</script>
  <script>
    (function () {
      var wasm = 'data:application/wasm;base64,${wasm}';
      var source = document.getElementById('proclab-worker').textContent;
      var url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
      window.__proclabBoot = {
        wasm: wasm,
        bytes: function () {
          var s = atob(wasm.slice(wasm.indexOf(',') + 1));
          var b = new Uint8Array(s.length);
          for (var i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
          return b;
        },
        worker: function () { return new Worker(url); },
      };
    })();
  </script>
  <script>${inScript(boot)}</script>
  <script>${inScript(editor)}</script>
  <script type="module">${inScript(plain)}
    window.__proclabModule
      .then(function (m) { return __wbg_init({ module_or_path: m }); })
      .then(function () { window.wasmBindings = { ${exported.join(', ')} }; })
      .catch(window.__proclabLoadError);
  </script>
</head>
<body></body>
</html>
`;

fs.writeFileSync(path.join(dir, 'proclab.html'), page);
console.log(`standalone: ${path.join(dir, 'proclab.html')} (${(page.length / 1e6).toFixed(1)} MB)`);
