//! Unit tests: each syscall path and each policy, driven by hand.

use super::*;

fn kernel(cpus: usize, policy: Policy) -> Kernel {
    Kernel::new(Config::new(cpus, policy, 7, 1_000_000_000_000_000))
}

fn runs(effects: &[Effect]) -> Vec<(Pid, Option<Reply>)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Run { pid, reply } => Some((*pid, reply.clone())),
            _ => None,
        })
        .collect()
}

fn sys(k: &mut Kernel, now: Micros, pid: Pid, call: Syscall) -> Vec<Effect> {
    k.on_step(now, pid, Step::Syscall(call), vec![], 10);
    k.take_effects()
}

fn fork(k: &mut Kernel, now: Micros, pid: Pid) -> Pid {
    let eff = sys(
        k,
        now,
        pid,
        Syscall::Fork {
            name: "Process-1".into(),
            daemon: false,
        },
    );
    match eff[0] {
        Effect::Fork { parent, child } => {
            assert_eq!(parent, pid);
            child
        }
        ref e => panic!("expected Fork first, got {e:?}"),
    }
}

fn state(k: &Kernel, pid: Pid) -> ProcState {
    k.proc(pid).unwrap().state.clone()
}

#[test]
fn start_runs_main_with_pid_in_range_and_fake_parent() {
    let mut k = kernel(4, Policy::RoundRobin);
    let main = k.start(0);
    assert!((4000..30000).contains(&main));
    let p = k.proc(main).unwrap();
    assert_eq!(p.name, "MainProcess");
    assert!(p.ppid < main && p.ppid + 50 > main);
    assert_eq!(p.state, ProcState::Running);
    assert_eq!(
        k.take_effects(),
        vec![Effect::Run {
            pid: main,
            reply: None
        }]
    );
    let states: Vec<_> = k
        .trace()
        .iter()
        .map(|e| match &e.kind {
            TraceKind::State(s) => s.clone(),
            k => panic!("{k:?}"),
        })
        .collect();
    assert_eq!(
        states,
        vec![ProcState::New, ProcState::Ready, ProcState::Running]
    );
}

#[test]
fn pid_base_depends_on_seed() {
    let a = Kernel::new(Config::new(1, Policy::Fcfs, 1, 0)).start(0);
    let b = Kernel::new(Config::new(1, Policy::Fcfs, 2, 0)).start(0);
    let a2 = Kernel::new(Config::new(1, Policy::Fcfs, 1, 0)).start(0);
    assert_ne!(a, b);
    assert_eq!(a, a2);
}

#[test]
fn exit_of_last_process_is_done() {
    let mut k = kernel(1, Policy::Fcfs);
    let main = k.start(0);
    k.take_effects();
    assert!(!k.is_done());
    k.on_step(
        100,
        main,
        Step::Exit(3),
        vec![Output {
            stream: Stream::Stdout,
            text: "hi\n".into(),
        }],
        50,
    );
    assert_eq!(k.take_effects(), vec![Effect::Done]);
    assert!(k.is_done());
    let p = k.proc(main).unwrap();
    assert_eq!(p.exitcode, Some(3));
    assert_eq!(p.ended, Some(100));
    assert_eq!(p.cpu_us, 100);
    assert_eq!(p.instructions, 50);
    assert_eq!(k.console().len(), 1);
    assert_eq!(k.console()[0].0, main);
}

#[test]
fn fork_replies_to_parent_first_then_child_gets_zero() {
    let mut k = kernel(2, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    k.on_step(
        10,
        main,
        Step::Syscall(Syscall::Fork {
            name: "Process-1".into(),
            daemon: true,
        }),
        vec![],
        5,
    );
    let eff = k.take_effects();
    let child = match eff[0] {
        Effect::Fork { child, .. } => child,
        _ => panic!("{eff:?}"),
    };
    assert_eq!(child, main + 1, "the first child has the next pid");
    assert_eq!(
        &eff[1..],
        &[
            Effect::Run {
                pid: main,
                reply: Some(Reply::Int(child as i64))
            },
            Effect::Run {
                pid: child,
                reply: Some(Reply::Int(0))
            },
        ]
    );
    let c = k.proc(child).unwrap();
    assert_eq!(
        (c.ppid, c.daemon, c.name.as_str()),
        (main, true, "Process-1")
    );
    assert!(k
        .trace()
        .iter()
        .any(|e| e.pid == main && e.kind == TraceKind::Spawn { child }));
}

#[test]
fn fork_child_waits_for_a_cpu() {
    let mut k = kernel(1, Policy::Fcfs);
    let main = k.start(0);
    k.take_effects();
    assert_eq!(k.ready_count(), 0);
    let child = fork(&mut k, 1, main);
    assert_eq!(state(&k, child), ProcState::Ready);
    assert_eq!(k.ready_count(), 1, "the child waits for the one CPU");
    // FCFS: main keeps the CPU across slices.
    k.on_step(2, main, Step::Yield, vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(main, None)]);
    k.on_step(3, main, Step::Exit(0), vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(child, Some(Reply::Int(0)))]);
    assert_eq!(k.ready_count(), 0);
}

