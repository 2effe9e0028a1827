//! Unit tests of the shared objects, files, niceness and deadlock detection, driven by hand.
//! Eight CPUs, so that every process that is not blocked holds one and can make a syscall.

use super::*;

/// A kernel whose main process has forked `n` children; all of them are running.
fn setup(n: usize) -> (Kernel, Pid, Vec<Pid>) {
    let mut k = kernel(8, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let kids = (0..n).map(|_| fork(&mut k, 1, main)).collect();
    k.take_effects();
    (k, main, kids)
}

/// The reply `pid` is resumed with in `effects` (`None`: it was not run, or ran without one).
fn reply(effects: &[Effect], pid: Pid) -> Option<Reply> {
    runs(effects)
        .into_iter()
        .rfind(|(p, _)| *p == pid)
        .and_then(|(_, r)| r)
}

/// Makes `call` in `pid` and returns its immediate reply (panics if it blocked).
fn call(k: &mut Kernel, pid: Pid, call: Syscall) -> Reply {
    let eff = sys(k, 10, pid, call);
    reply(&eff, pid).expect("an immediate reply")
}

/// Makes `call` in `pid`, which must block.
fn blocks(k: &mut Kernel, pid: Pid, c: Syscall) {
    let eff = sys(k, 10, pid, c);
    assert_eq!(reply(&eff, pid), None, "expected to block, got {eff:?}");
    assert!(matches!(state(k, pid), ProcState::Blocked(_)));
}

fn create(k: &mut Kernel, pid: Pid, kind: ObjKind, label: &str) -> Handle {
    match call(
        k,
        pid,
        Syscall::Create {
            kind,
            label: label.into(),
        },
    ) {
        Reply::Int(h) => h as Handle,
        r => panic!("{r:?}"),
    }
}

/// A (not joinable) queue of `maxsize` made by `pid`.
fn queue(k: &mut Kernel, pid: Pid, maxsize: u32, label: &str) -> Handle {
    let kind = ObjKind::Queue {
        maxsize,
        joinable: false,
    };
    create(k, pid, kind, label)
}

/// `Process.terminate()` of `pid`.
fn terminate(pid: Pid) -> Syscall {
    Syscall::Kill { pid, signal: 15 }
}

fn item(s: &str) -> Item {
    Item {
        bytes: s.as_bytes().to_vec(),
        repr: format!("'{s}'"),
    }
}

fn put(h: Handle, s: &str) -> Syscall {
    Syscall::Put {
        h,
        item: item(s),
        block: true,
        timeout: None,
    }
}

fn get(h: Handle) -> Syscall {
    Syscall::Get {
        h,
        block: true,
        timeout: None,
    }
}

fn acquire(h: Handle) -> Syscall {
    Syscall::Acquire {
        h,
        block: true,
        timeout: None,
    }
}

fn err(kind: &str, msg: &str) -> Reply {
    error(kind, msg)
}

#[test]
fn queue_get_blocks_until_a_put_and_records_the_arrow() {
    let (mut k, main, kids) = setup(2);
    let q = queue(&mut k, main, 0, "Queue-1");
    blocks(&mut k, kids[0], get(q));
    blocks(&mut k, kids[1], get(q));
    assert_eq!(k.state_label(&state(&k, kids[0])), "blocked: get Queue-1");
    assert_eq!(k.objects()[0].waiters, kids);
    let eff = sys(&mut k, 20, main, put(q, "a"));
    assert_eq!(reply(&eff, main), Some(Reply::None));
    // FIFO: the first getter gets the first item.
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Item(item("a"))));
    assert_eq!(reply(&eff, kids[1]), None);
    let gets: Vec<_> = k
        .trace()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Get { h, item_repr, from } => Some((e.pid, *h, item_repr.clone(), *from)),
            _ => None,
        })
        .collect();
    assert_eq!(gets, vec![(kids[0], q, "'a'".to_string(), Some(main))]);
    call(&mut k, main, put(q, "b"));
    call(&mut k, main, put(q, "c"));
    assert_eq!(k.objects()[0].items, vec!["'c'".to_string()]);
    assert_eq!(call(&mut k, kids[0], get(q)), Reply::Item(item("c")));
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::Query {
                h: q,
                q: QueueQuery::Empty
            }
        ),
        Reply::Bool(true)
    );
}

