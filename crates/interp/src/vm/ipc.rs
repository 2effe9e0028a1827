//! The `_proclab` builtins for the kernel's shared objects (queues, pipes, locks, events,
//! conditions, barriers, shared memory, the manager's requests) and shared files, plus the
//! conversion of their replies (see [`resume`]).
//!
//! The Python side (`prelude/_mp_*.py`) builds CPython's classes on these calls. Most calls are
//! one syscall whose reply becomes the call's value. Some need more than one syscall (an
//! `Array` item store is load + store; a manager request is put + get) or must run where the VM
//! calls a special method for an instruction (a property getter for `Value.value`, `__getitem__`
//! for `arr[i]`, `__setitem__`): those are native functions that return their first syscall with a
//! [`Post`] saying what to do with its reply — issue the next syscall, push a value, or push
//! nothing (a setter's result is not on the VM stack). This keeps them resumable: no Python code
//! runs in a nested loop while they wait.

use super::builtins::{int_of, Args};
use super::modules::{self, ReplyMap};
use super::pickle;
use super::value::*;
use super::{Flow, Vm, R};
use proclab_abi::{Handle, Item, ObjKind, QueueQuery, Reply, Syscall};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// What to do with the reply of a syscall issued by this module.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Post {
    /// Push the reply (an `Item` unpickled) as the call's value.
    Value,
    /// Push nothing: the call was a setter (`__setitem__`, property setter, `__setattr__`).
    Discard,
    /// Unpickle a sequence and push `seq[idx]` (`arr[i]`, `arr[:]`).
    Index(Value),
    /// Ignore the reply (unless an error) and issue `next`, then apply `post` to its reply.
    Then(Box<Syscall>, Box<Post>),
    /// Unpickle a sequence, store `v` at `idx`, then store the sequence back into cell `h` and
    /// release `lock` (if any). The lock was acquired by the first step.
    SetIndex {
        h: Handle,
        idx: Value,
        v: Value,
        lock: Option<Handle>,
    },
    /// A manager reply `(ok, value)`: push what `ret` says, or raise the error.
    Mgr {
        ret: MgrRet,
    },
    /// The pid of this process, to pick (or create) its manager reply queue; then send `req`.
    MgrPid {
        server: Handle,
        req: Value,
        ret: MgrRet,
    },
    /// A reply queue was just created for process `pid`; remember it, then send `req`.
    MgrNewReply {
        pid: i64,
        server: Handle,
        req: Value,
        ret: MgrRet,
    },
    /// `open()` for reading: the file's text becomes a file object.
    Open {
        path: String,
        mode: String,
    },
    /// `os.listdir()`: one name per line.
    ListDir(String),
    /// `os.path.exists(path)` from the listing.
    Exists(String),
    /// `os.path.isdir(path)` / `os.path.isfile(path)` from the listing.
    IsDir(String),
    IsFile(String),
    /// `os.path.getsize(path)` from the file's text: its UTF-8 length.
    Size,
    /// Internal: a syscall to return from the next `run` (the next step of a chain).
    Issue(Box<Syscall>, Box<Post>),
}

/// What a manager request's caller gets.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum MgrRet {
    /// The referent method's result.
    Value,
    /// Nothing (a setter).
    Discard,
    /// This value (`proxy += x` evaluates to the proxy).
    This(Value),
}

fn sys_then(vm: &mut Vm, call: Syscall, post: Post) -> R<Value> {
    if let Some(ReplyMap::Ipc(Post::Issue(first, first_post))) = vm.reply_map.take() {
        // A deferred syscall (see `close_deferred`) goes first; its reply is dropped.
        let _ = first_post;
        vm.reply_map = Some(ReplyMap::Ipc(Post::Then(Box::new(call), Box::new(post))));
        return Err(Flow::Sys(*first));
    }
    vm.reply_map = Some(ReplyMap::Ipc(post));
    Err(Flow::Sys(call))
}

/// `file.__exit__` while an exception unwinds the with-block: the VM calls it where it cannot
/// wait for a reply, so the file is closed now and its buffer is sent by the next `run` (or
/// before the next shared-object syscall).
pub fn close_deferred(vm: &mut Vm, f: &Value) -> R<Value> {
    let fo = match f.obj().map(|id| (id, vm.get(id))) {
        Some((id, Obj::File(fo))) if !fo.closed && !fo.path.starts_with('<') => {
            let fo = (**fo).clone();
            if let Obj::File(x) = vm.get_mut(id) {
                x.closed = true;
            }
            fo
        }
        _ => return Ok(Value::Bool(false)),
    };
    if vm.reply_map.is_none() {
        if let Some(call) = flush_file(vm, &fo) {
            issue(vm, call, Post::Discard);
        }
    }
    Ok(Value::Bool(false))
}