#[test]
fn sleep_blocks_until_its_deadline() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let eff = sys(&mut k, 100, main, Syscall::Sleep { secs: 0.5 });
    assert!(eff.is_empty());
    assert_eq!(state(&k, main), ProcState::Blocked(BlockReason::Sleep));
    // 0.5 s after t=100, plus the timer slack: never early.
    let due = 500_100 + crate::TIMER_SLACK_US;
    assert_eq!(k.next_deadline(), Some(due));
    k.advance(due - 1);
    assert!(k.take_effects().is_empty());
    k.advance(due);
    assert_eq!(runs(&k.take_effects()), vec![(main, Some(Reply::None))]);
    assert_eq!(k.next_deadline(), None);
}

#[test]
fn sleep_negative_is_a_value_error_and_zero_returns() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let eff = sys(&mut k, 1, main, Syscall::Sleep { secs: -1.0 });
    assert!(matches!(&runs(&eff)[0].1, Some(Reply::Error { kind, .. }) if kind == "ValueError"));
    let eff = sys(&mut k, 2, main, Syscall::Sleep { secs: 0.0 });
    assert_eq!(runs(&eff), vec![(main, Some(Reply::None))]);
}

#[test]
fn sleep_zero_lets_a_waiting_process_run() {
    let mut k = kernel(1, Policy::Fcfs);
    let main = k.start(0);
    k.take_effects();
    let child = fork(&mut k, 1, main);
    let eff = sys(&mut k, 2, main, Syscall::Sleep { secs: 0.0 });
    assert_eq!(runs(&eff), vec![(child, Some(Reply::Int(0)))]);
    k.on_step(3, child, Step::Exit(0), vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(main, Some(Reply::None))]);
}

#[test]
fn time_monotonic_pid_ppid_answer_at_once() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let ppid = k.proc(main).unwrap().ppid;
    let eff = sys(&mut k, 2_500_000, main, Syscall::Time);
    assert_eq!(
        runs(&eff),
        vec![(main, Some(Reply::Float(1_000_000_002.5)))]
    );
    let m1 = match &runs(&sys(&mut k, 3_000_000, main, Syscall::Monotonic))[0].1 {
        Some(Reply::Float(f)) => *f,
        r => panic!("{r:?}"),
    };
    let m2 = match &runs(&sys(&mut k, 4_000_000, main, Syscall::Monotonic))[0].1 {
        Some(Reply::Float(f)) => *f,
        r => panic!("{r:?}"),
    };
    assert!((m2 - m1 - 1.0).abs() < 1e-9);
    assert_eq!(
        runs(&sys(&mut k, 5, main, Syscall::GetPid)),
        vec![(main, Some(Reply::Int(main as i64)))]
    );
    assert_eq!(
        runs(&sys(&mut k, 5, main, Syscall::GetPpid)),
        vec![(main, Some(Reply::Int(ppid as i64)))]
    );
    assert_eq!(k.proc(main).unwrap().state, ProcState::Running);
}

