//! `match` statements, lowered to ordinary statements before scope analysis and compilation.
//!
//! A match becomes `$subject = <subject>` followed by an `if/elif` chain whose tests are the
//! patterns rewritten as boolean expressions: captures are walrus assignments (so they bind in
//! the enclosing scope exactly like CPython's captures), structure checks call a few hidden
//! builtins (`$match_seq`, `$match_map`, `$match_rest`, `$match_class`, named with a `$` so no
//! program can spell or shadow them). Both the scope scanner and the compiler lower the same
//! statement the same way, so the hidden names they see agree.

use crate::ast::*;

/// The statements a `match` stands for.
pub fn lower_match(loc: Loc, subject: &Expr, cases: &[MatchCase]) -> Vec<Stmt> {
    let mut l = Lower {
        loc,
        prefix: format!("$match{}_{}", loc.line, loc.col),
        temps: 0,
    };
    let subj_name = format!("{}_s", l.prefix);
    let subj = l.name(&subj_name);
    let mut arms = Vec::new();
    for c in cases {
        let mut test = l.pattern(&c.pattern, &subj);
        if let Some(g) = &c.guard {
            test = l.and(vec![test, g.clone()]);
        }
        arms.push((test, c.body.clone()));
    }
    let mut orelse = Vec::new();
    while let Some((test, body)) = arms.pop() {
        let body = if body.is_empty() {
            vec![l.stmt(StmtKind::Pass)]
        } else {
            body
        };
        orelse = vec![l.stmt(StmtKind::If { test, body, orelse })];
    }
    let mut out = vec![l.stmt(StmtKind::Assign {
        targets: vec![l.name(&subj_name)],
        value: subject.clone(),
    })];
    out.extend(orelse);
    out
}

struct Lower {
    loc: Loc,
    prefix: String,
    temps: u32,
}

impl Lower {
    fn e(&self, kind: ExprKind) -> Expr {
        Expr {
            loc: self.loc,
            kind,
        }
    }
    fn stmt(&self, kind: StmtKind) -> Stmt {
        Stmt {
            loc: self.loc,
            kind,
        }
    }
    fn name(&self, n: &str) -> Expr {
        self.e(ExprKind::Name(n.to_string()))
    }
    fn int(&self, v: i64) -> Expr {
        self.e(ExprKind::Constant(Constant::Int(v)))
    }
    fn truth(&self) -> Expr {
        self.e(ExprKind::Constant(Constant::Bool(true)))
    }
    fn and(&self, mut values: Vec<Expr>) -> Expr {
        if values.len() == 1 {
            return values.pop().expect("one value");
        }
        self.e(ExprKind::BoolOp {
            op: BoolOp::And,
            values,
        })
    }
    fn call(&self, f: &str, args: Vec<Expr>) -> Expr {
        self.e(ExprKind::Call {
            func: Box::new(self.name(f)),
            args,
            keywords: Vec::new(),
        })
    }
    fn index(&self, value: &Expr, index: Expr) -> Expr {
        self.e(ExprKind::Subscript {
            value: Box::new(value.clone()),
            index: Box::new(index),
        })
    }
    fn compare(&self, left: &Expr, op: CmpOp, right: Expr) -> Expr {
        self.e(ExprKind::Compare {
            left: Box::new(left.clone()),
            ops: vec![op],
            comparators: vec![right],
        })
    }
    /// `(name := value) or True`: binds and always succeeds.
    fn bind(&self, name: &str, value: &Expr) -> Expr {
        let walrus = self.e(ExprKind::NamedExpr {
            target: Box::new(self.name(name)),
            value: Box::new(value.clone()),
        });
        self.e(ExprKind::BoolOp {
            op: BoolOp::Or,
            values: vec![walrus, self.truth()],
        })
    }
    fn temp(&mut self) -> String {
        self.temps += 1;
        format!("{}_t{}", self.prefix, self.temps)
    }

