//! Step mode: a whole run of the deterministic simulation host (`proclab_sim::Sim`), recorded
//! event by event so that the page can step, play, pause and travel back in time through it.
//!
//! Where it runs: in a Web Worker, not in the page's own wasm. The simulation needs the
//! interpreter, which the worker's wasm already holds (and the browser already has it cached for
//! Real mode); linking it into the page too would roughly triple the page's download. So the page
//! posts a [`Request`] to a worker, the worker runs [`record`] to the end (or to a cap) and posts
//! the [`Recording`] back; stepping and scrubbing are then only a cursor over its frames. The
//! simulation is deterministic, so running it ahead of the cursor shows exactly what running it
//! one event per click would.
//!
//! A frame is the state after one simulation event (a slice ending or a timer firing): the
//! process table, how much of the trace and of the console existed, each process's globals (the
//! memory view) and the line each process is at (the editor's marks).

use std::collections::BTreeMap;

use proclab_kernel::{Micros, Output, Pid, Policy, ProcInfo, TraceEvent};
use proclab_sim::{Interp, Sim, SimConfig};
use serde::{Deserialize, Serialize};

/// What a program's name is in tracebacks (the same as in Real mode).
pub const FILENAME: &str = "main.py";
/// Events recorded at most: a program that never ends is cut here (like Stop), so that the
/// recording and the time it takes to make stay small.
pub const MAX_EVENTS: usize = 5_000;
/// A value's repr is cut to this many characters in the memory view.
const MAX_REPR: usize = 160;
/// Globals shown per process, at most.
const MAX_GLOBALS: usize = 40;
/// Process-table entries kept over all frames, at most (each frame keeps the whole table): a
/// program with many processes is cut earlier than [`MAX_EVENTS`], so that the recording stays
/// within some tens of megabytes.
const MAX_PROC_ENTRIES: usize = 250_000;
/// Virtual seconds a recorded run may last.
const MAX_VIRTUAL_SECS: u64 = 120;

/// Page -> worker: simulate `source` on this machine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub source: String,
    pub cpus: usize,
    pub policy: Policy,
    pub seed: u64,
}

/// The state after one event.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Frame {
    /// Virtual time, in microseconds since the start.
    pub t: Micros,
    /// How many entries of [`Recording::trace`] and [`Recording::console`] existed then.
    pub trace_len: usize,
    pub console_len: usize,
    pub procs: Vec<ProcInfo>,
    /// Each live process's globals then, as an index into [`Recording::globals`].
    pub globals: Vec<(Pid, usize)>,
    /// Each live process's current line (1-based).
    pub lines: Vec<(Pid, u32)>,
}

/// A whole simulated run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Recording {
    pub request: Request,
    /// Frame 0 is the state right after the start; one more per event.
    pub frames: Vec<Frame>,
    pub trace: Vec<TraceEvent>,
    pub console: Vec<(Pid, Micros, Output)>,
    /// Distinct globals tables (frames refer to them by index: most events change nothing).
    pub globals: Vec<Vec<(String, String)>>,
    /// The whole run as Chrome trace-event JSON (the export).
    pub chrome_trace: String,
    /// Why the run was cut short: deadlock, a limit, or the event cap.
    pub stop_reason: Option<String>,
    /// The program does not compile: what CPython prints.
    pub compile_error: Option<String>,
    pub exit_code: Option<i32>,
}

impl Request {
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a request serializes")
    }
    pub fn decode(bytes: &[u8]) -> Result<Request, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }
}

impl Recording {
    pub fn encode(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a recording serializes")
    }
    pub fn decode(bytes: &[u8]) -> Result<Recording, String> {
        postcard::from_bytes(bytes).map_err(|e| e.to_string())
    }

    /// The last frame at or before virtual time `t`.
    pub fn frame_at(&self, t: Micros) -> usize {
        self.frames.partition_point(|f| f.t <= t).saturating_sub(1)
    }

    /// How long the run lasted (virtual time).
    pub fn duration(&self) -> Micros {
        self.frames.last().map_or(0, |f| f.t)
    }
}

