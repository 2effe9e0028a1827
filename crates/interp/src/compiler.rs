//! AST -> bytecode.
//!
//! Names are resolved here, once: a function's locals become slots (`LoadFast`), variables
//! captured by inner functions become cells (`LoadDeref`), module-level names become slots of
//! the module's global table (`LoadGlobal`), and class bodies use a namespace (`LoadName`).
//! Comprehensions, generator expressions and lambdas compile to nested functions, as in CPython.
//! `finally` bodies are duplicated on each exit path (fall-through, `return`, `break`,
//! `continue`, exception), so the VM needs no "why" state machine.

use crate::ast::*;
use crate::vm::code::{BinOpK, CmpK, Code, Op};
use crate::vm::value::{Sym, Value};
use crate::vm::{GlobalTable, Interner};
use num_bigint::BigInt;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// A compile-time error (CPython raises these as SyntaxError too).
#[derive(Debug, Clone)]
pub struct CompileError {
    pub msg: String,
    pub line: u32,
    pub col: u32,
}

type CResult<T> = Result<T, CompileError>;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Module,
    Function,
    Class,
}

/// What a `return`/`break`/`continue` must undo on its way out.
#[derive(Clone)]
enum FBlock {
    Loop {
        start: usize,
        breaks: Vec<usize>,
        range: bool,
        is_for: bool,
    },
    Try,
    Finally(Vec<Stmt>),
    Handler,
    /// Inside the exception path of a `finally` (the exception is on the stack).
    FinallyHandler,
    With,
}

struct Scope {
    kind: Kind,
    code: Code,
    locals: HashMap<String, u32>,
    /// cellvars then freevars, as in `Code::cell_names`.
    cells: Vec<String>,
    globals: HashSet<String>,
    fblocks: Vec<FBlock>,
    qualname: String,
    /// The name of the class this scope is in (itself, or enclosing it): its `__private`
    /// names are mangled (`_Class__private`), as CPython's.
    private: Option<String>,
}

/// `name` as written in class `private`: `__x` becomes `_Class__x` (not `__x__`, nor dotted).
fn mangle(private: Option<&str>, name: &str) -> String {
    let class = private.map(|p| p.trim_start_matches('_')).unwrap_or("");
    if class.is_empty() || !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    format!("_{class}{name}")
}

/// Names a scope binds and uses, found by a pre-pass over its body.
#[derive(Default)]
struct Scan {
    assigned: Vec<String>,
    assigned_set: HashSet<String>,
    globals: HashSet<String>,
    nonlocals: HashSet<String>,
    uses: HashSet<String>,
    child_free: HashSet<String>,
    has_yield: bool,
}

impl Scan {
    fn assign(&mut self, n: &str) {
        if self.assigned_set.insert(n.to_string()) {
            self.assigned.push(n.to_string());
        }
    }
    fn target(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => self.assign(n),
            ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter().for_each(|x| self.target(x)),
            ExprKind::Starred(x) => self.target(x),
            _ => self.expr(e),
        }
    }
    fn stmts(&mut self, b: &[Stmt]) {
        for s in b {
            self.stmt(s);
        }
    }
    fn stmt(&mut self, s: &Stmt) {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value);
                targets.iter().for_each(|t| self.target(t));
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value);
                self.target(target);
                if let ExprKind::Name(n) = &target.kind {
                    self.uses.insert(n.clone());
                }
            }
            StmtKind::AnnAssign { target, value, .. } => {
                if let Some(v) = value {
                    self.expr(v);
                    self.target(target);
                }
            }
            StmtKind::FunctionDef(f) => {
                self.assign(&f.name);
                f.decorators.iter().for_each(|d| self.expr(d));
                self.params_outer(&f.params);
                let child = scan_function(&f.params, &f.body);
                self.child_free.extend(free_of(&child, Kind::Function));
            }
            StmtKind::ClassDef(c) => {
                self.assign(&c.name);
                c.decorators.iter().for_each(|d| self.expr(d));
                c.bases.iter().for_each(|d| self.expr(d));
                c.keywords.iter().for_each(|k| self.expr(&k.value));
                let mut child = Scan::default();
                child.stmts(&c.body);
                self.child_free.extend(free_of(&child, Kind::Class));
            }
            StmtKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v)
                }
            }
            StmtKind::Delete(ts) => ts.iter().for_each(|t| self.target(t)),
            StmtKind::Match { subject, cases } => {
                self.stmts(&crate::patterns::lower_match(s.loc, subject, cases))
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                self.expr(iter);
                self.target(target);
                self.stmts(body);
                self.stmts(orelse);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                self.stmts(body);
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t);
                    }
                    if let Some(n) = &h.name {
                        self.assign(n);
                    }
                    self.stmts(&h.body);
                }
                self.stmts(orelse);
                self.stmts(finalbody);
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)
                }
                if let Some(e) = cause {
                    self.expr(e)
                }
            }
            StmtKind::With { items, body } => {
                for it in items {
                    self.expr(&it.context);
                    if let Some(t) = &it.target {
                        self.target(t);
                    }
                }
                self.stmts(body);
            }
            StmtKind::Import(names) => {
                for a in names {
                    let n = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap().to_string());
                    self.assign(&n);
                }
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name != "*" {
                        self.assign(a.asname.as_ref().unwrap_or(&a.name));
                    }
                }
            }
            StmtKind::Global(ns) => ns.iter().for_each(|n| {
                self.globals.insert(n.clone());
            }),
            StmtKind::Nonlocal(ns) => ns.iter().for_each(|n| {
                self.nonlocals.insert(n.clone());
            }),
            StmtKind::Assert { test, msg } => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m)
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        }
    }
    fn params_outer(&mut self, p: &Params) {
        for q in p.posonly.iter().chain(&p.args).chain(&p.kwonly) {
            if let Some(d) = &q.default {
                self.expr(d);
            }
        }
    }
    fn comp(&mut self, gens: &[Comprehension], elts: &[&Expr]) {
        self.expr(&gens[0].iter);
        let mut child = Scan::default();
        child.assign(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                child.expr(&g.iter);
            }
            child.target(&g.target);
            g.ifs.iter().for_each(|e| child.expr(e));
        }
        elts.iter().for_each(|e| child.expr(e));
        self.child_free.extend(free_of(&child, Kind::Function));
    }
    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Name(n) => {
                self.uses.insert(n.clone());
                if n == "super" {
                    self.uses.insert("__class__".into());
                }
            }
            ExprKind::Constant(_) => {}
            ExprKind::JoinedStr(parts) => self.fparts(parts),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left);
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| self.expr(v)),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left);
                comparators.iter().for_each(|v| self.expr(v))
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func);
                args.iter().for_each(|v| self.expr(v));
                keywords.iter().for_each(|k| self.expr(&k.value));
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value);
                self.expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)
                }
            }
            ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => {
                xs.iter().for_each(|v| self.expr(v))
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().for_each(|v| self.expr(v));
                values.iter().for_each(|v| self.expr(v));
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => self.comp(generators, &[elt]),
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comp(generators, &[key, value]),
            ExprKind::Lambda { params, body } => {
                self.params_outer(params);
                let body = vec![Stmt {
                    loc: e.loc,
                    kind: StmtKind::Return(Some((**body).clone())),
                }];
                let child = scan_function(params, &body);
                self.child_free.extend(free_of(&child, Kind::Function));
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test);
                self.expr(body);
                self.expr(orelse)
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::Yield(v) => {
                self.has_yield = true;
                if let Some(v) = v {
                    self.expr(v)
                }
            }
            ExprKind::YieldFrom(v) => {
                self.has_yield = true;
                self.expr(v)
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value);
                self.target(target)
            }
        }
    }
    fn fparts(&mut self, parts: &[FStringPart]) {
        for p in parts {
            if let FStringPart::Expr {
                value, format_spec, ..
            } = p
            {
                self.expr(value);
                if let Some(s) = format_spec {
                    self.fparts(s)
                }
            }
        }
    }
}

