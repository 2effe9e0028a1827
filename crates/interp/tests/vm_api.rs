//! The `Interp` API around the VM: syntax errors, globals for the memory view, current line,
//! instruction count, the per-process file map, and exit codes.

use proclab_interp::{Interp, Reply, Step, Syscall};

fn run_to_end(it: &mut Interp) -> i32 {
    loop {
        match it.run(10_000) {
            Step::Exit(c) => return c,
            Step::Yield => {}
            Step::Syscall(Syscall::Sleep { .. }) => it.resume(Reply::None),
            Step::Syscall(c) => panic!("unexpected {:?}", c),
        }
    }
}

#[test]
fn syntax_error_text_is_cpythons() {
    let err = Interp::new("x = 1\nif x\n    pass\n", "prog.py").unwrap_err();
    assert_eq!(
        err,
        "  File \"prog.py\", line 2\n    if x\n        ^\nSyntaxError: expected ':'\n"
    );
    let err = Interp::new("def f():\n    return 1\nreturn 2\n", "prog.py").unwrap_err();
    assert!(
        err.ends_with("SyntaxError: 'return' outside function\n"),
        "{}",
        err
    );
}

#[test]
fn globals_show_user_data_only() {
    let src = "import os\nclass K:\n    pass\ndef f():\n    pass\ncount = 100\nnames = ['a', 'b']\nk = K()\n__secret = 1\nratio = 0.5\n";
    let mut it = Interp::new(src, "prog.py").unwrap();
    assert_eq!(run_to_end(&mut it), 0);
    let g = it.globals();
    let names: Vec<&str> = g.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["count", "names", "k", "ratio"]);
    assert_eq!(g[0].1, "100");
    assert_eq!(g[1].1, "['a', 'b']");
    assert_eq!(g[2].1, "<K object>");
    assert_eq!(g[3].1, "0.5");
}

#[test]
fn current_line_and_instruction_count_advance() {
    let src = "import time\nx = 0\nfor i in range(100):\n    x += i\ntime.sleep(1)\nprint(x)\n";
    let mut it = Interp::new(src, "prog.py").unwrap();
    assert_eq!(it.current_line(), Some(1));
    assert_eq!(
        it.run(1_000_000),
        Step::Syscall(Syscall::Sleep { secs: 1.0 })
    );
    assert_eq!(it.current_line(), Some(5));
    let n = it.instructions();
    assert!(n > 300, "{}", n);
    it.resume(Reply::None);
    assert_eq!(it.run(1_000_000), Step::Exit(0));
    assert_eq!(it.run(10), Step::Exit(0), "exit is sticky");
    let out: String = it.take_output().into_iter().map(|o| o.text).collect();
    assert_eq!(out, "4950\n");
}

#[test]
fn exit_codes() {
    for (src, code) in [
        ("import sys\nsys.exit(3)\n", 3),
        ("import sys\nsys.exit('bye')\n", 1),
        ("raise SystemExit\n", 0),
        ("1/0\n", 1),
        ("import os\nos._exit(7)\n", 7),
    ] {
        let mut it = Interp::new(src, "prog.py").unwrap();
        assert_eq!(run_to_end(&mut it), code, "{}", src);
    }
}

#[test]
fn budget_of_one_makes_progress() {
    let mut it = Interp::new("print(sum(range(10)))\n", "prog.py").unwrap();
    let mut steps = 0;
    while it.run(1) == Step::Yield {
        steps += 1;
        assert!(steps < 1000);
    }
    assert!(steps > 3);
    assert_eq!(it.take_output()[0].text, "45\n");
}