/// Answers a worker's `Simulate` message: the encoded [`Recording`] of the encoded [`Request`].
pub fn simulate(request: &[u8]) -> Vec<u8> {
    let rec = match Request::decode(request) {
        Ok(req) => record(req),
        Err(e) => Recording {
            request: Request {
                source: String::new(),
                cpus: 1,
                policy: Policy::RoundRobin,
                seed: 0,
            },
            frames: Vec::new(),
            trace: Vec::new(),
            console: Vec::new(),
            globals: Vec::new(),
            chrome_trace: String::new(),
            stop_reason: None,
            compile_error: Some(format!("proclab: bad request: {e}\n")),
            exit_code: Some(1),
        },
    };
    rec.encode()
}

/// Runs `req` in the simulation host to the end (at most [`MAX_EVENTS`] events), recording a
/// frame after every event.
pub fn record(req: Request) -> Recording {
    let cfg = SimConfig {
        seed: req.seed,
        cpus: req.cpus.max(1),
        policy: req.policy,
        max_virtual_secs: MAX_VIRTUAL_SECS,
        ..SimConfig::default()
    };
    let mut rec = Recording {
        request: req,
        frames: Vec::new(),
        trace: Vec::new(),
        console: Vec::new(),
        globals: Vec::new(),
        chrome_trace: String::new(),
        stop_reason: None,
        compile_error: None,
        exit_code: None,
    };
    let mut sim = match Sim::new(&rec.request.source, FILENAME, cfg) {
        Ok(sim) => sim,
        Err(text) => {
            rec.compile_error = Some(text);
            rec.exit_code = Some(1);
            return rec;
        }
    };
    let mut pool: BTreeMap<Vec<(String, String)>, usize> = BTreeMap::new();
    rec.frames.push(snapshot(&sim, &mut rec.globals, &mut pool));
    let mut more = true;
    let mut entries = 0;
    while more {
        let events = rec.frames.len() - 1;
        if events >= MAX_EVENTS || entries > MAX_PROC_ENTRIES {
            sim.stop();
            rec.stop_reason = Some(format!("stopped after {events} events"));
            rec.frames.push(snapshot(&sim, &mut rec.globals, &mut pool));
            break;
        }
        more = sim.step();
        rec.frames.push(snapshot(&sim, &mut rec.globals, &mut pool));
        entries += sim.kernel().procs().len();
    }
    if rec.stop_reason.is_none() {
        rec.stop_reason = sim.stop_reason().map(str::to_owned);
    }
    let k = sim.kernel();
    rec.trace = k.trace().to_vec();
    rec.console = k.console().to_vec();
    rec.chrome_trace = k.chrome_trace_json();
    rec.exit_code = sim.exit_code();
    rec
}

fn snapshot(
    sim: &Sim,
    tables: &mut Vec<Vec<(String, String)>>,
    pool: &mut BTreeMap<Vec<(String, String)>, usize>,
) -> Frame {
    let k = sim.kernel();
    let mut globals = Vec::new();
    let mut lines = Vec::new();
    for (pid, interp) in sim.interps() {
        let table = memory_of(interp);
        let next = tables.len();
        let id = *pool.entry(table).or_insert_with_key(|t| {
            tables.push(t.clone());
            next
        });
        globals.push((pid, id));
        let alive = k.proc(pid).is_some_and(|p| p.state.is_alive());
        if let (true, Some(line)) = (alive, interp.current_line()) {
            lines.push((pid, line));
        }
    }
    Frame {
        t: sim.now(),
        trace_len: k.trace().len(),
        console_len: k.console().len(),
        procs: k.procs().to_vec(),
        globals,
        lines,
    }
}

/// What the memory view shows of a process: its first [`MAX_GLOBALS`] user globals, each
/// value's repr cut to [`MAX_REPR`] characters (the page shows them side by side).
pub fn memory_of(interp: &Interp) -> Vec<(String, String)> {
    interp
        .globals()
        .into_iter()
        .take(MAX_GLOBALS)
        .map(|(name, repr)| (name, cut(repr)))
        .collect()
}

