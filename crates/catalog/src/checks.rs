//! Checks: small statements about a finished run ("some line contains `done`", "no two children
//! ran at the same time", "the run was at least 1.5x faster than its serial part") that decide
//! whether a program shows what an exercise or a task asks for.
//!
//! A check is written on one line of an exercise file (`matches "child <N> done" = 3`) and parsed
//! by [`parse_check`]; [`evaluate`] decides it on a [`RunResult`], the data every host has at the
//! end of a run (console, process table, state spans, trace, exit code), and explains the verdict
//! in both languages so the page can show it as is.
//!
//! Times are whatever the host's clock says (virtual in the simulation, real in the browser), so
//! checks on time compare ratios, never absolute durations.

use proclab_kernel::{
    BlockReason, Kernel, Output, Pid, ProcInfo, ProcState, Span, Stream, TraceEvent,
};

/// Everything a check may look at: the end state of one run.
#[derive(Clone, Debug, Default)]
pub struct RunResult {
    /// What each process printed, in arrival order.
    pub console: Vec<(Pid, Output)>,
    /// The process table in creation order; the first entry is the main process.
    pub procs: Vec<ProcInfo>,
    pub spans: Vec<Span>,
    pub trace: Vec<TraceEvent>,
    /// The main process's exit code (`None` if it never ended, e.g. after Stop).
    pub exit_code: Option<i32>,
    /// What the host itself reported about the run (e.g. the simulation's "deadlock: every
    /// process waits for another", or a limit that stopped it); the page shows these in the
    /// console too.
    pub host_messages: Vec<String>,
}

impl RunResult {
    /// Collects the result from a kernel whose run is over.
    pub fn from_kernel(k: &Kernel) -> RunResult {
        let procs = k.procs().to_vec();
        RunResult {
            console: k
                .console()
                .iter()
                .map(|(p, _, o)| (*p, o.clone()))
                .collect(),
            exit_code: procs.first().and_then(|p| p.exitcode),
            spans: k.spans(),
            trace: k.trace().to_vec(),
            procs,
            host_messages: Vec::new(),
        }
    }

    /// Console output as whole lines. Each process's (and stream's) text is cut into lines on
    /// its own, so that a line printed in several pieces stays whole even when another process
    /// printed in between; lines are ordered by the moment they were completed.
    pub fn lines(&self) -> Vec<Line> {
        let mut pending: Vec<(Pid, Stream, String)> = Vec::new();
        let mut out = Vec::new();
        for (pid, o) in &self.console {
            let idx = match pending
                .iter()
                .position(|(p, s, _)| p == pid && *s == o.stream)
            {
                Some(i) => i,
                None => {
                    pending.push((*pid, o.stream, String::new()));
                    pending.len() - 1
                }
            };
            let buf = &mut pending[idx].2;
            buf.push_str(&o.text);
            while let Some(nl) = buf.find('\n') {
                let text: String = buf.drain(..=nl).collect();
                out.push(Line {
                    pid: *pid,
                    stream: o.stream,
                    text: text.trim_end_matches(['\n', '\r']).to_owned(),
                });
            }
        }
        for (pid, stream, text) in pending {
            if !text.is_empty() {
                out.push(Line { pid, stream, text });
            }
        }
        out
    }

    fn main(&self) -> Option<&ProcInfo> {
        self.procs.first()
    }

    fn children(&self) -> &[ProcInfo] {
        self.procs.get(1..).unwrap_or(&[])
    }

    /// Running intervals of one process.
    fn running(&self, pid: Pid) -> Vec<(u64, u64)> {
        self.spans
            .iter()
            .filter(|s| s.pid == pid && s.state == ProcState::Running && s.end > s.start)
            .map(|s| (s.start, s.end))
            .collect()
    }

    /// From creation to end (or to the last moment the run recorded, if it never ended).
    fn alive(&self, p: &ProcInfo) -> (u64, u64) {
        (p.created, p.ended.unwrap_or_else(|| self.end_time()))
    }

    fn end_time(&self) -> u64 {
        let spans = self.spans.iter().map(|s| s.end);
        let ends = self.procs.iter().filter_map(|p| p.ended);
        spans.chain(ends).max().unwrap_or(0)
    }
}

/// One line of console output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub pid: Pid,
    pub stream: Stream,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Ge,
    Le,
    Gt,
    Lt,
}

