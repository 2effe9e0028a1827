//! The resumable virtual machine.
//!
//! All state lives in [`Vm`] as plain data: the arena heap, the symbol table, compiled code,
//! module globals and the threads' frame stacks. Python->Python calls push a [`Frame`] on the
//! current thread's explicit stack (no Rust recursion), so `run` can stop after any instruction
//! (budget) or at a blocking builtin (syscall) and continue later, on this or a cloned VM.
//!
//! Builtins that call back into Python (`sorted(key=)`, `__hash__`, ...) run a *nested* dispatch
//! loop to completion (see [`Vm::call_sync`]); a syscall inside one raises
//! `RuntimeError("blocking call inside a builtin callback is not supported")`. Where blocking is
//! likely, [`Vm::call`] and the instructions route the call through frames instead (see the
//! crate docs), with small Python helpers in `prelude/_proclab_py.py`.

pub mod builtins;
pub mod code;
pub mod format;
pub mod image;
pub mod ipc;
pub mod memory;
pub mod modules;
pub mod num;
pub mod ops;
pub mod pickle;
pub mod threads;
pub mod value;

use code::{Code, Op};
use proclab_abi::{Output, Stream, Syscall};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;
use value::*;

/// Why the dispatch loop stopped other than by returning.
#[derive(Debug)]
pub enum Flow {
    /// A Python exception (an instance) is propagating.
    Exc(Value),
    /// A builtin needs the kernel.
    Sys(Syscall),
    /// `os._exit(code)` / end of a forked child.
    Exit(i32),
    /// The instruction budget ran out.
    Budget,
    /// The running green thread blocked on an in-VM object (see `threads`); another one runs.
    Block,
}

pub type R<T> = Result<T, Flow>;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Interner {
    pub names: Vec<Rc<str>>,
    pub map: HashMap<Rc<str>, Sym>,
}

impl Interner {
    pub fn intern(&mut self, s: &str) -> Sym {
        if let Some(&i) = self.map.get(s) {
            return i;
        }
        let rc: Rc<str> = Rc::from(s);
        self.names.push(rc.clone());
        self.map.insert(rc, (self.names.len() - 1) as Sym);
        (self.names.len() - 1) as Sym
    }
    pub fn name(&self, s: Sym) -> &str {
        &self.names[s as usize]
    }
    pub fn rc(&self, s: Sym) -> Rc<str> {
        self.names[s as usize].clone()
    }
}

/// A module's global names -> slots (the compiler resolves global names to these slots).
/// Serialized as `names` only: `index` is its inverse, rebuilt on deserialize.
#[derive(Clone, Debug, Default)]
pub struct GlobalTable {
    pub names: Vec<Sym>,
    pub index: HashMap<Sym, u32>,
}

impl Serialize for GlobalTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.names.serialize(s)
    }
}

impl<'de> Deserialize<'de> for GlobalTable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<Sym>::deserialize(d)?;
        let index: HashMap<Sym, u32> = names
            .iter()
            .enumerate()
            .map(|(i, &s)| (s, i as u32))
            .collect();
        if index.len() != names.len() {
            return Err(image::refuse("a global name twice in a module"));
        }
        Ok(GlobalTable { names, index })
    }
}