fn param_list(p: &Params) -> Vec<&Param> {
    let mut v: Vec<&Param> = p.posonly.iter().chain(&p.args).chain(&p.kwonly).collect();
    v.extend(p.vararg.iter());
    v.extend(p.kwarg.iter());
    v
}

fn scan_function(p: &Params, body: &[Stmt]) -> Scan {
    let mut s = Scan::default();
    for q in param_list(p) {
        s.assign(&q.name);
    }
    s.stmts(body);
    s
}

fn locals_of(s: &Scan) -> HashSet<String> {
    s.assigned_set
        .iter()
        .filter(|n| !s.globals.contains(*n) && !s.nonlocals.contains(*n))
        .cloned()
        .collect()
}

/// Names a scope needs from its enclosing function scopes.
fn free_of(s: &Scan, kind: Kind) -> HashSet<String> {
    let locals = locals_of(s);
    let mut out = HashSet::new();
    for n in s.uses.iter().chain(&s.nonlocals) {
        if !locals.contains(n) && !s.globals.contains(n) {
            out.insert(n.clone());
        }
    }
    for n in &s.child_free {
        let bound_here = kind == Kind::Function && locals.contains(n);
        let class_cell = kind == Kind::Class && n == "__class__";
        if !bound_here && !class_cell && !s.globals.contains(n) {
            out.insert(n.clone());
        }
    }
    out
}

pub struct Compiler<'a> {
    syms: &'a mut Interner,
    globals: &'a mut GlobalTable,
    codes: &'a mut Vec<Rc<Code>>,
    file: u32,
    scopes: Vec<Scope>,
    line: u32,
}

enum NameOp {
    Fast(u32),
    Deref(u32),
    Global(u32),
    Name(Sym),
}

fn binop(op: BinOp) -> BinOpK {
    match op {
        BinOp::Add => BinOpK::Add,
        BinOp::Sub => BinOpK::Sub,
        BinOp::Mult => BinOpK::Mul,
        BinOp::MatMult => BinOpK::MatMul,
        BinOp::Div => BinOpK::Div,
        BinOp::FloorDiv => BinOpK::FloorDiv,
        BinOp::Mod => BinOpK::Mod,
        BinOp::Pow => BinOpK::Pow,
        BinOp::LShift => BinOpK::LShift,
        BinOp::RShift => BinOpK::RShift,
        BinOp::BitOr => BinOpK::Or,
        BinOp::BitXor => BinOpK::Xor,
        BinOp::BitAnd => BinOpK::And,
    }
}

/// A compiler positioned in a fresh `<module>` code object (for a module or eval/exec source).
fn module_compiler<'a>(
    file: u32,
    syms: &'a mut Interner,
    globals: &'a mut GlobalTable,
    codes: &'a mut Vec<Rc<Code>>,
) -> Compiler<'a> {
    let mut c = Compiler {
        syms,
        globals,
        codes,
        file,
        scopes: vec![],
        line: 1,
    };
    let code = c.new_code("<module>", "<module>", 1);
    c.scopes.push(Scope {
        kind: Kind::Module,
        code,
        locals: HashMap::new(),
        cells: vec![],
        globals: HashSet::new(),
        fblocks: vec![],
        qualname: String::new(),
        private: None,
    });
    c
}

/// Compiles a module body; returns the index of its code in `codes`.
pub fn compile_module(
    body: &[Stmt],
    file: u32,
    syms: &mut Interner,
    globals: &mut GlobalTable,
    codes: &mut Vec<Rc<Code>>,
) -> CResult<u32> {
    let mut c = module_compiler(file, syms, globals, codes);
    // Pre-assign slots in definition order so `globals()` lists them in that order.
    let mut s = Scan::default();
    s.stmts(body);
    for n in &s.assigned {
        let sym = c.syms.intern(n);
        c.globals.slot(sym);
    }
    c.stmts(body)?;
    c.emit(Op::LoadNone);
    c.emit(Op::Return);
    let scope = c.scopes.pop().unwrap();
    Ok(c.finish(scope.code))
}

/// Compiles source for `eval` (a single expression statement, its value returned) or `exec`
/// (statements, None returned) against an existing module's global table.
pub fn compile_eval(
    body: &[Stmt],
    is_eval: bool,
    file: u32,
    syms: &mut Interner,
    globals: &mut GlobalTable,
    codes: &mut Vec<Rc<Code>>,
) -> CResult<u32> {
    let mut c = module_compiler(file, syms, globals, codes);
    match body {
        [Stmt {
            kind: StmtKind::Expr(e),
            loc,
        }] if is_eval => {
            c.line = loc.line;
            c.expr(e)?;
        }
        _ if is_eval => return c.err("invalid syntax"),
        _ => {
            c.stmts(body)?;
            c.emit(Op::LoadNone);
        }
    }
    c.emit(Op::Return);
    let scope = c.scopes.pop().unwrap();
    Ok(c.finish(scope.code))
}

impl<'a> Compiler<'a> {
    fn new_code(&mut self, name: &str, qualname: &str, line: u32) -> Code {
        Code {
            name: Rc::from(name),
            qualname: Rc::from(qualname),
            file: self.file,
            ops: vec![],
            lines: vec![],
            consts: vec![],
            kwnames: vec![],
            nlocals: 0,
            local_names: vec![],
            cell_names: vec![],
            ncellvars: 0,
            cell_params: vec![],
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            varargs: false,
            varkw: false,
            is_gen: false,
            is_class: false,
            first_line: line,
            doc: None,
        }
    }

    fn finish(&mut self, code: Code) -> u32 {
        self.codes.push(Rc::new(code));
        (self.codes.len() - 1) as u32
    }

    fn err<T>(&self, msg: &str) -> CResult<T> {
        Err(CompileError {
            msg: msg.into(),
            line: self.line,
            col: 0,
        })
    }