/// The next syscall of a chain, if the last reply started one: `Interp::run` returns it before
/// running any instruction.
pub fn take_issue(vm: &mut Vm) -> Option<Syscall> {
    if let Some(ReplyMap::Ipc(Post::Issue(..))) = &vm.reply_map {
        if let Some(ReplyMap::Ipc(Post::Issue(call, post))) = vm.reply_map.take() {
            vm.reply_map = Some(ReplyMap::Ipc(*post));
            return Some(*call);
        }
    }
    None
}

/// The exception for an error reply: `queue.Empty`/`queue.Full` and
/// `threading.BrokenBarrierError` are the library's classes; others are builtins.
pub fn error_value(vm: &mut Vm, kind: &str, msg: &str) -> Value {
    if let Some((module, name)) = kind.split_once('.') {
        let module = if module == "threading" {
            "multiprocessing.synchronize"
        } else {
            module
        };
        if let Ok(m) = modules::import(vm, module) {
            let s = vm.intern(name);
            if let Ok(Some(c)) = vm.getattr_opt(&m, s) {
                if let Some(id) = c.obj() {
                    let args = if msg.is_empty() {
                        vec![]
                    } else {
                        vec![Value::str(msg)]
                    };
                    return vm.make_exc(id, args);
                }
            }
        }
    }
    vm.new_exc(kind, msg)
}

/// Decodes an `Item` reply; a broken pickle raises.
pub fn item_value(vm: &mut Vm, item: &Item) -> Value {
    match pickle::loads(vm, &item.bytes) {
        Ok(v) => v,
        Err(Flow::Exc(e)) => {
            vm.pending_exc = Some(e);
            Value::None
        }
        Err(_) => Value::None,
    }
}

fn push(vm: &mut Vm, v: Value) {
    if let Some(f) = vm.threads[vm.cur].frames.last_mut() {
        f.regs.push(v);
    }
}

/// A reply's value (`Reply::Error` gives `None`: the caller raises it).
pub(crate) fn plain(vm: &mut Vm, reply: Reply) -> Value {
    match reply {
        Reply::None => Value::None,
        Reply::Int(i) => Value::Int(i),
        Reply::Float(f) => Value::Float(f),
        Reply::Bool(b) => Value::Bool(b),
        Reply::ExitCode(c) => c.map(|c| Value::Int(c as i64)).unwrap_or(Value::None),
        Reply::Text(t) => Value::str(&t),
        // A host answers the lent items' gets itself (`Reply::Lease`).
        Reply::Item(i) | Reply::Lease { first: i, .. } => item_value(vm, &i),
        Reply::Items(items) => {
            let vs = items.iter().map(|i| item_value(vm, i)).collect();
            vm.new_list(vs)
        }
        Reply::Error { .. } => Value::None,
    }
}

fn issue(vm: &mut Vm, call: Syscall, post: Post) {
    vm.reply_map = Some(ReplyMap::Ipc(Post::Issue(Box::new(call), Box::new(post))));
}

fn raise(vm: &mut Vm, r: R<()>) {
    if let Err(Flow::Exc(e)) = r {
        vm.pending_exc = Some(e);
    }
}

