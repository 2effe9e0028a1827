//! proclab's web app: a Yew page that owns the kernel, and a Web Worker per Python process.
//!
//! Layout:
//! - [`protocol`]: the messages between the page and a worker (postcard bytes), nothing else.
//! - `host` (wasm only): the browser host. It owns the [`proclab_kernel::Kernel`], keeps a pool
//!   of pre-started workers, maps pids to workers and turns the kernel's effects into messages,
//!   `Worker.terminate()` calls and timers.
//! - `worker` (wasm only): what runs inside each worker: one [`proclab_interp::Interp`], run in
//!   slices on request.
//! - `ui` (wasm only): the page (editor, console, timeline, process table).
//!
//! The one binary (`src/bin/web.rs`) runs [`run_app`] in a window and [`run_worker`] in a
//! worker: the page and the workers load the same wasm, downloaded and compiled once (the two
//! share the kernel, which Step mode runs in a worker, the protocol, serde and the runtime).

pub mod embed;
pub mod i18n;
pub mod protocol;
pub mod step;

#[cfg(target_arch = "wasm32")]
mod export;
#[cfg(target_arch = "wasm32")]
mod host;
#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod ui;
#[cfg(target_arch = "wasm32")]
mod worker;

/// Starts the page: mounts the Yew app on `<body>`.
#[cfg(target_arch = "wasm32")]
pub fn run_app() {
    yew::Renderer::<ui::App>::new().render();
}

/// The timeline's benchmark (see `ui::chart::chart_bench`), for the page's binary to export.
#[cfg(target_arch = "wasm32")]
pub fn chart_bench(spans: u32) -> Vec<f64> {
    ui::chart::chart_bench(spans)
}

/// Every allocation is counted: in a worker, that is its one Python process's memory, which the
/// interpreter keeps under `PROCESS_LIMIT` with a MemoryError (`proclab_interp::vm::memory`).
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: proclab_interp::vm::memory::Counting = proclab_interp::vm::memory::Counting;

/// Starts a worker: installs the message handler and tells the page it is ready. Its process may
/// use up to `PROCESS_LIMIT` bytes (Step mode's simulation: all its processes together).
#[cfg(target_arch = "wasm32")]
pub fn run_worker() {
    use proclab_interp::vm::memory;
    memory::set_limit(Some(memory::PROCESS_LIMIT));
    worker::start();
}
