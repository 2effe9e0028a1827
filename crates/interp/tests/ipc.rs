//! Shared objects seen from the interpreter: pickling through queues, Queue/Pipe/Lock/Value/
//! Array/Event/Semaphore/JoinableQueue across forked processes, Pool, Manager and the shared files,
//! each program's output compared with what python3 prints for it.
//!
//! The host is a tiny fake kernel written here (not the real one, so that these tests check the
//! interpreter side alone): processes are `Interp` clones made at `Fork`, run round robin; a call
//! that would block is retried on later rounds; when nothing can run, the virtual clock jumps to
//! the earliest deadline (a sleep's end, a timeout), where that call ends.

use proclab_abi::{Item, ObjKind, QueueQuery, Reply, Step, Stream, Syscall};
use proclab_interp::Interp;
use std::collections::{BTreeMap, VecDeque};

enum Obj {
    Queue {
        items: VecDeque<Item>,
        maxsize: u32,
        unfinished: i64,
        closed: bool,
    },
    Lock {
        held: u32,
        owner: Option<u32>,
        recursive: bool,
    },
    Sem {
        value: u32,
        max: u32,
        bounded: bool,
    },
    Event(bool),
    Shared(Item),
    Other,
}

struct Proc {
    pid: u32,
    interp: Interp,
    /// The call waiting for a reply (blocked, or not yet answered).
    call: Option<Syscall>,
    /// When the blocked call times out (or a sleep ends), on the virtual clock.
    deadline: Option<f64>,
    exit: Option<i32>,
}

#[derive(Default)]
struct Kernel {
    objects: Vec<Obj>,
    files: BTreeMap<String, String>,
    now: f64,
    /// Processes ended by `Kill` (applied by the scheduler loop), with their exit codes.
    killed: Vec<(u32, i32)>,
}

fn err(kind: &str, msg: &str) -> Reply {
    Reply::Error {
        kind: kind.into(),
        msg: msg.into(),
    }
}