impl Cmp {
    fn parse(s: &str) -> Option<Cmp> {
        Some(match s {
            "=" | "==" => Cmp::Eq,
            ">=" => Cmp::Ge,
            "<=" => Cmp::Le,
            ">" => Cmp::Gt,
            "<" => Cmp::Lt,
            _ => return None,
        })
    }
    fn holds<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Ge => a >= b,
            Cmp::Le => a <= b,
            Cmp::Gt => a > b,
            Cmp::Lt => a < b,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Eq => "=",
            Cmp::Ge => ">=",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Lt => "<",
        }
    }
}

/// Which interval of a process an overlap check compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interval {
    /// The spans in which it held a CPU.
    Running,
    /// From creation to its end.
    Alive,
}

/// A state a process can be seen in (for `state-seen`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateKind {
    Ready,
    Blocked,
    BlockedJoin,
    BlockedSleep,
}

impl StateKind {
    fn name(self) -> &'static str {
        match self {
            StateKind::Ready => "ready",
            StateKind::Blocked => "blocked",
            StateKind::BlockedJoin => "blocked-join",
            StateKind::BlockedSleep => "blocked-sleep",
        }
    }
    fn matches(self, s: &ProcState) -> bool {
        match self {
            StateKind::Ready => *s == ProcState::Ready,
            StateKind::Blocked => matches!(s, ProcState::Blocked(_)),
            StateKind::BlockedJoin => matches!(s, ProcState::Blocked(BlockReason::Join(_))),
            StateKind::BlockedSleep => matches!(s, ProcState::Blocked(BlockReason::Sleep)),
        }
    }
}

/// One check. The line syntax of each variant is given in its doc; strings are double-quoted
/// (`\"` and `\\` escape), numbers bare, `OP` is one of `= >= <= > <`.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// `contains "TEXT"`: some output line (stdout or stderr) contains TEXT.
    Contains(String),
    /// `not-contains "TEXT"`: no output line contains TEXT.
    NotContains(String),
    /// `lines OP N`: the number of stdout lines.
    Lines(Cmp, u64),
    /// `matches "PATTERN" [OP N]`: the number of output lines matching PATTERN (a whole-line
    /// pattern where `*` is any text and `<N>` a number); without `OP N`, at least one.
    Matches(String, Cmp, u64),
    /// `order "A" "B" ...`: a line containing A, then a later line containing B, and so on.
    Order(Vec<String>),
    /// `children OP N`: how many processes other than the main one were created.
    Children(Cmp, u64),
    /// `child-exitcodes N`: every child ended, with exit code N.
    ChildExitcodes(i32),
    /// `exitcode N`: the main process's exit code.
    Exitcode(i32),
    /// `some-exitcode N`: at least one process ended with exit code N (e.g. -15 after terminate).
    SomeExitcode(i32),
    /// `no-overlap running|alive`: no two children's intervals overlap (they ran one after another).
    NoOverlap(Interval),
    /// `overlap running|alive`: at least two children's intervals overlap.
    Overlap(Interval),
    /// `interleaved`: two children took turns on the CPU (A ran, then B, then A again): time slicing.
    Interleaved,
    /// `max-running OP N`: the largest number of processes running at the same moment.
    MaxRunning(Cmp, u64),
    /// `main-ends-last`: the main process ended after (or when) every child ended.
    MainEndsLast,
    /// `speedup OP F`: total CPU time of all processes divided by the run's wall time: above 1
    /// only if processes really ran in parallel.
    Speedup(Cmp, f64),
    /// `ratio "PATTERN_A" "PATTERN_B" OP F`: the first number on the first line matching A,
    /// divided by the first number on the first line matching B (e.g. serial time / pool time).
    Ratio(String, String, Cmp, f64),
    /// `exception NAME`: an uncaught exception of type NAME was reported on stderr.
    Exception(String),
    /// `deadlock`: a deadlock was reported: by the host ([`RunResult::host_messages`]) or by the
    /// program itself (an output line containing "deadlock", any case). The kernel has no trace
    /// event for it yet; when it gets one, this check should look at the trace too.
    Deadlock,
    /// `state-seen ready|blocked|blocked-join|blocked-sleep`: some process was in that state.
    StateSeen(StateKind),
    /// `daemons OP N`: how many daemon processes were created.
    Daemons(Cmp, u64),
    /// `printed-by main|child "PATTERN"`: at least one line matches PATTERN, and every such line
    /// was printed by the main process (`main`) or by other processes (`child`).
    PrintedBy(Printer, String),
}

/// Who printed a line, for [`Check::PrintedBy`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Printer {
    Main,
    Child,
}

/// What kind of evidence a check needs; a host that has only part of a [`RunResult`] (e.g. the
/// output of CPython) can skip the checks it cannot decide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The console and exit code only.
    Output,
    /// Times measured by the program or by the host: meaningful only on a host with a stable clock.
    Timing,
    /// The process table, spans or trace.
    Kernel,
}

