//! Green threads: `threading` inside one interpreter.
//!
//! Every Python thread is an entry of [`Vm::threads`] (its frame stack) plus a [`TInfo`] at the
//! same index in [`Sched::info`] (identity, name, state). Only one thread runs at a time, as
//! under CPython's GIL: [`Interp::run`](crate::Interp::run) asks [`schedule`] which thread runs
//! next before every stretch of the dispatch loop, and runs it for at most [`SWITCH_INSTRUCTIONS`]
//! (the "switch interval") or until it blocks.
//!
//! Blocking objects (Lock, RLock, Semaphore, the wait queues of Condition; Event, Barrier and
//! `queue.Queue` are Python code on top of them, as in CPython) live here, not in the kernel:
//! they only ever block threads of this process. Waiters are served in FIFO order (a released
//! lock is handed to its first waiter). A blocking builtin records why its thread waits
//! and stops the dispatch loop with [`Flow::Block`]; when another thread wakes it, the value the
//! builtin returns is pushed on its frame, exactly as a syscall reply is.
//!
//! Time: sleeping threads (and timeouts) keep deadlines on the host's monotonic clock. The clock
//! is read with `Syscall::Monotonic` only when a deadline needs it; when no thread can run, the
//! process sleeps in the kernel (`Syscall::Sleep`) until the earliest deadline. When no thread
//! can run and none has a deadline, the threads wait for each other for good: [`schedule`]
//! reports the wait-for cycle (see [`deadlock_message`]) and the process ends with exit code 1,
//! where CPython would hang.
//!
//! Kernel calls: while other threads could run, a blocking `Acquire`, `Get` or `Join` from a
//! thread is polled (non-blocking form, then an in-VM pause of 1 to 16 ms, see `Repoll`).
//! Other blocking kernel calls (a multiprocessing Event/Condition/Barrier wait, a full Queue's
//! put, `Connection.recv`, ...) block the whole process until the kernel answers, as if the
//! call held the GIL. Before `Acquire`/`Release`/`CondWait` the kernel is told which thread
//! runs (`Syscall::SetThread`), so that kernel RLocks are owned per thread.
//!
//! Other limits: a blocking call inside a builtin callback (`__exit__`, `__str__`, a `key=`
//! function: the VM runs those in a nested loop) raises RuntimeError instead of blocking; in-VM
//! locks and conditions are never freed (a program creating millions of them grows).

use super::builtins::{int_of, Args};
use super::value::Value;
use super::{num, Called, Flow, Frame, Thread, Vm, R};
use proclab_abi::{Reply, Syscall};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, VecDeque};

/// The switch interval in instructions: the running thread is preempted after this many.
/// CPython's is 5 ms (`sys.getswitchinterval()`); ours is shorter (about 25 µs of the simulation
/// host's virtual time) so that unprotected read-modify-write sequences such as `counter += 1`
/// visibly lose updates in loops of 100k iterations. A prime, so that preemption points drift
/// through the instructions of a loop body instead of always hitting the same one.
pub const SWITCH_INSTRUCTIONS: u64 = 1009;

/// While threads compute and others sleep, the clock is read at most once per this many
/// instructions (each reading is a round trip to the kernel): a sleeper may wake this late.
const CLOCK_EVERY: u64 = 32 * SWITCH_INSTRUCTIONS;

/// CPython's default `sys.getswitchinterval()`, which [`SWITCH_INSTRUCTIONS`] stands for.
const DEFAULT_INTERVAL: f64 = 0.005;

/// The slice length now: [`SWITCH_INSTRUCTIONS`] scaled by `sys.setswitchinterval`.
fn switch_instructions(vm: &Vm) -> u64 {
    match vm.sched.interval {
        None => SWITCH_INSTRUCTIONS,
        Some(s) => ((s / DEFAULT_INTERVAL) * SWITCH_INSTRUCTIONS as f64).clamp(1.0, 1e12) as u64,
    }
}

/// `sys.getswitchinterval()`.
pub fn sys_getswitchinterval(vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::Float(vm.sched.interval.unwrap_or(DEFAULT_INTERVAL)))
}

/// `sys.setswitchinterval(secs)`: scales the number of instructions between thread switches.
pub fn sys_setswitchinterval(vm: &mut Vm, a: Args) -> R<Value> {
    let v = f64_arg(&a, 0, -1.0);
    if v <= 0.0 {
        return vm.err("ValueError", "switch interval must be strictly positive");
    }
    vm.sched.interval = Some(v);
    Ok(Value::None)
}

/// What Python sees as `threading.get_ident()` of thread `tid` (CPython's are large pointers).
pub fn ident_of(tid: u32) -> i64 {
    0x7f3a_1c00_0000 + (tid as i64) * 0x80_1000
}

fn tid_of(ident: i64) -> u32 {
    ((ident - 0x7f3a_1c00_0000) / 0x80_1000) as u32
}

/// A deadline: relative (seconds from "now", before the clock was read) or absolute (seconds on
/// the host's monotonic clock).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Deadline {
    In(f64),
    At(f64),
}

/// Why a blocked thread waits.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Wait {
    /// Acquiring the lock with this id (plain, reentrant, or a thread's join lock).
    Lock(u32),
    /// In `Condition.wait` on the wait queue with this id.
    Cond(u32),
    /// Acquiring the semaphore with this id.
    Sem(u32),
    /// `time.sleep` in a thread.
    Sleep,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum TState {
    Ready,
    Blocked {
        wait: Wait,
        deadline: Option<Deadline>,
    },
}

