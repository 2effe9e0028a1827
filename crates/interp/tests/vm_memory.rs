//! The memory limit (`vm::memory`): a program that keeps allocating gets a MemoryError with a
//! traceback instead of taking the worker's whole memory. This test binary counts its
//! allocations as the browser's workers do; its one test sets a small limit.

#[path = "vm_host.rs"]
mod vm_host;

use proclab_interp::vm::memory;

#[global_allocator]
static ALLOCATOR: memory::Counting = memory::Counting;

/// One test function: the count and the limit are the whole program's.
#[test]
fn a_memory_bomb_gets_a_memory_error_and_the_limit_is_per_byte_in_use() {
    memory::set_limit(Some(memory::in_use() + (64 << 20)));

    // Uncaught: a traceback at the line that allocates, exit code 1.
    let out = vm_host::run("x = []\nwhile True:\n    x.append('a' * 1000000)\n");
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with(
            "Traceback (most recent call last):\n  File \"prog.py\", line 3, in <module>\n"
        ),
        "{}",
        out.stderr
    );
    let last = out.stderr.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("MemoryError: out of memory (")
            && last.ends_with("MB in use; proclab's limit is 64 MB per process)"),
        "{last}"
    );
    assert_eq!(out.code, 1);

    // Other loops: a comprehension, a `while` with a condition, a recursive function.
    for (src, line) in [
        ("x = [bytearray(1 << 20) for _ in range(1000)]\n", 1),
        (
            "x = []\nn = 0\nwhile n < 10 ** 6:\n    x.append(bytearray(1 << 20))\n    n += 1\n",
            4,
        ),
        (
            "def f(x):\n    return f(x + [bytearray(1 << 20)])\nf([])\n",
            2,
        ),
    ] {
        let out = vm_host::run(src);
        let last = out.stderr.lines().last().unwrap_or_default();
        assert!(
            last.starts_with("MemoryError: out of memory"),
            "{src}: {}",
            out.stderr
        );
        let at = format!("line {line}, in");
        assert!(out.stderr.contains(&at), "{src}: {}", out.stderr);
    }

    // Caught: the program frees what it held and goes on.
    let out = vm_host::run(concat!(
        "x = []\n",
        "try:\n",
        "    while True:\n",
        "        x.append(bytearray(1 << 20))\n",
        "except MemoryError as e:\n",
        "    n = len(x)\n",
        "    x = None\n",
        "    print('caught', type(e).__name__, n > 32)\n",
        "y = [bytearray(1 << 20) for _ in range(16)]\n",
        "print('then', len(y))\n",
    ));
    assert_eq!(
        out.stdout, "caught MemoryError True\nthen 16\n",
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 0);

    // Past the limit only with garbage (each turn's old bytearray waits for the collector): the
    // collection brings the process back under it, no error, and the program goes on.
    let out = vm_host::run(concat!(
        "x = [bytearray(1 << 20) for _ in range(20)]\n",
        "for i in range(5):\n",
        "    y = bytearray(30 << 20)\n",
        "    y = None\n",
        "x = None\n",
        "z = [bytearray(1 << 20) for _ in range(40)]\n",
        "print('fine', len(z))\n",
    ));
    assert_eq!(out.stdout, "fine 40\n", "{}", out.stderr);

    // Under the limit, memory that is freed again and again is not a bomb.
    let out = vm_host::run("for i in range(200):\n    s = 'b' * 1000000\nprint(len(s))\n");
    assert_eq!(out.stdout, "1000000\n", "{}", out.stderr);

    memory::set_limit(None);
    let out = vm_host::run("x = [bytearray(1 << 20) for _ in range(100)]\nprint(len(x))\n");
    assert_eq!(out.stdout, "100\n", "without a limit: {}", out.stderr);
}