#[test]
fn join_blocks_until_the_child_ends() {
    let mut k = kernel(2, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let child = fork(&mut k, 1, main);
    let eff = sys(
        &mut k,
        2,
        main,
        Syscall::Join {
            pid: child,
            timeout: None,
        },
    );
    assert!(runs(&eff).is_empty());
    assert_eq!(
        state(&k, main),
        ProcState::Blocked(BlockReason::Join(child))
    );
    k.on_step(50, child, Step::Exit(7), vec![], 1);
    assert_eq!(
        runs(&k.take_effects()),
        vec![(main, Some(Reply::ExitCode(Some(7))))]
    );
    assert!(k
        .trace()
        .iter()
        .any(|e| e.pid == main && e.t == 50 && e.kind == TraceKind::JoinWake { child }));
    // Joining an ended process returns at once.
    let eff = sys(
        &mut k,
        60,
        main,
        Syscall::Join {
            pid: child,
            timeout: None,
        },
    );
    assert_eq!(runs(&eff), vec![(main, Some(Reply::ExitCode(Some(7))))]);
}

#[test]
fn join_timeout_returns_none() {
    let mut k = kernel(2, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let child = fork(&mut k, 0, main);
    let eff = sys(
        &mut k,
        10,
        main,
        Syscall::Join {
            pid: child,
            timeout: Some(0.001),
        },
    );
    assert!(runs(&eff).is_empty());
    assert_eq!(k.next_deadline(), Some(1010));
    k.advance(1010);
    assert_eq!(
        runs(&k.take_effects()),
        vec![(main, Some(Reply::ExitCode(None)))]
    );
    // The child ending later wakes nobody.
    k.on_step(2000, child, Step::Exit(0), vec![], 1);
    assert!(runs(&k.take_effects()).is_empty());
    assert!(!k
        .trace()
        .iter()
        .any(|e| matches!(e.kind, TraceKind::JoinWake { .. })));
    // A zero timeout polls.
    let child2 = fork(&mut k, 2100, main);
    let eff = sys(
        &mut k,
        2200,
        main,
        Syscall::Join {
            pid: child2,
            timeout: Some(0.0),
        },
    );
    assert_eq!(runs(&eff)[0], (main, Some(Reply::ExitCode(None))));
}

#[test]
fn join_unknown_or_self_is_an_error() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    for target in [1, main] {
        let eff = sys(
            &mut k,
            1,
            main,
            Syscall::Join {
                pid: target,
                timeout: None,
            },
        );
        assert!(matches!(&runs(&eff)[0], (p, Some(Reply::Error { .. })) if *p == main));
    }
}

#[test]
fn poll_reports_exit_code() {
    let mut k = kernel(2, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let child = fork(&mut k, 0, main);
    let eff = sys(&mut k, 1, main, Syscall::Poll { pid: child });
    assert_eq!(runs(&eff), vec![(main, Some(Reply::ExitCode(None)))]);
    k.on_step(2, child, Step::Exit(1), vec![], 1);
    k.take_effects();
    let eff = sys(&mut k, 3, main, Syscall::Poll { pid: child });
    assert_eq!(runs(&eff), vec![(main, Some(Reply::ExitCode(Some(1))))]);
    let eff = sys(&mut k, 3, main, Syscall::Poll { pid: 3 });
    assert!(
        matches!(&runs(&eff)[0].1, Some(Reply::Error { kind, .. }) if kind == "ProcessLookupError")
    );
}

#[test]
fn kill_ends_target_and_wakes_joiners() {
    let mut k = kernel(4, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let a = fork(&mut k, 1, main);
    // `a` forks `b` and joins it; main kills `b`.
    let b = fork(&mut k, 2, a);
    k.on_step(
        3,
        a,
        Step::Syscall(Syscall::Join {
            pid: b,
            timeout: None,
        }),
        vec![],
        1,
    );
    k.take_effects();
    let eff = sys(&mut k, 4, main, Syscall::Kill { pid: b, signal: 15 });
    assert_eq!(
        eff,
        vec![
            Effect::Kill { pid: b },
            Effect::Run {
                pid: main,
                reply: Some(Reply::None)
            },
            Effect::Run {
                pid: a,
                reply: Some(Reply::ExitCode(Some(-15)))
            },
        ]
    );
    assert_eq!(k.proc(b).unwrap().exitcode, Some(-15));
    // The killed process's late report is ignored.
    k.on_step(5, b, Step::Yield, vec![], 1);
    assert!(k.take_effects().is_empty());
    // Killing an ended process is a no-op.
    let eff = sys(&mut k, 6, main, Syscall::Kill { pid: b, signal: 9 });
    assert_eq!(runs(&eff), vec![(main, Some(Reply::None))]);
    assert_eq!(k.proc(b).unwrap().exitcode, Some(-15));
    let eff = sys(&mut k, 6, main, Syscall::Kill { pid: 2, signal: 9 });
    assert!(matches!(&runs(&eff)[0].1, Some(Reply::Error { .. })));
}

#[test]
fn kill_self_ends_without_reply() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let eff = sys(
        &mut k,
        1,
        main,
        Syscall::Kill {
            pid: main,
            signal: 9,
        },
    );
    assert_eq!(eff, vec![Effect::Kill { pid: main }, Effect::Done]);
    assert_eq!(k.proc(main).unwrap().exitcode, Some(-9));
}

#[test]
fn exit_terminates_daemon_children_only() {
    let mut k = kernel(4, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let eff = sys(
        &mut k,
        1,
        main,
        Syscall::Fork {
            name: "d".into(),
            daemon: true,
        },
    );
    let d = match eff[0] {
        Effect::Fork { child, .. } => child,
        _ => panic!(),
    };
    let n = fork(&mut k, 2, main);
    k.on_step(3, main, Step::Exit(0), vec![], 1);
    let eff = k.take_effects();
    assert_eq!(eff, vec![Effect::Kill { pid: d }]);
    assert_eq!(k.proc(d).unwrap().exitcode, Some(-15));
    assert!(k.proc(n).unwrap().state.is_alive());
    assert!(!k.is_done());
    k.on_step(4, n, Step::Exit(0), vec![], 1);
    assert_eq!(k.take_effects(), vec![Effect::Done]);
}

#[test]
fn round_robin_rotates_fcfs_does_not() {
    for (policy, rotates) in [(Policy::RoundRobin, true), (Policy::Fcfs, false)] {
        let mut k = kernel(1, policy);
        let main = k.start(0);
        k.take_effects();
        let c = fork(&mut k, 1, main);
        k.on_step(2, main, Step::Yield, vec![], 1);
        let next = runs(&k.take_effects());
        if rotates {
            assert_eq!(next, vec![(c, Some(Reply::Int(0)))]);
            assert_eq!(state(&k, main), ProcState::Ready);
            k.on_step(3, c, Step::Yield, vec![], 1);
            assert_eq!(runs(&k.take_effects()), vec![(main, None)]);
        } else {
            assert_eq!(next, vec![(main, None)]);
            assert_eq!(state(&k, c), ProcState::Ready);
        }
    }
}

#[test]
fn round_robin_alone_keeps_running_without_trace_noise() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let before = k.trace().len();
    for t in 1..10 {
        k.on_step(t, main, Step::Yield, vec![], 1);
        assert_eq!(runs(&k.take_effects()), vec![(main, None)]);
    }
    assert_eq!(k.trace().len(), before);
}

#[test]
fn priority_picks_highest_and_preempts_lower() {
    let mut k = kernel(1, Policy::Priority);
    let main = k.start(0);
    k.take_effects();
    let low = fork(&mut k, 1, main);
    let high = fork(&mut k, 2, main);
    k.set_priority(low, -5);
    k.set_priority(high, 5);
    // main (0) yields: high (5) waits, so main is preempted and high runs.
    k.on_step(3, main, Step::Yield, vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(high, Some(Reply::Int(0)))]);
    // high yields: nobody higher waits, it keeps the CPU.
    k.on_step(4, high, Step::Yield, vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(high, None)]);
    k.on_step(5, high, Step::Exit(0), vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(main, None)]);
    k.on_step(6, main, Step::Exit(0), vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(low, Some(Reply::Int(0)))]);
}