impl Kernel {
    /// The reply to `call` from `pid`, or `None` while it must wait.
    fn serve(
        &mut self,
        pid: u32,
        call: &Syscall,
        procs: &[(u32, Option<i32>)],
        expired: bool,
    ) -> Option<Reply> {
        let timed_out = |t: &Option<f64>| expired && t.is_some();
        Some(match call {
            Syscall::GetPid => Reply::Int(pid as i64),
            Syscall::GetPpid => Reply::Int(1),
            Syscall::Time | Syscall::Monotonic => Reply::Float(self.now),
            Syscall::Sleep { .. } if expired => Reply::None,
            Syscall::Sleep { .. } => return None,
            Syscall::CpuCount => Reply::Int(4),
            Syscall::Join {
                pid: target,
                timeout,
            } => match procs.iter().find(|p| p.0 == *target) {
                Some((_, Some(code))) => Reply::ExitCode(Some(*code)),
                _ if timed_out(timeout) => Reply::ExitCode(None),
                _ => return None,
            },
            Syscall::Poll { pid: target } => {
                Reply::ExitCode(procs.iter().find(|p| p.0 == *target).and_then(|p| p.1))
            }
            Syscall::Create { kind, .. } => {
                self.objects.push(match kind {
                    ObjKind::Queue { maxsize, .. } => Obj::Queue {
                        items: VecDeque::new(),
                        maxsize: *maxsize,
                        unfinished: 0,
                        closed: false,
                    },
                    ObjKind::Channel => Obj::Queue {
                        items: VecDeque::new(),
                        maxsize: 0,
                        unfinished: 0,
                        closed: false,
                    },
                    ObjKind::Lock => Obj::Lock {
                        held: 0,
                        owner: None,
                        recursive: false,
                    },
                    ObjKind::RLock => Obj::Lock {
                        held: 0,
                        owner: None,
                        recursive: true,
                    },
                    ObjKind::Semaphore { value, bounded } => Obj::Sem {
                        value: *value,
                        max: *value,
                        bounded: *bounded,
                    },
                    ObjKind::Event => Obj::Event(false),
                    ObjKind::Shared { initial } => Obj::Shared(initial.clone()),
                    _ => Obj::Other,
                });
                Reply::Int(self.objects.len() as i64 - 1)
            }
            Syscall::Put {
                h,
                item,
                block,
                timeout,
            } => match &mut self.objects[*h as usize] {
                Obj::Queue {
                    items,
                    maxsize,
                    unfinished,
                    ..
                } => {
                    if *maxsize > 0 && items.len() >= *maxsize as usize {
                        if !*block || timed_out(timeout) {
                            return Some(err("queue.Full", ""));
                        }
                        return None;
                    }
                    items.push_back(item.clone());
                    *unfinished += 1;
                    Reply::None
                }
                _ => err("TypeError", "not a queue"),
            },
            // The real kernel makes these a `Put` that never blocks and a burst of `Get`s.
            Syscall::PutAsync { h, item } => {
                let put = Syscall::Put {
                    h: *h,
                    item: item.clone(),
                    block: false,
                    timeout: None,
                };
                return self.serve(pid, &put, procs, expired).map(|_| Reply::None);
            }
            Syscall::GetMany {
                h, block, timeout, ..
            } => {
                let get = Syscall::Get {
                    h: *h,
                    block: *block,
                    timeout: *timeout,
                };
                let first = self.serve(pid, &get, procs, expired)?;
                let Reply::Item(first) = first else {
                    return Some(first);
                };
                let mut got = vec![first];
                if let Obj::Queue { items, .. } = &mut self.objects[*h as usize] {
                    got.extend(items.drain(..));
                }
                Reply::Items(got)
            }
            Syscall::Get { h, block, timeout } => match &mut self.objects[*h as usize] {
                Obj::Queue { items, closed, .. } => match items.pop_front() {
                    Some(i) => Reply::Item(i),
                    None if *closed => err("EOFError", ""),
                    None if !*block || timed_out(timeout) => err("queue.Empty", ""),
                    None => return None,
                },
                _ => err("TypeError", "not a queue"),
            },
            Syscall::Query { h, q } => match &self.objects[*h as usize] {
                Obj::Queue { items, maxsize, .. } => match q {
                    QueueQuery::Size => Reply::Int(items.len() as i64),
                    QueueQuery::Empty => Reply::Bool(items.is_empty()),
                    QueueQuery::Full => {
                        Reply::Bool(*maxsize > 0 && items.len() >= *maxsize as usize)
                    }
                    QueueQuery::Poll => Reply::Bool(!items.is_empty()),
                },
                _ => err("TypeError", "not a queue"),
            },
            Syscall::Close { h } => {
                if let Obj::Queue { closed, .. } = &mut self.objects[*h as usize] {
                    *closed = true;
                }
                Reply::None
            }
            Syscall::TaskDone { h } => match &mut self.objects[*h as usize] {
                Obj::Queue {
                    unfinished, items, ..
                } => {
                    if *unfinished <= items.len() as i64 {
                        return Some(err("ValueError", "task_done() called too many times"));
                    }
                    *unfinished -= 1;
                    Reply::None
                }
                _ => err("TypeError", "not a queue"),
            },
            Syscall::QueueJoin { h } => match &self.objects[*h as usize] {
                Obj::Queue { unfinished: 0, .. } => Reply::None,
                _ => return None,
            },
            Syscall::Acquire { h, block, timeout } => match &mut self.objects[*h as usize] {
                Obj::Lock {
                    held,
                    owner,
                    recursive,
                } => {
                    if *held == 0 || (*recursive && *owner == Some(pid)) {
                        *held += 1;
                        *owner = Some(pid);
                        Reply::Bool(true)
                    } else if !*block || timed_out(timeout) {
                        Reply::Bool(false)
                    } else {
                        return None;
                    }
                }
                Obj::Sem { value, .. } => {
                    if *value > 0 {
                        *value -= 1;
                        Reply::Bool(true)
                    } else if !*block || timed_out(timeout) {
                        Reply::Bool(false)
                    } else {
                        return None;
                    }
                }
                _ => err("TypeError", "not a lock"),
            },
            Syscall::Release { h } => match &mut self.objects[*h as usize] {
                Obj::Lock {
                    held,
                    owner,
                    recursive,
                } => {
                    if *recursive && (*held == 0 || *owner != Some(pid)) {
                        return Some(err(
                            "AssertionError",
                            "attempt to release recursive lock not owned by thread",
                        ));
                    }
                    if *held == 0 {
                        return Some(err(
                            "ValueError",
                            "semaphore or lock released too many times",
                        ));
                    }
                    *held -= 1;
                    if *held == 0 {
                        *owner = None;
                    }
                    Reply::None
                }
                Obj::Sem {
                    value,
                    max,
                    bounded,
                } => {
                    if *bounded && *value >= *max {
                        return Some(err(
                            "ValueError",
                            "semaphore or lock released too many times",
                        ));
                    }
                    *value += 1;
                    Reply::None
                }
                _ => err("TypeError", "not a lock"),
            },
            Syscall::EventSet { h } | Syscall::EventClear { h } => {
                self.objects[*h as usize] = Obj::Event(matches!(call, Syscall::EventSet { .. }));
                Reply::None
            }
            Syscall::EventIsSet { h } => {
                Reply::Bool(matches!(self.objects[*h as usize], Obj::Event(true)))
            }
            Syscall::EventWait { h, timeout } => match self.objects[*h as usize] {
                Obj::Event(true) => Reply::Bool(true),
                _ if timed_out(timeout) => Reply::Bool(false),
                _ => return None,
            },
            Syscall::Load { h } => match &self.objects[*h as usize] {
                Obj::Shared(i) => Reply::Item(i.clone()),
                _ => err("TypeError", "not a cell"),
            },
            Syscall::Store { h, item } => {
                self.objects[*h as usize] = Obj::Shared(item.clone());
                Reply::None
            }
            Syscall::ReadFile { path } => match self.files.get(path) {
                Some(t) => Reply::Text(t.clone()),
                None => err(
                    "FileNotFoundError",
                    &format!("[Errno 2] No such file or directory: '{}'", path),
                ),
            },
            Syscall::WriteFile { path, data, append } => {
                let f = self.files.entry(path.clone()).or_default();
                if !*append {
                    f.clear();
                }
                f.push_str(data);
                Reply::None
            }
            Syscall::RemoveFile { path } => match self.files.remove(path) {
                Some(_) => Reply::None,
                None => err(
                    "FileNotFoundError",
                    &format!("[Errno 2] No such file or directory: '{}'", path),
                ),
            },
            Syscall::ListFiles => {
                Reply::Text(self.files.keys().cloned().collect::<Vec<_>>().join("\n"))
            }
            Syscall::SetThread { .. } => Reply::None,
            Syscall::Kill {
                pid: target,
                signal,
            } => {
                self.killed.push((*target, -signal));
                Reply::None
            }
            other => panic!("the fake kernel does not serve {:?}", other),
        })
    }
}

