//! `proclab run` end to end: the binary on small programs in a scratch directory.

use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh scratch directory holding `prog.py` (and `extra` files).
fn scratch(tag: &str, prog: &str, extra: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("proclab-cli-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("prog.py"), prog).unwrap();
    for (name, text) in extra {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn proclab(dir: &PathBuf, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_proclab"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("proclab runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn prints_and_exits_like_python() {
    let dir = scratch("hello", "print('hi', 6 * 7)\n", &[]);
    let out = proclab(&dir, &["run", "prog.py", "--seed", "1"]);
    assert_eq!(text(&out.stdout), "hi 42\n");
    assert_eq!(text(&out.stderr), "");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn exit_status_is_the_main_exit_code() {
    let dir = scratch("exit", "import sys\nprint('a')\nsys.exit(3)\n", &[]);
    assert_eq!(proclab(&dir, &["run", "prog.py"]).status.code(), Some(3));
    let dir = scratch("raise", "def f():\n    return 1 / 0\nf()\n", &[]);
    let out = proclab(&dir, &["run", "prog.py"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(
        err.ends_with("ZeroDivisionError: division by zero\n"),
        "{err}"
    );
}

#[test]
fn syntax_error_is_reported() {
    let dir = scratch("syntax", "print 'x'\n", &[]);
    let out = proclab(&dir, &["run", "prog.py"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("SyntaxError"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn processes_and_trace() {
    let prog = "import os\nfrom multiprocessing import Process\n\ndef work(n):\n    print('child', n)\n\nif __name__ == '__main__':\n    ps = [Process(target=work, args=(i,)) for i in range(3)]\n    for p in ps:\n        p.start()\n    for p in ps:\n        p.join()\n    print('exitcodes', [p.exitcode for p in ps])\n";
    let dir = scratch("procs", prog, &[]);
    let out = proclab(
        &dir,
        &["run", "prog.py", "--seed", "3", "--trace", "t.json"],
    );
    let stdout = text(&out.stdout);
    let mut lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.pop(), Some("exitcodes [0, 0, 0]"), "{stdout}");
    lines.sort();
    assert_eq!(lines, ["child 0", "child 1", "child 2"]);
    let json = std::fs::read_to_string(dir.join("t.json")).unwrap();
    assert!(json.starts_with("{\"traceEvents\":["));
    assert_eq!(json.matches("\"name\":\"process_name\"").count(), 4);
    // Same seed, same run.
    let again = proclab(&dir, &["run", "prog.py", "--seed", "3"]);
    assert_eq!(text(&again.stdout), stdout);
}

#[test]
fn files_are_read_and_written_back() {
    let prog = "with open('in.txt') as f:\n    data = f.read()\nwith open('out.txt', 'w') as f:\n    f.write(data.upper())\nprint('ok')\n";
    let dir = scratch("files", prog, &[("in.txt", "hello\n")]);
    let out = proclab(&dir, &["run", "prog.py"]);
    assert_eq!(text(&out.stdout), "ok\n", "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(dir.join("out.txt")).unwrap(),
        "HELLO\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("in.txt")).unwrap(),
        "hello\n"
    );
}

#[test]
fn bad_arguments_print_usage() {
    let dir = scratch("usage", "", &[]);
    let out = proclab(&dir, &["run", "prog.py", "--cpus", "zero"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage: proclab run"));
    let out = proclab(&dir, &["run", "missing.py"]);
    assert_eq!(out.status.code(), Some(2));
}
