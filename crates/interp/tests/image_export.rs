//! The image a native build exports (`vm::image::export`) and a wasm build embeds
//! (`use_exported`) is the image a thread would build by compiling the prelude: same symbols,
//! code, files, classes and fingerprint, so that snapshots go between the two freely.
//!
//! Its own test binary: `use_exported` holds for the whole process.

#[path = "vm_host.rs"]
mod vm_host;

use proclab_interp::vm::image;
use proclab_interp::{Interp, Reply, Step, Syscall};
use std::time::Instant;

const PROGRAM: &str = r#"import os, functools
from multiprocessing import Process

total = [0]

def work(n):
    total[0] = functools.reduce(lambda a, b: a * b, range(1, n + 1))
    print("child", total)

if __name__ == "__main__":
    p = Process(target=work, args=(6,))
    p.start()
    p.join()
    print("parent", total, p.exitcode)
"#;

/// python3 3.11's output for `PROGRAM`.
const PROGRAM_OUT: &str = "child [720]\nparent [0] 0\n";

/// `PROGRAM` run to its fork; the parent's snapshot there.
fn snapshot_at_fork() -> Vec<u8> {
    let mut it = Interp::new(PROGRAM, "prog.py").unwrap();
    for _ in 0..1000 {
        match it.run(10_000) {
            Step::Syscall(Syscall::Fork { .. }) => return postcard::to_allocvec(&it).unwrap(),
            Step::Syscall(Syscall::GetPid) => it.resume(Reply::Int(100)),
            Step::Syscall(_) => it.resume(Reply::None),
            Step::Yield => {}
            Step::Exit(c) => panic!("exited with {} before forking", c),
        }
    }
    panic!("no fork")
}

/// The program's whole run, every fork through postcard bytes.
fn run_shipped() -> (String, String, i32) {
    let out =
        vm_host::run_interp_forking(Interp::new(PROGRAM, "prog.py").unwrap(), 1000, &mut |p| {
            postcard::from_bytes(&p.fork_snapshot()).unwrap()
        });
    (out.stdout, out.stderr, out.code)
}

#[test]
fn the_exported_image_loads_as_the_built_one() {
    // This thread builds its image (nothing is embedded yet).
    let t = Instant::now();
    let built = vm_host::image_bytes();
    let build_time = t.elapsed();
    let built_run = run_shipped();
    assert_eq!(built_run.0, PROGRAM_OUT, "{}", built_run.1);
    let built_snapshot = snapshot_at_fork();

    let bytes = image::export();
    println!("exported image: {} bytes", bytes.len());
    // The ratchet: 83,458 bytes measured (the wasm embeds it). It holds no copy of the
    // prelude's sources, which the image's base already has, nor the code of the modules
    // compiled on import (`COMPILED_ON_IMPORT`: 129 KB with them compiled in).
    assert!(bytes.len() < 90_000, "{} bytes", bytes.len());
    image::use_exported(Box::leak(bytes.into_boxed_slice()));

    // A new thread loads the exported image instead of compiling.
    let (loaded, load_time, refusal, loaded_run, loaded_snapshot, adopted) =
        std::thread::spawn(move || {
            let t = Instant::now();
            let loaded = vm_host::image_bytes();
            let load_time = t.elapsed();
            let refusal = Interp::snapshot_refusal();
            // A snapshot made against the built image is taken by the loaded one.
            let adopted = postcard::from_bytes::<Interp>(&built_snapshot).is_ok();
            (
                loaded,
                load_time,
                refusal,
                run_shipped(),
                snapshot_at_fork(),
                adopted,
            )
        })
        .join()
        .unwrap();
    println!("image built in {:?}, loaded in {:?}", build_time, load_time);
    assert_eq!(refusal, None);
    assert_eq!(loaded.0, built.0, "fingerprints");
    assert!(
        loaded.1 == built.1,
        "the loaded image differs from the built one"
    );
    assert_eq!(loaded_run, built_run);
    assert!(adopted);
    // And the other way round. (The bytes may differ: a `HashMap`'s order is per thread.)
    assert_eq!(loaded_snapshot.len(), snapshot_at_fork().len());
    assert!(postcard::from_bytes::<Interp>(&loaded_snapshot).is_ok());
}

#[test]
fn bytes_that_are_not_an_image_are_refused() {
    // `export`'s format begins with the VM's fingerprint field; garbage fails cleanly
    // (checked on a thread of its own, without touching the process-wide embedding).
    let err = std::thread::spawn(|| image::load_exported(&[1, 2, 3]).err())
        .join()
        .unwrap();
    assert!(err.is_some());
}

#[test]
fn the_modules_compiled_on_import_import() {
    // The image leaves them uncompiled: each compiles, and its body runs, when imported
    // (python3 imports each of these names silently too).
    for name in proclab_interp::vm::modules::COMPILED_ON_IMPORT {
        let out = vm_host::run(&format!("import {name}\n"));
        assert_eq!((out.code, out.stderr.as_str()), (0, ""), "import {name}");
    }
}

/// The prelude as embedded (build.rs) differs from its files only by emptied comment lines:
/// each embedded source is one of src/prelude's files, with the same number of lines, each the
/// file's line or empty where the file's is a comment.
#[test]
fn the_embedded_prelude_only_drops_comment_lines() {
    use proclab_interp::vm::modules::PRELUDE;
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/prelude");
    let files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let same = |file: &str, embedded: &str| {
        let (a, b): (Vec<&str>, Vec<&str>) = (file.lines().collect(), embedded.lines().collect());
        a.len() == b.len()
            && a.iter()
                .zip(&b)
                .all(|(x, y)| x == y || (y.is_empty() && x.trim_start().starts_with('#')))
    };
    for (name, _, embedded) in PRELUDE {
        if embedded.lines().count() <= 2 {
            continue; // written inline (the `concurrent` package), not a file
        }
        assert!(
            files.iter().any(|f| same(f, embedded)),
            "{name}: not its file less comments"
        );
    }
}