/// `repr` cut to [`MAX_REPR`] characters, with an ellipsis when cut.
fn cut(repr: String) -> String {
    match repr.char_indices().nth(MAX_REPR) {
        Some((at, _)) => format!("{}…", &repr[..at]),
        None => repr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::ProcState;

    fn req(source: &str, cpus: usize) -> Request {
        Request {
            source: source.into(),
            cpus,
            policy: Policy::RoundRobin,
            seed: 7,
        }
    }

    const FORK: &str = "from multiprocessing import Process\n\
        count = 100\n\
        def work():\n    global count\n    count += 1\n    print('child', count)\n\
        if __name__ == '__main__':\n    p = Process(target=work)\n    p.start()\n    p.join()\n    print('parent', count)\n";

    #[test]
    fn records_every_event_and_the_childs_own_globals() {
        let rec = Recording::decode(&simulate(&req(FORK, 2).encode())).unwrap();
        assert_eq!(rec.compile_error, None);
        assert_eq!(rec.exit_code, Some(0));
        let text: String = rec
            .console
            .iter()
            .map(|(_, _, o)| o.text.as_str())
            .collect();
        assert_eq!(text, "child 101\nparent 100\n");
        assert!(rec.frames.len() > 3);
        // Frames are in time order and only grow the trace and console.
        for w in rec.frames.windows(2) {
            assert!(w[0].t <= w[1].t && w[0].trace_len <= w[1].trace_len);
            assert!(w[0].console_len <= w[1].console_len);
        }
        let last = rec.frames.last().unwrap();
        assert_eq!(last.trace_len, rec.trace.len());
        assert!(last.procs.iter().all(|p| p.state == ProcState::Terminated));
        // At some moment the parent's count is 100 and the child's 101.
        let count = |f: &Frame, pid: Pid| {
            let (_, id) = f.globals.iter().find(|(p, _)| *p == pid)?;
            rec.globals[*id]
                .iter()
                .find(|(n, _)| n == "count")
                .map(|(_, v)| v.clone())
        };
        let (parent, child) = (last.procs[0].pid, last.procs[1].pid);
        assert!(rec
            .frames
            .iter()
            .any(|f| count(f, parent).as_deref() == Some("100")
                && count(f, child).as_deref() == Some("101")));
        // Lines are reported while processes live. (`Interp::current_line` is the innermost
        // frame's, which may be in a library module: not checked against main.py here.)
        assert!(rec
            .frames
            .iter()
            .any(|f| f.lines.iter().any(|(p, _)| *p == parent)));
        assert!(rec.chrome_trace.contains("traceEvents"));
        assert_eq!(rec.frame_at(0), 0);
        assert_eq!(rec.frame_at(u64::MAX), rec.frames.len() - 1);
    }

    #[test]
    fn a_syntax_error_is_recorded_not_run() {
        let rec = record(req("print 'x'\n", 1));
        assert!(rec.compile_error.unwrap().contains("SyntaxError"));
        assert!(rec.frames.is_empty());
    }

    #[test]
    fn an_endless_program_is_cut_at_the_event_cap() {
        let rec = record(req("while True:\n    pass\n", 1));
        assert_eq!(rec.frames.len(), MAX_EVENTS + 2);
        assert_eq!(
            rec.stop_reason.as_deref(),
            Some("stopped after 5000 events")
        );
        let last = rec.frames.last().unwrap();
        assert!(last.procs.iter().all(|p| p.state == ProcState::Terminated));
    }

    #[test]
    fn one_cpu_never_runs_two_processes_at_once() {
        let src = "from multiprocessing import Process\n\
            def w():\n    s = 0\n    for i in range(30000):\n        s += i\n\
            if __name__ == '__main__':\n    ps = [Process(target=w) for _ in range(3)]\n    for p in ps: p.start()\n    for p in ps: p.join()\n";
        for (cpus, overlap) in [(1, false), (4, true)] {
            let rec = record(req(src, cpus));
            let most = rec
                .frames
                .iter()
                .map(|f| {
                    f.procs
                        .iter()
                        .filter(|p| p.state == ProcState::Running)
                        .count()
                })
                .max()
                .unwrap();
            assert_eq!(most > 1, overlap, "{cpus} CPUs: at most {most} running");
        }
    }

    #[test]
    fn many_processes_cut_the_recording_early() {
        let src = "from multiprocessing import Process\n\
            def w():\n    while True:\n        pass\n\
            if __name__ == '__main__':\n    for _ in range(60):\n        Process(target=w).start()\n";
        let rec = record(req(src, 4));
        let entries: usize = rec.frames.iter().map(|f| f.procs.len()).sum();
        assert!(rec.frames.len() < MAX_EVENTS, "{} frames", rec.frames.len());
        assert!(entries <= MAX_PROC_ENTRIES + 2 * 61, "{entries} entries");
        assert!(rec.stop_reason.unwrap().starts_with("stopped after"));
    }

    #[test]
    fn long_reprs_are_cut() {
        assert_eq!(cut("abc".into()), "abc");
        let long = "x".repeat(MAX_REPR + 5);
        assert_eq!(cut(long).chars().count(), MAX_REPR + 1);
    }
}

/// The page's side: one Web Worker (the same wasm as the processes' workers, so Real mode already
/// had the browser fetch and compile it) that runs simulations on request.
#[cfg(target_arch = "wasm32")]
pub mod page {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{MessageEvent, Worker};

    use super::{Recording, Request};
    use crate::js;
    use crate::protocol::{FromWorker, ToWorker};

    struct Inner {
        worker: Worker,
        ready: bool,
        /// A request waiting for the worker to be ready.
        queued: Option<Vec<u8>>,
        _onmessage: Closure<dyn FnMut(MessageEvent)>,
        _onerror: Closure<dyn FnMut(JsValue)>,
    }

    /// Runs simulations in a worker; `done` gets each recording (or why there is none).
    pub struct SimWorker {
        inner: Rc<RefCell<Option<Inner>>>,
        busy: Rc<RefCell<bool>>,
        done: Rc<dyn Fn(Result<Recording, String>)>,
    }

    impl SimWorker {
        pub fn new(done: Rc<dyn Fn(Result<Recording, String>)>) -> SimWorker {
            SimWorker {
                inner: Rc::new(RefCell::new(None)),
                busy: Rc::new(RefCell::new(false)),
                done,
            }
        }

        /// Simulates `req`. A simulation still under way is abandoned: its worker is terminated
        /// (a long one cannot be interrupted otherwise) and a fresh one takes the request.
        pub fn simulate(&self, req: &Request) {
            if *self.busy.borrow() {
                self.cancel();
            }
            if self.inner.borrow().is_none() {
                self.spawn();
            }
            *self.busy.borrow_mut() = true;
            let bytes = ToWorker::Simulate(req.encode()).encode();
            let mut inner = self.inner.borrow_mut();
            let Some(inner) = inner.as_mut() else { return };
            if inner.ready {
                post(&inner.worker, &bytes);
            } else {
                inner.queued = Some(bytes);
            }
        }

        /// Ends the simulation under way, if any.
        pub fn cancel(&self) {
            if let Some(inner) = self.inner.borrow_mut().take() {
                inner.worker.terminate();
            }
            *self.busy.borrow_mut() = false;
        }

        pub fn busy(&self) -> bool {
            *self.busy.borrow()
        }

        fn spawn(&self) {
            let Some(worker) = js::new_worker() else {
                (self.done)(Err("could not start a worker".into()));
                return;
            };
            let weak = Rc::downgrade(&self.inner);
            let busy = self.busy.clone();
            let done = self.done.clone();
            let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                let Some(bytes) = js::from_js_bytes(&e.data()) else {
                    return;
                };
                match FromWorker::decode(&bytes) {
                    Ok(FromWorker::Ready) => {
                        let Some(inner) = weak.upgrade() else { return };
                        let mut inner = inner.borrow_mut();
                        if let Some(inner) = inner.as_mut() {
                            inner.ready = true;
                            if let Some(q) = inner.queued.take() {
                                post(&inner.worker, &q);
                            }
                        }
                    }
                    Ok(FromWorker::Recording(bytes)) => {
                        *busy.borrow_mut() = false;
                        done(Recording::decode(&bytes));
                    }
                    Ok(_) => {}
                    Err(e) => done(Err(e.to_string())),
                }
            });
            let busy = self.busy.clone();
            let done = self.done.clone();
            let onerror = Closure::<dyn FnMut(JsValue)>::new(move |e: JsValue| {
                *busy.borrow_mut() = false;
                done(Err(format!(
                    "the simulation crashed: {}",
                    js::worker_error(&e)
                )));
            });
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            *self.inner.borrow_mut() = Some(Inner {
                worker,
                ready: false,
                queued: None,
                _onmessage: onmessage,
                _onerror: onerror,
            });
        }
    }

    fn post(worker: &Worker, bytes: &[u8]) {
        let arr = js::to_js_bytes(bytes);
        let _ = worker.post_message_with_transfer(&arr, &js::transfer_list(&arr));
    }
}
