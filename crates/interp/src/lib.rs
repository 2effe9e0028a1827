//! proclab's Python interpreter.
//!
//! Pure: no I/O, no clock, no threads, no web types. Source goes in ([`Interp::new`]), output comes
//! out ([`Interp::take_output`]), and everything the program needs from the outside world (time,
//! other processes, waiting) is a [`Syscall`] that the host answers with [`Interp::resume`].
//!
//! The interpreter is *resumable*: [`Interp::run`] executes at most `budget` instructions and
//! returns a [`Step`]; it never blocks. Its whole state is plain data (`Clone`, serde), so
//! `os.fork()` is a clone, and a browser host can ship a process to another Web Worker.
//!
//! Layout: `lexer` → `parser` (→ `ast`) → `compiler` (→ bytecode) → `vm` (runs it).

pub mod ast;
pub mod lexer;
pub mod parser;

pub use proclab_abi::{Output, Reply, Step, Stream, Syscall};

/// A Python process's interpreter: the compiled program plus its whole runtime state.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Interp {
    // filled in by the VM
}

impl Interp {
    /// Compiles `source` as the `__main__` module, ready to run from its first line.
    /// `filename` is what tracebacks show (`File "prog.py", line 3, in <module>`).
    /// On a syntax error, returns the text CPython prints for it (ending with a newline), e.g.
    /// `  File "prog.py", line 1\n    print "x"\n    ^^^^^^^^^\nSyntaxError: Missing parentheses ...\n`.
    pub fn new(source: &str, filename: &str) -> Result<Interp, String> {
        let _ = (source, filename);
        todo!("vm")
    }

    /// Runs at most `budget` instructions (at least one), then says why it stopped.
    /// After `Step::Syscall` the host must call [`Interp::resume`] before running again.
    /// After `Step::Exit` the process is over; further calls return `Step::Exit` again.
    pub fn run(&mut self, budget: u32) -> Step {
        let _ = budget;
        todo!("vm")
    }

    /// Gives the reply to the syscall that the last `run` returned.
    pub fn resume(&mut self, reply: Reply) {
        let _ = reply;
        todo!("vm")
    }

    /// Takes what the program has printed since the last call (stdout and stderr, in order).
    pub fn take_output(&mut self) -> Vec<Output> {
        todo!("vm")
    }

    /// Instructions executed so far (the simulation host turns them into virtual time).
    pub fn instructions(&self) -> u64 {
        todo!("vm")
    }

    /// The line (1-based) the innermost frame of the main thread is executing, if any.
    pub fn current_line(&self) -> Option<u32> {
        todo!("vm")
    }

    /// The module's user-visible globals (no modules, functions, classes or dunder names), as
    /// `(name, repr)` in definition order: what the memory view shows for this process.
    pub fn globals(&self) -> Vec<(String, String)> {
        todo!("vm")
    }
}
