//! `run(i)` runs bench/programs' i-th program (primes, loop_add, fib, methods) to its end and returns
//! the number it prints (0 if it asked the kernel for something).
use proclab_interp::{Interp, Step};

const PROGRAMS: &[&str] = &[
    include_str!("../../programs/primes.py"),
    include_str!("../../programs/loop_add.py"),
    include_str!("../../programs/fib.py"),
    include_str!("../../programs/methods.py"),
];

#[no_mangle]
pub extern "C" fn run(i: u32) -> u32 {
    let Ok(mut it) = Interp::new(PROGRAMS[i as usize % PROGRAMS.len()], "bench.py") else {
        return 0;
    };
    loop {
        match it.run(100_000) {
            Step::Yield => {}
            Step::Exit(_) => break,
            Step::Syscall(_) => return 0,
        }
    }
    let out: String = it.take_output().into_iter().map(|o| o.text).collect();
    out.trim().parse::<u32>().unwrap_or(1)
}
