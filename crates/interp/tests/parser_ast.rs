//! The AST of each construct, compared with CPython's `ast` module.
//!
//! Every expectation in `CASES` was produced by python3.11: `ast.parse(src)` printed in the Rust
//! `Debug` format of our `ast.rs` (column offsets converted from UTF-8 bytes to characters).
//! The f-string `=` debug form differs by design (we keep `debug_text` instead of a literal
//! part), so it is tested by hand below.

use proclab_interp::ast::*;
use proclab_interp::parser::parse_module;

fn dump(src: &str) -> String {
    match parse_module(src) {
        Ok(body) => body
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join("\n"),
        Err(e) => format!("ERROR {e:?}"),
    }
}

#[test]
fn ast_matches_cpython() {
    let mut failures = Vec::new();
    for (src, want) in CASES {
        let got = dump(src);
        if got != *want {
            failures.push(format!("{src:?}\n  want {want}\n  got  {got}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} differ:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

fn only_expr(src: &str) -> Expr {
    let mut body = parse_module(src).unwrap();
    assert_eq!(body.len(), 1);
    match body.remove(0).kind {
        StmtKind::Expr(e) => e,
        other => panic!("not an expression statement: {other:?}"),
    }
}

fn fstring_parts(src: &str) -> Vec<FStringPart> {
    match only_expr(src).kind {
        ExprKind::JoinedStr(parts) => parts,
        other => panic!("not an f-string: {other:?}"),
    }
}

fn field(part: &FStringPart) -> (&Expr, Option<char>, Option<&Vec<FStringPart>>, Option<&str>) {
    match part {
        FStringPart::Expr {
            value,
            conversion,
            format_spec,
            debug_text,
        } => (
            value,
            *conversion,
            format_spec.as_ref(),
            debug_text.as_deref(),
        ),
        FStringPart::Literal(s) => panic!("literal {s:?}"),
    }
}

#[test]
fn fstring_debug_text_keeps_source_and_defaults_to_repr() {
    // python3: f"{x=}" -> "x=" + repr(x); f"{x = }" keeps the spaces; with a spec, format().
    let parts = fstring_parts("f'{x=}'\n");
    let (v, conv, spec, dbg) = field(&parts[0]);
    assert_eq!(v.kind, ExprKind::Name("x".into()));
    assert_eq!((conv, spec, dbg), (Some('r'), None, Some("x=")));

    let parts = fstring_parts("f'{x = }'\n");
    assert_eq!(field(&parts[0]).3, Some("x = "));
    assert_eq!(field(&parts[0]).1, Some('r'));

    let parts = fstring_parts("f'{a + b=:>10}'\n");
    let (_, conv, spec, dbg) = field(&parts[0]);
    assert_eq!((conv, dbg), (None, Some("a + b=")));
    assert_eq!(spec, Some(&vec![FStringPart::Literal(">10".into())]));

    let parts = fstring_parts("f'{x=!s}'\n");
    assert_eq!(
        (field(&parts[0]).1, field(&parts[0]).3),
        (Some('s'), Some("x="))
    );

    // `==` and `!=` inside a field are operators, not the debug `=` or a conversion.
    let parts = fstring_parts("f'{a == b}{a != b}{a >= b}'\n");
    assert_eq!(parts.len(), 3);
    assert!(parts
        .iter()
        .all(|p| field(p).3.is_none() && field(p).1.is_none()));
}

#[test]
fn fstring_field_locations_point_into_the_source() {
    let parts = fstring_parts("f'ab{x}'\n");
    assert_eq!(field(&parts[1]).0.loc, Loc { line: 1, col: 5 });
    let parts = fstring_parts("f'''\n  {y}'''\n");
    assert_eq!(field(&parts[1]).0.loc, Loc { line: 2, col: 3 });
}

#[test]
fn bytes_and_escapes() {
    assert_eq!(
        only_expr("b'\\x00\\xff' b'A'\n").kind,
        ExprKind::Constant(Constant::Bytes(vec![0, 255, 65]))
    );
    assert_eq!(
        only_expr("'\\N{EM DASH}'\n").kind,
        ExprKind::Constant(Constant::Str("\u{2014}".into()))
    );
    assert_eq!(
        only_expr("'\\\n'\n").kind,
        ExprKind::Constant(Constant::Str(String::new()))
    );
}

#[test]
fn chinese_identifiers() {
    let e = only_expr("名字 + 变量2\n");
    let ExprKind::BinOp { left, right, .. } = e.kind else {
        panic!()
    };
    assert_eq!(left.kind, ExprKind::Name("名字".into()));
    assert_eq!(right.kind, ExprKind::Name("变量2".into()));
    assert_eq!(right.loc.col, 5);
}

#[test]
fn decorated_def_is_located_at_def() {
    let body = parse_module("@a\n@b(1)\ndef f():\n    pass\n").unwrap();
    assert_eq!(body[0].loc, Loc { line: 3, col: 0 });
    let StmtKind::FunctionDef(f) = &body[0].kind else {
        panic!()
    };
    assert_eq!(f.decorators.len(), 2);
    assert_eq!(f.decorators[1].loc, Loc { line: 2, col: 1 });
}

#[test]
fn crlf_and_missing_final_newline() {
    let a = parse_module("if x:\r\n    y = 1\r\nz = 2").unwrap();
    let b = parse_module("if x:\n    y = 1\nz = 2\n").unwrap();
    assert_eq!(a, b);
    assert!(parse_module("").unwrap().is_empty());
    assert!(parse_module("\n\n# only a comment\n   \n")
        .unwrap()
        .is_empty());
}

#[rustfmt::skip]
const CASES: &[(&str, &str)] = &[
    (
        r#"x = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"a = b = c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") }], value: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") } } }"#,
    ),
    (
        r#"a, b = b, a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 3 }, kind: Name("b") }]) }], value: Expr { loc: Loc { line: 1, col: 7 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 7 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 10 }, kind: Name("a") }]) } } }"#,
    ),
    (
        r#"[a, *b] = x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: List([Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 4 }, kind: Starred(Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }) }]) }], value: Expr { loc: Loc { line: 1, col: 10 }, kind: Name("x") } } }"#,
    ),
    (
        r#"(a, b), c = x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") }]) }, Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") }]) }], value: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("x") } } }"#,
    ),
    (
        r#"*a, b = x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 0 }, kind: Starred(Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") }) }, Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") }]) }], value: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("x") } } }"#,
    ),
    (
        r#"a.b[c] = d
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, attr: "b" } }, index: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("c") } } }], value: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("d") } } }"#,
    ),
    (
        r#"x += 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: Add, value: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"x //= 2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: FloorDiv, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(2)) } } }"#,
    ),
    (
        r#"x **= 3
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: Pow, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(3)) } } }"#,
    ),
    (
        r#"x >>= 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: RShift, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"x <<= 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: LShift, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"x @= m
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AugAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, op: MatMult, value: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("m") } } }"#,
    ),
    (
        r#"x: int
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AnnAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, annotation: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("int") }, value: None } }"#,
    ),
    (
        r#"x: int = 5
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AnnAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }, annotation: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("int") }, value: Some(Expr { loc: Loc { line: 1, col: 9 }, kind: Constant(Int(5)) }) } }"#,
    ),
    (
        r#"a.b: int = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AnnAssign { target: Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, attr: "b" } }, annotation: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("int") }, value: Some(Expr { loc: Loc { line: 1, col: 11 }, kind: Constant(Int(1)) }) } }"#,
    ),
    (
        r#"(x): int = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: AnnAssign { target: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, annotation: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("int") }, value: Some(Expr { loc: Loc { line: 1, col: 11 }, kind: Constant(Int(1)) }) } }"#,
    ),
    (
        r#"def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:
    pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: None, annotation: None }, Param { loc: Loc { line: 1, col: 9 }, name: "b", default: Some(Expr { loc: Loc { line: 1, col: 11 }, kind: Constant(Int(1)) }), annotation: None }], args: [Param { loc: Loc { line: 1, col: 17 }, name: "c", default: Some(Expr { loc: Loc { line: 1, col: 19 }, kind: Constant(Int(2)) }), annotation: None }], vararg: Some(Param { loc: Loc { line: 1, col: 23 }, name: "args", default: None, annotation: None }), kwonly: [Param { loc: Loc { line: 1, col: 29 }, name: "d", default: None, annotation: None }, Param { loc: Loc { line: 1, col: 32 }, name: "e", default: Some(Expr { loc: Loc { line: 1, col: 34 }, kind: Constant(Int(3)) }), annotation: None }], kwarg: Some(Param { loc: Loc { line: 1, col: 39 }, name: "kw", default: None, annotation: None }) }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Pass }], decorators: [], returns: Some(Expr { loc: Loc { line: 1, col: 46 }, kind: Name("int") }) }) }"#,
    ),
    (
        r#"def f(*, a): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: None, kwonly: [Param { loc: Loc { line: 1, col: 9 }, name: "a", default: None, annotation: None }], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 13 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(a, /): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: None, annotation: None }], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 13 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(a: int = 1, *b: str, **c: float): return a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: Some(Expr { loc: Loc { line: 1, col: 15 }, kind: Constant(Int(1)) }), annotation: Some(Expr { loc: Loc { line: 1, col: 9 }, kind: Name("int") }) }], vararg: Some(Param { loc: Loc { line: 1, col: 19 }, name: "b", default: None, annotation: Some(Expr { loc: Loc { line: 1, col: 22 }, kind: Name("str") }) }), kwonly: [], kwarg: Some(Param { loc: Loc { line: 1, col: 29 }, name: "c", default: None, annotation: Some(Expr { loc: Loc { line: 1, col: 32 }, kind: Name("float") }) }) }, body: [Stmt { loc: Loc { line: 1, col: 40 }, kind: Return(Some(Expr { loc: Loc { line: 1, col: 47 }, kind: Name("a") })) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 9 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"class A(B, C, metaclass=M, **kw):
    x = 1
    def m(self): return self
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ClassDef(ClassDef { name: "A", bases: [Expr { loc: Loc { line: 1, col: 8 }, kind: Name("B") }, Expr { loc: Loc { line: 1, col: 11 }, kind: Name("C") }], keywords: [Keyword { loc: Loc { line: 1, col: 14 }, arg: Some("metaclass"), value: Expr { loc: Loc { line: 1, col: 24 }, kind: Name("M") } }, Keyword { loc: Loc { line: 1, col: 27 }, arg: None, value: Expr { loc: Loc { line: 1, col: 29 }, kind: Name("kw") } }], body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 2, col: 4 }, kind: Name("x") }], value: Expr { loc: Loc { line: 2, col: 8 }, kind: Constant(Int(1)) } } }, Stmt { loc: Loc { line: 3, col: 4 }, kind: FunctionDef(FunctionDef { name: "m", params: Params { posonly: [], args: [Param { loc: Loc { line: 3, col: 10 }, name: "self", default: None, annotation: None }], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 3, col: 17 }, kind: Return(Some(Expr { loc: Loc { line: 3, col: 24 }, kind: Name("self") })) }], decorators: [], returns: None }) }], decorators: [] }) }"#,
    ),
    (
        r#"class A: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ClassDef(ClassDef { name: "A", bases: [], keywords: [], body: [Stmt { loc: Loc { line: 1, col: 9 }, kind: Pass }], decorators: [] }) }"#,
    ),
    (
        r#"class A(): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ClassDef(ClassDef { name: "A", bases: [], keywords: [], body: [Stmt { loc: Loc { line: 1, col: 11 }, kind: Pass }], decorators: [] }) }"#,
    ),
    (
        r#"return_ = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("return_") }], value: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"def g():
    return
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "g", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Return(None) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def g():
    return 1, 2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "g", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Return(Some(Expr { loc: Loc { line: 2, col: 11 }, kind: Tuple([Expr { loc: Loc { line: 2, col: 11 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 2, col: 14 }, kind: Constant(Int(2)) }]) })) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def g():
    return *a, b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "g", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Return(Some(Expr { loc: Loc { line: 2, col: 11 }, kind: Tuple([Expr { loc: Loc { line: 2, col: 11 }, kind: Starred(Expr { loc: Loc { line: 2, col: 12 }, kind: Name("a") }) }, Expr { loc: Loc { line: 2, col: 15 }, kind: Name("b") }]) })) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"del a, b.c, d[1]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Delete([Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 7 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("b") }, attr: "c" } }, Expr { loc: Loc { line: 1, col: 12 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("d") }, index: Expr { loc: Loc { line: 1, col: 14 }, kind: Constant(Int(1)) } } }]) }"#,
    ),
    (
        r#"del (a, b), [c]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Delete([Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 8 }, kind: Name("b") }]) }, Expr { loc: Loc { line: 1, col: 12 }, kind: List([Expr { loc: Loc { line: 1, col: 13 }, kind: Name("c") }]) }]) }"#,
    ),
    (
        r#"pass; x = 1; y = 2;
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Pass }
Stmt { loc: Loc { line: 1, col: 6 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 6 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(1)) } } }
Stmt { loc: Loc { line: 1, col: 13 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 13 }, kind: Name("y") }], value: Expr { loc: Loc { line: 1, col: 17 }, kind: Constant(Int(2)) } } }"#,
    ),
    (
        r#"if x: y = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: If { test: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, body: [Stmt { loc: Loc { line: 1, col: 6 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 6 }, kind: Name("y") }], value: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(1)) } } }], orelse: [] } }"#,
    ),
    (
        r#"if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: If { test: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Pass }], orelse: [Stmt { loc: Loc { line: 3, col: 0 }, kind: If { test: Expr { loc: Loc { line: 3, col: 5 }, kind: Name("b") }, body: [Stmt { loc: Loc { line: 4, col: 4 }, kind: Pass }], orelse: [Stmt { loc: Loc { line: 5, col: 0 }, kind: If { test: Expr { loc: Loc { line: 5, col: 5 }, kind: Name("c") }, body: [Stmt { loc: Loc { line: 6, col: 4 }, kind: Pass }], orelse: [Stmt { loc: Loc { line: 8, col: 4 }, kind: Pass }] } }] } }] } }"#,
    ),
    (
        r#"while x:
    break
else:
    continue
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: While { test: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("x") }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Break }], orelse: [Stmt { loc: Loc { line: 4, col: 4 }, kind: Continue }] } }"#,
    ),
    (
        r#"for x in y:
    pass
else:
    pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: For { target: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("y") }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Pass }], orelse: [Stmt { loc: Loc { line: 4, col: 4 }, kind: Pass }] } }"#,
    ),
    (
        r#"for a, b in c: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: For { target: Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 7 }, kind: Name("b") }]) }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("c") }, body: [Stmt { loc: Loc { line: 1, col: 15 }, kind: Pass }], orelse: [] } }"#,
    ),
    (
        r#"for (a, b), *c in d: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: For { target: Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 8 }, kind: Name("b") }]) }, Expr { loc: Loc { line: 1, col: 12 }, kind: Starred(Expr { loc: Loc { line: 1, col: 13 }, kind: Name("c") }) }]) }, iter: Expr { loc: Loc { line: 1, col: 18 }, kind: Name("d") }, body: [Stmt { loc: Loc { line: 1, col: 21 }, kind: Pass }], orelse: [] } }"#,
    ),
    (
        r#"for x in 1, 2, 3: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: For { target: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 9 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 9 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 1, col: 12 }, kind: Constant(Int(2)) }, Expr { loc: Loc { line: 1, col: 15 }, kind: Constant(Int(3)) }]) }, body: [Stmt { loc: Loc { line: 1, col: 18 }, kind: Pass }], orelse: [] } }"#,
    ),
    (
        r#"try:
    pass
except:
    pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Try { body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Pass }], handlers: [ExceptHandler { loc: Loc { line: 3, col: 0 }, typ: None, name: None, body: [Stmt { loc: Loc { line: 4, col: 4 }, kind: Pass }] }], orelse: [], finalbody: [] } }"#,
    ),
    (
        r#"try:
    pass
except E:
    pass
except (A, B) as e:
    pass
else:
    pass
finally:
    pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Try { body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Pass }], handlers: [ExceptHandler { loc: Loc { line: 3, col: 0 }, typ: Some(Expr { loc: Loc { line: 3, col: 7 }, kind: Name("E") }), name: None, body: [Stmt { loc: Loc { line: 4, col: 4 }, kind: Pass }] }, ExceptHandler { loc: Loc { line: 5, col: 0 }, typ: Some(Expr { loc: Loc { line: 5, col: 7 }, kind: Tuple([Expr { loc: Loc { line: 5, col: 8 }, kind: Name("A") }, Expr { loc: Loc { line: 5, col: 11 }, kind: Name("B") }]) }), name: Some("e"), body: [Stmt { loc: Loc { line: 6, col: 4 }, kind: Pass }] }], orelse: [Stmt { loc: Loc { line: 8, col: 4 }, kind: Pass }], finalbody: [Stmt { loc: Loc { line: 10, col: 4 }, kind: Pass }] } }"#,
    ),
    (
        r#"try: pass
finally: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Try { body: [Stmt { loc: Loc { line: 1, col: 5 }, kind: Pass }], handlers: [], orelse: [], finalbody: [Stmt { loc: Loc { line: 2, col: 9 }, kind: Pass }] } }"#,
    ),
    (
        r#"raise
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Raise { exc: None, cause: None } }"#,
    ),
    (
        r#"raise E
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Raise { exc: Some(Expr { loc: Loc { line: 1, col: 6 }, kind: Name("E") }), cause: None } }"#,
    ),
    (
        r#"raise E("x") from None
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Raise { exc: Some(Expr { loc: Loc { line: 1, col: 6 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("E") }, args: [Expr { loc: Loc { line: 1, col: 8 }, kind: Constant(Str("x")) }], keywords: [] } }), cause: Some(Expr { loc: Loc { line: 1, col: 18 }, kind: Constant(None) }) } }"#,
    ),
    (
        r#"with a: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, target: None }], body: [Stmt { loc: Loc { line: 1, col: 8 }, kind: Pass }] } }"#,
    ),
    (
        r#"with a as b, c as (d, e): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, target: Some(Expr { loc: Loc { line: 1, col: 10 }, kind: Name("b") }) }, WithItem { context: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("c") }, target: Some(Expr { loc: Loc { line: 1, col: 18 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 19 }, kind: Name("d") }, Expr { loc: Loc { line: 1, col: 22 }, kind: Name("e") }]) }) }], body: [Stmt { loc: Loc { line: 1, col: 26 }, kind: Pass }] } }"#,
    ),
    (
        r#"with (a as b, c as d): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("a") }, target: Some(Expr { loc: Loc { line: 1, col: 11 }, kind: Name("b") }) }, WithItem { context: Expr { loc: Loc { line: 1, col: 14 }, kind: Name("c") }, target: Some(Expr { loc: Loc { line: 1, col: 19 }, kind: Name("d") }) }], body: [Stmt { loc: Loc { line: 1, col: 23 }, kind: Pass }] } }"#,
    ),
    (
        r#"with (a as b, c as d,): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("a") }, target: Some(Expr { loc: Loc { line: 1, col: 11 }, kind: Name("b") }) }, WithItem { context: Expr { loc: Loc { line: 1, col: 14 }, kind: Name("c") }, target: Some(Expr { loc: Loc { line: 1, col: 19 }, kind: Name("d") }) }], body: [Stmt { loc: Loc { line: 1, col: 24 }, kind: Pass }] } }"#,
    ),
    (
        r#"with (a, b): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("a") }, target: None }, WithItem { context: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }, target: None }], body: [Stmt { loc: Loc { line: 1, col: 13 }, kind: Pass }] } }"#,
    ),
    (
        r#"with (a): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("a") }, target: None }], body: [Stmt { loc: Loc { line: 1, col: 10 }, kind: Pass }] } }"#,
    ),
    (
        r#"with (yield): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: With { items: [WithItem { context: Expr { loc: Loc { line: 1, col: 6 }, kind: Yield(None) }, target: None }], body: [Stmt { loc: Loc { line: 1, col: 14 }, kind: Pass }] } }"#,
    ),
    (
        r#"import a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Import([Alias { name: "a", asname: None }]) }"#,
    ),
    (
        r#"import a.b.c as d, e
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Import([Alias { name: "a.b.c", asname: Some("d") }, Alias { name: "e", asname: None }]) }"#,
    ),
    (
        r#"from a import b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a"), names: [Alias { name: "b", asname: None }], level: 0 } }"#,
    ),
    (
        r#"from a.b import c as d, e
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a.b"), names: [Alias { name: "c", asname: Some("d") }, Alias { name: "e", asname: None }], level: 0 } }"#,
    ),
    (
        r#"from . import x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: None, names: [Alias { name: "x", asname: None }], level: 1 } }"#,
    ),
    (
        r#"from .. import x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: None, names: [Alias { name: "x", asname: None }], level: 2 } }"#,
    ),
    (
        r#"from ...a import x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a"), names: [Alias { name: "x", asname: None }], level: 3 } }"#,
    ),
    (
        r#"from .... import x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: None, names: [Alias { name: "x", asname: None }], level: 4 } }"#,
    ),
    (
        r#"from a import *
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a"), names: [Alias { name: "*", asname: None }], level: 0 } }"#,
    ),
    (
        r#"from a import (b, c,)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a"), names: [Alias { name: "b", asname: None }, Alias { name: "c", asname: None }], level: 0 } }"#,
    ),
    (
        r#"from a import (b as c)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ImportFrom { module: Some("a"), names: [Alias { name: "b", asname: Some("c") }], level: 0 } }"#,
    ),
    (
        r#"global a, b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Global(["a", "b"]) }"#,
    ),
    (
        r#"nonlocal a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Nonlocal(["a"]) }"#,
    ),
    (
        r#"assert x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assert { test: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, msg: None } }"#,
    ),
    (
        r#"assert x, "msg"
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assert { test: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, msg: Some(Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Str("msg")) }) } }"#,
    ),
    (
        r#"a if b else c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }, body: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, orelse: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("c") } } }) }"#,
    ),
    (
        r#"lambda: 0
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Lambda { params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 8 }, kind: Constant(Int(0)) } } }) }"#,
    ),
    (
        r#"lambda x, y=1, *a, z, **k: x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Lambda { params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 7 }, name: "x", default: None, annotation: None }, Param { loc: Loc { line: 1, col: 10 }, name: "y", default: Some(Expr { loc: Loc { line: 1, col: 12 }, kind: Constant(Int(1)) }), annotation: None }], vararg: Some(Param { loc: Loc { line: 1, col: 16 }, name: "a", default: None, annotation: None }), kwonly: [Param { loc: Loc { line: 1, col: 19 }, name: "z", default: None, annotation: None }], kwarg: Some(Param { loc: Loc { line: 1, col: 24 }, name: "k", default: None, annotation: None }) }, body: Expr { loc: Loc { line: 1, col: 27 }, kind: Name("x") } } }) }"#,
    ),
    (
        r#"lambda *, x: x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Lambda { params: Params { posonly: [], args: [], vararg: None, kwonly: [Param { loc: Loc { line: 1, col: 10 }, name: "x", default: None, annotation: None }], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("x") } } }) }"#,
    ),
    (
        r#"lambda x, /: x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Lambda { params: Params { posonly: [Param { loc: Loc { line: 1, col: 7 }, name: "x", default: None, annotation: None }], args: [], vararg: None, kwonly: [], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("x") } } }) }"#,
    ),
    (
        r#"a or b or c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BoolOp { op: Or, values: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 10 }, kind: Name("c") }] } }) }"#,
    ),
    (
        r#"a and b and c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BoolOp { op: And, values: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 6 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 12 }, kind: Name("c") }] } }) }"#,
    ),
    (
        r#"a or b and c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BoolOp { op: Or, values: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 5 }, kind: BoolOp { op: And, values: [Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 11 }, kind: Name("c") }] } }] } }) }"#,
    ),
    (
        r#"not a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: Not, operand: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") } } }) }"#,
    ),
    (
        r#"not not a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: Not, operand: Expr { loc: Loc { line: 1, col: 4 }, kind: UnaryOp { op: Not, operand: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("a") } } } } }) }"#,
    ),
    (
        r#"a < b < c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [Lt, Lt], comparators: [Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") }] } }) }"#,
    ),
    (
        r#"a == b != c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [Eq, NotEq], comparators: [Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 10 }, kind: Name("c") }] } }) }"#,
    ),
    (
        r#"a in b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [In], comparators: [Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }] } }) }"#,
    ),
    (
        r#"a not in b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [NotIn], comparators: [Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }] } }) }"#,
    ),
    (
        r#"a is b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [Is], comparators: [Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }] } }) }"#,
    ),
    (
        r#"a is not b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, ops: [IsNot], comparators: [Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }] } }) }"#,
    ),
    (
        r#"a | b ^ c & d
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, op: BitOr, right: Expr { loc: Loc { line: 1, col: 4 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") }, op: BitXor, right: Expr { loc: Loc { line: 1, col: 8 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") }, op: BitAnd, right: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("d") } } } } } } }) }"#,
    ),
    (
        r#"a << b >> c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, op: LShift, right: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") } } }, op: RShift, right: Expr { loc: Loc { line: 1, col: 10 }, kind: Name("c") } } }) }"#,
    ),
    (
        r#"a + b - c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, op: Add, right: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") } } }, op: Sub, right: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") } } }) }"#,
    ),
    (
        r#"a * b / c // d % e @ f
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, op: Mult, right: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("b") } } }, op: Div, right: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") } } }, op: FloorDiv, right: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("d") } } }, op: Mod, right: Expr { loc: Loc { line: 1, col: 17 }, kind: Name("e") } } }, op: MatMult, right: Expr { loc: Loc { line: 1, col: 21 }, kind: Name("f") } } }) }"#,
    ),
    (
        r#"-a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: USub, operand: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") } } }) }"#,
    ),
    (
        r#"+a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: UAdd, operand: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") } } }) }"#,
    ),
    (
        r#"~a
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: Invert, operand: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") } } }) }"#,
    ),
    (
        r#"-2 ** 2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: UnaryOp { op: USub, operand: Expr { loc: Loc { line: 1, col: 1 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(2)) }, op: Pow, right: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(2)) } } } } }) }"#,
    ),
    (
        r#"2 ** -1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(2)) }, op: Pow, right: Expr { loc: Loc { line: 1, col: 5 }, kind: UnaryOp { op: USub, operand: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } } } }) }"#,
    ),
    (
        r#"2 ** 3 ** 4
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(2)) }, op: Pow, right: Expr { loc: Loc { line: 1, col: 5 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(3)) }, op: Pow, right: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(4)) } } } } }) }"#,
    ),
    (
        r#"a ** b.c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, op: Pow, right: Expr { loc: Loc { line: 1, col: 5 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }, attr: "c" } } } }) }"#,
    ),
    (
        r#"f()
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [], keywords: [] } }) }"#,
    ),
    (
        r#"f(a)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }], keywords: [] } }) }"#,
    ),
    (
        r#"f(a, b,)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }], keywords: [] } }) }"#,
    ),
    (
        r#"f(a, *b, c=1, **d)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 5 }, kind: Starred(Expr { loc: Loc { line: 1, col: 6 }, kind: Name("b") }) }], keywords: [Keyword { loc: Loc { line: 1, col: 9 }, arg: Some("c"), value: Expr { loc: Loc { line: 1, col: 11 }, kind: Constant(Int(1)) } }, Keyword { loc: Loc { line: 1, col: 14 }, arg: None, value: Expr { loc: Loc { line: 1, col: 16 }, kind: Name("d") } }] } }) }"#,
    ),
    (
        r#"f(*a, *b, **c, **d)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Starred(Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }) }, Expr { loc: Loc { line: 1, col: 6 }, kind: Starred(Expr { loc: Loc { line: 1, col: 7 }, kind: Name("b") }) }], keywords: [Keyword { loc: Loc { line: 1, col: 10 }, arg: None, value: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("c") } }, Keyword { loc: Loc { line: 1, col: 15 }, arg: None, value: Expr { loc: Loc { line: 1, col: 17 }, kind: Name("d") } }] } }) }"#,
    ),
    (
        r#"f(a=1, *b)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 7 }, kind: Starred(Expr { loc: Loc { line: 1, col: 8 }, kind: Name("b") }) }], keywords: [Keyword { loc: Loc { line: 1, col: 2 }, arg: Some("a"), value: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) } }] } }) }"#,
    ),
    (
        r#"f(x for x in y)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 1 }, kind: GeneratorExp { elt: Expr { loc: Loc { line: 1, col: 2 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("y") }, ifs: [] }] } }], keywords: [] } }) }"#,
    ),
    (
        r#"f(x for x in y if x if y for z in w)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 1 }, kind: GeneratorExp { elt: Expr { loc: Loc { line: 1, col: 2 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("y") }, ifs: [Expr { loc: Loc { line: 1, col: 18 }, kind: Name("x") }, Expr { loc: Loc { line: 1, col: 23 }, kind: Name("y") }] }, Comprehension { target: Expr { loc: Loc { line: 1, col: 29 }, kind: Name("z") }, iter: Expr { loc: Loc { line: 1, col: 34 }, kind: Name("w") }, ifs: [] }] } }], keywords: [] } }) }"#,
    ),
    (
        r#"f((x for x in y), 1)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: GeneratorExp { elt: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 14 }, kind: Name("y") }, ifs: [] }] } }, Expr { loc: Loc { line: 1, col: 18 }, kind: Constant(Int(1)) }], keywords: [] } }) }"#,
    ),
    (
        r#"a.b.c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, attr: "b" } }, attr: "c" } }) }"#,
    ),
    (
        r#"a[1]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Constant(Int(1)) } } }) }"#,
    ),
    (
        r#"a[1:2]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: Some(Expr { loc: Loc { line: 1, col: 2 }, kind: Constant(Int(1)) }), upper: Some(Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }), step: None } } } }) }"#,
    ),
    (
        r#"a[:]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: None, upper: None, step: None } } } }) }"#,
    ),
    (
        r#"a[::2]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: None, upper: None, step: Some(Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }) } } } }) }"#,
    ),
    (
        r#"a[1:2:3]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: Some(Expr { loc: Loc { line: 1, col: 2 }, kind: Constant(Int(1)) }), upper: Some(Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }), step: Some(Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(3)) }) } } } }) }"#,
    ),
    (
        r#"a[1:2, 3]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: Some(Expr { loc: Loc { line: 1, col: 2 }, kind: Constant(Int(1)) }), upper: Some(Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }), step: None } }, Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Int(3)) }]) } } }) }"#,
    ),
    (
        r#"a[1,]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 2 }, kind: Constant(Int(1)) }]) } } }) }"#,
    ),
    (
        r#"a[:, None]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 2 }, kind: Slice { lower: None, upper: None, step: None } }, Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(None) }]) } } }) }"#,
    ),
    (
        r#"a[b:=1]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 2 }, kind: Name("b") }, value: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(1)) } } } } }) }"#,
    ),
    (
        r#"a[*b]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 2 }, kind: Starred(Expr { loc: Loc { line: 1, col: 3 }, kind: Name("b") }) }]) } } }) }"#,
    ),
    (
        r#"x
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }) }"#,
    ),
    (
        r#"1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(1)) }) }"#,
    ),
    (
        r#"1.5
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(1.5)) }) }"#,
    ),
    (
        r#"1.
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(1.0)) }) }"#,
    ),
    (
        r#".5
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(0.5)) }) }"#,
    ),
    (
        r#"1e10
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(10000000000.0)) }) }"#,
    ),
    (
        r#"1E-5
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(1e-5)) }) }"#,
    ),
    (
        r#"1.5e+3
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(1500.0)) }) }"#,
    ),
    (
        r#"3j
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Imaginary(3.0)) }) }"#,
    ),
    (
        r#"1.5J
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Imaginary(1.5)) }) }"#,
    ),
    (
        r#"0xff
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(255)) }) }"#,
    ),
    (
        r#"0o17
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(15)) }) }"#,
    ),
    (
        r#"0b101
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(5)) }) }"#,
    ),
    (
        r#"1_000_000
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(1000000)) }) }"#,
    ),
    (
        r#"0x_ff
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(255)) }) }"#,
    ),
    (
        r#"9223372036854775807
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(9223372036854775807)) }) }"#,
    ),
    (
        r#"9223372036854775808
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(BigInt("9223372036854775808")) }) }"#,
    ),
    (
        r#"123456789012345678901234567890
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(BigInt("123456789012345678901234567890")) }) }"#,
    ),
    (
        r#"0xffffffffffffffffffff
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(BigInt("1208925819614629174706175")) }) }"#,
    ),
    (
        r#"00
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Int(0)) }) }"#,
    ),
    (
        r#"0.0
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(0.0)) }) }"#,
    ),
    (
        r#"0e0
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(0.0)) }) }"#,
    ),
    (
        r#"012.5
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Float(12.5)) }) }"#,
    ),
    (
        r#"'a'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("a")) }) }"#,
    ),
    (
        r#""a"
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("a")) }) }"#,
    ),
    (
        r#"'''a'''
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("a")) }) }"#,
    ),
    (
        r#"'a' 'b'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("ab")) }) }"#,
    ),
    (
        r#"'a' "b" '''c'''
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("abc")) }) }"#,
    ),
    (
        r#"r'\n'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("\\n")) }) }"#,
    ),
    (
        r#"R'\n'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("\\n")) }) }"#,
    ),
    (
        r#"b'abc'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([97, 98, 99])) }) }"#,
    ),
    (
        r#"B'abc'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([97, 98, 99])) }) }"#,
    ),
    (
        r#"rb'\x00'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([92, 120, 48, 48])) }) }"#,
    ),
    (
        r#"br'\x00'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([92, 120, 48, 48])) }) }"#,
    ),
    (
        r#"Rb'x'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([120])) }) }"#,
    ),
    (
        r#"u'x'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("x")) }) }"#,
    ),
    (
        r#"U'x'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("x")) }) }"#,
    ),
    (
        r#"'\n\t\r\\\'\"\a\b\f\v\0'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("\n\t\r\\'\"\u{7}\u{8}\u{c}\u{b}\0")) }) }"#,
    ),
    (
        r#"'\x41\u00e9\U0001F600'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("Aé😀")) }) }"#,
    ),
    (
        r#"'\101\7\77'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("A\u{7}?")) }) }"#,
    ),
    (
        r#"b'\x41\xff\101'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bytes([65, 255, 65])) }) }"#,
    ),
    (
        r#"'\q'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("\\q")) }) }"#,
    ),
    (
        r#"'a\
b'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("ab")) }) }"#,
    ),
    (
        r#"...
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Ellipsis) }) }"#,
    ),
    (
        r#"None
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(None) }) }"#,
    ),
    (
        r#"True
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bool(true)) }) }"#,
    ),
    (
        r#"False
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Bool(false)) }) }"#,
    ),
    (
        r#"()
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([]) }) }"#,
    ),
    (
        r#"(1,)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }]) }) }"#,
    ),
    (
        r#"(1, 2)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }]) }) }"#,
    ),
    (
        r#"(a)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 1 }, kind: Name("a") }) }"#,
    ),
    (
        r#"((a))
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }) }"#,
    ),
    (
        r#"[]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: List([]) }) }"#,
    ),
    (
        r#"[1]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: List([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }]) }) }"#,
    ),
    (
        r#"[1, 2,]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: List([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }]) }) }"#,
    ),
    (
        r#"[*a, *b]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: List([Expr { loc: Loc { line: 1, col: 1 }, kind: Starred(Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }) }, Expr { loc: Loc { line: 1, col: 5 }, kind: Starred(Expr { loc: Loc { line: 1, col: 6 }, kind: Name("b") }) }]) }) }"#,
    ),
    (
        r#"{}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Dict { keys: [], values: [] } }) }"#,
    ),
    (
        r#"{1}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Set([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }]) }) }"#,
    ),
    (
        r#"{1, 2}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Set([Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }]) }) }"#,
    ),
    (
        r#"{*a}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Set([Expr { loc: Loc { line: 1, col: 1 }, kind: Starred(Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }) }]) }) }"#,
    ),
    (
        r#"{1: 2}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Dict { keys: [Some(Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) })], values: [Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }] } }) }"#,
    ),
    (
        r#"{1: 2, 3: 4,}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Dict { keys: [Some(Expr { loc: Loc { line: 1, col: 1 }, kind: Constant(Int(1)) }), Some(Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Int(3)) })], values: [Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(2)) }, Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(4)) }] } }) }"#,
    ),
    (
        r#"{**a, 1: 2, **b}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Dict { keys: [None, Some(Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) }), None], values: [Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 9 }, kind: Constant(Int(2)) }, Expr { loc: Loc { line: 1, col: 14 }, kind: Name("b") }] } }) }"#,
    ),
    (
        r#"[x for x in y]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("y") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"[x for x in y if x]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("y") }, ifs: [Expr { loc: Loc { line: 1, col: 17 }, kind: Name("x") }] }] } }) }"#,
    ),
    (
        r#"[x for x in y for z in x if z if w]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("y") }, ifs: [] }, Comprehension { target: Expr { loc: Loc { line: 1, col: 18 }, kind: Name("z") }, iter: Expr { loc: Loc { line: 1, col: 23 }, kind: Name("x") }, ifs: [Expr { loc: Loc { line: 1, col: 28 }, kind: Name("z") }, Expr { loc: Loc { line: 1, col: 33 }, kind: Name("w") }] }] } }) }"#,
    ),
    (
        r#"[x for x, y in z]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, Expr { loc: Loc { line: 1, col: 10 }, kind: Name("y") }]) }, iter: Expr { loc: Loc { line: 1, col: 15 }, kind: Name("z") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"{x for x in y}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: SetComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("y") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"{k: v for k, v in y}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: DictComp { key: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("k") }, value: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("v") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 10 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 10 }, kind: Name("k") }, Expr { loc: Loc { line: 1, col: 13 }, kind: Name("v") }]) }, iter: Expr { loc: Loc { line: 1, col: 18 }, kind: Name("y") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"(x for x in y)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: GeneratorExp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 12 }, kind: Name("y") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"[x for x in (yield)] if 0 else 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 24 }, kind: Constant(Int(0)) }, body: Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 13 }, kind: Yield(None) }, ifs: [] }] } }, orelse: Expr { loc: Loc { line: 1, col: 31 }, kind: Constant(Int(1)) } } }) }"#,
    ),
    (
        r#"[lambda: x for x in y]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: Lambda { params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("x") } } }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 15 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 20 }, kind: Name("y") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"[x if y else z for x in w]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: ListComp { elt: Expr { loc: Loc { line: 1, col: 1 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("y") }, body: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, orelse: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("z") } } }, generators: [Comprehension { target: Expr { loc: Loc { line: 1, col: 19 }, kind: Name("x") }, iter: Expr { loc: Loc { line: 1, col: 24 }, kind: Name("w") }, ifs: [] }] } }) }"#,
    ),
    (
        r#"(yield)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 1 }, kind: Yield(None) }) }"#,
    ),
    (
        r#"x = yield
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Yield(None) } } }"#,
    ),
    (
        r#"x = yield y
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Yield(Some(Expr { loc: Loc { line: 1, col: 10 }, kind: Name("y") })) } } }"#,
    ),
    (
        r#"x = yield from y
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: YieldFrom(Expr { loc: Loc { line: 1, col: 15 }, kind: Name("y") }) } } }"#,
    ),
    (
        r#"def g():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from z
    await_ = (yield)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "g", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 2, col: 4 }, kind: Expr(Expr { loc: Loc { line: 2, col: 4 }, kind: Yield(None) }) }, Stmt { loc: Loc { line: 3, col: 4 }, kind: Expr(Expr { loc: Loc { line: 3, col: 4 }, kind: Yield(Some(Expr { loc: Loc { line: 3, col: 10 }, kind: Constant(Int(1)) })) }) }, Stmt { loc: Loc { line: 4, col: 4 }, kind: Expr(Expr { loc: Loc { line: 4, col: 4 }, kind: Yield(Some(Expr { loc: Loc { line: 4, col: 10 }, kind: Tuple([Expr { loc: Loc { line: 4, col: 10 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 4, col: 13 }, kind: Constant(Int(2)) }]) })) }) }, Stmt { loc: Loc { line: 5, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 5, col: 4 }, kind: Name("x") }], value: Expr { loc: Loc { line: 5, col: 8 }, kind: Yield(None) } } }, Stmt { loc: Loc { line: 6, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 6, col: 4 }, kind: Name("y") }], value: Expr { loc: Loc { line: 6, col: 8 }, kind: YieldFrom(Expr { loc: Loc { line: 6, col: 19 }, kind: Name("z") }) } } }, Stmt { loc: Loc { line: 7, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 7, col: 4 }, kind: Name("await_") }], value: Expr { loc: Loc { line: 7, col: 14 }, kind: Yield(None) } } }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"(x := 1)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 1 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("x") }, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } }) }"#,
    ),
    (
        r#"if (n := len(a)) > 10: pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: If { test: Expr { loc: Loc { line: 1, col: 3 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 4 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("n") }, value: Expr { loc: Loc { line: 1, col: 9 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("len") }, args: [Expr { loc: Loc { line: 1, col: 13 }, kind: Name("a") }], keywords: [] } } } }, ops: [Gt], comparators: [Expr { loc: Loc { line: 1, col: 19 }, kind: Constant(Int(10)) }] } }, body: [Stmt { loc: Loc { line: 1, col: 23 }, kind: Pass }], orelse: [] } }"#,
    ),
    (
        r#"while chunk := f.read(): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: While { test: Expr { loc: Loc { line: 1, col: 6 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("chunk") }, value: Expr { loc: Loc { line: 1, col: 15 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 15 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 15 }, kind: Name("f") }, attr: "read" } }, args: [], keywords: [] } } } }, body: [Stmt { loc: Loc { line: 1, col: 25 }, kind: Pass }], orelse: [] } }"#,
    ),
    (
        r#"[y := 1, y ** 2]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: List([Expr { loc: Loc { line: 1, col: 1 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 1 }, kind: Name("y") }, value: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } }, Expr { loc: Loc { line: 1, col: 9 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("y") }, op: Pow, right: Expr { loc: Loc { line: 1, col: 14 }, kind: Constant(Int(2)) } } }]) }) }"#,
    ),
    (
        r#"f(x := 1)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: NamedExpr { target: Expr { loc: Loc { line: 1, col: 2 }, kind: Name("x") }, value: Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Int(1)) } } }], keywords: [] } }) }"#,
    ),
    (
        r#"a = 1 if b else 2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }, body: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) }, orelse: Expr { loc: Loc { line: 1, col: 16 }, kind: Constant(Int(2)) } } } } }"#,
    ),
    (
        r#"x = *a, *b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 4 }, kind: Starred(Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }) }, Expr { loc: Loc { line: 1, col: 8 }, kind: Starred(Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }) }]) } } }"#,
    ),
    (
        r#"print(*a, sep='')
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("print") }, args: [Expr { loc: Loc { line: 1, col: 6 }, kind: Starred(Expr { loc: Loc { line: 1, col: 7 }, kind: Name("a") }) }], keywords: [Keyword { loc: Loc { line: 1, col: 10 }, arg: Some("sep"), value: Expr { loc: Loc { line: 1, col: 14 }, kind: Constant(Str("")) } }] } }) }"#,
    ),
    (
        r#"x = [
    1,
    2,
]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: List([Expr { loc: Loc { line: 2, col: 4 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 3, col: 4 }, kind: Constant(Int(2)) }]) } } }"#,
    ),
    (
        r#"x = (1 +
     2)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 5 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(1)) }, op: Add, right: Expr { loc: Loc { line: 2, col: 5 }, kind: Constant(Int(2)) } } } } }"#,
    ),
    (
        r#"x = 1 + \
    2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) }, op: Add, right: Expr { loc: Loc { line: 2, col: 4 }, kind: Constant(Int(2)) } } } } }"#,
    ),
    (
        r#"if x:
    # comment
    y = 1

    z = 2
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: If { test: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, body: [Stmt { loc: Loc { line: 3, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 3, col: 4 }, kind: Name("y") }], value: Expr { loc: Loc { line: 3, col: 8 }, kind: Constant(Int(1)) } } }, Stmt { loc: Loc { line: 5, col: 4 }, kind: Assign { targets: [Expr { loc: Loc { line: 5, col: 4 }, kind: Name("z") }], value: Expr { loc: Loc { line: 5, col: 8 }, kind: Constant(Int(2)) } } }], orelse: [] } }"#,
    ),
    (
        r#"def f():
	return 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 2, col: 1 }, kind: Return(Some(Expr { loc: Loc { line: 2, col: 8 }, kind: Constant(Int(1)) })) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"a = 1 # comment
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"f(a)(b)(c)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Name("a") }], keywords: [] } }, args: [Expr { loc: Loc { line: 1, col: 5 }, kind: Name("b") }], keywords: [] } }, args: [Expr { loc: Loc { line: 1, col: 8 }, kind: Name("c") }], keywords: [] } }) }"#,
    ),
    (
        r#"a.b(c).d[e].f
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Attribute { value: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("a") }, attr: "b" } }, args: [Expr { loc: Loc { line: 1, col: 4 }, kind: Name("c") }], keywords: [] } }, attr: "d" } }, index: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("e") } } }, attr: "f" } }) }"#,
    ),
    (
        r#"x = a if b else c if d else e
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("b") }, body: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, orelse: Expr { loc: Loc { line: 1, col: 16 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 21 }, kind: Name("d") }, body: Expr { loc: Loc { line: 1, col: 16 }, kind: Name("c") }, orelse: Expr { loc: Loc { line: 1, col: 28 }, kind: Name("e") } } } } } } }"#,
    ),
    (
        r#"x = lambda: (yield)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Lambda { params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 13 }, kind: Yield(None) } } } } }"#,
    ),
    (
        r#"x = not a == b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: UnaryOp { op: Not, operand: Expr { loc: Loc { line: 1, col: 8 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("a") }, ops: [Eq], comparators: [Expr { loc: Loc { line: 1, col: 13 }, kind: Name("b") }] } } } } } }"#,
    ),
    (
        r#"x = a < b == c > d
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Compare { left: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, ops: [Lt, Eq, Gt], comparators: [Expr { loc: Loc { line: 1, col: 8 }, kind: Name("b") }, Expr { loc: Loc { line: 1, col: 13 }, kind: Name("c") }, Expr { loc: Loc { line: 1, col: 17 }, kind: Name("d") }] } } } }"#,
    ),
    (
        r#"x = -a ** -b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: UnaryOp { op: USub, operand: Expr { loc: Loc { line: 1, col: 5 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, op: Pow, right: Expr { loc: Loc { line: 1, col: 10 }, kind: UnaryOp { op: USub, operand: Expr { loc: Loc { line: 1, col: 11 }, kind: Name("b") } } } } } } } } }"#,
    ),
    (
        r#"x = a if not b else c
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 9 }, kind: UnaryOp { op: Not, operand: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("b") } } }, body: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, orelse: Expr { loc: Loc { line: 1, col: 20 }, kind: Name("c") } } } } }"#,
    ),
    (
        r#"f(**{'a': 1})
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [], keywords: [Keyword { loc: Loc { line: 1, col: 2 }, arg: None, value: Expr { loc: Loc { line: 1, col: 4 }, kind: Dict { keys: [Some(Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Str("a")) })], values: [Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(1)) }] } } }] } }) }"#,
    ),
    (
        r#"f(*[1], **{})
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("f") }, args: [Expr { loc: Loc { line: 1, col: 2 }, kind: Starred(Expr { loc: Loc { line: 1, col: 3 }, kind: List([Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) }]) }) }], keywords: [Keyword { loc: Loc { line: 1, col: 8 }, arg: None, value: Expr { loc: Loc { line: 1, col: 10 }, kind: Dict { keys: [], values: [] } } }] } }) }"#,
    ),
    (
        r#"x = [*range(3)]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: List([Expr { loc: Loc { line: 1, col: 5 }, kind: Starred(Expr { loc: Loc { line: 1, col: 6 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("range") }, args: [Expr { loc: Loc { line: 1, col: 12 }, kind: Constant(Int(3)) }], keywords: [] } }) }]) } } }"#,
    ),
    (
        r#"x = {**{}, **{}}
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Dict { keys: [None, None], values: [Expr { loc: Loc { line: 1, col: 7 }, kind: Dict { keys: [], values: [] } }, Expr { loc: Loc { line: 1, col: 13 }, kind: Dict { keys: [], values: [] } }] } } } }"#,
    ),
    (
        r#"x = 1,
x = ()
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) }]) } } }
Stmt { loc: Loc { line: 2, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 2, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 2, col: 4 }, kind: Tuple([]) } } }"#,
    ),
    (
        r#"class A(object): x: int = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: ClassDef(ClassDef { name: "A", bases: [Expr { loc: Loc { line: 1, col: 8 }, kind: Name("object") }], keywords: [], body: [Stmt { loc: Loc { line: 1, col: 17 }, kind: AnnAssign { target: Expr { loc: Loc { line: 1, col: 17 }, kind: Name("x") }, annotation: Expr { loc: Loc { line: 1, col: 20 }, kind: Name("int") }, value: Some(Expr { loc: Loc { line: 1, col: 26 }, kind: Constant(Int(1)) }) } }], decorators: [] }) }"#,
    ),
    (
        r#"def f(a, b): return a, b
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: None, annotation: None }, Param { loc: Loc { line: 1, col: 9 }, name: "b", default: None, annotation: None }], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 13 }, kind: Return(Some(Expr { loc: Loc { line: 1, col: 20 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 20 }, kind: Name("a") }, Expr { loc: Loc { line: 1, col: 23 }, kind: Name("b") }]) })) }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(a=1, *, b): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: Some(Expr { loc: Loc { line: 1, col: 8 }, kind: Constant(Int(1)) }), annotation: None }], vararg: None, kwonly: [Param { loc: Loc { line: 1, col: 14 }, name: "b", default: None, annotation: None }], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 18 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(**kw): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: Some(Param { loc: Loc { line: 1, col: 8 }, name: "kw", default: None, annotation: None }) }, body: [Stmt { loc: Loc { line: 1, col: 13 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(*a): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: Some(Param { loc: Loc { line: 1, col: 7 }, name: "a", default: None, annotation: None }), kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 11 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(a,): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: None, annotation: None }], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 11 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"def f(a, *, b,): pass
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [Param { loc: Loc { line: 1, col: 6 }, name: "a", default: None, annotation: None }], vararg: None, kwonly: [Param { loc: Loc { line: 1, col: 12 }, name: "b", default: None, annotation: None }], kwarg: None }, body: [Stmt { loc: Loc { line: 1, col: 17 }, kind: Pass }], decorators: [], returns: None }) }"#,
    ),
    (
        r#"x = a[1][2][3]
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 6 }, kind: Constant(Int(1)) } } }, index: Expr { loc: Loc { line: 1, col: 9 }, kind: Constant(Int(2)) } } }, index: Expr { loc: Loc { line: 1, col: 12 }, kind: Constant(Int(3)) } } } } }"#,
    ),
    (
        r#"x = a()()()
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 4 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 4 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("a") }, args: [], keywords: [] } }, args: [], keywords: [] } }, args: [], keywords: [] } } } }"#,
    ),
    (
        r#"x = 'α' + 'β'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Str("α")) }, op: Add, right: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Str("β")) } } } } }"#,
    ),
    (
        r#"名字 = 1
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("名字") }], value: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(1)) } } }"#,
    ),
    (
        r#"print(名字)
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 0 }, kind: Name("print") }, args: [Expr { loc: Loc { line: 1, col: 6 }, kind: Name("名字") }], keywords: [] } }) }"#,
    ),
    (
        r#"x = f'''a{
b}c'''
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: JoinedStr([Literal("a"), Expr { value: Expr { loc: Loc { line: 2, col: 0 }, kind: Name("b") }, conversion: None, format_spec: None, debug_text: None }, Literal("c")]) } } }"#,
    ),
    (
        r#"s = 'a' f'{b}' 'c'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("s") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: JoinedStr([Literal("a"), Expr { value: Expr { loc: Loc { line: 1, col: 11 }, kind: Name("b") }, conversion: None, format_spec: None, debug_text: None }, Literal("c")]) } } }"#,
    ),
    (
        r#"@dec
@dec.attr(1)
def f(): pass
@d
class A: pass
x = """a
b"""
"#,
        r#"Stmt { loc: Loc { line: 3, col: 0 }, kind: FunctionDef(FunctionDef { name: "f", params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: [Stmt { loc: Loc { line: 3, col: 9 }, kind: Pass }], decorators: [Expr { loc: Loc { line: 1, col: 1 }, kind: Name("dec") }, Expr { loc: Loc { line: 2, col: 1 }, kind: Call { func: Expr { loc: Loc { line: 2, col: 1 }, kind: Attribute { value: Expr { loc: Loc { line: 2, col: 1 }, kind: Name("dec") }, attr: "attr" } }, args: [Expr { loc: Loc { line: 2, col: 10 }, kind: Constant(Int(1)) }], keywords: [] } }], returns: None }) }
Stmt { loc: Loc { line: 5, col: 0 }, kind: ClassDef(ClassDef { name: "A", bases: [], keywords: [], body: [Stmt { loc: Loc { line: 5, col: 9 }, kind: Pass }], decorators: [Expr { loc: Loc { line: 4, col: 1 }, kind: Name("d") }] }) }
Stmt { loc: Loc { line: 6, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 6, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 6, col: 4 }, kind: Constant(Str("a\nb")) } } }"#,
    ),
    (
        r#"f'abc'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("abc")]) }) }"#,
    ),
    (
        r#"f''
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([]) }) }"#,
    ),
    (
        r#"f'{x}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x!r}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: Some('r'), format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x!s:>10}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: Some('s'), format_spec: Some([Literal(">10")]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x:{width}.{prec}f}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("width") }, conversion: None, format_spec: None, debug_text: None }, Literal("."), Expr { value: Expr { loc: Loc { line: 1, col: 14 }, kind: Name("prec") }, conversion: None, format_spec: None, debug_text: None }, Literal("f")]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x:>{w}}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([Literal(">"), Expr { value: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("w") }, conversion: None, format_spec: None, debug_text: None }]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{{literal}}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("{literal}")]) }) }"#,
    ),
    (
        r#"f'a{{b}}c{d}e'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("a{b}c"), Expr { value: Expr { loc: Loc { line: 1, col: 10 }, kind: Name("d") }, conversion: None, format_spec: None, debug_text: None }, Literal("e")]) }) }"#,
    ),
    (
        r#"f'{a["k"]}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Str("k")) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f"{a['k']}"
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Str("k")) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'''{a["k"]} {b['j']}'''
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 5 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("a") }, index: Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Str("k")) } } }, conversion: None, format_spec: None, debug_text: None }, Literal(" "), Expr { value: Expr { loc: Loc { line: 1, col: 14 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 14 }, kind: Name("b") }, index: Expr { loc: Loc { line: 1, col: 16 }, kind: Constant(Str("j")) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{f"{x}"}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x + 1:05d}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, op: Add, right: Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Int(1)) } } }, conversion: None, format_spec: Some([Literal("05d")]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{[1, 2][0]}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 3 }, kind: List([Expr { loc: Loc { line: 1, col: 4 }, kind: Constant(Int(1)) }, Expr { loc: Loc { line: 1, col: 7 }, kind: Constant(Int(2)) }]) }, index: Expr { loc: Loc { line: 1, col: 10 }, kind: Constant(Int(0)) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{ {1: 2}[1] }'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Subscript { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Dict { keys: [Some(Expr { loc: Loc { line: 1, col: 5 }, kind: Constant(Int(1)) })], values: [Expr { loc: Loc { line: 1, col: 8 }, kind: Constant(Int(2)) }] } }, index: Expr { loc: Loc { line: 1, col: 11 }, kind: Constant(Int(1)) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{(lambda: 1)()}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Call { func: Expr { loc: Loc { line: 1, col: 4 }, kind: Lambda { params: Params { posonly: [], args: [], vararg: None, kwonly: [], kwarg: None }, body: Expr { loc: Loc { line: 1, col: 12 }, kind: Constant(Int(1)) } } }, args: [], keywords: [] } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x:%Y-%m-%d}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([Literal("%Y-%m-%d")]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'\n{x}\t'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("\n"), Expr { value: Expr { loc: Loc { line: 1, col: 5 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }, Literal("\t")]) }) }"#,
    ),
    (
        r#"rf'\n{x}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("\\n"), Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"fr'{x}\d'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }, Literal("\\d")]) }) }"#,
    ),
    (
        r#"F'{x}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"'a' f'{b}' 'c' f'd'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("a"), Expr { value: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("b") }, conversion: None, format_spec: None, debug_text: None }, Literal("cd")]) }) }"#,
    ),
    (
        r#"f'{x!a}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: Some('a'), format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x,}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }]) }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x, y}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, Expr { loc: Loc { line: 1, col: 6 }, kind: Name("y") }]) }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{*x,}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 2 }, kind: Tuple([Expr { loc: Loc { line: 1, col: 3 }, kind: Starred(Expr { loc: Loc { line: 1, col: 4 }, kind: Name("x") }) }]) }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x}' f'{y}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }, Expr { value: Expr { loc: Loc { line: 1, col: 10 }, kind: Name("y") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{3.14:.2f}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Constant(Float(3.14)) }, conversion: None, format_spec: Some([Literal(".2f")]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x:}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{"nested" + f"{y!r}"}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: BinOp { left: Expr { loc: Loc { line: 1, col: 3 }, kind: Constant(Str("nested")) }, op: Add, right: Expr { loc: Loc { line: 1, col: 14 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 17 }, kind: Name("y") }, conversion: Some('r'), format_spec: None, debug_text: None }]) } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x:{y}}{z}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("y") }, conversion: None, format_spec: None, debug_text: None }]), debug_text: None }, Expr { value: Expr { loc: Loc { line: 1, col: 10 }, kind: Name("z") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{a if b else c}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: IfExp { test: Expr { loc: Loc { line: 1, col: 8 }, kind: Name("b") }, body: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, orelse: Expr { loc: Loc { line: 1, col: 15 }, kind: Name("c") } } }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{a:{b}{c}}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("a") }, conversion: None, format_spec: Some([Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Name("b") }, conversion: None, format_spec: None, debug_text: None }, Expr { value: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("c") }, conversion: None, format_spec: None, debug_text: None }]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'{x!r:^{w}}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: Some('r'), format_spec: Some([Literal("^"), Expr { value: Expr { loc: Loc { line: 1, col: 9 }, kind: Name("w") }, conversion: None, format_spec: None, debug_text: None }]), debug_text: None }]) }) }"#,
    ),
    (
        r#"f'\{x}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("\\"), Expr { value: Expr { loc: Loc { line: 1, col: 4 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"'\N{BULLET} \N{EM DASH}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("• —")) }) }"#,
    ),
    (
        r#"f'\N{BULLET}{x}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Literal("•"), Expr { value: Expr { loc: Loc { line: 1, col: 13 }, kind: Name("x") }, conversion: None, format_spec: None, debug_text: None }]) }) }"#,
    ),
    (
        r#"'\N{bullet}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: Constant(Str("•")) }) }"#,
    ),
    (
        r#"x = f'a' 'b'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: JoinedStr([Literal("ab")]) } } }"#,
    ),
    (
        r#"x = f'{a}' '{b}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Assign { targets: [Expr { loc: Loc { line: 1, col: 0 }, kind: Name("x") }], value: Expr { loc: Loc { line: 1, col: 4 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 7 }, kind: Name("a") }, conversion: None, format_spec: None, debug_text: None }, Literal("{b}")]) } } }"#,
    ),
    (
        r#"f'{x:{{}}>10}'
"#,
        r#"Stmt { loc: Loc { line: 1, col: 0 }, kind: Expr(Expr { loc: Loc { line: 1, col: 0 }, kind: JoinedStr([Expr { value: Expr { loc: Loc { line: 1, col: 3 }, kind: Name("x") }, conversion: None, format_spec: Some([Expr { value: Expr { loc: Loc { line: 1, col: 6 }, kind: Dict { keys: [], values: [] } }, conversion: None, format_spec: None, debug_text: None }, Literal(">10")]), debug_text: None }]) }) }"#,
    ),
];