/// A thread's identity and scheduling state (parallel to `Vm::threads`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TInfo {
    pub tid: u32,
    pub name: String,
    pub state: TState,
    /// The result of the blocking call it was woken from, pushed when it runs next.
    pub wake: Option<Value>,
    /// A kernel call it polls (see `Repoll`): made again when its pause ends.
    repoll: Option<Repoll>,
}

/// A blocking kernel call turned into polling because other threads could run meanwhile: the
/// non-blocking form is made, and while the answer is "not yet" the thread pauses in-VM
/// (`backoff` seconds, doubling up to 16 ms) and asks again.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct Repoll {
    call: Syscall,
    map: Option<super::modules::ReplyMap>,
    /// Seconds left of the call's own timeout.
    remaining: Option<f64>,
    backoff: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Waiter {
    tid: u32,
    /// Recursion count to restore (RLock re-acquired after `Condition.wait`).
    count: u32,
    /// What the blocked call returns once it holds the lock.
    result: bool,
}

/// An in-VM lock. `owner` is tracked for every kind: RLock needs it, and the deadlock report
/// names who holds what.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VLock {
    pub label: String,
    pub reentrant: bool,
    /// A thread's join lock: held by that thread while it runs.
    pub join_of: Option<u32>,
    pub owner: Option<u32>,
    pub count: u32,
    waiters: VecDeque<Waiter>,
}

/// The wait queue of a Condition: (tid, lock to re-acquire, its saved recursion count).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VCond {
    pub label: String,
    waiters: VecDeque<(u32, u32, u32)>,
}

/// An in-VM semaphore (native rather than Python code on a Condition, so that its `release`,
/// called from `__exit__` where the VM cannot block, never waits for a lock).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VSem {
    pub label: String,
    pub value: i64,
    /// BoundedSemaphore: the initial value, never to be exceeded.
    pub bound: Option<i64>,
    waiters: VecDeque<u32>,
}

/// An internal syscall in flight, whose reply belongs to the scheduler, not to Python code.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
enum Pending {
    #[default]
    None,
    Clock,
    /// Sleeping until this monotonic time.
    SleepUntil(f64),
    SetThread,
}

/// All green-thread state of a process (a field of [`Vm`], so that fork clones it).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Sched {
    /// One per entry of `Vm::threads`; empty until the first thread starts.
    pub info: Vec<TInfo>,
    next_tid: u32,
    pub locks: Vec<VLock>,
    pub conds: Vec<VCond>,
    pub sems: Vec<VSem>,
    counters: BTreeMap<String, u32>,
    /// `Vm::icount` at which the running thread's slice ends.
    slice_end: u64,
    /// `sys.setswitchinterval(secs)`, when called (default: CPython's 5 ms).
    interval: Option<f64>,
    /// A clock reading not yet used by `schedule`.
    now: Option<f64>,
    /// `Vm::icount` at the last clock reading.
    clock_read_at: u64,
    pending: Pending,
    /// A program syscall to issue once the kernel knows the calling thread.
    deferred: Option<Syscall>,
    /// The thread the kernel believes runs (`Syscall::SetThread`).
    kernel_tid: u32,
    forking: bool,
    /// The polling call in flight (its reply decides whether the thread pauses again).
    polling: Option<Repoll>,
    /// A thread just started: it runs next (CPython's `start()` waits until it has started).
    prefer: Option<u32>,
    /// `threading._shutdown` ran (or was not needed); its exit code is kept meanwhile.
    shutdown_started: bool,
    exit_code: Option<i32>,
    /// State changes for the page: (tid, name, state, instruction count).
    pub events: Vec<(u32, String, String, u64)>,
}

/// Most events kept when nobody takes them.
const MAX_EVENTS: usize = 20_000;

/// What [`schedule`] decided.
pub enum Next {
    /// `Vm::cur` is a thread that can run.
    Run,
    /// The process must make this syscall first (reading the clock, sleeping, ...).
    Sys(Syscall),
    /// Every thread waits for another one: the message to print before exiting with code 1.
    Deadlock(String),
}

fn ensure_main(vm: &mut Vm) {
    if vm.sched.info.is_empty() {
        vm.sched.info.push(TInfo {
            tid: 0,
            name: "MainThread".into(),
            state: TState::Ready,
            wake: None,
            repoll: None,
        });
        vm.sched.next_tid = 1;
        vm.sched.slice_end = vm.icount + switch_instructions(vm);
    }
}

fn cur_tid(vm: &Vm) -> u32 {
    vm.sched.info.get(vm.cur).map_or(0, |t| t.tid)
}

fn index_of(vm: &Vm, tid: u32) -> Option<usize> {
    vm.sched.info.iter().position(|t| t.tid == tid)
}

fn state_name(s: &TState) -> &'static str {
    match s {
        TState::Ready => "ready",
        TState::Blocked {
            wait: Wait::Sleep, ..
        } => "sleeping",
        TState::Blocked { .. } => "blocked",
    }
}

fn event(vm: &mut Vm, idx: usize, state: &str) {
    let Some(t) = vm.sched.info.get(idx) else {
        return;
    };
    let e = (t.tid, t.name.clone(), state.to_string(), vm.icount);
    let ev = &mut vm.sched.events;
    if ev.len() >= MAX_EVENTS {
        ev.drain(..MAX_EVENTS / 2);
    }
    ev.push(e);
}

fn set_state(vm: &mut Vm, idx: usize, st: TState) {
    vm.sched.info[idx].state = st;
    event(vm, idx, state_name(&st));
}

