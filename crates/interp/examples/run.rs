//! `cargo run --example run -p proclab-interp -- prog.py`: runs a program on the tests' fake
//! host and prints its stdout and stderr (a quick manual check, not a product).

#[path = "../tests/vm_host.rs"]
mod vm_host;

fn main() {
    let path = std::env::args().nth(1).expect("a .py file");
    let src = std::fs::read_to_string(&path).expect("readable file");
    let out = vm_host::run(&src);
    print!("{}", out.stdout);
    eprint!("{}", out.stderr);
    std::process::exit(out.code);
}