#[test]
fn bounded_queue_full_empty_and_timeouts() {
    let (mut k, main, kids) = setup(1);
    let q = queue(&mut k, main, 1, "Queue-1");
    let nowait = |s| Syscall::Put {
        h: q,
        item: item(s),
        block: false,
        timeout: None,
    };
    assert_eq!(call(&mut k, main, nowait("a")), Reply::None);
    assert_eq!(call(&mut k, main, nowait("b")), err("queue.Full", ""));
    let full = Syscall::Query {
        h: q,
        q: QueueQuery::Full,
    };
    assert_eq!(call(&mut k, main, full), Reply::Bool(true));
    // A blocked put enters once a get makes room.
    blocks(&mut k, main, put(q, "b"));
    assert_eq!(k.state_label(&state(&k, main)), "blocked: put Queue-1");
    let eff = sys(&mut k, 30, kids[0], get(q));
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Item(item("a"))));
    assert_eq!(reply(&eff, main), Some(Reply::None));
    assert_eq!(k.objects()[0].items, vec!["'b'".to_string()]);
    // put with a timeout on a full queue.
    let timed = Syscall::Put {
        h: q,
        item: item("x"),
        block: true,
        timeout: Some(0.5),
    };
    blocks(&mut k, main, timed);
    // The kernel's clock is at 30 µs (the latest event).
    assert_eq!(k.next_deadline(), Some(500_030));
    k.advance(500_030);
    assert_eq!(reply(&k.take_effects(), main), Some(err("queue.Full", "")));
    // get: empty without blocking, and with a timeout.
    call(&mut k, kids[0], get(q));
    let nowait_get = Syscall::Get {
        h: q,
        block: false,
        timeout: None,
    };
    assert_eq!(call(&mut k, kids[0], nowait_get), err("queue.Empty", ""));
    let zero = Syscall::Get {
        h: q,
        block: true,
        timeout: Some(0.0),
    };
    assert_eq!(call(&mut k, kids[0], zero), err("queue.Empty", ""));
    blocks(
        &mut k,
        kids[0],
        Syscall::Get {
            h: q,
            block: true,
            timeout: Some(0.1),
        },
    );
    k.advance(700_000);
    assert_eq!(
        reply(&k.take_effects(), kids[0]),
        Some(err("queue.Empty", ""))
    );
    assert!(k.objects()[0].waiters.is_empty());
}

/// Puts a process made without waiting (a worker answered them) happen, in order, when its host
/// reports them: a blocked getter wakes with the first; a full bounded queue drops the item;
/// a process killed meanwhile loses them.
#[test]
fn async_puts_happen_in_order_when_reported_and_never_block() {
    let (mut k, main, kids) = setup(2);
    let q = queue(&mut k, main, 0, "Queue-1");
    let b = queue(&mut k, main, 1, "Queue-2");
    blocks(&mut k, kids[0], get(q));
    k.on_put_async(
        40,
        main,
        vec![
            (q, item("a")),
            (q, item("b")),
            (b, item("x")),
            (b, item("y")),
        ],
    );
    let eff = k.take_effects();
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Item(item("a"))));
    // The reporting process still runs: nobody resumes it.
    assert_eq!(reply(&eff, main), None);
    assert_eq!(state(&k, main), ProcState::Running);
    assert_eq!(k.objects()[0].items, vec!["'b'".to_string()]);
    assert_eq!(k.objects()[1].items, vec!["'x'".to_string()]);
    // As a syscall (the simulation host makes it one), it answers None.
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::PutAsync {
                h: q,
                item: item("c")
            }
        ),
        Reply::None
    );
    assert_eq!(
        k.objects()[0].items,
        vec!["'b'".to_string(), "'c'".to_string()]
    );
    // A killed process's late report changes nothing.
    call(&mut k, main, terminate(kids[1]));
    k.on_put_async(60, kids[1], vec![(q, item("late"))]);
    assert_eq!(k.objects()[0].items.len(), 2);
}

