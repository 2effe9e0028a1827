//! Every program and solution of the catalog, run by CPython (`python3`): it must use less than
//! a second of CPU, and the checks that need only the console (see `Evidence::Output`) must give the verdicts the
//! catalog promises: the program passes its own checks, each solution passes its task's checks,
//! and the untouched program fails them.
//!
//! Checks on the process table, the timeline and timing need our kernel (see `sim.rs`). Programs
//! whose point depends on the CPU knob or the policy (suggested `cpus: 1` or a policy) are only
//! run, not judged, here: a real machine ignores those knobs.

use proclab_catalog::{catalog, evaluate, Check, Evidence, Exercise, Output, RunResult, Settings};
use proclab_kernel::Stream;
use std::process::Command;
use std::time::{Duration, Instant};

/// Whole lines, flushed at once, like a terminal shows them: piped, CPython would repeat lines
/// buffered before a fork, lose the prints of processes that end with `os._exit` (pool workers),
/// and tear a `print` of several arguments between processes. It also records the CPU time the
/// run used (user + system, children included) next to the run's directory, and refuses a
/// `time.sleep` longer than the catalog's limit of 0.5 s.
const WRAPPER: &str = r#"import builtins, io, runpy, sys
_print = builtins.print
def print(*args, sep=' ', end='\n', file=None, flush=False):
    s = io.StringIO()
    _print(*args, sep=sep, end=end, file=s)
    f = sys.stdout if file is None else file
    f.write(s.getvalue())
    f.flush()
builtins.print = print
import time
_sleep = time.sleep
def sleep(secs):
    if secs > 0.5:
        raise ValueError(f"the catalog's limit is 0.5 s per sleep, not {secs}")
    _sleep(secs)
time.sleep = sleep
import atexit, os, resource
_main = os.getpid()
def _cpu():
    if os.getpid() == _main:
        used = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        with open("../cpu-" + os.path.basename(os.getcwd()), "w") as f:
            f.write(str(used))
atexit.register(_cpu)
runpy.run_path(sys.argv[1], run_name='__main__')
"#;

/// Runs `source` in a fresh directory; returns the result and the CPU time it used.
fn python(source: &str, tag: &str) -> (RunResult, Duration) {
    let dir = std::env::temp_dir().join(format!("proclab-catalog-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let prog = dir.join("program.py");
    std::fs::write(&prog, source).unwrap();
    let t0 = Instant::now();
    let out = Command::new("python3")
        .args(["-c", WRAPPER, "program.py"])
        .current_dir(&dir)
        .output()
        .expect("python3 runs");
    let wall = t0.elapsed();
    let _ = std::fs::remove_dir_all(&dir);
    let cpu_file = dir.with_file_name(format!(
        "cpu-{}",
        dir.file_name().unwrap().to_string_lossy()
    ));
    let cpu = std::fs::read_to_string(&cpu_file)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok());
    let _ = std::fs::remove_file(&cpu_file);
    // A run that never reached its exit handler counts as slow as its wall time.
    let took = cpu.map_or(wall, Duration::from_secs_f64);
    println!("{tag}: cpu {cpu:?} s, wall {wall:?}");
    assert!(
        wall < Duration::from_secs(5),
        "{tag}: python3 ran {wall:?}: a hang?"
    );
    let mut console = Vec::new();
    for (stream, bytes) in [(Stream::Stdout, &out.stdout), (Stream::Stderr, &out.stderr)] {
        let text = String::from_utf8_lossy(bytes).into_owned();
        if !text.is_empty() {
            console.push((1, Output { stream, text }));
        }
    }
    let run = RunResult {
        console,
        exit_code: out.status.code(),
        ..RunResult::default()
    };
    (run, took)
}

fn knob_dependent(s: Settings) -> bool {
    s.cpus == Some(1) || s.policy.is_some()
}

/// The failing output checks of `checks` on `run` (None if there is no output check).
fn output_failures(checks: &[Check], run: &RunResult) -> Option<Vec<String>> {
    let out: Vec<&Check> = checks
        .iter()
        .filter(|c| c.evidence() == Evidence::Output)
        .collect();
    if out.is_empty() {
        return None;
    }
    Some(
        out.into_iter()
            .map(|c| (c, evaluate(c, run)))
            .filter(|(_, o)| !o.passed)
            .map(|(c, o)| format!("{c:?}: {}", o.detail_en))
            .collect(),
    )
}

fn judge(ex: &Exercise, problems: &mut Vec<String>, stats: &mut (usize, usize)) {
    let (prog_run, took) = python(&ex.program, &ex.id);
    let stderr_of = |r: &RunResult| {
        r.console
            .iter()
            .filter(|(_, o)| o.stream == Stream::Stderr)
            .map(|(_, o)| o.text.clone())
            .collect::<String>()
    };
    if took > Duration::from_secs(1) {
        problems.push(format!(
            "{}: program used {took:?} of CPU in python3",
            ex.id
        ));
    }
    stats.0 += 1;
    if !knob_dependent(ex.settings) {
        if let Some(f) = output_failures(&ex.checks, &prog_run) {
            if !f.is_empty() {
                problems.push(format!(
                    "{}: program fails {f:?}\nstderr: {}",
                    ex.id,
                    stderr_of(&prog_run)
                ));
            }
            stats.1 += 1;
        }
    }
    for task in &ex.tasks {
        let tag = format!("{}-{}", ex.id, task.id);
        let (sol_run, took) = python(&task.solution, &tag);
        stats.0 += 1;
        if took > Duration::from_secs(1) {
            problems.push(format!("{tag}: solution used {took:?} of CPU in python3"));
        }
        if knob_dependent(ex.task_settings(task)) || knob_dependent(ex.settings) {
            continue;
        }
        if let Some(f) = output_failures(&task.checks, &sol_run) {
            stats.1 += 1;
            if !f.is_empty() {
                problems.push(format!(
                    "{tag}: solution fails {f:?}\noutput: {:?}",
                    sol_run.console
                ));
            }
            // Only decidable here when the task's checks are all about the output.
            let all_output = task.checks.iter().all(|c| c.evidence() == Evidence::Output);
            if all_output && output_failures(&task.checks, &prog_run).is_some_and(|f| f.is_empty())
            {
                problems.push(format!(
                    "{tag}: the untouched program already passes the task"
                ));
            }
        }
    }
}

#[test]
fn programs_and_solutions_under_cpython() {
    if Command::new("python3").arg("--version").output().is_err() {
        panic!("python3 is needed for this test (CPython 3.11 is the reference)");
    }
    let mut problems = Vec::new();
    let mut stats = (0, 0);
    let only = std::env::var("EXERCISE").ok();
    for ex in catalog() {
        if only.as_deref().is_some_and(|o| o != ex.id) {
            continue;
        }
        judge(&ex, &mut problems, &mut stats);
    }
    println!(
        "cpython: ran {} programs, judged {} on output",
        stats.0, stats.1
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