impl Check {
    pub fn evidence(&self) -> Evidence {
        match self {
            Check::Contains(_)
            | Check::NotContains(_)
            | Check::Lines(..)
            | Check::Matches(..)
            | Check::Order(_)
            | Check::Exitcode(_)
            | Check::Exception(_)
            | Check::Deadlock => Evidence::Output,
            Check::Speedup(..) | Check::Ratio(..) => Evidence::Timing,
            _ => Evidence::Kernel,
        }
    }
}

impl Check {
    /// What the check asks for, in words, `(en, zh)`: what the page lists under a task before
    /// the learner runs anything.
    pub fn describe(&self) -> (String, String) {
        let op = |c: &Cmp| c.symbol();
        match self {
            Check::Contains(t) => (
                format!("the output contains {t:?}"),
                format!("输出中包含 {t:?}"),
            ),
            Check::NotContains(t) => (
                format!("the output does not contain {t:?}"),
                format!("输出中不包含 {t:?}"),
            ),
            Check::Lines(c, n) => (
                format!("stdout has {} {n} lines", op(c)),
                format!("标准输出行数 {} {n}", op(c)),
            ),
            Check::Matches(p, c, n) => (
                format!("lines like {p:?}: {} {n}", op(c)),
                format!("形如 {p:?} 的行数 {} {n}", op(c)),
            ),
            Check::Order(t) => (
                format!("these lines appear in this order: {}", t.join(" → ")),
                format!("这些行按此顺序出现：{}", t.join(" → ")),
            ),
            Check::Children(c, n) => (
                format!("child processes: {} {n}", op(c)),
                format!("子进程数 {} {n}", op(c)),
            ),
            Check::ChildExitcodes(n) => (
                format!("every child ends with exitcode {n}"),
                format!("每个子进程的 exitcode 都是 {n}"),
            ),
            Check::Exitcode(n) => (
                format!("the main process exits with code {n}"),
                format!("主进程的退出码是 {n}"),
            ),
            Check::SomeExitcode(n) => (
                format!("some process ends with exitcode {n}"),
                format!("有进程以 exitcode {n} 结束"),
            ),
            Check::NoOverlap(Interval::Running) => (
                "no two children run at the same time".into(),
                "任何两个子进程都不同时运行".into(),
            ),
            Check::NoOverlap(Interval::Alive) => (
                "the children live one after another".into(),
                "子进程一个接一个地存活".into(),
            ),
            Check::Overlap(Interval::Running) => (
                "at least two children run at the same time".into(),
                "至少有两个子进程同时运行".into(),
            ),
            Check::Overlap(Interval::Alive) => (
                "at least two children are alive at the same time".into(),
                "至少有两个子进程同时存活".into(),
            ),
            Check::Interleaved => (
                "two children take turns on a CPU".into(),
                "两个子进程轮流使用 CPU".into(),
            ),
            Check::MaxRunning(c, n) => (
                format!("processes running at once: {} {n}", op(c)),
                format!("同时运行的进程数 {} {n}", op(c)),
            ),
            Check::MainEndsLast => (
                "the main process ends after all its children".into(),
                "主进程在所有子进程之后结束".into(),
            ),
            Check::Speedup(c, f) => (
                format!("CPU time / wall time {} {f}", op(c)),
                format!("CPU 时间 / 实际耗时 {} {f}", op(c)),
            ),
            Check::Ratio(a, b, c, f) => (
                format!("the time on {a:?} / the time on {b:?} {} {f}", op(c)),
                format!("{a:?} 行的时间 / {b:?} 行的时间 {} {f}", op(c)),
            ),
            Check::Exception(n) => (
                format!("an uncaught {n} is reported"),
                format!("报告了未捕获的 {n}"),
            ),
            Check::Deadlock => ("a deadlock is reported".into(), "报告了死锁".into()),
            Check::StateSeen(k) => (
                format!("some process is {}", k.name()),
                format!("有进程处于 {} 状态", k.name()),
            ),
            Check::Daemons(c, n) => (
                format!("daemon processes: {} {n}", op(c)),
                format!("守护进程数 {} {n}", op(c)),
            ),
            Check::PrintedBy(Printer::Main, p) => (
                format!("lines like {p:?} are printed by the main process"),
                format!("形如 {p:?} 的行由主进程打印"),
            ),
            Check::PrintedBy(Printer::Child, p) => (
                format!("lines like {p:?} are printed by child processes"),
                format!("形如 {p:?} 的行由子进程打印"),
            ),
        }
    }
}

