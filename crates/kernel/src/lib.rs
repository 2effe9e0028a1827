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
//! # Shared objects, files, deadlock
//! The kernel also owns what processes share: queues, pipes, locks, semaphores, events,
//! conditions, barriers and shared cells (`Syscall::Create` and the calls on a handle, in
//! `objects.rs`), and the run's file system (`ReadFile`/`WriteFile`/..., seeded by a host with
//! [`Kernel::add_file`]). A process waiting on an object is `Blocked` with the matching
//! [`BlockReason`]; wake-ups are first come, first served. When every live process is blocked
//! and no timer is pending, nothing can ever wake them: the kernel records
//! [`TraceKind::Deadlock`] with the wait-for cycle, keeps them in their blocked states (so the
//! timeline ends showing who waits for what), emits `Done`, and [`Kernel::deadlock`] gives the
//! message.
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
mod objects;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

pub use objects::ObjView;
pub use proclab_abi::{
    sort_by, sort_by_key, Handle, Item, Lent, Micros, ObjKind, Output, Pid, QueueQuery, Reply,
    Step, Stream, Syscall,
};
use serde::{Deserialize, Serialize};

/// Default for [`Config::max_procs`].
pub const DEFAULT_MAX_PROCS: usize = 20_000;
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
    /// A `get` from the only process that ever read a queue or pipe (an unbounded one) may
    /// also lend it up to this many of the items after the one it takes ([`Reply::Lease`]):
    /// its host answers the next gets itself, one message for many items, and reports them
    /// with [`Kernel::on_lent_report`]. The lent items stay first in the queue (its size and
    /// view count them) and no other process can take them: when another reads, the kernel
    /// asks for them back ([`Effect::Recall`], answered by [`Kernel::on_lease_returned`]).
    /// 0 (the default): no lending, every get is a syscall.
    #[serde(default)]
    pub lease_max: u32,
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
            lease_max: 0,
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
    /// The ready process with the highest priority runs first, then the lowest niceness
    /// (`os.nice`); ties: FCFS.
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
            ProcState::Blocked(r) => format!("blocked: {}", r.label(|h| format!("#{h}"))),
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
    /// Waiting in `get` (`put: false`, for an item) or `put` (`put: true`, for room) on queue `h`.
    Queue {
        h: Handle,
        put: bool,
    },
    /// Waiting to acquire lock, rlock or semaphore `h` (also: re-acquiring a condition's lock).
    Lock(Handle),
    /// Waiting in `Event.wait` for `h` to be set.
    Event(Handle),
    /// Waiting in `Condition.wait` for a notify of `h`.
    Condition(Handle),
    /// Waiting in `Barrier.wait` for the other parties of `h`.
    Barrier(Handle),
    /// Waiting in `Connection.recv` for data on pipe channel `h`.
    Channel(Handle),
    /// Waiting in `JoinableQueue.join` until every item of `h` was marked done.
    QueueJoin(Handle),
}

impl BlockReason {
    /// What the process waits for, as the timeline says it after "blocked: " ("get Queue-1",
    /// "lock Lock-1", "join 4243"); `name` gives an object's label from its handle.
    pub fn label(&self, name: impl Fn(Handle) -> String) -> String {
        match self {
            BlockReason::Join(pid) => format!("join {pid}"),
            BlockReason::Sleep => "sleep".into(),
            BlockReason::Queue { h, put: false } => format!("get {}", name(*h)),
            BlockReason::Queue { h, put: true } => format!("put {}", name(*h)),
            BlockReason::Lock(h) => format!("lock {}", name(*h)),
            BlockReason::Event(h) => format!("wait {}", name(*h)),
            BlockReason::Condition(h) => format!("wait {}", name(*h)),
            BlockReason::Barrier(h) => format!("wait {}", name(*h)),
            BlockReason::Channel(h) => format!("recv {}", name(*h)),
            BlockReason::QueueJoin(h) => format!("join {}", name(*h)),
        }
    }