/// Applies `post` to the reply of a syscall issued by this module (called by `Interp::resume`).
pub fn resume(vm: &mut Vm, post: Post, reply: Reply) {
    if let (Post::Open { mode, .. }, Reply::Error { kind, .. }) = (&post, &reply) {
        if mode.contains('a') && kind == "FileNotFoundError" {
            // 'a+' creates the file.
            return resume(vm, post, Reply::Text(String::new()));
        }
    }
    if let Reply::Error { kind, msg } = &reply {
        let e = error_value(vm, kind, msg);
        vm.pending_exc = Some(e);
        return;
    }
    match post {
        Post::Value | Post::Issue(..) => {
            let v = plain(vm, reply);
            push(vm, v);
        }
        Post::Discard => {}
        Post::Then(next, post) => issue(vm, *next, *post),
        Post::Index(idx) => {
            let seq = plain(vm, reply);
            match vm.subscr(&seq, &idx) {
                Ok(v) => push(vm, v),
                Err(e) => raise(vm, Err(e)),
            }
        }
        Post::SetIndex { h, idx, v, lock } => {
            let seq = plain(vm, reply);
            let r = (|| -> R<Item> {
                vm.store_subscr(&seq, &idx, v)?;
                pickle::item(vm, &seq)
            })();
            match r {
                Ok(item) => {
                    let after = match lock {
                        Some(l) => {
                            Post::Then(Box::new(Syscall::Release { h: l }), Box::new(Post::Discard))
                        }
                        None => Post::Discard,
                    };
                    issue(vm, Syscall::Store { h, item }, after);
                }
                Err(e) => raise(vm, Err(e)),
            }
        }
        Post::Mgr { ret } => {
            let v = plain(vm, reply);
            if vm.pending_exc.is_some() {
                return;
            }
            let (ok, val) = match vm.get_opt(&v) {
                Some(Obj::Tuple(t)) if t.len() == 2 => {
                    (matches!(t[0], Value::Bool(true)), t[1].clone())
                }
                _ => (false, vm.new_exc("RuntimeError", "bad manager reply")),
            };
            match (ok, ret) {
                (false, _) => vm.pending_exc = Some(val),
                (true, MgrRet::Value) => push(vm, val),
                (true, MgrRet::This(v)) => push(vm, v),
                (true, MgrRet::Discard) => {}
            }
        }
        Post::MgrPid { server, req, ret } => {
            let pid = match reply {
                Reply::Int(p) => p,
                _ => 0,
            };
            match reply_queue(vm) {
                Some((p, h)) if p == pid => mgr_send(vm, server, h, req, ret),
                _ => issue(
                    vm,
                    Syscall::Create {
                        kind: ObjKind::Queue {
                            maxsize: 0,
                            joinable: false,
                        },
                        label: format!("manager-reply-{}", pid),
                    },
                    Post::MgrNewReply {
                        pid,
                        server,
                        req,
                        ret,
                    },
                ),
            }
        }
        Post::MgrNewReply {
            pid,
            server,
            req,
            ret,
        } => {
            let h = match reply {
                Reply::Int(h) => h as Handle,
                _ => 0,
            };
            if let Some(&m) = vm.module_by_name.get("multiprocessing.managers") {
                let t = vm.new_tuple(vec![Value::Int(pid), Value::Int(h as i64)]);
                modules::set_global(vm, m, "_reply", t);
            }
            mgr_send(vm, server, h, req, ret);
        }
        Post::Open { path, mode } => {
            let text = match reply {
                Reply::Text(t) => t,
                _ => String::new(),
            };
            if mode.contains('x') {
                // The reply is the listing: exclusive creation fails on an existing file.
                if text.lines().any(|l| l == path) {
                    let e = vm.new_exc(
                        "FileExistsError",
                        &format!("[Errno 17] File exists: {}", super::format::str_repr(&path)),
                    );
                    vm.pending_exc = Some(e);
                    return;
                }
                vm.vfs.remove(&path);
            } else {
                vm.vfs.insert(path.clone(), text);
            }
            match modules::open_file(vm, &path, &mode) {
                Ok(f) => push(vm, f),
                Err(e) => raise(vm, Err(e)),
            }
        }
        Post::ListDir(dir) => {
            // The listing holds every path; keep the first component below `dir`.
            let dir = dir.trim_start_matches("./").trim_end_matches('/');
            let prefix = if dir.is_empty() || dir == "." {
                String::new()
            } else {
                format!("{dir}/")
            };
            let mut names: Vec<String> = Vec::new();
            if let Reply::Text(t) = reply {
                for l in t.lines() {
                    let Some(rest) = l.strip_prefix(&prefix) else {
                        continue;
                    };
                    let name = rest.split('/').next().unwrap_or("");
                    if !name.is_empty() && !names.iter().any(|n| n == name) {
                        names.push(name.to_string());
                    }
                }
            }
            let names = names.iter().map(|n| Value::str(n)).collect();
            let l = vm.new_list(names);
            push(vm, l);
        }
        Post::IsDir(p) => {
            let p = p.trim_start_matches("./").trim_end_matches('/');
            let found = p.is_empty()
                || p == "."
                || match reply {
                    Reply::Text(t) => t.lines().any(|l| l.starts_with(&format!("{p}/"))),
                    _ => false,
                };
            push(vm, Value::Bool(found));
        }
        Post::IsFile(p) => {
            let p = p.trim_start_matches("./");
            let found = matches!(reply, Reply::Text(t) if t.lines().any(|l| l == p));
            push(vm, Value::Bool(found));
        }
        Post::Size => {
            let n = match reply {
                Reply::Text(t) => t.len(),
                _ => 0,
            };
            push(vm, Value::Int(n as i64));
        }
        Post::Exists(p) => {
            let found = match reply {
                Reply::Text(t) => t
                    .lines()
                    .any(|l| l == p || l.starts_with(&format!("{}/", p))),
                _ => false,
            };
            push(vm, Value::Bool(found));
        }
    }
}