/// The verdicts of a list of checks (an exercise's, or a task's) on one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    pub outcomes: Vec<CheckOutcome>,
    /// Every check passed.
    pub passed: bool,
}

/// Evaluates every check of a list on `run`.
pub fn grade(checks: &[Check], run: &RunResult) -> Grade {
    let outcomes: Vec<CheckOutcome> = checks.iter().map(|c| evaluate(c, run)).collect();
    Grade {
        passed: outcomes.iter().all(|o| o.passed),
        outcomes,
    }
}

/// The verdict of one check, explained in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckOutcome {
    pub passed: bool,
    pub detail_en: String,
    pub detail_zh: String,
}

fn outcome(passed: bool, en: String, zh: String) -> CheckOutcome {
    CheckOutcome {
        passed,
        detail_en: en,
        detail_zh: zh,
    }
}

/// Decides `check` on `run`.
pub fn evaluate(check: &Check, run: &RunResult) -> CheckOutcome {
    let lines = run.lines();
    match check {
        Check::Contains(t) => match lines.iter().find(|l| l.text.contains(t.as_str())) {
            Some(l) => outcome(
                true,
                format!("Found {t:?} in: {}", l.text),
                format!("找到了 {t:?}：{}", l.text),
            ),
            None => outcome(
                false,
                format!("No output line contains {t:?}."),
                format!("没有任何输出行包含 {t:?}。"),
            ),
        },
        Check::NotContains(t) => match lines.iter().find(|l| l.text.contains(t.as_str())) {
            Some(l) => outcome(
                false,
                format!("{t:?} should not appear, but it does: {}", l.text),
                format!("不应出现 {t:?}，但出现了：{}", l.text),
            ),
            None => outcome(
                true,
                format!("{t:?} does not appear."),
                format!("没有出现 {t:?}。"),
            ),
        },
        Check::Lines(cmp, n) => {
            let got = lines.iter().filter(|l| l.stream == Stream::Stdout).count() as u64;
            counted(
                cmp.holds(got, *n),
                "stdout lines",
                "标准输出行数",
                got,
                *cmp,
                *n,
            )
        }
        Check::Matches(pat, cmp, n) => {
            let got = lines
                .iter()
                .filter(|l| pattern_matches(pat, &l.text))
                .count() as u64;
            counted(
                cmp.holds(got, *n),
                &format!("lines matching {pat:?}"),
                &format!("匹配 {pat:?} 的行数"),
                got,
                *cmp,
                *n,
            )
        }
        Check::Order(texts) => {
            let mut from = 0;
            for (i, t) in texts.iter().enumerate() {
                match lines[from..]
                    .iter()
                    .position(|l| l.text.contains(t.as_str()))
                {
                    Some(p) => from += p + 1,
                    None if i == 0 => {
                        return outcome(
                            false,
                            format!("No line contains {t:?}."),
                            format!("没有任何行包含 {t:?}。"),
                        )
                    }
                    None => {
                        let prev = &texts[i - 1];
                        return outcome(
                            false,
                            format!("No line containing {t:?} comes after the line with {prev:?}."),
                            format!("包含 {prev:?} 的行之后，没有包含 {t:?} 的行。"),
                        );
                    }
                }
            }
            outcome(
                true,
                format!("The lines appear in the expected order: {texts:?}."),
                format!("这些行按预期顺序出现：{texts:?}。"),
            )
        }
        Check::Children(cmp, n) => {
            let got = run.children().len() as u64;
            counted(
                cmp.holds(got, *n),
                "child processes",
                "子进程数",
                got,
                *cmp,
                *n,
            )
        }
        Check::ChildExitcodes(code) => {
            if run.children().is_empty() {
                return outcome(
                    false,
                    "There are no child processes.".into(),
                    "没有子进程。".into(),
                );
            }
            match run.children().iter().find(|p| p.exitcode != Some(*code)) {
                Some(p) => outcome(
                    false,
                    format!(
                        "{} (pid {}) has exitcode {}, expected {code}.",
                        p.name,
                        p.pid,
                        show_code(p.exitcode)
                    ),
                    format!(
                        "{}（pid {}）的 exitcode 是 {}，应为 {code}。",
                        p.name,
                        p.pid,
                        show_code(p.exitcode)
                    ),
                ),
                None => outcome(
                    true,
                    format!("Every child ended with exitcode {code}."),
                    format!("每个子进程的 exitcode 都是 {code}。"),
                ),
            }
        }
        Check::Exitcode(code) => outcome(
            run.exit_code == Some(*code),
            format!(
                "The main process's exit code is {}, expected {code}.",
                show_code(run.exit_code)
            ),
            format!(
                "主进程的退出码是 {}，应为 {code}。",
                show_code(run.exit_code)
            ),
        ),
        Check::SomeExitcode(code) => match run.procs.iter().find(|p| p.exitcode == Some(*code)) {
            Some(p) => outcome(
                true,
                format!("{} (pid {}) ended with exitcode {code}.", p.name, p.pid),
                format!("{}（pid {}）以 exitcode {code} 结束。", p.name, p.pid),
            ),
            None => outcome(
                false,
                format!("No process ended with exitcode {code}."),
                format!("没有进程以 exitcode {code} 结束。"),
            ),
        },
        Check::NoOverlap(which) | Check::Overlap(which) => {
            let want_overlap = matches!(check, Check::Overlap(_));
            let found = overlapping_pair(run, *which);
            let (what_en, what_zh) = match which {
                Interval::Running => ("ran on a CPU", "在 CPU 上运行"),
                Interval::Alive => ("were alive", "存活"),
            };
            match (found, want_overlap) {
                (Some((a, b)), true) => outcome(
                    true,
                    format!("pid {a} and pid {b} {what_en} at the same time."),
                    format!("pid {a} 和 pid {b} 同时{what_zh}。"),
                ),
                (None, true) => outcome(
                    false,
                    format!("No two children {what_en} at the same time."),
                    format!("没有两个子进程同时{what_zh}。"),
                ),
                (Some((a, b)), false) => outcome(
                    false,
                    format!(
                        "pid {a} and pid {b} {what_en} at the same time; they should take turns."
                    ),
                    format!("pid {a} 和 pid {b} 同时{what_zh}；它们应当一个接一个。"),
                ),
                (None, false) => outcome(
                    true,
                    format!("The children {what_en} one after another."),
                    format!("子进程一个接一个地{what_zh}。"),
                ),
            }
        }
        Check::Interleaved => match interleaved_pair(run) {
            Some((a, b)) => outcome(
                true,
                format!("pid {a} and pid {b} took turns on the CPU."),
                format!("pid {a} 和 pid {b} 轮流使用 CPU。"),
            ),
            None => outcome(
                false,
                "No two children took turns on the CPU: each ran to its end once started.".into(),
                "没有子进程轮流使用 CPU：每个进程一旦开始就一直运行到结束。".into(),
            ),
        },
        Check::MaxRunning(cmp, n) => {
            let got = max_running(run);
            counted(
                cmp.holds(got, *n),
                "processes running at once (at most)",
                "同时运行的进程数（最多）",
                got,
                *cmp,
                *n,
            )
        }
        Check::MainEndsLast => {
            let Some(main) = run.main() else {
                return outcome(false, "No process ran.".into(), "没有进程运行过。".into());
            };
            let Some(main_end) = main.ended else {
                return outcome(
                    false,
                    "The main process did not end.".into(),
                    "主进程没有结束。".into(),
                );
            };
            match run
                .children()
                .iter()
                .find(|c| c.ended.is_none_or(|e| e > main_end))
            {
                Some(c) => outcome(
                    false,
                    format!(
                        "{} (pid {}) was still alive when the main process ended.",
                        c.name, c.pid
                    ),
                    format!("主进程结束时，{}（pid {}）还活着。", c.name, c.pid),
                ),
                None => outcome(
                    true,
                    "The main process ended after all its children.".into(),
                    "主进程在所有子进程之后结束。".into(),
                ),
            }
        }
        Check::Speedup(cmp, f) => {
            let cpu: u64 = run.procs.iter().map(|p| p.cpu_us).sum();
            let start = run.main().map_or(0, |m| m.created);
            let wall = run.end_time().saturating_sub(start);
            if wall == 0 {
                return outcome(
                    false,
                    "The run took no time.".into(),
                    "运行没有耗时。".into(),
                );
            }
            let got = cpu as f64 / wall as f64;
            outcome(
                cmp.holds(got, *f),
                format!(
                    "CPU time {:.3}s over wall time {:.3}s: speedup {got:.2}, expected {} {f}.",
                    secs(cpu),
                    secs(wall),
                    cmp.symbol()
                ),
                format!(
                    "CPU 总时间 {:.3}s，实际耗时 {:.3}s：加速比 {got:.2}，应 {} {f}。",
                    secs(cpu),
                    secs(wall),
                    cmp.symbol()
                ),
            )
        }
        Check::Ratio(a, b, cmp, f) => {
            let num = |pat: &str| {
                lines
                    .iter()
                    .find(|l| pattern_matches(pat, &l.text))
                    .and_then(|l| first_number(&l.text))
            };
            match (num(a), num(b)) {
                (Some(x), Some(y)) if y > 0.0 => {
                    let got = x / y;
                    outcome(
                        cmp.holds(got, *f),
                        format!("{x} / {y} = {got:.2}, expected {} {f}.", cmp.symbol()),
                        format!("{x} / {y} = {got:.2}，应 {} {f}。", cmp.symbol()),
                    )
                }
                (Some(_), Some(_)) => outcome(
                    false,
                    format!("The line matching {b:?} shows 0."),
                    format!("匹配 {b:?} 的行显示 0。"),
                ),
                (x, _) => {
                    let missing = if x.is_none() { a } else { b };
                    outcome(
                        false,
                        format!("No line with a number matches {missing:?}."),
                        format!("没有带数字的行匹配 {missing:?}。"),
                    )
                }
            }
        }
        Check::Exception(name) => {
            let hit = lines
                .iter()
                .find(|l| l.stream == Stream::Stderr && is_exception_line(&l.text, name));
            match hit {
                Some(l) => outcome(
                    true,
                    format!("Uncaught {name}: {}", l.text),
                    format!("未捕获的 {name}：{}", l.text),
                ),
                None => outcome(
                    false,
                    format!("No uncaught {name} was reported."),
                    format!("没有报告未捕获的 {name}。"),
                ),
            }
        }
        Check::Deadlock => {
            let said = |t: &str| t.to_lowercase().contains("deadlock");
            let host = run.host_messages.iter().find(|m| said(m));
            let printed = lines.iter().find(|l| said(&l.text)).map(|l| &l.text);
            match host.or(printed) {
                Some(l) => outcome(
                    true,
                    format!("Deadlock reported: {l}"),
                    format!("报告了死锁：{l}"),
                ),
                None => outcome(
                    false,
                    "No deadlock was reported.".into(),
                    "没有报告死锁。".into(),
                ),
            }
        }
        Check::StateSeen(kind) => {
            let in_spans = run
                .spans
                .iter()
                .find(|s| kind.matches(&s.state))
                .map(|s| s.pid);
            let in_trace = || {
                run.trace.iter().find_map(|e| match &e.kind {
                    proclab_kernel::TraceKind::State(s) if kind.matches(s) => Some(e.pid),
                    _ => None,
                })
            };
            match in_spans.or_else(in_trace) {
                Some(pid) => outcome(
                    true,
                    format!("pid {pid} was {}.", kind.name()),
                    format!("pid {pid} 处于 {} 状态。", kind.name()),
                ),
                None => outcome(
                    false,
                    format!("No process was ever {}.", kind.name()),
                    format!("没有进程处于过 {} 状态。", kind.name()),
                ),
            }
        }
        Check::Daemons(cmp, n) => {
            let got = run.procs.iter().filter(|p| p.daemon).count() as u64;
            counted(
                cmp.holds(got, *n),
                "daemon processes",
                "守护进程数",
                got,
                *cmp,
                *n,
            )
        }
        Check::PrintedBy(who, pat) => {
            let main_pid = run.main().map(|m| m.pid);
            let hits: Vec<&Line> = lines
                .iter()
                .filter(|l| pattern_matches(pat, &l.text))
                .collect();
            let (who_en, who_zh) = match who {
                Printer::Main => ("the main process", "主进程"),
                Printer::Child => ("a child process", "子进程"),
            };
            let wrong = hits
                .iter()
                .find(|l| (Some(l.pid) == main_pid) != (*who == Printer::Main));
            match (hits.first(), wrong) {
                (None, _) => outcome(
                    false,
                    format!("No line matches {pat:?}."),
                    format!("没有行匹配 {pat:?}。"),
                ),
                (Some(_), Some(l)) => outcome(
                    false,
                    format!("pid {} printed {:?}; expected {who_en}.", l.pid, l.text),
                    format!("pid {} 打印了 {:?}；应由{who_zh}打印。", l.pid, l.text),
                ),
                (Some(_), None) => outcome(
                    true,
                    format!("Every line matching {pat:?} was printed by {who_en}."),
                    format!("所有匹配 {pat:?} 的行都由{who_zh}打印。"),
                ),
            }
        }
    }
}

