//! Property test: whatever the program, the interpreter never panics, never aborts the process
//! (memory bombs raise MemoryError/OverflowError), executes at most `budget` (+ a small slack)
//! instructions per `run` call, and returns from every `run` call promptly.
//!
//! Programs come from mutating the golden programs (`tests/cases/*.py`) and from a small random
//! grammar. Everything is deterministic: each iteration seeds its own xorshift generator from the
//! iteration number, so a failure report ("iteration N") reproduces exactly. `FUZZ_ITERS=N`
//! runs more (or fewer) iterations than the default.

use proclab_interp::{Interp, Reply, Step, Syscall};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// Instructions per `run` call.
const BUDGET: u32 = 10_000;
/// How far past the budget one `run` call may go. The dispatch loop checks the budget before each
/// instruction, counting the work of nested loops (builtin callbacks such as `sorted(key=)`,
/// imports of prelude modules); those cannot yield, so the one instruction that ends a budget may
/// run one capped nested loop (`vm::MAX_CALLBACK_INSTRUCTIONS`) past it, but no more.
const SLACK: u64 = proclab_interp::vm::MAX_CALLBACK_INSTRUCTIONS + 16;
/// `run` calls per program (all its processes together) before we stop it as "still yielding".
const MAX_CALLS: usize = 60;
/// Processes one program may fork before forks fail with OSError.
const MAX_PROCS: usize = 4;
/// Wall-clock limit for one `run` call (or for `Interp::new`). A call should take milliseconds;
/// the limit is generous because the test machine may be busy, and debug builds are ~20x slower.
const CALL_LIMIT: Duration = Duration::from_secs(if cfg!(debug_assertions) { 60 } else { 10 });

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // SplitMix-style scramble so neighbouring seeds give unrelated streams; never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Why a program failed the property (printed with `{:?}` in the failure report).
#[derive(Debug)]
#[allow(dead_code)]
enum Failure {
    Panic(String),
    Overrun { budget: u32, ran: u64 },
    Hang(&'static str),
}

/// What the worker thread tells the watchdog after each call.
enum Msg {
    Progress,
    /// The program did not compile (counted, to keep the mix of programs honest).
    Syntax,
    Fail(Failure),
    Done,
}

/// Answers a syscall as a tiny, forgetful kernel would.
fn reply_for(call: &Syscall, pid: u32, rng: &mut Rng, clock: &mut f64) -> Reply {
    *clock += 0.001;
    if rng.chance(5) {
        return Reply::Error {
            kind: "OSError".into(),
            msg: "fuzz host says no".into(),
        };
    }
    match call {
        Syscall::Fork { .. } => unreachable!("handled by the caller"),
        Syscall::Sleep { secs } => {
            if secs.is_finite() && *secs > 0.0 {
                *clock += secs;
            }
            Reply::None
        }
        Syscall::Time => Reply::Float(1_700_000_000.0 + *clock),
        Syscall::Monotonic => Reply::Float(*clock),
        Syscall::GetPid => Reply::Int(pid as i64),
        Syscall::GetPpid => Reply::Int(1),
        Syscall::Join { .. } | Syscall::Poll { .. } => Reply::ExitCode(Some(0)),
        Syscall::Kill { .. } => Reply::None,
        Syscall::CpuCount => Reply::Int(2),
        Syscall::Create { .. } => Reply::Int(1 + rng.below(8) as i64),
        Syscall::Put { .. } => Reply::None,
        Syscall::Get { .. } => Reply::Error {
            kind: "queue.Empty".into(),
            msg: String::new(),
        },
        Syscall::Query { q, .. } => match q {
            proclab_abi::QueueQuery::Size => Reply::Int(0),
            proclab_abi::QueueQuery::Empty => Reply::Bool(true),
            _ => Reply::Bool(false),
        },
        Syscall::TaskDone { .. }
        | Syscall::QueueJoin { .. }
        | Syscall::Close { .. }
        | Syscall::Release { .. }
        | Syscall::EventSet { .. }
        | Syscall::EventClear { .. }
        | Syscall::CondNotify { .. }
        | Syscall::Store { .. }
        | Syscall::WriteFile { .. }
        | Syscall::SetThread { .. } => Reply::None,
        Syscall::Acquire { .. } | Syscall::EventWait { .. } | Syscall::CondWait { .. } => {
            Reply::Bool(true)
        }
        Syscall::EventIsSet { .. } => Reply::Bool(false),
        Syscall::BarrierWait { .. } => Reply::Int(0),
        Syscall::Nice { inc } => Reply::Int(*inc as i64),
        Syscall::ReadFile { path } | Syscall::RemoveFile { path } => Reply::Error {
            kind: "FileNotFoundError".into(),
            msg: format!("[Errno 2] No such file or directory: '{}'", path),
        },
        Syscall::ListFiles => Reply::Text(String::new()),
        Syscall::MakeDir { .. } | Syscall::RemoveDir { .. } => Reply::None,
        // Shared memory needs real pickled bytes, and syscalls added later get a plain refusal.
        _ => Reply::Error {
            kind: "OSError".into(),
            msg: "not supported by the fuzz host".into(),
        },
    }
}

/// Runs `src` to its end (or `MAX_CALLS` run calls) under the fake host, reporting each call to
/// `tx`. Every process of the program runs round-robin.
fn drive(src: &str, seed: u64, tx: &mpsc::Sender<Msg>) -> Result<(), Failure> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    let first = match Interp::new(src, "fuzz.py") {
        Ok(i) => i,
        Err(text) => {
            assert!(text.ends_with('\n'), "syntax error text without newline");
            let _ = tx.send(Msg::Syntax);
            return Ok(());
        }
    };
    let _ = tx.send(Msg::Progress);
    // (pid, interp, pending reply, exited)
    let mut procs: Vec<(u32, Interp, Option<Reply>, bool)> = vec![(1, first, None, false)];
    let mut clock = 0.0;
    let mut turn = 0;
    for _ in 0..MAX_CALLS {
        let Some(i) = (0..procs.len())
            .map(|k| (turn + k) % procs.len())
            .find(|&i| !procs[i].3)
        else {
            return Ok(());
        };
        turn = i + 1;
        let (pid, interp, reply, exited) = &mut procs[i];
        if let Some(r) = reply.take() {
            interp.resume(r);
        }
        let before = interp.instructions();
        let step = interp.run(BUDGET);
        let ran = interp.instructions() - before;
        interp.take_output();
        if ran > BUDGET as u64 + SLACK {
            return Err(Failure::Overrun {
                budget: BUDGET,
                ran,
            });
        }
        let _ = tx.send(Msg::Progress);
        match step {
            Step::Yield => {}
            Step::Exit(_) => *exited = true,
            Step::Syscall(Syscall::Fork { .. }) => {
                let parent_pid = *pid;
                if procs.len() >= MAX_PROCS {
                    procs[i].2 = Some(Reply::Error {
                        kind: "OSError".into(),
                        msg: "[Errno 11] Resource temporarily unavailable".into(),
                    });
                } else {
                    let child_pid = parent_pid * 10 + procs.len() as u32;
                    let child = procs[i].1.clone();
                    procs[i].2 = Some(Reply::Int(child_pid as i64));
                    procs.push((child_pid, child, Some(Reply::Int(0)), false));
                }
            }
            Step::Syscall(call) => {
                let p = *pid;
                *reply = Some(reply_for(&call, p, &mut rng, &mut clock));
            }
        }
    }
    Ok(())
}

