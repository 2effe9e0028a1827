//! A tiny fake host for the VM tests: forks are clones, sleeps return at once, the clock is
//! fixed, joins run the child to its end. Processes take turns (round robin, `budget`
//! instructions each), so output interleaving is deterministic.
#![allow(dead_code)]

use proclab_interp::{Interp, Reply, Step, Stream, Syscall};

pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// Exit code of the first (main) process.
    pub code: i32,
}

struct Proc {
    pid: u32,
    ppid: u32,
    interp: Interp,
    reply: Option<Reply>,
    exit: Option<i32>,
    /// Waiting for this pid to end.
    joining: Option<u32>,
}

/// This thread's image (`vm::image`) as bytes: its fingerprint, and its symbols, code objects,
/// files, heap and prelude tables, to compare images of different threads.
pub fn image_bytes() -> (u64, Vec<u8>) {
    let img = proclab_interp::vm::image::image();
    let tables: Vec<_> = img
        .prelude
        .iter()
        .map(|p| (p.file, p.code, &p.table))
        .collect();
    let vm = &img.vm;
    let bytes =
        postcard::to_allocvec(&(&vm.syms.names, &vm.codes, &vm.files, &vm.heap, tables)).unwrap();
    (img.fingerprint, bytes)
}

pub fn run(src: &str) -> Outcome {
    run_with(src, 1000)
}

pub fn run_with(src: &str, budget: u32) -> Outcome {
    let interp = match Interp::new(src, "prog.py") {
        Ok(i) => i,
        Err(text) => {
            return Outcome {
                stdout: String::new(),
                stderr: text,
                code: 1,
            }
        }
    };
    run_interp(interp, budget)
}

pub fn run_interp(interp: Interp, budget: u32) -> Outcome {
    run_interp_forking(interp, budget, &mut Interp::fork_clone)
}

/// As [`run_interp`], with `fork` making each child's interpreter from its parent's (at the
/// parent's `Fork` syscall; the child then gets the reply 0).
pub fn run_interp_forking(
    interp: Interp,
    budget: u32,
    fork: &mut dyn FnMut(&mut Interp) -> Interp,
) -> Outcome {
    let mut procs = vec![Proc {
        pid: 100,
        ppid: 99,
        interp,
        reply: None,
        exit: None,
        joining: None,
    }];
    let (mut stdout, mut stderr) = (String::new(), String::new());
    let mut turn = 0usize;
    let mut clock = 0.0f64;
    // The run's shared file system (sorted, as `ListFiles` replies).
    let mut files: std::collections::BTreeMap<String, String> = Default::default();
    for _round in 0..10_000_000u64 {
        let n = procs.len();
        let Some(i) = (0..n)
            .map(|k| (turn + k) % n)
            .find(|&i| procs[i].exit.is_none() && procs[i].joining.is_none())
        else {
            break;
        };
        turn = i + 1;
        if let Some(r) = procs[i].reply.take() {
            procs[i].interp.resume(r);
        }
        let step = procs[i].interp.run(budget);
        for o in procs[i].interp.take_output() {
            match o.stream {
                Stream::Stdout => stdout.push_str(&o.text),
                Stream::Stderr => stderr.push_str(&o.text),
            }
        }
        let pid = procs[i].pid;
        // After a syscall the same process goes on (as a forking parent usually does first);
        // only an exhausted budget passes the turn.
        if !matches!(step, Step::Yield | Step::Syscall(Syscall::Sleep { .. })) {
            turn = i;
        }
        match step {
            Step::Yield => {}
            Step::Exit(code) => {
                procs[i].exit = Some(code);
                for p in procs.iter_mut() {
                    if p.joining == Some(pid) {
                        p.joining = None;
                        p.reply = Some(Reply::ExitCode(Some(code)));
                    }
                }
            }
            Step::Syscall(call) => {
                let reply = match call {
                    Syscall::Fork { .. } => {
                        let child_pid = 100 + procs.len() as u32;
                        let mut child = Proc {
                            pid: child_pid,
                            ppid: pid,
                            interp: fork(&mut procs[i].interp),
                            reply: None,
                            exit: None,
                            joining: None,
                        };
                        child.reply = Some(Reply::Int(0));
                        procs.push(child);
                        Reply::Int(child_pid as i64)
                    }
                    Syscall::Sleep { secs } => {
                        clock += secs;
                        Reply::None
                    }
                    Syscall::Time => Reply::Float(1_700_000_000.0 + clock),
                    Syscall::Monotonic => {
                        clock += 0.001;
                        Reply::Float(clock)
                    }
                    Syscall::GetPid => Reply::Int(pid as i64),
                    Syscall::GetPpid => Reply::Int(procs[i].ppid as i64),
                    Syscall::Join {
                        pid: child,
                        timeout,
                    } => match procs.iter().find(|p| p.pid == child) {
                        Some(p) if p.exit.is_some() => Reply::ExitCode(p.exit),
                        Some(_) if timeout.is_some() => Reply::ExitCode(None),
                        Some(_) => {
                            procs[i].joining = Some(child);
                            continue;
                        }
                        None => Reply::Error {
                            kind: "ChildProcessError".into(),
                            msg: "[Errno 10] No child processes".into(),
                        },
                    },
                    Syscall::Poll { pid: child } => {
                        Reply::ExitCode(procs.iter().find(|p| p.pid == child).and_then(|p| p.exit))
                    }
                    Syscall::Kill {
                        pid: victim,
                        signal,
                    } => {
                        if let Some(p) = procs.iter_mut().find(|p| p.pid == victim) {
                            if p.exit.is_none() {
                                p.exit = Some(-signal);
                            }
                        }
                        for p in procs.iter_mut() {
                            if p.joining == Some(victim) {
                                p.joining = None;
                                p.reply = Some(Reply::ExitCode(Some(-signal)));
                            }
                        }
                        Reply::None
                    }
                    Syscall::CpuCount => Reply::Int(4),
                    Syscall::ReadFile { path } => match files.get(&path) {
                        Some(t) => Reply::Text(t.clone()),
                        None => Reply::Error {
                            kind: "FileNotFoundError".into(),
                            msg: format!("[Errno 2] No such file or directory: '{}'", path),
                        },
                    },
                    Syscall::WriteFile { path, data, append } => {
                        let f = files.entry(path).or_default();
                        if !append {
                            f.clear();
                        }
                        f.push_str(&data);
                        Reply::None
                    }
                    Syscall::RemoveFile { path } => match files.remove(&path) {
                        Some(_) => Reply::None,
                        None => Reply::Error {
                            kind: "FileNotFoundError".into(),
                            msg: format!("[Errno 2] No such file or directory: '{}'", path),
                        },
                    },
                    Syscall::ListFiles => {
                        Reply::Text(files.keys().cloned().collect::<Vec<_>>().join("\n"))
                    }
                    other => Reply::Error {
                        kind: "NotImplementedError".into(),
                        msg: format!("test host: {:?}", other),
                    },
                };
                procs[i].reply = Some(reply);
            }
        }
    }
    Outcome {
        stdout,
        stderr,
        code: procs[0].exit.unwrap_or(-1),
    }
}