/// This process's manager reply queue `(pid, handle)`, if one was made.
fn reply_queue(vm: &Vm) -> Option<(i64, Handle)> {
    let &m = vm.module_by_name.get("multiprocessing.managers")?;
    let s = *vm.syms.map.get("_reply")?;
    match vm.get_opt(vm.modules[m as usize].global(s)?) {
        Some(Obj::Tuple(t)) => match (&t[0], &t[1]) {
            (Value::Int(p), Value::Int(h)) => Some((*p, *h as Handle)),
            _ => None,
        },
        _ => None,
    }
}

fn mgr_send(vm: &mut Vm, server: Handle, reply: Handle, req: Value, ret: MgrRet) {
    // The request is `(reply_handle, ident, method, args, kwargs)`, pickled now.
    let full = match vm.get_opt(&req) {
        Some(Obj::Tuple(t)) => {
            let mut t = t.clone();
            t.insert(0, Value::Int(reply as i64));
            vm.new_tuple(t)
        }
        _ => req,
    };
    match pickle::item(vm, &full) {
        Ok(item) => issue(
            vm,
            Syscall::Put {
                h: server,
                item,
                block: true,
                timeout: None,
            },
            Post::Then(
                Box::new(Syscall::Get {
                    h: reply,
                    block: true,
                    timeout: None,
                }),
                Box::new(Post::Mgr { ret }),
            ),
        ),
        Err(e) => raise(vm, Err(e)),
    }
}

// ----- argument helpers -----

fn arg(a: &Args, i: usize) -> Value {
    a.a.get(i).cloned().unwrap_or(Value::None)
}

fn handle(vm: &mut Vm, v: &Value) -> R<Handle> {
    Ok(int_of(vm, v)? as Handle)
}

fn h0(vm: &mut Vm, a: &Args) -> R<Handle> {
    handle(vm, &arg(a, 0))
}

fn flag(vm: &mut Vm, v: &Value) -> R<bool> {
    match v {
        Value::None => Ok(true),
        v => vm.truthy(v),
    }
}

/// A timeout argument: `None` = wait forever; negative counts as zero, as CPython's queues do.
fn timeout(vm: &mut Vm, v: &Value) -> R<Option<f64>> {
    match v {
        Value::None => Ok(None),
        v => match super::num::to_f64(v) {
            Ok(f) => Ok(Some(f.max(0.0))),
            Err(_) => {
                let t = vm.type_name(v);
                vm.type_error(format!("'{}' object cannot be interpreted as a number", t))
            }
        },
    }
}

fn str_of(vm: &mut Vm, v: &Value) -> R<Rc<str>> {
    match v {
        Value::Str(s) => Ok(s.clone()),
        v => {
            let t = vm.type_name(v);
            vm.type_error(format!("expected str, not {}", t))
        }
    }
}

/// The `_h` handle attribute of a shared object's Python wrapper.
fn self_handle(vm: &mut Vm, slf: &Value, name: &str) -> R<Handle> {
    let s = vm.intern(name);
    let v = vm.getattr(slf, s)?;
    handle(vm, &v)
}

// ----- builtins: _proclab.<name> -----

/// `create(kind, label, a=None, b=None)`: kinds "queue" (maxsize, joinable), "channel", "lock",
/// "rlock", "semaphore" (value, bounded), "event", "condition", "barrier" (parties),
/// "shared" (initial value).
pub fn create(vm: &mut Vm, a: Args) -> R<Value> {
    let kind = str_of(vm, &arg(&a, 0))?;
    let label = str_of(vm, &arg(&a, 1))?.to_string();
    let (x, y) = (arg(&a, 2), arg(&a, 3));
    let num = |vm: &mut Vm, v: &Value| -> R<u32> {
        match v {
            Value::None => Ok(0),
            v => Ok(int_of(vm, v)?.max(0) as u32),
        }
    };
    let kind = match &*kind {
        "queue" => ObjKind::Queue {
            maxsize: num(vm, &x)?,
            joinable: vm.truthy(&y)?,
        },
        "channel" => ObjKind::Channel,
        "lock" => ObjKind::Lock,
        "rlock" => ObjKind::RLock,
        "semaphore" => ObjKind::Semaphore {
            value: num(vm, &x)?,
            bounded: vm.truthy(&y)?,
        },
        "event" => ObjKind::Event,
        "condition" => ObjKind::Condition,
        "barrier" => ObjKind::Barrier {
            parties: num(vm, &x)?,
        },
        "shared" => ObjKind::Shared {
            initial: pickle::item(vm, &x)?,
        },
        other => {
            return vm.err(
                "ValueError",
                format!("unknown shared object kind {}", other),
            )
        }
    };
    sys_then(vm, Syscall::Create { kind, label }, Post::Value)
}

