//! `cargo run --release --example bench -p proclab-interp`: times three small programs on the
//! VM and on `python3` (when present) and prints the ratios. A measurement, not a test.

use proclab_interp::{Interp, Step};
use std::time::Instant;

const PROGRAMS: &[(&str, &str)] = &[
    (
        "primes",
        "count = 0\nn = 2\nwhile n < 100000:\n    i = 2\n    p = True\n    while i * i <= n:\n        if n % i == 0:\n            p = False\n            break\n        i += 1\n    if p:\n        count += 1\n    n += 1\nprint(count)\n",
    ),
    ("loop", "t = 0\nfor i in range(3000000):\n    t += i\nprint(t)\n"),
    ("fib", "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\nprint(fib(25))\n"),
];

fn run_vm(src: &str) -> (f64, String) {
    let t = Instant::now();
    let mut it = Interp::new(src, "bench.py").expect("compiles");
    loop {
        match it.run(100_000) {
            Step::Yield => {}
            Step::Exit(_) => break,
            Step::Syscall(c) => panic!("unexpected syscall {:?}", c),
        }
    }
    let out: String = it.take_output().into_iter().map(|o| o.text).collect();
    (t.elapsed().as_secs_f64(), out)
}

fn run_python(src: &str) -> Option<f64> {
    let t = Instant::now();
    let st = std::process::Command::new("python3")
        .arg("-c")
        .arg(src)
        .output()
        .ok()?;
    st.status.success().then(|| t.elapsed().as_secs_f64())
}

fn main() {
    for (name, src) in PROGRAMS {
        let (vm, out) = run_vm(src);
        let py = run_python(src);
        match py {
            Some(py) => println!(
                "{:8} vm {:7.3}s  python3 {:7.3}s  ratio {:5.2}x  ({})",
                name,
                vm,
                py,
                vm / py,
                out.trim()
            ),
            None => println!("{:8} vm {:7.3}s  ({})", name, vm, out.trim()),
        }
    }
}
