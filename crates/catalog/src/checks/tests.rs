//! The engine on hand-made runs: each check kind both passes and fails on purpose.

use super::*;
use proclab_kernel::{ProcState, TraceKind};

fn out(pid: Pid, text: &str) -> (Pid, Output) {
    (
        pid,
        Output {
            stream: Stream::Stdout,
            text: text.into(),
        },
    )
}

fn err(pid: Pid, text: &str) -> (Pid, Output) {
    (
        pid,
        Output {
            stream: Stream::Stderr,
            text: text.into(),
        },
    )
}

fn proc_(pid: Pid, ppid: Pid, created: u64, ended: u64, exitcode: i32, cpu_us: u64) -> ProcInfo {
    ProcInfo {
        pid,
        ppid,
        name: if pid == 100 {
            "MainProcess".into()
        } else {
            format!("Process-{}", pid - 100)
        },
        state: ProcState::Terminated,
        daemon: false,
        exitcode: Some(exitcode),
        cpu_us,
        created,
        ended: Some(ended),
        priority: 0,
        instructions: 0,
    }
}

fn run_span(pid: Pid, start: u64, end: u64) -> Span {
    Span {
        pid,
        state: ProcState::Running,
        start,
        end,
    }
}

/// Main (100) starts two children that run one after another on one CPU.
fn sequential() -> RunResult {
    RunResult {
        console: vec![
            out(100, "main start\n"),
            out(101, "child "),
            out(102, "other 7\n"),
            out(101, "1 done\n"),
            out(102, "child 2 done\n"),
            out(100, "main end\n"),
        ],
        procs: vec![
            proc_(100, 99, 0, 100, 0, 20),
            proc_(101, 100, 5, 50, 0, 40),
            proc_(102, 100, 6, 90, 0, 40),
        ],
        spans: vec![
            run_span(100, 0, 10),
            run_span(101, 10, 50),
            run_span(102, 50, 90),
            Span {
                pid: 100,
                state: ProcState::Blocked(proclab_kernel::BlockReason::Join(101)),
                start: 10,
                end: 95,
            },
            run_span(100, 95, 100),
        ],
        trace: vec![],
        exit_code: Some(0),
        host_messages: vec![],
    }
}

/// Two children on two CPUs at once, main ends first, one child terminated.
fn parallel() -> RunResult {
    let mut r = RunResult {
        console: vec![
            out(101, "a\n"),
            out(102, "b\n"),
            err(100, "Traceback (most recent call last):\n"),
            err(100, "ZeroDivisionError: division by zero\n"),
        ],
        procs: vec![
            proc_(100, 99, 0, 30, 1, 10),
            proc_(101, 100, 5, 60, -15, 50),
            proc_(102, 100, 6, 60, 0, 50),
        ],
        spans: vec![
            run_span(100, 0, 10),
            run_span(101, 10, 60),
            run_span(102, 10, 60),
        ],
        trace: vec![TraceEvent {
            seq: 0,
            t: 3,
            pid: 100,
            kind: TraceKind::State(ProcState::Ready),
        }],
        exit_code: Some(1),
        host_messages: vec![],
    };
    r.procs[1].daemon = true;
    r
}

fn check(line: &str, run: &RunResult) -> bool {
    let c = parse_check(line).unwrap_or_else(|e| panic!("{line}: {e}"));
    let o = evaluate(&c, run);
    assert!(!o.detail_en.is_empty() && !o.detail_zh.is_empty());
    o.passed
}

#[test]
fn lines_are_rebuilt_per_process() {
    let lines: Vec<String> = sequential().lines().into_iter().map(|l| l.text).collect();
    assert_eq!(
        lines,
        [
            "main start",
            "other 7",
            "child 1 done",
            "child 2 done",
            "main end"
        ]
    );
}