/// `put(h, obj, block=True, timeout=None)`: pickles now, so errors raise in the caller.
pub fn put(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let item = pickle::item(vm, &arg(&a, 1))?;
    let block = flag(vm, &arg(&a, 2))?;
    let timeout = timeout(vm, &arg(&a, 3))?;
    sys_then(
        vm,
        Syscall::Put {
            h,
            item,
            block,
            timeout,
        },
        Post::Value,
    )
}

/// `put_async(h, obj)`: a put to an unbounded queue, which the host may answer at once
/// (`Syscall::PutAsync`); pickles now, so errors raise in the caller.
pub fn put_async(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let item = pickle::item(vm, &arg(&a, 1))?;
    sys_then(vm, Syscall::PutAsync { h, item }, Post::Value)
}

/// `get(h, block=True, timeout=None)`.
pub fn get(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let block = flag(vm, &arg(&a, 1))?;
    let timeout = timeout(vm, &arg(&a, 2))?;
    sys_then(vm, Syscall::Get { h, block, timeout }, Post::Value)
}

/// `get_many(h, block=True, timeout=None, min=1)` -> a list of the items waiting once there
/// are `min` (fewer at a timeout or without `block`), for a queue with one reader (a `Pool`'s
/// results): one round trip, and one wake-up, for many of them.
pub fn get_many(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let block = flag(vm, &arg(&a, 1))?;
    let timeout = timeout(vm, &arg(&a, 2))?;
    let min = match arg(&a, 3) {
        Value::Int(n) => n.clamp(1, i64::from(u32::MAX)) as u32,
        _ => 1,
    };
    let max = u32::MAX;
    let call = Syscall::GetMany {
        h,
        block,
        timeout,
        min,
        max,
    };
    sys_then(vm, call, Post::Value)
}

/// `query(h, "size" | "empty" | "full" | "poll")`.
pub fn query(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let q = match &*str_of(vm, &arg(&a, 1))? {
        "size" => QueueQuery::Size,
        "empty" => QueueQuery::Empty,
        "full" => QueueQuery::Full,
        _ => QueueQuery::Poll,
    };
    sys_then(vm, Syscall::Query { h, q }, Post::Value)
}

/// One-handle calls: `task_done`, `queue_join`, `close`, `release`, `event_set`, `event_clear`,
/// `event_is_set`, `load`.
macro_rules! one_handle {
    ($name:ident, $variant:ident) => {
        pub fn $name(vm: &mut Vm, a: Args) -> R<Value> {
            let h = h0(vm, &a)?;
            sys_then(vm, Syscall::$variant { h }, Post::Value)
        }
    };
}
one_handle!(task_done, TaskDone);
one_handle!(queue_join, QueueJoin);
one_handle!(close, Close);
one_handle!(release, Release);
one_handle!(event_set, EventSet);
one_handle!(event_clear, EventClear);
one_handle!(event_is_set, EventIsSet);
one_handle!(load, Load);

/// `acquire(h, block=True, timeout=None)` -> bool.
pub fn acquire(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let block = flag(vm, &arg(&a, 1))?;
    let timeout = timeout(vm, &arg(&a, 2))?;
    sys_then(vm, Syscall::Acquire { h, block, timeout }, Post::Value)
}

/// `event_wait(h, timeout=None)` -> bool.
pub fn event_wait(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let timeout = timeout(vm, &arg(&a, 1))?;
    sys_then(vm, Syscall::EventWait { h, timeout }, Post::Value)
}

/// `cond_wait(h, lock, timeout=None)` -> bool.
pub fn cond_wait(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let lock = handle(vm, &arg(&a, 1))?;
    let timeout = timeout(vm, &arg(&a, 2))?;
    sys_then(vm, Syscall::CondWait { h, lock, timeout }, Post::Value)
}