fn counted(passed: bool, what_en: &str, what_zh: &str, got: u64, cmp: Cmp, n: u64) -> CheckOutcome {
    outcome(
        passed,
        format!("{what_en}: {got}, expected {} {n}.", cmp.symbol()),
        format!("{what_zh}：{got}，应 {} {n}。", cmp.symbol()),
    )
}

fn show_code(c: Option<i32>) -> String {
    c.map_or_else(|| "None".to_owned(), |c| c.to_string())
}

fn secs(us: u64) -> f64 {
    us as f64 / 1e6
}

/// Two children whose intervals share a moment of positive length.
fn overlapping_pair(run: &RunResult, which: Interval) -> Option<(Pid, Pid)> {
    let kids = run.children();
    let intervals: Vec<(Pid, Vec<(u64, u64)>)> = kids
        .iter()
        .map(|p| match which {
            Interval::Running => (p.pid, run.running(p.pid)),
            Interval::Alive => (p.pid, vec![run.alive(p)]),
        })
        .collect();
    for (i, (a, ia)) in intervals.iter().enumerate() {
        for (b, ib) in &intervals[i + 1..] {
            let hit = ia
                .iter()
                .any(|x| ib.iter().any(|y| x.0.max(y.0) < x.1.min(y.1)));
            if hit {
                return Some((*a, *b));
            }
        }
    }
    None
}

