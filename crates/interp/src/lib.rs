//! proclab's Python interpreter.
//!
//! Pure: no I/O, no clock, no threads, no web types. Source goes in ([`Interp::new`]), output comes
//! out ([`Interp::take_output`]), and everything the program needs from the outside world (time,
//! other processes, waiting) is a [`Syscall`] that the host answers with [`Interp::resume`].
//!
//! The interpreter is *resumable*: [`Interp::run`] executes at most `budget` instructions and
//! returns a [`Step`]; it never blocks. Its whole state is plain data (`Clone`, serde), so
//! `os.fork()` is a clone, and a browser host can ship a process to another Web Worker. Code
//! is not state: every VM starts from its thread's image (`vm::image`: built-in types and the
//! prelude compiled once per thread), so a serialized `Interp` carries only what is past it.
//!
//! Layout: `lexer` → `parser` (→ `ast`) → `compiler` (→ bytecode) → `vm` (runs it). The pure
//! text helpers (`pyfmt`, `strops`, `mt`, `timefmt`) implement CPython's formatting, string
//! methods, Mersenne Twister and strftime.
//!
//! Known limits: builtins that call back into Python (`sorted(key=)`, `__eq__`/`__hash__` in a
//! dict, `__exit__` on an exception, ...) run that code in a nested dispatch loop, where a
//! blocking call raises `RuntimeError("blocking call inside a builtin callback is not
//! supported")`. The common blocking cases avoid it by running as frames instead: `print`,
//! `str`, `repr` and f-strings of objects with Python `__str__`/`__repr__` (also inside
//! containers), property getters, `__enter__`, `for` over generators and `map(py_func, ...)`,
//! and builtins draining a generator (`sorted(q.get() for _ in ps)`). Nested loops are capped
//! (`vm::MAX_NESTED`) so deep recursion through them raises RecursionError, not a Rust stack
//! overflow. `yield from` forwards values and the return value, not `send()`.

pub mod ast;
pub mod compiler;
pub mod lexer;
pub mod mt;
pub mod parser;
pub mod patterns;
pub mod pyfmt;
pub mod strops;
pub mod timefmt;
pub mod vm;

pub use proclab_abi::{Output, Reply, Step, Stream, Syscall};
use vm::value::{Obj, Value};
use vm::{modules, Flow, Phase, Ret, Vm};

/// A Python process's interpreter: the compiled program plus its whole runtime state.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Interp {
    vm: Vm,
}

/// The text CPython prints for a syntax error: location, the stripped line, carets, message.
pub fn syntax_error_text(filename: &str, source: &str, e: &ast::SyntaxError) -> String {
    let mut out = format!("  File \"{}\", line {}\n", filename, e.line);
    if let Some(line) = source.lines().nth(e.line.saturating_sub(1) as usize) {
        let trimmed = line.trim_start();
        let cut = line.chars().count() - trimmed.chars().count();
        let t = trimmed.trim_end();
        if !t.is_empty() {
            out.push_str(&format!("    {}\n", t));
            let col = (e.col as usize).saturating_sub(cut);
            let end = (e.end_col as usize).saturating_sub(cut).max(col + 1);
            out.push_str(&format!(
                "    {}{}\n",
                " ".repeat(col),
                "^".repeat(end - col)
            ));
        }
    }
    out.push_str(&format!("{}: {}\n", e.kind, e.msg));
    out
}

impl Interp {
    /// Compiles `source` as the `__main__` module, ready to run from its first line.
    /// `filename` is what tracebacks show (`File "prog.py", line 3, in <module>`).
    /// On a syntax error, returns the text CPython prints for it (ending with a newline), e.g.
    /// `  File "prog.py", line 1\n    print "x"\n    ^^^^^^^^^\nSyntaxError: Missing parentheses ...\n`.
    pub fn new(source: &str, filename: &str) -> Result<Interp, String> {
        let mut vm = modules::new_vm();
        let (idx, code) = modules::compile_into(&mut vm, "__main__", filename, source)?;
        vm.main_module = idx;
        vm.cur_module = idx;
        let fr = modules::module_frame(&vm, idx, code);
        vm.threads[0].frames.push(fr);
        Ok(Interp { vm })
    }

