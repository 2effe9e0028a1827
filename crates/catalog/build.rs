//! Generates the list of embedded exercise files, so that adding an exercise is adding a folder
//! under `exercises/` and nothing else. The output is a Rust expression of type
//! `&[RawExercise]` made of `include_str!`s, so the catalog ships inside the binary (and the
//! WebAssembly page) with no file access at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let root = manifest.join("../../exercises");
    println!("cargo:rerun-if-changed={}", root.display());

    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();

    let mut out = String::from("&[\n");
    for dir in &dirs {
        let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut solutions: Vec<(String, PathBuf)> = fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter_map(|p| {
                let name = p.file_name()?.to_str()?.to_owned();
                let task = name
                    .strip_prefix("solution-")?
                    .strip_suffix(".py")?
                    .to_owned();
                Some((task, p))
            })
            .collect();
        solutions.sort();
        let _ = writeln!(
            out,
            "    RawExercise {{ folder: {folder:?}, text: include_str!({}), program: include_str!({}), solutions: &[",
            lit(&dir.join("exercise.txt")),
            lit(&dir.join("program.py")),
        );
        for (task, path) in &solutions {
            println!("cargo:rerun-if-changed={}", path.display());
            let _ = writeln!(out, "        ({task:?}, include_str!({})),", lit(path));
        }
        out.push_str("    ] },\n");
        for f in ["exercise.txt", "program.py"] {
            println!("cargo:rerun-if-changed={}", dir.join(f).display());
        }
    }
    out.push_str("]\n");
    let dest = PathBuf::from(env::var("OUT_DIR").expect("cargo sets it")).join("raw_exercises.rs");
    fs::write(dest, out).expect("write generated list");
}

/// A string literal of the absolute path, as `include_str!` wants it.
fn lit(p: &Path) -> String {
    format!(
        "{:?}",
        p.canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    )
}