/// `GetMany` takes the waiting items (at most `max`, oldest first) once `min` are waiting;
/// without blocking or at its timeout, what is waiting then.
#[test]
fn get_many_takes_the_waiting_items_or_waits_for_one() {
    let (mut k, main, kids) = setup(1);
    let q = queue(&mut k, main, 0, "Queue-1");
    let many = |min, max| Syscall::GetMany {
        h: q,
        block: true,
        timeout: None,
        min,
        max,
    };
    for s in ["a", "b", "c"] {
        call(&mut k, kids[0], put(q, s));
    }
    assert_eq!(
        call(&mut k, main, many(1, 2)),
        Reply::Items(vec![item("a"), item("b")])
    );
    assert_eq!(
        call(&mut k, main, many(1, 9)),
        Reply::Items(vec![item("c")])
    );
    let nowait = Syscall::GetMany {
        h: q,
        block: false,
        timeout: None,
        min: 5,
        max: 9,
    };
    assert_eq!(call(&mut k, main, nowait.clone()), err("queue.Empty", ""));
    // Waits for 3: two puts do not wake it, the third does, with all three.
    blocks(&mut k, main, many(3, 9));
    call(&mut k, kids[0], put(q, "d"));
    call(&mut k, kids[0], put(q, "e"));
    assert!(matches!(state(&k, main), ProcState::Blocked(_)));
    let eff = sys(&mut k, 50, kids[0], put(q, "f"));
    let def = vec![item("d"), item("e"), item("f")];
    assert_eq!(reply(&eff, main), Some(Reply::Items(def)));
    // Non-blocking takes what there is, below `min`; a timeout too.
    call(&mut k, kids[0], put(q, "g"));
    assert_eq!(call(&mut k, main, nowait), Reply::Items(vec![item("g")]));
    call(&mut k, kids[0], put(q, "h"));
    let timed = Syscall::GetMany {
        h: q,
        block: true,
        timeout: Some(0.5),
        min: 2,
        max: 9,
    };
    blocks(&mut k, main, timed);
    let deadline = k.next_deadline().expect("the timeout's timer");
    k.advance(deadline);
    let eff = k.take_effects();
    assert_eq!(reply(&eff, main), Some(Reply::Items(vec![item("h")])));
}

#[test]
fn joinable_queue_counts_unfinished_tasks() {
    let (mut k, main, kids) = setup(1);
    let q = create(
        &mut k,
        main,
        ObjKind::Queue {
            maxsize: 0,
            joinable: true,
        },
        "JQ",
    );
    assert_eq!(call(&mut k, main, Syscall::QueueJoin { h: q }), Reply::None);
    assert_eq!(
        call(&mut k, main, Syscall::TaskDone { h: q }),
        err("ValueError", "task_done() called too many times")
    );
    call(&mut k, main, put(q, "a"));
    call(&mut k, main, put(q, "b"));
    blocks(&mut k, main, Syscall::QueueJoin { h: q });
    assert_eq!(k.state_label(&state(&k, main)), "blocked: join JQ");
    call(&mut k, kids[0], get(q));
    call(&mut k, kids[0], get(q));
    assert_eq!(k.objects()[0].value.as_deref(), Some("2 unfinished"));
    let eff = sys(&mut k, 20, kids[0], Syscall::TaskDone { h: q });
    assert_eq!(reply(&eff, main), None);
    let eff = sys(&mut k, 20, kids[0], Syscall::TaskDone { h: q });
    assert_eq!(reply(&eff, main), Some(Reply::None));
    // task_done on a plain queue does not exist.
    let plain = queue(&mut k, main, 0, "Q");
    assert!(matches!(
        call(&mut k, main, Syscall::TaskDone { h: plain }),
        Reply::Error { kind, .. } if kind == "AttributeError"
    ));
}

#[test]
fn pipe_recv_sees_eof_once_every_writer_closed_or_ended() {
    let mut k = kernel(8, Policy::RoundRobin);
    let main = k.start(0);
    let c = create(&mut k, main, ObjKind::Channel, "Pipe-1");
    let child = fork(&mut k, 1, main);
    k.take_effects();
    // The parent closes its copy of the write end, as the usual idiom does.
    assert_eq!(call(&mut k, main, Syscall::Close { h: c }), Reply::None);
    blocks(&mut k, main, get(c));
    assert_eq!(k.state_label(&state(&k, main)), "blocked: recv Pipe-1");
    let eff = sys(&mut k, 20, child, put(c, "hi"));
    assert_eq!(reply(&eff, main), Some(Reply::Item(item("hi"))));
    call(&mut k, child, put(c, "bye"));
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::Query {
                h: c,
                q: QueueQuery::Poll
            }
        ),
        Reply::Bool(true)
    );
    assert_eq!(call(&mut k, main, get(c)), Reply::Item(item("bye")));
    blocks(&mut k, main, get(c));
    // The last writer ends: the blocked reader gets EOF, and so does a later one.
    k.on_step(30, child, Step::Exit(0), vec![], 1);
    assert_eq!(reply(&k.take_effects(), main), Some(err("EOFError", "")));
    assert_eq!(call(&mut k, main, get(c)), err("EOFError", ""));
    assert_eq!(k.objects()[0].value.as_deref(), Some("closed"));
}

