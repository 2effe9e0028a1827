//! Green threads (`threading`, `queue` for threads, in-VM locks, the switch interval, per-thread
//! sleeps, deadlock reports), driven by a tiny fake host: one process, a virtual clock that only
//! `Sleep` advances, kernel locks that are always free. Expected outputs come from CPython 3.11
//! where CPython is deterministic.

use proclab_interp::{Interp, Reply, Step, Stream, Syscall};

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
    /// Every syscall the process made, in order.
    log: Vec<Syscall>,
    /// The virtual clock at the end (seconds).
    clock: f64,
}

fn reply_for(call: &Syscall, clock: &mut f64, next_handle: &mut i64) -> Reply {
    match call {
        Syscall::Sleep { secs } => {
            *clock += secs;
            Reply::None
        }
        Syscall::Monotonic => Reply::Float(*clock),
        Syscall::Time => Reply::Float(1_700_000_000.0 + *clock),
        Syscall::GetPid => Reply::Int(100),
        Syscall::GetPpid => Reply::Int(99),
        Syscall::CpuCount => Reply::Int(4),
        Syscall::Create { .. } => {
            *next_handle += 1;
            Reply::Int(*next_handle)
        }
        Syscall::Acquire { .. } => Reply::Bool(true),
        Syscall::Poll { .. } => Reply::ExitCode(Some(0)),
        Syscall::Join { .. } => Reply::ExitCode(Some(0)),
        _ => Reply::None,
    }
}

fn drive(mut interp: Interp, budget: u32) -> Run {
    let (mut stdout, mut stderr, mut log) = (String::new(), String::new(), vec![]);
    let (mut clock, mut handles) = (0.0, 0);
    for _ in 0..50_000_000u64 {
        let step = interp.run(budget);
        for o in interp.take_output() {
            match o.stream {
                Stream::Stdout => stdout.push_str(&o.text),
                Stream::Stderr => stderr.push_str(&o.text),
            }
        }
        match step {
            Step::Yield => {}
            Step::Exit(code) => {
                return Run {
                    stdout,
                    stderr,
                    code,
                    log,
                    clock,
                }
            }
            Step::Syscall(call) => {
                let r = reply_for(&call, &mut clock, &mut handles);
                log.push(call);
                interp.resume(r);
            }
        }
    }
    panic!("the program did not end; stdout so far:\n{stdout}");
}

fn run(src: &str) -> Run {
    drive(Interp::new(src, "prog.py").expect("compiles"), 1000)
}

const RACE: &str = r#"
import threading
counter = 0
def add(n):
    global counter
    for _ in range(n):
        counter += 1
