// Starts one Python process's Web Worker (src/worker.rs: the interpreter).
// - `?module=posted` (index.html's __proclabNewWorker): the page posts the one
//   WebAssembly.Module all workers share as the first message (null if it has none: then the
//   worker loads the wasm itself).
// - `?module=compile` (index.html's first worker): this worker compiles the wasm, posts the
//   Module to the page (null if it could not) for the other workers, and runs it.
// - no parameter: the worker loads its wasm by itself.
// The wasm's download starts before its JS glue (worker.js) has loaded, not after.
// The page may post a process's first messages at once, before the wasm runs (src/host.rs):
// they wait here and go to the worker's handler, in order, once it has one.
const glue = import('./worker.js');

const early = [];
const keep = (e) => early.push(e);
const start = (module) => glue
  .then(({ default: init }) => init(module ? { module_or_path: module } : undefined))
  .then(() => {
    for (const e of early.splice(0)) if (self.onmessage) self.onmessage(e);
  })
  // A worker that cannot run its wasm says so as an error event on the page's Worker (the
  // host then ends its process with the reason), rather than keeping its messages forever.
  .catch((e) => setTimeout(() => { throw e; }));

const mode = new URL(self.location.href).searchParams.get('module');
if (mode === 'posted') {
  self.onmessage = (e) => {
    if (!(e.data instanceof WebAssembly.Module) && e.data !== null) { keep(e); return; }
    self.onmessage = keep;
    start(e.data);
  };
} else if (mode === 'compile') {
  self.onmessage = keep;
  const url = new URL('worker_bg.wasm', import.meta.url);
  WebAssembly.compileStreaming(fetch(url))
    .catch(() => fetch(url).then((r) => r.arrayBuffer()).then(WebAssembly.compile))
    .catch(() => null)
    .then((module) => {
      self.postMessage(module);
      start(module);
    });
} else {
  self.onmessage = keep;
  start(null);
}