fn wake(vm: &mut Vm, tid: u32, v: Value) {
    if let Some(i) = index_of(vm, tid) {
        vm.sched.info[i].wake = Some(v);
        set_state(vm, i, TState::Ready);
    }
}

/// Gives lock `id` to its first waiter, if any (direct hand-off: FIFO, no barging).
fn hand_off(vm: &mut Vm, id: u32) {
    let l = &mut vm.sched.locks[id as usize];
    if l.owner.is_some() {
        return;
    }
    if let Some(w) = l.waiters.pop_front() {
        l.owner = Some(w.tid);
        l.count = w.count;
        wake(vm, w.tid, Value::Bool(w.result));
    }
}

/// Thread `tid` (re-)acquires lock `id` with `count`, now or when it is released.
fn acquire_or_queue(vm: &mut Vm, tid: u32, id: u32, count: u32, result: bool) {
    let l = &mut vm.sched.locks[id as usize];
    if l.owner.is_none() {
        l.owner = Some(tid);
        l.count = count;
        wake(vm, tid, Value::Bool(result));
    } else {
        l.waiters.push_back(Waiter { tid, count, result });
        if let Some(i) = index_of(vm, tid) {
            set_state(
                vm,
                i,
                TState::Blocked {
                    wait: Wait::Lock(id),
                    deadline: None,
                },
            );
        }
    }
}

/// Blocks the running thread; the dispatch loop stops and another thread runs.
fn block(vm: &mut Vm, wait: Wait, deadline: Option<Deadline>) -> R<Value> {
    let i = vm.cur;
    set_state(vm, i, TState::Blocked { wait, deadline });
    Err(Flow::Block)
}

fn no_nested(vm: &mut Vm) -> R<()> {
    if vm.nested > 0 {
        return vm.err(
            "RuntimeError",
            "blocking call inside a builtin callback is not supported",
        );
    }
    Ok(())
}

fn f64_arg(a: &Args, i: usize, default: f64) -> f64 {
    match a.a.get(i) {
        None | Some(Value::None) => default,
        Some(v) => num::to_f64(v).unwrap_or(default),
    }
}

fn u32_arg(vm: &mut Vm, a: &Args, i: usize) -> R<u32> {
    let v = a.a.get(i).cloned().unwrap_or(Value::Int(0));
    Ok(int_of(vm, &v)? as u32)
}

fn lock_id(vm: &mut Vm, a: &Args) -> R<u32> {
    let id = u32_arg(vm, a, 0)?;
    if id as usize >= vm.sched.locks.len() {
        return vm.err("ValueError", "no such lock");
    }
    Ok(id)
}

// ----- the scheduler, called by `Interp::run` / `Interp::resume` -----

/// The instruction budget for the next stretch of the dispatch loop: at most `left`, and no
/// further than the end of the running thread's slice when other threads exist.
pub fn slice(vm: &Vm, left: u64) -> u64 {
    if vm.threads.len() <= 1 {
        return left;
    }
    left.min(vm.sched.slice_end.saturating_sub(vm.icount))
        .max(1)
}

/// A program syscall held back by [`issue`] until the kernel knew the calling thread.
pub fn take_deferred(vm: &mut Vm) -> Option<Syscall> {
    if vm.sched.pending == Pending::None {
        vm.sched.deferred.take()
    } else {
        None
    }
}

/// Picks the thread to run (sets `Vm::cur`) and gives it the value it was woken with.
pub fn schedule(vm: &mut Vm) -> Next {
    if vm.sched.info.is_empty() {
        return Next::Run;
    }
    if vm.threads.len() == 1
        && vm.sched.info[0].state == TState::Ready
        && vm.sched.info[0].wake.is_none()
    {
        return Next::Run;
    }
    let has_rel = vm.sched.info.iter().any(|t| {
        matches!(
            t.state,
            TState::Blocked {
                deadline: Some(Deadline::In(_)),
                ..
            }
        )
    });
    if has_rel && vm.sched.now.is_none() {
        vm.sched.pending = Pending::Clock;
        return Next::Sys(Syscall::Monotonic);
    }
    let fresh = vm.sched.now.take();
    if let Some(now) = fresh {
        expire(vm, now);
    }
    let n = vm.threads.len();
    let cur = vm.cur.min(n - 1);
    let ready = |vm: &Vm, i: usize| vm.sched.info[i].state == TState::Ready;
    let has_deadlines = vm.sched.info.iter().any(|t| {
        matches!(
            t.state,
            TState::Blocked {
                deadline: Some(_),
                ..
            }
        )
    });
    let expired = vm.icount >= vm.sched.slice_end;
    if let Some(i) = vm.sched.prefer.take().and_then(|t| index_of(vm, t)) {
        if i != cur && ready(vm, cur) {
            event(vm, cur, "ready");
        }
        vm.sched.slice_end = vm.icount + switch_instructions(vm);
        return run(vm, i);
    }
    if ready(vm, cur) && !expired {
        return run(vm, cur);
    }
    if has_deadlines && fresh.is_none() && (expired || !ready(vm, cur)) {
        // Sleepers may be due: look at the clock before choosing.
        let others_ready = (0..n).any(|i| i != cur && ready(vm, i));
        let clock_due = vm.icount.saturating_sub(vm.sched.clock_read_at) >= CLOCK_EVERY;
        if !others_ready || (expired && clock_due) {
            vm.sched.pending = Pending::Clock;
            return Next::Sys(Syscall::Monotonic);
        }
    }
    if let Some(i) = (1..=n).map(|k| (cur + k) % n).find(|&i| ready(vm, i)) {
        if i != cur && ready(vm, cur) {
            event(vm, cur, "ready");
        }
        vm.sched.slice_end = vm.icount + switch_instructions(vm);
        return run(vm, i);
    }
    // Nobody can run.
    let earliest = vm
        .sched
        .info
        .iter()
        .filter_map(|t| match t.state {
            TState::Blocked {
                deadline: Some(Deadline::At(d)),
                ..
            } => Some(d),
            _ => None,
        })
        .fold(f64::INFINITY, f64::min);
    if earliest.is_finite() {
        let now = fresh.unwrap_or(earliest);
        vm.sched.pending = Pending::SleepUntil(earliest);
        return Next::Sys(Syscall::Sleep {
            secs: (earliest - now).max(0.0),
        });
    }
    Next::Deadlock(deadlock_message(vm))
}

