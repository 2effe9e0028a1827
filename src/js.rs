//! Small wrappers over the browser APIs that both the page and the worker use.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Copies `bytes` into a fresh `Uint8Array` (owned by JS, so its buffer can be transferred).
pub fn to_js_bytes(bytes: &[u8]) -> Uint8Array {
    let arr = Uint8Array::new_with_length(bytes.len() as u32);
    arr.copy_from(bytes);
    arr
}

/// The bytes of a message's data, or `None` when it is not a `Uint8Array`.
pub fn from_js_bytes(data: &JsValue) -> Option<Vec<u8>> {
    data.dyn_ref::<Uint8Array>().map(|a| a.to_vec())
}

/// Messages at least this long move their buffer instead of being copied.
const TRANSFER_FROM: u32 = 4096;

/// The transfer list for `arr`: a big buffer (a fork snapshot) moves to the receiver instead of
/// being copied; a small one (most messages: a syscall, a reply) is copied, which is cheaper
/// than detaching it.
pub fn transfer_list(arr: &Uint8Array) -> Array {
    if arr.length() >= TRANSFER_FROM {
        Array::of1(&arr.buffer())
    } else {
        Array::new()
    }
}

thread_local! {
    /// The global `performance`, looked up once per thread (the worker reads the clock between
    /// every two puts of a producer's loop).
    static PERFORMANCE: Option<web_sys::Performance> =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("performance"))
            .ok()
            .and_then(|p| p.dyn_into::<web_sys::Performance>().ok());
}

/// `performance.now()` in milliseconds, in a window or a worker.
pub fn perf_now() -> f64 {
    PERFORMANCE.with(|perf| match perf {
        Some(p) => p.now(),
        None => js_sys::Date::now(),
    })
}

/// What a worker's `error` event says: an `ErrorEvent`'s message, or, for the plain `Event` a
/// worker whose script did not load gets, that.
pub fn worker_error(e: &JsValue) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "its script did not load".into())
}

/// A new Python process's worker (www/worker_loader.js): made by index.html's
/// `__proclabNewWorker`, which hands it the page's one compiled WebAssembly.Module; failing
/// that, a module worker that loads the wasm by itself.
pub fn new_worker() -> Option<web_sys::Worker> {
    let window = web_sys::window()?;
    let shared = js_sys::Reflect::get(&window, &JsValue::from_str("__proclabNewWorker"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&JsValue::NULL).ok())
        .and_then(|w| w.dyn_into::<web_sys::Worker>().ok());
    if shared.is_some() {
        return shared;
    }
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    // Relative to the page, so that the app works from any sub-path of any static host.
    let base = window
        .document()
        .and_then(|d| d.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base("worker_loader.js", &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| "./worker_loader.js".into());
    web_sys::Worker::new_with_options(&url, &options).ok()
}

/// Calls `f` once, on the next animation frame.
pub fn request_frame(f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(cb.unchecked_ref());
    }
}

/// A pending `setTimeout`; dropping it cancels it.
pub struct Timeout {
    id: i32,
    _cb: Closure<dyn FnMut()>,
}

impl Timeout {
    pub fn new(ms: f64, f: impl FnMut() + 'static) -> Option<Timeout> {
        let cb = Closure::<dyn FnMut()>::new(f);
        let (f, ms) = (
            cb.as_ref().unchecked_ref(),
            ms.clamp(0.0, i32::MAX as f64) as i32,
        );
        // The page's window, or a worker's global scope.
        let id = match web_sys::window() {
            Some(w) => w.set_timeout_with_callback_and_timeout_and_arguments_0(f, ms),
            None => js_sys::global()
                .dyn_into::<web_sys::WorkerGlobalScope>()
                .ok()?
                .set_timeout_with_callback_and_timeout_and_arguments_0(f, ms),
        }
        .ok()?;
        Some(Timeout { id, _cb: cb })
    }
}

impl Drop for Timeout {
    fn drop(&mut self) {
        match web_sys::window() {
            Some(w) => w.clear_timeout_with_handle(self.id),
            None => {
                if let Ok(scope) = js_sys::global().dyn_into::<web_sys::WorkerGlobalScope>() {
                    scope.clear_timeout_with_handle(self.id);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The worker glue in a real browser: a message survives encode -> Uint8Array -> decode,
    //! including after its buffer was transferred through a `MessageChannel`.
    use super::*;
    use crate::protocol::{FromWorker, ToWorker};
    use proclab_abi::{Step, Syscall};
    use wasm_bindgen_test::*;

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn bytes_round_trip_through_js() {
        let m = ToWorker::Adopt {
            pid: 7,
            ppid: 6,
            snapshot: (0..=255).cycle().take(10_000).collect(),
        };
        let arr = to_js_bytes(&m.encode());
        let back = from_js_bytes(&arr.into()).expect("a Uint8Array");
        assert_eq!(ToWorker::decode(&back), Ok(m));
        assert_eq!(from_js_bytes(&JsValue::from_str("x")), None);
    }

    /// Posts `arr` through a `MessageChannel` as the page and workers do (with
    /// `transfer_list`) and returns the bytes that arrive.
    async fn through_channel(arr: &Uint8Array) -> Vec<u8> {
        let chan = web_sys::MessageChannel::new().unwrap();
        let got = js_sys::Promise::new(&mut |resolve, _| {
            let cb = Closure::once_into_js(move |e: web_sys::MessageEvent| {
                resolve.call1(&JsValue::NULL, &e.data()).unwrap();
            });
            chan.port2().set_onmessage(Some(cb.unchecked_ref()));
        });
        chan.port1()
            .post_message_with_transferable(arr, &transfer_list(arr))
            .unwrap();
        let data = wasm_bindgen_futures::JsFuture::from(got).await.unwrap();
        from_js_bytes(&data).unwrap()
    }

    #[wasm_bindgen_test]
    async fn transferred_message_arrives_intact() {
        let m = FromWorker::Stepped {
            step: Step::Syscall(Syscall::Fork {
                name: "Process-1".into(),
                daemon: false,
            }),
            output: vec![],
            puts: vec![],
            lent: (vec![(2, 5)], vec![]),
            instructions: 12,
            snapshot: Some(vec![5; 4096]),
            busy_us: 40_000,
        };
        let arr = to_js_bytes(&m.encode());
        let bytes = through_channel(&arr).await;
        // The sender's view is detached by the transfer: nothing was copied.
        assert_eq!(arr.length(), 0);
        assert_eq!(FromWorker::decode(&bytes), Ok(m));
    }

    #[wasm_bindgen_test]
    async fn small_message_is_copied_and_arrives_intact() {
        let m = ToWorker::Run {
            reply: Some(proclab_abi::Reply::Int(42)),
            slice_ms: 5,
        };
        let arr = to_js_bytes(&m.encode());
        let len = arr.length();
        let bytes = through_channel(&arr).await;
        assert_eq!(arr.length(), len, "a small message is copied, not moved");
        assert_eq!(ToWorker::decode(&bytes), Ok(m));
    }
}