#[test]
fn lock_hands_over_fifo_and_rejects_release_when_unlocked() {
    let (mut k, main, kids) = setup(2);
    let l = create(&mut k, main, ObjKind::Lock, "Lock-1");
    assert_eq!(call(&mut k, main, acquire(l)), Reply::Bool(true));
    blocks(&mut k, kids[0], acquire(l));
    blocks(&mut k, kids[1], acquire(l));
    assert_eq!(k.state_label(&state(&k, kids[0])), "blocked: lock Lock-1");
    let v = &k.objects()[0];
    assert_eq!((v.owner, v.waiters.clone()), (Some(main), kids.clone()));
    let nowait = Syscall::Acquire {
        h: l,
        block: false,
        timeout: None,
    };
    assert_eq!(call(&mut k, main, nowait.clone()), Reply::Bool(false));
    let eff = sys(&mut k, 20, main, Syscall::Release { h: l });
    assert_eq!(reply(&eff, main), Some(Reply::None));
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Bool(true)));
    assert_eq!(reply(&eff, kids[1]), None);
    assert_eq!(k.objects()[0].owner, Some(kids[0]));
    assert!(k.trace().iter().any(|e| e.pid == kids[0]
        && e.kind
            == TraceKind::Acquire {
                h: l,
                from: Some(main)
            }));
    // A multiprocessing Lock may be released by another process than its owner.
    let eff = sys(&mut k, 30, main, Syscall::Release { h: l });
    assert_eq!(reply(&eff, kids[1]), Some(Reply::Bool(true)));
    call(&mut k, kids[1], Syscall::Release { h: l });
    assert_eq!(
        call(&mut k, main, Syscall::Release { h: l }),
        err("ValueError", "semaphore or lock released too many times")
    );
    // Timeout: false.
    call(&mut k, main, acquire(l));
    blocks(
        &mut k,
        kids[0],
        Syscall::Acquire {
            h: l,
            block: true,
            timeout: Some(1.0),
        },
    );
    k.advance(2_000_000);
    assert_eq!(reply(&k.take_effects(), kids[0]), Some(Reply::Bool(false)));
    assert!(k.objects()[0].waiters.is_empty());
}

#[test]
fn rlock_counts_per_owner_thread() {
    let (mut k, main, kids) = setup(1);
    let r = create(&mut k, main, ObjKind::RLock, "RLock-1");
    assert_eq!(call(&mut k, main, acquire(r)), Reply::Bool(true));
    assert_eq!(call(&mut k, main, acquire(r)), Reply::Bool(true));
    assert_eq!(k.objects()[0].value.as_deref(), Some("count 2"));
    let not_owned = err(
        "AssertionError",
        "attempt to release recursive lock not owned by thread",
    );
    assert_eq!(call(&mut k, kids[0], Syscall::Release { h: r }), not_owned);
    // Another thread of the same process is not the owner either.
    call(&mut k, main, Syscall::SetThread { tid: 2 });
    assert_eq!(call(&mut k, main, Syscall::Release { h: r }), not_owned);
    call(&mut k, main, Syscall::SetThread { tid: 0 });
    blocks(&mut k, kids[0], acquire(r));
    let eff = sys(&mut k, 20, main, Syscall::Release { h: r });
    assert_eq!(reply(&eff, kids[0]), None, "still held once");
    let eff = sys(&mut k, 20, main, Syscall::Release { h: r });
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Bool(true)));
    assert_eq!(k.objects()[0].owner, Some(kids[0]));
}

#[test]
fn semaphores_count_and_bounded_ones_refuse_extra_releases() {
    let (mut k, main, kids) = setup(1);
    let s = create(
        &mut k,
        main,
        ObjKind::Semaphore {
            value: 2,
            bounded: false,
        },
        "Semaphore-1",
    );
    call(&mut k, main, acquire(s));
    call(&mut k, main, acquire(s));
    blocks(&mut k, kids[0], acquire(s));
    assert_eq!(k.objects()[0].value.as_deref(), Some("0"));
    let eff = sys(&mut k, 20, main, Syscall::Release { h: s });
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Bool(true)));
    call(&mut k, main, Syscall::Release { h: s });
    call(&mut k, main, Syscall::Release { h: s });
    // An unbounded semaphore may go above its initial value.
    call(&mut k, main, Syscall::Release { h: s });
    assert_eq!(k.objects()[0].value.as_deref(), Some("3"));
    let b = create(
        &mut k,
        main,
        ObjKind::Semaphore {
            value: 1,
            bounded: true,
        },
        "BoundedSemaphore-1",
    );
    assert_eq!(
        call(&mut k, main, Syscall::Release { h: b }),
        err("ValueError", "semaphore or lock released too many times")
    );
    call(&mut k, main, acquire(b));
    assert_eq!(call(&mut k, main, Syscall::Release { h: b }), Reply::None);
}

