//! Exports the interpreter's image (its prelude compiled; `proclab_interp::vm::image`) for the
//! wasm build, which embeds it (src/worker.rs): a Web Worker then deserializes ~128 KB instead
//! of running the parser and compiler over the prelude, cold, at its start.
use std::{env, fs, path::PathBuf};

fn main() {
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("image.bin");
    // Only the wasm build embeds it (a native build of this package is just its pure parts).
    let wasm = env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|a| a == "wasm32");
    let bytes = if wasm {
        proclab_interp::vm::image::export()
    } else {
        Vec::new()
    };
    fs::write(&out, bytes).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