    /// Runs at most `budget` instructions (at least one), then says why it stopped.
    /// After `Step::Syscall` the host must call [`Interp::resume`] before running again.
    /// After `Step::Exit` the process is over; further calls return `Step::Exit` again.
    pub fn run(&mut self, budget: u32) -> Step {
        let step = self.run_slice(budget);
        if let Step::Syscall(Syscall::Fork { .. }) = step {
            // The process is about to be copied (cloned, or serialized for another worker):
            // collect its garbage first, so that the copy carries live objects only. Here every
            // live value is reachable from the VM's roots (the VM could be serialized as it is)
            // and no nested loop runs; a pending reply conversion holds no values.
            if self.idle() {
                self.vm.gc_for_fork();
            }
        }
        step
    }

    /// No nested loop runs and a pending reply conversion holds no values: every live value is
    /// reachable from the VM's roots.
    fn idle(&self) -> bool {
        let map = matches!(self.vm.reply_map, None | Some(modules::ReplyMap::Fork));
        map && self.vm.nested == 0
    }

    /// The child of the pending fork as bytes for another worker (see [`Interp::fork_clone`]):
    /// the objects it reaches, the others sent as free slots, so that every object keeps its
    /// slot (and its `id()`, as addresses do under fork).
    pub fn fork_snapshot(&mut self) -> Vec<u8> {
        let bytes = |i: &Interp| postcard::to_allocvec(i).expect("an interpreter serializes");
        let Some(keep) = self.take_fork_keep() else {
            return bytes(self);
        };
        let saved = self.vm.keep_top_frame();
        let out = vm::image::keeping(keep, || bytes(self));
        self.vm.restore_threads(saved);
        out
    }

    /// The child of the pending fork. For a fork whose child resumes only in the innermost frame
    /// (`Process.start`: the child runs `_bootstrap`, then exits) the child holds the calling
    /// thread alone with that frame only, and the objects it still reaches: a parent that keeps
    /// thousands of started `Process` objects in a local list forks in constant time, as under
    /// CPython's copy-on-write fork, not in time that grows with the list.
    pub fn fork_clone(&mut self) -> Interp {
        let Some(keep) = self.take_fork_keep() else {
            return self.clone();
        };
        let saved = self.vm.keep_top_frame();
        // The heap is copied apart: only what the child reaches, as `fork_snapshot` sends it.
        let heap = std::mem::take(&mut self.vm.heap);
        let mut child = self.clone();
        let copy = heap.iter().zip(keep).map(|(o, keep)| match keep {
            true => o.clone(),
            false => vm::value::Obj::Free,
        });
        child.vm.heap = copy.collect();
        child.vm.free = vm::image::free_slots(&child.vm.heap);
        self.vm.heap = heap;
        self.vm.restore_threads(saved);
        child
    }

    /// What the child of the pending fork reaches, when it resumes in the innermost frame only
    /// (`Vm::gc_for_fork`); `None`: it gets the whole process.
    fn take_fork_keep(&mut self) -> Option<Vec<bool>> {
        let len = self.vm.heap.len();
        self.vm.fork_keep.take().filter(|k| k.len() == len)
    }

    fn run_slice(&mut self, budget: u32) -> Step {
        let vm = &mut self.vm;
        if let Phase::Done(c) = vm.phase {
            return Step::Exit(c);
        }
        if vm.waiting {
            // Not resumed: nothing can run until the reply comes.
            return Step::Yield;
        }
        if let Some(call) = vm::threads::take_deferred(vm) {
            // A lock syscall held back while the kernel learnt the calling thread (vm::threads).
            vm.waiting = true;
            return Step::Syscall(call);
        }
        if let Some(call) = vm::ipc::take_issue(vm) {
            // The next syscall of a multi-step shared-object call (vm::ipc).
            vm.waiting = true;
            return Step::Syscall(vm::threads::issue(vm, call));
        }
        let budget = budget.max(1) as u64;
        let start = vm.icount;
        loop {
            // Green threads: pick the thread to run (vm::threads).
            match vm::threads::schedule(&mut self.vm) {
                vm::threads::Next::Run => {}
                vm::threads::Next::Sys(call) => {
                    self.vm.waiting = true;
                    return Step::Syscall(call);
                }
                vm::threads::Next::Deadlock(msg) => {
                    self.vm.write(Stream::Stderr, &format!("{}\n", msg));
                    self.vm.phase = Phase::Done(1);
                    return Step::Exit(1);
                }
            }
            if self.vm.threads[self.vm.cur].frames.is_empty() {
                return self.finish(0);
            }
            let left = budget.saturating_sub(self.vm.icount - start).max(1);
            let r = self.vm.run_loop(0, vm::threads::slice(&self.vm, left));
            let vm = &mut self.vm;
            match r {
                Err(Flow::Budget) | Err(Flow::Block) => {}
                Err(Flow::Sys(call)) => {
                    vm.waiting = true;
                    return Step::Syscall(vm::threads::issue(vm, call));
                }
                Err(Flow::Exit(code)) => {
                    vm.threads[vm.cur].frames.clear();
                    vm.phase = Phase::Done(code);
                    return Step::Exit(code);
                }
                Err(Flow::Exc(e)) if vm::threads::in_thread(vm) => {
                    if !vm.exc_is(&e, "SystemExit") {
                        let text = modules::format_exc(vm, &e);
                        vm.write(Stream::Stderr, &text);
                    }
                    vm::threads::thread_exit(vm);
                }
                Ok(_) if vm::threads::in_thread(vm) => vm::threads::thread_exit(vm),
                Err(Flow::Exc(e)) => {
                    let code = self.uncaught(&e);
                    if let Some(step) = self.next_phase(code) {
                        return step;
                    }
                }
                Ok(_) => {
                    let code = match self.vm.phase {
                        Phase::AtExit(c) => c,
                        _ => 0,
                    };
                    if let Some(step) = self.next_phase(code) {
                        return step;
                    }
                }
            }
            if self.vm.icount - start >= budget {
                return Step::Yield;
            }
        }
    }

