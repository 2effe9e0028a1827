//! Inside a Web Worker: one Python process.
//!
//! The worker holds one interpreter and runs it only when the page says so (`Run`), one slice at
//! a time: the kernel on the page decides who runs, and between slices this worker's event loop
//! is free, so a message (or `Worker.terminate()`) is never stuck behind a long computation.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use proclab_abi::{Handle, Item, Lent, Output, Pid, Reply, Step, Stream, Syscall};
use proclab_interp::Interp;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::js::{self, Timeout};
use crate::protocol::{FromWorker, ToWorker};

/// Instructions per call to `Interp::run`; the clock is checked between calls.
const CHUNK: u32 = 20_000;
/// A slice ends after the milliseconds the page gave it (`ToWorker::Run`), or after this many
/// instructions per millisecond of it, whichever comes first: the clock decides, this is a
/// bound above what a simple loop runs (~120,000 a ms in Chromium here, bench/README.md).
const INSTRUCTIONS_PER_MS: u64 = 200_000;

/// Puts to unbounded queues (`Syscall::PutAsync`) are answered in the worker and go to the page
/// together, at most this long after the first of them (and at the slice's end): a producer's
/// loop sends one message per millisecond, not one round trip per item.
const PUTS_MS: f64 = 1.0;

/// The memory view gets a process's globals at most this often (and always at its exit):
/// computing every global's repr at every syscall would make a queue's put/get loop pay for it.
const GLOBALS_MS: f64 = 100.0;

struct Process {
    interp: Option<Interp>,
    /// Why there is no interpreter to run, reported in answer to the next `Run` (the kernel only
    /// expects to hear from a process after it ran it).
    broken: Option<String>,
    /// When the page last got this process's globals (`perf_now`).
    globals_at: f64,
    /// A later send of the globals is scheduled (it runs when this worker is idle: between
    /// slices, or while the process waits for the kernel).
    globals_pending: bool,
    globals_later: Option<Timeout>,
    /// This process's pid and parent's pid, as the kernel would answer `os.getpid()` and
    /// `os.getppid()` (answers that never change): the worker answers them itself.
    ids: Option<(Pid, Pid)>,
    /// The page started a run (`ToWorker::StopWarmUp`): the warm-up's hot part leaves the CPU
    /// to it.
    warm_up_stopped: bool,
    /// Work for this process that no `Stepped` answered yet (ms): its program's compile
    /// (`Boot`), its fork snapshot's load (`Adopt`). The next `Stepped` carries it.
    unanswered_ms: f64,
    /// Items the kernel lent this process (`Reply::Lease`): its gets on them are answered here.
    lent: Lent,
}

/// The interpreter's image (its prelude compiled), exported by a native build (build.rs):
/// loading it takes a few ms where compiling the prelude here, cold, took ~100-200.
static IMAGE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/image.bin"));

