//! The browser host: drives the kernel with real Web Workers and real time.
//!
//! The kernel decides everything (who runs, who waits, what a syscall returns); this host only
//! carries out its effects: `Run` -> post `Run` to that process's worker, `Fork` -> keep the
//! parent's snapshot for the child, `Kill` -> `Worker.terminate()`, `Done` -> the run is over.
//! Every syscall goes through the kernel, so its trace is the one source of truth.
//!
//! Workers are raw `web_sys::Worker`s (a bridge library could not terminate them), started ahead
//! of time into an idle pool so that `Process.start()` does not wait for a worker's wasm to load.
//! A child gets its worker (an `Adopt` with the snapshot) when the kernel first runs it, and a
//! process that ends by itself gives its warm worker back to the pool; a killed one's worker is
//! terminated. Time is `performance.now()` since the run started, in microseconds.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use proclab_abi::{Micros, Output, Pid, Step, Stream};
use proclab_kernel::{Config, Effect, Kernel, Policy};
// A run is stopped once its processes printed more than this, as the simulation host's runs.
use proclab_sim::MAX_OUTPUT_BYTES;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::js::{self, Timeout};
use crate::protocol::{FromWorker, ToWorker};

/// Idle workers kept loaded and waiting, so that a burst of up to this many `start()`s never
/// waits for a worker to load.
const POOL: usize = 6;
/// The pool refills this long after the last fork, not at once: starting a worker costs tens of
/// milliseconds of CPU, which would be taken from the processes of the burst that drained it.
const REFILL_DELAY_MS: f64 = 300.0;
/// Workers loading at once while the pool fills.
const MAX_LOADING: usize = 2;
/// While the processes keep every core busy, a planned refill waits (another
/// [`REFILL_DELAY_MS`]) as long as at least this many workers are idle: loading one would take
/// its CPU from them (measured: the tasks of a Pool(2) on 2 cores ran ~40% slower meanwhile).
const LOW_WATER: usize = 2;
/// One idle worker warms up (see worker.rs `warm_up`) this long after the app started (then
/// its first render is on screen), or once the run that is going on then has ended: the code it
/// compiles is shared by every worker, so the first click on Run finds it compiled. Not while
/// the page loads (its CPU goes to the page) nor during a run (whose processes need the CPU).
const WARM_UP_DELAY_MS: f64 = 150.0;
/// A slice of a process's worker (ms) while other processes wait for a CPU: short enough for
/// round robin to look fair on the timeline...
const SLICE_MS: u16 = 5;
/// ...and while none waits: every slice is a round trip through this page, which also draws,
/// so a process that has a CPU to itself asks less often.
const LONG_SLICE_MS: u16 = 40;
/// While a run goes on, the page redraws at most every this many ms (and only once a frame)...
const FRAME_MS: f64 = 50.0;
/// ...and while its processes keep every core of the machine busy, at most every this many:
/// drawing (the page's thread and the compositor) would take them ~0.5 core at 20 fps, which
/// on 2 cores cut a Pool(2)'s speedup to ~1.5x (bench/README.md).
const SATURATED_FRAME_MS: f64 = 200.0;
/// Items of a queue or pipe lent at most to its only reader with one get (`Config::lease_max`).
const LEASE_MAX: u32 = 128;
/// What tracebacks call the program.
pub const FILENAME: &str = "main.py";

#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    /// Nothing ran yet.
    Idle,
    Running,
    Finished(i32),
    Stopped,
    SyntaxError,
}

/// A console line: what one process printed up to a newline, on one stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub pid: Pid,
    pub stream: Stream,
    pub text: String,
}

type SlotId = u64;

struct Slot {
    worker: Worker,
    /// The worker said `Ready` (its wasm runs). Messages posted before wait in the worker
    /// (www/worker_loader.js), so that a process starts as soon as its worker can run it.
    ready: bool,
    /// Which process this worker is; `None` while it waits in the idle pool.
    pid: Option<Pid>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(JsValue)>,
}