/// `cond_notify(h, n=None)` (None = all).
pub fn cond_notify(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let n = match arg(&a, 1) {
        Value::None => None,
        v => Some(int_of(vm, &v)?.max(0) as u32),
    };
    sys_then(vm, Syscall::CondNotify { h, n }, Post::Value)
}

/// `barrier_wait(h, timeout=None)` -> arrival index.
pub fn barrier_wait(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let timeout = timeout(vm, &arg(&a, 1))?;
    sys_then(vm, Syscall::BarrierWait { h, timeout }, Post::Value)
}

/// `store(h, obj)`.
pub fn store(vm: &mut Vm, a: Args) -> R<Value> {
    let h = h0(vm, &a)?;
    let item = pickle::item(vm, &arg(&a, 1))?;
    sys_then(vm, Syscall::Store { h, item }, Post::Value)
}

/// `nice(inc)` -> new niceness (`os.nice`).
pub fn nice(vm: &mut Vm, a: Args) -> R<Value> {
    let inc = int_of(vm, &arg(&a, 0))? as i32;
    sys_then(vm, Syscall::Nice { inc }, Post::Value)
}

/// `flush(file)`: sends a writable file's buffer to the kernel.
pub fn flush(vm: &mut Vm, a: Args) -> R<Value> {
    let f = match arg(&a, 0).obj().map(|id| vm.get(id)) {
        Some(Obj::File(f)) => (**f).clone(),
        _ => return Ok(Value::None),
    };
    if f.closed {
        return vm.err("ValueError", "I/O operation on closed file.");
    }
    match flush_file(vm, &f) {
        Some(call) => sys_none(vm, call),
        None => Ok(Value::None),
    }
}

// ----- special methods of the shared-memory wrappers (sharedctypes) -----

/// `Value.value` getter: the cell's item.
pub fn cell_get(vm: &mut Vm, a: Args) -> R<Value> {
    let h = self_handle(vm, &arg(&a, 0), "_h")?;
    sys_then(vm, Syscall::Load { h }, Post::Value)
}

/// `Value.value` setter: replaces the cell's item.
pub fn cell_set(vm: &mut Vm, a: Args) -> R<Value> {
    let h = self_handle(vm, &arg(&a, 0), "_h")?;
    let conv = convert_for(vm, &arg(&a, 0), arg(&a, 1))?;
    let item = pickle::item(vm, &conv)?;
    sys_then(vm, Syscall::Store { h, item }, Post::Discard)
}

/// The value as the wrapper's C type keeps it: ints truncated from bools, floats from ints.
fn convert_for(vm: &mut Vm, slf: &Value, v: Value) -> R<Value> {
    let s = vm.intern("_typecode");
    let tc = vm.getattr_opt(slf, s)?.unwrap_or(Value::None);
    let tc = match &tc {
        Value::Str(t) => t.to_string(),
        _ => return Ok(v),
    };
    Ok(match (tc.as_str(), &v) {
        ("d" | "f", Value::Int(i)) => Value::Float(*i as f64),
        ("d" | "f", Value::Bool(b)) => Value::Float(*b as i64 as f64),
        ("d" | "f", Value::Float(_)) => v,
        ("d" | "f", _) => {
            let t = vm.type_name(&v);
            return vm.type_error(format!("must be real number, not {}", t));
        }
        ("c" | "u", _) => v,
        (_, Value::Bool(b)) => Value::Int(*b as i64),
        (_, Value::Int(_) | Value::Big(_)) => v,
        (_, Value::Float(_)) => return vm.type_error("int expected instead of float"),
        _ => {
            let t = vm.type_name(&v);
            return vm.type_error(format!("an integer is required (got type {})", t));
        }
    })
}

/// `Array.__getitem__(idx)`: loads the whole array, pushes `array[idx]`.
pub fn array_getitem(vm: &mut Vm, a: Args) -> R<Value> {
    let h = self_handle(vm, &arg(&a, 0), "_h")?;
    sys_then(vm, Syscall::Load { h }, Post::Index(arg(&a, 1)))
}