#[test]
fn max_procs_makes_fork_fail() {
    let mut cfg = Config::new(1, Policy::RoundRobin, 3, 0);
    cfg.max_procs = 2;
    let mut k = Kernel::new(cfg);
    let main = k.start(0);
    k.take_effects();
    fork(&mut k, 1, main);
    let eff = sys(
        &mut k,
        2,
        main,
        Syscall::Fork {
            name: "x".into(),
            daemon: false,
        },
    );
    assert_eq!(
        eff,
        vec![Effect::Run {
            pid: main,
            reply: Some(Reply::Error {
                kind: "OSError".into(),
                msg: "[Errno 11] Resource temporarily unavailable".into()
            })
        }]
    );
}

#[test]
fn max_live_holds_children_in_new() {
    let mut cfg = Config::new(4, Policy::RoundRobin, 3, 0);
    cfg.max_live = 2;
    let mut k = Kernel::new(cfg);
    let main = k.start(0);
    k.take_effects();
    let a = fork(&mut k, 1, main);
    let b = fork(&mut k, 2, main);
    assert_eq!(state(&k, a), ProcState::Running);
    assert_eq!(state(&k, b), ProcState::New);
    k.on_step(3, a, Step::Exit(0), vec![], 1);
    assert_eq!(runs(&k.take_effects()), vec![(b, Some(Reply::Int(0)))]);
}

