//! Property tests of the shared objects: thousands of random hosts run random processes that
//! fork, sleep, join, kill and use a queue, a lock, a semaphore, an event, an rlock with a
//! condition and a barrier, with and without timeouts, over 1 to 4 CPUs and every policy.
//! Checked after every event and at the end:
//! - no queue item is lost or duplicated (every item got was put once, got once; at the end the
//!   items put are those got plus those still queued), and items of one producer come out in
//!   the order it put them;
//! - a lock (and an rlock) alternates acquire / release in the trace: at most one owner; a
//!   semaphore's value never goes negative (nor above its bound);
//! - nobody is blocked in `get` on a queue that has items, in `acquire` on a free lock or a
//!   semaphore above 0, or in `wait` on a set event: a blocked call returns as soon as it can;
//! - a blocking call without timeout never gets a timeout answer;
//! - when the main process exits, none of its daemon children is still alive;
//! - a deadlock is reported exactly when no process can run again (every live process blocked
//!   on something the current state cannot give, no timer), never otherwise.
//!
//! And a scripted two-lock cycle (A takes L1 then L2, B takes L2 then L1) over many seeds: each
//! run either completes or is reported as a deadlock naming both processes and both locks, and
//! both outcomes occur.

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
    fn timeout(&mut self) -> Option<f64> {
        match self.below(3) {
            0 => None,
            1 => Some(0.0),
            _ => Some((1 + self.below(5)) as f64 / 1000.0),
        }
    }
}

const Q: Handle = 1;
const L: Handle = 2;
const S: Handle = 3;
const E: Handle = 4;
const R: Handle = 5;
const C: Handle = 6;
const B: Handle = 7;