    fn sc(&mut self) -> &mut Scope {
        self.scopes.last_mut().unwrap()
    }

    fn emit(&mut self, op: Op) -> usize {
        let line = self.line;
        let code = &mut self.sc().code;
        code.ops.push(op);
        code.lines.push(line);
        code.ops.len() - 1
    }

    fn here(&mut self) -> usize {
        self.sc().code.ops.len()
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let target = self.here() as u32;
        let op = &mut self.sc().code.ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::PopJumpIfFalse(_) => Op::PopJumpIfFalse(target),
            Op::PopJumpIfTrue(_) => Op::PopJumpIfTrue(target),
            Op::JumpIfFalseOrPop(_) => Op::JumpIfFalseOrPop(target),
            Op::JumpIfTrueOrPop(_) => Op::JumpIfTrueOrPop(target),
            Op::ForIter(_) => Op::ForIter(target),
            Op::ForRange(_) => Op::ForRange(target),
            Op::SetupExcept(_) => Op::SetupExcept(target),
            Op::SetupFinally(_) => Op::SetupFinally(target),
            other => other,
        };
    }

    fn konst(&mut self, v: Value) -> u32 {
        let code = &mut self.sc().code;
        if let Value::Str(s) = &v {
            if let Some(i) = code
                .consts
                .iter()
                .position(|c| matches!(c, Value::Str(t) if t == s))
            {
                return i as u32;
            }
        }
        code.consts.push(v);
        (code.consts.len() - 1) as u32
    }

    fn load_str(&mut self, s: &str) {
        let k = self.konst(Value::str(s));
        self.emit(Op::LoadConst(k));
    }

    /// The symbol of attribute or global name `name` here (mangled in a class).
    fn mangled(&mut self, name: &str) -> Sym {
        let private = self.scopes.last().and_then(|sc| sc.private.as_deref());
        let n = mangle(private, name);
        self.syms.intern(&n)
    }

    fn resolve(&mut self, name: &str) -> NameOp {
        let sym = self.mangled(name);
        let sc = self.scopes.last().unwrap();
        match sc.kind {
            Kind::Module => NameOp::Global(self.globals.slot(sym)),
            Kind::Class => {
                if sc.globals.contains(name) {
                    return NameOp::Global(self.globals.slot(sym));
                }
                if let Some(i) = sc.cells.iter().position(|c| c == name) {
                    if name != "__class__" && !sc.locals.contains_key(name) {
                        return NameOp::Deref(i as u32);
                    }
                }
                NameOp::Name(sym)
            }
            Kind::Function => {
                if sc.globals.contains(name) {
                    return NameOp::Global(self.globals.slot(sym));
                }
                if let Some(i) = sc.cells.iter().position(|c| c == name) {
                    return NameOp::Deref(i as u32);
                }
                if let Some(&i) = sc.locals.get(name) {
                    return NameOp::Fast(i);
                }
                NameOp::Global(self.globals.slot(sym))
            }
        }
    }

    fn load_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            NameOp::Fast(i) => Op::LoadFast(i),
            NameOp::Deref(i) => Op::LoadDeref(i),
            NameOp::Global(i) => Op::LoadGlobal(i),
            NameOp::Name(s) => Op::LoadName(s),
        };
        self.emit(op);
    }

    fn store_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            NameOp::Fast(i) => Op::StoreFast(i),
            NameOp::Deref(i) => Op::StoreDeref(i),
            NameOp::Global(i) => Op::StoreGlobal(i),
            NameOp::Name(s) => Op::StoreName(s),
        };
        self.emit(op);
    }

    fn delete_name(&mut self, name: &str) {
        let op = match self.resolve(name) {
            NameOp::Fast(i) => Op::DeleteFast(i),
            NameOp::Deref(i) => {
                self.emit(Op::LoadSmall(0));
                Op::StoreDeref(i)
            }
            NameOp::Global(i) => Op::DeleteGlobal(i),
            NameOp::Name(s) => Op::DeleteName(s),
        };
        self.emit(op);
    }

    fn stmts(&mut self, b: &[Stmt]) -> CResult<()> {
        for s in b {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> CResult<()> {
        self.line = s.loc.line;
        match &s.kind {
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Op::Pop);
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Op::Dup);
                    }
                    self.store(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store(target)?;
                }
                // Class bodies record `name: type` in `__annotations__` (dataclasses read it).
                if let (Kind::Class, ExprKind::Name(n)) = (self.sc().kind, &target.kind) {
                    self.expr(annotation)?;
                    let ann = self.syms.intern("__annotations__");
                    self.emit(Op::LoadName(ann));
                    self.load_str(n);
                    self.emit(Op::StoreSubscr);
                }
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.line = s.loc.line;
                self.function(&f.name, &f.params, &f.body, s.loc.line, f.returns.as_ref())?;
                for _ in &f.decorators {
                    self.emit(Op::Call(1));
                }
                self.store_name(&f.name);
            }
            StmtKind::ClassDef(c) => self.class(c, s.loc.line)?,
            StmtKind::Return(v) => {
                if self.sc().kind != Kind::Function {
                    return self.err("'return' outside function");
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Op::LoadNone);
                    }
                }
                self.unwind_fblocks(None, true)?;
                self.emit(Op::Return);
            }
            StmtKind::Delete(ts) => {
                for t in ts {
                    self.delete(t)?;
                }
            }
            StmtKind::Pass => {}
            StmtKind::Match { subject, cases } => {
                self.stmts(&crate::patterns::lower_match(s.loc, subject, cases))?
            }
            StmtKind::Break => self.break_continue(true)?,
            StmtKind::Continue => self.break_continue(false)?,
            StmtKind::If { test, body, orelse } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.stmts(body)?;
                if orelse.is_empty() {
                    self.patch(j);
                } else {
                    let j2 = self.emit(Op::Jump(0));
                    self.patch(j);
                    self.stmts(orelse)?;
                    self.patch(j2);
                }
            }
            StmtKind::While { test, body, orelse } => {
                let start = self.here();
                self.expr(test)?;
                let exit = self.emit(Op::PopJumpIfFalse(0));
                self.sc().fblocks.push(FBlock::Loop {
                    start,
                    breaks: vec![],
                    range: false,
                    is_for: false,
                });
                self.stmts(body)?;
                self.emit(Op::Jump(start as u32));
                let fb = self.sc().fblocks.pop().unwrap();
                self.patch(exit);
                self.stmts(orelse)?;
                if let FBlock::Loop { breaks, .. } = fb {
                    for b in breaks {
                        self.patch(b);
                    }
                }
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => self.for_loop(target, iter, body, orelse)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => self.try_stmt(body, handlers, orelse, finalbody)?,
            StmtKind::Raise { exc, cause } => match (exc, cause) {
                (None, _) => {
                    self.emit(Op::Raise(0));
                }
                (Some(e), None) => {
                    self.expr(e)?;
                    self.emit(Op::Raise(1));
                }
                (Some(e), Some(c)) => {
                    self.expr(e)?;
                    self.expr(c)?;
                    self.emit(Op::Raise(2));
                }
            },
            StmtKind::With { items, body } => self.with(items, body)?,
            StmtKind::Import(names) => {
                for a in names {
                    let sym = self.syms.intern(&a.name);
                    self.emit(Op::Import(sym));
                    match &a.asname {
                        Some(n) => self.store_name(n),
                        None => {
                            let top = a.name.split('.').next().unwrap().to_string();
                            if top != a.name {
                                self.emit(Op::Pop);
                                let t = self.syms.intern(&top);
                                self.emit(Op::Import(t));
                            }
                            self.store_name(&top);
                        }
                    }
                }
            }
            StmtKind::ImportFrom { module, names, .. } => {
                let m = module.clone().unwrap_or_default();
                let sym = self.syms.intern(&m);
                self.emit(Op::Import(sym));
                for a in names {
                    if a.name == "*" {
                        self.emit(Op::ImportStar);
                        return Ok(());
                    }
                    let s = self.syms.intern(&a.name);
                    self.emit(Op::ImportFrom(s));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name));
                }
                self.emit(Op::Pop);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfTrue(0));
                self.emit(Op::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Op::Call(1));
                }
                self.emit(Op::Raise(1));
                self.patch(j);
            }
        }
        Ok(())
    }

    /// Emits what leaving the innermost fblocks requires: down to (not including) the loop at
    /// index `until` (break/continue), or all of them (`return`, value on the stack).
    fn unwind_fblocks(&mut self, until: Option<usize>, has_value: bool) -> CResult<()> {
        let blocks = self.sc().fblocks.clone();
        let stop = until.map(|u| u + 1).unwrap_or(0);
        let saved = std::mem::take(&mut self.sc().fblocks);
        let mut i = blocks.len();
        while i > stop {
            i -= 1;
            // While emitting a finally body, only the blocks outside it are active.
            self.sc().fblocks = blocks[..i].to_vec();
            match &blocks[i] {
                FBlock::Loop { range, is_for, .. } => {
                    if until.is_none() && !has_value {
                        continue;
                    }
                    if until.is_none() {
                        // `return` truncates the frame's stack: nothing to pop.
                        continue;
                    }
                    let n = if *range {
                        3
                    } else if *is_for {
                        1
                    } else {
                        0
                    };
                    for _ in 0..n {
                        self.emit(Op::Pop);
                    }
                }
                FBlock::Try => {
                    self.emit(Op::PopBlock);
                }
                FBlock::Finally(body) => {
                    self.emit(Op::PopBlock);
                    let body = body.clone();
                    self.stmts(&body)?;
                }
                FBlock::Handler => {
                    self.emit(Op::PopExcept);
                }
                FBlock::FinallyHandler => {
                    self.emit(Op::PopExcept);
                    if has_value {
                        self.emit(Op::Rot2);
                    }
                    self.emit(Op::Pop);
                }
                FBlock::With => {
                    self.emit(Op::PopBlock);
                    if has_value {
                        self.emit(Op::Rot2);
                    }
                    self.emit(Op::LoadNone);
                    self.emit(Op::LoadNone);
                    self.emit(Op::LoadNone);
                    self.emit(Op::Call(3));
                    self.emit(Op::Pop);
                }
            }
        }
        self.sc().fblocks = saved;
        Ok(())
    }

    fn break_continue(&mut self, is_break: bool) -> CResult<()> {
        let blocks = &self.sc().fblocks;
        let Some(li) = blocks
            .iter()
            .rposition(|b| matches!(b, FBlock::Loop { .. }))
        else {
            return self.err(if is_break {
                "'break' outside loop"
            } else {
                "'continue' not properly in loop"
            });
        };
        self.unwind_fblocks(Some(li), false)?;
        if is_break {
            if let FBlock::Loop { range, is_for, .. } = self.sc().fblocks[li].clone() {
                let n = if range {
                    3
                } else if is_for {
                    1
                } else {
                    0
                };
                for _ in 0..n {
                    self.emit(Op::Pop);
                }
            }
            let j = self.emit(Op::Jump(0));
            if let FBlock::Loop { breaks, .. } = &mut self.sc().fblocks[li] {
                breaks.push(j);
            }
        } else if let FBlock::Loop { start, .. } = self.sc().fblocks[li] {
            self.emit(Op::Jump(start as u32));
        }
        Ok(())
    }

    fn for_loop(
        &mut self,
        target: &Expr,
        iter: &Expr,
        body: &[Stmt],
        orelse: &[Stmt],
    ) -> CResult<()> {
        let range = match &iter.kind {
            ExprKind::Call {
                func,
                args,
                keywords,
            } if matches!(&func.kind, ExprKind::Name(n) if n == "range")
                && keywords.is_empty()
                && (1..=3).contains(&args.len())
                && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) =>
            {
                self.expr(func)?;
                for a in args {
                    self.expr(a)?;
                }
                self.line = iter.loc.line;
                self.emit(Op::RangeSetup(args.len() as u32));
                true
            }
            _ => {
                self.expr(iter)?;
                self.emit(Op::GetIter);
                false
            }
        };
        let start = self.here();
        let fi = self.emit(if range {
            Op::ForRange(0)
        } else {
            Op::ForIter(0)
        });
        self.store(target)?;
        self.sc().fblocks.push(FBlock::Loop {
            start,
            breaks: vec![],
            range,
            is_for: true,
        });
        self.stmts(body)?;
        self.emit(Op::Jump(start as u32));
        let fb = self.sc().fblocks.pop().unwrap();
        self.patch(fi);
        self.stmts(orelse)?;
        if let FBlock::Loop { breaks, .. } = fb {
            for b in breaks {
                self.patch(b);
            }
        }
        Ok(())
    }

    fn try_stmt(
        &mut self,
        body: &[Stmt],
        handlers: &[ExceptHandler],
        orelse: &[Stmt],
        finalbody: &[Stmt],
    ) -> CResult<()> {
        let fin = if !finalbody.is_empty() {
            let f = self.emit(Op::SetupFinally(0));
            self.sc().fblocks.push(FBlock::Finally(finalbody.to_vec()));
            Some(f)
        } else {
            None
        };
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            let h = self.emit(Op::SetupExcept(0));
            self.sc().fblocks.push(FBlock::Try);
            self.stmts(body)?;
            self.sc().fblocks.pop();
            self.emit(Op::PopBlock);
            self.stmts(orelse)?;
            let mut ends = vec![self.emit(Op::Jump(0))];
            self.patch(h);
            for hd in handlers {
                self.line = hd.loc.line;
                let mut next = None;
                if let Some(t) = &hd.typ {
                    self.expr(t)?;
                    self.emit(Op::ExcMatch);
                    next = Some(self.emit(Op::PopJumpIfFalse(0)));
                }
                match &hd.name {
                    Some(n) => self.store_name(n),
                    None => {
                        self.emit(Op::Pop);
                    }
                }
                self.sc().fblocks.push(FBlock::Handler);
                self.stmts(&hd.body)?;
                self.sc().fblocks.pop();
                self.emit(Op::PopExcept);
                if let Some(n) = &hd.name {
                    self.emit(Op::LoadNone);
                    self.store_name(n);
                    self.delete_name(n);
                }
                ends.push(self.emit(Op::Jump(0)));
                if let Some(nx) = next {
                    self.patch(nx);
                }
            }
            self.emit(Op::Reraise);
            for e in ends {
                self.patch(e);
            }
        }
        if let Some(f) = fin {
            self.sc().fblocks.pop();
            self.emit(Op::PopBlock);
            self.stmts(finalbody)?;
            let end = self.emit(Op::Jump(0));
            self.patch(f);
            self.sc().fblocks.push(FBlock::FinallyHandler);
            self.stmts(finalbody)?;
            self.sc().fblocks.pop();
            self.emit(Op::Reraise);
            self.patch(end);
        }
        Ok(())
    }

    fn with(&mut self, items: &[WithItem], body: &[Stmt]) -> CResult<()> {
        let Some((first, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        self.expr(&first.context)?;
        self.emit(Op::WithEnter);
        match &first.target {
            Some(t) => self.store(t)?,
            None => {
                self.emit(Op::Pop);
            }
        }
        // The handler's stack depth keeps only the bound `__exit__` under the exception.
        let h = self.emit(Op::SetupExcept(0));
        self.sc().fblocks.push(FBlock::With);
        self.with(rest, body)?;
        self.sc().fblocks.pop();
        self.emit(Op::PopBlock);
        self.emit(Op::LoadNone);
        self.emit(Op::LoadNone);
        self.emit(Op::LoadNone);
        self.emit(Op::Call(3));
        self.emit(Op::Pop);
        let end = self.emit(Op::Jump(0));
        self.patch(h);
        self.emit(Op::WithExit);
        let re = self.emit(Op::PopJumpIfFalse(0));
        self.emit(Op::Pop);
        self.emit(Op::PopExcept);
        let end2 = self.emit(Op::Jump(0));
        self.patch(re);
        self.emit(Op::Reraise);
        self.patch(end);
        self.patch(end2);
        Ok(())
    }

    fn aug_assign(&mut self, target: &Expr, op: BinOp, value: &Expr) -> CResult<()> {
        let op = binop(op);
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Op::Dup);
                let s = self.mangled(attr);
                self.emit(Op::LoadAttr(s));
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::Rot2);
                self.emit(Op::StoreAttr(s));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.expr(index)?;
                self.emit(Op::Dup2);
                self.emit(Op::Subscr);
                self.expr(value)?;
                self.emit(Op::InPlace(op));
                self.emit(Op::Rot3);
                self.emit(Op::StoreSubscr);
            }
            _ => return self.err("'expression' is an illegal expression for augmented assignment"),
        }
        Ok(())
    }

    fn store(&mut self, t: &Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.store_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let s = self.mangled(attr);
                self.emit(Op::StoreAttr(s));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::StoreSubscr);
            }
            ExprKind::Tuple(xs) | ExprKind::List(xs) => {
                match xs
                    .iter()
                    .position(|x| matches!(x.kind, ExprKind::Starred(_)))
                {
                    Some(i) => {
                        self.emit(Op::UnpackEx {
                            before: i as u16,
                            after: (xs.len() - i - 1) as u16,
                        });
                    }
                    None => {
                        self.emit(Op::UnpackSeq(xs.len() as u32));
                    }
                }
                for x in xs {
                    self.store(x)?;
                }
            }
            ExprKind::Starred(x) => self.store(x)?,
            _ => return self.err("cannot assign to expression"),
        }
        Ok(())
    }

    fn delete(&mut self, t: &Expr) -> CResult<()> {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let s = self.mangled(attr);
                self.emit(Op::DeleteAttr(s));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::DeleteSubscr);
            }
            ExprKind::Tuple(xs) | ExprKind::List(xs) => {
                for x in xs {
                    self.delete(x)?;
                }
            }
            _ => return self.err("cannot delete expression"),
        }
        Ok(())
    }

    fn child_qualname(&self, name: &str) -> String {
        let sc = self.scopes.last().unwrap();
        match sc.kind {
            Kind::Module => name.to_string(),
            Kind::Class => format!("{}.{}", sc.qualname, name),
            Kind::Function => format!("{}.<locals>.{}", sc.qualname, name),
        }
    }

    /// Opens a function scope: locals laid out as CPython does (positional, kw-only, *args, **kw, rest).
    fn open_function(
        &mut self,
        name: &str,
        params: &Params,
        scan: &Scan,
        line: u32,
        kind: Kind,
    ) -> Scope {
        let qual = self.child_qualname(name);
        let mut code = self.new_code(name, &qual, line);
        let locals_set = locals_of(scan);
        let mut locals = HashMap::new();
        let mut order: Vec<String> = vec![];
        for p in param_list(params) {
            if !locals.contains_key(&p.name) {
                locals.insert(p.name.clone(), order.len() as u32);
                order.push(p.name.clone());
            }
        }
        if kind == Kind::Function {
            for n in &scan.assigned {
                if locals_set.contains(n) && !locals.contains_key(n) {
                    locals.insert(n.clone(), order.len() as u32);
                    order.push(n.clone());
                }
            }
        }
        code.argcount = (params.posonly.len() + params.args.len()) as u32;
        code.posonly = params.posonly.len() as u32;
        code.kwonly = params.kwonly.len() as u32;
        code.varargs = params.vararg.is_some();
        code.varkw = params.kwarg.is_some();
        code.is_gen = scan.has_yield;
        code.is_class = kind == Kind::Class;
        // Cells: our locals that inner scopes capture, then what we capture from outside.
        let mut cells: Vec<String> = vec![];
        if kind == Kind::Function {
            let mut cv: Vec<&String> = scan
                .child_free
                .iter()
                .filter(|n| locals_set.contains(*n))
                .collect();
            proclab_abi::sort_by(&mut cv, |a, b| a.cmp(b));
            cells.extend(cv.into_iter().cloned());
        } else if kind == Kind::Class && scan.child_free.contains("__class__") {
            cells.push("__class__".into());
        }
        code.ncellvars = cells.len() as u32;
        for (ci, n) in cells.iter().enumerate() {
            if let Some(&li) = locals.get(n) {
                code.cell_params.push((li, ci as u32));
            }
        }
        let mut fv: Vec<String> = free_of(scan, kind)
            .into_iter()
            .filter(|n| self.bound_in_enclosing(n))
            .collect();
        proclab_abi::sort_by(&mut fv, |a, b| a.cmp(b));
        cells.extend(fv);
        code.nlocals = order.len() as u32;
        code.local_names = order.iter().map(|n| self.syms.intern(n)).collect();
        code.cell_names = cells.iter().map(|n| self.syms.intern(n)).collect();
        if kind == Kind::Class {
            locals = locals_set.into_iter().map(|n| (n, 0)).collect();
        }
        let private = match kind {
            Kind::Class => Some(name.to_string()),
            _ => self.scopes.last().and_then(|sc| sc.private.clone()),
        };
        Scope {
            kind,
            code,
            locals,
            cells,
            globals: scan.globals.clone(),
            fblocks: vec![],
            qualname: qual,
            private,
        }
    }

    fn bound_in_enclosing(&self, name: &str) -> bool {
        for sc in self.scopes.iter().rev() {
            match sc.kind {
                Kind::Function => {
                    if sc.globals.contains(name) {
                        return false;
                    }
                    if sc.locals.contains_key(name) || sc.cells.iter().any(|c| c == name) {
                        return true;
                    }
                }
                Kind::Class => {
                    if name == "__class__" && sc.cells.iter().any(|c| c == "__class__") {
                        return true;
                    }
                }
                Kind::Module => return false,
            }
        }
        false
    }

    /// Pushes the closure tuple for `code`'s free variables (if any); returns whether it did.
    fn closure(&mut self, code: &Code) -> bool {
        let free = &code.cell_names[code.ncellvars as usize..];
        if free.is_empty() {
            return false;
        }
        let names: Vec<String> = free
            .iter()
            .map(|&s| self.syms.name(s).to_string())
            .collect();
        for n in &names {
            let sc = self.scopes.last().unwrap();
            let i = sc
                .cells
                .iter()
                .position(|c| c == n)
                .expect("free variable resolved");
            self.emit(Op::LoadClosureCell(i as u32));
        }
        self.emit(Op::BuildTuple(names.len() as u32));
        true
    }

    /// Compiles a function (def, lambda) and leaves the function object on the stack.
    fn function(
        &mut self,
        name: &str,
        params: &Params,
        body: &[Stmt],
        line: u32,
        returns: Option<&Expr>,
    ) -> CResult<()> {
        let mut flags = 0u8;
        let defaults: Vec<&Expr> = params
            .posonly
            .iter()
            .chain(&params.args)
            .filter_map(|p| p.default.as_ref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Op::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kwd: Vec<&Param> = params
            .kwonly
            .iter()
            .filter(|p| p.default.is_some())
            .collect();
        if !kwd.is_empty() {
            for p in &kwd {
                self.load_str(&p.name);
                self.expr(p.default.as_ref().unwrap())?;
            }
            self.emit(Op::BuildDict(kwd.len() as u32));
            flags |= 2;
        }
        // `__annotations__`: parameter and return annotations, evaluated at definition time.
        let mut n_ann = 0;
        for p in param_list(params) {
            if let Some(a) = &p.annotation {
                self.load_str(&p.name);
                self.expr(a)?;
                n_ann += 1;
            }
        }
        if let Some(r) = returns {
            self.load_str("return");
            self.expr(r)?;
            n_ann += 1;
        }
        if n_ann > 0 {
            self.emit(Op::BuildDict(n_ann));
            flags |= 8;
        }
        let scan = scan_function(params, body);
        let mut scope = self.open_function(name, params, &scan, line, Kind::Function);
        if let Some(Stmt {
            kind:
                StmtKind::Expr(Expr {
                    kind: ExprKind::Constant(Constant::Str(d)),
                    ..
                }),
            ..
        }) = body.first()
        {
            scope.code.doc = Some(Rc::from(d.as_str()));
        }
        self.scopes.push(scope);
        let saved_line = self.line;
        self.stmts(body)?;
        self.emit(Op::LoadNone);
        self.emit(Op::Return);
        self.line = saved_line;
        let scope = self.scopes.pop().unwrap();
        if self.closure(&scope.code) {
            flags |= 4;
        }
        let idx = self.finish(scope.code);
        self.emit(Op::MakeFunction { code: idx, flags });
        Ok(())
    }

    fn class(&mut self, c: &ClassDef, line: u32) -> CResult<()> {
        for d in &c.decorators {
            self.expr(d)?;
        }
        self.line = line;
        for b in &c.bases {
            self.expr(b)?;
        }
        self.emit(Op::BuildTuple(c.bases.len() as u32));
        let kws: Vec<&Keyword> = c.keywords.iter().filter(|k| k.arg.is_some()).collect();
        for k in &kws {
            self.load_str(k.arg.as_ref().unwrap());
            self.expr(&k.value)?;
        }
        self.emit(Op::BuildDict(kws.len() as u32));
        let mut scan = Scan::default();
        scan.stmts(&c.body);
        let scope = self.open_function(&c.name, &Params::default(), &scan, line, Kind::Class);
        self.scopes.push(scope);
        let qn = self.sc().qualname.clone();
        self.load_name("__name__");
        let m = self.syms.intern("__module__");
        self.emit(Op::StoreName(m));
        self.load_str(&qn);
        let s = self.syms.intern("__qualname__");
        self.emit(Op::StoreName(s));
        if c.body
            .iter()
            .any(|s| matches!(s.kind, StmtKind::AnnAssign { .. }))
        {
            self.emit(Op::BuildDict(0));
            let ann = self.syms.intern("__annotations__");
            self.emit(Op::StoreName(ann));
        }
        self.stmts(&c.body)?;
        self.emit(Op::LoadNone);
        self.emit(Op::Return);
        let scope = self.scopes.pop().unwrap();
        self.line = line;
        if !self.closure(&scope.code) {
            self.emit(Op::BuildTuple(0));
        }
        let idx = self.finish(scope.code);
        self.emit(Op::BuildClass { code: idx });
        for _ in &c.decorators {
            self.emit(Op::Call(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    /// Comprehensions: a nested function over the first iterator, called at once.
    fn comprehension(
        &mut self,
        kind: u8,
        elt: &Expr,
        value: Option<&Expr>,
        gens: &[Comprehension],
        loc: Loc,
    ) -> CResult<()> {
        let name = match kind {
            0 => "<listcomp>",
            1 => "<setcomp>",
            2 => "<dictcomp>",
            _ => "<genexpr>",
        };
        let mut scan = Scan::default();
        scan.assign(".0");
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                scan.expr(&g.iter);
            }
            scan.target(&g.target);
            g.ifs.iter().for_each(|e| scan.expr(e));
        }
        scan.expr(elt);
        if let Some(v) = value {
            scan.expr(v);
        }
        scan.has_yield = kind == 3;
        let params = Params {
            args: vec![Param {
                loc,
                name: ".0".into(),
                default: None,
                annotation: None,
            }],
            ..Default::default()
        };
        let scope = self.open_function(name, &params, &scan, loc.line, Kind::Function);
        self.scopes.push(scope);
        match kind {
            0 => self.emit(Op::BuildList(0)),
            1 => self.emit(Op::BuildSet(0)),
            2 => self.emit(Op::BuildDict(0)),
            _ => 0,
        };
        let mut loops = vec![];
        for (i, g) in gens.iter().enumerate() {
            if i == 0 {
                self.emit(Op::LoadFast(0));
            } else {
                self.expr(&g.iter)?;
                self.emit(Op::GetIter);
            }
            let start = self.here();
            let fi = self.emit(Op::ForIter(0));
            self.store(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
                self.emit(Op::PopJumpIfFalse(start as u32));
            }
            loops.push((start, fi));
        }
        let depth = gens.len() as u32 + 1;
        match kind {
            0 => {
                self.expr(elt)?;
                self.emit(Op::ListAppend(depth));
            }
            1 => {
                self.expr(elt)?;
                self.emit(Op::SetAdd(depth));
            }
            2 => {
                self.expr(elt)?;
                self.expr(value.unwrap())?;
                self.emit(Op::MapAdd(depth));
            }
            _ => {
                self.expr(elt)?;
                self.emit(Op::Yield);
                self.emit(Op::Pop);
            }
        }
        for (start, fi) in loops.into_iter().rev() {
            self.emit(Op::Jump(start as u32));
            self.patch(fi);
        }
        if kind == 3 {
            self.emit(Op::LoadNone);
        }
        self.emit(Op::Return);
        let scope = self.scopes.pop().unwrap();
        let flags = if self.closure(&scope.code) { 4 } else { 0 };
        let idx = self.finish(scope.code);
        self.emit(Op::MakeFunction { code: idx, flags });
        self.expr(&gens[0].iter)?;
        self.emit(Op::GetIter);
        self.emit(Op::Call(1));
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> CResult<()> {
        let saved = self.line;
        self.line = e.loc.line;
        let r = self.expr_inner(e);
        self.line = saved;
        r
    }

    fn constant(&mut self, c: &Constant) -> CResult<()> {
        match c {
            Constant::None => {
                self.emit(Op::LoadNone);
            }
            Constant::Int(i) if *i >= i32::MIN as i64 && *i <= i32::MAX as i64 => {
                self.emit(Op::LoadSmall(*i as i32));
            }
            _ => {
                let v = match c {
                    Constant::Bool(b) => Value::Bool(*b),
                    Constant::Int(i) => Value::Int(*i),
                    Constant::BigInt(s) => match s.parse::<BigInt>() {
                        Ok(b) => Value::Big(Rc::new(b)),
                        Err(_) => return self.err("invalid integer literal"),
                    },
                    Constant::Float(f) => Value::Float(*f),
                    Constant::Str(s) => Value::str(s),
                    Constant::Bytes(b) => {
                        let k = self.konst(Value::str(
                            &b.iter().map(|&c| c as char).collect::<String>(),
                        ));
                        self.emit(Op::LoadBytes(k));
                        return Ok(());
                    }
                    Constant::Ellipsis => Value::Ellipsis,
                    Constant::Imaginary(f) => {
                        let k = self.konst(Value::Float(*f));
                        self.emit(Op::LoadImag(k));
                        return Ok(());
                    }
                    _ => Value::None,
                };
                let k = self.konst(v);
                self.emit(Op::LoadConst(k));
            }
        }
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> CResult<()> {
        let mut n = 0;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    self.load_str(s);
                    n += 1;
                }
                FStringPart::Expr {
                    value,
                    conversion,
                    format_spec,
                    debug_text,
                } => {
                    if let Some(d) = debug_text {
                        self.load_str(d);
                        n += 1;
                    }
                    self.expr(value)?;
                    let mut conv = match conversion {
                        Some('s') => 1,
                        Some('r') => 2,
                        Some('a') => 3,
                        _ => 0,
                    };
                    if debug_text.is_some() && conversion.is_none() && format_spec.is_none() {
                        conv = 2;
                    }
                    if let Some(spec) = format_spec {
                        self.fstring(spec)?;
                        conv += 4;
                    }
                    self.emit(Op::FormatValue(conv));
                    n += 1;
                }
            }
        }
        self.emit(Op::BuildString(n));
        Ok(())
    }

    /// Pushes a sequence display's items; returns Some(n) if no starred item (a plain BuildX(n)
    /// follows), else leaves a list on the stack.
    fn elements(&mut self, xs: &[Expr]) -> CResult<Option<u32>> {
        if !xs.iter().any(|x| matches!(x.kind, ExprKind::Starred(_))) {
            for x in xs {
                self.expr(x)?;
            }
            return Ok(Some(xs.len() as u32));
        }
        self.emit(Op::BuildList(0));
        for x in xs {
            match &x.kind {
                ExprKind::Starred(v) => {
                    self.expr(v)?;
                    self.emit(Op::ListExtend(1));
                }
                _ => {
                    self.expr(x)?;
                    self.emit(Op::ListAppend(1));
                }
            }
        }
        Ok(None)
    }

    fn call(&mut self, func: &Expr, args: &[Expr], keywords: &[Keyword]) -> CResult<()> {
        let starred = args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
            || keywords.iter().any(|k| k.arg.is_none());
        // Zero-argument super(): pass the class cell and the first argument explicitly.
        if let ExprKind::Name(n) = &func.kind {
            if n == "super" && args.is_empty() && keywords.is_empty() {
                let sc = self.scopes.last().unwrap();
                if sc.kind == Kind::Function {
                    if let Some(ci) = sc.cells.iter().position(|c| c == "__class__") {
                        if sc.code.argcount > 0 {
                            let first = self.syms.name(sc.code.local_names[0]).to_string();
                            self.load_name("super");
                            self.emit(Op::LoadDeref(ci as u32));
                            // A captured `self` lives in its cell.
                            self.load_name(&first);
                            self.emit(Op::Call(2));
                            return Ok(());
                        }
                    }
                }
            }
        }
        if !starred && keywords.is_empty() {
            if let ExprKind::Attribute { value, attr } = &func.kind {
                self.expr(value)?;
                let s = self.mangled(attr);
                self.line = func.loc.line;
                self.emit(Op::LoadMethod(s));
                for a in args {
                    self.expr(a)?;
                }
                self.emit(Op::CallMethod(args.len() as u32));
                return Ok(());
            }
        }
        self.expr(func)?;
        if starred {
            match self.elements(args)? {
                Some(n) => {
                    self.emit(Op::BuildTuple(n));
                }
                None => {
                    self.emit(Op::ListToTuple);
                }
            }
            self.emit(Op::BuildDict(0));
            for k in keywords {
                match &k.arg {
                    Some(a) => {
                        self.load_str(a);
                        self.expr(&k.value)?;
                        self.emit(Op::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Op::DictUpdate(1));
                    }
                }
            }
            self.emit(Op::CallEx);
            return Ok(());
        }
        for a in args {
            self.expr(a)?;
        }
        if keywords.is_empty() {
            self.emit(Op::Call(args.len() as u32));
        } else {
            let names: Vec<Sym> = keywords
                .iter()
                .map(|k| self.syms.intern(k.arg.as_ref().unwrap()))
                .collect();
            for k in keywords {
                self.expr(&k.value)?;
            }
            let code = &mut self.sc().code;
            code.kwnames.push(names);
            let kw = (code.kwnames.len() - 1) as u16;
            self.emit(Op::CallKw {
                argc: (args.len() + keywords.len()) as u16,
                kw,
            });
        }
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> CResult<()> {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => self.constant(c)?,
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Op::Binary(binop(*op)));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Not => Op::Not,
                    UnaryOp::Invert => Op::Invert,
                    UnaryOp::UAdd => Op::Pos,
                    UnaryOp::USub => Op::Neg,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let mut jumps = vec![];
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        jumps.push(self.emit(match op {
                            BoolOp::And => Op::JumpIfFalseOrPop(0),
                            BoolOp::Or => Op::JumpIfTrueOrPop(0),
                        }));
                    }
                }
                for j in jumps {
                    self.patch(j);
                }
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                self.expr(left)?;
                let mut cleanup = vec![];
                for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
                    self.expr(right)?;
                    let last = i + 1 == ops.len();
                    if !last {
                        self.emit(Op::Dup);
                        self.emit(Op::Rot3);
                    }
                    self.emit(match op {
                        CmpOp::Eq => Op::Compare(CmpK::Eq),
                        CmpOp::NotEq => Op::Compare(CmpK::Ne),
                        CmpOp::Lt => Op::Compare(CmpK::Lt),
                        CmpOp::LtE => Op::Compare(CmpK::Le),
                        CmpOp::Gt => Op::Compare(CmpK::Gt),
                        CmpOp::GtE => Op::Compare(CmpK::Ge),
                        CmpOp::Is => Op::IsOp(false),
                        CmpOp::IsNot => Op::IsOp(true),
                        CmpOp::In => Op::ContainsOp(false),
                        CmpOp::NotIn => Op::ContainsOp(true),
                    });
                    if !last {
                        cleanup.push(self.emit(Op::JumpIfFalseOrPop(0)));
                    }
                }
                if !cleanup.is_empty() {
                    let end = self.emit(Op::Jump(0));
                    for c in cleanup {
                        self.patch(c);
                    }
                    self.emit(Op::Rot2);
                    self.emit(Op::Pop);
                    self.patch(end);
                }
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let s = self.mangled(attr);
                self.emit(Op::LoadAttr(s));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Op::Subscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper] {
                    match x {
                        Some(x) => self.expr(x)?,
                        None => {
                            self.emit(Op::LoadNone);
                        }
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Op::BuildSlice(3));
                    }
                    None => {
                        self.emit(Op::BuildSlice(2));
                    }
                }
            }
            ExprKind::List(xs) => {
                if let Some(n) = self.elements(xs)? {
                    self.emit(Op::BuildList(n));
                }
            }
            ExprKind::Tuple(xs) => match self.elements(xs)? {
                Some(n) => {
                    self.emit(Op::BuildTuple(n));
                }
                None => {
                    self.emit(Op::ListToTuple);
                }
            },
            ExprKind::Set(xs) => {
                self.emit(Op::BuildSet(0));
                let ints: Option<Vec<i64>> = xs
                    .iter()
                    .map(|x| match &x.kind {
                        ExprKind::Constant(Constant::Int(i)) => Some(*i),
                        ExprKind::UnaryOp {
                            op: UnaryOp::USub,
                            operand,
                        } => match &operand.kind {
                            ExprKind::Constant(Constant::Int(i)) => Some(-*i),
                            _ => None,
                        },
                        _ => None,
                    })
                    .collect();
                let reordered: Vec<&Expr>;
                let xs: &[Expr] = match ints {
                    Some(v) if v.len() >= 3 => {
                        // Distinct values (first occurrences), as the folded frozenset holds.
                        let uniq: Vec<usize> =
                            (0..v.len()).filter(|&i| !v[..i].contains(&v[i])).collect();
                        let hashes: Vec<u64> = uniq
                            .iter()
                            .map(|&i| {
                                crate::vm::value::hkey_hash(&crate::vm::value::HKey::Int(v[i]))
                                    as u64
                            })
                            .collect();
                        reordered = crate::vm::value::SetTable::const_display_order(&hashes)
                            .into_iter()
                            .map(|k| &xs[uniq[k]])
                            .collect();
                        for x in &reordered {
                            self.expr(x)?;
                            self.emit(Op::SetAdd(1));
                        }
                        &[]
                    }
                    _ => xs,
                };
                for x in xs {
                    match &x.kind {
                        ExprKind::Starred(v) => {
                            self.expr(v)?;
                            self.emit(Op::SetUpdate(1));
                        }
                        _ => {
                            self.expr(x)?;
                            self.emit(Op::SetAdd(1));
                        }
                    }
                }
            }
            ExprKind::Dict { keys, values } => {
                self.emit(Op::BuildDict(0));
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => {
                            self.expr(k)?;
                            self.expr(v)?;
                            self.emit(Op::MapAdd(1));
                        }
                        None => {
                            self.expr(v)?;
                            self.emit(Op::DictUpdate(1));
                        }
                    }
                }
            }
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(0, elt, None, generators, e.loc)?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(1, elt, None, generators, e.loc)?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(2, key, Some(value), generators, e.loc)?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(3, elt, None, generators, e.loc)?
            }
            ExprKind::Lambda { params, body } => {
                let body = vec![Stmt {
                    loc: e.loc,
                    kind: StmtKind::Return(Some((**body).clone())),
                }];
                self.function("<lambda>", params, &body, e.loc.line, None)?;
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                let j = self.emit(Op::PopJumpIfFalse(0));
                self.expr(body)?;
                let end = self.emit(Op::Jump(0));
                self.patch(j);
                self.expr(orelse)?;
                self.patch(end);
            }
            ExprKind::Starred(_) => return self.err("can't use starred expression here"),
            ExprKind::Yield(v) => {
                if self.sc().kind != Kind::Function {
                    return self.err("'yield' outside function");
                }
                match v {
                    Some(v) => self.expr(v)?,
                    None => {
                        self.emit(Op::LoadNone);
                    }
                }
                self.emit(Op::Yield);
            }
            ExprKind::YieldFrom(v) => {
                if self.sc().kind != Kind::Function {
                    return self.err("'yield' outside function");
                }
                self.expr(v)?;
                // A loop that re-yields each item (send() values are not forwarded: a
                // documented limitation); its value is the sub-generator's return value.
                self.emit(Op::GetIter);
                let start = self.here();
                let fi = self.emit(Op::ForIter(0));
                self.emit(Op::Yield);
                self.emit(Op::Pop);
                self.emit(Op::Jump(start as u32));
                self.patch(fi);
                self.emit(Op::LoadGenReturn);
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Op::Dup);
                self.store(target)?;
            }
        }
        Ok(())
    }
}