/// Two children A and B such that A ran, then B ran, then A ran again.
fn interleaved_pair(run: &RunResult) -> Option<(Pid, Pid)> {
    let kids = run.children();
    for a in kids {
        let ra = run.running(a.pid);
        for b in kids {
            if a.pid == b.pid {
                continue;
            }
            let rb = run.running(b.pid);
            let hit = rb
                .iter()
                .any(|y| ra.iter().any(|x| x.1 <= y.0) && ra.iter().any(|x| x.0 >= y.1));
            if hit {
                return Some((a.pid, b.pid));
            }
        }
    }
    None
}

fn max_running(run: &RunResult) -> u64 {
    // Sweep: ends sort before starts at the same instant, so back-to-back spans do not count
    // as overlapping.
    let mut events: Vec<(u64, i64)> = run
        .spans
        .iter()
        .filter(|s| s.state == ProcState::Running && s.end > s.start)
        .flat_map(|s| [(s.start, 1), (s.end, -1)])
        .collect();
    proclab_kernel::sort_by(&mut events, |a, b| a.cmp(b));
    let (mut cur, mut best) = (0i64, 0i64);
    for (_, d) in events {
        cur += d;
        best = best.max(cur);
    }
    best as u64
}

/// `Traceback` tails look like `ZeroDivisionError: division by zero`, or with a module path
/// (`multiprocessing.context.TimeoutError`), or the bare name when the message is empty.
fn is_exception_line(line: &str, name: &str) -> bool {
    let head = line.split(':').next().unwrap_or("").trim();
    head == name || head.ends_with(&format!(".{name}"))
}

