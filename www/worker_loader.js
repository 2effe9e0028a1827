// Starts one Python process's Web Worker (src/worker.rs: the interpreter).
// - `?module=posted` (index.html's __proclabNewWorker): the page posts the one
//   WebAssembly.Module all workers share as the first message (null if it has none: then the
//   worker loads the wasm itself).
// - `?module=compile` (index.html's first worker): this worker compiles the wasm, posts the
//   Module to the page (null if it could not) for the other workers, and runs it.
// - no parameter: the worker loads its wasm by itself.
import init from './worker.js';

const mode = new URL(self.location.href).searchParams.get('module');
if (mode === 'posted') {
  self.onmessage = (e) => {
    self.onmessage = null;
    init(e.data instanceof WebAssembly.Module ? { module_or_path: e.data } : undefined);
  };
} else if (mode === 'compile') {
  const url = new URL('worker_bg.wasm', import.meta.url);
  WebAssembly.compileStreaming(fetch(url))
    .catch(() => fetch(url).then((r) => r.arrayBuffer()).then(WebAssembly.compile))
    .catch(() => null)
    .then((module) => {
      self.postMessage(module);
      init(module ? { module_or_path: module } : undefined);
    });
} else {
  init();
}
