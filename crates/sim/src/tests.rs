//! The event logic of the simulation host, with scripted fake processes (no Python needed).

use super::*;

#[derive(Clone, Debug)]
enum Op {
    /// Burn this many instructions.
    Work(u64),
    Print(&'static str),
    /// Fork; the child continues at this op index, the parent at the next one.
    Fork(usize),
    /// Join the last child forked.
    JoinLast,
    Sleep(f64),
    /// Print the reply of `time.monotonic()`.
    Monotonic,
    Exit(i32),
    /// Write a file of its own file system.
    Write(&'static str, &'static str),
}

#[derive(Clone, Debug)]
struct Fake {
    ops: Vec<Op>,
    pc: usize,
    done_in_op: u64,
    instructions: u64,
    out: Vec<Output>,
    last_child: Pid,
    files: BTreeMap<String, String>,
}

impl Fake {
    fn new(ops: Vec<Op>) -> Fake {
        Fake {
            ops,
            pc: 0,
            done_in_op: 0,
            instructions: 0,
            out: vec![],
            last_child: 0,
            files: BTreeMap::new(),
        }
    }
    fn print(&mut self, s: String) {
        self.out.push(Output {
            stream: Stream::Stdout,
            text: s,
        });
    }
}

impl Guest for Fake {
    fn run(&mut self, budget: u32) -> Step {
        let mut left = budget as u64;
        loop {
            let Some(op) = self.ops.get(self.pc).cloned() else {
                return Step::Exit(0);
            };
            if left == 0 {
                return Step::Yield;
            }
            match op {
                Op::Work(n) => {
                    let k = (n - self.done_in_op).min(left);
                    self.done_in_op += k;
                    self.instructions += k;
                    left -= k;
                    if self.done_in_op == n {
                        self.done_in_op = 0;
                        self.pc += 1;
                    }
                }
                Op::Print(s) => {
                    self.print(s.into());
                    self.instructions += 1;
                    left -= 1;
                    self.pc += 1;
                }
                Op::Write(path, text) => {
                    self.files.insert(path.into(), text.into());
                    self.instructions += 1;
                    left -= 1;
                    self.pc += 1;
                }
                Op::Exit(c) => {
                    self.instructions += 1;
                    return Step::Exit(c);
                }
                Op::Fork(_) => {
                    self.instructions += 1;
                    return Step::Syscall(Syscall::Fork {
                        name: "child".into(),
                        daemon: false,
                    });
                }
                Op::JoinLast => {
                    self.instructions += 1;
                    return Step::Syscall(Syscall::Join {
                        pid: self.last_child,
                        timeout: None,
                    });
                }
                Op::Sleep(secs) => {
                    self.instructions += 1;
                    return Step::Syscall(Syscall::Sleep { secs });
                }
                Op::Monotonic => {
                    self.instructions += 1;
                    return Step::Syscall(Syscall::Monotonic);
                }
            }
        }
    }
    fn resume(&mut self, reply: Reply) {
        match (&self.ops[self.pc], reply) {
            (Op::Fork(child_pc), Reply::Int(0)) => {
                self.pc = *child_pc;
                return;
            }
            (Op::Fork(_), Reply::Int(c)) => self.last_child = c as Pid,
            (Op::Monotonic, Reply::Float(f)) => self.print(format!("{f:.6}\n")),
            (Op::JoinLast, Reply::ExitCode(c)) => self.print(format!("joined {c:?}\n")),
            _ => {}
        }
        self.pc += 1;
    }
    fn take_output(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.out)
    }
    fn instructions(&self) -> u64 {
        self.instructions
    }
    fn add_file(&mut self, path: &str, contents: &str) {
        self.files.insert(path.into(), contents.into());
    }
    fn files(&self) -> Vec<(String, String)> {
        self.files.clone().into_iter().collect()
    }
}

fn cfg(cpus: usize) -> SimConfig {
    SimConfig {
        cpus,
        ..SimConfig::default()
    }
}

