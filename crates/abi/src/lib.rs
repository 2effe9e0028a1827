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
    Fork {
        name: String,
        daemon: bool,
    },
    /// `time.sleep(secs)`: reply `Reply::None` once `secs` have passed.
    Sleep {
        secs: f64,
    },
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
    Join {
        pid: Pid,
        timeout: Option<f64>,
    },
    /// `Process.is_alive()` / `exitcode`, never blocks: reply `Reply::ExitCode(None)` while `pid`
    /// runs, `Reply::ExitCode(Some(code))` once it ended.
    Poll {
        pid: Pid,
    },
    /// `Process.terminate()` (signal 15) / `kill()` (signal 9) / `os.kill`: end `pid` now. Its exit
    /// code becomes `-signal`. Reply `Reply::None`.
    Kill {
        pid: Pid,
        signal: i32,
    },
    /// `multiprocessing.cpu_count()` / `os.cpu_count()`: reply `Reply::Int(cpus of the run)`.
    CpuCount,

    // ---- Shared kernel objects (queues, locks, ...). A handle is valid in every process of the
    // run: it is created in one process and inherited by its children through fork. ----
    /// Create a kernel object; reply `Reply::Int(handle)`. `label` names it in the page's views
    /// (e.g. "Queue-1", "Lock-2").
    Create {
        kind: ObjKind,
        label: String,
    },
    /// Queue / SimpleQueue / JoinableQueue `put`, and `Connection.send` on a pipe end.
    /// Blocks while the queue is full (if `block`); reply `Reply::None`, or on timeout /
    /// non-blocking on full `Reply::Error{kind:"queue.Full", msg:""}`.
    Put {
        h: Handle,
        item: Item,
        block: bool,
        timeout: Option<f64>,
    },
    /// A put to an unbounded queue (`Queue(maxsize=0)`, `SimpleQueue`, a `Pool`'s task and result
    /// queues, a pipe's `send`), which can never block nor fail: its reply is `Reply::None`, and a host may
    /// answer it at once in the process and hand it to the kernel later, with others
    /// (`Kernel::on_put_async`), as CPython's queue hands items to a feeder thread. The items
    /// stay in order with the process's other syscalls. On a bounded queue that is full the
    /// item is dropped (the interpreter sends this only for unbounded queues).
    PutAsync {
        h: Handle,
        item: Item,
    },
    /// Queue `get` / `Connection.recv`: reply `Reply::Item(item)`, or on timeout / non-blocking on
    /// empty `Reply::Error{kind:"queue.Empty", msg:""}`; a pipe whose other end is closed and
    /// empty gives `Reply::Error{kind:"EOFError", msg:""}`.
    Get {
        h: Handle,
        block: bool,
        timeout: Option<f64>,
    },
    /// `Get` for a queue's only reader that takes many items at once (a `Pool` collecting its
    /// results): reply `Reply::Items`, the oldest waiting items, at most `max`, once at least
    /// `min` are waiting (blocking until then if `block`); non-blocking or at the timeout, the
    /// items waiting then, or `Reply::Error{kind:"queue.Empty"}` if there are none.
    GetMany {
        h: Handle,
        block: bool,
        timeout: Option<f64>,
        min: u32,
        max: u32,
    },
    /// A question about a queue or pipe that never blocks: reply `Reply::Int` for `Size`,
    /// `Reply::Bool` for `Empty`/`Full`/`Poll` (`Poll` = `Connection.poll()`, data waiting).
    Query {
        h: Handle,
        q: QueueQuery,
    },
    /// `JoinableQueue.task_done()`: reply `Reply::None` or `Reply::Error{kind:"ValueError",
    /// msg:"task_done() called too many times"}`.
    TaskDone {
        h: Handle,
    },
    /// `JoinableQueue.join()`: block until every item put has been marked done; reply `Reply::None`.
    QueueJoin {
        h: Handle,
    },
    /// Close this process's use of a pipe end / queue (`Connection.close()`); reply `Reply::None`.
    Close {
        h: Handle,
    },
    /// Lock / RLock / Semaphore / BoundedSemaphore `acquire`: reply `Reply::Bool(acquired)`
    /// (false on timeout or non-blocking failure). An RLock counts per owner (pid, thread).
    Acquire {
        h: Handle,
        block: bool,
        timeout: Option<f64>,
    },
    /// `release`: reply `Reply::None`, or the error CPython raises (`ValueError` "semaphore or lock
    /// released too many times" for a bounded semaphore / a multiprocessing Lock released unlocked;
    /// `AssertionError` "attempt to release recursive lock not owned by thread" for an RLock).
    Release {
        h: Handle,
    },
    /// Event `set` / `clear`: reply `Reply::None`; `is_set`: `Reply::Bool`.
    EventSet {
        h: Handle,
    },
    EventClear {
        h: Handle,
    },
    EventIsSet {
        h: Handle,
    },
    /// Event `wait(timeout)`: block until set; reply `Reply::Bool(flag)`.
    EventWait {
        h: Handle,
        timeout: Option<f64>,
    },
    /// Condition `wait(timeout)` on condition `h` whose lock is `lock` (which the caller holds):
    /// atomically release the lock, wait for a notify, then re-acquire; reply `Reply::Bool(notified)`.
    CondWait {
        h: Handle,
        lock: Handle,
        timeout: Option<f64>,
    },
    /// Condition `notify(n)` / `notify_all()` (`n: None`): reply `Reply::None`.
    CondNotify {
        h: Handle,
        n: Option<u32>,
    },
    /// Barrier `wait(timeout)`: reply `Reply::Int(arrival index 0..parties)`, or
    /// `Reply::Error{kind:"threading.BrokenBarrierError", msg:""}`.
    BarrierWait {
        h: Handle,
        timeout: Option<f64>,
    },
    /// Shared memory (`Value`, `Array`, Manager-free sharing): read the whole stored item.
    /// Reply `Reply::Item`.
    Load {
        h: Handle,
    },
    /// Replace the stored item. Reply `Reply::None`.
    Store {
        h: Handle,
        item: Item,
    },
    /// `os.nice(inc)`: lower (positive `inc`) or raise this process's scheduling priority, as the
    /// priority policy uses it; reply `Reply::Int(new niceness)`.
    Nice {
        inc: i32,
    },

    // ---- The shared file system of the run (CPython's processes share the disk, so do ours). ----
    /// Read a whole text file: reply `Reply::Text(contents)`, or `Reply::Error{kind:
    /// "FileNotFoundError", msg: "[Errno 2] No such file or directory: 'a.json'"}`.
    ReadFile {
        path: String,
    },
    /// Write a whole text file (`append`: add to its end), as a flush/close of `open(path, 'w'/'a')`
    /// does; reply `Reply::None`.
    WriteFile {
        path: String,
        data: String,
        append: bool,
    },
    /// `os.remove(path)`: reply `Reply::None` or FileNotFoundError as above.
    RemoveFile {
        path: String,
    },
    /// `os.listdir()` / `os.path.exists`: reply `Reply::Text(names, one per line, sorted)`:
    /// file paths, and directory paths with a trailing `/` (`sub/inner/`).
    ListFiles,
    /// `os.mkdir(path)` (`parents: false`) / `os.makedirs(path, exist_ok)`: reply `Reply::None`,
    /// or `Reply::Error` FileExistsError / FileNotFoundError (missing parent) as the OS's.
    MakeDir {
        path: String,
        parents: bool,
        exist_ok: bool,
    },
    /// `os.rmdir(path)`: reply `Reply::None`, or FileNotFoundError / OSError (not empty).
    RemoveDir {
        path: String,
    },

    /// The calling thread's identity changed (green threads): later Acquire/Release/RLock ownership
    /// is per (pid, tid). Reply `Reply::None`.
    SetThread {
        tid: u32,
    },
}