#[test]
fn event_wakes_every_waiter_and_times_out_false() {
    let (mut k, main, kids) = setup(2);
    let e = create(&mut k, main, ObjKind::Event, "Event-1");
    let wait = |timeout| Syscall::EventWait { h: e, timeout };
    assert_eq!(call(&mut k, main, wait(Some(0.0))), Reply::Bool(false));
    blocks(&mut k, kids[0], wait(None));
    blocks(&mut k, kids[1], wait(Some(5.0)));
    assert_eq!(k.state_label(&state(&k, kids[1])), "blocked: wait Event-1");
    let eff = sys(&mut k, 20, main, Syscall::EventSet { h: e });
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Bool(true)));
    assert_eq!(reply(&eff, kids[1]), Some(Reply::Bool(true)));
    assert_eq!(k.next_deadline(), None, "the woken waiter's timer is gone");
    assert_eq!(
        call(&mut k, main, Syscall::EventIsSet { h: e }),
        Reply::Bool(true)
    );
    assert_eq!(call(&mut k, main, wait(None)), Reply::Bool(true));
    call(&mut k, main, Syscall::EventClear { h: e });
    blocks(&mut k, kids[0], wait(Some(0.25)));
    k.advance(1_000_000);
    assert_eq!(reply(&k.take_effects(), kids[0]), Some(Reply::Bool(false)));
}

#[test]
fn condition_wait_releases_and_reacquires_its_lock() {
    let (mut k, main, kids) = setup(2);
    let l = create(&mut k, main, ObjKind::RLock, "RLock-1");
    let c = create(&mut k, main, ObjKind::Condition, "Condition-1");
    let wait = |timeout| Syscall::CondWait {
        h: c,
        lock: l,
        timeout,
    };
    // Waiting without holding the lock is an error.
    assert_eq!(
        call(&mut k, kids[0], wait(None)),
        err(
            "AssertionError",
            "must acquire() condition before using wait()"
        )
    );
    for &kid in &kids {
        call(&mut k, kid, acquire(l));
        if kid == kids[0] {
            call(&mut k, kid, acquire(l)); // count 2, restored on wake
        }
        blocks(&mut k, kid, wait(None));
    }
    assert_eq!(
        k.state_label(&state(&k, kids[0])),
        "blocked: wait Condition-1"
    );
    assert_eq!(k.objects()[0].owner, None);
    call(&mut k, main, acquire(l));
    // notify(1) wakes the first waiter, which then waits for the lock main holds.
    let eff = sys(&mut k, 20, main, Syscall::CondNotify { h: c, n: Some(1) });
    assert_eq!(reply(&eff, kids[0]), None);
    assert_eq!(state(&k, kids[0]), ProcState::Blocked(BlockReason::Lock(l)));
    assert_eq!(
        state(&k, kids[1]),
        ProcState::Blocked(BlockReason::Condition(c))
    );
    let eff = sys(&mut k, 30, main, Syscall::Release { h: l });
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Bool(true)));
    assert_eq!(k.objects()[0].value.as_deref(), Some("count 2"));
    call(&mut k, kids[0], Syscall::CondNotify { h: c, n: None });
    call(&mut k, kids[0], Syscall::Release { h: l });
    let eff = sys(&mut k, 40, kids[0], Syscall::Release { h: l });
    assert_eq!(reply(&eff, kids[1]), Some(Reply::Bool(true)));
    // A timed-out wait re-acquires too and answers false.
    blocks(&mut k, kids[1], wait(Some(0.5)));
    k.advance(1_000_000);
    assert_eq!(reply(&k.take_effects(), kids[1]), Some(Reply::Bool(false)));
    assert_eq!(k.objects()[0].owner, Some(kids[1]));
}

#[test]
fn barrier_returns_arrival_indices_and_breaks_on_timeout() {
    let (mut k, main, kids) = setup(2);
    let b = create(&mut k, main, ObjKind::Barrier { parties: 3 }, "Barrier-1");
    let wait = |timeout| Syscall::BarrierWait { h: b, timeout };
    blocks(&mut k, kids[0], wait(None));
    blocks(&mut k, kids[1], wait(None));
    assert_eq!(k.objects()[0].value.as_deref(), Some("2/3 arrived"));
    let eff = sys(&mut k, 20, main, wait(None));
    assert_eq!(reply(&eff, main), Some(Reply::Int(2)));
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Int(0)));
    assert_eq!(reply(&eff, kids[1]), Some(Reply::Int(1)));
    // Next round: a timeout breaks it for everyone, later callers included.
    blocks(&mut k, kids[0], wait(None));
    blocks(&mut k, kids[1], wait(Some(0.1)));
    k.advance(1_000_000);
    let eff = k.take_effects();
    let broken = err("threading.BrokenBarrierError", "");
    assert_eq!(reply(&eff, kids[0]), Some(broken.clone()));
    assert_eq!(reply(&eff, kids[1]), Some(broken.clone()));
    assert_eq!(call(&mut k, main, wait(None)), broken);
}

