//! `proclab run prog.py [--seed N] [--cpus N] [--policy fcfs|rr|priority] [--trace out.json]`
//!
//! Runs a Python program in the deterministic simulation host and behaves like `python3 prog.py`
//! would from a terminal: the program's stdout goes to stdout and its stderr to stderr as it comes
//! (in virtual-time order), the exit status is the main process's exit code (1 after an uncaught
//! exception, 128 + signal if it was killed), and the files of the current directory are visible
//! to `open()`; files the program created or changed are written back at the end.
//! With `--seed N` a run is reproducible (same output, same trace; `time.time()` starts at a
//! seeded instant); without it the seed and `time.time()` come from the real clock.
//! `--trace` writes the run's Chrome trace-event JSON (open it in Perfetto).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use proclab_sim::{Policy, Sim, SimConfig, Stream};

const USAGE: &str = "usage: proclab run PROG.py [--seed N] [--cpus N] [--policy fcfs|rr|priority] [--trace OUT.json]";

/// Files larger than this are not offered to the program (it is a teaching tool, not a data pipeline).
const MAX_FILE_BYTES: u64 = 4 << 20;

#[derive(Debug, PartialEq)]
struct Options {
    program: String,
    seed: Option<u64>,
    cpus: usize,
    policy: Policy,
    trace: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Options, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("run") => {}
        Some(other) => return Err(format!("unknown command {other:?}")),
        None => return Err("no command".into()),
    }
    let mut opts = Options {
        program: String::new(),
        seed: None,
        cpus: 4,
        policy: Policy::RoundRobin,
        trace: None,
    };
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--seed" => {
                let v = value("--seed")?;
                opts.seed = Some(v.parse().map_err(|_| format!("bad --seed {v:?}"))?);
            }
            "--cpus" => {
                let v = value("--cpus")?;
                opts.cpus = match v.parse() {
                    Ok(n) if (1..=1024).contains(&n) => n,
                    _ => return Err(format!("bad --cpus {v:?} (1..1024)")),
                };
            }
            "--policy" => {
                let v = value("--policy")?;
                opts.policy = match v.as_str() {
                    "fcfs" => Policy::Fcfs,
                    "rr" | "round-robin" => Policy::RoundRobin,
                    "priority" => Policy::Priority,
                    _ => return Err(format!("bad --policy {v:?}")),
                };
            }
            "--trace" => opts.trace = Some(value("--trace")?),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            prog if opts.program.is_empty() => opts.program = prog.to_string(),
            extra => return Err(format!("unexpected argument {extra:?}")),
        }
    }
    if opts.program.is_empty() {
        return Err("no program given".into());
    }
    Ok(opts)
}

/// The regular UTF-8 text files of `dir` (not recursive), sorted by name.
fn read_dir_files(dir: &Path) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return files;
    };
    for entry in entries.flatten() {
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
            continue;
        }
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            files.push((name, text));
        }
    }
    files.sort();
    files
}

/// Nanoseconds since the Unix epoch.
fn clock_ns() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64)
}

/// A process status as a shell shows it: the code itself, or 128 + signal after a kill.
fn shell_status(code: i32) -> u8 {
    if code < 0 {
        (128 - code).clamp(0, 255) as u8
    } else {
        (code & 0xff) as u8
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opts = match parse_args(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("proclab: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let source = match std::fs::read_to_string(&opts.program) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("python3: can't open file '{}': [Errno 2] {e}", opts.program);
            return ExitCode::from(2);
        }
    };
    let filename = Path::new(&opts.program)
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or(&opts.program)
        .to_string();
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let files = read_dir_files(&cwd);
    let cfg = SimConfig {
        seed: opts.seed.unwrap_or_else(clock_ns),
        // Without --seed the run is not meant to be reproducible: time.time() is the real time.
        epoch_us: opts.seed.is_none().then(|| clock_ns() / 1000),
        cpus: opts.cpus,
        policy: opts.policy,
        files: files.clone(),
        ..SimConfig::default()
    };
    let mut sim = match Sim::new(&source, &filename, cfg) {
        Ok(sim) => sim,
        Err(text) => {
            eprint!("{text}");
            return ExitCode::from(1);
        }
    };
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    sim.run(|_, out| {
        // Write errors (a closed pipe) are ignored: the run itself must still finish and report.
        let _ = match out.stream {
            Stream::Stdout => {
                let mut h = stdout.lock();
                h.write_all(out.text.as_bytes()).and_then(|_| h.flush())
            }
            Stream::Stderr => {
                let mut h = stderr.lock();
                h.write_all(out.text.as_bytes()).and_then(|_| h.flush())
            }
        };
    });
    if let Some(reason) = sim.stop_reason() {
        eprintln!("proclab: {reason}");
    }
    for (name, text) in sim.changed_files(&files) {
        let path = cwd.join(&name);
        // A file the program wrote inside a directory it made (os.makedirs) needs that directory.
        let made = path.parent().map_or(Ok(()), std::fs::create_dir_all);
        if let Err(e) = made.and_then(|()| std::fs::write(&path, text)) {
            eprintln!("proclab: cannot write {name}: {e}");
        }
    }
    if let Some(path) = &opts.trace {
        if let Err(e) = std::fs::write(path, sim.kernel().chrome_trace_json()) {
            eprintln!("proclab: cannot write {path}: {e}");
        }
    }
    ExitCode::from(shell_status(sim.exit_code().unwrap_or(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn parses_all_options() {
        let o = parse_args(&args(
            "run p.py --seed 7 --cpus 2 --policy priority --trace t.json",
        ))
        .unwrap();
        assert_eq!(
            o,
            Options {
                program: "p.py".into(),
                seed: Some(7),
                cpus: 2,
                policy: Policy::Priority,
                trace: Some("t.json".into()),
            }
        );
        let o = parse_args(&args("run --policy fcfs p.py")).unwrap();
        assert_eq!((o.cpus, o.seed, o.policy), (4, None, Policy::Fcfs));
    }

    #[test]
    fn rejects_bad_arguments() {
        for bad in [
            "",
            "walk p.py",
            "run",
            "run p.py q.py",
            "run p.py --cpus 0",
            "run p.py --seed x",
            "run p.py --policy lottery",
            "run p.py --trace",
            "run p.py --verbose",
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn status_like_a_shell() {
        assert_eq!(shell_status(0), 0);
        assert_eq!(shell_status(1), 1);
        assert_eq!(shell_status(256 + 3), 3);
        assert_eq!(shell_status(-15), 143);
        assert_eq!(shell_status(-9), 137);
    }
}
