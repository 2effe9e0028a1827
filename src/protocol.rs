//! The messages between the page (the kernel's host) and a worker (one Python process).
//!
//! Each message is a serde enum encoded with postcard and posted as a `Uint8Array` whose buffer
//! is transferred, not copied: a fork snapshot (the whole interpreter state) can be large, and
//! postcard bytes are both smaller and cheaper to make than a structured-clone object tree.

use proclab_abi::{Handle, Item, Output, Pid, Reply, Step};
use serde::{Deserialize, Serialize};

/// Page -> worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Become the main process `pid` (its parent `ppid`): compile `source` (tracebacks name it
    /// `filename`). Answered by `CompileError` on a syntax error, otherwise silently: the
    /// kernel's first `Run` follows.
    Boot {
        pid: Pid,
        ppid: Pid,
        source: String,
        filename: String,
    },
    /// Become the forked child `pid` of `ppid`: `snapshot` is the postcard encoding of the
    /// parent's interpreter, taken while the parent was suspended in `Syscall::Fork`.
    Adopt {
        pid: Pid,
        ppid: Pid,
        snapshot: Vec<u8>,
    },
    /// Run one slice of at most `slice_ms` milliseconds; first resume the pending syscall with
    /// `reply` if there is one. Answered by `Stepped`.
    Run { reply: Option<Reply>, slice_ms: u16 },
    /// Step mode: a `crate::step::Request` (postcard), run to the end in the simulation host.
    /// Answered by `Recording`.
    Simulate(Vec<u8>),
    /// An idle worker runs a typical program once, unanswered, so that V8 compiles the
    /// functions a process needs before one does (see worker.rs `warm_up`).
    WarmUp,
    /// A run started: the warm-up (if this worker has one planned or going) leaves the CPU to it.
    StopWarmUp,
    /// The kernel wants back the items of queue or pipe `h` lent to this process
    /// (`Effect::Recall`): answered by `Returned`.
    Recall { h: Handle },
}

/// Worker -> page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// The worker's wasm is loaded and its message handler installed. Messages posted before
    /// wait in the worker (www/worker_loader.js); the host counts loading workers by this.
    Ready,
    /// A slice ended with `step`, after `instructions` instructions, having printed `output`.
    /// `snapshot` is only there when `step` is `Step::Syscall(Syscall::Fork { .. })`: the
    /// interpreter's state, for the child's worker.
    Stepped {
        step: Step,
        output: Vec<Output>,
        /// The slice's puts to unbounded queues not yet sent in a `Puts`, in order: they
        /// happened before `step`.
        puts: Vec<(Handle, Item)>,
        /// Gets the worker answered from items lent to the process (`Reply::Lease`), per
        /// queue or pipe, then the handles whose lent items it gave back, before `step`.
        lent: (Vec<(Handle, u32)>, Vec<Handle>),
        instructions: u64,
        snapshot: Option<Vec<u8>>,
        /// How long the worker worked for this process since its previous `Stepped` (µs, its
        /// own clock: this slice and a fork's snapshot, plus the messages no `Stepped` answers,
        /// the program's compile in `Boot` and the snapshot's load in `Adopt`): the process's
        /// CPU time, without the messages' way through the page, which may be busy drawing.
        busy_us: u32,
    },
    /// The answer to `Recall`: the worker gave back what it had left of `h`'s lent items.
    Returned { h: Handle },
    /// Puts to unbounded queues that the process made during the slice under way, answered
    /// in the worker (`Syscall::PutAsync`), in order; always before the slice's `Stepped`.
    Puts { puts: Vec<(Handle, Item)> },
    /// `Boot`'s source does not compile: `text` is what CPython prints for it.
    CompileError { text: String },
    /// The process's user globals `(name, repr)` (the memory view): just before the `Stepped`
    /// of its exit, and otherwise at most every 100 ms (see worker.rs `send_globals`).
    Globals { vars: Vec<(String, String)> },
    /// The answer to `Simulate`: a `crate::step::Recording` (postcard).
    Recording(Vec<u8>),
}

/// Why bytes from the other side could not be decoded.
#[derive(Debug, PartialEq)]
pub struct DecodeError(pub String);

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "bad message: {}", self.0)
    }
}

