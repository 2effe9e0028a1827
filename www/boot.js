// What the page starts before its app runs (inlined into index.html by trunk, and into
// proclab.html by scripts/standalone.mjs, which sets window.__proclabBoot first).
// One wasm (src/bin/web.rs) runs the page and every Python process's Web Worker. It is fetched
// and compiled once, here, as soon as the page opens; the page runs the app with that
// WebAssembly.Module and posts it to each worker (www/worker_loader.js), so that starting a
// process costs neither a download nor a compile. The first two workers start now (the first
// run's main process and its first child) and keep what they say until the app adopts them
// (src/host.rs, Host::adopt_prestarted).
// window.__proclabBoot, when set: { wasm: the wasm's URL, bytes(): its bytes when that URL
// cannot be streamed, worker(): a new worker that takes the module as its first message }.
(function () {
  var boot = window.__proclabBoot || {};
  var wasm = boot.wasm || 'web_bg.wasm';
  var module = Promise.resolve()
    .then(function () { return WebAssembly.compileStreaming(fetch(wasm)); })
    .catch(function () {
      if (boot.bytes) return WebAssembly.compile(boot.bytes());
      return fetch(wasm).then(function (r) { return r.arrayBuffer(); }).then(WebAssembly.compile);
    });
  window.__proclabModule = module;
  window.__proclabNewWorker = function () {
    var w = boot.worker ? boot.worker() : new Worker('worker_loader.js?module=posted', { type: 'module' });
    module.then(function (m) { w.postMessage(m); }, function () { w.postMessage(null); });
    return w;
  };
  var prestart = function (w) {
    w.__proclabInbox = [];
    w.onmessage = function (e) { w.__proclabInbox.push(e.data); };
    w.onerror = function () { w.__proclabFailed = true; };
    return w;
  };
  var started = [];
  try {
    started.push(prestart(window.__proclabNewWorker()));
    started.push(prestart(window.__proclabNewWorker()));
  } catch (e) {}
  window.__proclabPrestarted = started;
  // Nothing can run without the wasm and its glue: say so rather than leave a blank page.
  window.__proclabLoadError = function (e) {
    var p = document.createElement('p');
    p.setAttribute('data-testid', 'load-error');
    p.style.cssText = 'font: 16px system-ui, sans-serif; margin: 2em';
    p.textContent = 'proclab could not start (proclab 无法启动): ' + e;
    document.body.appendChild(p);
    throw e;
  };
})();