/// A handle to a shared kernel object.
pub type Handle = u32;

/// What kind of shared object `Syscall::Create` makes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ObjKind {
    /// `multiprocessing.Queue(maxsize)` (0 = unbounded); `joinable` for `JoinableQueue`.
    Queue {
        maxsize: u32,
        joinable: bool,
    },
    /// One direction of a `Pipe()`: a pipe is two such channels (duplex) or one (simplex).
    Channel,
    Lock,
    RLock,
    Semaphore {
        value: u32,
        bounded: bool,
    },
    Event,
    Condition,
    Barrier {
        parties: u32,
    },
    /// A cell of shared memory holding one item (`Value`, `Array`).
    Shared {
        initial: Item,
    },
}

/// A question about a queue (see `Syscall::Query`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QueueQuery {
    Size,
    Empty,
    Full,
    Poll,
}

/// A Python value crossing processes: its pickled bytes (opaque to the kernel) and its repr, which
/// the page shows in the shared-objects view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub bytes: Vec<u8>,
    pub repr: String,
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
    /// A value from a queue, pipe or shared cell.
    Item(Item),
    /// Values from a queue, oldest first (`Syscall::GetMany`).
    Items(Vec<Item>),
    /// The answer to a `Get` on queue or pipe `h` that also lends the caller the items after
    /// `first` (see the kernel's `Config::lease_max`): its host keeps `rest` and answers the
    /// process's next gets on `h` itself, and resumes the process with `Item(first)`. Never
    /// reaches an interpreter.
    Lease {
        h: Handle,
        first: Item,
        rest: Vec<Item>,
    },
    /// Text: a file's contents, a listing.
    Text(String),
    /// The call failed: raise `kind` (a Python exception class name, e.g. "ValueError") with `msg`.
    Error {
        kind: String,
        msg: String,
    },
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

/// Sorts `v` stably by `cmp` through one copy of the standard library's sort for the whole
/// program. Each `sort`/`sort_by_key` call with its own element type or closure is a copy of
/// that sort (2-4 KB of wasm each); this wrapper, generic too, is a small fraction of that.
/// Not for hot paths: it sorts indices through a `dyn` comparator, then moves the items.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> core::cmp::Ordering) {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a as usize], &v[b as usize]));
    let mut items: Vec<Option<T>> = std::mem::take(v).into_iter().map(Some).collect();
    v.extend(
        order
            .into_iter()
            .map(|i| items[i as usize].take().expect("each index once")),
    );
}

