//! Shared kernel objects: queues, pipes, locks, semaphores, events, conditions, barriers and
//! shared cells, with CPython 3.11's `multiprocessing` semantics (on Linux).
//!
//! Every object keeps its blocked processes in one FIFO list (`Obj::waiters`), each with what it
//! waits for (`Wait`). After any change of an object the kernel serves that list in order as far
//! as the object allows (`Kernel::pump`), so wake-ups are first come, first served: a lock or a
//! semaphore is handed over directly to its oldest waiter, an item to the oldest getter. A waiter
//! is woken like any blocked process: its reply goes to `Sched::pending` and it becomes ready.
//!
//! Handles are global to the run (`objects[h - 1]`); the kernel does not track which process
//! holds which handle, except pipe channels, whose writers decide when a `recv` sees EOF.

use std::collections::{BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::{
    error, secs_to_us, BlockReason, Handle, Item, Kernel, Micros, ObjKind, Pid, ProcState,
    QueueQuery, Reply, Syscall, TraceKind,
};

/// One shared object.
#[derive(Clone, Debug)]
pub(crate) struct Obj {
    label: String,
    state: ObjState,
    /// Blocked processes in arrival order, with what each waits for.
    waiters: VecDeque<(Pid, Wait)>,
    /// The process that released it last (lock, rlock, semaphore): the hand-over arrow's source.
    last_release: Option<Pid>,
    /// Queue or pipe: the oldest items lent to a process (`Config::lease_max`).
    lease: Option<Lease>,
    /// Queue or pipe: who has read it so far (lending stops for good at a second reader).
    readers: Readers,
}

/// Items lent to `pid`: the `count` oldest of a queue or pipe, which stay in it until `pid`'s
/// host reports them taken (`Kernel::on_lent_report`) or gives them back.
#[derive(Clone, Debug)]
struct Lease {
    pid: Pid,
    count: u32,
    /// `Effect::Recall` was sent for them.
    recalled: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Readers {
    None,
    One(Pid),
    Many,
}

#[derive(Clone, Debug)]
enum ObjState {
    Queue {
        maxsize: u32,
        joinable: bool,
        /// Items with the process that put each.
        items: VecDeque<(Item, Pid)>,
        /// JoinableQueue: items put and not yet marked done.
        unfinished: u64,
    },
    Channel {
        items: VecDeque<(Item, Pid)>,
        /// Processes that may still send: the creator and every process forked while holding
        /// it, less those that closed it or ended (as the copies of a pipe's write end are).
        writers: BTreeSet<Pid>,
    },
    /// A multiprocessing Lock: owned by (pid, tid) while held; any process may release it.
    Lock {
        owner: Option<(Pid, u32)>,
    },
    RLock {
        owner: Option<(Pid, u32)>,
        count: u32,
    },
    Semaphore {
        value: u32,
        initial: u32,
        bounded: bool,
    },
    Event {
        flag: bool,
    },
    Condition,
    Barrier {
        parties: u32,
        /// Arrivals in the current round.
        arrived: u32,
        broken: bool,
    },
    Shared {
        item: Item,
    },
}

/// What a blocked process waits for on an object.
#[derive(Clone, Debug)]
enum Wait {
    /// `get` / `recv`.
    Get,
    /// `Syscall::GetMany`: at least `min` items, at most `max`.
    GetMany {
        min: u32,
        max: u32,
    },
    /// `put` of this item, waiting for room.
    Put(Item),
    /// `JoinableQueue.join`.
    QueueJoin,
    /// `acquire`: on success set an RLock's count to `count`; reply `Bool(true)`, or for a
    /// condition's re-acquire (`notified: Some`) `Bool(notified)`.
    Acquire {
        count: u32,
        notified: Option<bool>,
    },
    Event,
    /// `Condition.wait`, having released `lock` (whose RLock count was `count`).
    Notify {
        lock: Handle,
        count: u32,
    },
    /// `Barrier.wait` as the `index`-th arrival.
    Barrier {
        index: u32,
    },
}

/// One shared object as the page's shared-objects view shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjView {
    pub h: Handle,
    pub label: String,
    /// "Queue", "JoinableQueue", "Pipe", "Lock", "RLock", "Semaphore", "BoundedSemaphore",
    /// "Event", "Condition", "Barrier", "Value".
    pub kind: String,
    /// The reprs of the items waiting in a queue or pipe, oldest first.
    pub items: Vec<String>,
    /// Who holds a lock or rlock.
    pub owner: Option<Pid>,
    /// Blocked processes, in the order they will be served.
    pub waiters: Vec<Pid>,
    /// A short state: a semaphore's value, "set"/"clear", an rlock's count, "2/3 arrived",
    /// a shared cell's repr, a joinable queue's unfinished count, "closed" for a pipe.
    pub value: Option<String>,
}

fn kind_name(kind: &ObjKind) -> &'static str {
    match kind {
        ObjKind::Queue {
            joinable: false, ..
        } => "Queue",
        ObjKind::Queue { joinable: true, .. } => "JoinableQueue",
        ObjKind::Channel => "Pipe",
        ObjKind::Lock => "Lock",
        ObjKind::RLock => "RLock",
        ObjKind::Semaphore { bounded: false, .. } => "Semaphore",
        ObjKind::Semaphore { bounded: true, .. } => "BoundedSemaphore",
        ObjKind::Event => "Event",
        ObjKind::Condition => "Condition",
        ObjKind::Barrier { .. } => "Barrier",
        ObjKind::Shared { .. } => "Value",
    }
}

