//! The system-call interface between one Python process and the kernel.
//!
//! The interpreter never blocks: whenever Python code needs something only the kernel can give
//! (another process, time, a wait), the interpreter stops with a [`Syscall`] and its host later
//! resumes it with a [`Reply`]. Both types are plain serde data, because in the browser they cross
//! a `postMessage` between a Web Worker (the process) and the page (the kernel).
//!
//! Time is in microseconds since the start of the run ([`Micros`]), on the host's clock: real in
//! the browser, virtual in the simulation host.

use serde::{Deserialize, Serialize};

/// A process id, as Python sees it (`os.getpid()`).
pub type Pid = u32;
/// Microseconds since the run started, on the host's clock.
pub type Micros = u64;

/// What a process asks of the kernel. Each variant documents its reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Syscall {
    /// `os.fork()` (and so `Process.start()`): create a child that is a copy of the caller.
    /// The parent is resumed with `Reply::Int(child_pid)`, the child with `Reply::Int(0)`.
    /// `name` and `daemon` label the child in the process table and the timeline.
    Fork { name: String, daemon: bool },
    /// `time.sleep(secs)`: reply `Reply::None` once `secs` have passed.
    Sleep { secs: f64 },
    /// `time.time()`: reply `Reply::Float(seconds since the Unix epoch)`.
    Time,
    /// `time.perf_counter()` / `time.monotonic()`: reply `Reply::Float(seconds)`.
    Monotonic,
    /// `os.getpid()`: reply `Reply::Int`.
    GetPid,
    /// `os.getppid()`: reply `Reply::Int`.
    GetPpid,
    /// `Process.join(timeout)` / `os.waitpid`: block until `pid` has ended or `timeout` seconds
    /// passed. Reply `Reply::ExitCode(Some(code))` if it ended, `Reply::ExitCode(None)` on timeout.
    Join { pid: Pid, timeout: Option<f64> },
    /// `Process.is_alive()` / `exitcode`, never blocks: reply `Reply::ExitCode(None)` while `pid`
    /// runs, `Reply::ExitCode(Some(code))` once it ended.
    Poll { pid: Pid },
    /// `Process.terminate()` (signal 15) / `kill()` (signal 9) / `os.kill`: end `pid` now. Its exit
    /// code becomes `-signal`. Reply `Reply::None`.
    Kill { pid: Pid, signal: i32 },
}

/// The kernel's answer to a [`Syscall`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    None,
    Int(i64),
    Float(f64),
    Bool(bool),
    /// `None` while the process runs (or a join timed out), `Some(code)` once it ended.
    ExitCode(Option<i32>),
    /// The call failed: raise `kind` (a Python exception class name, e.g. "ValueError") with `msg`.
    Error { kind: String, msg: String },
}

/// Which stream a piece of output went to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stream {
    Stdout,
    Stderr,
}

/// Text a process wrote, in the order it wrote it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Output {
    pub stream: Stream,
    pub text: String,
}

/// Why an interpreter's `run` returned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// It needs the kernel: answer with `resume(reply)` before running it again.
    Syscall(Syscall),
    /// Its instruction budget ran out; it can simply be run again.
    Yield,
    /// The process ended with this exit code (0 normally, 1 after an uncaught exception,
    /// the argument of `sys.exit`/`os._exit`).
    Exit(i32),
}