/// The syscall a process is suspended in, as far as checking its reply needs.
#[derive(Clone, Debug)]
enum Pending {
    /// A blocking call: `may_time_out` if it was non-blocking or had a timeout.
    Call {
        may_time_out: bool,
        what: What,
    },
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum What {
    Get,
    Put,
    Acquire,
    EventWait,
    CondWait,
    Barrier,
    Other,
}

fn create_calls(rng: &mut Rng) -> Vec<Syscall> {
    let mk = |kind, label: &str| Syscall::Create {
        kind,
        label: label.into(),
    };
    vec![
        mk(
            ObjKind::Queue {
                maxsize: rng.below(4) as u32,
                joinable: false,
            },
            "Queue-1",
        ),
        mk(ObjKind::Lock, "Lock-1"),
        mk(
            ObjKind::Semaphore {
                value: 1 + rng.below(3) as u32,
                bounded: rng.below(2) == 0,
            },
            "Semaphore-1",
        ),
        mk(ObjKind::Event, "Event-1"),
        mk(ObjKind::RLock, "RLock-1"),
        mk(ObjKind::Condition, "Condition-1"),
        mk(
            ObjKind::Barrier {
                parties: 2 + rng.below(2) as u32,
            },
            "Barrier-1",
        ),
    ]
}

/// Whether a process in state `s` could be woken by the objects as they are now (it should
/// then not be blocked).
fn could_proceed(k: &Kernel, s: &ProcState) -> bool {
    let objs = k.objects();
    let obj = |h: Handle| &objs[h as usize - 1];
    match s {
        ProcState::Blocked(BlockReason::Queue { h, put: false }) => !obj(*h).items.is_empty(),
        ProcState::Blocked(BlockReason::Lock(h)) => match obj(*h).kind.as_str() {
            "Lock" | "RLock" => obj(*h).owner.is_none(),
            _ => obj(*h).value.as_deref() != Some("0"),
        },
        ProcState::Blocked(BlockReason::Event(h)) => obj(*h).value.as_deref() == Some("set"),
        _ => false,
    }
}

struct Checker {
    /// Item ids put (trace order), and got.
    put: BTreeSet<String>,
    got: BTreeSet<String>,
    /// The last item number got per producer.
    last_from: BTreeMap<String, u64>,
    /// Trace events already checked.
    seen: usize,
    /// Per lock handle: currently acquired (per the trace).
    held: BTreeMap<Handle, bool>,
    sem_value: i64,
    sem_bound: Option<i64>,
}

impl Checker {
    /// Checks the trace events added since the last call.
    /// `timed`: processes suspended in a call with a timer (a sleep, a positive timeout), and
    /// whether that call is a condition wait (whose lock re-acquire has no timer).
    fn scan(&mut self, k: &Kernel, seed: u64, timed: &BTreeMap<Pid, bool>) {
        for e in &k.trace()[self.seen..] {
            match &e.kind {
                TraceKind::Put { h, item_repr } => {
                    assert_eq!(*h, Q);
                    assert!(
                        self.put.insert(item_repr.clone()),
                        "seed {seed}: put twice {item_repr}"
                    );
                }
                TraceKind::Get { h, item_repr, from } => {
                    assert_eq!(*h, Q);
                    assert!(self.put.contains(item_repr), "seed {seed}: got unput item");
                    assert!(
                        self.got.insert(item_repr.clone()),
                        "seed {seed}: item {item_repr} got twice"
                    );
                    let (producer, n) = item_repr.split_once(':').expect("pid:n");
                    assert_eq!(from.map(|p| p.to_string()).as_deref(), Some(producer));
                    let n: u64 = n.parse().unwrap();
                    if let Some(&last) = self.last_from.get(producer) {
                        assert!(n > last, "seed {seed}: FIFO broken for producer {producer}");
                    }
                    self.last_from.insert(producer.to_string(), n);
                }
                TraceKind::Acquire { h, .. } if *h == S => {
                    self.sem_value -= 1;
                    assert!(self.sem_value >= 0, "seed {seed}: semaphore below 0");
                }
                TraceKind::Release { h } if *h == S => {
                    self.sem_value += 1;
                    if let Some(b) = self.sem_bound {
                        assert!(
                            self.sem_value <= b,
                            "seed {seed}: bounded semaphore above bound"
                        );
                    }
                }
                TraceKind::Acquire { h, .. } => {
                    let was = self.held.insert(*h, true).unwrap_or(false);
                    assert!(
                        !was,
                        "seed {seed}: lock {h} acquired while held: two owners"
                    );
                }
                TraceKind::Release { h } => {
                    let was = self.held.insert(*h, false).unwrap_or(false);
                    assert!(was, "seed {seed}: lock {h} released while free");
                }
                TraceKind::Deadlock { cycle } => {
                    assert!(!cycle.is_empty(), "seed {seed}: empty deadlock");
                    assert!(
                        k.procs().iter().all(|p| matches!(
                            p.state,
                            ProcState::Blocked(_) | ProcState::New | ProcState::Terminated
                        )),
                        "seed {seed}: deadlock reported while a process can run"
                    );
                    assert_eq!(
                        k.next_deadline(),
                        None,
                        "seed {seed}: deadlock with a timer"
                    );
                    for p in k.procs() {
                        let reacquiring =
                            matches!(p.state, ProcState::Blocked(BlockReason::Lock(_)));
                        if let (ProcState::Blocked(_), Some(&cond)) = (&p.state, timed.get(&p.pid))
                        {
                            assert!(
                                cond && reacquiring,
                                "seed {seed}: deadlock reported while {} waits with a timer",
                                p.pid
                            );
                        }
                    }
                    for p in k.procs() {
                        assert!(
                            !could_proceed(k, &p.state),
                            "seed {seed}: deadlock reported but {} could proceed ({:?})",
                            p.pid,
                            p.state
                        );
                    }
                }
                _ => {}
            }
        }
        self.seen = k.trace().len();
        // The live view agrees with the trace.
        let objs = k.objects();
        if objs.len() >= S as usize {
            assert_eq!(
                objs[S as usize - 1].value.as_deref(),
                Some(self.sem_value.to_string().as_str()),
                "seed {seed}: semaphore view"
            );
            for h in [L, R] {
                if let Some(o) = objs.get(h as usize - 1) {
                    let held = self.held.get(&h).copied().unwrap_or(false);
                    assert_eq!(o.owner.is_some(), held, "seed {seed}: owner of {h}");
                }
            }
        }
        for p in k.procs() {
            assert!(
                !could_proceed(k, &p.state),
                "seed {seed}: {} stays blocked though it could proceed: {:?}",
                p.pid,
                p.state
            );
        }
    }
}

fn play(seed: u64) -> Option<String> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let cpus = 1 + rng.below(4) as usize;
    let policy = [Policy::Fcfs, Policy::RoundRobin, Policy::Priority][rng.below(3) as usize];
    let mut cfg = Config::new(cpus, policy, seed, 1_700_000_000_000_000);
    cfg.max_procs = 2 + rng.below(8) as usize;
    let mut k = Kernel::new(cfg);
    let mut now: Micros = 0;
    let main = k.start(now);
    let mut setup = create_calls(&mut rng);
    let (sem_value, sem_bound) = match &setup[2] {
        Syscall::Create {
            kind: ObjKind::Semaphore { value, bounded },
            ..
        } => (*value as i64, bounded.then_some(*value as i64)),
        _ => unreachable!(),
    };
    setup.reverse();
    let mut check = Checker {
        put: BTreeSet::new(),
        got: BTreeSet::new(),
        last_from: BTreeMap::new(),
        seen: 0,
        held: BTreeMap::new(),
        sem_value,
        sem_bound,
    };
    let mut on_cpu: BTreeSet<Pid> = BTreeSet::new();
    let mut suspended: BTreeMap<Pid, Pending> = BTreeMap::new();
    let mut known: Vec<Pid> = vec![main];
    let mut counter: BTreeMap<Pid, u64> = BTreeMap::new();
    let mut done = false;
    let mut stopped = false;
    let mut timed: BTreeMap<Pid, bool> = BTreeMap::new();

