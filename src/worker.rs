//! Inside a Web Worker: one Python process.
//!
//! The worker holds one interpreter and runs it only when the page says so (`Run`), one slice at
//! a time: the kernel on the page decides who runs, and between slices this worker's event loop
//! is free, so a message (or `Worker.terminate()`) is never stuck behind a long computation.

use std::cell::RefCell;
use std::rc::Rc;

use proclab_abi::{Output, Reply, Step, Stream, Syscall};
use proclab_interp::Interp;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::js;
use crate::protocol::{FromWorker, ToWorker};

/// Instructions per call to `Interp::run`; the clock is checked between calls.
const CHUNK: u32 = 20_000;
/// A slice ends after this many instructions...
const SLICE_INSTRUCTIONS: u64 = 200_000;
/// ...or after this many milliseconds, whichever comes first: short enough for round robin
/// to look fair on the timeline and for the page's Stop to feel immediate.
const SLICE_MS: f64 = 5.0;

struct Process {
    interp: Option<Interp>,
    /// Why there is no interpreter to run, reported in answer to the next `Run` (the kernel only
    /// expects to hear from a process after it ran it).
    broken: Option<String>,
}

pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = Rc::new(RefCell::new(Process {
        interp: None,
        broken: None,
    }));
    let reply_scope = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        let Some(bytes) = js::from_js_bytes(&e.data()) else {
            return;
        };
        let answer = match ToWorker::decode(&bytes) {
            Ok(msg) => state.borrow_mut().handle(msg),
            Err(err) => Some(internal_error(&err.to_string())),
        };
        // The memory view: globals go first, while the host still knows this worker's pid.
        if let Some(vars) = state.borrow().globals_for(&answer) {
            post(&reply_scope, &FromWorker::Globals { vars });
        }
        if let Some(answer) = answer {
            post(&reply_scope, &answer);
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    onmessage.forget();
    warm_up();
    post(&scope, &FromWorker::Ready);
}

/// What a typical program does first (import multiprocessing, define and call functions, format,
/// fork), run once while the worker is still idle in the pool. V8 compiles wasm functions lazily,
/// on their first call, in each worker: without this, a process's first milliseconds would be
/// spent compiling the parser, the compiler and the VM.
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

fn warm_up() {
    let Ok(mut interp) = Interp::new(WARM_UP, "<warm-up>") else {
        return;
    };
    for _ in 0..200 {
        let reply = match interp.run(100_000) {
            Step::Exit(_) => break,
            Step::Yield => continue,
            // The snapshot round trip a fork makes; the "child" goes on as the warm-up.
            Step::Syscall(Syscall::Fork { .. }) => {
                let Ok(bytes) = postcard::to_allocvec(&interp) else {
                    break;
                };
                let Ok(child) = postcard::from_bytes::<Interp>(&bytes) else {
                    break;
                };
                interp = child;
                Reply::Int(0)
            }
            Step::Syscall(Syscall::Time | Syscall::Monotonic) => Reply::Float(1.0),
            Step::Syscall(Syscall::GetPid | Syscall::GetPpid) => Reply::Int(2),
            Step::Syscall(Syscall::Join { .. } | Syscall::Poll { .. }) => Reply::ExitCode(Some(0)),
            // Sleep, Kill and whatever else: the warm-up's output is thrown away anyway.
            Step::Syscall(_) => Reply::None,
        };
        interp.resume(reply);
    }
    let _ = interp.take_output();
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
        instructions: 0,
        snapshot: None,
    }
}

impl Process {
    /// The globals to send before `answer`: only after a slice that did not just yield.
    fn globals_for(&self, answer: &Option<FromWorker>) -> Option<Vec<(String, String)>> {
        match answer {
            Some(FromWorker::Stepped { step, .. }) if *step != Step::Yield => {
                self.interp.as_ref().map(crate::step::memory_of)
            }
            _ => None,
        }
    }

    fn handle(&mut self, msg: ToWorker) -> Option<FromWorker> {
        match msg {
            ToWorker::Simulate(request) => {
                Some(FromWorker::Recording(crate::step::simulate(&request)))
            }
            ToWorker::Boot {
                pid: _,
                source,
                filename,
            } => match Interp::new(&source, &filename) {
                Ok(interp) => {
                    self.interp = Some(interp);
                    None
                }
                Err(text) => Some(FromWorker::CompileError { text }),
            },
            ToWorker::Adopt { pid: _, snapshot } => match postcard::from_bytes::<Interp>(&snapshot)
            {
                Ok(interp) => {
                    self.interp = Some(interp);
                    None
                }
                Err(e) => {
                    self.broken = Some(format!("bad fork snapshot: {e}"));
                    None
                }
            },
            ToWorker::Run { reply } => match (&mut self.interp, &self.broken) {
                (Some(interp), _) => Some(slice(interp, reply)),
                (None, Some(why)) => Some(internal_error(why)),
                // The Run that follows a compile error: `CompileError` was the answer.
                (None, None) => None,
            },
        }
    }
}

/// Runs one slice of `interp`: until it needs the kernel, ends, or used up its slice.
fn slice(interp: &mut Interp, reply: Option<Reply>) -> FromWorker {
    if let Some(reply) = reply {
        interp.resume(reply);
    }
    let started = js::perf_now();
    let before = interp.instructions();
    let step = loop {
        let step = interp.run(CHUNK);
        if step != Step::Yield
            || interp.instructions() - before >= SLICE_INSTRUCTIONS
            || js::perf_now() - started >= SLICE_MS
        {
            break step;
        }
    };
    // The output first: a snapshot taken with this slice's output still pending would make the
    // forked child print the parent's pre-fork lines a second time.
    let output = interp.take_output();
    let snapshot = matches!(step, Step::Syscall(Syscall::Fork { .. }))
        .then(|| postcard::to_allocvec(&*interp).expect("an interpreter serializes"));
    FromWorker::Stepped {
        step,
        output,
        instructions: interp.instructions() - before,
        snapshot,
    }
}