#[test]
fn stop_kills_everyone() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let c = fork(&mut k, 1, main);
    let eff = sys(&mut k, 2, main, Syscall::Sleep { secs: 10.0 });
    assert_eq!(runs(&eff), vec![(c, Some(Reply::Int(0)))]);
    k.stop(3);
    assert_eq!(
        k.take_effects(),
        vec![
            Effect::Kill { pid: main },
            Effect::Kill { pid: c },
            Effect::Done
        ]
    );
    assert!(k.is_done());
    assert_eq!(k.next_deadline(), None);
    assert!(k.procs().iter().all(|p| p.exitcode == Some(-15)));
}

#[test]
fn kill_drops_untaken_run_of_target() {
    let mut k = kernel(2, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    k.on_step(
        1,
        main,
        Step::Syscall(Syscall::Fork {
            name: "c".into(),
            daemon: false,
        }),
        vec![],
        1,
    );
    k.stop(2);
    let eff = k.take_effects();
    assert!(runs(&eff).is_empty(), "{eff:?}");
    assert!(eff.contains(&Effect::Done));
}

#[test]
fn spans_and_chrome_trace() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    let child = fork(&mut k, 10, main);
    sys(
        &mut k,
        20,
        main,
        Syscall::Join {
            pid: child,
            timeout: None,
        },
    );
    k.on_step(
        70,
        child,
        Step::Exit(0),
        vec![Output {
            stream: Stream::Stdout,
            text: "a \"q\"\n".into(),
        }],
        1,
    );
    k.take_effects();
    k.on_step(90, main, Step::Exit(0), vec![], 1);
    let spans: Vec<_> = k
        .spans()
        .into_iter()
        .map(|s| (s.pid, s.state.label(), s.start, s.end))
        .collect();
    assert_eq!(
        spans,
        vec![
            (main, "running".into(), 0, 20),
            (main, format!("blocked: join {child}"), 20, 70),
            (main, "running".into(), 70, 90),
            (child, "ready".into(), 10, 20),
            (child, "running".into(), 20, 70),
        ]
    );
    let json = k.chrome_trace_json();
    assert!(json.starts_with("{\"traceEvents\":["));
    assert!(json.contains(&format!(
        r#"{{"name":"blocked: join {child}","cat":"state","ph":"X","ts":20,"dur":50,"pid":{main},"tid":{main}}}"#
    )));
    assert!(json.contains(r#""args":{"text":"a \"q\"\n"}"#));
    assert!(json.contains(r#""name":"MainProcess ("#));
}

#[test]
fn open_span_ends_at_last_event() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(5);
    k.on_step(
        40,
        main,
        Step::Yield,
        vec![Output {
            stream: Stream::Stderr,
            text: "x".into(),
        }],
        1,
    );
    assert_eq!(
        k.spans(),
        vec![Span {
            pid: main,
            state: ProcState::Running,
            start: 5,
            end: 40
        }]
    );
}

#[test]
fn spans_until_extends_open_states_only() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(5);
    k.take_effects();
    let child = fork(&mut k, 10, main);
    k.on_step(40, main, Step::Exit(0), vec![], 1);
    let spans = k.spans_until(100);
    assert_eq!(
        spans,
        vec![
            Span {
                pid: main,
                state: ProcState::Running,
                start: 5,
                end: 40
            },
            Span {
                pid: child,
                state: ProcState::Ready,
                start: 10,
                end: 40
            },
            Span {
                pid: child,
                state: ProcState::Running,
                start: 40,
                end: 100
            },
        ]
    );
    assert_eq!(k.spans().last().unwrap().end, 40);
}

mod objects;

#[test]
fn a_timed_step_charges_what_the_host_measured_at_most_the_time_held() {
    let mut k = kernel(1, Policy::RoundRobin);
    let main = k.start(0);
    k.take_effects();
    // Held the CPU 0..1000 µs, worked 300 of them (the rest: messages, a busy page).
    k.on_step_timed(1_000, main, Step::Yield, vec![], 10, Some(300));
    assert_eq!(k.proc(main).unwrap().cpu_us, 300);
    k.take_effects();
    // A host clock that claims more than the time held is capped at it.
    k.on_step_timed(1_500, main, Step::Yield, vec![], 10, Some(9_999));
    assert_eq!(k.proc(main).unwrap().cpu_us, 800);
    k.take_effects();
    // Untimed steps charge the time held.
    k.on_step(2_000, main, Step::Exit(0), vec![], 10);
    assert_eq!(k.proc(main).unwrap().cpu_us, 1_300);
}
