//! The page's entry point (trunk `data-type="main"`).
fn main() {
    #[cfg(target_arch = "wasm32")]
    proclab_web::run_app();
}