ts = [threading.Thread(target=add, args=(100000,)) for _ in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
"#;

#[test]
fn unlocked_increments_lose_updates_deterministically() {
    let a = run(RACE);
    let b = run(RACE);
    let n: i64 = a.stdout.trim().parse().expect("a number");
    assert!(n < 200_000, "no update was lost: {n}");
    assert!(n >= 100_000, "more than one thread's worth lost: {n}");
    assert_eq!(a.stdout, b.stdout, "the race must be deterministic");
    // The host's budget does not change where threads switch.
    let c = drive(Interp::new(RACE, "prog.py").unwrap(), 337);
    assert_eq!(a.stdout, c.stdout);
}

#[test]
fn a_lock_around_the_increment_fixes_the_race() {
    let r = run(&RACE
        .replace(
            "        counter += 1",
            "        with lock:\n            counter += 1",
        )
        .replace("counter = 0\n", "counter = 0\nlock = threading.Lock()\n"));
    assert_eq!(r.stdout, "200000\n", "{}", r.stderr);
}

#[test]
fn two_lock_deadlock_is_reported_with_its_cycle() {
    let r = run(r#"
import threading, time
a, b = threading.Lock(), threading.Lock()
def worker(first, second):
    with first:
        time.sleep(0.1)
        with second:
            print("never")
t1 = threading.Thread(target=worker, args=(a, b))
t2 = threading.Thread(target=worker, args=(b, a))
t1.start()
t2.start()
t1.join()
"#);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "deadlock: Thread-1 (worker) waits for Lock-2 held by Thread-2 (worker); \
         Thread-2 (worker) waits for Lock-1 held by Thread-1 (worker)\n"
    );
}

#[test]
fn a_thread_joining_a_blocked_thread_is_reported() {
    let r = run(r#"
import threading
ev = threading.Event()
t = threading.Thread(target=ev.wait, name="waiter")
t.start()
t.join()
"#);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "deadlock: MainThread waits for waiter to end; waiter waits for Event-1\n"
    );
}

#[test]
fn sleeps_are_per_thread_and_overlap() {
    let r = run(r#"
import threading, time
def nap(label, secs):
    time.sleep(secs)
    print(label, "woke")
a = threading.Thread(target=nap, args=("a", 0.2))
b = threading.Thread(target=nap, args=("b", 0.1))
a.start()
b.start()
a.join()
b.join()
print("both done")
"#);
    assert_eq!(r.stdout, "b woke\na woke\nboth done\n", "{}", r.stderr);
    // The process slept in the kernel only while no thread could run: 0.2 s in all, not 0.3.
    assert!((r.clock - 0.2).abs() < 1e-6, "clock {}", r.clock);
    assert!(r.log.iter().any(|c| matches!(c, Syscall::Monotonic)));
}

#[test]
fn errors_are_cpythons() {
    let r = run(r#"
import threading
def attempt(f):
    try:
        f()
    except RuntimeError as e:
        print(type(e).__name__, e)
attempt(threading.Lock().release)
attempt(threading.RLock().release)
attempt(threading.current_thread().join)
t = threading.Thread(target=print, args=("ran",))
t.start()
attempt(t.start)
t.join()
attempt(threading.Thread(target=print).join)
attempt(threading.Condition().wait)
attempt(threading.Condition().notify)
l = threading.Lock()
print(l.acquire(), l.acquire(False), l.acquire(timeout=0), l.locked())
try:
    l.acquire(False, 1)
except ValueError as e:
    print(e)
"#);
    assert_eq!(
        r.stdout,
        "RuntimeError release unlocked lock\n\
         RuntimeError cannot release un-acquired lock\n\
         RuntimeError cannot join current thread\n\
         ran\n\
         RuntimeError threads can only be started once\n\
         RuntimeError cannot join thread before it is started\n\
         RuntimeError cannot wait on un-acquired lock\n\
         RuntimeError cannot notify on un-acquired lock\n\
         True False False True\n\
         can't specify a timeout for a non-blocking call\n",
        "{}",
        r.stderr
    );
}

#[test]
fn non_daemon_threads_are_joined_at_exit_and_daemons_dropped() {
    let r = run(r#"
import threading, time
def late(label, secs):
    time.sleep(secs)
    print(label)
threading.Thread(target=late, args=("joined at exit", 0.1)).start()
threading.Thread(target=late, args=("daemon: never", 0.5), daemon=True).start()
print("main ends")
"#);
    assert_eq!(r.stdout, "main ends\njoined at exit\n", "{}", r.stderr);
    assert_eq!(r.code, 0);
    assert!(r.clock < 0.5);
}

#[test]
fn exit_code_of_main_survives_the_thread_join() {
    let r = run(r#"
import threading, time, sys
threading.Thread(target=time.sleep, args=(0.05,)).start()
sys.exit(3)
"#);
    assert_eq!(r.code, 3, "{}", r.stderr);
}

#[test]
fn queue_blocks_and_times_out() {
    let r = run(r#"
import queue, threading, time
q = queue.Queue(maxsize=1)
def producer():
    for i in range(3):
        q.put(i)
t = threading.Thread(target=producer)
t.start()
time.sleep(0.1)
for _ in range(3):
    print("got", q.get())
t.join()
start = time.monotonic()
try:
    q.get(timeout=0.5)
except queue.Empty:
    print("Empty after", round(time.monotonic() - start, 1))
lq, pq = queue.LifoQueue(), queue.PriorityQueue()
for x in (2, 3, 1):
    lq.put(x)
    pq.put(x)
print([lq.get() for _ in range(3)], [pq.get() for _ in range(3)])
q2 = queue.Queue()
def worker():
    while True:
        item = q2.get()
        if item is None:
            q2.task_done()
            break
        q2.task_done()
w = threading.Thread(target=worker)
w.start()
for i in range(5):
    q2.put(i)
q2.put(None)
q2.join()
print("all tasks done", q2.unfinished_tasks)
"#);
    assert_eq!(
        r.stdout, "got 0\ngot 1\ngot 2\nEmpty after 0.5\n[1, 3, 2] [1, 2, 3]\nall tasks done 0\n",
        "{}",
        r.stderr
    );
}

#[test]
fn timer_event_condition_semaphore_barrier() {
    let r = run(r#"
import threading, time
fired = []
t = threading.Timer(0.2, fired.append, args=("x",))
c = threading.Timer(0.1, fired.append, args=("cancelled",))
t.start(); c.start(); c.cancel()
t.join(); c.join()
print(fired, threading.Event().wait(0.05))
cv = threading.Condition()
box = []
def put():
    with cv:
        box.append(1)
        cv.notify_all()
with cv:
    threading.Thread(target=put).start()
    print("wait_for:", cv.wait_for(lambda: box, timeout=1))
s = threading.BoundedSemaphore(1)
s.acquire()
s.release()
try:
    s.release()
except ValueError as e:
    print(e)
b = threading.Barrier(2, timeout=0.1)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("broken:", b.broken)
"#);
    assert_eq!(
        r.stdout, "['x'] False\nwait_for: [1]\nSemaphore released too many times\nbroken: True\n",
        "{}",
        r.stderr
    );
}

#[test]
fn names_idents_and_enumerate() {
    let r = run(r#"
import threading
class Worker(threading.Thread):
    def run(self):
        print(self.name, threading.current_thread() is self, self.ident == threading.get_ident())
def f():
    pass
w = Worker()
w.start(); w.join()
t = threading.Thread(target=f)
print(t.name, t.ident, repr(t).startswith("<Thread(Thread-2 (f), initial"))
t.start()
print(threading.active_count(), [x.name for x in threading.enumerate()])
t.join()
print(threading.active_count(), threading.main_thread().name, t.is_alive())
"#);
    assert_eq!(
        r.stdout,
        "Thread-1 True True\nThread-2 (f) None True\n1 ['MainThread']\n1 MainThread False\n",
        "{}",
        r.stderr
    );
}

#[test]
fn an_exception_in_a_thread_is_printed_and_main_goes_on() {
    let r = run("import threading\ndef boom():\n    raise ValueError('bad')\nt = threading.Thread(target=boom)\nt.start()\nt.join()\nprint('after')\n");
    assert_eq!(r.stdout, "after\n");
    assert!(
        r.stderr.starts_with(
            "Exception in thread Thread-1 (boom):\nTraceback (most recent call last):\n"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with("ValueError: bad\n"), "{}", r.stderr);
    assert_eq!(r.code, 0);
}

#[test]
fn kernel_lock_calls_from_a_thread_name_the_thread_first() {
    let r = run(r#"
import multiprocessing, threading
lock = multiprocessing.RLock()
def work():
    with lock:
        pass
t = threading.Thread(target=work)
t.start()
t.join()
with lock:
    print("main has it")
"#);
    assert_eq!(r.stdout, "main has it\n", "{}", r.stderr);
    let pos = r
        .log
        .iter()
        .position(|c| matches!(c, Syscall::Acquire { .. }))
        .expect("an Acquire");
    assert_eq!(r.log[pos - 1], Syscall::SetThread { tid: 1 });
    let back = r
        .log
        .iter()
        .rposition(|c| matches!(c, Syscall::Acquire { .. }))
        .unwrap();
    assert_eq!(r.log[back - 1], Syscall::SetThread { tid: 0 });
}

#[test]
fn fork_in_a_thread_keeps_only_that_thread_in_the_child() {
    let src = r#"
import os, threading, time
def forker():
    pid = os.fork()
    print("pid", pid, "threads", threading.active_count())
bg = threading.Thread(target=time.sleep, args=(1,))
bg.start()
f = threading.Thread(target=forker)
f.start()
"#;
    let mut parent = Interp::new(src, "prog.py").unwrap();
    let mut child = None;
    for _ in 0..100_000 {
        match parent.run(1000) {
            Step::Syscall(Syscall::Fork { .. }) => {
                let mut c = parent.clone();
                c.resume(Reply::Int(0));
                child = Some(c);
                parent.resume(Reply::Int(101));
                break;
            }
            Step::Syscall(Syscall::Monotonic) => parent.resume(Reply::Float(0.0)),
            Step::Syscall(_) => parent.resume(Reply::None),
            Step::Yield => {}
            Step::Exit(_) => break,
        }
    }
    let child = child.expect("forked");
    assert_eq!(child.threads().len(), 1);
    assert_eq!(parent.threads().len(), 3);
    let out = drive(child, 1000);
    assert_eq!(out.stdout, "pid 0 threads 1\n", "{}", out.stderr);
    assert_eq!(out.code, 0);
}

#[test]
fn threads_and_events_for_the_page() {
    let mut it = Interp::new(
        "import threading, time\nt = threading.Thread(target=time.sleep, args=(1,), name='napper')\nt.start()\nx = 1\nt.join()\n",
        "prog.py",
    )
    .unwrap();
    assert_eq!(
        it.threads(),
        vec![(0, "MainThread".to_string(), "running".to_string(), Some(1))]
    );
    let mut saw_sleeping = false;
    for _ in 0..10_000 {
        let rows = it.threads();
        if rows.iter().any(|r| r.1 == "napper" && r.2 == "sleeping") {
            saw_sleeping = true;
        }
        match it.run(50) {
            Step::Syscall(Syscall::Sleep { .. }) => it.resume(Reply::None),
            Step::Syscall(Syscall::Monotonic) => it.resume(Reply::Float(0.0)),
            Step::Syscall(_) => it.resume(Reply::None),
            Step::Yield => {}
            Step::Exit(_) => break,
        }
    }
    assert!(saw_sleeping);
    let ev = it.take_thread_events();
    assert!(ev.iter().any(|e| e.1 == "napper" && e.2 == "sleeping"));
    assert!(ev.iter().any(|e| e.1 == "napper" && e.2 == "done"));
    assert!(it.take_thread_events().is_empty());
}

#[test]
fn a_blocking_kernel_lock_in_a_thread_is_polled_while_others_run() {
    let src = r#"
import multiprocessing, threading, time
lock = multiprocessing.Lock()
def taker():
    lock.acquire()
    print("thread got the kernel lock")
t = threading.Thread(target=taker)
t.start()
for i in range(3):
    print("main runs", i)
    time.sleep(0.001)
t.join()
"#;
    let mut it = Interp::new(src, "prog.py").unwrap();
    let (mut out, mut log, mut clock, mut refusals) = (String::new(), vec![], 0.0, 0);
    for _ in 0..1_000_000 {
        let step = it.run(1000);
        for o in it.take_output() {
            out.push_str(&o.text);
        }
        match step {
            Step::Exit(code) => {
                assert_eq!(code, 0, "{out}");
                break;
            }
            Step::Yield => {}
            Step::Syscall(call) => {
                let r = match &call {
                    // The lock is busy (held by another process) for the first few tries.
                    Syscall::Acquire { block: false, .. } if refusals < 3 => {
                        refusals += 1;
                        Reply::Bool(false)
                    }
                    other => reply_for(other, &mut clock, &mut 0),
                };
                log.push(call);
                it.resume(r);
            }
        }
    }
    assert_eq!(refusals, 3);
    assert!(!log
        .iter()
        .any(|c| matches!(c, Syscall::Acquire { block: true, .. })));
    assert_eq!(
        out,
        "main runs 0\nmain runs 1\nmain runs 2\nthread got the kernel lock\n"
    );
}

#[test]
fn semaphore_under_contention_caps_and_releases_from_exit() {
    // Preemption lands inside `with sem:` blocks; `__exit__` (run where the VM cannot block)
    // must release without waiting for anything.
    let r = run(r#"
import threading, time
sem = threading.Semaphore(2)
lock = threading.Lock()
state = {"in": 0, "peak": 0}
def work():
    for _ in range(20):
        with sem:
            with lock:
                state["in"] += 1
                state["peak"] = max(state["peak"], state["in"])
            x = 0
            for k in range(300):
                x += k
            time.sleep(0.001)
            with lock:
                state["in"] -= 1
ts = [threading.Thread(target=work) for _ in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(state)
"#);
    assert_eq!(r.stdout, "{'in': 0, 'peak': 2}\n", "{}", r.stderr);
}