pub struct Host {
    me: Weak<RefCell<Host>>,
    /// Called (outside any borrow, on an animation frame) when there is something new to show.
    on_change: Rc<dyn Fn()>,
    frame_pending: bool,
    next_frame: Option<Timeout>,
    /// Bumped whenever what the page shows changed (beyond the clock moving on).
    version: u64,
    next_slot: SlotId,
    slots: HashMap<SlotId, Slot>,
    idle: Vec<SlotId>,
    by_pid: HashMap<Pid, SlotId>,
    /// Fork snapshots waiting for the kernel's `Fork` effect, by parent pid.
    snapshots: HashMap<Pid, Vec<u8>>,
    /// Forked children that have not run yet, with their snapshot. A child gets a worker only
    /// when the kernel first runs it: children held back by admission control (state `New`)
    /// cost bytes, not Web Workers.
    unborn: HashMap<Pid, Vec<u8>>,
    kernel: Option<Kernel>,
    main_pid: Pid,
    /// `performance.now()` when the run started, in ms.
    t0: f64,
    /// The run's clock stops here once it is over.
    ended_at: Option<Micros>,
    timer: Option<Timeout>,
    refill: Option<Timeout>,
    status: Status,
    lines: Vec<Line>,
    /// Unfinished lines, by process and stream.
    partial: HashMap<(Pid, Stream), String>,
    console_seen: usize,
    /// Bytes the run's processes printed (see [`MAX_OUTPUT_BYTES`]).
    output_bytes: usize,
    /// The machine of the next runs, set by the page (an exercise's suggested settings, the
    /// URL's `cpus=`); `None` keeps the defaults below.
    machine_cpus: Option<usize>,
    machine_policy: Option<Policy>,
    /// Each process's user globals as its worker last sent them (the memory view).
    globals: HashMap<Pid, Vec<(String, String)>>,
    /// Asks an idle worker to warm up, once per page (the workers share their compiled code).
    warm_up: Option<Timeout>,
    /// The worker asked to warm up: told to stop when a run starts.
    warm_worker: Option<SlotId>,
}

impl Host {
    pub fn new(on_change: Rc<dyn Fn()>) -> Rc<RefCell<Host>> {
        let host = Rc::new(RefCell::new(Host {
            me: Weak::new(),
            on_change,
            frame_pending: false,
            next_frame: None,
            version: 0,
            next_slot: 0,
            slots: HashMap::new(),
            idle: Vec::new(),
            by_pid: HashMap::new(),
            snapshots: HashMap::new(),
            unborn: HashMap::new(),
            kernel: None,
            main_pid: 0,
            t0: 0.0,
            ended_at: None,
            timer: None,
            refill: None,
            status: Status::Idle,
            lines: Vec::new(),
            partial: HashMap::new(),
            console_seen: 0,
            output_bytes: 0,
            machine_cpus: None,
            machine_policy: None,
            globals: HashMap::new(),
            warm_up: None,
            warm_worker: None,
        }));
        {
            let mut h = host.borrow_mut();
            h.me = Rc::downgrade(&host);
            h.adopt_prestarted();
            h.fill_pool();
            h.warm_up_in(WARM_UP_DELAY_MS);
        }
        host
    }

    /// Plans the warm-up (see [`WARM_UP_DELAY_MS`]).
    fn warm_up_in(&mut self, ms: f64) {
        let me = self.me.clone();
        self.warm_up = Timeout::new(ms, move || {
            let Some(host) = me.upgrade() else { return };
            let mut h = host.borrow_mut();
            if h.status == Status::Running {
                h.warm_up_in(WARM_UP_DELAY_MS);
                return;
            }
            // A loaded idle worker other than the first (the next process takes that one).
            let ready = |id: &&SlotId| h.slots.get(*id).is_some_and(|s| s.ready);
            let pick = h.idle.iter().skip(1).rev().find(ready).or(h.idle.last());
            if let Some(&id) = pick {
                h.post(id, ToWorker::WarmUp);
                h.warm_worker = Some(id);
            }
        });
    }

    pub fn status(&self) -> &Status {
        &self.status
    }