fn run(vm: &mut Vm, i: usize) -> Next {
    if vm.cur != i || vm.sched.info[i].wake.is_some() {
        event(vm, i, "running");
    }
    vm.cur = i;
    if let Some(rp) = vm.sched.info[i].repoll.take() {
        // Its pause is over: ask the kernel again.
        vm.sched.info[i].wake = None;
        vm.reply_map = rp.map.clone();
        let call = rp.call.clone();
        vm.sched.polling = Some(rp);
        return Next::Sys(with_thread(vm, call));
    }
    if let Some(v) = vm.sched.info[i].wake.take() {
        if let Some(f) = vm.threads[i].frames.last_mut() {
            f.regs.push(v);
        }
    }
    Next::Run
}

/// Resolves relative deadlines against `now` and wakes the threads whose deadline passed.
fn expire(vm: &mut Vm, now: f64) {
    for t in vm.sched.info.iter_mut() {
        if let TState::Blocked {
            wait,
            deadline: Some(Deadline::In(d)),
        } = t.state
        {
            t.state = TState::Blocked {
                wait,
                deadline: Some(Deadline::At(now + d)),
            };
        }
    }
    let due: Vec<(u32, Wait)> = vm
        .sched
        .info
        .iter()
        .filter_map(|t| match t.state {
            TState::Blocked {
                wait,
                deadline: Some(Deadline::At(d)),
            } if d <= now + 1e-9 => Some((t.tid, wait)),
            _ => None,
        })
        .collect();
    for (tid, wait) in due {
        match wait {
            Wait::Sleep => wake(vm, tid, Value::None),
            Wait::Lock(id) => {
                vm.sched.locks[id as usize].waiters.retain(|w| w.tid != tid);
                wake(vm, tid, Value::Bool(false));
            }
            Wait::Sem(id) => {
                vm.sched.sems[id as usize].waiters.retain(|&w| w != tid);
                wake(vm, tid, Value::Bool(false));
            }
            Wait::Cond(cid) => {
                let q = &mut vm.sched.conds[cid as usize].waiters;
                if let Some(p) = q.iter().position(|w| w.0 == tid) {
                    let (_, lock, count) = q.remove(p).expect("waiter");
                    acquire_or_queue(vm, tid, lock, count, false);
                }
            }
        }
    }
}

/// The non-blocking form of a blocking kernel call, with its timeout, for polling.
fn poll_form(call: &Syscall) -> Option<(Syscall, Option<f64>)> {
    match call {
        Syscall::Acquire {
            h,
            block: true,
            timeout,
        } => Some((
            Syscall::Acquire {
                h: *h,
                block: false,
                timeout: None,
            },
            *timeout,
        )),
        Syscall::Get {
            h,
            block: true,
            timeout,
        } => Some((
            Syscall::Get {
                h: *h,
                block: false,
                timeout: None,
            },
            *timeout,
        )),
        Syscall::Join { pid, timeout } => Some((Syscall::Poll { pid: *pid }, *timeout)),
        _ => None,
    }
}

/// The reply of a polled call that means "not yet".
fn not_yet(call: &Syscall, reply: &Reply) -> bool {
    match (call, reply) {
        (Syscall::Acquire { .. }, Reply::Bool(false)) => true,
        (Syscall::Get { .. }, Reply::Error { kind, .. }) => kind == "queue.Empty",
        (Syscall::Poll { .. }, Reply::ExitCode(None)) => true,
        _ => false,
    }
}

/// Called with every syscall the program makes: returns what to issue now. A blocking kernel
/// call while other threads could run is polled instead (see `Repoll`); a lock operation of
/// a thread the kernel does not know as running is preceded by `SetThread`.
pub fn issue(vm: &mut Vm, call: Syscall) -> Syscall {
    if matches!(call, Syscall::Fork { .. }) {
        vm.sched.forking = true;
    }
    let cur = vm.cur;
    let others_can_run = vm.threads.len() > 1
        && vm.sched.info.iter().enumerate().any(|(i, t)| {
            i != cur
                && (t.state == TState::Ready
                    || matches!(
                        t.state,
                        TState::Blocked {
                            deadline: Some(_),
                            ..
                        }
                    ))
        });
    if others_can_run && vm.nested == 0 {
        if let Some((poll, remaining)) = poll_form(&call) {
            vm.sched.polling = Some(Repoll {
                call: poll.clone(),
                map: None,
                remaining,
                backoff: 0.001,
            });
            return with_thread(vm, poll);
        }
    }
    with_thread(vm, call)
}

