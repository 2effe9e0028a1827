//! Golden programs: every `tests/cases/*.py` runs in the simulation host and its output must
//! match the `.out` recorded from python3, under the mode the program declares (see
//! `proclab_sim::compare`). Defaults: seed 1, 4 CPUs, round robin; `# args: --cpus 2 --seed 7
//! --policy fcfs` overrides them. Set `GOLDEN_FILTER=substring` to run only matching cases.
//!
//! Each case runs with a wall-clock budget and inside `catch_unwind`, so that one hanging or
//! panicking case is reported as such instead of taking the whole suite down.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proclab_sim::compare::{compare, header};
use proclab_sim::{Policy, Sim, SimConfig};

/// Wall-clock budget of one case (python3 runs each in under a second).
const WALL_BUDGET: Duration = Duration::from_secs(20);

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

/// Applies `# args:` to the defaults.
fn config(args: &[String]) -> Result<SimConfig, String> {
    let mut cfg = SimConfig {
        seed: 1,
        cpus: 4,
        ..SimConfig::default()
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it.next().ok_or_else(|| format!("{a} needs a value"))?;
        match a.as_str() {
            "--seed" => cfg.seed = v.parse().map_err(|_| format!("bad seed {v}"))?,
            "--cpus" => cfg.cpus = v.parse().map_err(|_| format!("bad cpus {v}"))?,
            "--policy" => {
                cfg.policy = match v.as_str() {
                    "fcfs" => Policy::Fcfs,
                    "rr" => Policy::RoundRobin,
                    "priority" => Policy::Priority,
                    _ => return Err(format!("bad policy {v}")),
                }
            }
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    Ok(cfg)
}

/// Runs one program; its stdout and stderr merged as a terminal shows them.
fn run_case(source: &str, filename: &str, cfg: SimConfig) -> String {
    let mut sim = match Sim::new(source, filename, cfg) {
        Ok(sim) => sim,
        Err(text) => return text,
    };
    let mut out = String::new();
    let started = Instant::now();
    let mut seen = 0;
    loop {
        let more = sim.step();
        for (_, _, o) in &sim.kernel().console()[seen..] {
            out.push_str(&o.text);
        }
        seen = sim.kernel().console().len();
        if !more {
            break;
        }
        if started.elapsed() > WALL_BUDGET {
            sim.stop();
            out.push_str(&format!(
                "proclab: [golden] gave up after {} s of real time\n",
                WALL_BUDGET.as_secs()
            ));
            return out;
        }
    }
    if let Some(reason) = sim.stop_reason() {
        out.push_str(&format!("proclab: {reason}\n"));
    }
    out
}

/// The first lines of both texts, for the failure report.
fn excerpt(label: &str, text: &str) -> String {
    let lines: Vec<&str> = text.lines().take(6).collect();
    let more = if text.lines().count() > 6 {
        "\n      ..."
    } else {
        ""
    };
    format!("    {label}:\n      {}{more}", lines.join("\n      "))
}

#[test]
fn golden_programs() {
    check_cases(0);
}

/// The same programs with the kernel lending queue and pipe items to their only reader, as the
/// browser host does (`Config::lease_max`): the output must not change. Only the virtual
/// times do (fewer syscalls), so this runs every case again.
#[test]
fn golden_programs_with_lent_items() {
    check_cases(8);
}

fn check_cases(lease_max: u32) {
    let dir = cases_dir();
    let filter = std::env::var("GOLDEN_FILTER").unwrap_or_default();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| e.file_name().to_str().map(String::from))
                .filter(|n| n.ends_with(".py") && n.contains(filter.as_str()))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    assert!(
        !names.is_empty(),
        "no golden cases in {} (filter {filter:?})",
        dir.display()
    );
    // Panics are reported per case below; the default hook would print each one as well.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failures = Vec::new();
    for name in &names {
        let path = dir.join(name);
        let source = std::fs::read_to_string(&path).expect("readable case");
        let expected = match std::fs::read_to_string(path.with_extension("out")) {
            Ok(e) => e,
            Err(_) => {
                failures.push(format!("{name}: no .out file"));
                continue;
            }
        };
        let (mode, args) = header(&source);
        let (mode, cfg) = match (mode, config(&args)) {
            (Ok(m), Ok(c)) => (m, SimConfig { lease_max, ..c }),
            (Err(e), _) | (_, Err(e)) => {
                failures.push(format!("{name}: bad header: {e}"));
                continue;
            }
        };
        let actual = match catch_unwind(AssertUnwindSafe(|| run_case(&source, name, cfg))) {
            Ok(out) => out,
            Err(panic) => {
                let msg = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{name}: panicked: {msg}"));
                continue;
            }
        };
        if let Err(diff) = compare(&expected, &actual, name, &mode) {
            failures.push(format!(
                "{name} ({mode:?}): {diff}\n{}\n{}",
                excerpt("expected", &expected),
                excerpt("got", &actual)
            ));
        }
    }
    drop(std::panic::take_hook());
    let passed = names.len() - failures.len();
    println!("golden: {passed} passed of {}", names.len());
    // The ratchet: cases listed in known-failures.txt may fail (each line says why); any other
    // failure fails the test, and so does a listed case that now passes (take it off the list).
    let known = known_failures(&dir);
    let failed_names: Vec<&str> = failures
        .iter()
        .map(|f| f.split([':', ' ']).next().unwrap_or(""))
        .collect();
    let unexpected: Vec<&String> = failures
        .iter()
        .filter(|f| !known.iter().any(|k| f.starts_with(&format!("{k}.py"))))
        .collect();
    let fixed: Vec<&String> = known
        .iter()
        .filter(|k| {
            names.contains(&format!("{k}.py"))
                && !failed_names.contains(&format!("{k}.py").as_str())
        })
        .collect();
    println!(
        "golden: {} known failures (tests/cases/known-failures.txt)",
        known.len()
    );
    if !unexpected.is_empty() || !fixed.is_empty() {
        panic!(
            "{} golden case(s) failed that are not known failures:\n{}\n{} known failure(s) now pass \
             (remove them from tests/cases/known-failures.txt): {:?}\ngolden: {passed} passed of {}",
            unexpected.len(),
            unexpected.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n"),
            fixed.len(),
            fixed,
            names.len()
        );
    }
}

/// The case names listed in `known-failures.txt` (first word of each non-comment line).
fn known_failures(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(dir.join("known-failures.txt"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(String::from))
        .collect()
}
