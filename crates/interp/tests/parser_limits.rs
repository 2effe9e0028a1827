//! Hostile or huge input: bounded recursion (the browser's stack is small) and linear time.

use proclab_interp::parser::parse_module;

/// Runs `f` on a thread with a roomy stack: unoptimised (debug) builds use several times the
/// stack per nesting level that release builds do (~5 KB per bracket level in release).
fn with_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(16 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn deep_nesting_is_limited() {
    with_stack(deep_nesting_is_limited_body);
}

fn deep_nesting_is_limited_body() {
    // CPython's tokenizer limit is 200 brackets ("too many nested parentheses"); our parser
    // stops at 100 levels of any nesting to stay within a small stack.
    let ok = format!("x = {}1{}\n", "(".repeat(99), ")".repeat(99));
    assert!(parse_module(&ok).is_ok());
    let ok = format!("x = {}1{}\n", "[".repeat(99), "]".repeat(99));
    assert!(parse_module(&ok).is_ok());
    for n in [101, 150, 201, 5000] {
        let bad = format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n));
        let e = parse_module(&bad).unwrap_err();
        assert_eq!(e.msg, "too many nested parentheses", "{n}");
    }
    let e = parse_module(&format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201))).unwrap_err();
    assert_eq!((e.line, e.col), (1, 204));
}

#[test]
fn deep_unary_chains_fail_cleanly() {
    with_stack(deep_unary_chains_body);
}

fn deep_unary_chains_body() {
    for src in [
        format!("x = {}1\n", "-".repeat(100_000)),
        format!("x = {}x\n", "not ".repeat(100_000)),
        format!("x = {}1\n", "lambda: ".repeat(100_000)),
        format!("x = 1{}\n", " if 1 else 1".repeat(100_000)),
        format!("x = 2{}\n", "**2".repeat(100_000)),
    ] {
        assert!(parse_module(&src).is_err());
    }
    // Within the limit they parse.
    assert!(parse_module(&format!("x = {}1\n", "-".repeat(99))).is_ok());
    assert!(parse_module(&format!("x = {}1{}\n", "(-".repeat(45), ")".repeat(45))).is_ok());
}

#[test]
fn long_flat_input_parses_in_linear_time() {
    // 100k statements and long (but allowed) chains: far too slow if anything were quadratic.
    let mut src = String::new();
    for i in 0..100_000 {
        src.push_str(&format!(
            "x{i} = f(a, b[{i}], c.d) + {i} * 2 if x else 'y'\n"
        ));
    }
    src.push_str(&format!("y = 1{}\n", " + 1".repeat(1000)));
    src.push_str(&format!("z = [{}]\n", "1, ".repeat(100_000)));
    src.push_str(&format!("w = a{}\n", " and a".repeat(100_000)));
    src.push_str(&format!(
        "if a: pass\n{}else: pass\n",
        "elif a: pass\n".repeat(20_000)
    ));
    let t = std::time::Instant::now();
    let body = with_stack_ret(move || parse_module(&src).map(|b| b.len()));
    assert_eq!(body, Ok(100_004));
    assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
}

#[test]
fn overlong_chains_are_a_recursion_error() {
    for src in [
        format!("y = 1{}\n", " + 1".repeat(5000)),
        format!("y = a{}\n", ".b".repeat(5000)),
    ] {
        let e = parse_module(&src).unwrap_err();
        assert_eq!(
            (e.kind, e.msg.as_str()),
            (
                "RecursionError",
                "maximum recursion depth exceeded during compilation"
            )
        );
    }
}

fn with_stack_ret<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}