fn with_thread(vm: &mut Vm, call: Syscall) -> Syscall {
    let tid = cur_tid(vm);
    if tid != vm.sched.kernel_tid
        && matches!(
            call,
            Syscall::Acquire { .. } | Syscall::Release { .. } | Syscall::CondWait { .. }
        )
    {
        vm.sched.kernel_tid = tid;
        vm.sched.pending = Pending::SetThread;
        vm.sched.deferred = Some(call);
        return Syscall::SetThread { tid };
    }
    call
}

/// Called first by `Interp::resume`: true if the reply was for the scheduler (the program does
/// not see it).
pub fn on_reply(vm: &mut Vm, reply: &Reply) -> bool {
    if vm.sched.forking {
        vm.sched.forking = false;
        if *reply == Reply::Int(0) && vm.threads.len() > 1 {
            // The child of a fork: only the calling thread exists (as after POSIX fork).
            let cur = vm.cur;
            let t = std::mem::take(&mut vm.threads[cur]);
            let info = vm.sched.info[cur].clone();
            vm.threads = vec![t];
            vm.sched.info = vec![info];
            vm.cur = 0;
        }
        if *reply == Reply::Int(0) {
            vm.sched.kernel_tid = 0;
            vm.sched.events.clear();
        }
        return false;
    }
    match std::mem::take(&mut vm.sched.pending) {
        Pending::None => on_poll_reply(vm, reply),
        Pending::Clock => {
            vm.sched.clock_read_at = vm.icount;
            vm.sched.now = match reply {
                Reply::Float(f) => Some(*f),
                _ => Some(0.0),
            };
            true
        }
        Pending::SleepUntil(t) => {
            vm.sched.now = Some(t);
            true
        }
        Pending::SetThread => true,
    }
}

/// The reply to a polled call: "not yet" (and time left) pauses the thread and is not
/// delivered; anything else is.
fn on_poll_reply(vm: &mut Vm, reply: &Reply) -> bool {
    let Some(mut rp) = vm.sched.polling.take() else {
        return false;
    };
    if !not_yet(&rp.call, reply) || rp.remaining.is_some_and(|r| r <= 0.0) {
        return false;
    }
    let pause = rp.remaining.map_or(rp.backoff, |r| r.min(rp.backoff));
    rp.remaining = rp.remaining.map(|r| r - pause);
    rp.backoff = (rp.backoff * 2.0).min(0.016);
    rp.map = vm.reply_map.take();
    let i = vm.cur;
    vm.sched.info[i].repoll = Some(rp);
    set_state(
        vm,
        i,
        TState::Blocked {
            wait: Wait::Sleep,
            deadline: Some(Deadline::In(pause)),
        },
    );
    true
}

/// The running thread's frames are done (`exc`: it ended with this uncaught exception, which
/// the Python bootstrap normally catches). Its join lock is released; it leaves the list.
pub fn thread_exit(vm: &mut Vm) {
    let i = vm.cur;
    let tid = cur_tid(vm);
    event(vm, i, "done");
    vm.threads.remove(i);
    vm.sched.info.remove(i);
    let joins: Vec<u32> = (0..vm.sched.locks.len() as u32)
        .filter(|&l| vm.sched.locks[l as usize].join_of == Some(tid))
        .collect();
    for l in joins {
        let lk = &mut vm.sched.locks[l as usize];
        lk.owner = None;
        lk.count = 0;
        hand_off(vm, l);
    }
    vm.cur = if vm.threads.is_empty() {
        0
    } else {
        i % vm.threads.len()
    };
    vm.sched.slice_end = vm.icount + switch_instructions(vm);
}

/// True when the running thread is not the process's main thread.
pub fn in_thread(vm: &Vm) -> bool {
    vm.cur != 0
}

/// The frame calling `threading._shutdown()` once, when the main module ended: the main thread
/// joins the non-daemon threads before the exit handlers (as CPython). `code` is kept as the
/// exit code meanwhile.
pub fn shutdown_frame(vm: &mut Vm, code: i32) -> Option<Frame> {
    if vm.sched.shutdown_started {
        return None;
    }
    vm.sched.shutdown_started = true;
    if vm.threads.len() <= 1 {
        return None;
    }
    let &m = vm.module_by_name.get("threading")?;
    let s = vm.intern("_shutdown");
    let md = &vm.modules[m as usize];
    let f = md.slots.get(*md.table.index.get(&s)? as usize)?.clone();
    match vm.call(f, vec![], vec![]) {
        Ok(Called::Frame(mut fr)) => {
            fr.ret = super::Ret::Discard;
            vm.sched.exit_code = Some(code);
            Some(fr)
        }
        _ => None,
    }
}

/// After `threading._shutdown`: the exit code of the main module, and the daemon threads are
/// dropped (they never run again).
pub fn after_shutdown(vm: &mut Vm, code: i32) -> i32 {
    if vm.threads.len() > 1 {
        let cur = vm.cur;
        let t = std::mem::take(&mut vm.threads[cur]);
        vm.threads = vec![t];
        if cur < vm.sched.info.len() {
            let info = vm.sched.info[cur].clone();
            vm.sched.info = vec![info];
        }
        vm.cur = 0;
    }
    vm.sched.exit_code.take().unwrap_or(code)
}

fn thread_name(vm: &Vm, tid: u32) -> String {
    vm.sched
        .info
        .iter()
        .find(|t| t.tid == tid)
        .map_or_else(|| format!("thread {}", tid), |t| t.name.clone())
}