    for _round in 0..2000 {
        for e in k.take_effects() {
            match e {
                Effect::Run { pid, reply } => {
                    assert!(on_cpu.insert(pid), "seed {seed}: {pid} run twice");
                    timed.remove(&pid);
                    if let (Some(Pending::Call { may_time_out, what }), Some(r)) =
                        (suspended.remove(&pid), &reply)
                    {
                        let timed_out = match (what, r) {
                            (What::Get, Reply::Error { kind, .. }) => kind == "queue.Empty",
                            (What::Put, Reply::Error { kind, .. }) => kind == "queue.Full",
                            (What::Acquire, Reply::Bool(b)) => !b,
                            (What::EventWait, Reply::Bool(b)) => !b,
                            (What::CondWait, Reply::Bool(b)) => !b,
                            (What::Barrier, Reply::Error { .. }) => true,
                            (What::Get, Reply::Item(_))
                            | (What::Put, Reply::None)
                            | (What::Barrier, Reply::Int(_))
                            | (What::CondWait, Reply::Error { .. }) => false,
                            (w, r) => panic!("seed {seed}: {w:?} answered {r:?}"),
                        };
                        // A broken barrier reaches waiters without timeout too.
                        if timed_out && what != What::Barrier {
                            assert!(
                                may_time_out,
                                "seed {seed}: {what:?} timed out without timeout"
                            );
                        }
                    }
                }
                Effect::Recall { .. } => unreachable!("this kernel lends nothing"),
                Effect::Fork { child, .. } => {
                    known.push(child);
                    suspended.insert(child, Pending::Other);
                }
                Effect::Kill { pid } => {
                    on_cpu.remove(&pid);
                    suspended.remove(&pid);
                    timed.remove(&pid);
                }
                Effect::Done => done = true,
            }
        }
        check.scan(&k, seed, &timed);
        if done {
            break;
        }
        now += rng.below(2000);
        if !stopped && rng.below(3000) == 0 {
            stopped = true;
            k.stop(now);
            continue;
        }
        let due = k.next_deadline().is_some_and(|d| d <= now);
        if on_cpu.is_empty() || (due && rng.below(2) == 0) {
            let d = k
                .next_deadline()
                .unwrap_or_else(|| panic!("seed {seed}: all blocked, no timer, no deadlock"));
            now = now.max(d);
            k.advance(now);
            continue;
        }
        let list: Vec<Pid> = on_cpu.iter().copied().collect();
        let pid = list[rng.below(list.len() as u64) as usize];
        on_cpu.remove(&pid);
        let step = if pid == main && !setup.is_empty() {
            Step::Syscall(setup.pop().unwrap())
        } else {
            random_step(&mut rng, pid, &known, &mut counter)
        };
        if let Step::Syscall(call) = &step {
            suspended.insert(pid, pending_of(call));
            let positive = |t: &Option<f64>| t.is_some_and(|t| t > 0.0);
            let has_timer = match call {
                Syscall::Sleep { secs } => *secs > 0.0,
                Syscall::Join { timeout, .. }
                | Syscall::EventWait { timeout, .. }
                | Syscall::CondWait { timeout, .. }
                | Syscall::BarrierWait { timeout, .. } => positive(timeout),
                Syscall::Get { block, timeout, .. }
                | Syscall::Put { block, timeout, .. }
                | Syscall::Acquire { block, timeout, .. } => *block && positive(timeout),
                _ => false,
            };
            if has_timer {
                timed.insert(pid, matches!(call, Syscall::CondWait { .. }));
            }
        }
        let main_exits = pid == main && matches!(step, Step::Exit(_));
        k.on_step(now, pid, step, vec![], 1 + rng.below(50));
        if main_exits && !stopped {
            for p in k.procs() {
                assert!(
                    !(p.ppid == main && p.daemon && p.state.is_alive()),
                    "seed {seed}: daemon {} outlived the main process",
                    p.pid
                );
            }
        }
    }
    if !done {
        k.stop(now);
        k.take_effects();
        check.scan(&k, seed, &timed);
    }
    assert!(k.is_done());
    // Conservation: every item put was got once or is still queued.
    let queued: BTreeSet<String> = k.objects()[Q as usize - 1].items.iter().cloned().collect();
    assert!(
        queued.is_disjoint(&check.got),
        "seed {seed}: got and still queued"
    );
    let accounted: BTreeSet<String> = queued.union(&check.got).cloned().collect();
    assert_eq!(accounted, check.put, "seed {seed}: items lost");
    k.deadlock().map(str::to_owned)
}