#[test]
fn output_checks() {
    let s = sequential();
    assert!(check(r#"contains "child 1 done""#, &s));
    assert!(!check(r#"contains "child 3""#, &s));
    assert!(check(r#"not-contains "Traceback""#, &s));
    assert!(!check(r#"not-contains "main""#, &s));
    assert!(check("lines = 5", &s));
    assert!(!check("lines > 5", &s));
    assert!(check(r#"matches "child <N> done" = 2"#, &s));
    assert!(check(r#"matches "*<N>""#, &s));
    assert!(!check(r#"matches "child <N>""#, &s));
    assert!(check(
        r#"order "main start" "child 1" "child 2" "main end""#,
        &s
    ));
    assert!(!check(r#"order "child 2" "child 1""#, &s));
    assert!(!check(r#"order "nothing" "child 1""#, &s));
    assert!(check("exitcode 0", &s));
    assert!(!check("exitcode 1", &s));
}

#[test]
fn exceptions_and_deadlock() {
    let p = parallel();
    assert!(check("exception ZeroDivisionError", &p));
    assert!(!check("exception ValueError", &p));
    assert!(!check("exception ZeroDivisionError", &sequential()));
    let t = RunResult {
        console: vec![err(5, "multiprocessing.context.TimeoutError\n")],
        ..RunResult::default()
    };
    assert!(check("exception TimeoutError", &t));
    assert!(!check("deadlock", &p));
    let d = RunResult {
        console: vec![out(5, "Deadlock: every process waits\n")],
        ..RunResult::default()
    };
    assert!(check("deadlock", &d));
    let h = RunResult {
        host_messages: vec!["deadlock: every process waits for another: 5 (blocked)".into()],
        ..RunResult::default()
    };
    assert!(check("deadlock", &h));
}

#[test]
fn process_table_checks() {
    let (s, p) = (sequential(), parallel());
    assert!(check("children = 2", &s));
    assert!(!check("children >= 3", &s));
    assert!(check("child-exitcodes 0", &s));
    assert!(!check("child-exitcodes 0", &p));
    assert!(check("some-exitcode -15", &p));
    assert!(!check("some-exitcode -15", &s));
    assert!(!check("child-exitcodes 0", &RunResult::default()));
    assert!(check("main-ends-last", &s));
    assert!(!check("main-ends-last", &p));
    assert!(check("daemons = 1", &p));
    assert!(check("daemons = 0", &s));
    assert!(check(r#"printed-by main "main *""#, &s));
    assert!(check(r#"printed-by child "child <N> done""#, &s));
    assert!(!check(r#"printed-by main "child <N> done""#, &s));
    assert!(!check(r#"printed-by child "*""#, &s));
    assert!(!check(r#"printed-by child "nobody""#, &s));
}

#[test]
fn timeline_checks() {
    let (s, p) = (sequential(), parallel());
    assert!(check("no-overlap running", &s));
    assert!(!check("overlap running", &s));
    assert!(check("overlap running", &p));
    assert!(!check("no-overlap running", &p));
    // Alive intervals of the sequential run overlap (both were created before either ran).
    assert!(check("overlap alive", &s));
    assert!(check("max-running = 1", &s));
    assert!(check("max-running = 3", &p) || check("max-running = 2", &p));
    assert!(!check("max-running <= 1", &p));
    assert!(check("state-seen blocked-join", &s));
    assert!(check("state-seen blocked", &s));
    assert!(!check("state-seen blocked-sleep", &s));
    assert!(check("state-seen ready", &p));
    assert!(!check("interleaved", &s));
    let mut rr = sequential();
    rr.spans = vec![
        run_span(101, 10, 20),
        run_span(102, 20, 30),
        run_span(101, 30, 40),
    ];
    assert!(check("interleaved", &rr));
}

#[test]
fn timing_checks() {
    let (s, p) = (sequential(), parallel());
    // sequential: cpu 100 over wall 100; parallel: cpu 110 over wall 60.
    assert!(check("speedup <= 1.0", &s));
    assert!(check("speedup >= 1.5", &p));
    assert!(!check("speedup >= 1.5", &s));
    let t = RunResult {
        console: vec![out(1, "serial: 2.00 s\n"), out(1, "pool: 0.80 s\n")],
        ..RunResult::default()
    };
    assert!(check(r#"ratio "serial*" "pool*" >= 2.5"#, &t));
    assert!(!check(r#"ratio "serial*" "pool*" >= 3"#, &t));
    assert!(!check(r#"ratio "missing*" "pool*" >= 1"#, &t));
}

#[test]
fn patterns() {
    assert!(pattern_matches("child <N> done", "child 12 done"));
    assert!(pattern_matches("t=<N>s", "t=0.25s"));
    assert!(pattern_matches("<N>0", "100"));
    assert!(pattern_matches("x <N>", "x -3"));
    assert!(!pattern_matches("x <N>", "x abc"));
    assert!(!pattern_matches("x <N>", "x 3 more"));
    assert!(pattern_matches("*进程*", "子进程 3"));
    assert!(pattern_matches("a*b*c", "aXXbYYc"));
    assert!(!pattern_matches("a*b*c", "aXXbYY"));
}

#[test]
fn parse_errors() {
    for bad in [
        "",
        "contains",
        "contains \"unterminated",
        "lines ~ 3",
        "children = -1",
        "order \"only one\"",
        "no-overlap sometimes",
        "speedup >= fast",
        "deadlock now",
        "teleport",
    ] {
        assert!(parse_check(bad).is_err(), "{bad:?} should not parse");
    }
    assert_eq!(
        parse_check(r#"contains "say \"hi\"""#).unwrap(),
        Check::Contains("say \"hi\"".into())
    );
}

#[test]
fn grading_and_descriptions() {
    let s = sequential();
    let checks = [
        parse_check("children = 2").unwrap(),
        parse_check("exitcode 1").unwrap(),
    ];
    let g = grade(&checks, &s);
    assert!(!g.passed);
    assert_eq!(g.outcomes.iter().filter(|o| o.passed).count(), 1);
    assert!(grade(&checks[..1], &s).passed);
    let (en, zh) = checks[0].describe();
    assert!(en.contains("child processes") && zh.contains("子进程"));
}