fn collect(sim: &mut Sim<Fake>) -> String {
    let mut s = String::new();
    sim.run(|_, o| s.push_str(&o.text));
    s
}

#[test]
fn single_process_time_is_instructions_times_cost() {
    let mut sim = Sim::with_main(
        Fake::new(vec![Op::Work(1_000_000), Op::Print("x\n")]),
        cfg(1),
    );
    assert_eq!(collect(&mut sim), "x\n");
    // 1_000_001 instructions + the exit's 1, at 25 ns each.
    assert_eq!(sim.now(), 25_000);
    assert_eq!(sim.exit_code(), Some(0));
    assert!(sim.stop_reason().is_none());
}

/// A parent forks a child; both work 1M instructions; the parent joins.
fn parallel_program() -> Vec<Op> {
    vec![
        Op::Fork(4),
        Op::Work(1_000_000),
        Op::JoinLast,
        Op::Exit(0),
        // child:
        Op::Work(1_000_000),
        Op::Print("child done\n"),
        Op::Exit(3),
    ]
}

#[test]
fn two_cpus_overlap_one_cpu_serialises() {
    let mut two = Sim::with_main(Fake::new(parallel_program()), cfg(2));
    let out2 = collect(&mut two);
    let mut one = Sim::with_main(Fake::new(parallel_program()), cfg(1));
    let out1 = collect(&mut one);
    assert_eq!(out1, "child done\njoined Some(3)\n");
    assert_eq!(out2, out1);
    // ~25 ms of work each, after the parent's 1 ms fork: in parallel the run takes ~26 ms, on
    // one CPU ~51 ms.
    assert!((26_000..27_000).contains(&two.now()), "{}", two.now());
    assert!((51_000..52_000).contains(&one.now()), "{}", one.now());
}

#[test]
fn sleeping_jumps_the_clock() {
    let mut sim = Sim::with_main(
        Fake::new(vec![Op::Monotonic, Op::Sleep(10.0), Op::Monotonic]),
        cfg(1),
    );
    let out = collect(&mut sim);
    let times: Vec<f64> = out.lines().map(|l| l.parse().unwrap()).collect();
    assert!((times[1] - times[0] - 10.0).abs() < 1e-3, "{times:?}");
    assert!(sim.now() >= 10_000_000);
}

