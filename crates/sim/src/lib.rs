//! The simulation host: the kernel and every process's interpreter in one thread, on a virtual
//! clock, with N virtual CPUs. Deterministic: the same program, seed and configuration give the
//! same output and the same trace, which is what tests, the command-line runner and the page's
//! replay mode need (the browser host, with real Web Workers, is as nondeterministic as CPython).
//!
//! It is a discrete-event simulation. When the kernel says `Run { pid }`, the slice is executed
//! for real at once (resume, run, take the output), but its result is reported to the kernel only
//! at the slice's virtual end time, `start + instructions * ns_per_instruction`. Slices of
//! different CPUs therefore overlap in virtual time, and events happen in virtual-time order
//! (ties by pid). When every process waits, the clock jumps to the next timer: a program that
//! sleeps 10 s finishes at once. `Fork` clones the interpreter, `Kill` drops it.
//!
//! The host is generic over [`Guest`] so that its event logic is tested with scripted fake
//! processes; [`Sim::new`] runs Python with [`Interp`].

pub mod compare;

use proclab_kernel::{Handle, Lent};
use std::collections::BTreeMap;

pub use proclab_interp::Interp;
pub use proclab_kernel::{
    Config, Effect, Kernel, Micros, Output, Pid, Policy, Reply, Step, Stream, Syscall,
};
use serde::{Deserialize, Serialize};

/// What the simulation needs of a process: an interpreter, or a fake one in tests.
pub trait Guest: Clone {
    /// Runs at most `budget` instructions (see [`Interp::run`]).
    fn run(&mut self, budget: u32) -> Step;
    /// Answers the pending syscall.
    fn resume(&mut self, reply: Reply);
    /// What it printed since the last call.
    fn take_output(&mut self) -> Vec<Output>;
    /// Instructions executed so far.
    fn instructions(&self) -> u64;
    /// The child of its pending fork.
    fn fork(&mut self) -> Self {
        self.clone()
    }
    /// Puts a file of the working directory into its file system (before it starts).
    fn add_file(&mut self, _path: &str, _contents: &str) {}
    /// Its file system now, `(path, contents)`.
    fn files(&self) -> Vec<(String, String)> {
        Vec::new()
    }
}

impl Guest for Interp {
    fn run(&mut self, budget: u32) -> Step {
        Interp::run(self, budget)
    }
    fn resume(&mut self, reply: Reply) {
        Interp::resume(self, reply)
    }
    fn take_output(&mut self) -> Vec<Output> {
        Interp::take_output(self)
    }
    fn instructions(&self) -> u64 {
        Interp::instructions(self)
    }
    fn fork(&mut self) -> Self {
        self.fork_clone()
    }
    fn add_file(&mut self, path: &str, contents: &str) {
        Interp::add_file(self, path, contents)
    }
    fn files(&self) -> Vec<(String, String)> {
        Interp::files(self)
    }
}

/// Bytes of output after which a run is stopped (the default of [`SimConfig::max_output_bytes`],
/// and the browser host's limit): a `print` loop left running must not fill the memory.
pub const MAX_OUTPUT_BYTES: usize = 10_000_000;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SimConfig {
    pub seed: u64,
    pub cpus: usize,
    pub policy: Policy,
    /// Virtual time one interpreter instruction takes.
    pub ns_per_instruction: u64,
    /// Instructions per slice (the time-slice length).
    pub slice: u32,
    /// Virtual time a fork costs its parent (copying the process): CPython's `Process.start()`
    /// under the fork method takes about a millisecond on a laptop, which is what makes one
    /// process per tiny task slower than a pool.
    pub fork_ns: u64,
    /// Files of the working directory, `(path, contents)`: the kernel's shared file system at the
    /// start (and, until the interpreter reads files through the kernel, each interpreter's own).
    pub files: Vec<(String, String)>,
    /// `time.time()` at the start, in microseconds since the Unix epoch; `None`: a seeded
    /// instant of 2026, so that equal seeds give equal output.
    pub epoch_us: Option<u64>,
    /// The run is stopped when the virtual clock passes this many seconds.
    pub max_virtual_secs: u64,
    /// The run is stopped once the processes printed more than this many bytes.
    pub max_output_bytes: usize,
    /// The kernel's [`proclab_kernel::Config::lease_max`]: 0 (the default), every get is a
    /// syscall, as the browser host's were before it lent items.
    #[serde(default)]
    pub lease_max: u32,
}

