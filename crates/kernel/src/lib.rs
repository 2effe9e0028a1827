//! The kernel: a pure, deterministic state machine that owns every process of one run.
//!
//! Events in (`start`, `on_step`, `advance`, `stop`), effects out (`take_effects`). It has no clock
//! of its own (every call passes `now`), does no I/O and knows nothing of interpreters or Web
//! Workers: a *host* turns its effects into work (the simulation host in `proclab-sim`, the browser
//! host in the web app). It keeps the process table, the scheduler (N CPUs, a policy), timers,
//! and the trace of every state change.

pub use proclab_abi::{Micros, Output, Pid, Reply, Step, Stream, Syscall};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Config {
    /// How many processes may run at the same time.
    pub cpus: usize,
    pub policy: Policy,
    /// Seeds everything the kernel chooses (the pid base).
    pub seed: u64,
    /// `time.time()` at the start of the run, in microseconds since the Unix epoch.
    pub epoch_us: u64,
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

pub struct Kernel {
    // filled in by the kernel work
}

#[allow(unused_variables)]
impl Kernel {
    pub fn new(config: Config) -> Kernel {
        todo!("kernel")
    }
    /// Creates the main process and schedules it (emits `Effect::Run`).
    pub fn start(&mut self, now: Micros) -> Pid {
        todo!("kernel")
    }
    /// The host reports how `pid`'s slice ended, what it printed in it and how many instructions it ran.
    pub fn on_step(&mut self, now: Micros, pid: Pid, step: Step, output: Vec<Output>, instructions: u64) {
        todo!("kernel")
    }
    /// Fires the timers due at `now` (sleeps ending, join timeouts).
    pub fn advance(&mut self, now: Micros) {
        todo!("kernel")
    }
    /// When the next timer is due, if any.
    pub fn next_deadline(&self) -> Option<Micros> {
        todo!("kernel")
    }
    /// What the host must do now, in order.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        todo!("kernel")
    }
    /// The Stop button: every live process ends now.
    pub fn stop(&mut self, now: Micros) {
        todo!("kernel")
    }
    pub fn is_done(&self) -> bool {
        todo!("kernel")
    }
    /// The process table, in creation order.
    pub fn procs(&self) -> &[ProcInfo] {
        todo!("kernel")
    }
    pub fn trace(&self) -> &[TraceEvent] {
        todo!("kernel")
    }
    /// Everything printed, in arrival order.
    pub fn console(&self) -> &[(Pid, Micros, Output)] {
        todo!("kernel")
    }
    pub fn spans(&self) -> Vec<Span> {
        todo!("kernel")
    }
    /// Chrome trace-event JSON (`{"traceEvents":[...]}`), which Perfetto opens.
    pub fn chrome_trace_json(&self) -> String {
        todo!("kernel")
    }
}