/// `Array.__setitem__(idx, v)`: under the array's lock (if it has one), load, change one item,
/// store back, release.
pub fn array_setitem(vm: &mut Vm, a: Args) -> R<Value> {
    let slf = arg(&a, 0);
    let h = self_handle(vm, &slf, "_h")?;
    let v = convert_for(vm, &slf, arg(&a, 2))?;
    let s = vm.intern("_lock_h");
    let lock = match vm.getattr_opt(&slf, s)? {
        Some(Value::Int(l)) => Some(l as Handle),
        _ => None,
    };
    let set = Post::SetIndex {
        h,
        idx: arg(&a, 1),
        v,
        lock,
    };
    match lock {
        Some(l) => sys_then(
            vm,
            Syscall::Acquire {
                h: l,
                block: true,
                timeout: None,
            },
            Post::Then(Box::new(Syscall::Load { h }), Box::new(set)),
        ),
        None => sys_then(vm, Syscall::Load { h }, set),
    }
}

/// Is builtin `id` one of this module's special methods (a class's `__setattr__` the VM must call,
/// unlike `object`'s)?
pub fn is_special(id: u16) -> bool {
    super::builtins::TABLE
        .get(id as usize)
        .is_some_and(|e| e.owner == "mod:_proclab")
}

// ----- manager requests -----

/// A request to the manager serving `proxy` (its `_server` queue handle and `_id`): first this
/// process's pid (to find its reply queue), then put + get.
fn mgr_request(
    vm: &mut Vm,
    proxy: &Value,
    method: &str,
    args: Vec<Value>,
    kwargs: Value,
    ret: MgrRet,
) -> R<Value> {
    let server = self_handle(vm, proxy, "_server")?;
    let s = vm.intern("_id");
    let ident = vm.getattr(proxy, s)?;
    let args = vm.new_tuple(args);
    let kwargs = if kwargs.is_none() {
        vm.alloc(Obj::Dict(Dict::default()))
    } else {
        kwargs
    };
    let req = vm.new_tuple(vec![ident, Value::str(method), args, kwargs]);
    sys_then(vm, Syscall::GetPid, Post::MgrPid { server, req, ret })
}

/// `mgr_call(proxy, method, args, kwargs)` -> the referent method's result in the server.
pub fn mgr_call(vm: &mut Vm, a: Args) -> R<Value> {
    let method = str_of(vm, &arg(&a, 1))?;
    let args = vm.collect(&arg(&a, 2))?;
    mgr_request(vm, &arg(&a, 0), &method, args, arg(&a, 3), MgrRet::Value)
}

pub fn mgr_getitem(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(
        vm,
        &arg(&a, 0),
        "__getitem__",
        vec![arg(&a, 1)],
        Value::None,
        MgrRet::Value,
    )
}
pub fn mgr_setitem(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(
        vm,
        &arg(&a, 0),
        "__setitem__",
        vec![arg(&a, 1), arg(&a, 2)],
        Value::None,
        MgrRet::Discard,
    )
}
pub fn mgr_delitem(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(
        vm,
        &arg(&a, 0),
        "__delitem__",
        vec![arg(&a, 1)],
        Value::None,
        MgrRet::Discard,
    )
}
pub fn mgr_len(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(
        vm,
        &arg(&a, 0),
        "__len__",
        vec![],
        Value::None,
        MgrRet::Value,
    )
}
pub fn mgr_value_get(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(vm, &arg(&a, 0), "get", vec![], Value::None, MgrRet::Value)
}
pub fn mgr_value_set(vm: &mut Vm, a: Args) -> R<Value> {
    mgr_request(
        vm,
        &arg(&a, 0),
        "set",
        vec![arg(&a, 1)],
        Value::None,
        MgrRet::Discard,
    )
}

/// `proxy += seq` (lists): extends the referent, evaluates to the proxy.
pub fn mgr_iadd(vm: &mut Vm, a: Args) -> R<Value> {
    let slf = arg(&a, 0);
    mgr_request(
        vm,
        &slf,
        "extend",
        vec![arg(&a, 1)],
        Value::None,
        MgrRet::This(slf.clone()),
    )
}

/// Namespace `__getattr__`: private names (`_x`) are the proxy's own, as in CPython.
pub fn mgr_getattr(vm: &mut Vm, a: Args) -> R<Value> {
    let name = str_of(vm, &arg(&a, 1))?;
    if name.starts_with('_') {
        return vm.err(
            "AttributeError",
            format!("'NamespaceProxy' object has no attribute '{}'", name),
        );
    }
    mgr_request(
        vm,
        &arg(&a, 0),
        "__getattribute__",
        vec![Value::Str(name)],
        Value::None,
        MgrRet::Value,
    )
}