/// Runs `source` with its forks to the end; stdout and stderr merged, in order.
/// How long `call` may wait, if it has a limit.
fn limit(call: &Syscall) -> Option<f64> {
    match call {
        Syscall::Sleep { secs } => Some(*secs),
        Syscall::Put { timeout, .. }
        | Syscall::Get { timeout, .. }
        | Syscall::GetMany { timeout, .. }
        | Syscall::Acquire { timeout, .. }
        | Syscall::EventWait { timeout, .. }
        | Syscall::Join { timeout, .. } => *timeout,
        _ => None,
    }
}

fn run(source: &str) -> String {
    let interp = Interp::new(source, "prog.py").expect("compiles");
    let mut procs = vec![Proc {
        pid: 100,
        interp,
        call: None,
        deadline: None,
        exit: None,
    }];
    let mut k = Kernel::default();
    let mut out = String::new();
    let mut next_pid = 101;
    for _round in 0..200_000 {
        let mut progress = false;
        let states: Vec<(u32, Option<i32>)> = procs.iter().map(|p| (p.pid, p.exit)).collect();
        let mut forks = vec![];
        for p in procs.iter_mut().filter(|p| p.exit.is_none()) {
            if let Some(call) = p.call.clone() {
                if let Syscall::Fork { .. } = call {
                    let mut child = p.interp.clone();
                    child.resume(Reply::Int(0));
                    forks.push(Proc {
                        pid: next_pid,
                        interp: child,
                        call: None,
                        deadline: None,
                        exit: None,
                    });
                    p.interp.resume(Reply::Int(next_pid as i64));
                    next_pid += 1;
                } else {
                    let expired = p.deadline.is_some_and(|d| d <= k.now);
                    match k.serve(p.pid, &call, &states, expired) {
                        Some(r) => p.interp.resume(r),
                        None => {
                            if p.deadline.is_none() {
                                p.deadline = limit(&call).map(|t| k.now + t);
                            }
                            continue;
                        }
                    }
                    p.deadline = None;
                }
                p.call = None;
            }
            let step = p.interp.run(2000);
            for o in p.interp.take_output() {
                let _ = o.stream == Stream::Stdout;
                out.push_str(&o.text);
            }
            match step {
                Step::Syscall(c) => p.call = Some(c),
                Step::Exit(code) => p.exit = Some(code),
                Step::Yield => {}
            }
            progress = true;
        }
        procs.extend(forks);
        for (pid, code) in std::mem::take(&mut k.killed) {
            if let Some(p) = procs.iter_mut().find(|p| p.pid == pid && p.exit.is_none()) {
                p.exit = Some(code);
            }
        }
        if procs[0].exit.is_some()
            && procs.iter().all(|p| p.exit.is_some() || p.call.is_some())
            && !progress
        {
            break;
        }
        if procs.iter().all(|p| p.exit.is_some()) {
            break;
        }
        if !progress {
            // Nothing can run: time passes until the earliest deadline.
            let next = procs
                .iter()
                .filter(|p| p.exit.is_none())
                .filter_map(|p| p.deadline)
                .fold(f64::INFINITY, f64::min);
            if next.is_infinite() {
                panic!("deadlock in the fake kernel; output so far:\n{}", out);
            }
            k.now = k.now.max(next);
        }
    }
    out
}