/// The first number in a line (integer or decimal, optionally negative).
fn first_number(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() {
            let start = if i > 0 && b[i - 1] == b'-' { i - 1 } else { i };
            let len = number_len(&s[i..]);
            return s[start..i + len].parse().ok();
        }
        i += 1;
    }
    None
}

/// Length of the number (`123` or `1.5`) at the start of `s`, 0 if none.
fn number_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    if i > 0 && i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    i
}

/// Whole-line match of a pattern where `*` is any text (possibly empty) and `<N>` is a number
/// (`-?\d+(\.\d+)?`); everything else is literal.
pub fn pattern_matches(pattern: &str, text: &str) -> bool {
    fn go(p: &str, t: &str) -> bool {
        if p.is_empty() {
            return t.is_empty();
        }
        if let Some(rest) = p.strip_prefix('*') {
            return (0..=t.len())
                .filter(|i| t.is_char_boundary(*i))
                .any(|i| go(rest, &t[i..]));
        }
        if let Some(rest) = p.strip_prefix("<N>") {
            let digits_at = usize::from(t.starts_with('-'));
            let n = number_len(&t[digits_at..]);
            // Any prefix of the number that is itself a number may be what `<N>` stands for
            // (`<N>0` must match "100"), so try each, longest first.
            return (1..=n).rev().any(|k| {
                let cand = &t[digits_at..digits_at + k];
                !cand.ends_with('.') && go(rest, &t[digits_at + k..])
            });
        }
        let c = p.chars().next().expect("non-empty");
        t.starts_with(c) && go(&p[c.len_utf8()..], &t[c.len_utf8()..])
    }
    go(pattern, text)
}

/// Splits a check line into words and double-quoted strings.
fn tokenize(line: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '"' {
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next() {
                    None => return Err("unterminated string".into()),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(e @ ('"' | '\\')) => s.push(e),
                        Some('n') => s.push('\n'),
                        _ => return Err("bad escape in string".into()),
                    },
                    Some(c) => s.push(c),
                }
            }
            out.push(s);
        } else {
            let mut s = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '"' {
                    break;
                }
                s.push(c);
                chars.next();
            }
            out.push(s);
        }
    }
    Ok(out)
}

