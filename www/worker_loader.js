// Starts one Python process's Web Worker (src/worker.rs: the interpreter; the same wasm as the
// page's, src/bin/web.rs, whose entry point sees that it runs in a worker).
// - `?module=posted` (index.html's __proclabNewWorker): the page posts the one
//   WebAssembly.Module that it and all workers share as the first message (null if it has
//   none: then the worker loads the wasm itself).
// - no parameter: the worker loads its wasm by itself.
// The page may post a process's first messages at once, before the wasm runs (src/host.rs):
// they wait here and go to the worker's handler, in order, once it has one.
// proclab.html (scripts/standalone.mjs) runs this file as a classic worker from a blob: URL, its
// glue defined before it (self.__proclabGlue), always in the `posted` mode.
const glue = self.__proclabGlue ? Promise.resolve(self.__proclabGlue) : import('./web.js');

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

const mode = self.__proclabGlue ? 'posted' : new URL(self.location.href).searchParams.get('module');
if (mode === 'posted') {
  self.onmessage = (e) => {
    if (!(e.data instanceof WebAssembly.Module) && e.data !== null) { keep(e); return; }
    self.onmessage = keep;
    start(e.data);
  };
} else {
  self.onmessage = keep;
  start(null);
}
