//! The kernel: a pure, deterministic state machine that owns every process of one run.
//!
//! Events in (`start`, `on_step`, `advance`, `stop`), effects out (`take_effects`). It has no clock
//! of its own (every call passes `now`), does no I/O and knows nothing of interpreters or Web
//! Workers: a *host* turns its effects into work (the simulation host in `proclab-sim`, the browser
//! host in the web app). It keeps the process table, the scheduler (N CPUs, a policy), timers,
//! and the trace of every state change.
//!
//! # Protocol with a host
//! 1. `start(now)` creates the main process; `take_effects()` then holds `Run { pid, reply: None }`.
//! 2. For every `Run` the host runs one slice of that process (after `resume(reply)` when a reply is
//!    given) and reports it with exactly one `on_step`. A process never gets a second `Run` before
//!    its slice was reported, and at most `cpus` processes hold a `Run` at once.
//! 3. When `next_deadline()` is `Some(t)`, the host calls `advance(now)` once its clock reaches `t`.
//! 4. `Effect::Done` (and `is_done()`) ends the run. A host must tolerate `on_step` for a process
//!    that was killed meanwhile (it is ignored) and `Kill` for a pid whose `Fork` it has carried out.
//!
//! # Determinism
//! Everything the kernel chooses (pids, the `time.time()` and `perf_counter()` bases) comes from
//! `Config::seed`; with the same calls in the same order it emits the same effects and trace.
//!
//! # Limits
//! - At most [`Config::max_procs`] processes per run (default [`DEFAULT_MAX_PROCS`], the main process
//!   included): a `Fork` beyond it is answered with `OSError: [Errno 11] Resource temporarily
//!   unavailable`, like `fork()` hitting `RLIMIT_NPROC`. This bounds memory for fork bombs.
//! - At most [`Config::max_live`] processes admitted at once (default [`DEFAULT_MAX_LIVE`]): more
//!   children are created (their `Fork` effect is emitted, so the host snapshots them) but wait in
//!   state `New` until an admitted process ends (admission control, so that a browser never has
//!   hundreds of Web Workers busy at once).
//! - Time is in whole microseconds; a positive sleep lasts at least 1 µs.

mod chrome;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub use proclab_abi::{Micros, Output, Pid, Reply, Step, Stream, Syscall};
use serde::{Deserialize, Serialize};

/// Default for [`Config::max_procs`].
pub const DEFAULT_MAX_PROCS: usize = 10_000;
/// Default for [`Config::max_live`].
pub const DEFAULT_MAX_LIVE: usize = 64;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Config {
    /// How many processes may run at the same time.
    pub cpus: usize,
    pub policy: Policy,
    /// Seeds everything the kernel chooses (the pid base).
    pub seed: u64,
    /// `time.time()` at the start of the run, in microseconds since the Unix epoch.
    pub epoch_us: u64,
    /// Processes created per run, at most (see the module doc, "Limits").
    #[serde(default = "default_max_procs")]
    pub max_procs: usize,
    /// Processes admitted (not `New`, not `Terminated`) at once, at most.
    #[serde(default = "default_max_live")]
    pub max_live: usize,
}

fn default_max_procs() -> usize {
    DEFAULT_MAX_PROCS
}

fn default_max_live() -> usize {
    DEFAULT_MAX_LIVE
}

impl Config {
    /// A configuration with the default limits.
    pub fn new(cpus: usize, policy: Policy, seed: u64, epoch_us: u64) -> Config {
        Config {
            cpus,
            policy,
            seed,
            epoch_us,
            max_procs: DEFAULT_MAX_PROCS,
            max_live: DEFAULT_MAX_LIVE,
        }
    }
}