impl GlobalTable {
    pub fn slot(&mut self, s: Sym) -> u32 {
        if let Some(&i) = self.index.get(&s) {
            return i;
        }
        self.names.push(s);
        self.index.insert(s, (self.names.len() - 1) as u32);
        (self.names.len() - 1) as u32
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ModuleData {
    pub name: Rc<str>,
    pub table: GlobalTable,
    pub slots: Vec<Value>,
    pub obj: u32,
}

impl ModuleData {
    /// The value of global `s`, if the module has defined it.
    pub fn global(&self, s: Sym) -> Option<&Value> {
        let v = self.slots.get(*self.table.index.get(&s)? as usize)?;
        (!matches!(v, Value::Undef)).then_some(v)
    }

    /// Every global the module has defined, in the order of its table.
    pub fn globals(&self) -> impl Iterator<Item = (Sym, &Value)> {
        self.table
            .names
            .iter()
            .zip(&self.slots)
            .filter(|(_, v)| !matches!(v, Value::Undef))
            .map(|(n, v)| (*n, v))
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Block {
    /// 0: try (exception jumps to `handler`), 1: an exception is being handled.
    pub kind: u8,
    pub handler: u32,
    pub depth: u32,
}

/// What to do with a frame's return value.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Ret {
    Normal,
    /// `__init__` of a class call: the call's value is the instance.
    Init(Value),
    /// A generator driven by `ForIter` at the caller: on return, pop the iterator and jump.
    ForIter(u32),
    /// A generator driven by native code (`next()`, `list(gen)`).
    GenNative,
    /// A class body: build the class from its namespace.
    ClassBody {
        bases: Vec<u32>,
        ns: u32,
    },
    /// Result ignored (atexit handlers).
    Discard,
    /// A Python `__next__` called by `ForIter` at the caller: its StopIteration ends the loop
    /// (jump to this target) instead of propagating.
    IterNext(u32),
    /// `next(it, default)` on a Python `__next__`: StopIteration gives `default` instead.
    NextOr(Value),
    /// A generator resumed by `next(gen)` or `next(gen, default)` (as a frame: it may block):
    /// when it returns, the call gives `default`, or without one raises StopIteration.
    GenNext(Option<Value>),
    /// A Python `__contains__` run by `in` (as a frame: it may block, e.g. a manager's
    /// proxy): the value's truth, negated for `not in`.
    Truth(bool),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Frame {
    pub code: u32,
    pub pc: u32,
    /// Locals, then the value stack.
    pub regs: Vec<Value>,
    pub cells: Vec<u32>,
    pub blocks: Vec<Block>,
    pub module: u32,
    /// Class bodies: the namespace dict.
    pub ns: Option<u32>,
    pub ret: Ret,
    pub gen: Option<u32>,
}

// The value stack's push and pop are the VM's most frequent operations. The worker's wasm is
// built for size (opt-level "z"), where LLVM inlines no call that would grow the code:
// `Vec::push` stayed a call, and in Chromium a third of a loop's time went to such calls
// (bench/README.md). These two are inlined always; push's rare growth is a cold call.
impl Frame {
    #[inline(always)]
    fn pop(&mut self) -> Value {
        let len = self.regs.len();
        if len == 0 {
            stack_underflow();
        }
        // SAFETY: `len - 1` is in bounds; the length shrinks first, so the read value has one
        // owner (as in `Vec::pop`).
        unsafe {
            self.regs.set_len(len - 1);
            std::ptr::read(self.regs.as_ptr().add(len - 1))
        }
    }
    #[inline(always)]
    fn push(&mut self, v: Value) {
        let len = self.regs.len();
        if len == self.regs.capacity() {
            grow_stack(&mut self.regs);
        }
        // SAFETY: `len < capacity` after the check, so the slot is allocated and unused (as in
        // `Vec::push`).
        unsafe {
            std::ptr::write(self.regs.as_mut_ptr().add(len), v);
            self.regs.set_len(len + 1);
        }
    }
    #[inline]
    fn top(&self) -> &Value {
        self.regs.last().expect("empty stack")
    }
}

/// `&v[i]` for the dispatch loop. At opt-level "z" (the worker's wasm) `[]` stays a call to
/// `Index::index`; in Chromium, replacing the hottest ones made loops ~1.8x faster (bench/).
#[inline(always)]
fn at<T>(v: &[T], i: usize) -> &T {
    match v.get(i) {
        Some(x) => x,
        None => out_of_range(),
    }
}

/// `&mut v[i]`, see [`at`].
#[inline(always)]
fn at_mut<T>(v: &mut [T], i: usize) -> &mut T {
    match v.get_mut(i) {
        Some(x) => x,
        None => out_of_range(),
    }
}

/// An instruction, constant or slot index past its end: a compiler bug, as with `[]`.
#[cold]
#[inline(never)]
fn out_of_range() -> ! {
    panic!("index out of range in the dispatch loop")
}

#[cold]
#[inline(never)]
fn stack_underflow() -> ! {
    panic!("stack underflow")
}

#[cold]
#[inline(never)]
fn grow_stack(regs: &mut Vec<Value>) {
    regs.reserve(1);
}

/// Moves the values of `from` from index `at` on to the end of `to` (a call's arguments, off
/// the value stack): `to.extend(from.drain(at..))`, which at opt-level "z" stayed a chain of
/// calls (~6% of a call in V8).
#[inline(always)]
fn take_tail(from: &mut Vec<Value>, at: usize, to: &mut Vec<Value>) {
    let n = from
        .len()
        .checked_sub(at)
        .unwrap_or_else(|| stack_underflow());
    if to.capacity() - to.len() < n {
        to.reserve(n);
    }
    // SAFETY: `at..at + n` are `from`'s last n initialised values and `to` has room for n more;
    // `from` is cut to `at` first, so each moved value has exactly one owner afterwards.
    unsafe {
        from.set_len(at);
        std::ptr::copy_nonoverlapping(from.as_ptr().add(at), to.as_mut_ptr().add(to.len()), n);
        to.set_len(to.len() + n);
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Gen {
    pub frame: Option<Frame>,
    pub started: bool,
    pub done: bool,
    pub name: Rc<str>,
}

impl Gen {
    pub fn children(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(fr) = &self.frame {
            frame_children(fr, f);
        }
    }
}

fn frame_children(fr: &Frame, f: &mut dyn FnMut(&Value)) {
    fr.regs.iter().for_each(&mut *f);
    fr.cells.iter().for_each(|&c| f(&Value::Obj(c)));
    if let Some(ns) = fr.ns {
        f(&Value::Obj(ns));
    }
    if let Some(g) = fr.gen {
        f(&Value::Obj(g));
    }
    match &fr.ret {
        Ret::Init(v) | Ret::NextOr(v) | Ret::GenNext(Some(v)) => f(v),
        Ret::ClassBody { bases, ns } => {
            bases.iter().for_each(|&b| f(&Value::Obj(b)));
            f(&Value::Obj(*ns));
        }
        _ => {}
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Thread {
    pub frames: Vec<Frame>,
    /// Exceptions being handled (innermost last), for bare `raise` and `__context__`.
    pub exc_stack: Vec<Value>,
}

/// Where the process is in its life.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Phase {
    Main,
    /// Running `multiprocessing`'s exit handler; then exit with this code.
    AtExit(i32),
    Done(i32),
}

/// A VM starts as a clone of this thread's [`image::Image`] (built-in types, builtins, the
/// compiled prelude); its serialization holds only what is past the image (see `image`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Vm {
    /// The image's fingerprint in a snapshot (first, checked before anything else is read).
    pub image: image::ImageTag,
    #[serde(with = "image::heap")]
    pub heap: Vec<Obj>,
    #[serde(with = "image::free")]
    pub free: Vec<u32>,
    pub allocs: usize,
    #[serde(with = "image::syms")]
    pub syms: Interner,
    #[serde(with = "image::codes")]
    pub codes: Vec<Rc<Code>>,
    /// (filename, source) of each compiled file: the image's prelude files, then the main
    /// program's, then `exec`'s.
    #[serde(with = "image::files")]
    pub files: Vec<(Rc<str>, Rc<str>)>,
    #[serde(with = "image::modules")]
    pub modules: Vec<ModuleData>,
    pub module_by_name: HashMap<Rc<str>, u32>,
    pub threads: Vec<Thread>,
    pub cur: usize,
    /// The tables below are built with the VM and never change: shared with the image, not
    /// part of a snapshot.
    #[serde(skip, default = "image::builtins")]
    pub builtins: Rc<HashMap<Sym, Value>>,
    /// Class object of each built-in type.
    #[serde(skip, default = "image::types")]
    pub types: Rc<HashMap<Tag, u32>>,
    #[serde(skip, default = "image::exc_classes")]
    pub exc_classes: Rc<HashMap<Rc<str>, u32>>,
    #[serde(skip, default = "image::type_methods")]
    pub type_methods: Rc<HashMap<(Tag, Sym), u16>>,
    pub output: Vec<Output>,
    pub icount: u64,
    /// A syscall was returned; `resume` must come before running again.
    pub waiting: bool,
    /// An error reply to raise at the next `run`.
    pub pending_exc: Option<Value>,
    pub phase: Phase,
    pub vfs: BTreeMap<String, String>,
    /// Depth of nested dispatch loops (builtins calling back into Python).
    pub nested: u32,
    /// `sys.getrecursionlimit()`: frames a thread may hold.
    #[serde(default = "default_recursion_limit")]
    pub recursion_limit: usize,
    /// Set by a generator frame that returned (vs yielded) under native control.
    pub gen_returned: bool,
    /// What the last generator driven by `ForIter` returned (for `yield from`).
    #[serde(default)]
    pub gen_return: Value,
    pub main_module: u32,
    /// Sent only once used (see `image::rng`).
    #[serde(with = "image::rng")]
    pub rng: modules::Rng,
    /// Module of the innermost running frame (for `globals()`).
    pub cur_module: u32,
    /// How to convert the reply of the pending syscall (when not the plain conversion).
    pub reply_map: Option<modules::ReplyMap>,
    /// Pids of the children this process made with `os.fork()` (for `os.wait()`).
    #[serde(default)]
    pub fork_children: Vec<u32>,
    /// The generators of `random.Random` instances (the module functions use `rng`).
    #[serde(default)]
    pub rngs: Vec<modules::Rng>,
    /// Green threads: states, in-VM locks and conditions, deadlines (see `threads`).
    pub sched: threads::Sched,
    /// Emptied locals vectors of returned frames, for the next calls of Python functions: a
    /// call then allocates nothing (in wasm, malloc and free were a large part of a call).
    #[serde(skip)]
    pub spare_regs: Vec<Vec<Value>>,
    /// The pending fork's child resumes only in the innermost frame and never returns from
    /// it (`Process.start`: the child runs `_bootstrap`, then exits), so its copy carries that
    /// frame and what it reaches, not the parent's callers and their locals (see
    /// `Interp::fork_clone`).
    #[serde(skip)]
    pub fork_top_only: bool,
    /// At such a fork: the heap slots the child reaches (made by [`Vm::gc_for_fork`]).
    #[serde(skip)]
    pub fork_keep: Option<Vec<bool>>,
}

/// CPython's default recursion limit.
pub const MAX_DEPTH: usize = 1000;
/// `sys.setrecursionlimit` accepts at most this (frames live on the heap, not the stack; the
/// memory limit still applies).
pub const MAX_RECURSION_LIMIT: usize = 1_000_000;

fn default_recursion_limit() -> usize {
    MAX_DEPTH
}
/// At most this many vectors wait in [`Vm::spare_regs`].
const MAX_SPARE_REGS: usize = 64;
/// Nested dispatch loops use the Rust stack (Python->Python calls do not): capped well below
/// what a 1 MB WebAssembly stack holds, raising RecursionError instead of overflowing.
pub const MAX_NESTED: usize = 100;
/// Instructions one nested dispatch loop may run. A nested loop lives on the Rust stack, so it
/// cannot yield to the host: without a cap, `sorted(xs, key=f)` with an endless `f` (or an
/// import that never ends) would freeze the worker. Past the cap it raises RuntimeError.
pub const MAX_CALLBACK_INSTRUCTIONS: u64 = 2_000_000;
/// Containers nested deeper than this in repr() raise RecursionError (recursive Rust code).
pub const MAX_REPR_DEPTH: usize = 300;
const GC_EVERY: usize = 100_000;
/// `Vm::allocs` from this value on: the process is past its memory limit (`memory`), and the
/// dispatch loop looks at the limit after each instruction until it is back under it.
const MEM_WATCH: usize = usize::MAX / 2;

impl Vm {
    pub fn alloc(&mut self, o: Obj) -> Value {
        self.allocs += 1;
        if let Some(id) = self.free.pop() {
            self.heap[id as usize] = o;
            Value::Obj(id)
        } else {
            self.heap.push(o);
            Value::Obj((self.heap.len() - 1) as u32)
        }
    }

    #[inline(always)]
    pub fn get(&self, id: u32) -> &Obj {
        at(&self.heap, id as usize)
    }
    #[inline(always)]
    pub fn get_mut(&mut self, id: u32) -> &mut Obj {
        at_mut(&mut self.heap, id as usize)
    }

    pub fn intern(&mut self, s: &str) -> Sym {
        self.syms.intern(s)
    }

    pub fn new_list(&mut self, v: Vec<Value>) -> Value {
        self.alloc(Obj::List(v))
    }
    pub fn new_tuple(&mut self, v: Vec<Value>) -> Value {
        self.alloc(Obj::Tuple(v))
    }

    pub fn write(&mut self, stream: Stream, text: &str) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.output.last_mut() {
            if last.stream == stream {
                last.text.push_str(text);
                return;
            }
        }
        self.output.push(Output {
            stream,
            text: text.to_string(),
        });
    }

    pub fn class_of_tag(&self, t: Tag) -> u32 {
        self.types[&t]
    }

    /// Creates an exception instance of the built-in class `kind` with one message argument.
    pub fn new_exc(&mut self, kind: &str, msg: &str) -> Value {
        let cls = *self
            .exc_classes
            .get(kind)
            .unwrap_or(&self.exc_classes["RuntimeError"]);
        // "[Errno 2] No such file or directory: 'x'" -> args (2, "No such ..."), filename 'x'.
        if let Some(rest) = msg.strip_prefix("[Errno ") {
            if let Some((n, text)) = rest.split_once("] ") {
                if let Ok(n) = n.parse::<i64>() {
                    let (text, fname) = match text.rsplit_once(": '") {
                        Some((t, f)) if f.ends_with('\'') => (t, Some(&f[..f.len() - 1])),
                        _ => (text, None),
                    };
                    let e = self.make_exc(cls, vec![Value::Int(n), Value::str(text)]);
                    if let Some(f) = fname {
                        let s = self.intern("filename");
                        if let Some(Obj::Inst(i)) = e.obj().map(|id| &mut self.heap[id as usize]) {
                            i.attrs.push((s, Value::str(f)));
                        }
                    }
                    return e;
                }
            }
        }
        // No message: raised bare, as CPython's `raise EOFError` (`EOFError()`).
        let args = if msg.is_empty() {
            vec![]
        } else {
            vec![Value::str(msg)]
        };
        self.make_exc(cls, args)
    }

    pub fn make_exc(&mut self, cls: u32, args: Vec<Value>) -> Value {
        let t = self.new_tuple(args);
        self.alloc(Obj::Inst(Box::new(Inst {
            class: cls,
            attrs: vec![(sym::ARGS, t)],
            exc: Some(Box::default()),
        })))
    }

    pub fn err<T>(&mut self, kind: &str, msg: impl AsRef<str>) -> R<T> {
        Err(Flow::Exc(self.new_exc(kind, msg.as_ref())))
    }

    pub fn type_error<T>(&mut self, msg: impl AsRef<str>) -> R<T> {
        self.err("TypeError", msg)
    }

    // ----- the garbage collector -----

    /// Mark and sweep from the roots. Only called between instructions of the outermost loop,
    /// when every live value is reachable from a frame, a module or the VM's tables.
    pub fn gc(&mut self) {
        let mut marks = vec![false; self.heap.len()];
        self.mark(&mut marks);
        self.sweep(&marks);
    }

    /// The collection before a fork (see `Interp::run`). For a `Process.start` fork it also
    /// keeps, in `fork_keep`, what the child reaches: marking from the child's roots first,
    /// then from the others, is one traversal for both.
    pub fn gc_for_fork(&mut self) {
        if !self.fork_top_only {
            return self.gc();
        }
        let mut marks = vec![false; self.heap.len()];
        let saved = self.keep_top_frame();
        self.mark(&mut marks);
        self.restore_threads(saved);
        let child = marks.clone();
        self.mark(&mut marks);
        self.sweep(&marks);
        self.fork_keep = Some(child);
    }

    fn sweep(&mut self, marks: &[bool]) {
        for (i, m) in marks.iter().enumerate() {
            if !m && !matches!(self.heap[i], Obj::Free) {
                self.heap[i] = Obj::Free;
                self.free.push(i as u32);
            }
        }
        self.allocs = 0;
    }

    /// Leaves the calling thread alone, with its innermost frame only (what the child of a
    /// `Process.start` fork resumes in); returns what was taken, for [`Vm::restore_threads`].
    pub fn keep_top_frame(&mut self) -> (Vec<Thread>, Vec<threads::TInfo>, usize) {
        let cur = self.cur;
        let thread = &self.threads[cur];
        let top = Thread {
            frames: thread.frames.last().cloned().into_iter().collect(),
            exc_stack: thread.exc_stack.clone(),
        };
        let info = self.sched.info.get(cur).cloned().into_iter().collect();
        self.cur = 0;
        (
            std::mem::replace(&mut self.threads, vec![top]),
            std::mem::replace(&mut self.sched.info, info),
            cur,
        )
    }

    pub fn restore_threads(
        &mut self,
        (threads, info, cur): (Vec<Thread>, Vec<threads::TInfo>, usize),
    ) {
        self.threads = threads;
        self.sched.info = info;
        self.cur = cur;
    }

    /// Marks the heap slots reachable from the roots (the frames of every thread, the modules,
    /// the VM's tables and the values it holds for later) and not marked yet.
    fn mark(&self, marks: &mut [bool]) {
        let mut stack: Vec<u32> = vec![];
        let push = |v: &Value, stack: &mut Vec<u32>| {
            if let Value::Obj(id) = v {
                stack.push(*id);
            }
        };
        for t in &self.threads {
            for f in &t.frames {
                frame_children(f, &mut |v| push(v, &mut stack));
            }
            t.exc_stack.iter().for_each(|v| push(v, &mut stack));
        }
        for m in &self.modules {
            stack.push(m.obj);
            m.slots.iter().for_each(|v| push(v, &mut stack));
        }
        self.builtins.values().for_each(|v| push(v, &mut stack));
        stack.extend(self.types.values());
        stack.extend(self.exc_classes.values());
        if let Some(e) = &self.pending_exc {
            push(e, &mut stack);
        }
        push(&self.gen_return, &mut stack);
        // Values the green-thread scheduler holds for threads it will wake.
        for t in &self.sched.info {
            if let Some(v) = &t.wake {
                push(v, &mut stack);
            }
        }
        while let Some(id) = stack.pop() {
            if marks[id as usize] {
                continue;
            }
            marks[id as usize] = true;
            self.heap[id as usize].children(&mut |v| push(v, &mut stack));
        }
    }

    // ----- frames -----

    pub fn line_of(&self, f: &Frame) -> u32 {
        let code = &self.codes[f.code as usize];
        let pc = (f.pc as usize)
            .saturating_sub(1)
            .min(code.lines.len().saturating_sub(1));
        code.lines.get(pc).copied().unwrap_or(code.first_line)
    }

    fn add_tb(&mut self, exc: &Value, f: &Frame) {
        let line = self.line_of(f);
        if let Value::Obj(id) = exc {
            if let Obj::Inst(i) = &mut self.heap[*id as usize] {
                if let Some(e) = &mut i.exc {
                    e.tb.push((f.code, line));
                }
            }
        }
    }

    /// Sets `__context__` of a newly raised exception to the one being handled.
    fn set_context(&mut self, exc: &Value) {
        let Some(ctx) = self.threads[self.cur].exc_stack.last().cloned() else {
            return;
        };
        if ctx.is(exc) {
            return;
        }
        if let Value::Obj(id) = exc {
            if let Obj::Inst(i) = &mut self.heap[*id as usize] {
                if let Some(e) = &mut i.exc {
                    if e.context.is_none() {
                        e.context = ctx;
                    }
                }
            }
        }
    }

    /// Python function `fid` (the caller checked that it is one).
    fn func(&self, fid: u32) -> &Func {
        let Obj::Func(func) = self.get(fid) else {
            unreachable!("not a function")
        };
        func
    }

    /// Makes a frame for calling Python function `fid` with positional `args` and keywords.
    pub fn bind(&mut self, fid: u32, mut args: Vec<Value>, kw: Vec<(Sym, Value)>) -> R<Frame> {
        let func = self.func(fid);
        let (fcode, fmodule) = (func.code, func.module);
        // What the call needs of its code, read in place: the `Rc` is cloned (a count up and
        // down, and a drop call at opt-level "z") only on the rarer paths below.
        let code = at(&self.codes, fcode as usize);
        let argc = code.argcount as usize;
        let nlocals = code.nlocals as usize;
        // Locals, then the value stack (which grows as needed).
        let room = nlocals + 8;
        let simple = kw.is_empty() && !code.varargs && !code.varkw && code.kwonly == 0;
        let (has_cells, is_gen) = (!code.cell_names.is_empty(), code.is_gen);
        let mut regs: Vec<Value>;
        if simple && args.len() == argc {
            // The arguments are the first locals: their vector becomes the frame's.
            regs = args;
            // (Tested here: at opt-level "z" `reserve` is a call even when it has nothing to do.)
            if regs.capacity() < room {
                regs.reserve(room - argc);
            }
        } else if simple && args.len() < argc && args.len() + func.defaults.len() >= argc {
            let start = argc - func.defaults.len();
            let have = args.len();
            regs = Vec::with_capacity(room);
            regs.append(&mut args);
            regs.extend_from_slice(&func.defaults[have - start..]);
        } else {
            let func = func.clone();
            let code = code.clone();
            regs = Vec::with_capacity(room);
            self.bind_slow(&code, &func, args, kw, &mut regs)?;
        }
        if regs.len() != nlocals {
            regs.resize(nlocals, Value::Undef);
        }
        // Its cells (`cell_names`: the cell variables, then the free ones from the closure).
        let mut cells = Vec::new();
        if has_cells {
            let code = at(&self.codes, fcode as usize).clone();
            cells.reserve_exact(code.cell_names.len());
            for _ in 0..code.ncellvars {
                let c = self.alloc(Obj::Cell(Value::Undef));
                cells.push(c.obj().unwrap());
            }
            for &(li, ci) in &code.cell_params {
                let v = regs[li as usize].clone();
                self.heap[cells[ci as usize] as usize] = Obj::Cell(v);
            }
        }
        // The function again: allocating the cells needed `self` (the heap may have grown).
        let closure = &self.func(fid).closure;
        if !closure.is_empty() {
            cells.extend_from_slice(closure);
        }
        let frame = Frame {
            code: fcode,
            pc: 0,
            regs,
            cells,
            blocks: vec![],
            module: fmodule,
            ns: None,
            ret: Ret::Normal,
            gen: None,
        };
        if is_gen {
            let name = self.func(fid).name.clone();
            let g = self.alloc(Obj::Gen(Box::new(Gen {
                frame: Some(frame),
                started: false,
                done: false,
                name,
            })));
            // A generator function's call returns the generator: signalled by a code-less frame.
            return Ok(Frame {
                gen: g.obj(),
                ..empty_frame()
            });
        }
        Ok(frame)
    }

    fn bind_slow(
        &mut self,
        code: &Code,
        func: &Func,
        args: Vec<Value>,
        kw: Vec<(Sym, Value)>,
        regs: &mut Vec<Value>,
    ) -> R<()> {
        let argc = code.argcount as usize;
        let nkw = code.kwonly as usize;
        let name = func.qualname.clone();
        regs.resize(argc + nkw, Value::Undef);
        let mut extra = vec![];
        for (i, a) in args.into_iter().enumerate() {
            if i < argc {
                regs[i] = a;
            } else {
                extra.push(a);
            }
        }
        if !extra.is_empty() && !code.varargs {
            let given = argc + extra.len();
            let takes = if func.defaults.is_empty() {
                format!(
                    "{} positional argument{}",
                    argc,
                    if argc == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "from {} to {} positional arguments",
                    argc - func.defaults.len(),
                    argc
                )
            };
            return self.type_error(format!(
                "{}() takes {} but {} {} given",
                name,
                takes,
                given,
                if given == 1 { "was" } else { "were" }
            ));
        }
        let mut kwdict = Dict::default();
        for (k, v) in kw {
            let pos = code.local_names[..argc + nkw].iter().position(|&s| s == k);
            match pos {
                Some(p) if p >= code.posonly as usize => {
                    if !matches!(regs[p], Value::Undef) {
                        let n = self.syms.rc(k);
                        return self.type_error(format!(
                            "{}() got multiple values for argument '{}'",
                            name, n
                        ));
                    }
                    regs[p] = v;
                }
                Some(_) if !code.varkw => {
                    let n = self.syms.rc(k);
                    return self.type_error(format!(
                        "{}() got some positional-only arguments passed as keyword arguments: '{}'",
                        name, n
                    ));
                }
                _ => {
                    if code.varkw {
                        let ks = Value::Str(self.syms.rc(k));
                        kwdict.insert(HKey::Str(self.syms.rc(k)), ks, v);
                    } else {
                        let n = self.syms.rc(k);
                        return self.type_error(format!(
                            "{}() got an unexpected keyword argument '{}'",
                            name, n
                        ));
                    }
                }
            }
        }
        let ndef = func.defaults.len();
        let mut missing = vec![];
        #[allow(clippy::needless_range_loop)] // `i` also indexes the defaults and names
        for i in 0..argc {
            if matches!(regs[i], Value::Undef) {
                if i >= argc - ndef {
                    regs[i] = func.defaults[i - (argc - ndef)].clone();
                } else {
                    missing.push(format!("'{}'", self.syms.name(code.local_names[i])));
                }
            }
        }
        if !missing.is_empty() {
            return self.type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                name,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            ));
        }
        let mut kmissing = vec![];
        #[allow(clippy::needless_range_loop)] // `i` also indexes the names
        for i in argc..argc + nkw {
            if matches!(regs[i], Value::Undef) {
                let s = code.local_names[i];
                match func.kwdefaults.iter().find(|e| e.0 == s) {
                    Some(d) => regs[i] = d.1.clone(),
                    None => kmissing.push(format!("'{}'", self.syms.name(s))),
                }
            }
        }
        if !kmissing.is_empty() {
            return self.type_error(format!(
                "{}() missing {} required keyword-only argument{}: {}",
                name,
                kmissing.len(),
                if kmissing.len() == 1 { "" } else { "s" },
                join_names(&kmissing)
            ));
        }
        if code.varargs {
            let t = self.new_tuple(extra);
            regs.push(t);
        }
        if code.varkw {
            let d = self.alloc(Obj::Dict(kwdict));
            regs.push(d);
        }
        Ok(())
    }

    /// Calls anything callable. Python functions come back as a frame to push (the caller
    /// decides: the dispatch loop pushes it, `call_sync` runs a nested loop).
    pub fn call(&mut self, f: Value, mut args: Vec<Value>, kw: Vec<(Sym, Value)>) -> R<Called> {
        // A Python function, the most frequent call, first.
        if let Value::Obj(id) = f {
            if let Obj::Func(_) = self.get(id) {
                return match self.bind(id, args, kw) {
                    Ok(fr) if fr.code == u32::MAX => Ok(Called::Value(Value::Obj(fr.gen.unwrap()))),
                    Ok(fr) => Ok(Called::Frame(fr)),
                    Err(e) => Err(e),
                };
            }
        }
        // Only a few callables consume an iterable: asked first, it spares every other call
        // (a method call's `self` is an instance) two MRO walks per argument.
        if self.nested == 0 && self.consumes_iterable(&f) {
            let py_iterable = |vm: &Vm, a: &Value| {
                [sym::ITER, sym::GETITEM].iter().any(|&d| {
                    matches!(
                        vm.lookup_class_attr(a, d)
                            .and_then(|m| m.obj())
                            .map(|f| vm.get(f)),
                        Some(Obj::Func(_))
                    )
                })
            };
            let lazy = |vm: &Vm, a: &Value| match vm.get_opt(a) {
                Some(Obj::Gen(_)) => true,
                Some(Obj::Iter(st)) => matches!(&**st, value::IterState::Map { .. }),
                Some(Obj::Inst(_)) => vm.payload(a).is_none() && py_iterable(vm, a),
                _ => false,
            };
            if let Some(i) = args.iter().position(|a| lazy(self, a)) {
                // Run the generator as frames first (it may block), then call `f`.
                let m = modules::import(self, "_proclab_py")?;
                let s = self.intern("_call_with_list");
                let helper = self.getattr(&m, s)?;
                let mut a = Vec::with_capacity(args.len() + 2);
                a.push(f);
                a.push(Value::Int(i as i64));
                a.extend(args);
                return self.call(helper, a, kw);
            }
        }
        match &f {
            Value::Builtin(id)
                if matches!(args.len(), 1 | 2)
                    && kw.is_empty()
                    && self.nested == 0
                    && builtins::builtin_name(*id) == "next"
                    && matches!(self.get_opt(&args[0]), Some(Obj::Gen(g)) if !g.done) =>
            {
                // next(generator): the generator runs as frames (it may block).
                let gid = args[0].obj().unwrap();
                let ret = Ret::GenNext(args.get(1).cloned());
                self.resume_gen(gid, ret).map(Called::Frame)
            }
            Value::Builtin(id)
                if args.len() == 2
                    && kw.is_empty()
                    && builtins::builtin_name(*id) == "next"
                    && self.nested == 0 =>
            {
                match self.lookup_class_attr(&args[0], sym::NEXT) {
                    Some(m) if matches!(self.get_opt(&m), Some(Obj::Func(_))) => {
                        let default = args[1].clone();
                        match self.call(m, vec![args[0].clone()], vec![])? {
                            Called::Frame(mut fr) => {
                                fr.ret = Ret::NextOr(default);
                                Ok(Called::Frame(fr))
                            }
                            v => Ok(v),
                        }
                    }
                    _ => builtins::call_builtin(self, *id, args, kw).map(Called::Value),
                }
            }
            Value::Builtin(id)
                if args.len() == 1
                    && matches!(builtins::builtin_name(*id), "len" | "iter" | "next") =>
            {
                // len()/iter()/next() of an object with the Python dunder: a frame (may block).
                let dunder = match builtins::builtin_name(*id) {
                    "len" => sym::LEN,
                    "iter" => sym::ITER,
                    _ => sym::NEXT,
                };
                match self.lookup_class_attr(&args[0], dunder) {
                    Some(m) if matches!(self.get_opt(&m), Some(Obj::Func(_))) => {
                        self.call(m, args, kw)
                    }
                    _ => builtins::call_builtin(self, *id, args, kw).map(Called::Value),
                }
            }
            Value::Builtin(id) => {
                // print()/repr() of objects with Python-level __str__/__repr__ run those methods
                // as frames (they may block, e.g. Process.__repr__ polls the child).
                if *id == builtins::PRINT
                    && self.nested == 0
                    && args.iter().any(|a| self.needs_py_repr(a, sym::STR))
                {
                    let helper = self.py_helper("_print")?;
                    return self.call(helper, args, kw);
                }
                if *id == builtins::REPR && args.len() == 1 {
                    if let Some(m) = self.py_str_method(&args[0], sym::REPR) {
                        return self.call(m, args, kw);
                    }
                    if self.nested == 0 && self.needs_py_repr(&args[0], sym::REPR) {
                        let helper = self.py_helper("_repr")?;
                        return self.call(helper, args, kw);
                    }
                }
                builtins::call_builtin(self, *id, args, kw).map(Called::Value)
            }
            Value::Obj(id)
                if Some(id) == self.types.get(&Tag::Str) && args.len() == 1 && kw.is_empty() =>
            {
                if let Some(m) = self.py_str_method(&args[0], sym::STR) {
                    return self.call(m, args, kw);
                }
                if self.nested == 0 && self.needs_py_repr(&args[0], sym::STR) {
                    let helper = self.py_helper("_repr")?;
                    return self.call(helper, args, kw);
                }
                builtins::construct(self, Tag::Str, *id, args, kw).map(Called::Value)
            }
            Value::Obj(id) => {
                let id = *id;
                match &self.heap[id as usize] {
                    Obj::Bound { slf, func } => {
                        let (slf, func) = (slf.clone(), func.clone());
                        args.insert(0, slf);
                        self.call(func, args, kw)
                    }
                    Obj::Class(_) => self.instantiate(id, args, kw),
                    Obj::StaticMethod(inner) => {
                        let inner = inner.clone();
                        self.call(inner, args, kw)
                    }
                    Obj::Inst(_) => match self.lookup_class_attr(&f, sym::CALL) {
                        Some(m) => {
                            args.insert(0, f.clone());
                            self.call(m, args, kw)
                        }
                        None => {
                            let t = self.type_name(&f);
                            self.type_error(format!("'{}' object is not callable", t))
                        }
                    },
                    _ => {
                        let t = self.type_name(&f);
                        self.type_error(format!("'{}' object is not callable", t))
                    }
                }
            }
            _ => {
                let t = self.type_name(&f);
                self.type_error(format!("'{}' object is not callable", t))
            }
        }
    }

    /// Whether showing `v` with `which` (`__str__` or `__repr__`) runs a Python method (of `v`
    /// itself or, by `__repr__`, of what a container holds, looked at to a small depth): then
    /// print/str/repr go through the Python helpers.
    pub fn needs_py_repr(&self, v: &Value, which: Sym) -> bool {
        self.shows_py(v, which, 0)
    }

    fn shows_py(&self, v: &Value, which: Sym, depth: usize) -> bool {
        let Some(o) = self.get_opt(v) else {
            return false;
        };
        let inner = |e: &Value| self.shows_py(e, sym::REPR, depth + 1);
        match o {
            Obj::Inst(_) => self.py_str_method(v, which).is_some(),
            Obj::List(x) | Obj::Tuple(x) if depth < 3 => x.iter().take(1000).any(inner),
            Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) if depth < 3 => {
                d.iter().take(1000).any(|(k, x)| inner(k) || inner(x))
            }
            _ => false,
        }
    }

    /// A function of the `_proclab_py` prelude module.
    pub fn py_helper(&mut self, name: &str) -> R<Value> {
        let m = modules::import(self, "_proclab_py")?;
        let s = self.intern(name);
        self.getattr(&m, s)
    }

    /// Whether `f` is a builtin that drains an iterable argument at once (`sorted(gen)`).
    fn consumes_iterable(&self, f: &Value) -> bool {
        match f {
            Value::Builtin(b) => matches!(
                builtins::builtin_name(*b),
                "sorted"
                    | "sum"
                    | "min"
                    | "max"
                    | "any"
                    | "all"
                    | "join"
                    | "extend"
                    | "update"
                    | "fromkeys"
            ),
            Value::Obj(id) => match self.get(*id) {
                Obj::Class(c) => matches!(
                    c.tag,
                    Some(Tag::List | Tag::Tuple | Tag::Set | Tag::FrozenSet | Tag::Dict)
                ),
                _ => false,
            },
            _ => false,
        }
    }

    /// The Python function `str()` (`which` = STR, falling back to `__repr__`) or `repr()` would
    /// run for `v`, if it is user code.
    pub fn py_str_method(&self, v: &Value, which: Sym) -> Option<Value> {
        if !matches!(self.get_opt(v), Some(Obj::Inst(_))) {
            return None;
        }
        let is_py = |m: &Option<Value>| matches!(m, Some(Value::Obj(f)) if matches!(self.get(*f), Obj::Func(_)));
        let m = self.lookup_class_attr(v, which);
        if which == sym::STR && m.is_none() {
            let r = self.lookup_class_attr(v, sym::REPR);
            return if is_py(&r) { r } else { None };
        }
        if is_py(&m) {
            m
        } else {
            None
        }
    }

    /// The built-in type (other than `object`) that class `cls` is or derives from.
    pub fn builtin_base(&self, cls: u32) -> Option<Tag> {
        let Obj::Class(c) = &self.heap[cls as usize] else {
            return None;
        };
        c.mro.iter().find_map(|&m| match &self.heap[m as usize] {
            Obj::Class(k) => k.tag.filter(|t| *t != Tag::Object),
            _ => None,
        })
    }

    fn instantiate(&mut self, cls: u32, args: Vec<Value>, kw: Vec<(Sym, Value)>) -> R<Called> {
        // Built-in types (and user classes deriving from them) construct natively.
        if let Some(tag) = self.builtin_base(cls) {
            let is_builtin_type =
                matches!(&self.heap[cls as usize], Obj::Class(c) if c.tag.is_some());
            if is_builtin_type
                || !matches!(
                    tag,
                    Tag::List
                        | Tag::Dict
                        | Tag::Set
                        | Tag::Str
                        | Tag::Int
                        | Tag::Float
                        | Tag::Tuple
                        | Tag::FrozenSet
                )
            {
                return builtins::construct(self, tag, cls, args, kw).map(Called::Value);
            }
            // An immutable built-in's subclass with a Python `__new__` (which calls
            // `tuple.__new__(cls, ...)`) goes the general way below.
            let immutable = !matches!(tag, Tag::List | Tag::Dict | Tag::Set);
            let py_new = matches!(self.lookup_in_class(cls, sym::NEW), Some(Value::Obj(f))
                if matches!(self.get(f), Obj::Func(_) | Obj::StaticMethod(_)));
            if !(immutable && py_new) {
                return self.instantiate_subclass(cls, tag, args, kw);
            }
        }
        let is_exc = self.is_subclass(cls, self.exc_classes["BaseException"]);
        let marker = self.intern("__abstract_check__");
        if self.lookup_in_class(cls, marker).is_some() {
            self.check_abstract(cls)?;
        }
        // OSError(errno, ...) picks the subclass for the errno, as CPython does.
        let cls = match (cls == self.exc_classes["OSError"], args.first()) {
            (true, Some(Value::Int(n))) if args.len() >= 2 => {
                let sub = match n {
                    2 => "FileNotFoundError",
                    17 => "FileExistsError",
                    13 => "PermissionError",
                    3 => "ProcessLookupError",
                    10 => "ChildProcessError",
                    _ => "OSError",
                };
                self.exc_classes[sub]
            }
            _ => cls,
        };
        // A Python `__new__` (singletons, caches) makes the instance; `__init__` then runs only
        // if it returned an instance of the class, as CPython does.
        if !is_exc {
            let new_fn = match self.lookup_in_class(cls, sym::NEW) {
                Some(Value::Obj(f)) => match self.get(f) {
                    Obj::Func(_) => Some(Value::Obj(f)),
                    Obj::StaticMethod(g) => Some(g.clone()),
                    _ => None,
                },
                _ => None,
            };
            if let Some(new_fn) = new_fn {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(Value::Obj(cls));
                a.extend(args.iter().cloned());
                let inst = self.call_sync(new_fn, a, kw.clone())?;
                let is_ours = self
                    .class_id_of(&inst)
                    .map(|c| self.is_subclass(c, cls))
                    .unwrap_or(false);
                if !is_ours {
                    return Ok(Called::Value(inst));
                }
                return match self.lookup_in_class(cls, sym::INIT) {
                    Some(Value::Obj(fid)) if matches!(self.heap[fid as usize], Obj::Func(_)) => {
                        let mut a = Vec::with_capacity(args.len() + 1);
                        a.push(inst.clone());
                        a.extend(args);
                        let mut fr = self.bind(fid, a, kw)?;
                        fr.ret = Ret::Init(inst);
                        Ok(Called::Frame(fr))
                    }
                    _ => Ok(Called::Value(inst)),
                };
            }
        }
        let inst = if is_exc {
            let os_error = self.is_subclass(cls, self.exc_classes["OSError"]);
            if os_error && args.len() >= 3 && matches!(args[0], Value::Int(_)) {
                // OSError(errno, strerror, filename): args keep two, filename is an attribute.
                let e = self.make_exc(cls, args[..2].to_vec());
                let s = self.intern("filename");
                if let Some(Obj::Inst(i)) = e.obj().map(|id| &mut self.heap[id as usize]) {
                    i.attrs.push((s, args[2].clone()));
                }
                e
            } else {
                self.make_exc(cls, args.clone())
            }
        } else {
            self.alloc(Obj::Inst(Box::new(Inst {
                class: cls,
                attrs: vec![],
                exc: None,
            })))
        };
        let init = self.lookup_in_class(cls, sym::INIT);
        match init {
            Some(Value::Obj(fid)) if matches!(self.heap[fid as usize], Obj::Func(_)) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(inst.clone());
                a.extend(args);
                let mut fr = self.bind(fid, a, kw)?;
                fr.ret = Ret::Init(inst);
                Ok(Called::Frame(fr))
            }
            Some(Value::Builtin(b)) => {
                let mut a = vec![inst.clone()];
                a.extend(args);
                builtins::call_builtin(self, b, a, kw)?;
                Ok(Called::Value(inst))
            }
            _ => {
                if (!args.is_empty() || !kw.is_empty()) && !is_exc {
                    let n = self.class_name(cls);
                    return self.type_error(format!("{}() takes no arguments", n));
                }
                Ok(Called::Value(inst))
            }
        }
    }

    /// `abc`: a class with unimplemented `@abstractmethod`s cannot be instantiated.
    fn check_abstract(&mut self, cls: u32) -> R<()> {
        let flag = self.intern("__isabstractmethod__");
        let mro = match self.get(cls) {
            Obj::Class(c) => c.mro.clone(),
            _ => return Ok(()),
        };
        let mut seen = std::collections::HashSet::new();
        let mut missing = vec![];
        for &m in &mro {
            let attrs = match self.get(m) {
                Obj::Class(c) => c.attrs.clone(),
                _ => continue,
            };
            for (name, v) in attrs {
                if !seen.insert(name) {
                    continue;
                }
                let f = match self.get_opt(&v) {
                    Some(Obj::Property { fget, .. }) => fget.clone(),
                    _ => v.clone(),
                };
                if let Some(Obj::Func(func)) = self.get_opt(&f) {
                    if matches!(attr_get(&func.attrs, flag), Some(Value::Bool(true))) {
                        missing.push(self.syms.name(name).to_string());
                    }
                }
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        proclab_abi::sort_by(&mut missing, |a, b| a.cmp(b));
        let n = self.class_name(cls);
        let plural = if missing.len() == 1 { "" } else { "s" };
        self.type_error(format!(
            "Can't instantiate abstract class {} with abstract method{} {}",
            n,
            plural,
            missing.join(", ")
        ))
    }

    /// An instance of a user class deriving from a built-in type: a plain instance whose hidden
    /// `__payload__` holds the native value. Mutable payloads start empty and are filled by the
    /// type's `__init__` (directly, or via `super().__init__(...)` from a user `__init__`);
    /// immutable ones are made from the call's arguments, as `__new__` does.
    fn instantiate_subclass(
        &mut self,
        cls: u32,
        tag: Tag,
        args: Vec<Value>,
        kw: Vec<(Sym, Value)>,
    ) -> R<Called> {
        let mutable = matches!(tag, Tag::List | Tag::Dict | Tag::Set);
        let payload = if mutable {
            builtins::construct(self, tag, self.types[&tag], vec![], vec![])?
        } else {
            builtins::construct(self, tag, self.types[&tag], args.clone(), vec![])?
        };
        let inst = self.alloc(Obj::Inst(Box::new(Inst {
            class: cls,
            attrs: vec![(sym::PAYLOAD, payload)],
            exc: None,
        })));
        match self.lookup_in_class(cls, sym::INIT) {
            Some(Value::Obj(fid)) if matches!(self.heap[fid as usize], Obj::Func(_)) => {
                let mut a = Vec::with_capacity(args.len() + 1);
                a.push(inst.clone());
                a.extend(args);
                let mut fr = self.bind(fid, a, kw)?;
                fr.ret = Ret::Init(inst);
                Ok(Called::Frame(fr))
            }
            _ => {
                if mutable {
                    let mut a = vec![inst.clone()];
                    a.extend(args);
                    builtins::call_builtin(
                        self,
                        builtins::id_of("objectm.__payload_init__"),
                        a,
                        kw,
                    )?;
                }
                Ok(Called::Value(inst))
            }
        }
    }

    /// The native value of an instance of a subclass of a built-in type.
    pub fn payload(&self, v: &Value) -> Option<Value> {
        match self.get_opt(v) {
            Some(Obj::Inst(i)) if !i.attrs.is_empty() => attr_get(&i.attrs, sym::PAYLOAD).cloned(),
            _ => None,
        }
    }

    /// Calls `f` and runs any Python code it involves to completion (a nested dispatch loop).
    pub fn call_sync(&mut self, f: Value, args: Vec<Value>, kw: Vec<(Sym, Value)>) -> R<Value> {
        match self.call(f, args, kw)? {
            Called::Value(v) => Ok(v),
            Called::Frame(fr) => self.run_nested(fr),
        }
    }

    pub fn run_nested(&mut self, fr: Frame) -> R<Value> {
        if self.threads[self.cur].frames.len() + self.nested as usize > self.recursion_limit
            || self.nested as usize >= MAX_NESTED
        {
            return self.err("RecursionError", "maximum recursion depth exceeded");
        }
        let base = self.threads[self.cur].frames.len();
        self.threads[self.cur].frames.push(fr);
        self.nested += 1;
        // The caller's frame is not on the stack (its dispatch loop holds it): its module is
        // current again afterwards (`globals()`, `exec`).
        let caller_module = self.cur_module;
        let r = self.run_loop(base, MAX_CALLBACK_INSTRUCTIONS);
        self.cur_module = caller_module;
        self.nested -= 1;
        match r {
            Err(Flow::Budget) => {
                self.threads[self.cur].frames.truncate(base);
                self.err(
                    "RuntimeError",
                    format!(
                        "builtin callback ran for more than {} instructions",
                        MAX_CALLBACK_INSTRUCTIONS
                    ),
                )
            }
            Err(Flow::Sys(_)) => self.err(
                "RuntimeError",
                "blocking call inside a builtin callback is not supported",
            ),
            other => other,
        }
    }

    /// The frame of unfinished generator `gid`, resumed for one step (with the `None` a
    /// started generator's `yield` gives): its yield or return goes where `ret` says.
    fn resume_gen(&mut self, gid: u32, ret: Ret) -> R<Frame> {
        let Obj::Gen(g) = &mut self.heap[gid as usize] else {
            unreachable!("resume_gen of a non-generator")
        };
        let Some(mut fr) = g.frame.take() else {
            return self.err("ValueError", "generator already executing");
        };
        if g.started {
            fr.push(Value::None);
        }
        g.started = true;
        fr.ret = ret;
        fr.gen = Some(gid);
        Ok(fr)
    }

    /// Advances iterator `it` by one: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: &Value) -> R<Option<Value>> {
        let Value::Obj(id) = it else {
            let t = self.type_name(it);
            return self.type_error(format!("'{}' object is not an iterator", t));
        };
        let id = *id;
        match &mut self.heap[id as usize] {
            Obj::Iter(_) => ops::iter_next(self, id),
            Obj::Gen(g) => {
                if g.done {
                    return Ok(None);
                }
                let fr = self.resume_gen(id, Ret::GenNative)?;
                self.gen_returned = false;
                let v = self.run_nested(fr)?;
                if self.gen_returned {
                    self.gen_returned = false;
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            Obj::Inst(_) => match self.lookup_class_attr(it, sym::NEXT) {
                Some(m) => match self.call_sync(m, vec![it.clone()], vec![]) {
                    Ok(v) => Ok(Some(v)),
                    Err(Flow::Exc(e)) if self.exc_is(&e, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                },
                None => {
                    let t = self.type_name(it);
                    self.type_error(format!("'{}' object is not an iterator", t))
                }
            },
            _ => {
                let t = self.type_name(it);
                self.type_error(format!("'{}' object is not an iterator", t))
            }
        }
    }

    /// Collects an iterable into a Vec (running Python code as needed).
    pub fn collect(&mut self, v: &Value) -> R<Vec<Value>> {
        if let Value::Obj(id) = v {
            match &self.heap[*id as usize] {
                Obj::List(x) | Obj::Tuple(x) => return Ok(x.clone()),
                &Obj::Range { start, stop, step } if step != 0 => {
                    // Fail at once rather than after filling 256 MB one item at a time.
                    let span = (stop as i128 - start as i128) / step as i128;
                    ops::check_seq_size(self, span.clamp(0, u64::MAX as i128) as u64, 16)?;
                }
                _ => {}
            }
        }
        let it = self.get_iter(v)?;
        let mut out = vec![];
        while let Some(x) = self.next(&it)? {
            if out.len() as u64 >= ops::MAX_SEQ_BYTES / 16 {
                // `list(range(10**9))`: MemoryError before the worker runs out of memory.
                ops::check_seq_size(self, out.len() as u64 + 1, 16)?;
            }
            out.push(x);
        }
        Ok(out)
    }

    pub fn exc_is(&self, e: &Value, kind: &str) -> bool {
        match (self.class_id_of(e), self.exc_classes.get(kind)) {
            (Some(c), Some(&k)) => self.is_subclass(c, k),
            _ => false,
        }
    }

    // ----- the dispatch loop -----

    /// Runs frames from the top of the current thread's stack until the frame at depth `base`
    /// returns (its value is the result), the budget runs out, or a syscall/exit stops it.
    pub fn run_loop(&mut self, base: usize, budget: u64) -> R<Value> {
        let cur = self.cur;
        let mut frame = self.threads[cur].frames.pop().expect("a frame to run");
        let mut code = self.codes[frame.code as usize].clone();
        self.cur_module = frame.module;
        if let Some(e) = self.pending_exc.take() {
            self.set_context(&e);
            if let Some(r) = self.unwind(&mut frame, &mut code, e, base, true) {
                return r;
            }
        }
        // The budget counts instructions of nested loops too (builtin callbacks, imports), so a
        // run that did work inside a builtin yields right after it instead of overrunning.
        let end = self.icount.saturating_add(budget);
        loop {
            if self.icount >= end {
                self.threads[cur].frames.push(frame);
                return Err(Flow::Budget);
            }
            self.icount += 1;
            let op = *at(&code.ops, frame.pc as usize);
            frame.pc += 1;
            let res: R<()> = match op {
                Op::LoadFast(i) => {
                    let v = at(&frame.regs, i as usize);
                    if let Value::Undef = v {
                        let n = self.syms.rc(code.local_names[i as usize]);
                        Err(self.unbound(&n))
                    } else {
                        let v = v.dup();
                        frame.push(v);
                        Ok(())
                    }
                }
                Op::StoreFast(i) => {
                    let v = frame.pop();
                    std::mem::replace(at_mut(&mut frame.regs, i as usize), v).discard();
                    Ok(())
                }
                Op::LoadSmall(i) => {
                    frame.push(Value::Int(i as i64));
                    Ok(())
                }
                Op::LoadConst(i) => {
                    frame.push(at(&code.consts, i as usize).dup());
                    Ok(())
                }
                Op::LoadNone => {
                    frame.push(Value::None);
                    Ok(())
                }
                Op::LoadGlobal(slot) => {
                    let v = at(
                        &at(&self.modules, frame.module as usize).slots,
                        slot as usize,
                    );
                    if let Value::Undef = v {
                        let s = self.modules[frame.module as usize].table.names[slot as usize];
                        match self.builtins.get(&s) {
                            Some(b) => {
                                frame.push(b.clone());
                                Ok(())
                            }
                            None => Err(self.name_error(s, &code.local_names, frame.module)),
                        }
                    } else {
                        let v = v.dup();
                        frame.push(v);
                        Ok(())
                    }
                }
                Op::StoreGlobal(slot) => {
                    let v = frame.pop();
                    let module = at_mut(&mut self.modules, frame.module as usize);
                    std::mem::replace(at_mut(&mut module.slots, slot as usize), v).discard();
                    Ok(())
                }
                Op::Binary(k) | Op::InPlace(k) => {
                    let b = frame.pop();
                    let a = frame.pop();
                    // Small ints inline (nothing to drop); the rest, and overflow, in `ops`.
                    let fast = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => match k {
                            code::BinOpK::Add => x.checked_add(*y),
                            code::BinOpK::Sub => x.checked_sub(*y),
                            // Small factors skip the 128-bit overflow check (a call in wasm).
                            code::BinOpK::Mul
                                if (x.unsigned_abs() | y.unsigned_abs()) < 1 << 31 =>
                            {
                                Some(x * y)
                            }
                            code::BinOpK::Mul => x.checked_mul(*y),
                            code::BinOpK::Mod if *y > 0 && *x >= 0 => Some(x % y),
                            _ => None,
                        },
                        _ => None,
                    };
                    let r = match fast {
                        Some(z) => {
                            a.discard();
                            b.discard();
                            Ok(Value::Int(z))
                        }
                        None => ops::binary(self, k, a, b, matches!(op, Op::InPlace(_))),
                    };
                    match r {
                        Ok(v) => {
                            frame.push(v);
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::Compare(k) => {
                    let b = frame.pop();
                    let a = frame.pop();
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => Ok(match k {
                            code::CmpK::Eq => x == y,
                            code::CmpK::Ne => x != y,
                            code::CmpK::Lt => x < y,
                            code::CmpK::Le => x <= y,
                            code::CmpK::Gt => x > y,
                            code::CmpK::Ge => x >= y,
                        }),
                        _ => ops::compare(self, k, &a, &b),
                    };
                    a.discard();
                    b.discard();
                    match r {
                        Ok(v) => {
                            frame.push(Value::Bool(v));
                            Ok(())
                        }
                        Err(e) => Err(e),
                    }
                }
                Op::Jump(t) => {
                    frame.pc = t;
                    if memory::crossed() {
                        // Past the memory limit (at a loop's turn: every loop jumps back each
                        // turn): from now on the next instruction that allocates raises
                        // MemoryError, at its own line (after the match). Looking at the limit
                        // after every instruction cost a plain loop 8%.
                        self.allocs = MEM_WATCH;
                    }
                    Ok(())
                }
                Op::PopJumpIfFalse(t) => {
                    let v = frame.pop();
                    match v {
                        Value::Bool(false) => {
                            frame.pc = t;
                            Ok(())
                        }
                        Value::Bool(true) => Ok(()),
                        v => match self.truthy(&v) {
                            Ok(false) => {
                                frame.pc = t;
                                Ok(())
                            }
                            Ok(true) => Ok(()),
                            Err(e) => Err(e),
                        },
                    }
                }
                Op::PopJumpIfTrue(t) => {
                    let v = frame.pop();
                    match self.truthy(&v) {
                        Ok(true) => {
                            frame.pc = t;
                            Ok(())
                        }
                        Ok(false) => Ok(()),
                        Err(e) => Err(e),
                    }
                }
                Op::JumpIfFalseOrPop(t) => match self.truthy(frame.top()) {
                    Ok(false) => {
                        frame.pc = t;
                        Ok(())
                    }
                    Ok(true) => {
                        frame.pop();
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                Op::JumpIfTrueOrPop(t) => match self.truthy(frame.top()) {
                    Ok(true) => {
                        frame.pc = t;
                        Ok(())
                    }
                    Ok(false) => {
                        frame.pop();
                        Ok(())
                    }
                    Err(e) => Err(e),
                },
                Op::ForRange(exit) => {
                    let n = frame.regs.len();
                    if let (Value::Int(cur), Value::Int(stop), Value::Int(step)) = (
                        at(&frame.regs, n - 3),
                        at(&frame.regs, n - 2),
                        at(&frame.regs, n - 1),
                    ) {
                        let (cur, stop, step) = (*cur, *stop, *step);
                        if (step > 0 && cur < stop) || (step < 0 && cur > stop) {
                            let next = match cur.checked_add(step) {
                                Some(x) => x,
                                None => stop,
                            };
                            *at_mut(&mut frame.regs, n - 3) = Value::Int(next);
                            frame.push(Value::Int(cur));
                        } else {
                            frame.regs.truncate(n - 3);
                            frame.pc = exit;
                        }
                        Ok(())
                    } else {
                        // Not a range: `RangeSetup` left `[Undef, Undef, iterator]`.
                        let it = frame.regs[n - 1].clone();
                        match self.for_iter_generic(&mut frame, &it, exit) {
                            Ok(Some(newf)) => {
                                self.threads[cur]
                                    .frames
                                    .push(std::mem::replace(&mut frame, newf));
                                code = self.codes[frame.code as usize].clone();
                                Ok(())
                            }
                            Ok(None) => {
                                if frame.pc == exit {
                                    // exhausted: drop the two placeholders too
                                    let n = frame.regs.len();
                                    frame.regs.truncate(n - 2);
                                }
                                Ok(())
                            }
                            Err(e) => Err(e),
                        }
                    }
                }
                Op::ForIter(exit) => {
                    let it = frame.top().clone();
                    match self.for_iter_generic(&mut frame, &it, exit) {
                        Ok(Some(newf)) => {
                            self.threads[cur]
                                .frames
                                .push(std::mem::replace(&mut frame, newf));
                            code = self.codes[frame.code as usize].clone();
                            Ok(())
                        }
                        Ok(None) => Ok(()),
                        Err(e) => Err(e),
                    }
                }
                Op::Call(argc) => {
                    let n = frame.regs.len() - argc as usize;
                    let mut args = self.args_vec(at(&frame.regs, n - 1), argc as usize);
                    take_tail(&mut frame.regs, n, &mut args);
                    let f = frame.pop();
                    self.do_call(&mut frame, &mut code, f, args, vec![])
                }
                Op::CallMethod(argc) => {
                    // The stack: the function, `self` (Undef for a plain function), the args.
                    let n = frame.regs.len() - argc as usize;
                    let mut args = self.args_vec(at(&frame.regs, n - 2), argc as usize + 1);
                    let slf = std::mem::take(at_mut(&mut frame.regs, n - 1));
                    if !matches!(slf, Value::Undef) {
                        args.push(slf);
                    }
                    take_tail(&mut frame.regs, n, &mut args);
                    frame.pop();
                    let f = frame.pop();
                    self.do_call(&mut frame, &mut code, f, args, vec![])
                }
                Op::CallKw { argc, kw } => {
                    let names = &code.kwnames[kw as usize];
                    let n = frame.regs.len() - argc as usize;
                    let mut args: Vec<Value> = frame.regs.drain(n..).collect();
                    let kwv = args.split_off(args.len() - names.len());
                    let kws: Vec<(Sym, Value)> = names.iter().copied().zip(kwv).collect();
                    let f = frame.pop();
                    self.do_call(&mut frame, &mut code, f, args, kws)
                }
                Op::CallEx => {
                    let kwd = frame.pop();
                    let args = frame.pop();
                    let f = frame.pop();
                    let args = match self.get(args.obj().unwrap()) {
                        Obj::Tuple(v) => v.clone(),
                        _ => vec![],
                    };
                    let entries: Vec<(Value, Value)> = match kwd.obj().map(|d| self.get(d)) {
                        Some(Obj::Dict(d)) => d.iter().cloned().collect(),
                        _ => vec![],
                    };
                    let mut kws = Vec::with_capacity(entries.len());
                    let mut bad = false;
                    for (k, v) in entries {
                        match k {
                            Value::Str(s) => kws.push((self.syms.intern(&s), v)),
                            _ => bad = true,
                        }
                    }
                    if bad {
                        self.type_error("keywords must be strings")
                    } else {
                        self.do_call(&mut frame, &mut code, f, args, kws)
                    }
                }
                Op::Return => {
                    let v = frame.pop();
                    match self.do_return(&mut frame, &mut code, v, base) {
                        Some(r) => return r,
                        None => Ok(()),
                    }
                }
                Op::Yield => {
                    let v = frame.pop();
                    let gid = frame.gen.expect("yield outside generator");
                    let ret = std::mem::replace(&mut frame.ret, Ret::Normal);
                    if let Ret::GenNative = ret {
                        let g = std::mem::replace(&mut frame, empty_frame());
                        if let Obj::Gen(gen) = &mut self.heap[gid as usize] {
                            gen.frame = Some(g);
                        }
                        return Ok(v);
                    }
                    let caller = self.threads[cur].frames.pop().expect("generator caller");
                    let g = std::mem::replace(&mut frame, caller);
                    if let Obj::Gen(gen) = &mut self.heap[gid as usize] {
                        gen.frame = Some(g);
                    }
                    code = self.codes[frame.code as usize].clone();
                    self.cur_module = frame.module;
                    frame.push(v);
                    Ok(())
                }
                op => ops::exec(self, &mut frame, &code, op).and_then(|called| match called {
                    Some(newf) => self.push_frame(&mut frame, &mut code, newf),
                    None => Ok(()),
                }),
            };
            if let Err(flow) = res {
                match flow {
                    Flow::Exc(e) => {
                        let reraise =
                            matches!(code.ops[frame.pc as usize - 1], Op::Reraise | Op::Raise(0));
                        if !reraise {
                            self.set_context(&e);
                        }
                        if let Some(r) = self.unwind(&mut frame, &mut code, e, base, !reraise) {
                            return r;
                        }
                    }
                    Flow::Sys(call) => {
                        self.threads[cur].frames.push(frame);
                        return Err(Flow::Sys(call));
                    }
                    other => {
                        self.threads[cur].frames.push(frame);
                        return Err(other);
                    }
                }
            }
            if self.allocs > GC_EVERY {
                if self.allocs < MEM_WATCH {
                    if self.nested == 0 {
                        self.threads[cur].frames.push(frame);
                        self.gc();
                        frame = self.threads[cur].frames.pop().unwrap();
                    }
                } else if memory::crossed() {
                    // Unless collecting the garbage brings the process back under the limit.
                    self.threads[cur].frames.push(frame);
                    let e = self.memory_error();
                    frame = self.threads[cur].frames.pop().unwrap();
                    if let Some(e) = e {
                        self.set_context(&e);
                        if let Some(r) = self.unwind(&mut frame, &mut code, e, base, true) {
                            return r;
                        }
                    }
                } else if memory::over().is_none() {
                    // Back under the limit (memory freed, or a fork's child in its own worker):
                    // the collection by count resumes.
                    self.allocs = 0;
                }
            }
        }
    }

    /// See [`memory`]: collects garbage (when no nested loop runs, so that every live value is
    /// reachable from the roots) and returns the `MemoryError` to raise if still over the limit.
    #[cold]
    #[inline(never)]
    fn memory_error(&mut self) -> Option<Value> {
        if self.nested == 0 {
            self.gc();
        }
        let (used, limit) = memory::over()?;
        Some(self.new_exc("MemoryError", &memory::message(used, limit)))
    }

    /// NameError for `s`, with CPython's suggestion from the locals, globals and builtins.
    pub fn name_error(&mut self, s: Sym, locals: &[Sym], module: u32) -> Flow {
        let name = self.syms.rc(s);
        let e = self.new_exc("NameError", &format!("name '{}' is not defined", name));
        let mut sugg = suggest(&name, locals.iter().map(|&l| self.syms.name(l)));
        if sugg.is_none() {
            let m = &self.modules[module as usize];
            let names = m
                .table
                .names
                .iter()
                .zip(m.slots.iter())
                .filter(|e| !matches!(e.1, Value::Undef))
                .map(|e| self.syms.name(*e.0));
            sugg = suggest(&name, names);
        }
        if sugg.is_none() {
            let mut b: Vec<&str> = self.builtins.keys().map(|&k| self.syms.name(k)).collect();
            proclab_abi::sort_by(&mut b, |x, y| x.cmp(y));
            sugg = suggest(&name, b.into_iter());
        }
        self.set_suggestion(&e, sugg);
        Flow::Exc(e)
    }

    pub fn set_suggestion(&mut self, e: &Value, sugg: Option<String>) {
        if let Some(Obj::Inst(i)) = e.obj().map(|id| &mut self.heap[id as usize]) {
            if let Some(x) = &mut i.exc {
                x.suggestion = sugg;
            }
        }
    }

    fn unbound(&mut self, name: &str) -> Flow {
        let e = self.new_exc(
            "UnboundLocalError",
            &format!(
                "cannot access local variable '{}' where it is not associated with a value",
                name
            ),
        );
        Flow::Exc(e)
    }

    fn push_frame(&mut self, frame: &mut Frame, code: &mut Rc<Code>, newf: Frame) -> R<()> {
        let limit = self.recursion_limit;
        let frames = &mut at_mut(&mut self.threads, self.cur).frames;
        // As CPython's count: the module's frame and 999 more at the default limit.
        if frames.len() + self.nested as usize + 1 >= limit {
            return self.err("RecursionError", "maximum recursion depth exceeded");
        }
        if memory::crossed() {
            // Past the memory limit at a call (recursion allocates without looping): see the
            // loops' `Op::Jump`.
            self.allocs = MEM_WATCH;
        }
        let old = std::mem::replace(frame, newf);
        frames.push(old);
        *code = at(&self.codes, frame.code as usize).clone();
        self.cur_module = frame.module;
        Ok(())
    }

    fn do_call(
        &mut self,
        frame: &mut Frame,
        code: &mut Rc<Code>,
        f: Value,
        args: Vec<Value>,
        kw: Vec<(Sym, Value)>,
    ) -> R<()> {
        // A Python function straight to its frame (what `call` does first, without wrapping
        // the frame in `Called` on the way).
        if let Value::Obj(id) = f {
            if let Obj::Func(_) = self.get(id) {
                let fr = self.bind(id, args, kw)?;
                if fr.code == u32::MAX {
                    frame.push(Value::Obj(fr.gen.unwrap()));
                    return Ok(());
                }
                return self.push_frame(frame, code, fr);
            }
        }
        match self.call(f, args, kw)? {
            Called::Value(v) => {
                frame.push(v);
                Ok(())
            }
            Called::Frame(fr) => self.push_frame(frame, code, fr),
        }
    }

    /// Handles a frame's return. Returns `Some` when the loop must stop.
    fn do_return(
        &mut self,
        frame: &mut Frame,
        code: &mut Rc<Code>,
        v: Value,
        base: usize,
    ) -> Option<R<Value>> {
        let cur = self.cur;
        if let Some(g) = frame.gen {
            if let Obj::Gen(gen) = self.get_mut(g) {
                gen.done = true;
            }
        }
        let ret = std::mem::replace(&mut frame.ret, Ret::Normal);
        let result = match ret {
            Ret::Normal | Ret::Discard | Ret::IterNext(_) | Ret::NextOr(_) => v,
            Ret::GenNext(Some(default)) => default,
            Ret::GenNext(None) => {
                let args = if v.is_none() { vec![] } else { vec![v] };
                let cls = self.exc_classes["StopIteration"];
                let e = self.make_exc(cls, args);
                return self.raise_in_caller(frame, code, e, base);
            }
            Ret::Init(inst) => {
                if !v.is_none() {
                    let t = self.type_name(&v);
                    let e = self.new_exc(
                        "TypeError",
                        &format!("__init__() should return None, not '{}'", t),
                    );
                    return self.raise_in_caller(frame, code, e, base);
                }
                inst
            }
            Ret::ForIter(exit) => {
                self.gen_return = v;
                if self.threads[cur].frames.len() == base {
                    return Some(Ok(Value::None));
                }
                *frame = self.threads[cur].frames.pop().unwrap();
                *code = self.codes[frame.code as usize].clone();
                self.cur_module = frame.module;
                frame.pop();
                if let Op::ForRange(_) = code.ops[frame.pc as usize - 1] {
                    let n = frame.regs.len();
                    frame.regs.truncate(n - 2);
                }
                frame.pc = exit;
                return None;
            }
            Ret::GenNative => {
                self.gen_returned = true;
                v
            }
            Ret::Truth(negate) => match self.truthy(&v) {
                Ok(b) => Value::Bool(b != negate),
                Err(Flow::Exc(e)) => {
                    return self.raise_in_caller(frame, code, e, base);
                }
                Err(other) => return Some(Err(other)),
            },
            Ret::ClassBody { bases, ns } => match ops::make_class(self, frame, bases, ns) {
                Ok(c) => c,
                Err(Flow::Exc(e)) => {
                    return self.raise_in_caller(frame, code, e, base);
                }
                Err(other) => return Some(Err(other)),
            },
        };
        let frames = &mut at_mut(&mut self.threads, cur).frames;
        if frames.len() == base {
            return Some(Ok(result));
        }
        let Some(caller) = frames.pop() else {
            unreachable!("a frame below `base`")
        };
        let done = std::mem::replace(frame, caller);
        self.recycle(done.regs);
        *code = at(&self.codes, frame.code as usize).clone();
        self.cur_module = frame.module;
        frame.push(result);
        None
    }

    /// A returning frame's call raises `e` instead (its `Ret` says so): in its caller, or out
    /// of the loop when the caller is below `base`.
    fn raise_in_caller(
        &mut self,
        frame: &mut Frame,
        code: &mut Rc<Code>,
        e: Value,
        base: usize,
    ) -> Option<R<Value>> {
        let frames = &mut at_mut(&mut self.threads, self.cur).frames;
        if frames.len() == base {
            return Some(Err(Flow::Exc(e)));
        }
        *frame = frames.pop().expect("a frame above `base`");
        *code = self.codes[frame.code as usize].clone();
        self.cur_module = frame.module;
        self.unwind(frame, code, e, base, true)
    }

    /// Keeps a returned frame's locals vector (emptied) for a later call.
    #[inline]
    fn recycle(&mut self, mut regs: Vec<Value>) {
        if self.spare_regs.len() < MAX_SPARE_REGS {
            regs.clear();
            self.spare_regs.push(regs);
        }
    }

    /// A vector for the arguments of a call to `f` (on the stack at `args`): a spare one when
    /// `f` is a Python function, whose frame will keep it as its locals (see `bind`).
    #[inline]
    fn args_vec(&mut self, f: &Value, len: usize) -> Vec<Value> {
        let is_func = f
            .obj()
            .is_some_and(|id| matches!(self.heap[id as usize], Obj::Func(_)));
        if is_func {
            if let Some(v) = self.spare_regs.pop() {
                return v;
            }
        }
        Vec::with_capacity(len)
    }

    /// Propagates exception `e` from `frame`: to a handler (returns None, dispatch continues)
    /// or out of the frame at `base` (returns the error).
    fn unwind(
        &mut self,
        frame: &mut Frame,
        code: &mut Rc<Code>,
        e: Value,
        base: usize,
        add_tb: bool,
    ) -> Option<R<Value>> {
        let cur = self.cur;
        if add_tb {
            self.add_tb(&e, frame);
        }
        loop {
            while let Some(b) = frame.blocks.pop() {
                if b.kind == 1 {
                    self.threads[cur].exc_stack.pop();
                    continue;
                }
                frame.regs.truncate(b.depth as usize);
                frame.blocks.push(Block {
                    kind: 1,
                    handler: 0,
                    depth: b.depth,
                });
                self.threads[cur].exc_stack.push(e.clone());
                frame.push(e);
                frame.pc = b.handler;
                return None;
            }
            if let Some(g) = frame.gen {
                if let Obj::Gen(gen) = &mut self.heap[g as usize] {
                    gen.done = true;
                }
            }
            if self.threads[cur].frames.len() == base {
                return Some(Err(Flow::Exc(e)));
            }
            let stop_loop = match frame.ret {
                Ret::IterNext(exit) if self.exc_is(&e, "StopIteration") => Some(exit),
                _ => None,
            };
            let default = match &frame.ret {
                Ret::NextOr(d) if self.exc_is(&e, "StopIteration") => Some(d.clone()),
                _ => None,
            };
            *frame = self.threads[cur].frames.pop().unwrap();
            *code = self.codes[frame.code as usize].clone();
            self.cur_module = frame.module;
            if let Some(d) = default {
                frame.push(d);
                return None;
            }
            if let Some(exit) = stop_loop {
                // The iterator is exhausted: pop it (and a range loop's placeholders).
                frame.pop();
                if let Op::ForRange(_) = code.ops[frame.pc as usize - 1] {
                    let n = frame.regs.len();
                    frame.regs.truncate(n - 2);
                }
                frame.pc = exit;
                return None;
            }
            self.add_tb(&e, frame);
        }
    }

    /// One step of a `for` loop over a non-range iterator. Returns a generator frame to switch
    /// to, or None (value pushed, or exhausted: iterator popped and pc set to `exit`).
    /// Whether a `for` loop steps iterator `it` as frames (a generator, or an object with a
    /// Python `__next__`): such a step may block.
    pub fn steps_as_frames(&self, it: &Value) -> bool {
        match self.get_opt(it) {
            Some(Obj::Gen(_)) => true,
            Some(Obj::Inst(_)) => self
                .lookup_class_attr(it, sym::NEXT)
                .is_some_and(|m| matches!(self.get_opt(&m), Some(Obj::Func(_)))),
            _ => false,
        }
    }

    fn for_iter_generic(&mut self, frame: &mut Frame, it: &Value, exit: u32) -> R<Option<Frame>> {
        if let Value::Obj(id) = it {
            if let Obj::Gen(g) = &mut self.heap[*id as usize] {
                if g.done {
                    frame.pop();
                    frame.pc = exit;
                    return Ok(None);
                }
                return self.resume_gen(*id, Ret::ForIter(exit)).map(Some);
            }
            // An object with a Python `__next__`: called as a frame (it may block); its
            // StopIteration ends the loop (see `Ret::IterNext`).
            if let Obj::Inst(_) = &self.heap[*id as usize] {
                if let Some(m) = self.lookup_class_attr(it, sym::NEXT) {
                    if matches!(self.get_opt(&m), Some(Obj::Func(_))) {
                        return match self.call(m, vec![it.clone()], vec![])? {
                            Called::Value(v) => {
                                frame.push(v);
                                Ok(None)
                            }
                            Called::Frame(mut fr) => {
                                fr.ret = Ret::IterNext(exit);
                                Ok(Some(fr))
                            }
                        };
                    }
                }
            }
            // map() with a Python function: the call runs as a frame whose return value is
            // the loop's next item (so the function may block).
            if let Obj::Iter(st) = &self.heap[*id as usize] {
                if let value::IterState::Map { f, its } = &**st {
                    if matches!(self.get_opt(f), Some(Obj::Func(_))) {
                        let (f, its) = (f.clone(), its.clone());
                        let mut args = Vec::with_capacity(its.len());
                        for sub in &its {
                            match self.next(sub)? {
                                Some(v) => args.push(v),
                                None => {
                                    frame.pop();
                                    frame.pc = exit;
                                    return Ok(None);
                                }
                            }
                        }
                        return match self.call(f, args, vec![])? {
                            Called::Value(v) => {
                                frame.push(v);
                                Ok(None)
                            }
                            Called::Frame(fr) => Ok(Some(fr)),
                        };
                    }
                }
            }
        }
        match self.next(it)? {
            Some(v) => frame.push(v),
            None => {
                self.gen_return = Value::None;
                frame.pop();
                frame.pc = exit;
            }
        }
        Ok(None)
    }
}

/// The outcome of [`Vm::call`].
pub enum Called {
    Value(Value),
    Frame(Frame),
}

pub fn empty_frame() -> Frame {
    Frame {
        code: u32::MAX,
        pc: 0,
        regs: vec![],
        cells: vec![],
        blocks: vec![],
        module: 0,
        ns: None,
        ret: Ret::Normal,
        gen: None,
    }
}

/// CPython's "Did you mean" choice: the candidate at the smallest Levenshtein distance
/// (moves cost 2, case changes 1) within `(len(a) + len(b) + 3) * 2 / 6`.
pub fn suggest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    const MOVE: usize = 2;
    fn sub_cost(a: u8, b: u8) -> usize {
        if (a & 31) != (b & 31) {
            return MOVE;
        }
        if a == b {
            return 0;
        }
        if a.eq_ignore_ascii_case(&b) {
            1
        } else {
            MOVE
        }
    }
    fn dist(a: &[u8], b: &[u8], max: usize) -> usize {
        if a.len() > 40 || b.len() > 40 {
            return max + 1;
        }
        let mut row: Vec<usize> = (0..=b.len()).map(|j| j * MOVE).collect();
        for i in 1..=a.len() {
            let mut prev = row[0];
            row[0] = i * MOVE;
            let mut best = row[0];
            for j in 1..=b.len() {
                let cur = row[j];
                row[j] = (prev + sub_cost(a[i - 1], b[j - 1]))
                    .min(cur + MOVE)
                    .min(row[j - 1] + MOVE);
                prev = cur;
                best = best.min(row[j]);
            }
            if best > max {
                return max + 1;
            }
        }
        row[b.len()]
    }
    let mut best: Option<(usize, &str)> = None;
    for (k, c) in candidates.enumerate() {
        if k > 750 {
            break;
        }
        if c == name {
            continue;
        }
        let mut max = (name.len() + c.len() + 3) * MOVE / 6;
        if let Some((d, _)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = dist(name.as_bytes(), c.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.map(|b| d < b.0).unwrap_or(true) {
            best = Some((d, c));
        }
    }
    best.map(|b| b.1.to_string())
}

fn join_names(v: &[String]) -> String {
    match v.len() {
        0 => String::new(),
        1 => v[0].clone(),
        2 => format!("{} and {}", v[0], v[1]),
        _ => format!("{}, and {}", v[..v.len() - 1].join(", "), v[v.len() - 1]),
    }
}

/// Symbols interned first, at fixed indices, so the VM can name them without a lookup.
pub mod sym {
    use super::Sym;
    pub const PRE: &[&str] = &[
        "__init__",
        "__str__",
        "__repr__",
        "__eq__",
        "__hash__",
        "__len__",
        "__iter__",
        "__next__",
        "__getitem__",
        "__setitem__",
        "__contains__",
        "__call__",
        "__enter__",
        "__exit__",
        "__lt__",
        "__le__",
        "__gt__",
        "__ge__",
        "__bool__",
        "args",
        "__name__",
        "__class__",
        "__dict__",
        "__getattr__",
        "__delitem__",
        "__add__",
        "__sub__",
        "__mul__",
        "__truediv__",
        "__ne__",
        "__qualname__",
        "__module__",
        "__doc__",
        "__format__",
        "__radd__",
        "__neg__",
        "__mod__",
        "__floordiv__",
        "__setattr__",
        "__new__",
        "__main__",
        "__file__",
        "__payload__",
        "__missing__",
    ];
    pub const INIT: Sym = 0;
    pub const STR: Sym = 1;
    pub const REPR: Sym = 2;
    pub const EQ: Sym = 3;
    pub const HASH: Sym = 4;
    pub const LEN: Sym = 5;
    pub const ITER: Sym = 6;
    pub const NEXT: Sym = 7;
    pub const GETITEM: Sym = 8;
    pub const SETITEM: Sym = 9;
    pub const CONTAINS: Sym = 10;
    pub const CALL: Sym = 11;
    pub const ENTER: Sym = 12;
    pub const EXIT: Sym = 13;
    pub const LT: Sym = 14;
    pub const LE: Sym = 15;
    pub const GT: Sym = 16;
    pub const GE: Sym = 17;
    pub const BOOL: Sym = 18;
    pub const ARGS: Sym = 19;
    pub const NAME: Sym = 20;
    pub const CLASS: Sym = 21;
    pub const DICT: Sym = 22;
    pub const GETATTR: Sym = 23;
    pub const DELITEM: Sym = 24;
    pub const ADD: Sym = 25;
    pub const SUB: Sym = 26;
    pub const MUL: Sym = 27;
    pub const TRUEDIV: Sym = 28;
    pub const NE: Sym = 29;
    pub const QUALNAME: Sym = 30;
    pub const MODULE: Sym = 31;
    pub const DOC: Sym = 32;
    pub const FORMAT: Sym = 33;
    pub const RADD: Sym = 34;
    pub const NEG: Sym = 35;
    pub const MOD: Sym = 36;
    pub const FLOORDIV: Sym = 37;
    pub const SETATTR: Sym = 38;
    pub const NEW: Sym = 39;
    pub const MAIN: Sym = 40;
    pub const FILE: Sym = 41;
    /// Hidden attribute of an instance of a user subclass of a built-in type (`class
    /// Inventory(dict)`): the native value (dict, list, str...) the built-in behaviour acts on.
    pub const PAYLOAD: Sym = 42;
    pub const MISSING: Sym = 43;
}

#[cfg(test)]
mod tests {
    use super::{take_tail, Value};
    use std::rc::Rc;

    /// `take_tail` moves the top values, in order, each keeping exactly one owner.
    #[test]
    fn take_tail_moves_the_top_values() {
        let s: Rc<str> = Rc::from("shared");
        let mut stack = vec![Value::Int(1), Value::Str(s.clone()), Value::Int(3)];
        let mut args = vec![Value::Int(0)];
        take_tail(&mut stack, 1, &mut args);
        assert_eq!(stack.len(), 1);
        assert!(matches!(
            args[..],
            [Value::Int(0), Value::Str(_), Value::Int(3)]
        ));
        assert_eq!(Rc::strong_count(&s), 2);
        drop(args);
        assert_eq!(Rc::strong_count(&s), 1);
        take_tail(&mut stack, 1, &mut Vec::new());
        assert_eq!(stack.len(), 1);
    }
}
