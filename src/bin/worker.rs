//! A Python process's Web Worker entry point (trunk `data-type="worker"`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    proclab_web::run_worker();
}