    pub fn kernel(&self) -> Option<&Kernel> {
        self.kernel.as_ref()
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Output of each process not yet ended by a newline, by pid.
    pub fn partial_lines(&self) -> Vec<Line> {
        let mut lines: Vec<Line> = self
            .partial
            .iter()
            .filter(|(_, t)| !t.is_empty())
            .map(|(&(pid, stream), text)| Line {
                pid,
                stream,
                text: text.clone(),
            })
            .collect();
        proclab_abi::sort_by_key(&mut lines, |l| (l.pid, l.stream == Stream::Stderr));
        lines
    }

    /// The run's clock: now while it runs, its end time once it is over.
    pub fn now(&self) -> Micros {
        self.ended_at
            .unwrap_or_else(|| ((js::perf_now() - self.t0) * 1000.0).max(0.0) as Micros)
    }

    /// Workers that belong to a process (not idle in the pool).
    pub fn busy_workers(&self) -> usize {
        self.by_pid.len()
    }

    pub fn idle_workers(&self) -> usize {
        self.idle.len()
    }

    /// Each process's user globals `(name, repr)`, as last reported (see `FromWorker::Globals`).
    pub fn globals(&self) -> &HashMap<Pid, Vec<(String, String)>> {
        &self.globals
    }

    /// The CPUs and policy of the next runs (`None`: the defaults of [`Host::run`]).
    pub fn set_machine(&mut self, cpus: Option<usize>, policy: Option<Policy>) {
        self.machine_cpus = cpus;
        self.machine_policy = policy;
    }

    /// The CPUs and policy of the next runs, as set (`None`: the defaults).
    pub fn machine(&self) -> (Option<usize>, Option<Policy>) {
        (self.machine_cpus, self.machine_policy)
    }

    /// Starts a run of `source`, ending the previous one if it still runs.
    pub fn run(&mut self, source: &str) {
        if self.status == Status::Running {
            self.stop();
        }
        self.release_all();
        self.lines.clear();
        self.partial.clear();
        self.console_seen = 0;
        self.output_bytes = 0;
        self.snapshots.clear();
        self.unborn.clear();
        self.globals.clear();
        self.ended_at = None;
        let cpus = self
            .machine_cpus
            .unwrap_or_else(|| hardware_cores().clamp(2, 16));
        let mut config = Config::new(
            cpus,
            // Round robin, so that a busy loop cannot keep the others off the CPUs.
            self.machine_policy.unwrap_or(Policy::RoundRobin),
            (js_sys::Math::random() * 1e15) as u64,
            (js_sys::Date::now() * 1000.0) as u64,
        );
        // A queue's only reader gets its items many per message (see `Config::lease_max`):
        // one get per round trip through the page bounded a reader at ~10,000 items a second.
        config.lease_max = LEASE_MAX;
        let mut kernel = Kernel::new(config);
        if let Some(id) = self.warm_worker.take() {
            self.post(id, ToWorker::StopWarmUp);
        }
        self.t0 = js::perf_now();
        let pid = kernel.start(0);
        self.main_pid = pid;
        self.kernel = Some(kernel);
        self.status = Status::Running;
        let slot = self.take_idle(pid);
        self.post(
            slot,
            ToWorker::Boot {
                pid,
                ppid: self.ppid_of(pid),
                source: source.to_owned(),
                filename: FILENAME.into(),
            },
        );
        self.pump();
    }

    /// The Stop button: the kernel ends every process, and every worker ends at once.
    pub fn stop(&mut self) {
        if self.status != Status::Running {
            return;
        }
        let now = self.now();
        if let Some(k) = self.kernel.as_mut() {
            k.stop(now);
            // Its effects are Kills (and Done): terminating everything below covers them all.
            let _ = k.take_effects();
        }
        self.collect_output();
        self.flush_partial();
        self.timer = None;
        self.ended_at = Some(now);
        self.status = Status::Stopped;
        // Idle workers too: a stop must leave nothing running that the next run did not start.
        self.release_all();
        for id in std::mem::take(&mut self.idle) {
            if let Some(slot) = self.slots.remove(&id) {
                slot.worker.terminate();
            }
        }
        self.fill_pool();
        self.version += 1;
        self.touch_now();
    }

    /// Changes with everything the page shows except the clock: the page re-renders its DOM only
    /// when this moved, and otherwise just redraws the timeline.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Like [`Host::touch`], without waiting for the next planned frame (the run just ended).
    fn touch_now(&mut self) {
        if self.next_frame.take().is_some() {
            self.frame_pending = false;
        }
        self.touch();
    }

    /// Schedules one `on_change` call on the next animation frame, and keeps doing so every
    /// [`FRAME_MS`] while the run goes on, so that the timeline grows even when nothing happens.
    pub fn touch(&mut self) {
        if self.frame_pending {
            return;
        }
        self.frame_pending = true;
        let me = self.me.clone();
        js::request_frame(move || {
            let Some(host) = me.upgrade() else { return };
            let notify = {
                let mut h = host.borrow_mut();
                if h.status == Status::Running {
                    // The next frame, a little later: the page's thread, which carries every
                    // message between the processes, stays free most of the time.
                    let me = h.me.clone();
                    h.next_frame = Timeout::new(h.frame_ms(), move || {
                        let Some(host) = me.upgrade() else { return };
                        let mut h = host.borrow_mut();
                        h.frame_pending = false;
                        h.touch();
                    });
                } else {
                    h.frame_pending = false;
                }
                h.on_change.clone()
            };
            notify();
        });
    }

    /// A run goes on and its processes keep every core of the machine busy: the page then
    /// draws less often and puts off loading workers (see [`SATURATED_FRAME_MS`], [`LOW_WATER`]).
    fn cores_busy(&self) -> bool {
        self.status == Status::Running
            && self.kernel.as_ref().map_or(0, |k| k.running_count()) >= hardware_cores()
    }

    /// The time to the next frame while the run goes on.
    fn frame_ms(&self) -> f64 {
        if self.cores_busy() {
            SATURATED_FRAME_MS
        } else {
            FRAME_MS
        }
    }

    /// Takes over the workers that index.html started before the app's wasm loaded (so the first
    /// run does not wait for a worker to load), replaying the messages they sent meanwhile.
    fn adopt_prestarted(&mut self) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Ok(list) = js_sys::Reflect::get(&window, &JsValue::from_str("__proclabPrestarted"))
        else {
            return;
        };
        let _ =
            js_sys::Reflect::delete_property(&window, &JsValue::from_str("__proclabPrestarted"));
        let Ok(list) = list.dyn_into::<js_sys::Array>() else {
            return;
        };
        for worker in list.iter() {
            let Ok(worker) = worker.dyn_into::<Worker>() else {
                continue;
            };
            let failed = js_sys::Reflect::get(&worker, &JsValue::from_str("__proclabFailed"))
                .is_ok_and(|v| v.is_truthy());
            if failed {
                worker.terminate();
                continue;
            }
            let inbox = js_sys::Reflect::get(&worker, &JsValue::from_str("__proclabInbox"))
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Array>().ok());
            let id = self.attach_worker(worker);
            self.idle.push(id);
            for data in inbox.iter().flat_map(|a| a.iter()) {
                if let Some(bytes) = js::from_js_bytes(&data) {
                    self.on_message(id, FromWorker::decode(&bytes));
                }
            }
        }
    }

    fn spawn_worker(&mut self) -> SlotId {
        let worker = js::new_worker().expect("the page can start a Web Worker");
        self.attach_worker(worker)
    }

    /// Registers `worker` (not yet ready) and routes its messages and errors to this host.
    fn attach_worker(&mut self, worker: Worker) -> SlotId {
        let id = self.next_slot;
        self.next_slot += 1;
        let me = self.me.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(host) = me.upgrade() else { return };
            let Some(bytes) = js::from_js_bytes(&e.data()) else {
                return;
            };
            let msg = FromWorker::decode(&bytes);
            host.borrow_mut().on_message(id, msg);
        });
        let me = self.me.clone();
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
            let Some(host) = me.upgrade() else { return };
            host.borrow_mut().on_crash(id, &js::worker_error(&e));
        });
        worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
        self.slots.insert(
            id,
            Slot {
                worker,
                ready: false,
                pid: None,
                _onmessage: onmessage,
                _onerror: onerror,
            },
        );
        id
    }

    /// Starts idle workers up to `POOL`, at most `MAX_LOADING` loading at once: on a machine with
    /// few cores, six workers compiling and warming up together would make the first of them
    /// ready late. Each `Ready` calls this again.
    fn fill_pool(&mut self) {
        self.refill = None;
        let mut loading = self.slots.values().filter(|s| !s.ready).count();
        while self.idle.len() < POOL && loading < MAX_LOADING {
            let id = self.spawn_worker();
            self.idle.push(id);
            loading += 1;
        }
    }

    /// Fills the pool in `ms` (replacing an earlier plan): see [`REFILL_DELAY_MS`].
    fn fill_pool_in(&mut self, ms: f64) {
        let me = self.me.clone();
        self.refill = Timeout::new(ms, move || {
            if let Some(host) = me.upgrade() {
                let mut h = host.borrow_mut();
                if h.cores_busy() && h.idle.len() >= LOW_WATER {
                    h.fill_pool_in(REFILL_DELAY_MS);
                } else {
                    h.fill_pool();
                }
            }
        });
    }

    /// An idle worker (the one loaded longest), now bound to `pid`.
    fn take_idle(&mut self, pid: Pid) -> SlotId {
        let id = if self.idle.is_empty() {
            self.spawn_worker()
        } else {
            self.idle.remove(0)
        };
        if let Some(slot) = self.slots.get_mut(&id) {
            slot.pid = Some(pid);
        }
        self.by_pid.insert(pid, id);
        self.fill_pool_in(REFILL_DELAY_MS);
        id
    }

    /// What `os.getppid()` says in `pid` (the kernel's answer, which never changes).
    fn ppid_of(&self, pid: Pid) -> Pid {
        let proc = self.kernel.as_ref().and_then(|k| k.proc(pid));
        proc.map_or(0, |p| p.ppid)
    }

    fn post(&self, id: SlotId, msg: ToWorker) {
        let Some(slot) = self.slots.get(&id) else {
            return;
        };
        send(&slot.worker, &msg);
    }

    /// Ends `pid`'s worker.
    fn release(&mut self, pid: Pid) {
        if let Some(id) = self.by_pid.remove(&pid) {
            if let Some(slot) = self.slots.remove(&id) {
                slot.worker.terminate();
            }
        }
    }

    /// `pid` ended by itself: its worker, loaded and warm, goes back to the idle pool (the next
    /// `Adopt` or `Boot` replaces its interpreter), unless the pool is full.
    fn recycle(&mut self, pid: Pid) {
        let Some(id) = self.by_pid.remove(&pid) else {
            return;
        };
        if self.idle.len() >= POOL {
            if let Some(slot) = self.slots.remove(&id) {
                slot.worker.terminate();
            }
            return;
        }
        if let Some(slot) = self.slots.get_mut(&id) {
            slot.pid = None;
            self.idle.push(id);
        }
    }

    /// Ends every process's worker (idle ones stay).
    fn release_all(&mut self) {
        let pids: Vec<Pid> = self.by_pid.keys().copied().collect();
        for pid in pids {
            self.release(pid);
        }
    }

    fn on_message(&mut self, id: SlotId, msg: Result<FromWorker, crate::protocol::DecodeError>) {
        let Some(slot) = self.slots.get_mut(&id) else {
            return;
        };
        let pid = slot.pid;
        let msg = match msg {
            Ok(m) => m,
            Err(e) => {
                if let Some(pid) = pid {
                    self.process_failed(pid, &e.to_string());
                }
                return;
            }
        };
        match msg {
            FromWorker::Ready => {
                slot.ready = true;
                // Go on filling the pool, unless a refill is deliberately put off (see take_idle).
                if self.refill.is_none() {
                    self.fill_pool();
                }
            }
            FromWorker::Stepped {
                step,
                output,
                puts,
                lent: (taken, returned),
                instructions,
                snapshot,
                busy_us,
            } => {
                let Some(pid) = pid else { return };
                if let Some(s) = snapshot {
                    self.snapshots.insert(pid, s);
                }
                let exited = matches!(step, Step::Exit(_));
                let now = self.now();
                if let Some(k) = self.kernel.as_mut() {
                    if !puts.is_empty() {
                        k.on_put_async(now, pid, puts);
                    }
                    k.on_lent_report(now, pid, &taken, &returned);
                    k.on_step_timed(
                        now,
                        pid,
                        step,
                        output,
                        instructions,
                        Some(u64::from(busy_us)),
                    );
                }
                if exited {
                    self.recycle(pid);
                }
                self.pump();
            }
            FromWorker::Puts { puts } => {
                let Some(pid) = pid else { return };
                let now = self.now();
                if let Some(k) = self.kernel.as_mut() {
                    k.on_put_async(now, pid, puts);
                }
                self.pump();
            }
            FromWorker::Returned { h } => {
                let Some(pid) = pid else { return };
                let now = self.now();
                if let Some(k) = self.kernel.as_mut() {
                    k.on_lease_returned(now, pid, h);
                }
                self.pump();
            }
            FromWorker::CompileError { text } => {
                let Some(pid) = pid else { return };
                if pid == self.main_pid {
                    self.status = Status::SyntaxError;
                }
                let now = self.now();
                if let Some(k) = self.kernel.as_mut() {
                    let err = Output {
                        stream: Stream::Stderr,
                        text,
                    };
                    k.on_step(now, pid, Step::Exit(1), vec![err], 0);
                }
                self.recycle(pid);
                self.pump();
            }
            FromWorker::Globals { vars } => {
                if let Some(pid) = pid {
                    self.globals.insert(pid, vars);
                    self.version += 1;
                }
            }
            // Only the Step mode's own worker is asked to simulate (see step.rs).
            FromWorker::Recording(_) => {}
        }
    }

    /// The worker died (a trap in the interpreter, or its script failed to load).
    fn on_crash(&mut self, id: SlotId, why: &str) {
        let Some(slot) = self.slots.get(&id) else {
            return;
        };
        match slot.pid {
            Some(pid) => self.process_failed(pid, &format!("worker crashed: {why}")),
            None => {
                // An idle worker that failed to load: forget it; the pool refills on demand.
                self.idle.retain(|&i| i != id);
                if let Some(slot) = self.slots.remove(&id) {
                    slot.worker.terminate();
                }
            }
        }
    }

    /// `pid` cannot go on: it ends with exit code 1 and the reason on its stderr.
    fn process_failed(&mut self, pid: Pid, why: &str) {
        let now = self.now();
        if let Some(k) = self.kernel.as_mut() {
            let err = Output {
                stream: Stream::Stderr,
                text: format!("proclab: {why}\n"),
            };
            k.on_step(now, pid, Step::Exit(1), vec![err], 0);
        }
        self.release(pid);
        self.pump();
    }

    fn on_timer(&mut self) {
        self.timer = None;
        let now = self.now();
        if let Some(k) = self.kernel.as_mut() {
            k.advance(now);
        }
        self.pump();
    }

    /// Carries out the kernel's effects, then re-arms the timer for its next deadline.
    fn pump(&mut self) {
        loop {
            let effects = match self.kernel.as_mut() {
                Some(k) => k.take_effects(),
                None => return,
            };
            if effects.is_empty() {
                break;
            }
            for effect in effects {
                match effect {
                    Effect::Run { pid, reply } => {
                        if let Some(snapshot) = self.unborn.remove(&pid) {
                            let id = self.take_idle(pid);
                            let ppid = self.ppid_of(pid);
                            self.post(
                                id,
                                ToWorker::Adopt {
                                    pid,
                                    ppid,
                                    snapshot,
                                },
                            );
                        }
                        let contended = self.kernel.as_ref().is_some_and(|k| {
                            k.ready_count() > 0 && k.config().policy != Policy::Fcfs
                        });
                        let slice_ms = if contended { SLICE_MS } else { LONG_SLICE_MS };
                        if let Some(&id) = self.by_pid.get(&pid) {
                            self.post(id, ToWorker::Run { reply, slice_ms });
                        }
                    }
                    Effect::Fork { parent, child } => {
                        // Missing only if a worker misbehaved; the child's first Run then
                        // reports a bad snapshot (see worker.rs).
                        let snapshot = self.snapshots.remove(&parent).unwrap_or_default();
                        self.unborn.insert(child, snapshot);
                    }
                    Effect::Kill { pid } => {
                        self.unborn.remove(&pid);
                        self.release(pid);
                    }
                    Effect::Recall { pid, h } => {
                        if let Some(&id) = self.by_pid.get(&pid) {
                            self.post(id, ToWorker::Recall { h });
                        }
                    }
                    Effect::Done => self.finish(),
                }
            }
        }
        let had_lines = !self.lines.is_empty();
        self.collect_output();
        if self.output_bytes > MAX_OUTPUT_BYTES && self.status == Status::Running {
            self.stop();
            self.lines.push(Line {
                pid: self.main_pid,
                stream: Stream::Stderr,
                text: format!(
                    "proclab: the run was stopped after {} bytes of output (the limit is {} MB a run)",
                    self.output_bytes,
                    MAX_OUTPUT_BYTES / 1_000_000
                ),
            });
        }
        self.arm_timer();
        self.version += 1;
        if !had_lines && !self.lines.is_empty() {
            // The run's first line shows at once, not at the next planned frame.
            self.touch_now();
        } else {
            self.touch();
        }
    }

    fn finish(&mut self) {
        self.next_frame = None;
        self.frame_pending = false;
        self.collect_output();
        self.ended_at = Some(self.now());
        self.timer = None;
        self.release_all();
        self.flush_partial();
        if self.status == Status::Running {
            let code = self
                .kernel
                .as_ref()
                .and_then(|k| k.procs().iter().find(|p| p.pid == self.main_pid))
                .and_then(|p| p.exitcode)
                .unwrap_or(0);
            self.status = Status::Finished(code);
        }
    }

    fn arm_timer(&mut self) {
        if self.status != Status::Running {
            self.timer = None;
            return;
        }
        let Some(deadline) = self.kernel.as_ref().and_then(|k| k.next_deadline()) else {
            self.timer = None;
            return;
        };
        let wait_ms = (deadline.saturating_sub(self.now()) as f64 / 1000.0).ceil();
        let me = self.me.clone();
        self.timer = Timeout::new(wait_ms, move || {
            if let Some(host) = me.upgrade() {
                host.borrow_mut().on_timer();
            }
        });
    }

    /// Moves what the kernel's console gained since last time into `lines`.
    fn collect_output(&mut self) {
        let Some(k) = self.kernel.as_ref() else {
            return;
        };
        let console = k.console();
        for (pid, _, out) in &console[self.console_seen.min(console.len())..] {
            self.output_bytes += out.text.len();
            let buf = self.partial.entry((*pid, out.stream)).or_default();
            let mut rest = out.text.as_str();
            while let Some(nl) = rest.find('\n') {
                buf.push_str(&rest[..nl]);
                self.lines.push(Line {
                    pid: *pid,
                    stream: out.stream,
                    text: std::mem::take(buf),
                });
                rest = &rest[nl + 1..];
            }
            buf.push_str(rest);
        }
        self.console_seen = console.len();
    }

    /// At the end of a run, text without a final newline still shows as a line.
    fn flush_partial(&mut self) {
        let mut rest: Vec<_> = self
            .partial
            .drain()
            .filter(|(_, t)| !t.is_empty())
            .collect();
        proclab_abi::sort_by_key(&mut rest, |((pid, _), _)| *pid);
        for ((pid, stream), text) in rest {
            self.lines.push(Line { pid, stream, text });
        }
    }
}

fn send(worker: &Worker, msg: &ToWorker) {
    let arr = js::to_js_bytes(&msg.encode());
    // Fails only if the worker is gone, and then nobody is waiting for the answer.
    let _ = worker.post_message_with_transfer(&arr, &js::transfer_list(&arr));
}

/// The machine's cores, as the browser tells (`navigator.hardwareConcurrency`; 2 if it does not).
fn hardware_cores() -> usize {
    web_sys::window()
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .filter(|&n| n > 0)
        .unwrap_or(2)
}
