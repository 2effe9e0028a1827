//! The one entry point of the page and of every Python process's worker (trunk builds it once,
//! index.html loads it in both): in a window it starts the app, in a worker the interpreter.
fn main() {
    #[cfg(target_arch = "wasm32")]
    if web_sys::window().is_some() {
        proclab_web::run_app();
    } else {
        proclab_web::run_worker();
    }
}

/// `window.wasmBindings.proclabChartBench(spans)`, for bench/page.mjs.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = proclabChartBench)]
pub fn chart_bench(spans: u32) -> Vec<f64> {
    proclab_web::chart_bench(spans)
}