/// Namespace `__setattr__`: private names are set on the proxy itself, others in the server.
pub fn mgr_setattr(vm: &mut Vm, a: Args) -> R<Value> {
    let name = str_of(vm, &arg(&a, 1))?;
    if name.starts_with('_') {
        let s = vm.intern(&name);
        if let Some(id) = arg(&a, 0).obj() {
            if let Obj::Inst(i) = vm.get_mut(id) {
                attr_set(&mut i.attrs, s, arg(&a, 2));
            }
        }
        return Ok(Value::None);
    }
    mgr_request(
        vm,
        &arg(&a, 0),
        "__setattr__",
        vec![Value::Str(name), arg(&a, 2)],
        Value::None,
        MgrRet::Discard,
    )
}

// ----- the shared file system -----

/// `open(path, mode)`: reading fetches the whole file from the kernel now; writing starts an
/// empty local buffer that [`flush_file`] sends.
pub fn open(vm: &mut Vm, path: &str, mode: &str) -> R<Value> {
    let m = mode.replace(['t', 'b'], "");
    if m.starts_with('r') || m == "a+" {
        if !matches!(m.as_str(), "r" | "r+" | "a+") {
            return vm.err("ValueError", format!("invalid mode: '{}'", mode));
        }
        return sys_then(
            vm,
            Syscall::ReadFile {
                path: path.to_string(),
            },
            Post::Open {
                path: path.to_string(),
                mode: mode.to_string(),
            },
        );
    }
    if m.starts_with('x') {
        // Exclusive creation needs to know whether the file exists: ask, then open.
        return sys_then(
            vm,
            Syscall::ListFiles,
            Post::Open {
                path: path.to_string(),
                mode: mode.to_string(),
            },
        );
    }
    // 'w' / 'a': the buffer starts empty; an append sends only what was written here.
    vm.vfs.insert(path.to_string(), String::new());
    modules::open_file(vm, path, mode)
}

/// Sends a writable file's buffer to the kernel (`flush()`, `close()`, end of `with`). Returns
/// the syscall to make, if any; an append-mode buffer is emptied once sent.
pub fn flush_file(vm: &mut Vm, f: &FileObj) -> Option<Syscall> {
    if !f.writable || f.path.starts_with('<') {
        return None;
    }
    // 'a' sends what was written here; 'a+' (which read the file at open) rewrites it.
    let append = f.mode.starts_with('a') && !f.mode.contains('+');
    let data = vm.vfs.get(&*f.path).cloned().unwrap_or_default();
    if append {
        if data.is_empty() {
            return None;
        }
        vm.vfs.insert(f.path.to_string(), String::new());
    }
    Some(Syscall::WriteFile {
        path: f.path.to_string(),
        data,
        append,
    })
}

/// Issues `call` from a builtin whose own result is `None` (close/flush).
pub fn sys_none(vm: &mut Vm, call: Syscall) -> R<Value> {
    sys_then(vm, call, Post::Value)
}

/// `os.remove(path)`.
pub fn remove(vm: &mut Vm, path: &str) -> R<Value> {
    vm.vfs.remove(path);
    sys_then(
        vm,
        Syscall::RemoveFile {
            path: path.to_string(),
        },
        Post::Value,
    )
}

/// `os.listdir()`.
pub fn listdir(vm: &mut Vm) -> R<Value> {
    listdir_at(vm, ".")
}

/// `os.listdir(path)`.
pub fn listdir_at(vm: &mut Vm, path: &str) -> R<Value> {
    sys_then(vm, Syscall::ListFiles, Post::ListDir(path.to_string()))
}

/// `os.path.isdir(path)` (`dir: true`) / `os.path.isfile(path)`.
pub fn is_kind(vm: &mut Vm, path: &str, dir: bool) -> R<Value> {
    let post = if dir {
        Post::IsDir(path.to_string())
    } else {
        Post::IsFile(path.to_string())
    };
    sys_then(vm, Syscall::ListFiles, post)
}

/// `os.path.getsize(path)`.
pub fn getsize(vm: &mut Vm, path: &str) -> R<Value> {
    sys_then(
        vm,
        Syscall::ReadFile {
            path: path.to_string(),
        },
        Post::Size,
    )
}

/// `os.mkdir` / `os.makedirs` / `os.rmdir`: the kernel keeps the directories.
pub fn dir_call(vm: &mut Vm, call: Syscall) -> R<Value> {
    sys_then(vm, call, Post::Value)
}

/// `os.path.exists(path)`.
pub fn exists(vm: &mut Vm, path: &str) -> R<Value> {
    sys_then(vm, Syscall::ListFiles, Post::Exists(path.to_string()))
}