/// "deadlock: A waits for Lock-2 held by B; B waits for Lock-1 held by A": the wait-for cycle
/// among the threads, or every blocked thread when there is no cycle.
pub fn deadlock_message(vm: &Vm) -> String {
    // (index, phrase)
    let mut entries: Vec<(usize, String)> = vec![];
    for (i, t) in vm.sched.info.iter().enumerate() {
        let phrase = match t.state {
            TState::Blocked {
                wait: Wait::Lock(id),
                ..
            } => {
                let l = &vm.sched.locks[id as usize];
                match (l.join_of, l.owner) {
                    (Some(j), _) => format!("{} waits for {} to end", t.name, thread_name(vm, j)),
                    (None, Some(o)) => format!(
                        "{} waits for {} held by {}",
                        t.name,
                        l.label,
                        thread_name(vm, o)
                    ),
                    (None, None) => format!("{} waits for {}", t.name, l.label),
                }
            }
            TState::Blocked {
                wait: Wait::Sem(k), ..
            } => format!("{} waits for {}", t.name, vm.sched.sems[k as usize].label),
            TState::Blocked {
                wait: Wait::Cond(c),
                ..
            } => format!("{} waits for {}", t.name, vm.sched.conds[c as usize].label),
            _ => continue,
        };
        entries.push((i, phrase));
    }
    // Follow "waits for" edges from each thread; a revisited index closes a cycle.
    let edge = |i: usize| -> Option<usize> {
        let t = &vm.sched.info[i];
        let TState::Blocked {
            wait: Wait::Lock(id),
            ..
        } = t.state
        else {
            return None;
        };
        let l = &vm.sched.locks[id as usize];
        l.join_of.or(l.owner).and_then(|o| index_of(vm, o))
    };
    let phrase_of =
        |i: usize| -> Option<String> { entries.iter().find(|e| e.0 == i).map(|e| e.1.clone()) };
    let blocked: Vec<usize> = entries.iter().map(|e| e.0).collect();
    for &start in &blocked {
        let mut path = vec![start];
        let mut at = start;
        while let Some(nx) = edge(at) {
            if let Some(p) = path.iter().position(|&x| x == nx) {
                let mut cyc = path[p..].to_vec();
                let m = cyc
                    .iter()
                    .enumerate()
                    .min_by_key(|(_, &x)| x)
                    .map(|(k, _)| k)
                    .unwrap_or(0);
                cyc.rotate_left(m);
                let parts: Vec<String> = cyc.iter().filter_map(|&i| phrase_of(i)).collect();
                return format!("deadlock: {}", parts.join("; "));
            }
            path.push(nx);
            at = nx;
        }
    }
    let parts: Vec<String> = entries.into_iter().map(|e| e.1).collect();
    format!("deadlock: {}", parts.join("; "))
}

/// `(tid, name, state, line)` of every thread, for the page.
pub fn thread_rows(vm: &Vm) -> Vec<(u32, String, String, Option<u32>)> {
    if vm.sched.info.is_empty() {
        let line = vm
            .threads
            .first()
            .and_then(|t| t.frames.last())
            .map(|f| vm.line_of(f));
        return vec![(0, "MainThread".into(), "running".into(), line)];
    }
    vm.sched
        .info
        .iter()
        .zip(vm.threads.iter())
        .enumerate()
        .map(|(i, (t, th))| {
            let st = if i == vm.cur && t.state == TState::Ready {
                "running"
            } else {
                state_name(&t.state)
            };
            (
                t.tid,
                t.name.clone(),
                st.to_string(),
                th.frames.last().map(|f| vm.line_of(f)),
            )
        })
        .collect()
}

// ----- `time.sleep` in a thread -----

/// `time.sleep(secs)`: when other threads could run meanwhile, only this thread sleeps (an
/// in-VM deadline). `None` when the whole process may simply sleep in the kernel.
pub fn sleep(vm: &mut Vm, secs: f64) -> Option<R<Value>> {
    if vm.threads.len() <= 1 || vm.nested > 0 {
        return None;
    }
    let cur = vm.cur;
    let others = vm.sched.info.iter().enumerate().any(|(i, t)| {
        i != cur
            && (t.state == TState::Ready
                || matches!(
                    t.state,
                    TState::Blocked {
                        deadline: Some(_),
                        ..
                    }
                ))
    });
    if !others {
        return None;
    }
    if secs <= 0.0 {
        // sleep(0): give up the rest of the slice.
        vm.sched.slice_end = vm.icount;
        vm.sched.info[cur].wake = Some(Value::None);
        return Some(Err(Flow::Block));
    }
    Some(block(vm, Wait::Sleep, Some(Deadline::In(secs))))
}

// ----- builtins (`_proclab.th_*`) -----

/// `thread_start(bootstrap, name, join_lock) -> ident`: a new thread whose first frame calls
/// `bootstrap()`; it holds `join_lock` until it ends.
pub fn thread_start(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let f = a.a.first().cloned().unwrap_or(Value::None);
    let name = match a.a.get(1) {
        Some(v) => vm.to_str(v)?.to_string(),
        None => String::new(),
    };
    let join = lock_id(
        vm,
        &Args {
            a: a.a.get(2).cloned().into_iter().collect(),
            kw: vec![],
        },
    )?;
    let fr = match vm.call(f, vec![], vec![])? {
        Called::Frame(fr) => fr,
        Called::Value(_) => return vm.type_error("thread bootstrap must be a Python function"),
    };
    let tid = vm.sched.next_tid;
    vm.sched.next_tid += 1;
    let l = &mut vm.sched.locks[join as usize];
    l.join_of = Some(tid);
    l.owner = Some(tid);
    l.count = 1;
    vm.threads.push(Thread {
        frames: vec![fr],
        ..Default::default()
    });
    vm.sched.info.push(TInfo {
        tid,
        name,
        state: TState::Ready,
        wake: None,
        repoll: None,
    });
    let i = vm.sched.info.len() - 1;
    event(vm, i, "ready");
    let ident = Value::Int(ident_of(tid));
    if vm.nested > 0 {
        return Ok(ident);
    }
    // Let the new thread run first; the caller gets the ident when it runs again.
    let cur = vm.cur;
    vm.sched.info[cur].wake = Some(ident);
    vm.sched.prefer = Some(tid);
    Err(Flow::Block)
}