/// [`sort_by`] by a key.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

#[inline(never)]
fn sort_indices(order: &mut [u32], cmp: &mut dyn FnMut(u32, u32) -> core::cmp::Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// A host's side of the items a kernel lends a process ([`Reply::Lease`]): it keeps them and
/// answers the process's gets on their queue or pipe itself, then reports what was taken
/// ([`Lent::take_report`]) and what it gave back.
#[derive(Clone, Debug, Default)]
pub struct Lent {
    items: Vec<(Handle, std::collections::VecDeque<Item>)>,
    /// Gets answered from lent items since the last report, per handle.
    taken: Vec<(Handle, u32)>,
    /// Handles whose lent items were given back since the last report.
    returned: Vec<Handle>,
}

impl Lent {
    /// The reply to resume the process with: a lease's first item (the rest are kept here).
    pub fn accept(&mut self, reply: Reply) -> Reply {
        match reply {
            Reply::Lease { h, first, rest } => {
                match self.items.iter_mut().find(|(lh, _)| *lh == h) {
                    Some((_, items)) => items.extend(rest),
                    None => self.items.push((h, rest.into())),
                }
                Reply::Item(first)
            }
            reply => reply,
        }
    }

    /// The answer to `call` from lent items, if it gets from a handle that has some. A call
    /// that reads that handle otherwise (`GetMany`, `Close`) gives its items back first: the
    /// kernel must hear of it before the call (`take_report`).
    pub fn answer(&mut self, call: &Syscall) -> Option<Reply> {
        let h = match call {
            Syscall::Get { h, .. } => *h,
            Syscall::GetMany { h, .. } | Syscall::Close { h } => {
                self.give_back(*h);
                return None;
            }
            _ => return None,
        };
        let pos = self.items.iter().position(|(lh, _)| *lh == h)?;
        let item = self.items[pos].1.pop_front()?;
        if self.items[pos].1.is_empty() {
            self.items.swap_remove(pos);
        }
        match self.taken.iter_mut().find(|(th, _)| *th == h) {
            Some((_, n)) => *n += 1,
            None => self.taken.push((h, 1)),
        }
        Some(Reply::Item(item))
    }

    /// Gives back what is left of `h`'s lent items before another kind of read: reported.
    pub fn give_back(&mut self, h: Handle) {
        if self.forget(h) {
            self.returned.push(h);
        }
    }

    /// Drops what is left of `h`'s lent items (answering a recall, which the host reports
    /// itself); whether there were any.
    pub fn forget(&mut self, h: Handle) -> bool {
        let pos = self.items.iter().position(|(lh, _)| *lh == h);
        pos.map(|pos| self.items.swap_remove(pos)).is_some()
    }

    /// What to report to the kernel, in this order: the gets answered here per handle, then
    /// the handles given back.
    pub fn take_report(&mut self) -> (Vec<(Handle, u32)>, Vec<Handle>) {
        (
            std::mem::take(&mut self.taken),
            std::mem::take(&mut self.returned),
        )
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        super::sort_by_key(&mut v, |x| x.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut w: Vec<String> = ["b", "a", "c"].iter().map(|s| s.to_string()).collect();
        super::sort_by(&mut w, |a, b| b.cmp(a));
        assert_eq!(w, ["c", "b", "a"]);
        let mut e: Vec<u8> = vec![];
        super::sort_by(&mut e, |a, b| a.cmp(b));
        assert!(e.is_empty());
    }

    #[test]
    fn lent_items_answer_gets_until_used_up_or_given_back() {
        use super::{Lent, Reply, Syscall};
        let item = |s: &str| super::Item {
            bytes: s.as_bytes().to_vec(),
            repr: s.into(),
        };
        let get = |h| Syscall::Get {
            h,
            block: true,
            timeout: None,
        };
        let mut lent = Lent::default();
        assert_eq!(lent.accept(Reply::Int(3)), Reply::Int(3));
        let lease = Reply::Lease {
            h: 1,
            first: item("a"),
            rest: vec![item("b"), item("c")],
        };
        assert_eq!(lent.accept(lease), Reply::Item(item("a")));
        assert_eq!(lent.answer(&get(2)), None);
        assert_eq!(lent.answer(&get(1)), Some(Reply::Item(item("b"))));
        assert_eq!(lent.take_report(), (vec![(1, 1)], vec![]));
        // Another kind of read gives the rest back, to be reported before it.
        assert_eq!(lent.answer(&Syscall::Close { h: 1 }), None);
        assert_eq!(lent.answer(&get(1)), None);
        assert_eq!(lent.take_report(), (vec![], vec![1]));
        let lease = Reply::Lease {
            h: 1,
            first: item("d"),
            rest: vec![item("e")],
        };
        lent.accept(lease);
        assert_eq!(lent.answer(&get(1)), Some(Reply::Item(item("e"))));
        // Used up: nothing to give back.
        lent.give_back(1);
        assert_eq!(lent.take_report(), (vec![(1, 1)], vec![]));
    }
}