/// Checks one program on a worker thread, watching each call with a wall-clock limit.
/// Returns (whether it was a syntax error, calls made).
fn check(src: &str, seed: u64) -> Result<(bool, usize), Failure> {
    let (mut syntax, mut calls) = (false, 0);
    let (tx, rx) = mpsc::channel();
    let owned = src.to_string();
    std::thread::Builder::new()
        .stack_size(32 << 20)
        .spawn(move || {
            let tx2 = tx.clone();
            let r = catch_unwind(AssertUnwindSafe(|| drive(&owned, seed, &tx2)));
            let msg = match r {
                Ok(Ok(())) => Msg::Done,
                Ok(Err(f)) => Msg::Fail(f),
                Err(p) => Msg::Fail(Failure::Panic(
                    p.downcast_ref::<String>()
                        .cloned()
                        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default(),
                )),
            };
            let _ = tx.send(msg);
        })
        .expect("spawn worker");
    loop {
        match rx.recv_timeout(CALL_LIMIT) {
            Ok(Msg::Progress) => calls += 1,
            Ok(Msg::Syntax) => syntax = true,
            Ok(Msg::Done) => return Ok((syntax, calls)),
            Ok(Msg::Fail(f)) => return Err(f),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                return Err(Failure::Hang("one call ran past the wall-clock limit"))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Failure::Panic("worker vanished".into()))
            }
        }
    }
}