macro_rules! codec {
    ($t:ty) => {
        impl $t {
            /// The message as postcard bytes.
            pub fn encode(&self) -> Vec<u8> {
                // Serializing these plain enums into a growable Vec cannot fail.
                postcard::to_allocvec(self).expect("postcard encoding of a protocol message")
            }
            /// The message from postcard bytes.
            pub fn decode(bytes: &[u8]) -> Result<Self, DecodeError> {
                postcard::from_bytes(bytes).map_err(|e| DecodeError(e.to_string()))
            }
        }
    };
}
codec!(ToWorker);
codec!(FromWorker);

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_abi::{Stream, Syscall};

    fn samples() -> (Vec<ToWorker>, Vec<FromWorker>) {
        let to = vec![
            ToWorker::Boot {
                pid: 4242,
                ppid: 4241,
                source: "print('héllo')\n".into(),
                filename: "main.py".into(),
            },
            ToWorker::Adopt {
                pid: 4243,
                ppid: 4242,
                snapshot: (0..=255).collect(),
            },
            ToWorker::Run {
                reply: None,
                slice_ms: 5,
            },
            ToWorker::Run {
                reply: Some(Reply::Int(-7)),
                slice_ms: 40,
            },
            ToWorker::Run {
                reply: Some(Reply::Float(0.25)),
                slice_ms: 40,
            },
            ToWorker::Run {
                reply: Some(Reply::ExitCode(Some(-15))),
                slice_ms: 40,
            },
            ToWorker::Run {
                reply: Some(Reply::Error {
                    kind: "ValueError".into(),
                    msg: "no".into(),
                }),
                slice_ms: 5,
            },
            ToWorker::Simulate(vec![1, 2, 3]),
            ToWorker::WarmUp,
            ToWorker::StopWarmUp,
            ToWorker::Recall { h: 3 },
        ];
        let from = vec![
            FromWorker::Ready,
            FromWorker::Stepped {
                step: Step::Syscall(Syscall::Fork {
                    name: "Process-1".into(),
                    daemon: true,
                }),
                output: vec![
                    Output {
                        stream: Stream::Stdout,
                        text: "a\n".into(),
                    },
                    Output {
                        stream: Stream::Stderr,
                        text: "b".into(),
                    },
                ],
                puts: vec![(
                    3,
                    Item {
                        bytes: vec![7, 8],
                        repr: "'x'".into(),
                    },
                )],
                lent: (vec![(3, 17)], vec![3]),
                instructions: 200_000,
                snapshot: Some(vec![1, 2, 3]),
                busy_us: 1_234,
            },
            FromWorker::Stepped {
                step: Step::Syscall(Syscall::Join {
                    pid: 3,
                    timeout: Some(1.5),
                }),
                output: vec![],
                puts: vec![],
                lent: (vec![], vec![]),
                instructions: u64::MAX,
                snapshot: None,
                busy_us: u32::MAX,
            },
            FromWorker::Stepped {
                step: Step::Exit(1),
                output: vec![],
                puts: vec![],
                lent: (vec![], vec![]),
                instructions: 0,
                snapshot: None,
                busy_us: 0,
            },
            FromWorker::CompileError {
                text: "SyntaxError: invalid syntax\n".into(),
            },
            FromWorker::Globals {
                vars: vec![("count".into(), "101".into())],
            },
            FromWorker::Recording(vec![4, 5]),
            FromWorker::Returned { h: 3 },
        ];
        (to, from)
    }

    #[test]
    fn round_trip() {
        let (to, from) = samples();
        for m in to {
            assert_eq!(ToWorker::decode(&m.encode()), Ok(m));
        }
        for m in from {
            assert_eq!(FromWorker::decode(&m.encode()), Ok(m));
        }
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(ToWorker::decode(&[0xff, 0xff, 0xff]).is_err());
        assert!(FromWorker::decode(&[]).is_err());
        // A truncated message.
        let bytes = ToWorker::Adopt {
            pid: 1,
            ppid: 0,
            snapshot: vec![9; 100],
        }
        .encode();
        assert!(ToWorker::decode(&bytes[..50]).is_err());
    }
}