/// `thread_ident()`: `threading.get_ident()` of the running thread.
pub fn thread_ident(vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::Int(ident_of(cur_tid(vm))))
}

/// `thread_set_name(ident, name)`: keeps the page's and the deadlock report's names current.
pub fn thread_set_name(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let ident = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    let name = vm.to_str(a.a.get(1).unwrap_or(&Value::None))?.to_string();
    let tid = tid_of(ident);
    if let Some(t) = vm.sched.info.iter_mut().find(|t| t.tid == tid) {
        t.name = name;
    }
    Ok(Value::None)
}

/// `thread_alive(ident)`: the thread has started and not ended.
pub fn thread_alive(vm: &mut Vm, a: Args) -> R<Value> {
    let ident = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    let tid = tid_of(ident);
    Ok(Value::Bool(tid == 0 || index_of(vm, tid).is_some()))
}

/// `thread_idents()`: the idents of the live threads, in start order.
pub fn thread_idents(vm: &mut Vm, _a: Args) -> R<Value> {
    let v: Vec<Value> = if vm.sched.info.is_empty() {
        vec![Value::Int(ident_of(0))]
    } else {
        vm.sched
            .info
            .iter()
            .map(|t| Value::Int(ident_of(t.tid)))
            .collect()
    };
    Ok(vm.new_list(v))
}

/// `thread_label(kind)`: "Lock-1", "Lock-2", ... (one counter per kind), naming objects in the
/// deadlock report.
pub fn thread_label(vm: &mut Vm, a: Args) -> R<Value> {
    let kind = vm.to_str(a.a.first().unwrap_or(&Value::None))?.to_string();
    let n = vm.sched.counters.entry(kind.clone()).or_insert(0);
    *n += 1;
    Ok(Value::str(&format!("{}-{}", kind, n)))
}

/// `lock_new(label, reentrant) -> id`.
pub fn lock_new(vm: &mut Vm, a: Args) -> R<Value> {
    let label = vm.to_str(a.a.first().unwrap_or(&Value::None))?.to_string();
    let reentrant = match a.a.get(1) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    vm.sched.locks.push(VLock {
        label,
        reentrant,
        join_of: None,
        owner: None,
        count: 0,
        waiters: VecDeque::new(),
    });
    Ok(Value::Int(vm.sched.locks.len() as i64 - 1))
}

/// `lock_acquire(id, blocking, timeout) -> bool` (timeout < 0: none).
pub fn lock_acquire(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let id = lock_id(vm, &a)?;
    let blocking = match a.a.get(1) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = f64_arg(&a, 2, -1.0);
    let me = cur_tid(vm);
    let l = &mut vm.sched.locks[id as usize];
    match l.owner {
        None => {
            l.owner = Some(me);
            l.count = 1;
            return Ok(Value::Bool(true));
        }
        Some(o) if o == me && l.reentrant => {
            l.count += 1;
            return Ok(Value::Bool(true));
        }
        _ => {}
    }
    if !blocking || timeout == 0.0 {
        return Ok(Value::Bool(false));
    }
    no_nested(vm)?;
    vm.sched.locks[id as usize].waiters.push_back(Waiter {
        tid: me,
        count: 1,
        result: true,
    });
    let deadline = if timeout > 0.0 {
        Some(Deadline::In(timeout))
    } else {
        None
    };
    block(vm, Wait::Lock(id), deadline)
}

/// `lock_release(id)`: errors as CPython's `_thread.lock` / `_thread.RLock`.
pub fn lock_release(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let id = lock_id(vm, &a)?;
    let me = cur_tid(vm);
    let l = &mut vm.sched.locks[id as usize];
    if l.reentrant {
        if l.owner != Some(me) {
            return vm.err("RuntimeError", "cannot release un-acquired lock");
        }
        l.count -= 1;
        if l.count > 0 {
            return Ok(Value::None);
        }
    } else if l.owner.is_none() {
        return vm.err("RuntimeError", "release unlocked lock");
    }
    l.owner = None;
    l.count = 0;
    hand_off(vm, id);
    Ok(Value::None)
}

/// `lock_locked(id) -> bool`.
pub fn lock_locked(vm: &mut Vm, a: Args) -> R<Value> {
    let id = lock_id(vm, &a)?;
    Ok(Value::Bool(vm.sched.locks[id as usize].owner.is_some()))
}

/// `lock_owned(id) -> bool`: held by the running thread (RLock); held at all (plain Lock, whose
/// owner CPython does not know: `Condition._is_owned` treats a held Lock as owned).
pub fn lock_owned(vm: &mut Vm, a: Args) -> R<Value> {
    let id = lock_id(vm, &a)?;
    let me = cur_tid(vm);
    let l = &vm.sched.locks[id as usize];
    Ok(Value::Bool(if l.reentrant {
        l.owner == Some(me)
    } else {
        l.owner.is_some()
    }))
}