impl Default for Config {
    /// 4 CPUs, round robin (what a desktop OS does), seed 0, epoch 2026-01-01.
    fn default() -> Config {
        Config::new(4, Policy::RoundRobin, 0, 1_767_225_600_000_000)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// A running process keeps its CPU until it blocks or ends.
    Fcfs,
    /// A running process goes to the back of the ready queue after each slice if others wait.
    RoundRobin,
    /// The ready process with the highest priority runs first (ties: FCFS).
    Priority,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProcState {
    New,
    Ready,
    Running,
    Blocked(BlockReason),
    Terminated,
}

impl ProcState {
    /// The name the timeline and the Chrome trace show: "running", "blocked: join 4243", ...
    pub fn label(&self) -> String {
        match self {
            ProcState::New => "new".into(),
            ProcState::Ready => "ready".into(),
            ProcState::Running => "running".into(),
            ProcState::Blocked(BlockReason::Join(pid)) => format!("blocked: join {pid}"),
            ProcState::Blocked(BlockReason::Sleep) => "blocked: sleep".into(),
            ProcState::Terminated => "terminated".into(),
        }
    }

    /// Whether the process has not ended yet.
    pub fn is_alive(&self) -> bool {
        *self != ProcState::Terminated
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BlockReason {
    /// Waiting in `join` for that child.
    Join(Pid),
    Sleep,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProcInfo {
    pub pid: Pid,
    pub ppid: Pid,
    pub name: String,
    pub state: ProcState,
    pub daemon: bool,
    pub exitcode: Option<i32>,
    /// CPU time used so far.
    pub cpu_us: Micros,
    pub created: Micros,
    pub ended: Option<Micros>,
    /// Scheduling priority for [`Policy::Priority`] (higher runs first); 0 unless the host sets it
    /// with [`Kernel::set_priority`]. A child inherits its parent's.
    #[serde(default)]
    pub priority: i32,
    /// Interpreter instructions executed so far, as reported by the host.
    #[serde(default)]
    pub instructions: u64,
}

/// What the host must do. Effects come out in the order they must be carried out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Give `pid` a CPU for one slice: if `reply` is `Some`, first `resume(reply)` it (its pending
    /// syscall is answered), then `run` it and report back with `Kernel::on_step`.
    Run { pid: Pid, reply: Option<Reply> },
    /// Make `child` a copy of `parent`, which is suspended in `Syscall::Fork`: a clone in the
    /// simulation host; in the browser, the snapshot that came with the fork goes to a new worker.
    /// The child runs later, with a `Run { pid: child, reply: Some(Reply::Int(0)) }`.
    Fork { parent: Pid, child: Pid },
    /// End `pid` now (terminate, kill, daemon at exit, Stop): drop it / `Worker.terminate()`.
    Kill { pid: Pid },
    /// Every process has ended: the run is over.
    Done,
}

/// One entry of the trace: something happened to `pid` at `t` (host clock) as the `seq`-th event
/// of the run (logical time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TraceEvent {
    pub seq: u64,
    pub t: Micros,
    pub pid: Pid,
    pub kind: TraceKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TraceKind {
    /// `pid` entered this state.
    State(ProcState),
    /// `pid` created `child`.
    Spawn { child: Pid },
    /// `pid`'s join on `child` returned because `child` ended.
    JoinWake { child: Pid },
    /// `pid` printed this.
    Output(Output),
}

/// A state interval of one process: what the timeline draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub pid: Pid,
    pub state: ProcState,
    pub start: Micros,
    pub end: Micros,
}

/// Kernel-private bookkeeping of one process, parallel to `Kernel::procs`.
#[derive(Clone, Debug, Default)]
struct Sched {
    /// The answer to give with the next `Run` (a syscall that completed while it was off CPU).
    pending: Option<Reply>,
    /// When its current slice began (for `cpu_us`).
    run_start: Micros,
    /// Its timer in `Kernel::timers`, if it waits with a deadline.
    timer: Option<(Micros, u64)>,
}

/// The process kernel of one run. See the crate doc for the protocol with a host.
#[derive(Clone, Debug)]
pub struct Kernel {
    config: Config,
    rng: u64,
    procs: Vec<ProcInfo>,
    sched: Vec<Sched>,
    index: BTreeMap<Pid, usize>,
    /// Ready processes, in arrival order.
    ready: VecDeque<Pid>,
    /// Created processes waiting for admission (state `New`).
    admission: VecDeque<Pid>,
    /// Processes currently `Running` (each holds one CPU).
    running: usize,
    /// Processes that are `Ready`, `Running` or `Blocked`.
    admitted: usize,
    /// Processes that are not `Terminated`.
    live: usize,
    /// (deadline, tie-breaking sequence, pid).
    timers: BTreeSet<(Micros, u64, Pid)>,
    timer_seq: u64,
    effects: Vec<Effect>,
    trace: Vec<TraceEvent>,
    console: Vec<(Pid, Micros, Output)>,
    /// The latest `now` seen: the kernel's clock never goes back even if a host's does.
    clock: Micros,
    last_pid: Pid,
    shell_pid: Pid,
    /// `perf_counter()` at the start of the run, in microseconds (a seeded "uptime").
    monotonic_base_us: u64,
    started: bool,
    done: bool,
    /// Set by `stop`: ending processes no longer wake joiners or admit others.
    stopping: bool,
}

impl Kernel {
    pub fn new(config: Config) -> Kernel {
        // splitmix64 of the seed, so that neighbouring seeds give unrelated streams; never 0 for xorshift.
        let mut z = config.seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let mut k = Kernel {
            config,
            rng: z | 1,
            procs: Vec::new(),
            sched: Vec::new(),
            index: BTreeMap::new(),
            ready: VecDeque::new(),
            admission: VecDeque::new(),
            running: 0,
            admitted: 0,
            live: 0,
            timers: BTreeSet::new(),
            timer_seq: 0,
            effects: Vec::new(),
            trace: Vec::new(),
            console: Vec::new(),
            clock: 0,
            last_pid: 0,
            shell_pid: 0,
            monotonic_base_us: 0,
            started: false,
            done: false,
            stopping: false,
        };
        let base = 4000 + (k.random() % 26_000) as Pid;
        k.shell_pid = base - 1 - (k.random() % 40) as Pid;
        k.last_pid = base - 1;
        k.monotonic_base_us = 1_000_000 * (100 + k.random() % 100_000);
        k
    }

    /// The configuration this kernel runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Creates the main process and schedules it (emits `Effect::Run`).
    pub fn start(&mut self, now: Micros) -> Pid {
        assert!(!self.started, "Kernel::start called twice");
        self.started = true;
        let now = self.tick(now);
        let pid = self.create(now, self.shell_pid, "MainProcess".into(), false, 0);
        let idx = self.idx(pid).expect("just created");
        self.admitted += 1;
        self.make_ready(now, idx);
        self.dispatch(now);
        pid
    }

    /// The host reports how `pid`'s slice ended, what it printed in it and how many instructions it ran.
    pub fn on_step(
        &mut self,
        now: Micros,
        pid: Pid,
        step: Step,
        output: Vec<Output>,
        instructions: u64,
    ) {
        let now = self.tick(now);
        let Some(idx) = self.idx(pid) else { return };
        if self.procs[idx].state != ProcState::Running {
            // Killed (or stopped) while its slice was under way: what it did meanwhile is lost,
            // like the output of a real process killed before it flushed.
            return;
        }
        for out in output {
            if out.text.is_empty() {
                continue;
            }
            self.console.push((pid, now, out.clone()));
            self.record(now, pid, TraceKind::Output(out));
        }
        let p = &mut self.procs[idx];
        p.cpu_us += now.saturating_sub(self.sched[idx].run_start);
        p.instructions += instructions;
        match step {
            Step::Yield => self.on_yield(now, idx),
            Step::Exit(code) => self.terminate(now, idx, code, false, true),
            Step::Syscall(call) => self.syscall(now, idx, call),
        }
        self.finish_event(now);
    }

    /// Fires the timers due at `now` (sleeps ending, join timeouts).
    pub fn advance(&mut self, now: Micros) {
        let now = self.tick(now);
        while let Some(&(deadline, seq, pid)) = self.timers.first() {
            if deadline > now {
                break;
            }
            self.timers.remove(&(deadline, seq, pid));
            let idx = self.idx(pid).expect("timer of a known pid");
            self.sched[idx].timer = None;
            match self.procs[idx].state {
                ProcState::Blocked(BlockReason::Sleep) => {
                    self.sched[idx].pending = Some(Reply::None)
                }
                ProcState::Blocked(BlockReason::Join(_)) => {
                    self.sched[idx].pending = Some(Reply::ExitCode(None))
                }
                _ => continue,
            }
            self.make_ready(now, idx);
        }
        self.finish_event(now);
    }

    /// When the next timer is due, if any.
    pub fn next_deadline(&self) -> Option<Micros> {
        self.timers.first().map(|t| t.0)
    }

    /// What the host must do now, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The Stop button: every live process ends now.
    pub fn stop(&mut self, now: Micros) {
        let now = self.tick(now);
        self.stopping = true;
        for idx in 0..self.procs.len() {
            if self.procs[idx].state.is_alive() {
                self.terminate(now, idx, -15, true, false);
            }
        }
        self.finish_event(now);
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The process table, in creation order.
    pub fn procs(&self) -> &[ProcInfo] {
        &self.procs
    }

    /// One process's entry in the table.
    pub fn proc(&self, pid: Pid) -> Option<&ProcInfo> {
        self.idx(pid).map(|i| &self.procs[i])
    }

    /// The main process (the first one created), once started.
    pub fn main_pid(&self) -> Option<Pid> {
        self.procs.first().map(|p| p.pid)
    }

    /// Sets `pid`'s priority for [`Policy::Priority`] (higher runs first). Takes effect at the
    /// next scheduling decision.
    pub fn set_priority(&mut self, pid: Pid, priority: i32) {
        if let Some(i) = self.idx(pid) {
            self.procs[i].priority = priority;
        }
    }

    pub fn trace(&self) -> &[TraceEvent] {
        &self.trace
    }

    /// Everything printed, in arrival order.
    pub fn console(&self) -> &[(Pid, Micros, Output)] {
        &self.console
    }

    /// The state intervals of every process (processes in creation order, each in time order).
    /// A state still current ends at the time of the last trace event; zero-length intervals (a
    /// process made ready and dispatched in the same instant) and `Terminated` are left out.
    pub fn spans(&self) -> Vec<Span> {
        self.spans_until(0)
    }

    /// Like [`Kernel::spans`], but states still current end at `now` if that is later than the
    /// last event: what a live timeline draws while the run goes on.
    pub fn spans_until(&self, now: Micros) -> Vec<Span> {
        let last = self.trace.last().map_or(0, |e| e.t).max(now);
        let mut open: BTreeMap<Pid, (ProcState, Micros)> = BTreeMap::new();
        let mut per_proc: BTreeMap<Pid, Vec<Span>> = BTreeMap::new();
        let mut push = |pid: Pid, state: ProcState, start: Micros, end: Micros| {
            if end > start && state != ProcState::Terminated {
                per_proc.entry(pid).or_default().push(Span {
                    pid,
                    state,
                    start,
                    end,
                });
            }
        };
        for e in &self.trace {
            if let TraceKind::State(s) = &e.kind {
                if let Some((prev, start)) = open.insert(e.pid, (s.clone(), e.t)) {
                    push(e.pid, prev, start, e.t);
                }
            }
        }
        for (pid, (state, start)) in open {
            push(pid, state, start, last);
        }
        self.procs
            .iter()
            .flat_map(|p| per_proc.remove(&p.pid).unwrap_or_default())
            .collect()
    }

    /// Chrome trace-event JSON (`{"traceEvents":[...]}`), which Perfetto opens.
    pub fn chrome_trace_json(&self) -> String {
        chrome::render(self)
    }

    // ----- internals -----

    fn random(&mut self) -> u64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn tick(&mut self, now: Micros) -> Micros {
        self.clock = self.clock.max(now);
        self.clock
    }

    fn idx(&self, pid: Pid) -> Option<usize> {
        self.index.get(&pid).copied()
    }

    fn record(&mut self, now: Micros, pid: Pid, kind: TraceKind) {
        let seq = self.trace.len() as u64;
        self.trace.push(TraceEvent {
            seq,
            t: now,
            pid,
            kind,
        });
    }

    fn set_state(&mut self, now: Micros, idx: usize, state: ProcState) {
        let old = std::mem::replace(&mut self.procs[idx].state, state.clone());
        if old == ProcState::Running {
            self.running -= 1;
        }
        if state == ProcState::Running {
            self.running += 1;
        }
        let pid = self.procs[idx].pid;
        self.record(now, pid, TraceKind::State(state));
    }

    /// A new process in state `New` (not yet admitted).
    fn create(&mut self, now: Micros, ppid: Pid, name: String, daemon: bool, priority: i32) -> Pid {
        // Like a real OS: the next free number, now and then skipping a few (other programs' pids).
        let gap = if self.procs.is_empty() || !self.random().is_multiple_of(8) {
            0
        } else {
            1 + (self.random() % 3) as Pid
        };
        let pid = self.last_pid + 1 + gap;
        self.last_pid = pid;
        self.index.insert(pid, self.procs.len());
        self.procs.push(ProcInfo {
            pid,
            ppid,
            name,
            state: ProcState::New,
            daemon,
            exitcode: None,
            cpu_us: 0,
            created: now,
            ended: None,
            priority,
            instructions: 0,
        });
        self.sched.push(Sched::default());
        self.live += 1;
        self.record(now, pid, TraceKind::State(ProcState::New));
        pid
    }

    fn make_ready(&mut self, now: Micros, idx: usize) {
        self.set_state(now, idx, ProcState::Ready);
        self.ready.push_back(self.procs[idx].pid);
    }

    /// Gives free CPUs to ready processes, by policy.
    fn dispatch(&mut self, now: Micros) {
        while self.running < self.config.cpus.max(1) && !self.ready.is_empty() {
            let pos = match self.config.policy {
                Policy::Fcfs | Policy::RoundRobin => 0,
                Policy::Priority => self.best_ready().expect("ready queue not empty").0,
            };
            let pid = self.ready.remove(pos).expect("valid position");
            let idx = self.idx(pid).expect("ready pid is known");
            self.set_state(now, idx, ProcState::Running);
            self.run(now, idx, None);
        }
    }

    /// Position and priority of the highest-priority ready process (the earliest among equals).
    fn best_ready(&self) -> Option<(usize, i32)> {
        let mut best: Option<(usize, i32)> = None;
        for (pos, pid) in self.ready.iter().enumerate() {
            let prio = self.procs[self.index[pid]].priority;
            if best.is_none_or(|(_, b)| prio > b) {
                best = Some((pos, prio));
            }
        }
        best
    }

    /// Emits a `Run` for a process that holds a CPU: with `reply`, or else its pending answer.
    fn run(&mut self, now: Micros, idx: usize, reply: Option<Reply>) {
        let reply = reply.or_else(|| self.sched[idx].pending.take());
        self.sched[idx].run_start = now;
        let pid = self.procs[idx].pid;
        self.effects.push(Effect::Run { pid, reply });
    }

    fn on_yield(&mut self, now: Micros, idx: usize) {
        let preempt = match self.config.policy {
            Policy::Fcfs => false,
            Policy::RoundRobin => !self.ready.is_empty(),
            Policy::Priority => self
                .best_ready()
                .is_some_and(|(_, p)| p > self.procs[idx].priority),
        };
        if preempt {
            self.make_ready(now, idx);
        } else {
            self.run(now, idx, None);
        }
    }

    fn block(&mut self, now: Micros, idx: usize, reason: BlockReason, deadline: Option<Micros>) {
        self.set_state(now, idx, ProcState::Blocked(reason));
        if let Some(d) = deadline {
            let seq = self.timer_seq;
            self.timer_seq += 1;
            self.timers.insert((d, seq, self.procs[idx].pid));
            self.sched[idx].timer = Some((d, seq));
        }
    }

    fn cancel_timer(&mut self, idx: usize) {
        if let Some((d, seq)) = self.sched[idx].timer.take() {
            self.timers.remove(&(d, seq, self.procs[idx].pid));
        }
    }

    fn syscall(&mut self, now: Micros, idx: usize, call: Syscall) {
        let pid = self.procs[idx].pid;
        let reply = match call {
            Syscall::Fork { name, daemon } => {
                if self.procs.len() >= self.config.max_procs {
                    error("OSError", "[Errno 11] Resource temporarily unavailable")
                } else {
                    let prio = self.procs[idx].priority;
                    let child = self.create(now, pid, name, daemon, prio);
                    self.record(now, pid, TraceKind::Spawn { child });
                    self.effects.push(Effect::Fork { parent: pid, child });
                    let cidx = self.idx(child).expect("just created");
                    self.sched[cidx].pending = Some(Reply::Int(0));
                    self.admission.push_back(child);
                    // The parent's reply goes out before the child can be dispatched.
                    self.run(now, idx, Some(Reply::Int(child as i64)));
                    self.admit(now);
                    return;
                }
            }
            Syscall::Sleep { secs } => {
                if secs.is_nan() || secs < 0.0 {
                    error("ValueError", "sleep length must be non-negative")
                } else if secs == 0.0 {
                    // sleep(0) gives the CPU up to whoever waits, and returns at once otherwise.
                    if self.ready.is_empty() {
                        Reply::None
                    } else {
                        self.sched[idx].pending = Some(Reply::None);
                        self.make_ready(now, idx);
                        return;
                    }
                } else {
                    let d = now.saturating_add(secs_to_us(secs));
                    self.block(now, idx, BlockReason::Sleep, Some(d));
                    return;
                }
            }
            Syscall::Time => Reply::Float(self.config.epoch_us.saturating_add(now) as f64 / 1e6),
            Syscall::Monotonic => Reply::Float((self.monotonic_base_us + now) as f64 / 1e6),
            Syscall::GetPid => Reply::Int(pid as i64),
            Syscall::GetPpid => Reply::Int(self.procs[idx].ppid as i64),
            Syscall::Join {
                pid: target,
                timeout,
            } => match self.idx(target) {
                None => error("ChildProcessError", "[Errno 10] No child processes"),
                Some(t) if t == idx => error("RuntimeError", "cannot join current process"),
                Some(t) => match self.procs[t].exitcode {
                    Some(code) => Reply::ExitCode(Some(code)),
                    None => match timeout {
                        Some(secs) if secs.is_nan() || secs <= 0.0 => Reply::ExitCode(None),
                        _ => {
                            let d = timeout.map(|s| now.saturating_add(secs_to_us(s)));
                            self.block(now, idx, BlockReason::Join(target), d);
                            return;
                        }
                    },
                },
            },
            Syscall::Poll { pid: target } => match self.idx(target) {
                None => error("ProcessLookupError", "[Errno 3] No such process"),
                Some(t) => Reply::ExitCode(self.procs[t].exitcode),
            },
            Syscall::Kill {
                pid: target,
                signal,
            } => match self.idx(target) {
                None => error("ProcessLookupError", "[Errno 3] No such process"),
                Some(t) if signal == 0 || !self.procs[t].state.is_alive() => Reply::None,
                Some(t) => {
                    self.terminate(now, t, -signal, true, false);
                    if t == idx {
                        return; // killed itself: no reply
                    }
                    Reply::None
                }
            },
            // Shared objects and files: being implemented (issue 5).
            _ => error("NotImplementedError", "not supported yet by the kernel"),
        };
        self.run(now, idx, Some(reply));
    }

    /// Ends a process: exit code, wake joiners, free its CPU or queue slot, admit a waiting one.
    /// `kill` emits `Effect::Kill` (the host must end it); `at_exit` (a normal exit) also
    /// terminates its live daemonic children, as CPython's `multiprocessing` does at exit.
    fn terminate(&mut self, now: Micros, idx: usize, code: i32, kill: bool, at_exit: bool) {
        let pid = self.procs[idx].pid;
        match self.procs[idx].state {
            ProcState::Terminated => return,
            ProcState::New => self.admission.retain(|&p| p != pid),
            ProcState::Ready => {
                self.ready.retain(|&p| p != pid);
                self.admitted -= 1;
            }
            ProcState::Running | ProcState::Blocked(_) => self.admitted -= 1,
        }
        self.cancel_timer(idx);
        self.sched[idx].pending = None;
        self.live -= 1;
        self.procs[idx].exitcode = Some(code);
        self.procs[idx].ended = Some(now);
        self.set_state(now, idx, ProcState::Terminated);
        if kill {
            // A Run not yet carried out would run a process that no longer exists.
            self.effects
                .retain(|e| !matches!(e, Effect::Run { pid: p, .. } if *p == pid));
            self.effects.push(Effect::Kill { pid });
        }
        if self.stopping {
            return;
        }
        for j in 0..self.procs.len() {
            if self.procs[j].state == ProcState::Blocked(BlockReason::Join(pid)) {
                self.cancel_timer(j);
                let joiner = self.procs[j].pid;
                self.record(now, joiner, TraceKind::JoinWake { child: pid });
                self.sched[j].pending = Some(Reply::ExitCode(Some(code)));
                self.make_ready(now, j);
            }
        }
        if at_exit {
            for j in 0..self.procs.len() {
                let p = &self.procs[j];
                if p.ppid == pid && p.daemon && p.state.is_alive() {
                    self.terminate(now, j, -15, true, false);
                }
            }
        }
        self.admit(now);
    }

    /// Moves created processes from `New` to `Ready` while there is room (`max_live`).
    fn admit(&mut self, now: Micros) {
        while self.admitted < self.config.max_live.max(1) {
            let Some(pid) = self.admission.pop_front() else {
                break;
            };
            let idx = self.idx(pid).expect("admission pid is known");
            self.admitted += 1;
            self.make_ready(now, idx);
        }
    }

    /// After every event: fill the CPUs, and say Done once nobody is left.
    fn finish_event(&mut self, now: Micros) {
        if !self.stopping {
            self.dispatch(now);
        }
        if self.started && self.live == 0 && !self.done {
            self.done = true;
            self.timers.clear();
            self.effects.push(Effect::Done);
        }
    }
}

fn error(kind: &str, msg: &str) -> Reply {
    Reply::Error {
        kind: kind.into(),
        msg: msg.into(),
    }
}

/// Seconds to whole microseconds, rounding up so that a positive wait never lasts 0.
fn secs_to_us(secs: f64) -> Micros {
    let us = (secs * 1e6).ceil();
    if us >= u64::MAX as f64 {
        u64::MAX
    } else {
        (us as u64).max(1)
    }
}

#[cfg(test)]
mod tests;