impl Default for SimConfig {
    fn default() -> SimConfig {
        SimConfig {
            seed: 1,
            cpus: 4,
            policy: Policy::RoundRobin,
            ns_per_instruction: 25,
            slice: 20_000,
            fork_ns: 1_000_000,
            files: Vec::new(),
            epoch_us: None,
            max_virtual_secs: 600,
            max_output_bytes: MAX_OUTPUT_BYTES,
            lease_max: 0,
        }
    }
}

/// The result of a slice that was executed but whose virtual end has not come yet.
#[derive(Clone, Debug)]
struct Slice {
    step: Step,
    output: Vec<Output>,
    instructions: u64,
    /// What the slice took of the items lent to it, and gave back (`Lent::take_report`).
    lent: (Vec<(Handle, u32)>, Vec<Handle>),
}

/// One simulated run.
#[derive(Clone, Debug)]
pub struct Sim<P: Guest = Interp> {
    kernel: Kernel,
    procs: BTreeMap<Pid, P>,
    /// Executed slices by (virtual end in ns, pid): popped in that order.
    inflight: BTreeMap<(u64, Pid), Slice>,
    /// Each process's lent items (`Reply::Lease`).
    lent: BTreeMap<Pid, Lent>,
    /// Recalls of lent items (`Effect::Recall`) for processes with a slice in flight: answered
    /// when it ends, as a worker answers one after the slice it is running.
    recalls: Vec<(Pid, Handle)>,
    now_ns: u64,
    cfg: SimConfig,
    output_bytes: usize,
    stop_reason: Option<String>,
    /// How many console entries `run` has handed out.
    delivered: usize,
}

impl Sim<Interp> {
    /// Compiles `source` (a syntax error comes back as the text CPython prints) and starts the
    /// main process at virtual time 0.
    pub fn new(source: &str, filename: &str, cfg: SimConfig) -> Result<Sim<Interp>, String> {
        let main = Interp::new(source, filename)?;
        Ok(Sim::with_main(main, cfg))
    }
}

impl<P: Guest> Sim<P> {
    /// Starts a run whose main process is `main`.
    pub fn with_main(mut main: P, cfg: SimConfig) -> Sim<P> {
        for (path, contents) in &cfg.files {
            main.add_file(path, contents);
        }
        let epoch_us = cfg
            .epoch_us
            .unwrap_or(1_767_225_600_000_000 + (cfg.seed % 31_536_000) * 1_000_000);
        let mut config = Config::new(cfg.cpus, cfg.policy, cfg.seed, epoch_us);
        config.lease_max = cfg.lease_max;
        let mut kernel = Kernel::new(config);
        for (path, contents) in &cfg.files {
            kernel.add_file(path, contents);
        }
        let pid = kernel.start(0);
        let mut procs = BTreeMap::new();
        procs.insert(pid, main);
        let mut sim = Sim {
            kernel,
            procs,
            inflight: BTreeMap::new(),
            lent: BTreeMap::new(),
            recalls: Vec::new(),
            now_ns: 0,
            cfg,
            output_bytes: 0,
            stop_reason: None,
            delivered: 0,
        };
        sim.carry_out();
        sim
    }

