//! The page's entry point (trunk `data-type="main"`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    proclab_web::run_app();
}

/// `window.wasmBindings.proclabChartBench(spans)`, for bench/page.mjs: only the page exports it.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = proclabChartBench)]
pub fn chart_bench(spans: u32) -> Vec<f64> {
    proclab_web::chart_bench(spans)
}