/// Parses one check line (see [`Check`] for the syntax of each kind).
pub fn parse_check(line: &str) -> Result<Check, String> {
    let toks = tokenize(line)?;
    let (kind, args) = toks.split_first().ok_or("empty check")?;
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let bad = || format!("bad arguments for `{kind}`: {line}");
    let int = |s: &str| s.parse::<i64>().map_err(|_| bad());
    let count = |a: &[&str]| -> Result<(Cmp, u64), String> {
        match a {
            [op, n] => Ok((
                Cmp::parse(op).ok_or_else(bad)?,
                n.parse::<u64>().map_err(|_| bad())?,
            )),
            _ => Err(bad()),
        }
    };
    let one = |a: &[&str]| -> Result<String, String> {
        match a {
            [s] => Ok((*s).to_owned()),
            _ => Err(bad()),
        }
    };
    let interval = |a: &[&str]| match a {
        ["running"] => Ok(Interval::Running),
        ["alive"] => Ok(Interval::Alive),
        _ => Err(bad()),
    };
    let float_cmp = |a: &[&str]| -> Result<(Cmp, f64), String> {
        match a {
            [op, f] => Ok((
                Cmp::parse(op).ok_or_else(bad)?,
                f.parse::<f64>().map_err(|_| bad())?,
            )),
            _ => Err(bad()),
        }
    };
    let code = |a: &[&str]| -> Result<i32, String> {
        match a {
            [n] => int(n).map(|n| n as i32),
            _ => Err(bad()),
        }
    };
    let none = |a: &[&str]| if a.is_empty() { Ok(()) } else { Err(bad()) };
    Ok(match kind.as_str() {
        "contains" => Check::Contains(one(&args)?),
        "not-contains" => Check::NotContains(one(&args)?),
        "lines" => {
            let (c, n) = count(&args)?;
            Check::Lines(c, n)
        }
        "matches" => match args.as_slice() {
            [p] => Check::Matches((*p).to_owned(), Cmp::Ge, 1),
            [p, rest @ ..] => {
                let (c, n) = count(rest)?;
                Check::Matches((*p).to_owned(), c, n)
            }
            _ => return Err(bad()),
        },
        "order" if args.len() >= 2 => Check::Order(args.iter().map(|s| (*s).to_owned()).collect()),
        "children" => {
            let (c, n) = count(&args)?;
            Check::Children(c, n)
        }
        "child-exitcodes" => Check::ChildExitcodes(code(&args)?),
        "exitcode" => Check::Exitcode(code(&args)?),
        "some-exitcode" => Check::SomeExitcode(code(&args)?),
        "no-overlap" => Check::NoOverlap(interval(&args)?),
        "overlap" => Check::Overlap(interval(&args)?),
        "interleaved" => {
            none(&args)?;
            Check::Interleaved
        }
        "max-running" => {
            let (c, n) = count(&args)?;
            Check::MaxRunning(c, n)
        }
        "main-ends-last" => {
            none(&args)?;
            Check::MainEndsLast
        }
        "speedup" => {
            let (c, f) = float_cmp(&args)?;
            Check::Speedup(c, f)
        }
        "ratio" => match args.as_slice() {
            [a, b, rest @ ..] => {
                let (c, f) = float_cmp(rest)?;
                Check::Ratio((*a).to_owned(), (*b).to_owned(), c, f)
            }
            _ => return Err(bad()),
        },
        "exception" => Check::Exception(one(&args)?),
        "deadlock" => {
            none(&args)?;
            Check::Deadlock
        }
        "state-seen" => Check::StateSeen(match args.as_slice() {
            ["ready"] => StateKind::Ready,
            ["blocked"] => StateKind::Blocked,
            ["blocked-join"] => StateKind::BlockedJoin,
            ["blocked-sleep"] => StateKind::BlockedSleep,
            _ => return Err(bad()),
        }),
        "daemons" => {
            let (c, n) = count(&args)?;
            Check::Daemons(c, n)
        }
        "printed-by" => match args.as_slice() {
            ["main", p] => Check::PrintedBy(Printer::Main, (*p).to_owned()),
            ["child", p] => Check::PrintedBy(Printer::Child, (*p).to_owned()),
            _ => return Err(bad()),
        },
        _ => return Err(format!("unknown check `{kind}`")),
    })
}

#[cfg(test)]
mod tests;