fn state_kind_name(s: &ObjState) -> &'static str {
    match s {
        ObjState::Queue {
            joinable: false, ..
        } => "Queue",
        ObjState::Queue { joinable: true, .. } => "JoinableQueue",
        ObjState::Channel { .. } => "Pipe",
        ObjState::Lock { .. } => "Lock",
        ObjState::RLock { .. } => "RLock",
        ObjState::Semaphore { bounded: false, .. } => "Semaphore",
        ObjState::Semaphore { bounded: true, .. } => "BoundedSemaphore",
        ObjState::Event { .. } => "Event",
        ObjState::Condition => "Condition",
        ObjState::Barrier { .. } => "Barrier",
        ObjState::Shared { .. } => "Value",
    }
}

const RELEASED_TOO_MANY: &str = "semaphore or lock released too many times";

fn empty() -> Reply {
    error("queue.Empty", "")
}

fn full() -> Reply {
    error("queue.Full", "")
}

fn broken_barrier() -> Reply {
    error("threading.BrokenBarrierError", "")
}

/// A deadline for a blocking call: `Ok(None)` waits forever, `Err(())` must not wait at all
/// (non-blocking, or a timeout of 0 or less, which CPython treats as "poll once").
fn deadline(now: Micros, block: bool, timeout: Option<f64>) -> Result<Option<Micros>, ()> {
    match (block, timeout) {
        (false, _) => Err(()),
        (true, None) => Ok(None),
        (true, Some(t)) if t.is_nan() || t <= 0.0 => Err(()),
        (true, Some(t)) => Ok(Some(now.saturating_add(secs_to_us(t)))),
    }
}