/// Replaces `0x` + hex digits by `0xADDR` (addresses differ between python3 and us).
fn mask(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("0x") {
        out.push_str(&rest[..i]);
        out.push_str("0xADDR");
        rest = rest[i + 2..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

fn check(source: &str, expected: &str) {
    assert_eq!(mask(&run(source)), mask(expected));
}

#[test]
fn values_survive_a_queue_and_unpicklable_ones_fail_as_in_cpython() {
    check(
        r#"
from multiprocessing import Queue, SimpleQueue
import queue

class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"Point({self.x}, {self.y})"

class Oops(Exception):
    pass

def helper(n):
    return n + 1

q = Queue()
shared = [1, 2]
cyc = [0]
cyc.append(cyc)
values = [None, True, 7, 2 ** 100, -1.5, "héllo", (1, (2, 3)), {"a": [1, {2, 3}]}, frozenset({4}),
          Point(1, 2), Oops("bad", 3), helper, len, Point, ValueError, range(2, 9, 3), [shared, shared]]
for v in values:
    q.put(v)
got = [q.get() for _ in values]
for v in got:
    print(type(v).__name__, repr(v))
print(got[-1][0] is got[-1][1], got[-1][0] is shared)
print(got[11](41), got[12]("abc"), got[13](3, 4).y)
print(isinstance(got[10], Oops), got[10].args)
q.put(cyc)
c = q.get()
print(c[1] is c, len(c))
sq = SimpleQueue()
for bad in [lambda x: x, (i for i in range(3)), Queue()]:
    try:
        sq.put(bad)
    except Exception as e:
        print(type(e).__module__, type(e).__name__, str(e).split(" at 0x")[0])
def outer():
    def inner():
        pass
    return inner
try:
    sq.put(outer())
except AttributeError as e:
    print("AttributeError", e)
try:
    q.get(timeout=0.01)
except queue.Empty as e:
    print("Empty", repr(e))
"#,
        "NoneType None\nbool True\nint 7\nint 1267650600228229401496703205376\nfloat -1.5\nstr 'héllo'\n\
tuple (1, (2, 3))\ndict {'a': [1, {2, 3}]}\nfrozenset frozenset({4})\nPoint Point(1, 2)\nOops Oops('bad', 3)\n\
function <function helper at 0x7fcf8472dbc0>\nbuiltin_function_or_method <built-in function len>\n\
type <class '__main__.Point'>\ntype <class 'ValueError'>\nrange range(2, 9, 3)\nlist [[1, 2], [1, 2]]\n\
True False\n42 3 4\nTrue ('bad', 3)\nTrue 2\n_pickle PicklingError Can't pickle <function <lambda>\n\
builtins TypeError cannot pickle 'generator' object\n\
builtins RuntimeError Queue objects should only be shared between processes through inheritance\n\
AttributeError Can't pickle local object 'outer.<locals>.inner'\nEmpty Empty()\n",
    );
}

#[test]
fn an_unpicklable_item_in_a_queue_is_reported_like_the_feeder_thread_does() {
    check(
        "from multiprocessing import Queue\nq = Queue()\nq.put(lambda: 1)\nq.put(2)\nprint(q.get())\n",
        "Traceback (most recent call last):\n\
_pickle.PicklingError: Can't pickle <function <lambda> at 0x7f>: attribute lookup <lambda> on __main__ failed\n2\n",
    );
}

#[test]
fn queues_pipes_locks_values_arrays_and_events_cross_forks() {
    check(
        r#"
import os
from multiprocessing import Process, Queue, Pipe, Lock, Value, Array, Event, JoinableQueue, Semaphore

def child(q, conn, lock, total, arr, ev):
    q.put(("hi", os.getpid() != 0))
    conn.send({"k": [1, 2]})
    conn.recv()
    for _ in range(20):
        with lock:
            total.value += 1
    arr[1] = arr[1] + 5
    ev.wait()

if __name__ == "__main__":
    q, (a, b), lock, ev = Queue(), Pipe(), Lock(), Event()
    total, arr = Value("i", 0), Array("d", [1, 2, 3])
    ps = [Process(target=child, args=(q, b, lock, total, arr, ev)) for _ in range(2)]
    for p in ps:
        p.start()
    print(q.get(), q.get())
    print(a.recv(), a.recv())
    a.send("x")
    a.send("y")
    ev.set()
    for p in ps:
        p.join()
    print("total", total.value, "arr", arr[:], len(arr), arr[1])
    print(repr(lock), lock.acquire(False), repr(lock))
    lock.release()
    s = Semaphore(2)
    print(s.acquire(), s.get_value(), repr(s))
    jq = JoinableQueue()
    jq.put(1)
    jq.get()
    jq.task_done()
    jq.join()
    try:
        jq.task_done()
    except ValueError as e:
        print("ValueError", e)
    r, w = Pipe(duplex=False)
    w.send(5)
    print(r.poll(), r.recv(), r.poll(0.01))
    w.close()
    try:
        r.recv()
    except EOFError:
        print("EOFError")
"#,
        "('hi', True) ('hi', True)\n{'k': [1, 2]} {'k': [1, 2]}\ntotal 40 arr [1.0, 12.0, 3.0] 3 12.0\n\
<Lock(owner=None)> True <Lock(owner=MainProcess)>\nTrue 1 <Semaphore(value=1)>\n\
ValueError task_done() called too many times\nTrue 5 False\nEOFError\n",
    );
}

#[test]
fn pool_maps_applies_reports_errors_and_timeouts() {
    check(
        r#"
import os
from multiprocessing import Pool, TimeoutError, current_process
import time

def sq(x):
    return x * x

def who(_):
    return current_process().name

def boom(x):
    raise KeyError(x)

def slow(x):
    time.sleep(0.5)
    return x

if __name__ == "__main__":
    got = []
    with Pool(3) as p:
        print(p.map(sq, range(7)), p.map(sq, []))
        print(p.starmap(pow, [(2, 5), (3, 2)]))
        names = set(p.map(who, range(12), chunksize=1))
        print(len(names) <= 3, all(n.startswith("ForkPoolWorker-") for n in names))
        r = p.apply_async(sq, (9,), callback=got.append)
        print(r.get(), got, r.ready(), r.successful())
        e = p.apply_async(boom, ("k",), error_callback=lambda e: got.append(repr(e)))
        try:
            e.get()
        except KeyError as err:
            print("KeyError", err, got)
        print(list(p.imap(sq, [3, 1, 2])), sorted(p.imap_unordered(sq, [3, 1, 2])))
        t = p.apply_async(slow, (1,))
        try:
            t.get(timeout=0.05)
        except TimeoutError:
            print("timeout", t.ready())
        print(t.get())
        try:
            p.map(lambda x: x, [1])
        except Exception as err:
            print(type(err).__name__, str(err).split(" at 0x")[0])
    try:
        p.apply(sq, (1,))
    except ValueError as err:
        print("ValueError", err)
    p2 = Pool(2)
    r = p2.map_async(sq, [1, 2, 3])
    p2.close()
    p2.join()
    print(r.get())
"#,
        "[0, 1, 4, 9, 16, 25, 36] []\n[32, 9]\nTrue True\n81 [81] True True\nKeyError 'k' [81, \"KeyError('k')\"]\n\
[9, 1, 4] [1, 4, 9]\ntimeout False\n1\nPicklingError Can't pickle <function <lambda>\nValueError Pool not running\n\
[1, 4, 9]\n",
    );
}

#[test]
fn manager_proxies_share_lists_dicts_namespaces_and_values() {
    check(
        r#"
from multiprocessing import Manager, Process

def work(l, d, ns, v, i):
    l.append(i)
    d[i] = i * 10
    ns.total += i
    v.value += 1

if __name__ == "__main__":
    with Manager() as m:
        l, d, ns, v = m.list([0]), m.dict(), m.Namespace(total=0), m.Value("i", 0)
        ps = [Process(target=work, args=(l, d, ns, v, i)) for i in range(1, 4)]
        for p in ps:
            p.start()
            p.join()
        print(len(l), l[0], l[-1], l.count(2), d[2], len(d), d.get(9, "none"))
        print(sorted(d.items()), sorted(d.keys()), ns.total, v.value)
        l[0] = 100
        l.extend([7])
        l += [8]
        print(l.pop(), l.pop(), l[0], len(l))
        try:
            d[42]
        except KeyError as e:
            print("KeyError", e)
        print(l, [x for x in l], [k for k in d], str(ns))
"#,
        "4 0 3 1 20 3 none\n[(1, 10), (2, 20), (3, 30)] [1, 2, 3] 6 3\n8 7 100 4\nKeyError 42\n[100, 1, 2, 3] [100, 1, 2, 3] [1, 2, 3] Namespace(total=6)\n",
    );
}

#[test]
fn files_are_the_kernels_shared_files() {
    check(
        r#"
import os
with open("notes.txt", "w") as f:
    f.write("one\n")
    print("two", file=f)
with open("notes.txt", "a") as f:
    f.write("three\n")
with open("notes.txt") as f:
    print(f.readlines())
print(os.path.exists("notes.txt"), os.path.exists("nope.txt"), "notes.txt" in os.listdir())
try:
    open("nope.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
try:
    with open("notes.txt", "x") as f:
        pass
except FileExistsError as e:
    print("FileExistsError:", e)
os.remove("notes.txt")
print(os.path.exists("notes.txt"))
try:
    os.remove("notes.txt")
except FileNotFoundError as e:
    print("FileNotFoundError:", e)
"#,
        "['one\\n', 'two\\n', 'three\\n']\nTrue False True\n\
FileNotFoundError: [Errno 2] No such file or directory: 'nope.txt'\n\
FileExistsError: [Errno 17] File exists: 'notes.txt'\nFalse\n\
FileNotFoundError: [Errno 2] No such file or directory: 'notes.txt'\n",
    );
}

#[test]
fn a_child_writes_a_file_the_parent_reads() {
    check(
        r#"
from multiprocessing import Process

def write(name):
    with open(name, "w") as f:
        f.write("from child\n")

if __name__ == "__main__":
    p = Process(target=write, args=("out.txt",))
    p.start()
    p.join()
    with open("out.txt") as f:
        print(f.read(), end="")
"#,
        "from child\n",
    );
}

#[test]
fn dummy_pool_and_process_run_on_threads() {
    check(
        r#"
import time
from multiprocessing.dummy import Pool, Process, current_process, Manager
from multiprocessing.pool import ThreadPool

def task(x):
    time.sleep(0.01 * (3 - x))
    return x, current_process().name

def hello(tag):
    print("hello from", current_process().name, tag)

if __name__ == "__main__":
    with Pool(3) as p:
        res = p.map(task, range(3))
        print([r[0] for r in res], sorted({r[1] for r in res}))
        print(sorted(p.imap_unordered(abs, [-2, 1, -3])))
    p = Process(target=hello, args=("x",))
    p.start()
    p.join()
    print(current_process().name, p.exitcode)
    tp = ThreadPool(2)
    r = tp.apply_async(divmod, (7, 2))
    tp.close()
    tp.join()
    print(r.get())
    m = Manager()
    l = m.list([1])
    l.append(2)
    print(l)
"#,
        "[0, 1, 2] ['Thread-1 (worker)', 'Thread-2 (worker)', 'Thread-3 (worker)']\n[1, 2, 3]\nhello from Thread-7 (hello) x\nMainThread 0\n(3, 1)\n[1, 2]\n",
    );
}
