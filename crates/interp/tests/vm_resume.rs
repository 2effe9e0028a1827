//! Resumability: the same program gives the same output whatever the instruction budget, and a
//! VM cloned or serialized (postcard) in the middle of a run continues identically.

#[path = "vm_host.rs"]
mod vm_host;

use proclab_interp::{Interp, Reply, Step, Syscall};

const PROG: &str = r#"
import time
from multiprocessing import Process

def gen(n):
    for i in range(n):
        yield i * i

class Acc:
    def __init__(self):
        self.items = {}
    def add(self, k, v):
        self.items[k] = self.items.get(k, 0) + v
        return self

def work(tag):
    a = Acc()
    for i, sq in enumerate(gen(30)):
        a.add(i % 3, sq)
        if i == 10:
            time.sleep(0.01)
    print(tag, sorted(a.items.items()), [x for x in gen(5)])

def fail():
    try:
        {}["missing"]
    except KeyError as e:
        print("caught", repr(e))
    return sum(range(10 ** 3)) + 2 ** 70

if __name__ == "__main__":
    work("main")
    p = Process(target=work, args=("child",))
    p.start()
    p.join()
    print("exit", p.exitcode, fail())
"#;

#[test]
fn same_output_for_every_budget() {
    let reference = vm_host::run_with(PROG, 1_000_000);
    assert!(
        reference.stdout.contains("exit 0"),
        "{}{}",
        reference.stdout,
        reference.stderr
    );
    for budget in [1, 7, 1000] {
        let out = vm_host::run_with(PROG, budget);
        assert_eq!(out.stdout, reference.stdout, "budget {}", budget);
        assert_eq!(out.stderr, reference.stderr, "budget {}", budget);
        assert_eq!(out.code, reference.code, "budget {}", budget);
    }
}

/// Runs a single process to its end, answering syscalls without forking (Fork -> error).
fn drive(mut it: Interp, budget: u32, max_steps: usize) -> (Interp, Vec<String>, Option<i32>) {
    let mut texts = vec![];
    let mut code = None;
    for _ in 0..max_steps {
        match it.run(budget) {
            Step::Yield => {}
            Step::Exit(c) => {
                code = Some(c);
                break;
            }
            Step::Syscall(call) => it.resume(match call {
                Syscall::Sleep { .. } => Reply::None,
                Syscall::GetPid => Reply::Int(7),
                Syscall::Time | Syscall::Monotonic => Reply::Float(1.5),
                other => panic!("unexpected {:?}", other),
            }),
        }
        texts.extend(it.take_output().into_iter().map(|o| o.text));
    }
    texts.extend(it.take_output().into_iter().map(|o| o.text));
    (it, texts, code)
}

const SOLO: &str = r#"
import time
def gen(n):
    for i in range(n):
        yield i
total = 0
names = {}
for i in gen(200):
    total += i * i
    names[str(i % 7)] = names.get(str(i % 7), 0) + 1
    if i % 50 == 0:
        time.sleep(0.1)
        print("tick", i, total)
print(total, sorted(names.items()), 10 ** 25 // 7)
"#;

#[test]
fn clone_mid_run_continues_identically() {
    let it = Interp::new(SOLO, "prog.py").unwrap();
    let (it, first, code) = drive(it, 13, 40);
    assert_eq!(code, None, "still running after 40 slices");
    let copy = it.clone();
    let (_, rest_a, code_a) = drive(it, 13, 1_000_000);
    let (_, rest_b, code_b) = drive(copy, 29, 1_000_000);
    assert_eq!(rest_a.concat(), rest_b.concat());
    assert_eq!(code_a, Some(0));
    assert_eq!(code_b, Some(0));
    let whole = first.concat() + &rest_a.concat();
    let (_, all, _) = drive(Interp::new(SOLO, "prog.py").unwrap(), 1_000_000, 1_000_000);
    assert_eq!(whole, all.concat());
    assert!(whole.ends_with("1428571428571428571428571\n"), "{}", whole);
}

#[test]
fn postcard_round_trip_mid_run() {
    let it = Interp::new(SOLO, "prog.py").unwrap();
    let (it, first, _) = drive(it, 11, 50);
    let bytes = postcard::to_allocvec(&it).expect("serializes");
    let back: Interp = postcard::from_bytes(&bytes).expect("deserializes");
    let (_, rest_a, code_a) = drive(it, 11, 1_000_000);
    let (_, rest_b, code_b) = drive(back, 11, 1_000_000);
    assert_eq!(rest_a.concat(), rest_b.concat());
    assert_eq!(code_a, code_b);
    assert!(!first.is_empty());
}

#[test]
fn syscall_inside_call_chain_suspends() {
    let src = "import time\ndef a():\n    return b() + 1\ndef b():\n    time.sleep(1)\n    return 41\nprint(a())\n";
    let mut it = Interp::new(src, "prog.py").unwrap();
    assert_eq!(it.run(1000), Step::Syscall(Syscall::Sleep { secs: 1.0 }));
    assert_eq!(it.current_line(), Some(5));
    let mut copy = it.clone();
    it.resume(Reply::None);
    assert_eq!(it.run(1000), Step::Exit(0));
    assert_eq!(it.take_output()[0].text, "42\n");
    copy.resume(Reply::Error {
        kind: "KeyboardInterrupt".into(),
        msg: String::new(),
    });
    assert_eq!(copy.run(1000), Step::Exit(1));
    let err: String = copy.take_output().into_iter().map(|o| o.text).collect();
    assert!(
        err.ends_with("    time.sleep(1)\nKeyboardInterrupt\n"),
        "{}",
        err
    );
}