fn assert_ok(src: &str, what: &str) {
    if let Err(f) = check(src, 0) {
        panic!("{}: {:?}\n--- program ---\n{}\n---", what, f, src);
    }
}

// ---------------------------------------------------------------- program sources

fn golden() -> Vec<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cases");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

const KEYWORDS: &[&str] = &[
    "if", "else", "elif", "for", "while", "def", "class", "return", "yield", "lambda", "try",
    "except", "finally", "with", "as", "in", "not", "and", "or", "is", "None", "True", "False",
    "pass", "break", "continue", "global", "nonlocal", "del", "raise", "import", "from", "async",
    "await", "assert", ":", "(", ")", "[", "]", "{", "}", ",", ".", "=", "*", "**", "->", "@",
    "\\", "'", "\"", "\"\"\"", "#", "\n", "\t", "    ", ";", "f'{", "}'", "...",
];
const OPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "**", "<<", ">>", "&", "|", "^", "<", ">", "==", "!=", "<=",
    ">=", " in ", " not in ", " is ", " and ", " or ", "@",
];
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "10**9",
    "2**64",
    "9223372036854775807",
    "-9223372036854775808",
    "1e308",
    "float('nan')",
    "10**100",
    "0.0",
    "-0.0",
];

/// Splits source into crude tokens (identifiers/numbers, runs of spaces, single characters).
fn tokens(src: &str) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    let mut cur = String::new();
    for c in src.chars() {
        let word = c.is_alphanumeric() || c == '_';
        if word && cur.chars().all(|d| d.is_alphanumeric() || d == '_') {
            cur.push(c);
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if word {
            cur.push(c);
        } else {
            out.push(c.to_string());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn mutate(src: &str, rng: &mut Rng) -> String {
    let rounds = 1 + rng.below(4);
    let mut s = src.to_string();
    for _ in 0..rounds {
        s = match rng.below(10) {
            0..=1 => mutate_lines(&s, rng),
            2..=6 => mutate_tokens(&s, rng),
            7 => {
                // Truncate anywhere (on a char boundary).
                let chars: Vec<char> = s.chars().collect();
                chars[..rng.below(chars.len() + 1)].iter().collect()
            }
            8 => nest(&s, rng),
            _ => {
                // Splice in a grammar snippet at a line boundary.
                let mut lines: Vec<String> = s.lines().map(String::from).collect();
                let at = rng.below(lines.len() + 1);
                let indent = lines
                    .get(at)
                    .map(|l| l.len() - l.trim_start().len())
                    .unwrap_or(0);
                let mut g = Gen { rng, depth: 0 };
                let body = g.block(indent, 2);
                lines.insert(at, body.trim_end().to_string());
                lines.join("\n") + "\n"
            }
        };
    }
    s
}

fn mutate_lines(s: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = s.lines().map(String::from).collect();
    if lines.is_empty() {
        return s.to_string();
    }
    let a = rng.below(lines.len());
    let b = rng.below(lines.len());
    match rng.below(4) {
        0 => {
            lines.remove(a);
        }
        1 => {
            let l = lines[a].clone();
            lines.insert(b, l);
        }
        2 => lines.swap(a, b),
        _ => {
            // Re-indent a line.
            let l = lines[a].trim_start().to_string();
            lines[a] = format!("{}{}", " ".repeat(rng.below(3) * 4), l);
        }
    }
    lines.join("\n") + "\n"
}

fn mutate_tokens(s: &str, rng: &mut Rng) -> String {
    let mut t = tokens(s);
    if t.is_empty() {
        return s.to_string();
    }
    let n = 1 + rng.below(3);
    for _ in 0..n {
        let a = rng.below(t.len());
        let b = rng.below(t.len());
        match rng.below(7) {
            0 => {
                t.remove(a);
                if t.is_empty() {
                    break;
                }
            }
            1 => {
                let x = t[a].clone();
                t.insert(b, x);
            }
            2 => t.swap(a, b),
            3 => {
                // Replace a number (or whatever is there) with an edge-case number.
                let idx = (0..t.len())
                    .map(|k| (a + k) % t.len())
                    .find(|&k| t[k].chars().next().is_some_and(|c| c.is_ascii_digit()))
                    .unwrap_or(a);
                t[idx] = rng.pick(NUMBERS).to_string();
            }
            4 => {
                let idx = (0..t.len())
                    .map(|k| (a + k) % t.len())
                    .find(|&k| OPS.contains(&t[k].as_str()))
                    .unwrap_or(a);
                t[idx] = rng.pick(OPS).to_string();
            }
            _ => t.insert(a, rng.pick(KEYWORDS).to_string()),
        }
    }
    t.concat()
}

/// Wraps a random expression-ish span or the whole program in deep nesting.
fn nest(s: &str, rng: &mut Rng) -> String {
    let depth = 1 + rng.below(130);
    match rng.below(4) {
        0 => format!("{}x = {}1{}\n", s, "(".repeat(depth), ")".repeat(depth)),
        1 => format!("{}x = {}0{}\n", s, "[".repeat(depth), "]".repeat(depth)),
        2 => {
            // Deeply nested blocks.
            let mut out = s.to_string();
            for d in 0..depth.min(110) {
                out.push_str(&format!("{}if True:\n", " ".repeat(d)));
            }
            out.push_str(&format!("{}pass\n", " ".repeat(depth.min(110))));
            out
        }
        _ => format!("{}x = {}1\n", s, "-".repeat(depth * 10)),
    }
}

/// A tiny random-program grammar.
struct Gen<'a> {
    rng: &'a mut Rng,
    depth: usize,
}

const NAMES: &[&str] = &["a", "b", "c", "x", "y", "n", "s", "lst", "d"];

impl Gen<'_> {
    fn name(&mut self) -> &'static str {
        NAMES[self.rng.below(NAMES.len())]
    }

    fn expr(&mut self) -> String {
        self.depth += 1;
        let leaf = self.depth > 4 || self.rng.chance(30);
        let e = if leaf {
            match self.rng.below(8) {
                0 | 1 => self.rng.pick(NUMBERS).to_string(),
                2 => format!("{}", self.rng.below(100)),
                3 => self
                    .rng
                    .pick(&["'abc'", "''", "'x' * 3", "\"é\\n\"", "b'xy'", "f'{1+1}'"])
                    .to_string(),
                4 => "None".into(),
                5 => "[1, 2, 3]".into(),
                _ => self.name().to_string(),
            }
        } else {
            match self.rng.below(14) {
                0..=2 => format!("({} {} {})", self.expr(), self.rng.pick(OPS), self.expr()),
                3 => format!("(-{})", self.expr()),
                4 => format!("(not {})", self.expr()),
                5 => format!(
                    "{}({})",
                    self.rng.pick(&[
                        "len",
                        "str",
                        "int",
                        "float",
                        "list",
                        "tuple",
                        "set",
                        "dict",
                        "sorted",
                        "sum",
                        "min",
                        "max",
                        "abs",
                        "repr",
                        "hash",
                        "range",
                        "bool",
                        "iter",
                        "next",
                        "reversed",
                        "chr",
                        "ord",
                        "hex",
                        "bytes",
                        "divmod",
                        "round",
                        "enumerate",
                        "zip",
                        "any",
                        "all",
                        "print",
                        "isinstance",
                        "type",
                        "id",
                    ]),
                    self.expr()
                ),
                6 => format!(
                    "[{} for {} in {} if {}]",
                    self.expr(),
                    self.name(),
                    self.expr(),
                    self.expr()
                ),
                7 => format!(
                    "{{{}: {} for {} in {}}}",
                    self.expr(),
                    self.expr(),
                    self.name(),
                    self.expr()
                ),
                8 => format!("({} for {} in {})", self.expr(), self.name(), self.expr()),
                9 => format!("{}[{}]", self.expr(), self.expr()),
                10 => format!("{}[{}:{}]", self.expr(), self.expr(), self.expr()),
                11 => format!("({} if {} else {})", self.expr(), self.expr(), self.expr()),
                12 => format!("(lambda {}: {})({})", self.name(), self.expr(), self.expr()),
                _ => format!(
                    "{}.{}()",
                    self.expr(),
                    self.rng.pick(&[
                        "upper",
                        "split",
                        "pop",
                        "keys",
                        "items",
                        "copy",
                        "strip",
                        "sort",
                        "bit_length",
                        "__repr__",
                        "__class__",
                        "count",
                        "join",
                        "append",
                    ])
                ),
            }
        };
        self.depth -= 1;
        e
    }

    fn block(&mut self, indent: usize, n: usize) -> String {
        let mut out = String::new();
        for _ in 0..n.max(1) {
            out.push_str(&self.stmt(indent));
        }
        out
    }

    fn stmt(&mut self, ind: usize) -> String {
        let p = " ".repeat(ind);
        self.depth += 1;
        let deep = self.depth > 3;
        let k = if deep {
            self.rng.below(4)
        } else {
            self.rng.below(24)
        };
        let s = match k {
            0 => format!("{p}{} = {}\n", self.name(), self.expr()),
            1 => format!("{p}print({})\n", self.expr()),
            2 => format!("{p}{} += {}\n", self.name(), self.expr()),
            3 => format!("{p}{}\n", self.expr()),
            4 => format!(
                "{p}if {}:\n{}{p}else:\n{}",
                self.expr(),
                self.block(ind + 4, 2),
                self.block(ind + 4, 1)
            ),
            5 => format!(
                "{p}for {} in range({}):\n{}",
                self.name(),
                self.rng.below(50),
                self.block(ind + 4, 2)
            ),
            6 => format!("{p}while True:\n{p}    pass\n"),
            7 => format!(
                "{p}while {}:\n{}{p}    break\n",
                self.expr(),
                self.block(ind + 4, 1)
            ),
            8 => format!(
                "{p}def f(a, b=1, *args, **kw):\n{}{p}    return {}\n{p}f({}, {})\n",
                self.block(ind + 4, 2),
                self.expr(),
                self.expr(),
                self.expr()
            ),
            9 => format!(
                "{p}class C({}):\n{p}    k = {}\n{p}    def __init__(self, v=0):\n{p}        self.v = v\n{p}    def __repr__(self):\n{p}        return {}\n{p}    def __eq__(self, o):\n{p}        return {}\n{p}    def __hash__(self):\n{p}        return {}\n{p}print(C({}), {{C(): 1}}, sorted([C(2), C(1)], key=lambda q: q.v))\n",
                self.rng.pick(&["", "object", "Exception", "dict", "list", "int"]),
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr()
            ),
            10 => format!(
                "{p}try:\n{}{p}except {} as e:\n{}{p}finally:\n{}",
                self.block(ind + 4, 2),
                self.rng.pick(&["Exception", "ZeroDivisionError", "(TypeError, ValueError)", "BaseException"]),
                self.block(ind + 4, 1),
                self.block(ind + 4, 1)
            ),
            11 => format!(
                "{p}class M:\n{p}    def __enter__(self):\n{p}        return {}\n{p}    def __exit__(self, *a):\n{p}        return {}\n{p}with M() as {}:\n{}",
                self.expr(),
                self.expr(),
                self.name(),
                self.block(ind + 4, 2)
            ),
            12 => format!(
                "{p}def g(n):\n{p}    for i in range(n):\n{p}        yield {}\n{p}    return {}\n{p}print(list(g({})), sum(g(5)))\n",
                self.expr(),
                self.expr(),
                self.expr()
            ),
            13 => format!("{p}def r(n):\n{p}    return r(n + 1) + 1\n{p}r(0)\n"),
            14 => format!(
                "{p}{} = {}\n",
                self.name(),
                self.rng.pick(&[
                    "2 ** 10 ** 8",
                    "10 ** 10 ** 6",
                    "'x' * 10 ** 9",
                    "[0] * 10 ** 9",
                    "b'ab' * 10 ** 9",
                    "(1,) * 10 ** 9",
                    "'ab' * 2 ** 62",
                    "[None] * 2 ** 40",
                    "1 << 10 ** 9",
                    "'%0*d' % (10 ** 9, 1)",
                    "'{:>1000000000}'.format(1)",
                    "f'{1:>1000000000}'",
                    "'x'.ljust(10 ** 9)",
                    "'x'.center(2 ** 62)",
                    "'a,b'.replace(',', 'x' * 10 ** 5) * 10 ** 5",
                    "list(range(10 ** 9))",
                    "bytearray(10 ** 10)",
                    "bytes(10 ** 10)",
                    "'x' * 10 ** 6 * 10 ** 6",
                    "str(10 ** 100000)",
                    "int('9' * 100000)",
                    "'x'.zfill(10 ** 10)",
                    "'x'.expandtabs(10 ** 9)",
                    "'\\t' * 1000",
                    "pow(3, 10 ** 9, 7)",
                    "pow(3, 10 ** 9)",
                    "10 ** -10 ** 9",
                    "1.5 ** 10 ** 9",
                    "(2 ** 64) ** (2 ** 64)",
                ])
            ),
            15 => format!(
                "{p}import os, time\n{p}pid = os.fork()\n{p}if pid == 0:\n{}{p}    os._exit({})\n{p}else:\n{p}    time.sleep({})\n{p}    os.waitpid(pid, 0)\n",
                self.block(ind + 4, 1),
                self.rng.below(3),
                self.rng.pick(&["0", "0.01", "-1", "1e300", "float('nan')"])
            ),
            16 => format!(
                "{p}from multiprocessing import Process, Queue, Lock, Pool\n{p}def w(q):\n{p}    q.put({})\n{p}if __name__ == '__main__':\n{p}    q = Queue()\n{p}    ps = [Process(target=w, args=(q,)) for _ in range({})]\n{p}    for pr in ps: pr.start()\n{p}    for pr in ps: pr.join()\n{p}    print(q.get(timeout=0.1) if not q.empty() else None)\n{p}    with Lock():\n{p}        pass\n",
                self.expr(),
                self.rng.below(4)
            ),
            17 => format!("{p}raise {}({})\n", self.rng.pick(&["ValueError", "SystemExit", "KeyboardInterrupt", "Exception", "StopIteration", "GeneratorExit", "RecursionError"]), self.expr()),
            18 => format!("{p}assert {}, {}\n", self.expr(), self.expr()),
            19 => format!("{p}del {}\n", self.name()),
            20 => format!(
                "{p}import threading\n{p}t = threading.Thread(target=lambda: {})\n{p}t.start()\n{p}t.join({})\n",
                self.expr(),
                self.rng.pick(&["", "0", "0.5"])
            ),
            21 => format!(
                "{p}def deep(n):\n{p}    return [deep(n + 1) for _ in range(1)] if n < {} else str({})\n{p}print(len(str(deep(0))))\n",
                self.rng.pick(&["10", "500", "5000", "100000"]),
                self.expr()
            ),
            22 => format!(
                "{p}l = []\n{p}l.append(l)\n{p}dd = {{}}\n{p}dd[1] = dd\n{p}print(l, dd, repr(l) == str(l), l == l)\n"
            ),
            _ => format!(
                "{p}print('%s %d %r %x' % ({}, {}, {}, {}), '{{}} {{!r}}'.format({}, {}), f'{{{}:>{}}}')\n",
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr(),
                self.expr(),
                self.rng.below(20)
            ),
        };
        self.depth -= 1;
        s
    }
}