/// `cond_new(label) -> id`: a Condition's wait queue.
pub fn cond_new(vm: &mut Vm, a: Args) -> R<Value> {
    let label = vm.to_str(a.a.first().unwrap_or(&Value::None))?.to_string();
    vm.sched.conds.push(VCond {
        label,
        waiters: VecDeque::new(),
    });
    Ok(Value::Int(vm.sched.conds.len() as i64 - 1))
}

/// `cond_wait(cid, lock_id, timeout) -> bool`: releases the lock completely, waits for a
/// notify (or the timeout), re-acquires the lock with its recursion count.
pub fn cond_wait(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let cid = u32_arg(vm, &a, 0)?;
    let lid = u32_arg(vm, &a, 1)?;
    if cid as usize >= vm.sched.conds.len() || lid as usize >= vm.sched.locks.len() {
        return vm.err("ValueError", "no such condition");
    }
    let timeout = f64_arg(&a, 2, -1.0);
    let me = cur_tid(vm);
    let l = &vm.sched.locks[lid as usize];
    let owned = if l.reentrant {
        l.owner == Some(me)
    } else {
        l.owner.is_some()
    };
    if !owned {
        return vm.err("RuntimeError", "cannot wait on un-acquired lock");
    }
    no_nested(vm)?;
    let l = &mut vm.sched.locks[lid as usize];
    let count = l.count.max(1);
    l.owner = None;
    l.count = 0;
    hand_off(vm, lid);
    vm.sched.conds[cid as usize]
        .waiters
        .push_back((me, lid, count));
    let deadline = if timeout >= 0.0 {
        Some(Deadline::In(timeout))
    } else {
        None
    };
    block(vm, Wait::Cond(cid), deadline)
}

/// `cond_notify(cid, n)`: wakes up to `n` waiters (all when `n` < 0); each re-acquires its lock.
pub fn cond_notify(vm: &mut Vm, a: Args) -> R<Value> {
    let cid = u32_arg(vm, &a, 0)?;
    if cid as usize >= vm.sched.conds.len() {
        return vm.err("ValueError", "no such condition");
    }
    let n = match a.a.get(1) {
        Some(v) => int_of(vm, v)?,
        None => 1,
    };
    let mut k = 0;
    while n < 0 || k < n {
        let Some((tid, lock, count)) = vm.sched.conds[cid as usize].waiters.pop_front() else {
            break;
        };
        acquire_or_queue(vm, tid, lock, count, true);
        k += 1;
    }
    Ok(Value::None)
}

fn sem_id(vm: &mut Vm, a: &Args) -> R<u32> {
    let id = u32_arg(vm, a, 0)?;
    if id as usize >= vm.sched.sems.len() {
        return vm.err("ValueError", "no such semaphore");
    }
    Ok(id)
}

/// `sem_new(label, value, bounded) -> id`.
pub fn sem_new(vm: &mut Vm, a: Args) -> R<Value> {
    let label = vm.to_str(a.a.first().unwrap_or(&Value::None))?.to_string();
    let value = int_of(vm, a.a.get(1).unwrap_or(&Value::Int(1)))?;
    let bounded = match a.a.get(2) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    vm.sched.sems.push(VSem {
        label,
        value,
        bound: bounded.then_some(value),
        waiters: VecDeque::new(),
    });
    Ok(Value::Int(vm.sched.sems.len() as i64 - 1))
}

/// `sem_acquire(id, blocking, timeout) -> bool` (timeout < 0: none; waiters served in order).
pub fn sem_acquire(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let id = sem_id(vm, &a)?;
    let blocking = match a.a.get(1) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let timeout = f64_arg(&a, 2, -1.0);
    let sem = &mut vm.sched.sems[id as usize];
    if sem.value > 0 && sem.waiters.is_empty() {
        sem.value -= 1;
        return Ok(Value::Bool(true));
    }
    if !blocking || timeout == 0.0 {
        return Ok(Value::Bool(false));
    }
    no_nested(vm)?;
    let me = cur_tid(vm);
    vm.sched.sems[id as usize].waiters.push_back(me);
    let deadline = if timeout > 0.0 {
        Some(Deadline::In(timeout))
    } else {
        None
    };
    block(vm, Wait::Sem(id), deadline)
}

/// `sem_release(id, n)`: adds `n`, waking waiters in order.
pub fn sem_release(vm: &mut Vm, a: Args) -> R<Value> {
    ensure_main(vm);
    let id = sem_id(vm, &a)?;
    let n = int_of(vm, a.a.get(1).unwrap_or(&Value::Int(1)))?;
    let sem = &mut vm.sched.sems[id as usize];
    if sem.bound.is_some_and(|b| sem.value + n > b) {
        return vm.err("ValueError", "Semaphore released too many times");
    }
    sem.value += n;
    let mut woken = vec![];
    while sem.value > 0 {
        let Some(tid) = sem.waiters.pop_front() else {
            break;
        };
        sem.value -= 1;
        woken.push(tid);
    }
    for tid in woken {
        wake(vm, tid, Value::Bool(true));
    }
    Ok(Value::None)
}

/// `sem_value(id) -> int`.
pub fn sem_value(vm: &mut Vm, a: Args) -> R<Value> {
    let id = sem_id(vm, &a)?;
    Ok(Value::Int(vm.sched.sems[id as usize].value))
}