impl Kernel {
    /// Every shared object now, in creation order.
    pub fn objects(&self) -> Vec<ObjView> {
        self.objects
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let (items, owner, value) = match &o.state {
                    ObjState::Queue {
                        items,
                        joinable,
                        unfinished,
                        ..
                    } => (
                        items.iter().map(|(it, _)| it.repr.clone()).collect(),
                        None,
                        joinable.then(|| format!("{unfinished} unfinished")),
                    ),
                    ObjState::Channel { items, writers } => (
                        items.iter().map(|(it, _)| it.repr.clone()).collect(),
                        None,
                        writers.is_empty().then(|| "closed".to_string()),
                    ),
                    ObjState::Lock { owner } => (
                        vec![],
                        owner.map(|o| o.0),
                        Some(
                            if owner.is_some() {
                                "locked"
                            } else {
                                "unlocked"
                            }
                            .into(),
                        ),
                    ),
                    ObjState::RLock { owner, count } => {
                        (vec![], owner.map(|o| o.0), Some(format!("count {count}")))
                    }
                    ObjState::Semaphore { value, .. } => (vec![], None, Some(value.to_string())),
                    ObjState::Event { flag } => (
                        vec![],
                        None,
                        Some(if *flag { "set" } else { "clear" }.into()),
                    ),
                    ObjState::Condition => (vec![], None, None),
                    ObjState::Barrier {
                        parties,
                        arrived,
                        broken,
                    } => (
                        vec![],
                        None,
                        Some(if *broken {
                            "broken".to_string()
                        } else {
                            format!("{arrived}/{parties} arrived")
                        }),
                    ),
                    ObjState::Shared { item } => (vec![], None, Some(item.repr.clone())),
                };
                ObjView {
                    h: i as Handle + 1,
                    label: o.label.clone(),
                    kind: state_kind_name(&o.state).into(),
                    items,
                    owner,
                    waiters: o.waiters.iter().map(|(p, _)| *p).collect(),
                    value,
                }
            })
            .collect()
    }

    /// An object's label ("Queue-1"), or "#h" for an unknown handle.
    pub(crate) fn obj_label(&self, h: Handle) -> String {
        match self.obj_index(h) {
            Some(i) => self.objects[i].label.clone(),
            None => format!("#{h}"),
        }
    }

    fn obj_index(&self, h: Handle) -> Option<usize> {
        let i = (h as usize).checked_sub(1)?;
        (i < self.objects.len()).then_some(i)
    }

    /// A forked child can send on every pipe its parent can.
    pub(crate) fn inherit_objects(&mut self, parent_idx: usize, child: Pid) {
        let parent = self.procs[parent_idx].pid;
        for o in &mut self.objects {
            if let ObjState::Channel { writers, .. } = &mut o.state {
                if writers.contains(&parent) {
                    writers.insert(child);
                }
            }
        }
    }

    /// A process ends: it leaves the wait list it is in, and stops being a pipe writer (which
    /// may give waiting readers EOF). A lock it holds stays held, as with a killed CPython
    /// process, and a barrier keeps counting its arrival (the shared counter was incremented).
    /// Called before its state becomes `Terminated`.
    pub(crate) fn leave_objects(&mut self, now: Micros, idx: usize) {
        let pid = self.procs[idx].pid;
        if let ProcState::Blocked(r) = &self.procs[idx].state {
            if let Some(i) = r.handle().and_then(|h| self.obj_index(h)) {
                self.objects[i].waiters.retain(|(p, _)| *p != pid);
            }
        }
        let mut changed = Vec::new();
        for (i, o) in self.objects.iter_mut().enumerate() {
            if let ObjState::Channel { writers, .. } = &mut o.state {
                if writers.remove(&pid) && writers.is_empty() {
                    changed.push(i);
                }
            }
            // Items lent to it and not taken go back (as unread items stay in a pipe).
            if o.lease.take_if(|l| l.pid == pid).is_some() {
                changed.push(i);
            }
        }
        if !self.stopping {
            for i in changed {
                self.pump(now, i);
            }
        }
    }

    /// A blocked process's timeout fired: take it off the wait list and say what to reply, or
    /// `None` if it stays blocked or was already woken here.
    pub(crate) fn obj_timeout(&mut self, now: Micros, idx: usize) -> Option<Reply> {
        let pid = self.procs[idx].pid;
        let ProcState::Blocked(r) = &self.procs[idx].state else {
            return None;
        };
        let i = self.obj_index(r.handle()?)?;
        let pos = self.objects[i]
            .waiters
            .iter()
            .position(|(p, _)| *p == pid)?;
        let (_, wait) = self.objects[i]
            .waiters
            .remove(pos)
            .expect("position is valid");
        match wait {
            Wait::Get => Some(empty()),
            Wait::GetMany { max, .. } => {
                Some(self.take_items(now, i, pid, max).unwrap_or_else(empty))
            }
            Wait::Put(_) => Some(full()),
            Wait::QueueJoin => Some(Reply::None),
            Wait::Acquire {
                notified: Some(_), ..
            } => {
                // The lock of a condition is re-acquired without timeout (as CPython does).
                unreachable!("a condition's re-acquire has no timer")
            }
            Wait::Acquire { .. } => Some(Reply::Bool(false)),
            Wait::Event => match self.objects[i].state {
                ObjState::Event { flag } => Some(Reply::Bool(flag)),
                _ => Some(Reply::Bool(false)),
            },
            Wait::Notify { lock, count } => self.reacquire(now, idx, lock, count, false),
            Wait::Barrier { .. } => {
                // A timeout breaks the barrier for every party, this one included.
                self.break_barrier(now, i);
                Some(broken_barrier())
            }
        }
    }

    /// Carries out an object syscall: `Some(reply)` at once, or `None` when the caller blocked.
    pub(crate) fn obj_syscall(&mut self, now: Micros, idx: usize, call: Syscall) -> Option<Reply> {
        let pid = self.procs[idx].pid;
        let tid = self.sched[idx].tid;
        if let Syscall::Create { kind, label } = call {
            let state = match &kind {
                ObjKind::Queue { maxsize, joinable } => ObjState::Queue {
                    maxsize: *maxsize,
                    joinable: *joinable,
                    items: VecDeque::new(),
                    unfinished: 0,
                },
                ObjKind::Channel => ObjState::Channel {
                    items: VecDeque::new(),
                    writers: BTreeSet::from([pid]),
                },
                ObjKind::Lock => ObjState::Lock { owner: None },
                ObjKind::RLock => ObjState::RLock {
                    owner: None,
                    count: 0,
                },
                ObjKind::Semaphore { value, bounded } => ObjState::Semaphore {
                    value: *value,
                    initial: *value,
                    bounded: *bounded,
                },
                ObjKind::Event => ObjState::Event { flag: false },
                ObjKind::Condition => ObjState::Condition,
                ObjKind::Barrier { parties } => ObjState::Barrier {
                    parties: (*parties).max(1),
                    arrived: 0,
                    broken: false,
                },
                ObjKind::Shared { initial } => ObjState::Shared {
                    item: initial.clone(),
                },
            };
            self.objects.push(Obj {
                label: label.clone(),
                state,
                waiters: VecDeque::new(),
                last_release: None,
                lease: None,
                readers: Readers::None,
            });
            let h = self.objects.len() as Handle;
            let kind = kind_name(&kind).to_string();
            self.record(now, pid, TraceKind::Create { h, kind, label });
            return Some(Reply::Int(h as i64));
        }
        let h = match &call {
            Syscall::Put { h, .. }
            | Syscall::PutAsync { h, .. }
            | Syscall::Get { h, .. }
            | Syscall::GetMany { h, .. }
            | Syscall::Query { h, .. }
            | Syscall::TaskDone { h }
            | Syscall::QueueJoin { h }
            | Syscall::Close { h }
            | Syscall::Acquire { h, .. }
            | Syscall::Release { h }
            | Syscall::EventSet { h }
            | Syscall::EventClear { h }
            | Syscall::EventIsSet { h }
            | Syscall::EventWait { h, .. }
            | Syscall::CondWait { h, .. }
            | Syscall::CondNotify { h, .. }
            | Syscall::BarrierWait { h, .. }
            | Syscall::Load { h }
            | Syscall::Store { h, .. } => *h,
            other => unreachable!("not an object syscall: {other:?}"),
        };
        let Some(i) = self.obj_index(h) else {
            return Some(error("OSError", "[Errno 9] Bad file descriptor"));
        };
        let wrong = || {
            Some(error(
                "TypeError",
                "this operation does not apply to this kind of object",
            ))
        };
        match call {
            // Never blocks; on a full (bounded) queue the item is dropped, see `Syscall::PutAsync`.
            Syscall::PutAsync { h, item } => {
                let put = Syscall::Put {
                    h,
                    item,
                    block: false,
                    timeout: None,
                };
                self.obj_syscall(now, idx, put).map(|_| Reply::None)
            }
            Syscall::Put {
                item,
                block,
                timeout,
                ..
            } => {
                let room = match &self.objects[i].state {
                    ObjState::Queue { maxsize, items, .. } => {
                        *maxsize == 0 || items.len() < *maxsize as usize
                    }
                    // A pipe's buffer is unbounded here (a real one blocks at 64 KiB).
                    ObjState::Channel { .. } => true,
                    _ => return wrong(),
                };
                // FIFO: a put never overtakes an earlier blocked put.
                let queued = self.objects[i]
                    .waiters
                    .iter()
                    .any(|(_, w)| matches!(w, Wait::Put(_)));
                if room && !queued {
                    self.enqueue(now, i, pid, item);
                    self.pump(now, i);
                    return Some(Reply::None);
                }
                match deadline(now, block, timeout) {
                    Err(()) => Some(full()),
                    Ok(d) => {
                        self.objects[i].waiters.push_back((pid, Wait::Put(item)));
                        self.block(now, idx, BlockReason::Queue { h, put: true }, d);
                        None
                    }
                }
            }
            Syscall::GetMany {
                block,
                timeout,
                min,
                max,
                ..
            } => {
                let waiting = match &self.objects[i].state {
                    ObjState::Queue { items, .. } => items.len(),
                    _ => return wrong(),
                };
                let (lent, queued) = self.reader_waits(i, pid);
                if !queued && (waiting >= min.max(1) as usize || (!block && waiting > 0)) {
                    let got = self.take_items(now, i, pid, max);
                    self.pump(now, i);
                    return got;
                }
                match deadline(now, block || lent, timeout) {
                    Err(()) => Some(empty()),
                    Ok(d) => {
                        let wait = Wait::GetMany { min, max };
                        self.objects[i].waiters.push_back((pid, wait));
                        let reason = BlockReason::Queue { h, put: false };
                        self.block(now, idx, reason, d);
                        None
                    }
                }
            }
            Syscall::Get { block, timeout, .. } => {
                let reason = match &self.objects[i].state {
                    ObjState::Queue { .. } => BlockReason::Queue { h, put: false },
                    ObjState::Channel { .. } => BlockReason::Channel(h),
                    _ => return wrong(),
                };
                let (lent, queued) = self.reader_waits(i, pid);
                if !queued {
                    if let Some(reply) = self.dequeue(now, i, pid) {
                        let reply = self.lend(i, pid, reply);
                        self.pump(now, i);
                        return Some(reply);
                    }
                    if let ObjState::Channel { writers, .. } = &self.objects[i].state {
                        if writers.is_empty() {
                            return Some(error("EOFError", ""));
                        }
                    }
                }
                // Items lent to another process are on their way back: wait for them.
                match deadline(now, block || lent, timeout) {
                    Err(()) => Some(empty()),
                    Ok(d) => {
                        self.objects[i].waiters.push_back((pid, Wait::Get));
                        self.block(now, idx, reason, d);
                        None
                    }
                }
            }
            Syscall::Query { q, .. } => {
                let (len, max, eof) = match &self.objects[i].state {
                    ObjState::Queue { items, maxsize, .. } => {
                        (items.len(), *maxsize as usize, false)
                    }
                    ObjState::Channel { items, writers } => (items.len(), 0, writers.is_empty()),
                    _ => return wrong(),
                };
                Some(match q {
                    QueueQuery::Size => Reply::Int(len as i64),
                    QueueQuery::Empty => Reply::Bool(len == 0),
                    QueueQuery::Full => Reply::Bool(max > 0 && len >= max),
                    // A pipe whose every write end is closed polls ready: recv raises EOFError.
                    QueueQuery::Poll => Reply::Bool(len > 0 || eof),
                })
            }
            Syscall::TaskDone { .. } => match &mut self.objects[i].state {
                ObjState::Queue {
                    joinable: true,
                    unfinished,
                    ..
                } => {
                    if *unfinished == 0 {
                        Some(error("ValueError", "task_done() called too many times"))
                    } else {
                        *unfinished -= 1;
                        self.pump(now, i);
                        Some(Reply::None)
                    }
                }
                _ => Some(error(
                    "AttributeError",
                    "'Queue' object has no attribute 'task_done'",
                )),
            },
            Syscall::QueueJoin { .. } => match &self.objects[i].state {
                ObjState::Queue {
                    joinable: true,
                    unfinished,
                    ..
                } => {
                    if *unfinished == 0 {
                        Some(Reply::None)
                    } else {
                        self.objects[i].waiters.push_back((pid, Wait::QueueJoin));
                        self.block(now, idx, BlockReason::QueueJoin(h), None);
                        None
                    }
                }
                _ => Some(error(
                    "AttributeError",
                    "'Queue' object has no attribute 'join'",
                )),
            },
            Syscall::Close { .. } => {
                if let ObjState::Channel { writers, .. } = &mut self.objects[i].state {
                    if writers.remove(&pid) && writers.is_empty() {
                        self.pump(now, i);
                    }
                }
                Some(Reply::None)
            }
            Syscall::Acquire { block, timeout, .. } => {
                if !matches!(
                    self.objects[i].state,
                    ObjState::Lock { .. } | ObjState::RLock { .. } | ObjState::Semaphore { .. }
                ) {
                    return wrong();
                }
                // An RLock's owner re-enters at once, even with others waiting.
                if let ObjState::RLock { owner, count } = &mut self.objects[i].state {
                    if *owner == Some((pid, tid)) {
                        *count += 1;
                        return Some(Reply::Bool(true));
                    }
                }
                if self.objects[i].waiters.is_empty() && self.try_take(i, pid, tid, 1) {
                    let from = self.objects[i].last_release;
                    self.record(now, pid, TraceKind::Acquire { h, from });
                    return Some(Reply::Bool(true));
                }
                match deadline(now, block, timeout) {
                    Err(()) => Some(Reply::Bool(false)),
                    Ok(d) => {
                        self.objects[i].waiters.push_back((
                            pid,
                            Wait::Acquire {
                                count: 1,
                                notified: None,
                            },
                        ));
                        self.block(now, idx, BlockReason::Lock(h), d);
                        None
                    }
                }
            }
            Syscall::Release { .. } => {
                let reply = match &mut self.objects[i].state {
                    ObjState::Lock { owner } => {
                        if owner.is_none() {
                            return Some(error("ValueError", RELEASED_TOO_MANY));
                        }
                        *owner = None;
                        Reply::None
                    }
                    ObjState::RLock { owner, count } => {
                        if *owner != Some((pid, tid)) {
                            return Some(error(
                                "AssertionError",
                                "attempt to release recursive lock not owned by thread",
                            ));
                        }
                        *count -= 1;
                        if *count > 0 {
                            return Some(Reply::None);
                        }
                        *owner = None;
                        Reply::None
                    }
                    ObjState::Semaphore {
                        value,
                        initial,
                        bounded,
                    } => {
                        if *bounded && *value >= *initial {
                            return Some(error("ValueError", RELEASED_TOO_MANY));
                        }
                        *value += 1;
                        Reply::None
                    }
                    _ => return wrong(),
                };
                self.objects[i].last_release = Some(pid);
                self.record(now, pid, TraceKind::Release { h });
                self.pump(now, i);
                Some(reply)
            }
            Syscall::EventSet { .. } => match &mut self.objects[i].state {
                ObjState::Event { flag } => {
                    *flag = true;
                    self.pump(now, i);
                    Some(Reply::None)
                }
                _ => wrong(),
            },
            Syscall::EventClear { .. } => match &mut self.objects[i].state {
                ObjState::Event { flag } => {
                    *flag = false;
                    Some(Reply::None)
                }
                _ => wrong(),
            },
            Syscall::EventIsSet { .. } => match self.objects[i].state {
                ObjState::Event { flag } => Some(Reply::Bool(flag)),
                _ => wrong(),
            },
            Syscall::EventWait { timeout, .. } => match self.objects[i].state {
                ObjState::Event { flag: true } => Some(Reply::Bool(true)),
                ObjState::Event { flag: false } => match deadline(now, true, timeout) {
                    Err(()) => Some(Reply::Bool(false)),
                    Ok(d) => {
                        self.objects[i].waiters.push_back((pid, Wait::Event));
                        self.block(now, idx, BlockReason::Event(h), d);
                        None
                    }
                },
                _ => wrong(),
            },
            Syscall::CondWait { lock, timeout, .. } => {
                if !matches!(self.objects[i].state, ObjState::Condition) {
                    return wrong();
                }
                let Some(li) = self.obj_index(lock) else {
                    return Some(error("OSError", "[Errno 9] Bad file descriptor"));
                };
                // Release the lock completely (an RLock's whole count), remembering the count.
                let count = match &mut self.objects[li].state {
                    ObjState::Lock { owner } if *owner == Some((pid, tid)) => {
                        *owner = None;
                        1
                    }
                    ObjState::RLock { owner, count } if *owner == Some((pid, tid)) => {
                        *owner = None;
                        std::mem::take(count)
                    }
                    ObjState::Lock { .. } | ObjState::RLock { .. } => {
                        return Some(error(
                            "AssertionError",
                            "must acquire() condition before using wait()",
                        ))
                    }
                    _ => return wrong(),
                };
                self.objects[li].last_release = Some(pid);
                self.record(now, pid, TraceKind::Release { h: lock });
                self.pump(now, li);
                let d = match deadline(now, true, timeout) {
                    Ok(d) => d,
                    // A zero timeout still releases and re-acquires, as CPython does.
                    Err(()) => {
                        return self.reacquire(now, idx, lock, count, false);
                    }
                };
                self.objects[i]
                    .waiters
                    .push_back((pid, Wait::Notify { lock, count }));
                self.block(now, idx, BlockReason::Condition(h), d);
                None
            }
            Syscall::CondNotify { n, .. } => {
                if !matches!(self.objects[i].state, ObjState::Condition) {
                    return wrong();
                }
                let mut left = n.map_or(usize::MAX, |n| n as usize);
                while left > 0 {
                    let Some((wpid, wait)) = self.objects[i].waiters.pop_front() else {
                        break;
                    };
                    left -= 1;
                    let Wait::Notify { lock, count } = wait else {
                        continue;
                    };
                    let widx = self.idx(wpid).expect("a waiter is a known process");
                    self.cancel_timer(widx);
                    if let Some(reply) = self.reacquire(now, widx, lock, count, true) {
                        self.wake(now, widx, reply);
                    }
                }
                Some(Reply::None)
            }
            Syscall::BarrierWait { timeout, .. } => {
                let ObjState::Barrier {
                    parties,
                    arrived,
                    broken,
                } = &mut self.objects[i].state
                else {
                    return wrong();
                };
                if *broken {
                    return Some(broken_barrier());
                }
                let index = *arrived;
                *arrived += 1;
                if *arrived == *parties {
                    // The last arrival releases the round and starts the next.
                    *arrived = 0;
                    let waiters = std::mem::take(&mut self.objects[i].waiters);
                    for (wpid, wait) in waiters {
                        let Wait::Barrier { index } = wait else {
                            continue;
                        };
                        let widx = self.idx(wpid).expect("a waiter is a known process");
                        self.wake(now, widx, Reply::Int(index as i64));
                    }
                    return Some(Reply::Int(index as i64));
                }
                match deadline(now, true, timeout) {
                    Err(()) => {
                        self.break_barrier(now, i);
                        Some(broken_barrier())
                    }
                    Ok(d) => {
                        self.objects[i]
                            .waiters
                            .push_back((pid, Wait::Barrier { index }));
                        self.block(now, idx, BlockReason::Barrier(h), d);
                        None
                    }
                }
            }
            Syscall::Load { .. } => match &self.objects[i].state {
                ObjState::Shared { item } => Some(Reply::Item(item.clone())),
                _ => wrong(),
            },
            Syscall::Store { item, .. } => match &mut self.objects[i].state {
                ObjState::Shared { item: cell } => {
                    *cell = item;
                    Some(Reply::None)
                }
                _ => wrong(),
            },
            _ => unreachable!("handled above"),
        }
    }

    /// Wakes a blocked process with `reply`.
    fn wake(&mut self, now: Micros, idx: usize, reply: Reply) {
        self.cancel_timer(idx);
        self.sched[idx].pending = Some(reply);
        self.make_ready(now, idx);
    }

    /// Puts an item at the back of queue or channel `i` (there is room).
    fn enqueue(&mut self, now: Micros, i: usize, pid: Pid, item: Item) {
        let h = i as Handle + 1;
        let item_repr = item.repr.clone();
        match &mut self.objects[i].state {
            ObjState::Queue {
                items,
                joinable,
                unfinished,
                ..
            } => {
                items.push_back((item, pid));
                if *joinable {
                    *unfinished += 1;
                }
            }
            ObjState::Channel { items, .. } => items.push_back((item, pid)),
            _ => unreachable!("enqueue on a queue or channel"),
        }
        self.record(now, pid, TraceKind::Put { h, item_repr });
    }

    /// Takes the oldest item of queue or channel `i` for `pid`, if there is one.
    fn dequeue(&mut self, now: Micros, i: usize, pid: Pid) -> Option<Reply> {
        let h = i as Handle + 1;
        let (item, from) = match &mut self.objects[i].state {
            ObjState::Queue { items, .. } | ObjState::Channel { items, .. } => items.pop_front()?,
            _ => return None,
        };
        self.record(
            now,
            pid,
            TraceKind::Get {
                h,
                item_repr: item.repr.clone(),
                from: Some(from),
            },
        );
        Some(Reply::Item(item))
    }

    /// `pid` reads queue or pipe `i` (a get that reached the kernel): notes the reader, and
    /// says whether the oldest items are lent to another process (asked back now), which
    /// `pid` must then wait for. Items lent to `pid` itself are all
    /// taken by now (its host answers its gets while it has any).
    fn read_by(&mut self, i: usize, pid: Pid) -> bool {
        let ended = |p: Pid| {
            self.idx(p)
                .is_none_or(|j| self.procs[j].state == ProcState::Terminated)
        };
        self.objects[i].readers = match self.objects[i].readers {
            Readers::None => Readers::One(pid),
            // A reader that ended does not compete with the next.
            Readers::One(p) if p == pid || ended(p) => Readers::One(pid),
            _ => Readers::Many,
        };
        match &self.objects[i].lease {
            None => false,
            Some(l) if l.pid == pid => {
                self.objects[i].lease = None;
                false
            }
            Some(_) => {
                self.recall(i);
                true
            }
        }
    }

    /// `pid` reads queue or pipe `i`: (items are lent to another process, so it waits even if
    /// it would not block; it must wait behind them or behind earlier readers).
    fn reader_waits(&mut self, i: usize, pid: Pid) -> (bool, bool) {
        let lent = self.read_by(i, pid);
        let queued = lent
            || self.objects[i]
                .waiters
                .iter()
                .any(|(_, w)| matches!(w, Wait::Get | Wait::GetMany { .. }));
        (lent, queued)
    }

    /// Lends `pid`, the only reader of queue or pipe `i` so far, the items after the one it
    /// just took (`reply`), up to `Config::lease_max`: a `Reply::Lease` instead of `reply`.
    fn lend(&mut self, i: usize, pid: Pid, reply: Reply) -> Reply {
        let max = self.config.lease_max as usize;
        let o = &mut self.objects[i];
        let items = match &o.state {
            ObjState::Queue {
                maxsize: 0, items, ..
            }
            | ObjState::Channel { items, .. } => items,
            _ => return reply,
        };
        let n = items.len().min(max);
        if n == 0 || o.readers != Readers::One(pid) || o.lease.is_some() {
            return reply;
        }
        let Reply::Item(first) = reply else {
            return reply;
        };
        let rest = items.iter().take(n).map(|(item, _)| item.clone()).collect();
        o.lease = Some(Lease {
            pid,
            count: n as u32,
            recalled: false,
        });
        Reply::Lease {
            h: i as Handle + 1,
            first,
            rest,
        }
    }

    /// Asks for the items lent from queue or pipe `i` back (`Effect::Recall`), once. The
    /// lease went out with an immediate `Effect::Run`, so the recall reaches its host after it.
    fn recall(&mut self, i: usize) {
        let Some(l) = &mut self.objects[i].lease else {
            return;
        };
        if l.recalled {
            return;
        }
        l.recalled = true;
        let pid = l.pid;
        let h = i as Handle + 1;
        self.effects.push(crate::Effect::Recall { pid, h });
    }

    /// A recall is on its way (`Effect::Recall` not answered yet): processes that all wait are
    /// not deadlocked, the returned items will wake one.
    pub(crate) fn recall_pending(&self) -> bool {
        self.objects
            .iter()
            .any(|o| o.lease.as_ref().is_some_and(|l| l.recalled))
    }

    /// `pid`'s host took `n` of the items of `h` lent to it.
    pub(crate) fn lease_taken(&mut self, now: Micros, pid: Pid, h: Handle, n: u32) {
        let Some(i) = self.obj_index(h) else { return };
        let Some(l) = self.objects[i].lease.as_mut().filter(|l| l.pid == pid) else {
            return;
        };
        let n = n.min(l.count);
        l.count -= n;
        let all = l.count == 0;
        for _ in 0..n {
            self.dequeue(now, i, pid);
        }
        if all {
            self.end_lease(now, pid, h);
        }
    }

    /// `pid`'s lease of `h` ends (its items given back, or all taken): waiting readers are served.
    pub(crate) fn end_lease(&mut self, now: Micros, pid: Pid, h: Handle) {
        let Some(i) = self.obj_index(h) else { return };
        if self.objects[i].lease.take_if(|l| l.pid == pid).is_some() && !self.stopping {
            self.pump(now, i);
        }
    }

    /// Takes the oldest items of queue `i` for `pid`, at most `max` (and at least one): `None`
    /// if none is waiting.
    fn take_items(&mut self, now: Micros, i: usize, pid: Pid, max: u32) -> Option<Reply> {
        let mut got = Vec::new();
        while got.len() < max.max(1) as usize {
            match self.dequeue(now, i, pid) {
                Some(Reply::Item(item)) => got.push(item),
                _ => break,
            }
        }
        (!got.is_empty()).then_some(Reply::Items(got))
    }

    /// Takes lock, rlock or semaphore `i` for (pid, tid) if it is free.
    fn try_take(&mut self, i: usize, pid: Pid, tid: u32, rcount: u32) -> bool {
        match &mut self.objects[i].state {
            ObjState::Lock { owner } if owner.is_none() => {
                *owner = Some((pid, tid));
                true
            }
            ObjState::RLock { owner, count } if owner.is_none() => {
                *owner = Some((pid, tid));
                *count = rcount.max(1);
                true
            }
            ObjState::Semaphore { value, .. } if *value > 0 => {
                *value -= 1;
                true
            }
            _ => false,
        }
    }

    /// After `Condition.wait`: re-acquire `lock` (restoring an RLock's count), replying
    /// `Bool(notified)` once it is held. `Some(reply)` if taken at once, else the process now
    /// waits on the lock (state `Blocked(Lock)`) with no timeout.
    fn reacquire(
        &mut self,
        now: Micros,
        idx: usize,
        lock: Handle,
        count: u32,
        notified: bool,
    ) -> Option<Reply> {
        let pid = self.procs[idx].pid;
        let tid = self.sched[idx].tid;
        let li = self.obj_index(lock).expect("the lock was checked at wait");
        if self.objects[li].waiters.is_empty() && self.try_take(li, pid, tid, count) {
            let from = self.objects[li].last_release;
            self.record(now, pid, TraceKind::Acquire { h: lock, from });
            return Some(Reply::Bool(notified));
        }
        self.objects[li].waiters.push_back((
            pid,
            Wait::Acquire {
                count,
                notified: Some(notified),
            },
        ));
        let state = ProcState::Blocked(BlockReason::Lock(lock));
        if self.procs[idx].state == ProcState::Running {
            self.block(now, idx, BlockReason::Lock(lock), None);
        } else {
            self.set_state(now, idx, state);
        }
        None
    }

    /// Breaks barrier `i`: every waiter gets `BrokenBarrierError`, and so will later callers.
    fn break_barrier(&mut self, now: Micros, i: usize) {
        if let ObjState::Barrier {
            broken, arrived, ..
        } = &mut self.objects[i].state
        {
            *broken = true;
            *arrived = 0;
        }
        for (wpid, _) in std::mem::take(&mut self.objects[i].waiters) {
            let widx = self.idx(wpid).expect("a waiter is a known process");
            self.wake(now, widx, broken_barrier());
        }
    }

    /// Serves object `i`'s waiters in FIFO order as far as its state allows.
    fn pump(&mut self, now: Micros, i: usize) {
        let h = i as Handle + 1;
        loop {
            let mut progress = false;
            match &self.objects[i].state {
                ObjState::Queue { .. } | ObjState::Channel { .. } => {
                    // An item for the oldest getter, unless the oldest items are lent to a
                    // process (then they are asked back, and the getters wait for them).
                    let mut getter = self.objects[i]
                        .waiters
                        .iter()
                        .position(|(_, w)| matches!(w, Wait::Get | Wait::GetMany { .. }));
                    if getter.is_some() && self.objects[i].lease.is_some() {
                        self.recall(i);
                        getter = None;
                    }
                    let many = getter.and_then(|pos| match self.objects[i].waiters[pos].1 {
                        Wait::GetMany { min, max } => Some((pos, min, max)),
                        _ => None,
                    });
                    if let Some((pos, min, max)) = many {
                        let waiting = match &self.objects[i].state {
                            ObjState::Queue { items, .. } => items.len(),
                            _ => 0,
                        };
                        if waiting >= min.max(1) as usize {
                            let (wpid, _) = self.objects[i].waiters.remove(pos).expect("valid");
                            let reply = self.take_items(now, i, wpid, max).expect("waiting");
                            let widx = self.idx(wpid).expect("known");
                            self.wake(now, widx, reply);
                            progress = true;
                        }
                    } else if let Some(pos) = getter {
                        let wpid = self.objects[i].waiters[pos].0;
                        if let Some(reply) = self.dequeue(now, i, wpid) {
                            self.objects[i].waiters.remove(pos);
                            let widx = self.idx(wpid).expect("known");
                            self.wake(now, widx, reply);
                            progress = true;
                        } else if let ObjState::Channel { writers, .. } = &self.objects[i].state {
                            if writers.is_empty() {
                                self.objects[i].waiters.remove(pos);
                                let widx = self.idx(wpid).expect("known");
                                self.wake(now, widx, error("EOFError", ""));
                                progress = true;
                            }
                        }
                    }
                    // Room for the oldest putter.
                    let room = match &self.objects[i].state {
                        ObjState::Queue { maxsize, items, .. } => {
                            *maxsize == 0 || items.len() < *maxsize as usize
                        }
                        _ => true,
                    };
                    let putter = self.objects[i]
                        .waiters
                        .iter()
                        .position(|(_, w)| matches!(w, Wait::Put(_)));
                    if let (true, Some(pos)) = (room, putter) {
                        let (wpid, wait) = self.objects[i].waiters.remove(pos).expect("valid");
                        let Wait::Put(item) = wait else {
                            unreachable!()
                        };
                        self.enqueue(now, i, wpid, item);
                        let widx = self.idx(wpid).expect("known");
                        self.wake(now, widx, Reply::None);
                        progress = true;
                    }
                    // JoinableQueue.join returns once every item was marked done.
                    if let ObjState::Queue { unfinished: 0, .. } = self.objects[i].state {
                        let joiner = self.objects[i]
                            .waiters
                            .iter()
                            .position(|(_, w)| matches!(w, Wait::QueueJoin));
                        if let Some(pos) = joiner {
                            let (wpid, _) = self.objects[i].waiters.remove(pos).expect("valid");
                            let widx = self.idx(wpid).expect("known");
                            self.wake(now, widx, Reply::None);
                            progress = true;
                        }
                    }
                }
                ObjState::Lock { .. } | ObjState::RLock { .. } | ObjState::Semaphore { .. } => {
                    if let Some(&(wpid, ref wait)) = self.objects[i].waiters.front() {
                        let Wait::Acquire { count, notified } = *wait else {
                            unreachable!("only acquirers wait on a lock")
                        };
                        let widx = self.idx(wpid).expect("known");
                        let tid = self.sched[widx].tid;
                        if self.try_take(i, wpid, tid, count) {
                            self.objects[i].waiters.pop_front();
                            let from = self.objects[i].last_release;
                            self.record(now, wpid, TraceKind::Acquire { h, from });
                            self.wake(now, widx, Reply::Bool(notified.unwrap_or(true)));
                            progress = true;
                        }
                    }
                }
                ObjState::Event { flag: true } => {
                    for (wpid, _) in std::mem::take(&mut self.objects[i].waiters) {
                        let widx = self.idx(wpid).expect("known");
                        self.wake(now, widx, Reply::Bool(true));
                    }
                }
                _ => {}
            }
            if !progress {
                break;
            }
        }
    }

    /// Every live process is blocked for good: record the wait-for cycle (or, with none, every
    /// blocked process), keep the processes in their states, and end the run.
    pub(crate) fn declare_deadlock(&mut self, now: Micros) {
        // (pid, waits for, held by, phrase for the message)
        let mut entries: Vec<(Pid, String, Option<Pid>, String)> = Vec::new();
        for p in &self.procs {
            let who = format!("{} (pid {})", p.name, p.pid);
            let (what, held) = match &p.state {
                ProcState::Blocked(BlockReason::Join(t)) => {
                    let name = self.proc(*t).map_or("?".into(), |q| q.name.clone());
                    (format!("{name} (pid {t}) to end"), Some(*t))
                }
                ProcState::Blocked(r) => match r.handle().and_then(|h| self.obj_index(h)) {
                    Some(i) => self.waits_for(r, i),
                    None => (r.label(|h| format!("#{h}")), None),
                },
                ProcState::New => ("a free process slot".to_string(), None),
                _ => continue,
            };
            let mut phrase = format!("{who} waits for {what}");
            if let (Some(o), false) = (
                held,
                matches!(p.state, ProcState::Blocked(BlockReason::Join(_))),
            ) {
                if let Some(q) = self.proc(o) {
                    phrase.push_str(&format!(" held by {} (pid {})", q.name, q.pid));
                }
            }
            entries.push((p.pid, what, held, phrase));
        }
        let cycle = find_cycle(&entries);
        let chosen: Vec<&(Pid, String, Option<Pid>, String)> = match &cycle {
            Some(c) => c.iter().map(|&k| &entries[k]).collect(),
            None => entries.iter().collect(),
        };
        let message = format!(
            "deadlock: {}",
            chosen
                .iter()
                .map(|e| e.3.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
        let at = chosen.first().map_or(0, |e| e.0);
        let cycle = chosen
            .iter()
            .map(|e| (e.0, e.1.clone(), e.2))
            .collect::<Vec<_>>();
        self.record(now, at, TraceKind::Deadlock { cycle });
        self.deadlock = Some(message);
        self.done = true;
        self.timers.clear();
        self.effects.push(crate::Effect::Done);
    }

    /// What a process blocked on object `i` waits for, and who holds it (a lock's owner).
    fn waits_for(&self, r: &BlockReason, i: usize) -> (String, Option<Pid>) {
        let o = &self.objects[i];
        let label = &o.label;
        match (r, &o.state) {
            (BlockReason::Queue { put: false, .. }, _) => (format!("an item in {label}"), None),
            (BlockReason::Queue { put: true, .. }, _) => (format!("room in {label}"), None),
            (BlockReason::Channel(_), _) => (format!("data on {label}"), None),
            (BlockReason::QueueJoin(_), _) => (format!("every task of {label} to be done"), None),
            (BlockReason::Lock(_), ObjState::Lock { owner })
            | (BlockReason::Lock(_), ObjState::RLock { owner, .. }) => {
                (label.clone(), owner.map(|o| o.0))
            }
            (BlockReason::Lock(_), _) => (label.clone(), None),
            (BlockReason::Event(_), _) => (format!("{label} to be set"), None),
            (BlockReason::Condition(_), _) => (format!("a notify of {label}"), None),
            (
                BlockReason::Barrier(_),
                ObjState::Barrier {
                    parties, arrived, ..
                },
            ) => (
                format!("{label} ({arrived} of {parties} parties arrived)"),
                None,
            ),
            _ => (label.clone(), None),
        }
    }
}

/// The first cycle of the "waits for a process" graph, as indices into `entries`, starting at
/// the earliest-created process in it.
fn find_cycle(entries: &[(Pid, String, Option<Pid>, String)]) -> Option<Vec<usize>> {
    let pos = |pid: Pid| entries.iter().position(|e| e.0 == pid);
    for start in 0..entries.len() {
        let mut path = vec![start];
        let mut cur = start;
        while let Some(next) = entries[cur].2.and_then(pos) {
            if let Some(k) = path.iter().position(|&p| p == next) {
                let mut c = path[k..].to_vec();
                let min = (0..c.len()).min_by_key(|&j| c[j]).expect("non-empty");
                c.rotate_left(min);
                return Some(c);
            }
            path.push(next);
            cur = next;
        }
    }
    None
}
