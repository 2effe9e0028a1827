//! Every exercise in the simulation host (kernel + our interpreter, virtual clock): the program
//! passes its own checks, each task's solution passes the task's checks, and the untouched
//! program fails them. This is the catalog's real acceptance test: the page runs the same
//! kernel, so what is green here is what a learner sees work.
//!
//! Every part of every exercise must be green, under every seed: an exercise that stops working
//! fails this test (the page would show a learner a broken exercise). Run one exercise with
//! `EXERCISE=<id> cargo test -p proclab-catalog --test sim -- --nocapture` (add `SHOW=1` to see
//! every run's console).

use proclab_catalog::{catalog, evaluate, Check, Exercise, RunResult, Settings};
use proclab_sim::{Policy, Sim, SimConfig};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Seeds change pids and the scheduler's tie-breaks: a part is green only if it is for each.
const SEEDS: &[u64] = &[1, 2, 3];

fn config(s: Settings, seed: u64) -> SimConfig {
    SimConfig {
        seed,
        cpus: s.cpus.unwrap_or(4),
        policy: s.policy.unwrap_or(Policy::RoundRobin),
        // Catalog programs finish in well under a second; anything longer is a hang.
        max_virtual_secs: 20,
        ..SimConfig::default()
    }
}

/// Runs `source` to the end; `Err` if it could not run (syntax error, or a panic in code that is
/// still being written).
fn run(source: &str, settings: Settings, seed: u64) -> Result<RunResult, String> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut sim = Sim::new(source, "program.py", config(settings, seed))?;
        sim.run(|_, _| {});
        let mut r = RunResult::from_kernel(sim.kernel());
        r.exit_code = sim.exit_code();
        r.host_messages.extend(sim.stop_reason().map(str::to_owned));
        if std::env::var_os("SHOW").is_some() {
            println!(
                "=== run ({settings:?}, seed {seed}), {} us:\n{}",
                sim.now(),
                console(&r)
            );
        }
        Ok::<RunResult, String>(r)
    }));
    match result {
        Ok(r) => r,
        Err(panic) => Err(panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_else(|| "panic".into())),
    }
}

fn failures(checks: &[Check], r: &RunResult) -> Vec<String> {
    checks
        .iter()
        .map(|c| (c, evaluate(c, r)))
        .filter(|(_, o)| !o.passed)
        .map(|(c, o)| format!("{c:?}: {}", o.detail_en))
        .collect()
}

fn console(r: &RunResult) -> String {
    let mut s: String = r
        .lines()
        .iter()
        .map(|l| format!("  [{}] {}\n", l.pid, l.text))
        .collect();
    for m in &r.host_messages {
        s.push_str(&format!("  [host] {m}\n"));
    }
    s
}

/// Problems of one exercise in the simulation, by part (`program` or a task id); no entry for a
/// part means that part is green.
fn problems(ex: &Exercise, seed: u64) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let prog = match run(&ex.program, ex.settings, seed) {
        Ok(r) => Some(r),
        Err(e) => {
            out.push(("program".to_owned(), format!("program does not run: {e}")));
            None
        }
    };
    if let Some(prog) = &prog {
        let f = failures(&ex.checks, prog);
        if !f.is_empty() {
            out.push((
                "program".to_owned(),
                format!("program fails {f:?}\n{}", console(prog)),
            ));
        }
    }
    for task in &ex.tasks {
        let part = task.id.clone();
        match run(&task.solution, ex.task_settings(task), seed) {
            Err(e) => out.push((
                part.clone(),
                format!("task {part}: solution does not run: {e}"),
            )),
            Ok(r) => {
                let f = failures(&task.checks, &r);
                if !f.is_empty() {
                    out.push((
                        part.clone(),
                        format!("task {part}: solution fails {f:?}\n{}", console(&r)),
                    ));
                }
            }
        }
        if prog
            .as_ref()
            .is_some_and(|p| failures(&task.checks, p).is_empty())
        {
            out.push((
                part.clone(),
                format!("task {part}: the untouched program already passes it"),
            ));
        }
    }
    out
}

#[test]
fn catalog_in_the_simulation() {
    let only = std::env::var("EXERCISE").ok();
    let mut green = Vec::new();
    let mut broken: Vec<String> = Vec::new();
    for ex in catalog() {
        if only.as_deref().is_some_and(|o| o != ex.id) {
            continue;
        }
        let mut p: Vec<(String, String)> = Vec::new();
        for &seed in SEEDS {
            for (part, msg) in problems(&ex, seed) {
                // The same failure under every seed is reported once.
                if !p.iter().any(|(q, _)| *q == part) {
                    p.push((part, format!("[seed {seed}] {msg}")));
                }
            }
        }
        let parts =
            std::iter::once("program".to_owned()).chain(ex.tasks.iter().map(|t| t.id.clone()));
        for part in parts {
            let key = format!("{}:{part}", ex.id);
            if p.iter().any(|(q, _)| *q == part) {
                broken.push(key);
            } else {
                green.push(key);
            }
        }
        for (_, msg) in &p {
            println!("--- {} ---\n{msg}", ex.id);
        }
        if p.is_empty() {
            green.push(ex.id.clone());
        } else {
            broken.push(ex.id.clone());
        }
    }
    let whole = |v: &[String]| {
        v.iter()
            .filter(|k| !k.contains(':'))
            .cloned()
            .collect::<Vec<_>>()
    };
    println!(
        "sim: {} exercises fully green: {}",
        whole(&green).len(),
        whole(&green).join(" ")
    );
    println!(
        "sim: {} not green: {}",
        whole(&broken).len(),
        whole(&broken).join(" ")
    );
    let parts_green = green.iter().filter(|k| k.contains(':')).count();
    let parts_all = parts_green + broken.iter().filter(|k| k.contains(':')).count();
    println!("sim: {parts_green} of {parts_all} parts (programs and tasks) green");
    // Filtered by `EXERCISE`, nothing ran if the id is unknown: that must not pass silently.
    assert!(
        !green.is_empty() || !broken.is_empty(),
        "no exercise has the id {only:?}"
    );
    assert!(
        broken.is_empty(),
        "not green in the simulation (see the report above): {:?}",
        whole(&broken)
    );
}