#[test]
fn same_seed_same_trace() {
    let run = |seed| {
        let mut sim = Sim::with_main(Fake::new(parallel_program()), SimConfig { seed, ..cfg(2) });
        collect(&mut sim);
        sim.kernel().trace().to_vec()
    };
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn virtual_time_limit_stops_the_run() {
    let ops = vec![Op::Print("before\n"), Op::Sleep(1e9), Op::Print("after\n")];
    let mut sim = Sim::with_main(
        Fake::new(ops),
        SimConfig {
            max_virtual_secs: 5,
            ..cfg(2)
        },
    );
    assert_eq!(collect(&mut sim), "before\n");
    assert!(sim
        .stop_reason()
        .is_some_and(|r| r.contains("5 s of virtual time")));
    assert!(sim.kernel().is_done());
    assert_eq!(sim.exit_code(), Some(-15));
    assert_eq!(sim.now(), 5_000_000);
}

#[test]
fn join_cycle_is_a_deadlock() {
    // main forks a child; the child joins main (its GetPpid reply), main joins the child.
    #[derive(Clone)]
    struct Cycle {
        step: u8,
        other: Pid,
    }
    impl Guest for Cycle {
        fn run(&mut self, _budget: u32) -> Step {
            self.step += 1;
            match self.step {
                1 => Step::Syscall(Syscall::Fork {
                    name: "c".into(),
                    daemon: false,
                }),
                2 if self.other == 0 => Step::Syscall(Syscall::GetPpid),
                _ => Step::Syscall(Syscall::Join {
                    pid: self.other,
                    timeout: None,
                }),
            }
        }
        fn resume(&mut self, reply: Reply) {
            if let Reply::Int(p) = reply {
                self.other = p as Pid;
            }
        }
        fn take_output(&mut self) -> Vec<Output> {
            vec![]
        }
        fn instructions(&self) -> u64 {
            self.step as u64
        }
    }
    let mut sim = Sim::with_main(Cycle { step: 0, other: 0 }, cfg(2));
    sim.run(|_, _| {});
    let reason = sim.stop_reason().expect("stopped");
    assert_eq!(sim.kernel().deadlock(), Some(reason));
    let main = sim.kernel().procs()[0].pid;
    let child = sim.kernel().procs()[1].pid;
    assert_eq!(
        reason,
        format!(
            "deadlock: MainProcess (pid {main}) waits for c (pid {child}) to end; \
             c (pid {child}) waits for MainProcess (pid {main}) to end"
        )
    );
    // Both stay blocked in the table (the timeline ends with them waiting).
    assert!(sim
        .kernel()
        .procs()
        .iter()
        .all(|p| matches!(p.state, proclab_kernel::ProcState::Blocked(_))));
}

#[test]
fn kernel_files_are_shared_and_come_out() {
    // A process that writes and reads files through the kernel, as the interpreter will.
    #[derive(Clone)]
    struct Writer {
        step: u8,
        read: Option<Reply>,
    }
    impl Guest for Writer {
        fn run(&mut self, _budget: u32) -> Step {
            self.step += 1;
            match self.step {
                1 => Step::Syscall(Syscall::WriteFile {
                    path: "out.txt".into(),
                    data: "a".into(),
                    append: false,
                }),
                2 => Step::Syscall(Syscall::WriteFile {
                    path: "out.txt".into(),
                    data: "b".into(),
                    append: true,
                }),
                3 => Step::Syscall(Syscall::ReadFile {
                    path: "in.txt".into(),
                }),
                _ => Step::Exit(0),
            }
        }
        fn resume(&mut self, reply: Reply) {
            if self.step == 3 {
                self.read = Some(reply);
            }
        }
        fn take_output(&mut self) -> Vec<Output> {
            vec![]
        }
        fn instructions(&self) -> u64 {
            self.step as u64
        }
    }
    let original = vec![("in.txt".to_string(), "hello".to_string())];
    let mut sim = Sim::with_main(
        Writer {
            step: 0,
            read: None,
        },
        SimConfig {
            files: original.clone(),
            ..cfg(1)
        },
    );
    sim.run(|_, _| {});
    let main = sim.kernel().main_pid().unwrap();
    assert_eq!(
        sim.interp(main).unwrap().read,
        Some(Reply::Text("hello".into()))
    );
    assert_eq!(
        sim.changed_files(&original),
        vec![("out.txt".to_string(), "ab".to_string())]
    );
}

#[test]
fn output_limit_stops_the_run() {
    let mut ops = vec![];
    for _ in 0..100 {
        ops.push(Op::Print("0123456789"));
    }
    let mut sim = Sim::with_main(
        Fake::new(ops),
        SimConfig {
            max_output_bytes: 50,
            slice: 10,
            ..cfg(1)
        },
    );
    let out = collect(&mut sim);
    assert!(out.len() <= 200, "{}", out.len());
    assert!(sim.stop_reason().is_some_and(|r| r.contains("output")));
}

#[test]
fn killed_process_is_dropped() {
    #[derive(Clone)]
    struct Killer {
        n: u8,
        child: Pid,
        is_child: bool,
    }
    impl Guest for Killer {
        fn run(&mut self, _budget: u32) -> Step {
            self.n += 1;
            if self.is_child {
                return Step::Yield;
            }
            match self.n {
                1 => Step::Syscall(Syscall::Fork {
                    name: "c".into(),
                    daemon: false,
                }),
                2 => Step::Syscall(Syscall::Kill {
                    pid: self.child,
                    signal: 15,
                }),
                _ => Step::Exit(0),
            }
        }
        fn resume(&mut self, reply: Reply) {
            match reply {
                Reply::Int(0) => self.is_child = true,
                Reply::Int(c) => self.child = c as Pid,
                _ => {}
            }
        }
        fn take_output(&mut self) -> Vec<Output> {
            vec![]
        }
        fn instructions(&self) -> u64 {
            self.n as u64
        }
    }
    let mut sim = Sim::with_main(
        Killer {
            n: 0,
            child: 0,
            is_child: false,
        },
        cfg(2),
    );
    sim.run(|_, _| {});
    let child = sim.kernel().procs()[1].pid;
    assert!(sim.interp(child).is_none());
    assert_eq!(sim.kernel().procs()[1].exitcode, Some(-15));
    assert!(sim.stop_reason().is_none());
}

#[test]
fn files_go_in_and_changed_ones_come_out() {
    let ops = vec![
        Op::Fork(4),
        Op::JoinLast,
        Op::Write("result.txt", "from main"),
        Op::Exit(0),
        // child:
        Op::Write("part.txt", "from child"),
        Op::Write("result.txt", "from child"),
        Op::Exit(0),
    ];
    let original = vec![
        ("data.json".to_string(), "[1]".to_string()),
        ("result.txt".to_string(), "old".to_string()),
    ];
    let mut sim = Sim::with_main(
        Fake::new(ops),
        SimConfig {
            files: original.clone(),
            ..cfg(2)
        },
    );
    collect(&mut sim);
    let main = sim.kernel().main_pid().unwrap();
    assert!(sim
        .interp(main)
        .unwrap()
        .files()
        .contains(&("data.json".into(), "[1]".into())));
    assert_eq!(
        sim.changed_files(&original),
        vec![
            ("part.txt".to_string(), "from child".to_string()),
            ("result.txt".to_string(), "from main".to_string()),
        ]
    );
}

/// Random fork/work/sleep/join programs over many seeds: the run ends, is reproducible, and at
/// no virtual instant do more processes run than there are CPUs.
#[test]
fn random_programs_respect_the_cpus() {
    let mut x: u64 = 0x1234_5678_9abc_def1;
    let mut rnd = |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    for seed in 0..300u64 {
        let children = 1 + rnd(5) as usize;
        // Main: fork every child, work, join the last, exit. Children start at `base`.
        let base = 2 * children + 3;
        let mut ops = Vec::new();
        for c in 0..children {
            ops.push(Op::Fork(base + 4 * c));
            ops.push(Op::Work(rnd(50_000)));
        }
        ops.push(Op::JoinLast);
        ops.push(Op::Sleep(rnd(3) as f64 / 100.0));
        ops.push(Op::Exit(0));
        assert_eq!(ops.len(), base);
        for _ in 0..children {
            ops.push(Op::Work(1 + rnd(200_000)));
            ops.push(Op::Print("c\n"));
            ops.push(Op::Sleep(rnd(2) as f64 / 1000.0));
            ops.push(Op::Exit(rnd(2) as i32));
        }
        let cpus = 1 + rnd(3) as usize;
        let policy = [Policy::Fcfs, Policy::RoundRobin, Policy::Priority][rnd(3) as usize];
        let run = || {
            let mut sim = Sim::with_main(
                Fake::new(ops.clone()),
                SimConfig {
                    seed,
                    cpus,
                    policy,
                    slice: 7_000,
                    ..SimConfig::default()
                },
            );
            let out = collect(&mut sim);
            assert!(sim.kernel().is_done() && sim.stop_reason().is_none());
            (out, sim.kernel().trace().to_vec(), sim.kernel().spans())
        };
        let (out, trace, spans) = run();
        assert_eq!(out.matches("c\n").count(), children, "seed {seed}");
        assert_eq!(run().1, trace, "seed {seed}: not reproducible");
        let mut edges: Vec<(Micros, i32)> = spans
            .iter()
            .filter(|s| s.state == proclab_kernel::ProcState::Running)
            .flat_map(|s| [(s.start, 1), (s.end, -1)])
            .collect();
        edges.sort(); // ends (-1) before starts (+1) at the same instant
        let mut level = 0;
        for (_, d) in edges {
            level += d;
            assert!(
                level <= cpus as i32,
                "seed {seed}: {level} running on {cpus} CPUs"
            );
        }
    }
}