fn pending_of(call: &Syscall) -> Pending {
    let (may_time_out, what) = match call {
        Syscall::Get { block, timeout, .. } => (!block || timeout.is_some(), What::Get),
        Syscall::Put { block, timeout, .. } => (!block || timeout.is_some(), What::Put),
        Syscall::Acquire { block, timeout, .. } => (!block || timeout.is_some(), What::Acquire),
        Syscall::EventWait { timeout, .. } => (timeout.is_some(), What::EventWait),
        Syscall::CondWait { timeout, .. } => (timeout.is_some(), What::CondWait),
        Syscall::BarrierWait { timeout, .. } => (timeout.is_some(), What::Barrier),
        _ => (true, What::Other),
    };
    if what == What::Other {
        Pending::Other
    } else {
        Pending::Call { may_time_out, what }
    }
}

fn random_step(rng: &mut Rng, pid: Pid, known: &[Pid], counter: &mut BTreeMap<Pid, u64>) -> Step {
    let target = known[rng.below(known.len() as u64) as usize];
    let block = rng.below(4) != 0;
    let call = match rng.below(60) {
        0..=7 => return Step::Yield,
        8 => return Step::Exit(0),
        9..=12 => Syscall::Fork {
            name: "Process".into(),
            daemon: rng.below(2) == 0,
        },
        13..=14 => Syscall::Sleep {
            secs: rng.below(3) as f64 / 1000.0,
        },
        15..=17 => Syscall::Join {
            pid: target,
            timeout: rng.timeout(),
        },
        18 => Syscall::Kill {
            pid: target,
            signal: 15,
        },
        19..=25 => {
            let n = counter.entry(pid).or_insert(0);
            *n += 1;
            let id = format!("{pid}:{n}");
            Syscall::Put {
                h: Q,
                item: Item {
                    bytes: id.clone().into_bytes(),
                    repr: id,
                },
                block,
                timeout: rng.timeout(),
            }
        }
        26..=32 => Syscall::Get {
            h: Q,
            block,
            timeout: rng.timeout(),
        },
        33 => Syscall::Query {
            h: Q,
            q: QueueQuery::Size,
        },
        34..=37 => Syscall::Acquire {
            h: [L, S, R][rng.below(3) as usize],
            block,
            timeout: rng.timeout(),
        },
        38..=43 => Syscall::Release {
            h: [L, S, R][rng.below(3) as usize],
        },
        44 => Syscall::EventSet { h: E },
        45 => Syscall::EventClear { h: E },
        46..=47 => Syscall::EventWait {
            h: E,
            timeout: rng.timeout(),
        },
        48..=49 => Syscall::CondWait {
            h: C,
            lock: R,
            timeout: rng.timeout(),
        },
        50..=51 => Syscall::CondNotify {
            h: C,
            n: [None, Some(1), Some(2)][rng.below(3) as usize],
        },
        52..=53 => Syscall::BarrierWait {
            h: B,
            timeout: rng.timeout(),
        },
        54 => Syscall::SetThread {
            tid: rng.below(2) as u32,
        },
        55 => Syscall::Nice {
            inc: rng.below(3) as i32,
        },
        _ => Syscall::GetPid,
    };
    Step::Syscall(call)
}