fn generate(rng: &mut Rng) -> String {
    let mut g = Gen { rng, depth: 0 };
    let n = 1 + g.rng.below(6);
    g.block(0, n)
}

fn program(i: u64, golden: &[String]) -> String {
    let mut rng = Rng::new(i);
    if rng.chance(55) && !golden.is_empty() {
        let base = rng.pick(golden).clone();
        mutate(&base, &mut rng)
    } else {
        generate(&mut rng)
    }
}

#[test]
fn random_programs_never_panic_hang_or_overrun() {
    let iters: u64 = std::env::var("FUZZ_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 300 } else { 3000 });
    let start: u64 = std::env::var("FUZZ_START")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let golden = golden();
    assert!(golden.len() > 50, "golden programs not found");
    let mut failures = vec![];
    let (mut syntax, mut calls) = (0, 0);
    for i in start..start + iters {
        let src = program(i, &golden);
        match check(&src, i) {
            Ok((s, c)) => {
                syntax += s as u64;
                calls += c;
            }
            Err(f) => {
                eprintln!("iteration {}: {:?}\n--- program ---\n{}\n---", i, f, src);
                failures.push(i);
                if failures.len() >= 5 {
                    break;
                }
            }
        }
    }
    eprintln!(
        "{} programs: {} syntax errors, {} run calls",
        iters, syntax, calls
    );
    assert!(failures.is_empty(), "failing iterations: {:?}", failures);
}

#[test]
fn golden_programs_pass_unmutated() {
    for src in golden() {
        assert_ok(&src, "golden program");
    }
}

/// Checks the program in the file named by `FUZZ_PROG` (for minimising a failure by hand):
/// `FUZZ_PROG=prog.py cargo test --release -p proclab-interp --test fuzz -- --ignored`.
#[test]
#[ignore]
fn program_from_env() {
    let path = std::env::var("FUZZ_PROG").expect("FUZZ_PROG");
    let src = std::fs::read_to_string(&path).expect("read FUZZ_PROG");
    let r = check(&src, 0);
    eprintln!("{:?}", r);
    assert!(r.is_ok());
}

// ---------------------------------------------------------------- regressions found by fuzzing

#[path = "vm_host.rs"]
mod vm_host;

/// Memory bombs raise MemoryError/OverflowError (caught here) instead of aborting the process.
#[test]
fn memory_bombs_raise_instead_of_aborting() {
    let bombs = [
        "'x' * 10**9",
        "[0] * 10**9",
        "2 ** 10**8",
        "b'ab' * 10**9",
        "(1,) * 10**9",
        "'ab' * 2**62",
        "[None] * 2**64",
        "1 << 10**9",
        "bytes(10**10)",
        "bytearray(10**10)",
        "list(range(10**9))",
        "'x'.ljust(10**9)",
        "'x'.zfill(10**10)",
        "'\\t'.expandtabs(10**9)",
        "f'{1:>1000000000}'",
        "'{:.1000000000f}'.format(1.5)",
        "'%*d' % (10**9, 1)",
        "10**10**7",
        "(10**200000) * (10**200000) * (10**200000)",
    ];
    for b in bombs {
        let src = format!(
            "try:\n    x = {}\n    print('built', len(str(x)) > 0)\nexcept (MemoryError, OverflowError) as e:\n    print(type(e).__name__, bool(str(e)))\n",
            b
        );
        let out = vm_host::run_with(&src, 10_000);
        assert!(
            out.stdout == "MemoryError True\n" || out.stdout == "OverflowError True\n",
            "{}: {:?} {:?}",
            b,
            out.stdout,
            out.stderr
        );
    }
}

/// Powers of 0, 1 and -1 stay exact whatever the exponent (no size limit applies).
#[test]
fn small_bases_with_huge_exponents() {
    // Expected output from CPython 3.11.
    let out = vm_host::run(
        "print(1 ** 10**20, (-1) ** (10**20 + 1), 0 ** 10**20, 0**0, (-1)**(2**70))\nprint(len(str(2 ** 100000)), 3 << 1000 >> 999, 0 << 10**30)\n",
    );
    assert_eq!(out.stdout, "1 -1 0 1 1\n30103 6 0\n", "{}", out.stderr);
}

/// `import dataclasses` runs a prelude module in a nested loop; its instructions used to be
/// ignored by the caller's budget, so a run could go on far past it (found by fuzzing).
#[test]
fn nested_work_counts_toward_the_budget() {
    let src = "import dataclasses\nkeys = 0\nfor i in range(3000):\n    keys += len(sorted([3, 1, 2], key=lambda v: -v))\nprint(keys)\n";
    let mut it = Interp::new(src, "p.py").unwrap();
    let mut calls = 0;
    loop {
        let before = it.instructions();
        let step = it.run(1000);
        let ran = it.instructions() - before;
        // One sorted() call with three key callbacks is a few dozen instructions.
        assert!(ran <= 1000 + 200, "run(1000) executed {} instructions", ran);
        calls += 1;
        match step {
            Step::Exit(code) => {
                assert_eq!(code, 0);
                break;
            }
            Step::Yield => {}
            Step::Syscall(s) => panic!("unexpected {:?}", s),
        }
    }
    assert!(calls > 20, "{} calls", calls);
}

/// An endless callback inside a builtin cannot yield (it runs on the Rust stack): it raises
/// RuntimeError after `MAX_CALLBACK_INSTRUCTIONS` instead of freezing the worker.
#[test]
fn endless_builtin_callback_raises() {
    let src = "class A:\n    def __lt__(self, o):\n        while True:\n            pass\ntry:\n    sorted([A(), A()])\nexcept RuntimeError as e:\n    print('RuntimeError', 'instructions' in str(e))\n";
    assert_ok(src, "endless callback");
    let out = vm_host::run_with(src, 10_000);
    assert_eq!(out.stdout, "RuntimeError True\n", "{}", out.stderr);
}