    /// The shared object waited on, if any.
    pub fn handle(&self) -> Option<Handle> {
        match *self {
            BlockReason::Join(_) | BlockReason::Sleep => None,
            BlockReason::Queue { h, .. }
            | BlockReason::Lock(h)
            | BlockReason::Event(h)
            | BlockReason::Condition(h)
            | BlockReason::Barrier(h)
            | BlockReason::Channel(h)
            | BlockReason::QueueJoin(h) => Some(h),
        }
    }
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
    /// Scheduling priority for [`Policy::Priority`] (higher runs first; niceness only breaks
    /// ties); 0 unless the host sets it with [`Kernel::set_priority`]. A child inherits its
    /// parent's.
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
    /// Ask `pid`'s host to give back the items of queue or pipe `h` lent to it (see
    /// [`Config::lease_max`]) and not taken yet: [`Kernel::on_lease_returned`].
    Recall { pid: Pid, h: Handle },
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
    /// `pid` created shared object `h` (`kind`: "Queue", "Lock", ...; `label`: "Queue-1").
    Create {
        h: Handle,
        kind: String,
        label: String,
    },
    /// `pid` put an item into queue or pipe `h` (the moment it entered the queue).
    Put { h: Handle, item_repr: String },
    /// `pid` got an item from queue or pipe `h`, which `from` had put: the timeline's arrow.
    Get {
        h: Handle,
        item_repr: String,
        from: Option<Pid>,
    },
    /// `pid` acquired lock, rlock or semaphore `h`; `from` released it last (the hand-over arrow).
    Acquire { h: Handle, from: Option<Pid> },
    /// `pid` released lock, rlock or semaphore `h`.
    Release { h: Handle },
    /// No process can ever run again: each entry is a blocked process, what it waits for and
    /// the process holding that (if known). The wait-for cycle when there is one, else every
    /// blocked process. The run ends right after, the processes staying in their blocked state.
    Deadlock {
        cycle: Vec<(Pid, String, Option<Pid>)>,
    },
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
    /// Niceness (`os.nice`), -20..=19, default 0, inherited by children: among ready processes
    /// of equal `priority`, [`Policy::Priority`] runs the lowest first. Kept here rather than
    /// in [`ProcInfo`] so that hosts building a `ProcInfo` need no change; see [`Kernel::nice`].
    nice: i32,
    /// The green thread it runs now (`Syscall::SetThread`): RLock ownership is per (pid, tid).
    tid: u32,
}