    fn finish(&mut self, code: i32) -> Step {
        match self.next_phase(code) {
            Some(s) => s,
            None => Step::Yield,
        }
    }

    /// After the main module (or the exit handler) ended: run `multiprocessing`'s exit handler
    /// once if it was imported (join children, as CPython's atexit does), else exit.
    fn next_phase(&mut self, mut code: i32) -> Option<Step> {
        let vm = &mut self.vm;
        vm.threads[vm.cur].frames.clear();
        vm.threads[vm.cur].exc_stack.clear();
        if vm.phase == Phase::Main {
            // threading._shutdown first: join the non-daemon threads (vm::threads).
            if let Some(fr) = vm::threads::shutdown_frame(vm, code) {
                vm.threads[vm.cur].frames.push(fr);
                return None;
            }
            code = vm::threads::after_shutdown(vm, code);
            // atexit's handlers, then multiprocessing's (it joins the children).
            let mp = match vm.module_by_name.contains_key("multiprocessing") {
                true => vm::modules::import(vm, "multiprocessing").ok(),
                false => None,
            };
            if mp.is_some() || vm.module_by_name.contains_key("atexit") {
                let args = vec![mp.unwrap_or(Value::None)];
                vm.phase = Phase::AtExit(code);
                if let Ok(f) = vm.py_helper("_at_exit") {
                    if let Ok(vm::Called::Frame(mut fr)) = vm.call(f, args, vec![]) {
                        fr.ret = Ret::Discard;
                        vm.threads[vm.cur].frames.push(fr);
                        return None;
                    }
                }
            }
        }
        let code = match vm.phase {
            Phase::AtExit(c) => c,
            _ => code,
        };
        vm.phase = Phase::Done(code);
        Some(Step::Exit(code))
    }

    /// Prints an uncaught exception as CPython does; returns the exit code.
    fn uncaught(&mut self, e: &Value) -> i32 {
        let vm = &mut self.vm;
        if vm.exc_is(e, "SystemExit") {
            let arg = match vm.get_opt(e) {
                Some(Obj::Inst(i)) => {
                    match vm::value::attr_get(&i.attrs, vm::sym::ARGS).and_then(|t| vm.get_opt(t)) {
                        Some(Obj::Tuple(t)) => t.first().cloned().unwrap_or(Value::None),
                        _ => Value::None,
                    }
                }
                _ => Value::None,
            };
            return match arg {
                Value::None => 0,
                Value::Int(i) => i as i32,
                Value::Bool(b) => b as i32,
                other => {
                    let s = vm.to_str(&other).unwrap_or_default();
                    vm.write(Stream::Stderr, &format!("{}\n", s));
                    1
                }
            };
        }
        let text = modules::format_exc(vm, e);
        vm.write(Stream::Stderr, &text);
        1
    }