#[test]
fn shared_cell_loads_what_was_stored() {
    let (mut k, main, kids) = setup(1);
    let v = create(
        &mut k,
        main,
        ObjKind::Shared { initial: item("0") },
        "Value-1",
    );
    assert_eq!(
        call(&mut k, kids[0], Syscall::Load { h: v }),
        Reply::Item(item("0"))
    );
    call(
        &mut k,
        kids[0],
        Syscall::Store {
            h: v,
            item: item("5"),
        },
    );
    assert_eq!(
        call(&mut k, main, Syscall::Load { h: v }),
        Reply::Item(item("5"))
    );
    assert_eq!(k.objects()[0].value.as_deref(), Some("'5'"));
    // Wrong handles and kinds are errors, not panics.
    assert!(matches!(call(&mut k, main, get(v)), Reply::Error { .. }));
    assert!(matches!(call(&mut k, main, get(99)), Reply::Error { .. }));
}

#[test]
fn killing_a_waiter_removes_it_and_a_killed_owner_keeps_the_lock() {
    let (mut k, main, kids) = setup(2);
    let l = create(&mut k, main, ObjKind::Lock, "Lock-1");
    call(&mut k, kids[0], acquire(l));
    blocks(&mut k, kids[1], acquire(l));
    call(&mut k, main, terminate(kids[1]));
    assert!(k.objects()[0].waiters.is_empty());
    call(
        &mut k,
        main,
        Syscall::Kill {
            pid: kids[0],
            signal: 9,
        },
    );
    assert_eq!(k.objects()[0].owner, Some(kids[0]));
    let nowait = Syscall::Acquire {
        h: l,
        block: false,
        timeout: None,
    };
    assert_eq!(call(&mut k, main, nowait), Reply::Bool(false));
}

#[test]
fn two_lock_cycle_is_reported_as_a_deadlock() {
    let (mut k, main, kids) = setup(2);
    let l1 = create(&mut k, main, ObjKind::Lock, "Lock-1");
    let l2 = create(&mut k, main, ObjKind::Lock, "Lock-2");
    call(&mut k, kids[0], acquire(l1));
    call(&mut k, kids[1], acquire(l2));
    blocks(
        &mut k,
        main,
        Syscall::Join {
            pid: kids[0],
            timeout: None,
        },
    );
    blocks(&mut k, kids[0], acquire(l2));
    assert!(!k.is_done());
    let eff = sys(&mut k, 50, kids[1], acquire(l1));
    assert!(eff.contains(&Effect::Done));
    assert!(k.is_done());
    let (a, b) = (kids[0], kids[1]);
    assert_eq!(
        k.deadlock(),
        Some(
            format!(
                "deadlock: Process-1 (pid {a}) waits for Lock-2 held by Process-1 (pid {b}); \
                 Process-1 (pid {b}) waits for Lock-1 held by Process-1 (pid {a})"
            )
            .as_str()
        )
    );
    assert_eq!(
        k.trace().last().unwrap().kind,
        TraceKind::Deadlock {
            cycle: vec![(a, "Lock-2".into(), Some(b)), (b, "Lock-1".into(), Some(a))]
        }
    );
    // The processes stay blocked; Stop afterwards changes nothing.
    k.stop(60);
    assert!(matches!(state(&k, main), ProcState::Blocked(_)));
    assert!(k.take_effects().is_empty());
}

#[test]
fn lonely_getter_is_a_deadlock_but_a_timed_one_is_not() {
    let mut k = kernel(2, Policy::Fcfs);
    let main = k.start(0);
    let q = queue(&mut k, main, 0, "Queue-1");
    blocks(
        &mut k,
        main,
        Syscall::Get {
            h: q,
            block: true,
            timeout: Some(1.0),
        },
    );
    assert!(!k.is_done(), "a timer can still wake it");
    k.advance(2_000_000);
    k.take_effects();
    sys(&mut k, 2_000_001, main, get(q));
    assert_eq!(
        k.deadlock(),
        Some(format!("deadlock: MainProcess (pid {main}) waits for an item in Queue-1").as_str())
    );
}