    /// The test that `subj` matches `p` (binding its captures as a side effect).
    fn pattern(&mut self, p: &Pattern, subj: &Expr) -> Expr {
        match p {
            Pattern::Value(v) => self.compare(subj, CmpOp::Eq, v.clone()),
            Pattern::Singleton(c) => {
                self.compare(subj, CmpOp::Is, self.e(ExprKind::Constant(c.clone())))
            }
            Pattern::As { pattern, name } => {
                let mut tests = Vec::new();
                if let Some(p) = pattern {
                    tests.push(self.pattern(p, subj));
                }
                if let Some(n) = name {
                    tests.push(self.bind(n, subj));
                }
                if tests.is_empty() {
                    return self.truth();
                }
                self.and(tests)
            }
            Pattern::Star(_) => self.truth(),
            Pattern::Or(alts) => {
                let values = alts.iter().map(|a| self.pattern(a, subj)).collect();
                self.e(ExprKind::BoolOp {
                    op: BoolOp::Or,
                    values,
                })
            }
            Pattern::Sequence { patterns, star } => {
                let n = patterns.len();
                let is_star = self.e(ExprKind::Constant(Constant::Bool(star.is_some())));
                let mut tests = vec![self.call(
                    "$match_seq",
                    vec![subj.clone(), self.int(n as i64), is_star],
                )];
                for (i, sub) in patterns.iter().enumerate() {
                    let item = match star {
                        Some(s) if i == *s => {
                            if let Pattern::Star(Some(name)) = sub {
                                // `*rest`: a list of the middle items.
                                let upper = (n - 1 - i) as i64;
                                let slice = self.e(ExprKind::Slice {
                                    lower: Some(Box::new(self.int(i as i64))),
                                    upper: Some(Box::new(self.e(ExprKind::BinOp {
                                        left: Box::new(self.call("len", vec![subj.clone()])),
                                        op: BinOp::Sub,
                                        right: Box::new(self.int(upper)),
                                    }))),
                                    step: None,
                                });
                                let rest = self.call("list", vec![self.index(subj, slice)]);
                                tests.push(self.bind(name, &rest));
                            }
                            continue;
                        }
                        Some(s) if i > *s => self.index(subj, self.int(i as i64 - n as i64)),
                        _ => self.index(subj, self.int(i as i64)),
                    };
                    tests.push(self.pattern(sub, &item));
                }
                self.and(tests)
            }
            Pattern::Mapping {
                keys,
                patterns,
                rest,
            } => {
                let mut tests = vec![self.call("$match_map", vec![subj.clone()])];
                for (k, sub) in keys.iter().zip(patterns) {
                    tests.push(self.compare(k, CmpOp::In, subj.clone()));
                    let item = self.index(subj, k.clone());
                    tests.push(self.pattern(sub, &item));
                }
                if let Some(r) = rest {
                    let keys = self.e(ExprKind::Tuple(keys.clone()));
                    let rest_dict = self.call("$match_rest", vec![subj.clone(), keys]);
                    tests.push(self.bind(r, &rest_dict));
                }
                self.and(tests)
            }
            Pattern::Class {
                cls,
                patterns,
                kwd_attrs,
                kwd_patterns,
            } => {
                // `$t := $match_class(subj, cls, npos, kwnames)`: None, or the tuple of the
                // positional then keyword attribute values.
                let t = self.temp();
                let names = kwd_attrs
                    .iter()
                    .map(|a| self.e(ExprKind::Constant(Constant::Str(a.clone()))))
                    .collect();
                let call = self.call(
                    "$match_class",
                    vec![
                        subj.clone(),
                        cls.clone(),
                        self.int(patterns.len() as i64),
                        self.e(ExprKind::Tuple(names)),
                    ],
                );
                let walrus = self.e(ExprKind::NamedExpr {
                    target: Box::new(self.name(&t)),
                    value: Box::new(call),
                });
                let none = self.e(ExprKind::Constant(Constant::None));
                let mut tests = vec![self.compare(&walrus, CmpOp::IsNot, none)];
                let tv = self.name(&t);
                for (i, sub) in patterns.iter().chain(kwd_patterns).enumerate() {
                    let item = self.index(&tv, self.int(i as i64));
                    tests.push(self.pattern(sub, &item));
                }
                self.and(tests)
            }
        }
    }
}