    /// Gives the reply to the syscall that the last `run` returned.
    pub fn resume(&mut self, reply: Reply) {
        let vm = &mut self.vm;
        vm.waiting = false;
        vm.fork_top_only = false;
        vm.fork_keep = None;
        if vm::threads::on_reply(vm, &reply) {
            // The scheduler's own syscall (clock, sleep until a deadline, SetThread).
            return;
        }
        let map = vm.reply_map.take();
        if let Some(modules::ReplyMap::Ipc(post)) = map {
            vm::ipc::resume(vm, post, reply);
            return;
        }
        let v = match reply {
            Reply::Error { kind, msg } => {
                let e = vm::ipc::error_value(vm, &kind, &msg);
                vm.pending_exc = Some(e);
                return;
            }
            reply => vm::ipc::plain(vm, reply),
        };
        match (&map, &v) {
            (Some(modules::ReplyMap::Fork), Value::Int(pid)) if *pid > 0 => {
                vm.fork_children.push(*pid as u32)
            }
            (Some(modules::ReplyMap::WaitPid(pid)), Value::Int(_)) => {
                vm.fork_children.retain(|c| c != pid)
            }
            _ => {}
        }
        let v = match (map, &v) {
            (Some(modules::ReplyMap::Nanos), Value::Float(f)) => Value::Int((f * 1e9) as i64),
            (Some(modules::ReplyMap::Ctime), Value::Float(f)) => Value::str(&timefmt::ctime(*f, 0)),
            (Some(modules::ReplyMap::Strftime(fmt)), Value::Float(f)) => {
                Value::str(&timefmt::strftime(&fmt, *f, 0))
            }
            (Some(modules::ReplyMap::WaitPid(pid)), Value::Int(c)) => {
                let status = if *c < 0 {
                    (-*c) & 0x7f
                } else {
                    (*c & 0xff) << 8
                };
                vm.new_tuple(vec![Value::Int(pid as i64), Value::Int(status)])
            }
            (Some(modules::ReplyMap::WaitPid(_)), Value::None) => {
                vm.new_tuple(vec![Value::Int(0), Value::Int(0)])
            }
            _ => v,
        };
        if let Some(f) = vm.threads[vm.cur].frames.last_mut() {
            f.regs.push(v);
        }
    }

    /// The process's threads for the page: `(tid, name, state, current line)`, main thread
    /// first; state is "running", "ready", "blocked" or "sleeping" (see `vm::threads`).
    pub fn threads(&self) -> Vec<(u32, String, String, Option<u32>)> {
        vm::threads::thread_rows(&self.vm)
    }

    /// Takes the thread state changes since the last call: `(tid, name, state, instructions
    /// executed so far)`, state as in [`Interp::threads`] plus "done".
    pub fn take_thread_events(&mut self) -> Vec<(u32, String, String, u64)> {
        std::mem::take(&mut self.vm.sched.events)
    }

    /// Takes what the program has printed since the last call (stdout and stderr, in order).
    pub fn take_output(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.vm.output)
    }

    /// Instructions executed so far (the simulation host turns them into virtual time).
    pub fn instructions(&self) -> u64 {
        self.vm.icount
    }

    /// The line (1-based) the innermost frame of the main thread is executing, if any.
    pub fn current_line(&self) -> Option<u32> {
        let f = self.vm.threads.first()?.frames.last()?;
        Some(self.vm.line_of(f))
    }

    /// The module's user-visible globals (no modules, functions, classes or dunder names), as
    /// `(name, repr)` in definition order: what the memory view shows for this process.
    pub fn globals(&self) -> Vec<(String, String)> {
        let vm = &self.vm;
        let Some(m) = vm.modules.get(vm.main_module as usize) else {
            return vec![];
        };
        let mut out = vec![];
        for (s, v) in m.table.names.iter().zip(m.slots.iter()) {
            let name = vm.syms.name(*s);
            if name.starts_with("__") || matches!(v, Value::Undef | Value::Builtin(_)) {
                continue;
            }
            if let Some(o) = vm.get_opt(v) {
                if matches!(o, Obj::Module { .. } | Obj::Func(_) | Obj::Class(_)) {
                    continue;
                }
            }
            out.push((name.to_string(), vm.display(v, 0)));
        }
        out
    }

    /// Why the last snapshot (a serialized `Interp`) deserialized on this thread was refused,
    /// if one was: e.g. it was made by another build of the interpreter. Serde formats such as
    /// postcard report these errors without their text. Taking it clears it.
    pub fn snapshot_refusal() -> Option<String> {
        vm::image::take_refusal()
    }

    /// Puts a file in this process's virtual file system (before or while it runs).
    pub fn add_file(&mut self, path: &str, contents: &str) {
        self.vm.vfs.insert(path.to_string(), contents.to_string());
    }

    /// The files of this process's virtual file system, as `(path, contents)` sorted by path.
    pub fn files(&self) -> Vec<(String, String)> {
        self.vm
            .vfs
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }
}