#[test]
fn files_are_shared_by_every_process() {
    let (mut k, main, kids) = setup(1);
    k.add_file("in.txt", "x");
    let write = |path: &str, data: &str, append| Syscall::WriteFile {
        path: path.into(),
        data: data.into(),
        append,
    };
    call(&mut k, kids[0], write("b.txt", "1", false));
    call(&mut k, kids[0], write("b.txt", "2", true));
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::ReadFile {
                path: "b.txt".into()
            }
        ),
        Reply::Text("12".into())
    );
    assert_eq!(
        call(&mut k, main, Syscall::ListFiles),
        Reply::Text(
            "b.txt
in.txt"
                .into()
        )
    );
    call(&mut k, main, write("b.txt", "3", false));
    assert_eq!(k.files().get("b.txt").map(String::as_str), Some("3"));
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::RemoveFile {
                path: "in.txt".into()
            }
        ),
        Reply::None
    );
    let missing = err(
        "FileNotFoundError",
        "[Errno 2] No such file or directory: 'in.txt'",
    );
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::RemoveFile {
                path: "in.txt".into()
            }
        ),
        missing
    );
    assert_eq!(
        call(
            &mut k,
            main,
            Syscall::ReadFile {
                path: "in.txt".into()
            }
        ),
        missing
    );
}

#[test]
fn cpu_count_and_nice() {
    let mut k = kernel(3, Policy::Priority);
    let main = k.start(0);
    assert_eq!(call(&mut k, main, Syscall::CpuCount), Reply::Int(3));
    assert_eq!(call(&mut k, main, Syscall::Nice { inc: 0 }), Reply::Int(0));
    assert_eq!(call(&mut k, main, Syscall::Nice { inc: 5 }), Reply::Int(5));
    assert_eq!(
        call(&mut k, main, Syscall::Nice { inc: -1 }),
        err("PermissionError", "[Errno 1] Operation not permitted")
    );
    assert_eq!(
        call(&mut k, main, Syscall::Nice { inc: 100 }),
        Reply::Int(19)
    );
    let child = fork(&mut k, 1, main);
    assert_eq!(k.nice(child), Some(19), "inherited");
}

#[test]
fn priority_policy_runs_the_lowest_niceness_first() {
    let mut k = kernel(1, Policy::Priority);
    let main = k.start(0);
    k.take_effects();
    let a = fork(&mut k, 1, main);
    let b = fork(&mut k, 2, main);
    // a becomes nicer (lower priority) than b: when main sleeps, b runs first.
    let ia = k.idx(a).unwrap();
    k.sched[ia].nice = 10;
    let eff = sys(&mut k, 3, main, Syscall::Sleep { secs: 1.0 });
    assert_eq!(runs(&eff), vec![(b, Some(Reply::Int(0)))]);
}

#[test]
fn directories_are_listed_with_a_slash_and_checked_like_the_os() {
    let (mut k, main, _) = setup(1);
    let mkdir = |path: &str, parents, exist_ok| Syscall::MakeDir {
        path: path.into(),
        parents,
        exist_ok,
    };
    let rmdir = |path: &str| Syscall::RemoveDir { path: path.into() };
    assert_eq!(
        call(&mut k, main, mkdir("a/b", false, false)),
        err(
            "FileNotFoundError",
            "[Errno 2] No such file or directory: 'a/b'"
        )
    );
    assert_eq!(call(&mut k, main, mkdir("a/b", true, false)), Reply::None);
    assert_eq!(
        call(&mut k, main, mkdir("a/b", true, false)),
        err("FileExistsError", "[Errno 17] File exists: 'a/b'")
    );
    assert_eq!(call(&mut k, main, mkdir("a/b", true, true)), Reply::None);
    k.add_file("a/f.txt", "x");
    assert_eq!(
        call(&mut k, main, Syscall::ListFiles),
        Reply::Text("a/\na/b/\na/f.txt".into())
    );
    assert_eq!(
        call(&mut k, main, rmdir("a")),
        err("OSError", "[Errno 39] Directory not empty: 'a'")
    );
    assert_eq!(call(&mut k, main, rmdir("a/b")), Reply::None);
    assert_eq!(
        call(&mut k, main, rmdir("a/b")),
        err(
            "FileNotFoundError",
            "[Errno 2] No such file or directory: 'a/b'"
        )
    );
}

/// `setup`, with the kernel lending up to `max` items (`Config::lease_max`).
fn setup_lending(n: usize, max: u32) -> (Kernel, Pid, Vec<Pid>) {
    let mut config = Config::new(8, Policy::RoundRobin, 7, 1_000_000_000_000_000);
    config.lease_max = max;
    let mut k = Kernel::new(config);
    let main = k.start(0);
    k.take_effects();
    let kids = (0..n).map(|_| fork(&mut k, 1, main)).collect();
    k.take_effects();
    (k, main, kids)
}