/// How late a sleep wakes up: Linux's default timer slack.
pub const TIMER_SLACK_US: Micros = 50;

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
    /// Shared objects; handle `h` is `objects[h - 1]`.
    objects: Vec<objects::Obj>,
    /// The run's file system (path -> text), shared by every process as a disk is.
    files: BTreeMap<String, String>,
    /// The directories made by `os.mkdir`/`os.makedirs` (paths without a trailing `/`); the
    /// working directory itself is implicit.
    dirs: BTreeSet<String>,
    /// Set when the run ended in a deadlock: the message naming the wait-for cycle.
    deadlock: Option<String>,
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
            objects: Vec::new(),
            files: BTreeMap::new(),
            dirs: BTreeSet::new(),
            deadlock: None,
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
        let pid = self.create(now, self.shell_pid, "MainProcess".into(), false, 0, 0);
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
        self.on_step_timed(now, pid, step, output, instructions, None);
    }

    /// [`Kernel::on_step`] for a host that timed the slice where it ran (a worker's clock): the
    /// process's CPU time grows by `busy_us` (at most the time since it got the CPU), not by
    /// all that time, which also holds the messages' way to the process and back. `None`: by
    /// all that time.
    pub fn on_step_timed(
        &mut self,
        now: Micros,
        pid: Pid,
        step: Step,
        output: Vec<Output>,
        instructions: u64,
        busy_us: Option<Micros>,
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
        let held = now.saturating_sub(self.sched[idx].run_start);
        p.cpu_us += busy_us.map_or(held, |b| b.min(held));
        p.instructions += instructions;
        match step {
            Step::Yield => self.on_yield(now, idx),
            Step::Exit(code) => self.terminate(now, idx, code, false, true),
            Step::Syscall(call) => self.syscall(now, idx, call),
        }
        self.finish_event(now);
    }

    /// Puts that the running process `pid` made without waiting for their replies
    /// (`Syscall::PutAsync`, answered by its host), in the order it made them: they happen now.
    /// Those of a process that is no longer running (killed meanwhile) are lost, like the items
    /// a killed CPython process still had in its queue's feeder thread.
    pub fn on_put_async(&mut self, now: Micros, pid: Pid, puts: Vec<(Handle, Item)>) {
        let now = self.tick(now);
        let Some(idx) = self.idx(pid) else { return };
        if self.procs[idx].state != ProcState::Running {
            return;
        }
        for (h, item) in puts {
            let _ = self.obj_syscall(now, idx, Syscall::PutAsync { h, item });
        }
        self.finish_event(now);
    }

    /// What `pid`'s host did with the items lent to it ([`Config::lease_max`]) in the slice
    /// that just ended (`Lent::take_report`): the gets it answered, per queue or pipe, then
    /// the queues whose items it gave back. They happen now (before the slice's
    /// [`Kernel::on_step`]).
    pub fn on_lent_report(
        &mut self,
        now: Micros,
        pid: Pid,
        taken: &[(Handle, u32)],
        returned: &[Handle],
    ) {
        if taken.is_empty() && returned.is_empty() {
            return;
        }
        let now = self.tick(now);
        for &(h, n) in taken {
            self.lease_taken(now, pid, h, n);
        }
        for &h in returned {
            self.end_lease(now, pid, h);
        }
        self.finish_event(now);
    }

    /// `pid`'s host gave back what it still had of the items of `h` lent to it (after an
    /// [`Effect::Recall`], or before a call that reads `h` otherwise): they are anyone's again.
    pub fn on_lease_returned(&mut self, now: Micros, pid: Pid, h: Handle) {
        let now = self.tick(now);
        self.end_lease(now, pid, h);
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
                ProcState::Blocked(ref r) if r.handle().is_some() => {
                    match self.obj_timeout(now, idx) {
                        Some(reply) => self.sched[idx].pending = Some(reply),
                        // Still blocked (a condition wait now re-acquiring its lock), or
                        // already woken (a barrier broken by its timeout).
                        None => continue,
                    }
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
        if self.done {
            // Nothing left to stop (after a deadlock the blocked processes stay as they were).
            return;
        }
        let now = self.tick(now);
        self.stopping = true;
        for idx in 0..self.procs.len() {
            if self.procs[idx].state.is_alive() {
                self.terminate(now, idx, -15, true, false);
            }
        }
        self.finish_event(now);
    }

    /// Processes on a CPU (state running).
    pub fn running_count(&self) -> usize {
        self.running
    }

    /// Processes waiting for a CPU (state ready).
    pub fn ready_count(&self) -> usize {
        self.ready.len()
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

    /// `pid`'s niceness (`os.nice`), 0 unless it changed it (or its parent had).
    pub fn nice(&self, pid: Pid) -> Option<i32> {
        self.idx(pid).map(|i| self.sched[i].nice)
    }

    /// Puts a file into the run's file system (before or during the run), replacing any.
    pub fn add_file(&mut self, path: &str, text: &str) {
        self.files.insert(path.to_string(), text.to_string());
    }

    /// The run's file system now: every file, by path.
    pub fn files(&self) -> &BTreeMap<String, String> {
        &self.files
    }

    /// The message naming the wait-for cycle, if the run ended in a deadlock, e.g.
    /// "deadlock: Process-1 (pid 4243) waits for Lock-2 held by Process-2 (pid 4244); ...".
    pub fn deadlock(&self) -> Option<&str> {
        self.deadlock.as_deref()
    }

    /// The label of a state, with object names: "blocked: get Queue-1" where
    /// [`ProcState::label`] can only say "blocked: get #1".
    pub fn state_label(&self, state: &ProcState) -> String {
        match state {
            ProcState::Blocked(r) => format!("blocked: {}", r.label(|h| self.obj_label(h))),
            s => s.label(),
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
    fn create(
        &mut self,
        now: Micros,
        ppid: Pid,
        name: String,
        daemon: bool,
        priority: i32,
        nice: i32,
    ) -> Pid {
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
        self.sched.push(Sched {
            nice,
            ..Sched::default()
        });
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

    /// Position and rank of the highest-ranked ready process (the earliest among equals).
    fn best_ready(&self) -> Option<(usize, (i32, i32))> {
        let mut best: Option<(usize, (i32, i32))> = None;
        for (pos, pid) in self.ready.iter().enumerate() {
            let rank = self.rank(self.index[pid]);
            if best.is_none_or(|(_, b)| rank > b) {
                best = Some((pos, rank));
            }
        }
        best
    }

    /// How [`Policy::Priority`] orders processes (higher first): the host's priority, then the
    /// lower niceness.
    fn rank(&self, idx: usize) -> (i32, i32) {
        (self.procs[idx].priority, -self.sched[idx].nice)
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
            Policy::Priority => self.best_ready().is_some_and(|(_, r)| r > self.rank(idx)),
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
                    let nice = self.sched[idx].nice;
                    let child = self.create(now, pid, name, daemon, prio, nice);
                    self.inherit_objects(idx, child);
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
                    // A real sleep never ends early and usually a little late (Linux's default
                    // timer slack is 50 us); without it, `time.time()` differences around a
                    // sleep can round to just under the requested duration.
                    let d = now.saturating_add(secs_to_us(secs) + TIMER_SLACK_US);
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
            Syscall::CpuCount => Reply::Int(self.config.cpus.max(1) as i64),
            Syscall::Nice { inc } => {
                let cur = self.sched[idx].nice;
                let new = cur.saturating_add(inc).clamp(-20, 19);
                if new < cur {
                    // An ordinary user (as a learner's CPython runs) may only lower its priority.
                    error("PermissionError", "[Errno 1] Operation not permitted")
                } else {
                    self.sched[idx].nice = new;
                    Reply::Int(new as i64)
                }
            }
            Syscall::SetThread { tid } => {
                self.sched[idx].tid = tid;
                Reply::None
            }
            Syscall::ReadFile { path } => match self.files.get(&path) {
                Some(text) => Reply::Text(text.clone()),
                None => no_such_file(&path),
            },
            Syscall::WriteFile { path, data, append } => {
                let file = self.files.entry(path).or_default();
                if !append {
                    file.clear();
                }
                file.push_str(&data);
                Reply::None
            }
            Syscall::RemoveFile { path } => match self.files.remove(&path) {
                Some(_) => Reply::None,
                None => no_such_file(&path),
            },
            Syscall::ListFiles => {
                let mut names: Vec<String> = self.files.keys().cloned().collect();
                names.extend(self.dirs.iter().map(|d| format!("{d}/")));
                sort_by(&mut names, |a, b| a.cmp(b));
                Reply::Text(names.join("\n"))
            }
            Syscall::MakeDir {
                path,
                parents,
                exist_ok,
            } => self.make_dir(&path, parents, exist_ok),
            Syscall::RemoveDir { path } => self.remove_dir(&path),
            call => match self.obj_syscall(now, idx, call) {
                Some(reply) => reply,
                None => return, // blocked
            },
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
        self.leave_objects(now, idx);
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
        if self.started
            && !self.stopping
            && !self.done
            && self.live > 0
            && self.running == 0
            && self.ready.is_empty()
            && self.timers.is_empty()
            && !self.recall_pending()
        {
            // Every live process is blocked (or waits for admission behind blocked ones) and no
            // timer can wake any: nothing the processes do can change that any more.
            self.declare_deadlock(now);
            return;
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

/// The error `open()` / `os.remove()` raise for a missing file.
impl Kernel {
    /// `os.mkdir` / `os.makedirs`.
    fn make_dir(&mut self, path: &str, parents: bool, exist_ok: bool) -> Reply {
        let path = path.trim_end_matches('/');
        if self.dirs.contains(path) || self.files.contains_key(path) || path.is_empty() {
            if exist_ok && !self.files.contains_key(path) {
                return Reply::None;
            }
            return error(
                "FileExistsError",
                &format!("[Errno 17] File exists: '{path}'"),
            );
        }
        let mut missing = Vec::new();
        let mut p = path;
        while let Some((parent, _)) = p.rsplit_once('/') {
            if parent.is_empty() || parent == "." || self.dirs.contains(parent) {
                break;
            }
            missing.push(parent.to_string());
            p = parent;
        }
        if !missing.is_empty() && !parents {
            return no_such_file(path);
        }
        self.dirs.extend(missing);
        self.dirs.insert(path.to_string());
        Reply::None
    }

    /// `os.rmdir`: only an empty directory goes.
    fn remove_dir(&mut self, path: &str) -> Reply {
        let path = path.trim_end_matches('/');
        if !self.dirs.contains(path) {
            return no_such_file(path);
        }
        let prefix = format!("{path}/");
        let busy = self.files.keys().any(|f| f.starts_with(&prefix))
            || self.dirs.iter().any(|d| d.starts_with(&prefix));
        if busy {
            return error(
                "OSError",
                &format!("[Errno 39] Directory not empty: '{path}'"),
            );
        }
        self.dirs.remove(path);
        Reply::None
    }
}

fn no_such_file(path: &str) -> Reply {
    error(
        "FileNotFoundError",
        &format!("[Errno 2] No such file or directory: '{path}'"),
    )
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
