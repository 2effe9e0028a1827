//! Property tests: thousands of random hosts drive the kernel, and its invariants must hold.
//!
//! No external crates: a xorshift generator plays a host that runs the processes it was told to
//! run, in a random order, with random slice lengths and random syscalls (fork, sleep, join with
//! and without timeout, poll, kill, time...), sometimes presses Stop, and checks after each event:
//! - a process is never told to run twice without reporting in between, and at most `cpus` hold a CPU;
//! - a join answered with an exit code comes after that child ended with that code; a timeout
//!   (`ExitCode(None)`) only for a join that had one;
//! - the run ends (`Done`) with every process terminated and nobody left blocked, or in a
//!   deadlock the kernel detected itself (never with a timer pending, never missed);
//! - the trace is well formed: `seq` counts up from 0, `t` never goes back, each process goes
//!   New -> Ready -> Running -> (Blocked | Ready)* ... -> Terminated, and its spans never overlap.

use std::collections::{BTreeMap, BTreeSet};

use proclab_kernel::*;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What the fake host remembers about the syscall a process is suspended in.
#[derive(Clone, Debug)]
enum Pending {
    Join { child: Pid, timeout: bool },
    Other,
}

fn legal(from: &ProcState, to: &ProcState) -> bool {
    use ProcState::*;
    matches!(
        (from, to),
        (New, Ready)
            | (New, Terminated)
            | (Ready, Running)
            | (Ready, Terminated)
            | (Running, Ready)
            | (Running, Blocked(_))
            | (Running, Terminated)
            | (Blocked(_), Ready)
            | (Blocked(_), Terminated)
    )
}

fn check_trace(k: &Kernel, seed: u64) {
    let mut last_t = 0;
    let mut states: BTreeMap<Pid, ProcState> = BTreeMap::new();
    for (i, e) in k.trace().iter().enumerate() {
        assert_eq!(e.seq, i as u64, "seed {seed}: seq");
        assert!(e.t >= last_t, "seed {seed}: time went back at {e:?}");
        last_t = e.t;
        if let TraceKind::State(s) = &e.kind {
            match states.get(&e.pid) {
                None => assert_eq!(*s, ProcState::New, "seed {seed}: first state of {}", e.pid),
                Some(prev) => assert!(
                    legal(prev, s),
                    "seed {seed}: pid {} went {prev:?} -> {s:?}",
                    e.pid
                ),
            }
            states.insert(e.pid, s.clone());
        } else {
            assert!(
                states.contains_key(&e.pid),
                "seed {seed}: event before creation"
            );
        }
    }
    for p in k.procs() {
        assert_eq!(
            states.get(&p.pid),
            Some(&p.state),
            "seed {seed}: table vs trace"
        );
    }
    let mut by_pid: BTreeMap<Pid, Vec<Span>> = BTreeMap::new();
    for s in k.spans() {
        assert!(s.end > s.start, "seed {seed}: empty span {s:?}");
        by_pid.entry(s.pid).or_default().push(s);
    }
    for spans in by_pid.values() {
        for w in spans.windows(2) {
            assert!(w[0].end <= w[1].start, "seed {seed}: overlap {w:?}");
        }
    }
}