/// A queue made by `pid` holding `items`.
fn queue_of(k: &mut Kernel, pid: Pid, items: &[&str]) -> Handle {
    let q = queue(k, pid, 0, "Queue-1");
    for s in items {
        call(k, pid, put(q, s));
    }
    q
}

/// The items `pid` took from `h`, in the trace's order.
fn gets_of(k: &Kernel, pid: Pid, h: Handle) -> Vec<String> {
    k.trace()
        .iter()
        .filter(|e| e.pid == pid)
        .filter_map(|e| match &e.kind {
            TraceKind::Get {
                h: gh, item_repr, ..
            } if *gh == h => Some(item_repr.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_only_reader_of_a_queue_is_lent_its_next_items() {
    let (mut k, main, _) = setup_lending(0, 3);
    let q = queue_of(&mut k, main, &["a", "b", "c", "d", "e"]);
    assert_eq!(
        call(&mut k, main, get(q)),
        Reply::Lease {
            h: q,
            first: item("a"),
            rest: vec![item("b"), item("c"), item("d")],
        }
    );
    // Lent items are still in the queue (its size and view count them) until taken.
    let size = Syscall::Query {
        h: q,
        q: QueueQuery::Size,
    };
    assert_eq!(call(&mut k, main, size.clone()), Reply::Int(4));
    k.on_lent_report(20, main, &[(q, 2)], &[]);
    assert_eq!(call(&mut k, main, size.clone()), Reply::Int(2));
    assert_eq!(gets_of(&k, main, q), ["'a'", "'b'", "'c'"]);
    // Its host answered "d" too; the next get comes to the kernel: lent again.
    k.on_lent_report(30, main, &[(q, 1)], &[]);
    assert_eq!(call(&mut k, main, get(q)), Reply::Item(item("e")));
    assert_eq!(call(&mut k, main, size), Reply::Int(0));
    // A bounded queue lends nothing.
    let b = queue(&mut k, main, 5, "Queue-2");
    call(&mut k, main, put(b, "x"));
    call(&mut k, main, put(b, "y"));
    assert_eq!(call(&mut k, main, get(b)), Reply::Item(item("x")));
}

#[test]
fn a_second_reader_waits_for_the_lent_items_to_come_back_in_order() {
    let (mut k, main, kids) = setup_lending(1, 8);
    let q = queue_of(&mut k, main, &["a", "b", "c", "d"]);
    assert!(matches!(call(&mut k, main, get(q)), Reply::Lease { .. }));
    k.on_lent_report(20, main, &[(q, 1)], &[]); // "b"
                                                // The child asks: it waits, and the kernel recalls the rest ("c", "d") from main.
    let eff = sys(&mut k, 30, kids[0], get(q));
    assert_eq!(reply(&eff, kids[0]), None);
    assert!(eff.contains(&Effect::Recall { pid: main, h: q }), "{eff:?}");
    // Main now waits for the child: everyone waits, but the recall is on its way, no deadlock.
    blocks(
        &mut k,
        main,
        Syscall::Join {
            pid: kids[0],
            timeout: None,
        },
    );
    assert_eq!(k.deadlock(), None);
    k.on_lease_returned(40, main, q);
    let eff = k.take_effects();
    assert_eq!(reply(&eff, kids[0]), Some(Reply::Item(item("c"))));
    // Two readers now: no more lending, to either.
    assert_eq!(call(&mut k, kids[0], get(q)), Reply::Item(item("d")));
    call(&mut k, kids[0], put(q, "e"));
    call(&mut k, kids[0], put(q, "f"));
    assert_eq!(call(&mut k, kids[0], get(q)), Reply::Item(item("e")));
}

#[test]
fn items_lent_to_a_process_that_ends_go_back_to_the_queue() {
    let (mut k, main, kids) = setup_lending(1, 8);
    let q = queue_of(&mut k, main, &["a", "b", "c", "d"]);
    assert!(matches!(call(&mut k, kids[0], get(q)), Reply::Lease { .. }));
    k.on_lent_report(20, kids[0], &[(q, 1)], &[]);
    k.on_step(30, kids[0], Step::Exit(0), vec![], 10);
    k.take_effects();
    // The child ended: main is the only reader now, and gets what the child left, lent.
    assert_eq!(
        call(&mut k, main, get(q)),
        Reply::Lease {
            h: q,
            first: item("c"),
            rest: vec![item("d")],
        }
    );
}