    /// Advances by one event (a slice ending or a timer firing). False once the run is over.
    pub fn step(&mut self) -> bool {
        if self.kernel.is_done() {
            return false;
        }
        let next_slice = self.inflight.keys().next().map(|&(t, _)| t);
        let next_timer = self
            .kernel
            .next_deadline()
            .map(|us| us.saturating_mul(1000));
        let at = match (next_slice, next_timer) {
            // The kernel detects a deadlock itself and ends the run (see `carry_out`); this is
            // a safety net for a host/kernel disagreement.
            (None, None) => {
                let blocked: Vec<String> = self
                    .kernel
                    .procs()
                    .iter()
                    .filter(|p| p.state.is_alive())
                    .map(|p| format!("{} ({})", p.pid, p.state.label()))
                    .collect();
                self.halt(format!(
                    "deadlock: every process waits for another: {}",
                    blocked.join(", ")
                ));
                return false;
            }
            (Some(s), Some(t)) => s.min(t),
            (Some(s), None) => s,
            (None, Some(t)) => t,
        };
        if at > self.cfg.max_virtual_secs.saturating_mul(1_000_000_000) {
            self.now_ns = self.now_ns.max(self.cfg.max_virtual_secs * 1_000_000_000);
            self.halt(format!(
                "stopped after {} s of virtual time",
                self.cfg.max_virtual_secs
            ));
            return false;
        }
        self.now_ns = self.now_ns.max(at);
        let now = self.now();
        if next_slice == Some(at) {
            let (&key, _) = self.inflight.iter().next().expect("a slice is in flight");
            let slice = self.inflight.remove(&key).expect("present");
            self.output_bytes += slice.output.iter().map(|o| o.text.len()).sum::<usize>();
            let pid = key.1;
            let (taken, returned) = slice.lent;
            self.kernel.on_lent_report(now, pid, &taken, &returned);
            self.kernel
                .on_step(now, pid, slice.step, slice.output, slice.instructions);
            let (due, later) = std::mem::take(&mut self.recalls)
                .into_iter()
                .partition(|&(p, _)| p == pid);
            self.recalls = later;
            self.give_back(now, due);
        } else {
            self.kernel.advance(now);
        }
        self.carry_out();
        if self.output_bytes > self.cfg.max_output_bytes && !self.kernel.is_done() {
            self.halt(format!(
                "stopped after {} bytes of output (limit {})",
                self.output_bytes, self.cfg.max_output_bytes
            ));
        }
        !self.kernel.is_done()
    }

    /// Runs to the end, handing every piece of output to `on_output` in virtual-time order.
    pub fn run(&mut self, mut on_output: impl FnMut(Pid, &Output)) {
        loop {
            let more = self.step();
            for (pid, _, out) in &self.kernel.console()[self.delivered..] {
                on_output(*pid, out);
            }
            self.delivered = self.kernel.console().len();
            if !more {
                break;
            }
        }
    }

    /// Ends every process now (the Stop button).
    pub fn stop(&mut self) {
        let now = self.now();
        self.kernel.stop(now);
        self.carry_out();
    }

    pub fn kernel(&self) -> &Kernel {
        &self.kernel
    }

    /// The interpreter of `pid`, while it exists (a killed process's is dropped; an exited one's
    /// is kept, so its globals can still be shown).
    pub fn interp(&self, pid: Pid) -> Option<&P> {
        self.procs.get(&pid)
    }

    /// Every interpreter still held, by pid.
    pub fn interps(&self) -> impl Iterator<Item = (Pid, &P)> {
        self.procs.iter().map(|(pid, p)| (*pid, p))
    }

    /// The virtual clock, in microseconds since the start.
    pub fn now(&self) -> Micros {
        self.now_ns / 1000
    }

    /// Why the run was cut short (deadlock, time or output limit), if it was.
    pub fn stop_reason(&self) -> Option<&str> {
        self.stop_reason.as_deref()
    }

    /// The main process's exit code, once it ended.
    pub fn exit_code(&self) -> Option<i32> {
        self.kernel.procs().first().and_then(|p| p.exitcode)
    }

    /// The files that differ from `original` (created or changed by the program), for a host
    /// that writes them back: those of the kernel's shared file system (`WriteFile`). Files an
    /// interpreter keeps in its own copy (an interpreter that does not use the kernel's files yet)
    /// count too, the kernel's version winning; among interpreters the main process's wins, else
    /// the newest process's (the usual pattern: workers write their part, the parent the result).
    /// Files the program removed are not reported (nothing is deleted on the host).
    pub fn changed_files(&self, original: &[(String, String)]) -> Vec<(String, String)> {
        let before: BTreeMap<&str, &str> = original
            .iter()
            .map(|(p, c)| (p.as_str(), c.as_str()))
            .collect();
        let mut changed: BTreeMap<String, String> = BTreeMap::new();
        let main = self.kernel.main_pid();
        let mut order: Vec<(Pid, &P)> = self.interps().filter(|(p, _)| Some(*p) != main).collect();
        if let Some(m) = main.and_then(|m| self.procs.get(&m).map(|p| (m, p))) {
            order.push(m);
        }
        for (_, p) in order {
            for (path, contents) in p.files() {
                if before.get(path.as_str()) != Some(&contents.as_str()) {
                    changed.insert(path, contents);
                }
            }
        }
        for (path, contents) in self.kernel.files() {
            if before.get(path.as_str()) != Some(&contents.as_str()) {
                changed.insert(path.clone(), contents.clone());
            }
        }
        changed.into_iter().collect()
    }