#[test]
fn random_hosts_keep_the_object_invariants() {
    let mut deadlocks = 0;
    for seed in 1..=3000 {
        if play(seed).is_some() {
            deadlocks += 1;
        }
    }
    // Random programs without timeouts deadlock now and then; both kinds of run are covered.
    assert!(deadlocks > 100 && deadlocks < 2900, "{deadlocks} deadlocks");
}

/// The classic: A takes L1 then L2, B takes L2 then L1, each yielding a random number of slices
/// in between; main joins both. Scripted per process; the host schedules at random.
fn two_locks(seed: u64) -> Option<String> {
    let mut rng = Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) | 1);
    let cpus = 1 + rng.below(4) as usize;
    let policy = [Policy::Fcfs, Policy::RoundRobin, Policy::Priority][rng.below(3) as usize];
    let mut k = Kernel::new(Config::new(cpus, policy, seed, 0));
    let main = k.start(0);
    let lock = |h| Syscall::Acquire {
        h,
        block: true,
        timeout: None,
    };
    let worker = |first: Handle, second: Handle, pause: u64| {
        let mut s = vec![Step::Syscall(lock(first))];
        s.extend((0..pause).map(|_| Step::Yield));
        s.push(Step::Syscall(lock(second)));
        s.push(Step::Syscall(Syscall::Release { h: second }));
        s.push(Step::Syscall(Syscall::Release { h: first }));
        s.push(Step::Exit(0));
        s.reverse();
        s
    };
    let mut scripts: BTreeMap<Pid, Vec<Step>> = BTreeMap::new();
    let mk = |label: &str| {
        Step::Syscall(Syscall::Create {
            kind: ObjKind::Lock,
            label: label.into(),
        })
    };
    let fork = || {
        Step::Syscall(Syscall::Fork {
            name: "Process".into(),
            daemon: false,
        })
    };
    scripts.insert(
        main,
        vec![Step::Exit(0), fork(), fork(), mk("Lock-2"), mk("Lock-1")],
    );
    let mut children: Vec<Pid> = Vec::new();
    let mut on_cpu: BTreeSet<Pid> = BTreeSet::new();
    let mut now = 0;
    loop {
        for e in k.take_effects() {
            match e {
                Effect::Run { pid, .. } => {
                    on_cpu.insert(pid);
                }
                Effect::Recall { .. } => unreachable!("this kernel lends nothing"),
                Effect::Fork { child, .. } => {
                    children.push(child);
                    let (a, b) = if children.len() == 1 { (1, 2) } else { (2, 1) };
                    scripts.insert(child, worker(a, b, rng.below(4)));
                }
                Effect::Kill { pid } => {
                    on_cpu.remove(&pid);
                }
                Effect::Done => return k.deadlock().map(str::to_owned),
            }
        }
        now += 1 + rng.below(100);
        let list: Vec<Pid> = on_cpu.iter().copied().collect();
        assert!(!list.is_empty(), "seed {seed}: nobody runs and no Done");
        let pid = list[rng.below(list.len() as u64) as usize];
        on_cpu.remove(&pid);
        let step = scripts
            .get_mut(&pid)
            .and_then(Vec::pop)
            .unwrap_or(Step::Exit(0));
        if pid == main && matches!(step, Step::Exit(_)) {
            // Main waits for both children before it exits.
            let pending: Vec<Pid> = children
                .iter()
                .copied()
                .filter(|c| k.proc(*c).unwrap().state.is_alive())
                .collect();
            if let Some(&c) = pending.first() {
                scripts.get_mut(&main).unwrap().push(Step::Exit(0));
                k.on_step(
                    now,
                    pid,
                    Step::Syscall(Syscall::Join {
                        pid: c,
                        timeout: None,
                    }),
                    vec![],
                    1,
                );
                continue;
            }
        }
        k.on_step(now, pid, step, vec![], 1);
    }
}

#[test]
fn two_lock_cycles_are_detected_and_never_invented() {
    let mut deadlocks = 0;
    let mut completed = 0;
    for seed in 1..=1000 {
        match two_locks(seed) {
            Some(msg) => {
                deadlocks += 1;
                assert!(
                    msg.starts_with("deadlock: Process (pid ")
                        && msg.contains("waits for Lock-1 held by Process")
                        && msg.contains("waits for Lock-2 held by Process")
                        && msg.matches("; ").count() == 1,
                    "seed {seed}: {msg}"
                );
            }
            None => completed += 1,
        }
    }
    assert!(
        deadlocks > 0 && completed > 0,
        "{deadlocks} deadlocks, {completed} completed"
    );
}
