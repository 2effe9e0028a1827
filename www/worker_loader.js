// Starts one Python process's Web Worker (src/worker.rs: the interpreter).
// Made by index.html's __proclabNewWorker with `?module=posted`: the page then posts the one
// WebAssembly.Module it compiled for all workers as the first message, so that no worker fetches
// or compiles the interpreter again (null if the page could not compile it: then load it here).
// Without that parameter the worker loads its wasm by itself.
import init from './worker.js';

if (new URL(self.location.href).searchParams.get('module') === 'posted') {
  self.onmessage = (e) => {
    self.onmessage = null;
    init(e.data instanceof WebAssembly.Module ? { module_or_path: e.data } : undefined);
  };
} else {
  init();
}
