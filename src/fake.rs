//! TEMPORARY scripted stand-in for the interpreter (feature "fake"), to test the plumbing.
use proclab_abi::{Output, Reply, Step, Stream, Syscall};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Interp {
    serial: bool,
    busy: bool,
    child: Option<u32>,
    i: u32,
    stage: u32,
    pid: i64,
    ppid: i64,
    kids: Vec<i64>,
    last: Option<Reply>,
    out: Vec<Output>,
    instr: u64,
}

impl Interp {
    pub fn new(source: &str, _f: &str) -> Result<Interp, String> {
        if source.contains("print \"") {
            return Err("  File \"main.py\", line 1\n    print \"x\"\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n".into());
        }
        if source.starts_with("print(\"again\")") {
            return Ok(Interp {
                serial: false,
                busy: false,
                child: None,
                i: 99,
                stage: 0,
                pid: 0,
                ppid: 0,
                kids: vec![],
                last: None,
                out: vec![],
                instr: 0,
            });
        }
        Ok(Interp {
            serial: source.contains("p.join()\n        procs"),
            busy: source.contains("while True"),
            child: None,
            i: 0,
            stage: 0,
            pid: 0,
            ppid: 0,
            kids: vec![],
            last: None,
            out: vec![],
            instr: 0,
        })
    }
    pub fn resume(&mut self, r: Reply) {
        self.last = Some(r);
    }
    pub fn take_output(&mut self) -> Vec<Output> {
        std::mem::take(&mut self.out)
    }
    pub fn instructions(&self) -> u64 {
        self.instr
    }
    fn p(&mut self, s: String) {
        self.out.push(Output {
            stream: Stream::Stdout,
            text: s + "\n",
        });
    }
    pub fn run(&mut self, budget: u32) -> Step {
        self.instr += 10;
        let last = self.last.take();
        let int = |r: &Option<Reply>| match r {
            Some(Reply::Int(i)) => *i,
            _ => -1,
        };
        if self.i == 99 {
            self.p("again".into());
            self.i = 100;
            return Step::Exit(0);
        }
        if self.i == 100 {
            return Step::Exit(0);
        }
        if let Some(n) = self.child {
            if self.busy {
                self.instr += budget as u64 - 10;
                return Step::Yield;
            }
            self.stage += 1;
            return match self.stage {
                1 => Step::Syscall(Syscall::GetPid),
                2 => {
                    self.pid = int(&last);
                    Step::Syscall(Syscall::GetPpid)
                }
                3 => {
                    self.ppid = int(&last);
                    let s = format!("child {n}: pid={} parent={}", self.pid, self.ppid);
                    self.p(s);
                    Step::Syscall(Syscall::Sleep { secs: 0.2 })
                }
                4 => {
                    self.p(format!("child {n} done"));
                    Step::Exit(0)
                }
                _ => Step::Exit(0),
            };
        }
        if self.busy {
            match self.stage {
                0 => {
                    self.stage = 1;
                    return Step::Syscall(Syscall::Fork {
                        name: "Process-1".into(),
                        daemon: false,
                    });
                }
                1 => {
                    let c = int(&last);
                    if c == 0 {
                        self.child = Some(0);
                        self.stage = 0;
                        return Step::Yield;
                    }
                    self.p("started".into());
                    self.stage = 2;
                    return Step::Syscall(Syscall::Join {
                        pid: c as u32,
                        timeout: None,
                    });
                }
                _ => return Step::Exit(0),
            }
        }
        // main
        loop {
            match self.stage {
                0 => {
                    self.stage = 1;
                    return Step::Syscall(Syscall::Fork {
                        name: format!("Process-{}", self.i + 1),
                        daemon: false,
                    });
                }
                1 => {
                    let c = int(&last);
                    if c == 0 {
                        self.child = Some(self.i);
                        self.stage = 0;
                        return Step::Yield;
                    }
                    self.kids.push(c);
                    if self.serial {
                        self.stage = 2;
                        return Step::Syscall(Syscall::Join {
                            pid: c as u32,
                            timeout: None,
                        });
                    }
                    self.stage = 2;
                }
                2 => {
                    self.i += 1;
                    if self.i < 5 {
                        self.stage = 0;
                        continue;
                    }
                    self.stage = 3;
                    self.i = 0;
                }
                3 => {
                    if self.serial || self.i as usize >= self.kids.len() {
                        self.p("main done".into());
                        self.stage = 4;
                        return Step::Exit(0);
                    }
                    let c = self.kids[self.i as usize];
                    self.i += 1;
                    return Step::Syscall(Syscall::Join {
                        pid: c as u32,
                        timeout: None,
                    });
                }
                _ => return Step::Exit(0),
            }
        }
    }
}