pub fn start() {
    proclab_interp::vm::image::use_exported(IMAGE);
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = Rc::new(RefCell::new(Process {
        interp: None,
        broken: None,
        globals_at: f64::NEG_INFINITY,
        globals_pending: false,
        globals_later: None,
        ids: None,
        warm_up_stopped: false,
        unanswered_ms: 0.0,
        lent: Lent::default(),
    }));
    let reply_scope = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let started = js::perf_now();
        let Some(bytes) = js::from_js_bytes(&e.data()) else {
            return;
        };
        let mut answer = match ToWorker::decode(&bytes) {
            Ok(ToWorker::WarmUp) => {
                warm_up(&state);
                None
            }
            Ok(ToWorker::StopWarmUp) => {
                state.borrow_mut().warm_up_stopped = true;
                None
            }
            Ok(msg) => state.borrow_mut().handle(msg),
            Err(err) => Some(internal_error(&err.to_string())),
        };
        // The process's CPU time: what this worker did for it since its last `Stepped`.
        let busy = js::perf_now() - started;
        if let Some(FromWorker::Stepped { busy_us, .. }) = &mut answer {
            let ms = busy + std::mem::take(&mut state.borrow_mut().unanswered_ms);
            *busy_us = (ms * 1000.0) as u32;
        } else {
            state.borrow_mut().unanswered_ms += busy;
        }
        // The memory view: globals go first, while the host still knows this worker's pid.
        send_globals(&state, &reply_scope, &answer);
        if let Some(answer) = answer {
            post(&reply_scope, &answer);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    post(&scope, &FromWorker::Ready);
    // The compiled prelude every interpreter starts from (crates/interp/src/vm/image.rs), loaded
    // now, while the worker is idle, rather than by its first process.
    if let Some(t) = Timeout::new(0.0, || drop(proclab_interp::vm::image::image())) {
        std::mem::forget(t);
    }
}

/// What a typical program does first (import multiprocessing, define and call functions,
/// format, fork), run in an idle worker when the page asks (`ToWorker::WarmUp`), then, a while
/// later, [`WARM_UP_HOT`]. V8 compiles a wasm function on its first call (Liftoff) and again,
/// optimised (TurboFan), once it has run hot for a while, on a background thread (~10-100 ms
/// each for the interpreter's big functions); every worker runs the page's one
/// WebAssembly.Module (www/index.html), whose code they share. A warm-up, in one worker, while
/// nothing else runs, spares later processes both.
const WARM_UP: &str = r#"from multiprocessing import Process
import os, time

def work(n):
    print(f"child {n}: pid={os.getpid()}", n * 2.5, [n, str(n)], {"n": n})
    time.sleep(0)

for i in range(2):
    work(i)
p = Process(target=work, args=(1,))
p.start()
p.join()
"#;
/// What runs hot in a typical program: loops over arithmetic, calls, lists, dicts and objects,
/// for [`WARM_UP_HOT_MS`], [`WARM_UP_HOT_DELAY_MS`] after the first part, unless a run starts
/// before (it would take its CPU: measured, a click on Run soon after the page was ready got its
/// first output ~45 ms later) or ends it. Measured in fresh pages clicked after 2 s, a first
/// `fib(20)` took 10-20 ms after it, 18-36 ms without it (bench/README.md).
const WARM_UP_HOT: &str = r#"def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

class Box:
    def __init__(self, v):
        self.v = v

    def get(self):
        return self.v

total, seen, kept = 0, {}, []
for i in range(10 ** 9):
    total += i * i % 7
    if i % 3 == 0 and i > total // 1000:
        kept.append(Box(i).get())
    seen[i % 97] = seen.get(i % 97, 0) + 1
    if i % 500 == 0:
        total += fib(8) + len(kept) + sum(x for x in kept[:10])
        kept = [k for k in kept if k % 2]
        print(f"{i}: {total}", seen[0])
"#;
/// A bound on the first part (it takes a few ms).
const WARM_UP_FIRST_MS: f64 = 100.0;
const WARM_UP_HOT_DELAY_MS: f64 = 1000.0;
const WARM_UP_HOT_MS: f64 = 150.0;
/// The hot part runs in slices of this many ms, between which the worker reads its messages.
const WARM_UP_SLICE_MS: f64 = 10.0;
/// The pid and parent pid the warm-up's processes see ([`slice`] answers them, as for any).
const WARM_UP_IDS: (Pid, Pid) = (2, 1);

/// The first part at once (a few ms), the hot part later.
fn warm_up(state: &Rc<RefCell<Process>>) {
    let state = Rc::downgrade(state);
    if let Ok(interp) = Interp::new(WARM_UP, "<warm-up>") {
        let mut w = WarmUp::new(state.clone(), interp, WARM_UP_FIRST_MS);
        let until = w.until;
        warm_up_until(&mut w, until);
    }
    let later = Timeout::new(WARM_UP_HOT_DELAY_MS, move || {
        if let Ok(interp) = Interp::new(WARM_UP_HOT, "<warm-up>") {
            warm_up_slice(WarmUp::new(state.clone(), interp, WARM_UP_HOT_MS));
        }
    });
    // It fires once; what it leaks is a small closure, once per page.
    std::mem::forget(later);
}

struct WarmUp {
    /// The worker's process: once it has one, the warm-up ends.
    state: Weak<RefCell<Process>>,
    /// What runs now, and the answer to its last syscall: a forked child runs first, to its
    /// end, then its parent goes on.
    interp: Interp,
    reply: Option<Reply>,
    parent: Option<Interp>,
    until: f64,
    /// Processes that ran to their end.
    exits: u32,
}

impl WarmUp {
    /// `interp`, to run for at most `ms`.
    fn new(state: Weak<RefCell<Process>>, interp: Interp, ms: f64) -> WarmUp {
        WarmUp {
            state,
            interp,
            reply: None,
            parent: None,
            until: js::perf_now() + ms,
            exits: 0,
        }
    }
}

/// Runs the warm-up until `end` (a `perf_now` time); false once it has ended (or failed).
fn warm_up_until(w: &mut WarmUp, end: f64) -> bool {
    loop {
        let ms = (end - js::perf_now()).max(1.0) as u16;
        let FromWorker::Stepped { step, snapshot, .. } = slice(
            &mut w.interp,
            w.reply.take(),
            ms,
            Some(WARM_UP_IDS),
            &mut Lent::default(),
            &mut |_| {},
        ) else {
            return false;
        };
        w.reply = match step {
            Step::Exit(_) => {
                w.exits += 1;
                let Some(parent) = w.parent.take() else {
                    return false;
                };
                w.interp = parent;
                None
            }
            Step::Yield => None,
            // The child starts from the snapshot, as in a worker that adopts it.
            Step::Syscall(Syscall::Fork { .. }) => {
                let Some(Ok(child)) = snapshot.map(|b| postcard::from_bytes::<Interp>(&b)) else {
                    return false;
                };
                let mut parent = std::mem::replace(&mut w.interp, child);
                parent.resume(Reply::Int(3));
                w.parent = Some(parent);
                Some(Reply::Int(0))
            }
            Step::Syscall(Syscall::Time | Syscall::Monotonic) => Some(Reply::Float(1.0)),
            Step::Syscall(Syscall::Join { .. } | Syscall::Poll { .. }) => {
                Some(Reply::ExitCode(Some(0)))
            }
            // Sleep, Kill and whatever else: the warm-up's output is thrown away anyway.
            Step::Syscall(_) => Some(Reply::None),
        };
        if js::perf_now() >= end {
            return true;
        }
    }
}

/// Slices of the warm-up, through [`slice`] as a process's (so that its code is what gets
/// compiled), for [`WARM_UP_SLICE_MS`], then the next ones from the event loop: a `Boot` or
/// `Adopt` (this worker now runs a process) or a `StopWarmUp` that arrives meanwhile ends it.
fn warm_up_slice(mut w: WarmUp) {
    let stop = w.state.upgrade().is_none_or(|s| {
        let s = s.borrow();
        s.interp.is_some() || s.broken.is_some() || s.warm_up_stopped
    });
    if stop {
        return;
    }
    let slice_end = (js::perf_now() + WARM_UP_SLICE_MS).min(w.until);
    if !warm_up_until(&mut w, slice_end) || js::perf_now() >= w.until {
        return;
    }
    let mut rest = Some(w);
    let next = Timeout::new(0.0, move || {
        if let Some(w) = rest.take() {
            warm_up_slice(w);
        }
    });
    // It fires once; what it leaks afterwards is an empty closure (a few per page).
    std::mem::forget(next);
}

fn post(scope: &DedicatedWorkerGlobalScope, msg: &FromWorker) {
    let arr = js::to_js_bytes(&msg.encode());
    // Posting bytes to our own parent cannot fail (a transfer only fails on detached buffers).
    let _ = scope.post_message_with_transfer(&arr, &js::transfer_list(&arr));
}

/// A failure of the machinery rather than of the Python program: the process ends with exit
/// code 1 and says why on stderr, like a crashed interpreter would.
fn internal_error(why: &str) -> FromWorker {
    FromWorker::Stepped {
        step: Step::Exit(1),
        output: vec![Output {
            stream: Stream::Stderr,
            text: format!("proclab: {why}\n"),
        }],
        puts: vec![],
        lent: (vec![], vec![]),
        instructions: 0,
        snapshot: None,
        busy_us: 0,
    }
}

/// Sends the process's globals (the memory view) before `answer`: at once when the process
/// exited or the last send is older than [`GLOBALS_MS`]; after a syscall otherwise, once that
/// much time has passed (one pending send at a time), so a process that then blocks shows fresh
/// values.
fn send_globals(
    state: &Rc<RefCell<Process>>,
    scope: &DedicatedWorkerGlobalScope,
    answer: &Option<FromWorker>,
) {
    let Some(FromWorker::Stepped { step, .. }) = answer else {
        return;
    };
    let mut p = state.borrow_mut();
    let since = js::perf_now() - p.globals_at;
    if matches!(step, Step::Exit(_)) || since >= GLOBALS_MS {
        p.globals_pending = false;
        p.globals_later = None;
        p.post_globals(scope);
    } else if *step != Step::Yield && !p.globals_pending {
        p.globals_pending = true;
        let (me, scope) = (Rc::downgrade(state), scope.clone());
        // Replacing the previous timeout is safe: it already fired (nothing was pending).
        p.globals_later = Timeout::new(GLOBALS_MS - since, move || {
            let Some(state) = me.upgrade() else { return };
            let mut p = state.borrow_mut();
            if p.globals_pending {
                p.globals_pending = false;
                p.post_globals(&scope);
            }
        });
    }
}

impl Process {
    fn post_globals(&mut self, scope: &DedicatedWorkerGlobalScope) {
        if let Some(interp) = &self.interp {
            let vars = crate::step::memory_of(interp);
            post(scope, &FromWorker::Globals { vars });
            self.globals_at = js::perf_now();
        }
    }

    /// A new process in this worker: its first globals go out at once.
    fn fresh(&mut self, interp: Interp, ids: (Pid, Pid)) {
        self.interp = Some(interp);
        self.ids = Some(ids);
        self.broken = None;
        self.globals_at = f64::NEG_INFINITY;
        self.globals_pending = false;
        self.globals_later = None;
        self.unanswered_ms = 0.0;
        self.lent = Lent::default();
    }

    fn handle(&mut self, msg: ToWorker) -> Option<FromWorker> {
        match msg {
            ToWorker::Simulate(request) => {
                Some(FromWorker::Recording(crate::step::simulate(&request)))
            }
            // Handled by `start` (the warm-up needs the shared state, to end when a process comes).
            ToWorker::WarmUp | ToWorker::StopWarmUp => None,
            // Between slices: every get answered from them went out with a `Stepped`.
            ToWorker::Recall { h } => {
                self.lent.forget(h);
                Some(FromWorker::Returned { h })
            }
            ToWorker::Boot {
                pid,
                ppid,
                source,
                filename,
            } => match Interp::new(&source, &filename) {
                Ok(interp) => {
                    self.fresh(interp, (pid, ppid));
                    None
                }
                Err(text) => Some(FromWorker::CompileError { text }),
            },
            ToWorker::Adopt {
                pid,
                ppid,
                snapshot,
            } => match postcard::from_bytes::<Interp>(&snapshot) {
                Ok(interp) => {
                    self.fresh(interp, (pid, ppid));
                    None
                }
                Err(e) => {
                    self.interp = None;
                    let why = Interp::snapshot_refusal().unwrap_or_else(|| e.to_string());
                    self.broken = Some(format!("bad fork snapshot: {why}"));
                    None
                }
            },
            ToWorker::Run { reply, slice_ms } => match (&mut self.interp, &self.broken) {
                (Some(interp), _) => Some(slice(
                    interp,
                    reply,
                    slice_ms,
                    self.ids,
                    &mut self.lent,
                    &mut |puts| {
                        post(
                            &js_sys::global().unchecked_into(),
                            &FromWorker::Puts { puts },
                        )
                    },
                )),
                (None, Some(why)) => Some(internal_error(why)),
                // The Run that follows a compile error: `CompileError` was the answer.
                (None, None) => None,
            },
        }
    }
}

/// Runs one slice of `interp`: until it needs the kernel, ends, or used up its `ms`.
///
/// Its loop is what runs hot, and V8 optimises (TurboFan) a wasm function whole once it ran
/// hot: with one caller, wasm-opt inlined it into the worker's message handler, ~36 KB of wasm,
/// which then took ~60 ms of compiling on a background thread during the first run. The
/// warm-up is its second caller (and compiles it).
///
/// `ids` (pid, ppid): `os.getpid()` and `os.getppid()` are answered here, not by a round trip
/// through the page (whose thread may be busy drawing): a child that prints its pid first, as
/// tutorials' do, printed ~2 round trips later.
///
/// Puts to unbounded queues are answered here too, and handed to `send_puts` in batches, in
/// order, while the slice runs (see [`PUTS_MS`]); the last ones go with its answer. So are
/// gets of the items the kernel lent the process (`lent`), reported with the answer.
fn slice(
    interp: &mut Interp,
    reply: Option<Reply>,
    ms: u16,
    ids: Option<(Pid, Pid)>,
    lent: &mut Lent,
    send_puts: &mut dyn FnMut(Vec<(Handle, Item)>),
) -> FromWorker {
    if let Some(reply) = reply {
        interp.resume(lent.accept(reply));
    }
    let started = js::perf_now();
    let before = interp.instructions();
    let max_instructions = u64::from(ms.max(1)) * INSTRUCTIONS_PER_MS;
    let mut puts = Vec::new();
    let mut first_put = started;
    let step = loop {
        let step = match (interp.run(CHUNK), ids) {
            (Step::Syscall(Syscall::PutAsync { h, item }), _) => {
                if puts.is_empty() {
                    first_put = js::perf_now();
                }
                puts.push((h, item));
                interp.resume(Reply::None);
                Step::Yield
            }
            (Step::Syscall(Syscall::GetPid), Some((pid, _))) => {
                interp.resume(Reply::Int(i64::from(pid)));
                Step::Yield
            }
            (Step::Syscall(Syscall::GetPpid), Some((_, ppid))) => {
                interp.resume(Reply::Int(i64::from(ppid)));
                Step::Yield
            }
            (Step::Syscall(call), _) => match lent.answer(&call) {
                Some(reply) => {
                    interp.resume(reply);
                    Step::Yield
                }
                None => Step::Syscall(call),
            },
            (step, _) => step,
        };
        let now = js::perf_now();
        if step != Step::Yield
            || interp.instructions() - before >= max_instructions
            || now - started >= f64::from(ms)
        {
            break step;
        }
        if !puts.is_empty() && now - first_put >= PUTS_MS {
            send_puts(std::mem::take(&mut puts));
        }
    };

    // The output first: a snapshot taken with this slice's output still pending would make the
    // forked child print the parent's pre-fork lines a second time.
    let output = interp.take_output();
    let snapshot =
        matches!(step, Step::Syscall(Syscall::Fork { .. })).then(|| interp.fork_snapshot());
    FromWorker::Stepped {
        step,
        output,
        puts,
        lent: lent.take_report(),
        instructions: interp.instructions() - before,
        snapshot,
        // Filled in by the message handler, which times all of its work on the message.
        busy_us: 0,
    }
}

#[cfg(test)]
mod tests {
    use proclab_interp::vm::image;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// `os.getpid()` and `os.getppid()` are answered within the slice: the program runs to its
    /// end in one, with the pids the page gave.
    #[wasm_bindgen_test]
    fn the_worker_answers_getpid_itself() {
        use proclab_abi::Step;
        let src = "import os\nprint(os.getpid(), os.getppid(), os.getpid())\n";
        let mut interp = proclab_interp::Interp::new(src, "main.py").unwrap();
        let super::FromWorker::Stepped { step, output, .. } = super::slice(
            &mut interp,
            None,
            1000,
            Some((7, 3)),
            &mut Default::default(),
            &mut |_| {},
        ) else {
            panic!("not a slice's answer");
        };
        assert_eq!(step, Step::Exit(0));
        let text: String = output.into_iter().map(|o| o.text).collect();
        assert_eq!(text, "7 3 7\n");
    }

    /// Puts to an unbounded queue do not end the slice: they go out in order, with the answer
    /// of the slice that made them (here: the next queue's creation, the bounded queue's put).
    #[wasm_bindgen_test]
    fn puts_to_an_unbounded_queue_are_answered_in_the_worker() {
        use proclab_abi::{Reply, Step, Syscall};
        let src = "from multiprocessing import Queue, SimpleQueue\nq = Queue()\nb = Queue(2)\n\
                   for i in range(3):\n    q.put(i)\ns = SimpleQueue()\ns.put('s')\nb.put('x')\n";
        let mut interp = proclab_interp::Interp::new(src, "main.py").unwrap();
        let mut sent: Vec<Vec<(u32, String)>> = Vec::new();
        let (mut reply, mut handles) = (None, 0);
        let step = loop {
            let mut send = |puts: Vec<(u32, proclab_abi::Item)>| {
                sent.push(puts.into_iter().map(|(h, i)| (h, i.repr)).collect())
            };
            let super::FromWorker::Stepped { step, puts, .. } = super::slice(
                &mut interp,
                reply.take(),
                1000,
                Some((7, 3)),
                &mut Default::default(),
                &mut send,
            ) else {
                panic!("not a slice's answer");
            };
            if !puts.is_empty() {
                send(puts);
            }
            match step {
                // The three queues get handles 1, 2, 3.
                Step::Syscall(Syscall::Create { .. }) => {
                    handles += 1;
                    reply = Some(Reply::Int(handles));
                }
                step => break step,
            }
        };
        let own = |v: &[(u32, &str)]| v.iter().map(|&(h, r)| (h, r.to_string())).collect();
        let expected: Vec<Vec<(u32, String)>> =
            vec![own(&[(1, "0"), (1, "1"), (1, "2")]), own(&[(3, "'s'")])];
        assert_eq!(sent, expected);
        // The bounded queue's put waits for the kernel, as before.
        assert!(
            matches!(step, Step::Syscall(Syscall::Put { h: 2, .. })),
            "{step:?}"
        );
    }

    /// The warm-up's first part runs to its end in its parent (the forked child runs to its
    /// end, then the parent goes on), the hot part is still running when its time is up.
    #[wasm_bindgen_test]
    fn the_warm_up_runs_its_loop() {
        use super::{warm_up_until, WarmUp, WARM_UP, WARM_UP_HOT};
        let run = |src| {
            let interp = proclab_interp::Interp::new(src, "<warm-up>").unwrap();
            let mut w = WarmUp::new(std::rc::Weak::new(), interp, 200.0);
            let until = w.until;
            let going = warm_up_until(&mut w, until);
            (going, w)
        };
        let (going, w) = run(WARM_UP);
        assert!(!going, "the first part did not end");
        assert_eq!(w.exits, 2, "the child and then its parent run to their end");
        let (going, w) = run(WARM_UP_HOT);
        assert!(going, "the hot part ended early");
        assert!(
            w.interp.instructions() > 100_000,
            "{}",
            w.interp.instructions()
        );
    }

    /// The image build.rs exported natively loads here, in wasm32, and is this build's prelude
    /// compiled: the same symbols, code objects and files as compiling it here gives.
    #[wasm_bindgen_test]
    fn the_embedded_image_is_the_prelude_compiled() {
        assert!(super::IMAGE.len() > 10_000, "{} bytes", super::IMAGE.len());
        let loaded = image::load_exported(super::IMAGE).expect("the embedded image loads");
        let built = image::image();
        assert_eq!(loaded.syms_len(), built.syms_len());
        assert_eq!(loaded.codes_len(), built.codes_len());
        assert_eq!(loaded.files_len(), built.files_len());
        assert!(loaded.vm.syms.names == built.vm.syms.names);
        let code = |img: &image::Image| {
            img.vm
                .codes
                .iter()
                .map(|c| format!("{:?}", c))
                .collect::<Vec<_>>()
        };
        assert!(code(&loaded) == code(&built), "the code objects differ");
    }
}