fn play(seed: u64) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let cpus = 1 + rng.below(4) as usize;
    let policy = [Policy::Fcfs, Policy::RoundRobin, Policy::Priority][rng.below(3) as usize];
    let mut cfg = Config::new(cpus, policy, seed, 1_700_000_000_000_000);
    cfg.max_live = 1 + rng.below(6) as usize;
    cfg.max_procs = 2 + rng.below(30) as usize;
    let mut k = Kernel::new(cfg);
    let mut now: Micros = rng.below(1000);
    let main = k.start(now);
    let mut on_cpu: BTreeSet<Pid> = BTreeSet::new();
    let mut suspended: BTreeMap<Pid, Pending> = BTreeMap::new();
    let mut known: Vec<Pid> = vec![main];
    let mut stopped = false;
    let mut done_seen = false;

    for _round in 0..1500 {
        for e in k.take_effects() {
            match e {
                Effect::Run { pid, reply } => {
                    assert!(!done_seen, "seed {seed}: Run after Done");
                    assert!(on_cpu.insert(pid), "seed {seed}: {pid} run twice");
                    let info = k.proc(pid).unwrap();
                    assert_eq!(info.state, ProcState::Running, "seed {seed}");
                    match (suspended.remove(&pid), &reply) {
                        (Some(Pending::Join { child, timeout }), Some(Reply::ExitCode(code))) => {
                            match code {
                                Some(c) => assert_eq!(
                                    k.proc(child).unwrap().exitcode,
                                    Some(*c),
                                    "seed {seed}: join returned before the child ended"
                                ),
                                None => assert!(timeout, "seed {seed}: spurious join timeout"),
                            }
                        }
                        (Some(Pending::Join { .. }), Some(Reply::Error { .. })) => {}
                        (Some(Pending::Join { .. }), r) => {
                            panic!("seed {seed}: join answered with {r:?}")
                        }
                        (Some(Pending::Other), r) => assert!(r.is_some(), "seed {seed}"),
                        (None, r) => assert!(
                            r.is_none() || matches!(r, Some(Reply::Int(0))),
                            "seed {seed}: unexpected reply {r:?}"
                        ),
                    }
                }
                Effect::Recall { .. } => unreachable!("this kernel lends nothing"),
                Effect::Fork { parent, child } => {
                    assert!(k.proc(parent).is_some());
                    known.push(child);
                    suspended.insert(child, Pending::Other);
                }
                Effect::Kill { pid } => {
                    on_cpu.remove(&pid);
                    suspended.remove(&pid);
                }
                Effect::Done => {
                    assert!(!done_seen);
                    done_seen = true;
                }
            }
        }
        assert!(on_cpu.len() <= cpus, "seed {seed}: more running than CPUs");
        let running = k
            .procs()
            .iter()
            .filter(|p| p.state == ProcState::Running)
            .count();
        assert_eq!(
            running,
            on_cpu.len(),
            "seed {seed}: host and kernel disagree"
        );
        if done_seen {
            break;
        }
        now += rng.below(3000);
        if !stopped && rng.below(1000) == 0 {
            stopped = true;
            k.stop(now);
            continue;
        }
        let deadline_due = k.next_deadline().is_some_and(|d| d <= now);
        if on_cpu.is_empty() || (deadline_due && rng.below(2) == 0) {
            match k.next_deadline() {
                Some(d) => {
                    now = now.max(d);
                    k.advance(now);
                }
                None => panic!("seed {seed}: everyone blocked, no timer, and no deadlock reported"),
            }
            continue;
        }
        let list: Vec<Pid> = on_cpu.iter().copied().collect();
        let pid = list[rng.below(list.len() as u64) as usize];
        on_cpu.remove(&pid);
        let target = known[rng.below(known.len() as u64) as usize];
        let step = match rng.below(40) {
            0..=9 => Step::Yield,
            10 => Step::Exit(rng.below(3) as i32),
            11..=17 => Step::Syscall(Syscall::Fork {
                name: "p".into(),
                daemon: rng.below(3) == 0,
            }),
            18..=21 => Step::Syscall(Syscall::Sleep {
                secs: rng.below(5) as f64 / 1000.0,
            }),
            22..=28 => Step::Syscall(Syscall::Join {
                pid: target,
                timeout: if rng.below(2) == 0 {
                    None
                } else {
                    Some(rng.below(5) as f64 / 1000.0)
                },
            }),
            29..=30 => Step::Syscall(Syscall::Poll { pid: target }),
            31 => Step::Syscall(Syscall::Kill {
                pid: target,
                signal: [9, 15][rng.below(2) as usize],
            }),
            32..=33 => Step::Syscall(Syscall::Time),
            34..=35 => Step::Syscall(Syscall::GetPid),
            36..=37 => Step::Syscall(Syscall::Monotonic),
            _ => Step::Syscall(Syscall::GetPpid),
        };
        match &step {
            Step::Syscall(Syscall::Join {
                pid: child,
                timeout,
            }) => {
                suspended.insert(
                    pid,
                    Pending::Join {
                        child: *child,
                        timeout: timeout.is_some(),
                    },
                );
            }
            Step::Syscall(_) => {
                suspended.insert(pid, Pending::Other);
            }
            _ => {}
        }
        let out = vec![Output {
            stream: Stream::Stdout,
            text: format!("{pid}\n"),
        }];
        k.on_step(now, pid, step, out, 1 + rng.below(100));
    }
    if !done_seen {
        k.stop(now);
        assert!(k.take_effects().contains(&Effect::Done), "seed {seed}");
    }
    assert!(k.is_done(), "seed {seed}");
    if let Some(msg) = k.deadlock() {
        // Only joins and sleeps here: a deadlock is a join cycle (or joins of blocked ones), and
        // every process left is blocked in a join, or waits for admission behind them.
        assert!(msg.starts_with("deadlock: "), "seed {seed}: {msg}");
        assert!(!stopped, "seed {seed}: deadlock after Stop");
        assert_eq!(
            k.next_deadline(),
            None,
            "seed {seed}: deadlock with a timer"
        );
        for p in k.procs() {
            assert!(
                matches!(
                    p.state,
                    ProcState::Terminated
                        | ProcState::New
                        | ProcState::Blocked(BlockReason::Join(_))
                ),
                "seed {seed}: {:?} in a deadlock",
                p.state
            );
        }
        assert!(matches!(
            k.trace().last().map(|e| &e.kind),
            Some(TraceKind::Deadlock { .. })
        ));
    } else {
        assert!(
            k.procs()
                .iter()
                .all(|p| p.state == ProcState::Terminated && p.exitcode.is_some()),
            "seed {seed}: a process outlived Done"
        );
    }
    assert!(k.procs().len() <= k.config().max_procs);
    check_trace(&k, seed);
    let json = k.chrome_trace_json();
    assert!(json.starts_with("{\"traceEvents\":[") && json.trim_end().ends_with('}'));
}

#[test]
fn random_hosts_keep_the_invariants() {
    for seed in 1..=3000 {
        play(seed);
    }
}

#[test]
fn same_seed_same_run() {
    let run = |seed| {
        let mut k = Kernel::new(Config::new(2, Policy::RoundRobin, seed, 0));
        let main = k.start(0);
        k.on_step(
            10,
            main,
            Step::Syscall(Syscall::Fork {
                name: "a".into(),
                daemon: false,
            }),
            vec![],
            1,
        );
        k.take_effects();
        (main, k.procs().to_vec().len(), k.trace().to_vec())
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42).0, run(43).0);
}
