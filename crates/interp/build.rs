//! The prelude's sources as the interpreter embeds them (`vm/modules.rs` `PRELUDE`): lines that
//! hold only a comment are emptied, so line numbers (which tracebacks show) stay and the lines
//! a traceback quotes are unchanged. ~5 KB less gzip in the page's download.

use std::{env, fs, path::Path};

fn main() {
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("prelude");
    fs::create_dir_all(&out).expect("the prelude's output folder");
    println!("cargo:rerun-if-changed=src/prelude");
    for entry in fs::read_dir("src/prelude").expect("src/prelude") {
        let path = entry.expect("a prelude file").path();
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let src = fs::read_to_string(&path).expect("a readable prelude file");
        let name = path.file_name().expect("a file name");
        fs::write(out.join(name), without_comment_lines(&src)).expect("written");
    }
}

/// `src` with each line that is only a comment (outside triple-quoted strings) emptied.
fn without_comment_lines(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut open: Option<&str> = None;
    for line in src.split_inclusive('\n') {
        if open.is_none() && line.trim_start().starts_with('#') {
            if line.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        out.push_str(line);
        let mut rest = line;
        loop {
            let quote = match open {
                Some(q) => Some((rest.find(q), q)),
                None => ["\"\"\"", "'''"]
                    .into_iter()
                    .filter_map(|q| rest.find(q).map(|i| (Some(i), q)))
                    .min_by_key(|(i, _)| *i),
            };
            match quote {
                Some((Some(i), q)) => {
                    open = if open.is_some() { None } else { Some(q) };
                    rest = &rest[i + 3..];
                }
                _ => break,
            }
        }
    }
    out
}