    pub fn config(&self) -> &SimConfig {
        &self.cfg
    }

    fn halt(&mut self, reason: String) {
        self.stop_reason = Some(reason);
        let now = self.now();
        self.kernel.stop(now);
        self.carry_out();
    }

    /// Carries out the kernel's effects: runs slices (their results wait in `inflight` until
    /// their virtual end), clones forked processes, drops killed ones.
    fn carry_out(&mut self) {
        let mut recalled = Vec::new();
        for effect in self.kernel.take_effects() {
            match effect {
                Effect::Run { pid, reply } => {
                    let Some(p) = self.procs.get_mut(&pid) else {
                        continue;
                    };
                    let lent = self.lent.entry(pid).or_default();
                    if let Some(reply) = reply {
                        p.resume(lent.accept(reply));
                    }
                    let before = p.instructions();
                    let budget = self.cfg.slice.max(1);
                    let mut step = p.run(budget);
                    // Gets of lent items are answered here, within the slice.
                    while let Step::Syscall(call) = &step {
                        let Some(reply) = lent.answer(call) else {
                            break;
                        };
                        p.resume(reply);
                        let used = p.instructions().saturating_sub(before);
                        step = match budget.checked_sub(used as u32) {
                            Some(left) if left > 0 => p.run(left),
                            _ => Step::Yield,
                        };
                    }
                    let output = p.take_output();
                    let instructions = p.instructions().saturating_sub(before);
                    // Even a slice that only made a syscall takes a little time, so that the
                    // clock moves in a program that asks the time in a loop.
                    let fork = matches!(step, Step::Syscall(Syscall::Fork { .. }));
                    let end = self.now_ns
                        + instructions
                            .max(1)
                            .saturating_mul(self.cfg.ns_per_instruction.max(1))
                        + if fork { self.cfg.fork_ns } else { 0 };
                    self.inflight.insert(
                        (end, pid),
                        Slice {
                            step,
                            output,
                            instructions,
                            lent: lent.take_report(),
                        },
                    );
                }
                Effect::Fork { parent, child } => {
                    if let Some(p) = self.procs.get_mut(&parent) {
                        let copy = p.fork();
                        self.procs.insert(child, copy);
                    }
                }
                Effect::Kill { pid } => {
                    self.procs.remove(&pid);
                    self.lent.remove(&pid);
                    self.recalls.retain(|&(p, _)| p != pid);
                    self.inflight.retain(|&(_, p), _| p != pid);
                }
                Effect::Recall { pid, h } => {
                    if self.inflight.keys().any(|&(_, p)| p == pid) {
                        self.recalls.push((pid, h));
                    } else {
                        recalled.push((pid, h));
                    }
                }
                Effect::Done => {
                    if let (None, Some(msg)) = (&self.stop_reason, self.kernel.deadlock()) {
                        self.stop_reason = Some(msg.to_string());
                    }
                }
            }
        }
        if !recalled.is_empty() {
            let now = self.now();
            self.give_back(now, recalled);
            self.carry_out();
        }
    }

    /// Answers recalls of lent items: each process gives back what it has left of them.
    fn give_back(&mut self, now: Micros, recalls: Vec<(Pid, Handle)>) {
        for (pid, h) in recalls {
            if let Some(lent) = self.lent.get_mut(&pid) {
                lent.forget(h);
            }
            self.kernel.on_lease_returned(now, pid, h);
        }
    }
}

#[cfg(test)]
mod tests;
