//! The parser: tokens to the [`ast`](crate::ast), by hand-written recursive descent.
//!
//! One function per grammar level, following CPython 3.11's grammar (minus async and type
//! parameters). It never backtracks more than a bounded few tokens (a `match` line that is
//! not a match statement is re-read once as an ordinary one), so it runs in linear
//! time. Error messages and their locations copy CPython's for the common mistakes (each one in
//! the test table was checked against python3); anything else is reported as "invalid syntax"
//! at the offending token.

use crate::ast::*;
use crate::lexer::{self, err, StrLit, Tok, Token};

type PResult<T> = Result<T, SyntaxError>;

/// Parses a whole module (a file) into its statements.
pub fn parse_module(source: &str) -> Result<Vec<Stmt>, SyntaxError> {
    let mut p = Parser::new(lexer::tokenize(source), 0);
    let mut body = Vec::new();
    loop {
        let r = match p.tok() {
            Tok::Eof => return Ok(body),
            Tok::Newline => {
                p.pos += 1;
                Ok(())
            }
            _ => p.statement(&mut body),
        };
        if let Err(e) = r {
            return Err(p.prefer_tokenizer_error(e));
        }
    }
}

const KEYWORDS: [&str; 35] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// What a target is for: a starred target can be assigned to but not deleted.
#[derive(Clone, Copy, PartialEq)]
enum TargetCtx {
    /// `=`, `for`, `with ... as`, comprehensions.
    Store,
    Del,
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    /// Bracket nesting (the "Perhaps you forgot a comma?" hint only applies inside brackets).
    depth: u32,
    /// The furthest token index looked at: decides whether a tokenizer error further on
    /// replaces a parse error, as in CPython.
    max_pos: usize,
    /// Start of the most recently completed `disjunction` and whether it was a bare name: the
    /// left side of CPython's "Perhaps you forgot a comma?" range.
    last_disj: (Loc, bool),
    /// Current recursion depth of unary operators and lambdas, capped so that hostile input
    /// cannot overflow the (small, in WebAssembly) stack.
    nest: u32,
}

/// Binding powers for [`Parser::operators`], loosest first (CPython's grammar levels).
const PREC_OR: u8 = 1;
const PREC_AND: u8 = 2;
const PREC_NOT: u8 = 3;
const PREC_CMP: u8 = 4;
/// `|`; then `^`, `&`, shifts, `+ -`, `* / // % @` at +1..+5.
const PREC_BITOR: u8 = 5;
const PREC_UNARY: u8 = 11;
const PREC_POW: u8 = 12;

/// The longest operator or trailer chain (`1 + 1 + ...`, `a.b.c...`): each link is one AST
/// level, and deeper trees would overflow the stack of whoever walks them. CPython also fails on
/// such input ("maximum recursion depth exceeded during compilation").
const MAX_CHAIN: u32 = 1000;

/// The deepest nesting of brackets, unary operators, lambdas and conditional expressions we
/// accept. CPython allows 200 brackets, but each level costs ~20 stack frames here and the
/// WebAssembly stack is 1 MB; no real program nests anywhere near 100 deep.
const MAX_NEST: u32 = 100;

impl Parser {
    fn new(toks: Vec<Token>, depth: u32) -> Self {
        Parser {
            toks,
            pos: 0,
            depth,
            max_pos: 0,
            last_disj: (Loc::default(), false),
            nest: 0,
        }
    }
}

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// CPython's name for an expression kind in "cannot assign to ..." messages.
fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first sub-expression that cannot be assigned to (or deleted), if any.
fn invalid_target(e: &Expr, ctx: TargetCtx) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Starred(inner) if ctx != TargetCtx::Del => invalid_target(inner, ctx),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().find_map(|i| invalid_target(i, ctx))
        }
        _ => Some(e),
    }
}

fn aug_op(op: &str) -> Option<BinOp> {
    Some(match op {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mult,
        "@=" => BinOp::MatMult,
        "/=" => BinOp::Div,
        "//=" => BinOp::FloorDiv,
        "%=" => BinOp::Mod,
        "**=" => BinOp::Pow,
        "<<=" => BinOp::LShift,
        ">>=" => BinOp::RShift,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        "&=" => BinOp::BitAnd,
        _ => return None,
    })
}

impl Parser {
    // ----- token helpers -----

    fn tok(&self) -> &Tok {
        &self.toks[self.pos].tok
    }
    fn peek_tok(&self, k: usize) -> &Tok {
        &self.toks[(self.pos + k).min(self.toks.len() - 1)].tok
    }
    fn loc(&self) -> Loc {
        self.toks[self.pos].loc
    }
    /// End of the previously consumed token.
    fn prev_end(&self) -> Loc {
        self.toks[self.pos.saturating_sub(1)].end
    }
    fn advance(&mut self) {
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        self.max_pos = self.max_pos.max(self.pos);
    }

    /// CPython tokenizes the rest of the file after a parse error, and an error its tokenizer
    /// raises there wins. Indentation and line-continuation errors are not raised by that scan,
    /// and an unclosed bracket only wins if the parser had read past the bracket's line.
    #[cold]
    #[inline(never)]
    fn prefer_tokenizer_error(&self, e: SyntaxError) -> SyntaxError {
        let last = self.toks.len() - 1;
        let Tok::Error(te) = &self.toks[last].tok else {
            return e;
        };
        if self.max_pos >= last {
            return (**te).clone();
        }
        let quiet = te.kind != "SyntaxError"
            || te
                .msg
                .starts_with("unexpected character after line continuation")
            || te.msg.starts_with("unexpected EOF");
        if e.msg == "unexpected indent" || quiet {
            return e;
        }
        if te.msg.ends_with("was never closed") && self.toks[self.max_pos].loc.line <= te.line {
            return e;
        }
        (**te).clone()
    }
    fn at_op(&self, op: &str) -> bool {
        matches!(self.tok(), Tok::Op(o) if *o == op)
    }
    fn at_kw(&self, kw: &str) -> bool {
        matches!(self.tok(), Tok::Name(n) if n == kw)
    }
    fn eat_op(&mut self, op: &str) -> bool {
        let yes = self.at_op(op);
        if yes {
            self.advance();
        }
        yes
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        let yes = self.at_kw(kw);
        if yes {
            self.advance();
        }
        yes
    }

    /// A syntax error at the current token (or the tokenizer's error, if we reached it).
    #[cold]
    #[inline(never)]
    fn error_here(&self, msg: &str) -> SyntaxError {
        let t = &self.toks[self.pos];
        match &t.tok {
            Tok::Error(e) => (**e).clone(),
            Tok::Indent => {
                let c = t.end.col.saturating_sub(1);
                err(
                    "IndentationError",
                    "unexpected indent",
                    t.loc.line,
                    c,
                    c + 1,
                )
            }
            Tok::Newline if msg == "invalid syntax" => {
                err("SyntaxError", msg, t.loc.line, t.loc.col, t.loc.col + 1)
            }
            Tok::Eof | Tok::Dedent if msg != "invalid syntax" => {
                // After a block CPython points at the NEWLINE that ended it.
                let nl = self.toks[..self.pos]
                    .iter()
                    .rev()
                    .find(|t| !matches!(t.tok, Tok::Dedent));
                let l = nl.map_or(t.loc, |t| t.loc);
                err("SyntaxError", msg, l.line, l.col, l.col + 1)
            }
            Tok::Eof | Tok::Dedent => {
                // CPython points just past the last real token of the line.
                let e = self.prev_end();
                err("SyntaxError", msg, e.line, e.col, e.col + 1)
            }
            _ => {
                let end = if t.end.line == t.loc.line {
                    t.end.col
                } else {
                    t.loc.col + 1
                };
                err("SyntaxError", msg, t.loc.line, t.loc.col, end)
            }
        }
    }
    /// CPython's error for expressions nested too deeply to compile.
    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> SyntaxError {
        let l = self.loc();
        err(
            "RecursionError",
            "maximum recursion depth exceeded during compilation",
            l.line,
            l.col,
            l.col + 1,
        )
    }

    #[cold]
    #[inline(never)]
    fn error_at(&self, loc: Loc, msg: impl Into<String>) -> SyntaxError {
        if let Tok::Error(e) = self.tok() {
            return (**e).clone();
        }
        let end = self.prev_end();
        let end_col = if end.line == loc.line {
            end.col
        } else {
            loc.col + 1
        };
        err("SyntaxError", msg, loc.line, loc.col, end_col)
    }
    /// An error about expression `e`, its caret run spanning `e` like CPython's.
    #[cold]
    #[inline(never)]
    fn error_expr(&mut self, e: &Expr, msg: impl Into<String>) -> SyntaxError {
        let end = self.span_end(e, false);
        err("SyntaxError", msg, e.loc.line, e.loc.col, end)
    }

    /// Like [`Self::error_expr`] for a `for`/`del`/`as` target (which stops before `in`).
    #[cold]
    #[inline(never)]
    fn error_target(&mut self, e: &Expr, msg: impl Into<String>) -> SyntaxError {
        let end = self.span_end(e, true);
        err("SyntaxError", msg, e.loc.line, e.loc.col, end)
    }

    /// Where `e` ends on its first line. The AST keeps no end positions, so on this (cold)
    /// error path we parse `e` again from its first token and see where that stops.
    fn span_end(&mut self, e: &Expr, target: bool) -> u32 {
        let fallback = e.loc.col + 1;
        let Ok(start) = self
            .toks
            .binary_search_by(|t| (t.loc.line, t.loc.col).cmp(&(e.loc.line, e.loc.col)))
        else {
            return fallback;
        };
        let saved = (self.pos, self.max_pos, self.last_disj, self.depth);
        self.pos = start;
        let bare_tuple = matches!(e.kind, ExprKind::Tuple(_)) && !self.at_op("(");
        let ok = if self.at_kw("yield") {
            self.yield_expr().is_ok()
        } else if bare_tuple {
            self.star_expressions().is_ok()
        } else if matches!(e.kind, ExprKind::Starred(_)) {
            self.star_expression().is_ok()
        } else if target {
            self.bitwise_or().is_ok()
        } else {
            self.expression().is_ok()
        };
        let end = self.prev_end();
        (self.pos, self.max_pos, self.last_disj, self.depth) = saved;
        if ok && end.line == e.loc.line && end.col > e.loc.col {
            end.col
        } else {
            fallback
        }
    }
    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else {
            Err(self.error_here("invalid syntax"))
        }
    }
    /// `:` ending a compound statement header: CPython says "expected ':'".
    fn expect_colon(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        if let Tok::Error(_) = self.tok() {
            return Err(self.error_here(""));
        }
        if matches!(self.tok(), Tok::Newline) {
            let e = self.loc();
            return Err(err("SyntaxError", "expected ':'", e.line, e.col, e.col + 1));
        }
        Err(self.error_here("invalid syntax"))
    }
    /// A `:` that CPython's grammar forces (`else`, `finally`, `try`, `def`): whatever
    /// comes instead is reported as "expected ':'".
    fn expect_colon_forced(&mut self) -> PResult<()> {
        if self.eat_op(":") {
            return Ok(());
        }
        Err(self.error_here("expected ':'"))
    }

    fn name(&mut self) -> PResult<String> {
        if let Tok::Name(n) = self.tok() {
            if !is_keyword(n) {
                let n = n.clone();
                self.advance();
                return Ok(n);
            }
        }
        Err(self.error_here("invalid syntax"))
    }

    /// Whether the current token can begin an expression.
    fn can_start_expr(&self) -> bool {
        match self.tok() {
            Tok::Name(n) => {
                !is_keyword(n)
                    || matches!(
                        n.as_str(),
                        "None" | "True" | "False" | "lambda" | "not" | "await" | "yield"
                    )
            }
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Str(_) => true,
            Tok::Op(o) => matches!(*o, "(" | "[" | "{" | "-" | "+" | "~" | "..." | "*"),
            _ => false,
        }
    }

    /// Inside brackets, two expressions side by side: CPython's "Perhaps you forgot a comma?".
    #[cold]
    #[inline(never)]
    fn missing_comma(&mut self) -> SyntaxError {
        let here = self.error_here("invalid syntax");
        if self.depth == 0
            || !self.can_start_expr()
            || matches!(self.tok(), Tok::Op("*" | "-" | "+" | "~"))
        {
            return here;
        }
        let (start, is_name) = self.last_disj;
        // NAME STRING pairs (e.g. a typo'd string prefix) keep the plain message.
        if is_name && matches!(self.tok(), Tok::Str(_)) {
            return here;
        }
        let save = self.pos;
        let ok = self.expression().is_ok();
        let end = self.prev_end();
        self.pos = save;
        if !ok {
            return here;
        }
        let end_col = if end.line == start.line {
            end.col
        } else {
            start.col + 1
        };
        err(
            "SyntaxError",
            "invalid syntax. Perhaps you forgot a comma?",
            start.line,
            start.col,
            end_col,
        )
    }

    // ----- statements -----

    fn statement(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let loc = self.loc();
        let kw = match self.tok() {
            Tok::Name(n) => n.clone(),
            Tok::Op("@") => return self.decorated(out),
            Tok::Indent => return Err(self.error_here("invalid syntax")),
            _ => return self.simple_stmts(out),
        };
        let kind = match kw.as_str() {
            "if" => {
                self.advance();
                self.if_rest(loc, "if")?
            }
            "while" => {
                self.advance();
                let test = self.named_expression()?;
                self.expect_colon()?;
                let body = self.block("'while' statement", loc.line)?;
                let orelse = self.else_block()?;
                StmtKind::While { test, body, orelse }
            }
            "for" => {
                self.advance();
                let target = self.target_list()?;
                self.check_target(&target, TargetCtx::Store)?;
                if !self.eat_kw("in") {
                    return Err(self.error_here("invalid syntax"));
                }
                let iter = self.star_expressions()?;
                self.expect_colon()?;
                let body = self.block("'for' statement", loc.line)?;
                let orelse = self.else_block()?;
                StmtKind::For {
                    target,
                    iter,
                    body,
                    orelse,
                }
            }
            "try" => {
                self.advance();
                self.try_rest(loc)?
            }
            "with" => {
                self.advance();
                self.with_rest(loc)?
            }
            "def" => {
                self.advance();
                self.funcdef(Vec::new())?
            }
            "class" => {
                self.advance();
                self.classdef(Vec::new())?
            }
            "elif" | "else" | "except" | "finally" => return Err(self.error_here("invalid syntax")),
            "match" => match self.match_subject() {
                Some(subject) => self.match_rest(loc, subject)?,
                None => return self.simple_stmts(out),
            },
            _ => return self.simple_stmts(out),
        };
        out.push(Stmt { loc, kind });
        Ok(())
    }

    /// The body after a header's `:`: an indented block or simple statements on the same line.
    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        let mut body = Vec::new();
        if !matches!(self.tok(), Tok::Newline) {
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        let newline = self.loc();
        self.advance();
        if !matches!(self.tok(), Tok::Indent) {
            if let Tok::Error(e) = self.tok() {
                return Err((**e).clone());
            }
            // At the end of the file CPython points at the header's NEWLINE.
            let at_eof = self.toks[self.pos..]
                .iter()
                .all(|t| matches!(t.tok, Tok::Dedent | Tok::Eof));
            let l = if at_eof { newline } else { self.loc() };
            return Err(err(
                "IndentationError",
                format!("expected an indented block after {what} on line {line}"),
                l.line,
                l.col,
                self.toks[self.pos].end.col.max(l.col + 1),
            ));
        }
        self.advance();
        loop {
            match self.tok() {
                Tok::Dedent => {
                    self.advance();
                    return Ok(body);
                }
                Tok::Eof => return Ok(body),
                Tok::Newline => self.advance(),
                _ => self.statement(&mut body)?,
            }
        }
    }

    /// `match` is a soft keyword: it starts a match statement only when `match <subject>:` and
    /// a line break follow; otherwise the tokens are re-read as an ordinary statement (where
    /// `match` is a name). Returns the subject, positioned on the block after the `:`.
    fn match_subject(&mut self) -> Option<Expr> {
        let (pos, depth, max_pos, last_disj, nest) = (
            self.pos,
            self.depth,
            self.max_pos,
            self.last_disj,
            self.nest,
        );
        self.advance();
        let subject = if self.can_start_expr() {
            self.star_expressions().ok()
        } else {
            None
        };
        if let Some(subject) = subject {
            if self.at_op(":") && matches!(self.peek_tok(1), Tok::Newline) {
                self.advance();
                return Some(subject);
            }
        }
        (
            self.pos,
            self.depth,
            self.max_pos,
            self.last_disj,
            self.nest,
        ) = (pos, depth, max_pos, last_disj, nest);
        None
    }

    /// The indented `case` arms of a match statement.
    fn match_rest(&mut self, loc: Loc, subject: Expr) -> PResult<StmtKind> {
        self.advance(); // NEWLINE
        if !matches!(self.tok(), Tok::Indent) {
            let l = self.loc();
            return Err(err(
                "IndentationError",
                format!(
                    "expected an indented block after 'match' statement on line {}",
                    loc.line
                ),
                l.line,
                l.col,
                l.col + 1,
            ));
        }
        self.advance();
        let mut cases = Vec::new();
        loop {
            match self.tok() {
                Tok::Dedent => {
                    self.advance();
                    break;
                }
                Tok::Eof => break,
                Tok::Newline => self.advance(),
                _ if self.at_kw("case") => {
                    let line = self.loc().line;
                    self.advance();
                    let pattern = self.patterns()?;
                    let guard = if self.eat_kw("if") {
                        Some(self.named_expression()?)
                    } else {
                        None
                    };
                    self.expect_colon()?;
                    let body = self.block("'case' statement", line)?;
                    cases.push(MatchCase {
                        pattern,
                        guard,
                        body,
                    });
                }
                _ => return Err(self.error_here("invalid syntax")),
            }
        }
        if cases.is_empty() {
            return Err(self.error_here("invalid syntax"));
        }
        Ok(StmtKind::Match { subject, cases })
    }

    /// A case's top-level pattern: `a, *b` is an open sequence pattern.
    fn patterns(&mut self) -> PResult<Pattern> {
        let first = self.maybe_star_pattern()?;
        if !self.at_op(",") {
            if matches!(first, Pattern::Star(_)) {
                return Ok(sequence_pattern(vec![first]));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(":") || self.at_kw("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(sequence_pattern(items))
    }

    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        if self.eat_op("*") {
            let name = self.name()?;
            return Ok(Pattern::Star((name != "_").then_some(name)));
        }
        self.pattern()
    }

    /// `or_pattern ['as' NAME]`.
    fn pattern(&mut self) -> PResult<Pattern> {
        if self.nest > MAX_NEST {
            return Err(self.too_deep());
        }
        self.nest += 1;
        let r = self.pattern_inner();
        self.nest -= 1;
        r
    }

    fn pattern_inner(&mut self) -> PResult<Pattern> {
        let mut alts = vec![self.closed_pattern()?];
        while self.eat_op("|") {
            alts.push(self.closed_pattern()?);
        }
        let p = if alts.len() == 1 {
            alts.pop().expect("one alternative")
        } else {
            Pattern::Or(alts)
        };
        if self.eat_kw("as") {
            let name = self.name()?;
            if name == "_" {
                return Err(self.error_here("cannot use '_' as a target"));
            }
            return Ok(Pattern::As {
                pattern: Some(Box::new(p)),
                name: Some(name),
            });
        }
        Ok(p)
    }

    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let loc = self.loc();
        match self.tok().clone() {
            Tok::Name(n) if n == "None" || n == "True" || n == "False" => {
                self.advance();
                Ok(Pattern::Singleton(match n.as_str() {
                    "None" => Constant::None,
                    "True" => Constant::Bool(true),
                    _ => Constant::Bool(false),
                }))
            }
            Tok::Name(n) if !is_keyword(&n) => {
                self.advance();
                let mut e = Expr {
                    loc,
                    kind: ExprKind::Name(n.clone()),
                };
                let mut dotted = false;
                while self.eat_op(".") {
                    let attr = self.name()?;
                    e = Expr {
                        loc,
                        kind: ExprKind::Attribute { value: bx(e), attr },
                    };
                    dotted = true;
                }
                if self.eat_op("(") {
                    return self.class_pattern(e);
                }
                if dotted {
                    return Ok(Pattern::Value(e));
                }
                Ok(Pattern::As {
                    pattern: None,
                    name: (n != "_").then_some(n),
                })
            }
            Tok::Str(_) => Ok(Pattern::Value(self.strings()?)),
            Tok::Op("-") | Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) => {
                // A signed number, or a complex literal `-1 + 2j`.
                let mut e = self.signed_number()?;
                if self.at_op("+") || self.at_op("-") {
                    let op = if self.at_op("+") {
                        BinOp::Add
                    } else {
                        BinOp::Sub
                    };
                    self.advance();
                    let right = self.signed_number()?;
                    e = Expr {
                        loc,
                        kind: ExprKind::BinOp {
                            left: bx(e),
                            op,
                            right: bx(right),
                        },
                    };
                }
                Ok(Pattern::Value(e))
            }
            Tok::Op(open @ ("(" | "[")) => {
                self.advance();
                self.depth += 1;
                let close = if open == "(" { ")" } else { "]" };
                let mut items = Vec::new();
                let mut comma = false;
                while !self.at_op(close) {
                    items.push(self.maybe_star_pattern()?);
                    if !self.eat_op(",") {
                        break;
                    }
                    comma = true;
                }
                self.depth -= 1;
                self.close(close)?;
                if open == "("
                    && items.len() == 1
                    && !comma
                    && !matches!(items[0], Pattern::Star(_))
                {
                    return Ok(items.pop().expect("one pattern"));
                }
                Ok(sequence_pattern(items))
            }
            Tok::Op("{") => {
                self.advance();
                self.depth += 1;
                let (mut keys, mut patterns, mut rest) = (Vec::new(), Vec::new(), None);
                while !self.at_op("}") {
                    if self.eat_op("**") {
                        rest = Some(self.name()?);
                    } else {
                        let key = match self.closed_pattern()? {
                            Pattern::Value(e) => e,
                            Pattern::Singleton(c) => Expr {
                                loc,
                                kind: ExprKind::Constant(c),
                            },
                            _ => return Err(self.error_here("invalid syntax")),
                        };
                        self.expect_op(":")?;
                        keys.push(key);
                        patterns.push(self.pattern()?);
                    }
                    if !self.eat_op(",") {
                        break;
                    }
                }
                self.depth -= 1;
                self.close("}")?;
                Ok(Pattern::Mapping {
                    keys,
                    patterns,
                    rest,
                })
            }
            _ => Err(self.error_here("invalid syntax")),
        }
    }

    fn signed_number(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let neg = self.eat_op("-");
        let kind = match self.tok().clone() {
            Tok::Int(v) => ExprKind::Constant(Constant::Int(v)),
            Tok::BigInt(v) => ExprKind::Constant(Constant::BigInt(v)),
            Tok::Float(v) => ExprKind::Constant(Constant::Float(v)),
            Tok::Imag(v) => ExprKind::Constant(Constant::Imaginary(v)),
            _ => return Err(self.error_here("invalid syntax")),
        };
        self.advance();
        let e = Expr { loc, kind };
        if neg {
            return Ok(Expr {
                loc,
                kind: ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: bx(e),
                },
            });
        }
        Ok(e)
    }

    /// `Cls(p, q, kw=r)` after the `(`.
    fn class_pattern(&mut self, cls: Expr) -> PResult<Pattern> {
        self.depth += 1;
        let (mut patterns, mut kwd_attrs, mut kwd_patterns) = (Vec::new(), Vec::new(), Vec::new());
        while !self.at_op(")") {
            if matches!((self.tok(), self.peek_tok(1)), (Tok::Name(_), Tok::Op("="))) {
                kwd_attrs.push(self.name()?);
                self.advance();
                kwd_patterns.push(self.pattern()?);
            } else {
                if !kwd_attrs.is_empty() {
                    return Err(self.error_here("positional patterns follow keyword patterns"));
                }
                patterns.push(self.pattern()?);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.depth -= 1;
        self.close(")")?;
        Ok(Pattern::Class {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at_kw("else") {
            let line = self.loc().line;
            self.advance();
            self.expect_colon_forced()?;
            return self.block("'else' statement", line);
        }
        Ok(Vec::new())
    }

    /// `if` and its `elif` chain, read iteratively (long chains must not eat the stack), then
    /// nested as CPython does: each `elif` is an `If` alone in its parent's `orelse`.
    fn if_rest(&mut self, loc: Loc, what: &str) -> PResult<StmtKind> {
        let mut arms = Vec::new();
        let (mut at, mut what) = (loc, what);
        loop {
            let test = self.named_expression()?;
            self.expect_colon()?;
            let body = self.block(&format!("'{what}' statement"), at.line)?;
            arms.push((at, test, body));
            if !self.at_kw("elif") {
                break;
            }
            at = self.loc();
            what = "elif";
            self.advance();
        }
        let mut orelse = self.else_block()?;
        while let Some((at, test, body)) = arms.pop() {
            if arms.is_empty() {
                return Ok(StmtKind::If { test, body, orelse });
            }
            orelse = vec![Stmt {
                loc: at,
                kind: StmtKind::If { test, body, orelse },
            }];
        }
        unreachable!("an if statement has at least one arm")
    }

    fn try_rest(&mut self, loc: Loc) -> PResult<StmtKind> {
        self.expect_colon_forced()?;
        let body = self.block("'try' statement", loc.line)?;
        let mut handlers = Vec::new();
        while self.at_kw("except") {
            let hloc = self.loc();
            self.advance();
            let (mut typ, mut name) = (None, None);
            if !self.at_op(":") {
                let t = self.expression()?;
                if self.at_op(",") {
                    let save = self.pos;
                    self.advance();
                    let _ = self.expression();
                    let end = self.prev_end();
                    self.pos = save;
                    return Err(err(
                        "SyntaxError",
                        "multiple exception types must be parenthesized",
                        t.loc.line,
                        t.loc.col,
                        if end.line == t.loc.line {
                            end.col
                        } else {
                            t.loc.col + 1
                        },
                    ));
                }
                typ = Some(t);
                if self.eat_kw("as") {
                    name = Some(self.name()?);
                }
            }
            self.expect_colon()?;
            let hbody = self.block("'except' statement", hloc.line)?;
            handlers.push(ExceptHandler {
                loc: hloc,
                typ,
                name,
                body: hbody,
            });
        }
        let orelse = if handlers.is_empty() {
            Vec::new()
        } else {
            self.else_block()?
        };
        let mut finalbody = Vec::new();
        if self.at_kw("finally") {
            let line = self.loc().line;
            self.advance();
            self.expect_colon_forced()?;
            finalbody = self.block("'finally' statement", line)?;
        } else if handlers.is_empty() {
            return Err(self.error_here("expected 'except' or 'finally' block"));
        }
        Ok(StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        })
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.expression()?;
        let mut target = None;
        if self.eat_kw("as") {
            let t = self.star_target()?;
            self.check_target(&t, TargetCtx::Store)?;
            target = Some(t);
        }
        Ok(WithItem { context, target })
    }

    fn with_rest(&mut self, loc: Loc) -> PResult<StmtKind> {
        let mut items = Vec::new();
        if self.at_op("(") {
            // Try the parenthesised form `with (a as b, c as d):`; fall back to an expression.
            let save = self.pos;
            self.advance();
            self.depth += 1;
            let mut ok = true;
            while !self.at_op(")") {
                match self.with_item() {
                    Ok(i) => items.push(i),
                    Err(_) => {
                        ok = false;
                        break;
                    }
                }
                if !self.eat_op(",") {
                    break;
                }
            }
            self.depth -= 1;
            if ok && !items.is_empty() && self.eat_op(")") && self.at_op(":") {
                self.advance();
                let body = self.block("'with' statement", loc.line)?;
                return Ok(StmtKind::With { items, body });
            }
            items.clear();
            self.pos = save;
        }
        loop {
            items.push(self.with_item()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_colon()?;
        let body = self.block("'with' statement", loc.line)?;
        Ok(StmtKind::With { items, body })
    }

    fn decorated(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        let mut decorators = Vec::new();
        while self.eat_op("@") {
            decorators.push(self.named_expression()?);
            if !matches!(self.tok(), Tok::Newline) {
                return Err(self.error_here("invalid syntax"));
            }
            self.advance();
        }
        let loc = self.loc();
        let kind = if self.eat_kw("def") {
            self.funcdef(decorators)?
        } else if self.eat_kw("class") {
            self.classdef(decorators)?
        } else {
            return Err(self.error_here("invalid syntax"));
        };
        out.push(Stmt { loc, kind });
        Ok(())
    }

    fn funcdef(&mut self, decorators: Vec<Expr>) -> PResult<StmtKind> {
        let line = self.toks[self.pos - 1].loc.line;
        let name = self.name()?;
        if !self.at_op("(") {
            return Err(self.error_here("expected '('"));
        }
        self.advance();
        self.depth += 1;
        let params = self.params(")", true)?;
        self.depth -= 1;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") {
            Some(self.expression()?)
        } else {
            None
        };
        self.expect_colon_forced()?;
        let body = self.block("function definition", line)?;
        Ok(StmtKind::FunctionDef(Box::new(FunctionDef {
            name,
            params,
            body,
            decorators,
            returns,
        })))
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<StmtKind> {
        let line = self.toks[self.pos - 1].loc.line;
        let name = self.name()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at_op("(") {
            let open = self.loc();
            self.advance();
            let (a, k) = self.call_args(open, false)?;
            bases = a;
            keywords = k;
        }
        self.expect_colon()?;
        let body = self.block("class definition", line)?;
        Ok(StmtKind::ClassDef(Box::new(ClassDef {
            name,
            bases,
            keywords,
            body,
            decorators,
        })))
    }

    /// A parameter list up to (not including) `close`; `annotated` is false for lambdas.
    fn params(&mut self, close: &str, annotated: bool) -> PResult<Params> {
        let mut p = Params::default();
        let mut star = false;
        let mut slash = false;
        let mut seen_default = false;
        while !self.at_op(close) {
            let loc = self.loc();
            if self.eat_op("/") {
                if slash || star || p.args.is_empty() {
                    let msg = if slash {
                        "/ may appear only once"
                    } else if star {
                        "/ must be ahead of *"
                    } else {
                        "invalid syntax"
                    };
                    return Err(err("SyntaxError", msg, loc.line, loc.col, loc.col + 1));
                }
                slash = true;
                p.posonly = std::mem::take(&mut p.args);
            } else if self.eat_op("*") {
                if star {
                    return Err(err(
                        "SyntaxError",
                        "* argument may appear only once",
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    ));
                }
                star = true;
                if !self.at_op(",") && !self.at_op(close) {
                    let ploc = self.loc();
                    let name = self.name()?;
                    let annotation = if annotated && self.eat_op(":") {
                        Some(self.expression()?)
                    } else {
                        None
                    };
                    p.vararg = Some(Param {
                        loc: ploc,
                        name,
                        default: None,
                        annotation,
                    });
                } else if self.at_op(close)
                    || matches!(self.peek_tok(1), Tok::Op(o) if *o == close || *o == "**")
                {
                    return Err(err(
                        "SyntaxError",
                        "named arguments must follow bare *",
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    ));
                }
            } else if self.eat_op("**") {
                let ploc = self.loc();
                let name = self.name()?;
                let annotation = if annotated && self.eat_op(":") {
                    Some(self.expression()?)
                } else {
                    None
                };
                p.kwarg = Some(Param {
                    loc: ploc,
                    name,
                    default: None,
                    annotation,
                });
                self.eat_op(",");
                if !self.at_op(close) {
                    return Err(self.error_here("arguments cannot follow var-keyword argument"));
                }
                break;
            } else {
                let name = self.name()?;
                let annotation = if annotated && self.eat_op(":") {
                    Some(self.expression()?)
                } else {
                    None
                };
                let default = if self.eat_op("=") {
                    Some(self.expression()?)
                } else {
                    None
                };
                if star {
                    p.kwonly.push(Param {
                        loc,
                        name,
                        default,
                        annotation,
                    });
                } else {
                    if default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        return Err(err(
                            "SyntaxError",
                            "non-default argument follows default argument",
                            loc.line,
                            loc.col,
                            loc.col + 1,
                        ));
                    }
                    p.args.push(Param {
                        loc,
                        name,
                        default,
                        annotation,
                    });
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(p)
    }

    fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let s = self.simple_stmt()?;
            let legacy = match &s.kind {
                StmtKind::Expr(Expr {
                    kind: ExprKind::Name(n),
                    ..
                }) if n == "print" || n == "exec" => Some((n.clone(), s.loc)),
                _ => None,
            };
            let tuple_stmt = matches!(
                &s.kind,
                StmtKind::Expr(Expr {
                    kind: ExprKind::Tuple(_),
                    ..
                })
            );
            out.push(s);
            if self.eat_op(";") {
                if matches!(self.tok(), Tok::Newline) {
                    self.advance();
                    return Ok(());
                }
                continue;
            }
            if matches!(self.tok(), Tok::Newline) {
                self.advance();
                return Ok(());
            }
            if matches!(self.tok(), Tok::Eof) {
                return Ok(());
            }
            if let Some((n, loc)) = legacy {
                if self.can_start_expr()
                    && !matches!(self.tok(), Tok::Op("(" | "[" | "-" | "+" | "*" | "~"))
                {
                    let save = self.pos;
                    if self.star_expressions().is_ok() {
                        let end = self.prev_end();
                        self.pos = save;
                        let end_col = if end.line == loc.line {
                            end.col
                        } else {
                            loc.col + 1
                        };
                        return Err(err(
                            "SyntaxError",
                            format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                            loc.line,
                            loc.col,
                            end_col,
                        ));
                    }
                    self.pos = save;
                }
            }
            // CPython's error-hunting pass reads on through a following expression; that
            // decides whether an unclosed bracket further down is reported instead.
            let here = self.error_here("invalid syntax");
            if self.can_start_expr() {
                let save = (self.pos, self.last_disj);
                if let Ok(e) = self.expression() {
                    // `a, b c = 1`: CPython's "Maybe you meant '=='" check sees `c = 1`.
                    if tuple_stmt && self.at_op("=") {
                        let hint = self.misused_eq(&e);
                        if hint.msg != "invalid syntax" {
                            return Err(hint);
                        }
                    }
                }
                (self.pos, self.last_disj) = save;
            }
            return Err(here);
        }
    }

    fn simple_stmt(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let kw = match self.tok() {
            Tok::Name(n) if is_keyword(n) => n.clone(),
            _ => String::new(),
        };
        let kind = match kw.as_str() {
            "pass" => {
                self.advance();
                StmtKind::Pass
            }
            "break" => {
                self.advance();
                StmtKind::Break
            }
            "continue" => {
                self.advance();
                StmtKind::Continue
            }
            "return" => {
                self.advance();
                let v = if self.can_start_expr() {
                    Some(self.star_expressions()?)
                } else {
                    None
                };
                StmtKind::Return(v)
            }
            "raise" => {
                self.advance();
                let (mut exc, mut cause) = (None, None);
                if self.can_start_expr() {
                    exc = Some(self.expression()?);
                    if self.eat_kw("from") {
                        cause = Some(self.expression()?);
                    }
                }
                StmtKind::Raise { exc, cause }
            }
            "global" | "nonlocal" => {
                self.advance();
                let mut names = vec![self.name()?];
                while self.eat_op(",") {
                    names.push(self.name()?);
                }
                if kw == "global" {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            "del" => {
                self.advance();
                let mut targets = Vec::new();
                loop {
                    let t = self.star_target()?;
                    if let Some(bad) = invalid_target(&t, TargetCtx::Del) {
                        return Err(
                            self.error_target(bad, format!("cannot delete {}", expr_name(bad)))
                        );
                    }
                    targets.push(t);
                    if !self.eat_op(",") || !self.can_start_expr() {
                        break;
                    }
                }
                StmtKind::Delete(targets)
            }
            "assert" => {
                self.advance();
                let test = self.expression()?;
                let msg = if self.eat_op(",") {
                    Some(self.expression()?)
                } else {
                    None
                };
                StmtKind::Assert { test, msg }
            }
            "import" => {
                self.advance();
                let mut names = Vec::new();
                loop {
                    let name = self.dotted_name()?;
                    let asname = if self.eat_kw("as") {
                        Some(self.name()?)
                    } else {
                        None
                    };
                    names.push(Alias { name, asname });
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(names)
            }
            "from" => {
                self.advance();
                self.import_from()?
            }
            _ => return self.expr_stmt(),
        };
        Ok(Stmt { loc, kind })
    }

    fn dotted_name(&mut self) -> PResult<String> {
        let mut s = self.name()?;
        while self.eat_op(".") {
            s.push('.');
            s.push_str(&self.name()?);
        }
        Ok(s)
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        let mut level = 0;
        loop {
            if self.eat_op(".") {
                level += 1;
            } else if self.eat_op("...") {
                level += 3;
            } else {
                break;
            }
        }
        let module = if self.at_kw("import") && level > 0 {
            None
        } else {
            Some(self.dotted_name()?)
        };
        if !self.eat_kw("import") {
            return Err(self.error_here("invalid syntax"));
        }
        let mut names = Vec::new();
        if self.eat_op("*") {
            names.push(Alias {
                name: "*".into(),
                asname: None,
            });
            return Ok(StmtKind::ImportFrom {
                module,
                names,
                level,
            });
        }
        let paren = self.eat_op("(");
        if paren {
            self.depth += 1;
        }
        loop {
            let name = self.name()?;
            let asname = if self.eat_kw("as") {
                Some(self.name()?)
            } else {
                None
            };
            names.push(Alias { name, asname });
            if !self.eat_op(",") {
                break;
            }
            if paren && self.at_op(")") {
                break;
            }
            if !paren && !matches!(self.tok(), Tok::Name(_)) {
                let l = self.loc();
                return Err(err(
                    "SyntaxError",
                    "trailing comma not allowed without surrounding parentheses",
                    l.line,
                    l.col,
                    l.col + 1,
                ));
            }
        }
        if paren {
            self.depth -= 1;
            self.expect_op(")")?;
        }
        Ok(StmtKind::ImportFrom {
            module,
            names,
            level,
        })
    }

    /// Expression statements and all assignment forms.
    fn expr_stmt(&mut self) -> PResult<Stmt> {
        let loc = self.loc();
        let first = if self.at_kw("yield") {
            self.yield_expr()?
        } else {
            self.star_expressions()?
        };
        if self.at_op("=") {
            let mut targets = vec![first];
            let mut value;
            loop {
                self.advance();
                value = if self.at_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                };
                if !self.at_op("=") {
                    break;
                }
                targets.push(value);
            }
            let n = targets.len();
            for (i, t) in targets.iter().enumerate() {
                self.check_assign_target(t, i + 1 == n && n == 1)?;
            }
            return Ok(Stmt {
                loc,
                kind: StmtKind::Assign { targets, value },
            });
        }
        if let Tok::Op(o) = self.tok() {
            if let Some(op) = aug_op(o) {
                if !matches!(
                    first.kind,
                    ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
                ) {
                    return Err(self.error_expr(
                        &first,
                        format!(
                            "'{}' is an illegal expression for augmented assignment",
                            expr_name(&first)
                        ),
                    ));
                }
                self.advance();
                let value = if self.at_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                };
                return Ok(Stmt {
                    loc,
                    kind: StmtKind::AugAssign {
                        target: first,
                        op,
                        value,
                    },
                });
            }
        }
        if self.at_op(":") {
            // CPython's specific messages need an annotation after the `:`.
            let annotated = matches!(
                self.peek_tok(1),
                Tok::Name(_) | Tok::Str(_) | Tok::Int(_) | Tok::Op("(" | "[" | "{" | "-" | "...")
            );
            match first.kind {
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => {}
                _ if !annotated => return Err(self.error_here("invalid syntax")),
                ExprKind::Tuple(_) => {
                    return Err(
                        self.error_expr(&first, "only single target (not tuple) can be annotated")
                    )
                }
                _ => return Err(self.error_expr(&first, "illegal target for annotation")),
            }
            self.advance();
            let annotation = self.expression()?;
            let value = if self.eat_op("=") {
                Some(if self.at_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.star_expressions()?
                })
            } else {
                None
            };
            return Ok(Stmt {
                loc,
                kind: StmtKind::AnnAssign {
                    target: first,
                    annotation,
                    value,
                },
            });
        }
        Ok(Stmt {
            loc,
            kind: StmtKind::Expr(first),
        })
    }

    /// Checks an `=` target; `single` means `t = value` with one target (where CPython suggests
    /// `==` for a non-target expression).
    #[cold]
    #[inline(never)]
    fn check_assign_target(&mut self, t: &Expr, single: bool) -> PResult<()> {
        if matches!(t.kind, ExprKind::Starred(_)) {
            return Err(self.error_expr(t, "starred assignment target must be in a list or tuple"));
        }
        let Some(bad) = invalid_target(t, TargetCtx::Store) else {
            return Ok(());
        };
        let top_level = std::ptr::eq(bad, t);
        let plain = !matches!(
            bad.kind,
            ExprKind::Constant(Constant::None | Constant::Bool(_))
                | ExprKind::BoolOp { .. }
                | ExprKind::Compare { .. }
                | ExprKind::Lambda { .. }
                | ExprKind::IfExp { .. }
                | ExprKind::Yield(_)
                | ExprKind::YieldFrom(_)
                | ExprKind::NamedExpr { .. }
                | ExprKind::GeneratorExp { .. }
        ) && !matches!(
            bad.kind,
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                ..
            }
        );
        if matches!(bad.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            return Err(self.error_expr(bad, "assignment to yield expression not possible"));
        }
        if top_level && single && plain {
            return Err(self.error_expr(
                bad,
                format!(
                    "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                    expr_name(bad)
                ),
            ));
        }
        Err(self.error_expr(bad, format!("cannot assign to {}", expr_name(bad))))
    }

    #[cold]
    #[inline(never)]
    fn check_target(&mut self, t: &Expr, ctx: TargetCtx) -> PResult<()> {
        match invalid_target(t, ctx) {
            None => Ok(()),
            Some(bad) => {
                Err(self.error_target(bad, format!("cannot assign to {}", expr_name(bad))))
            }
        }
    }

    // ----- targets -----

    /// `*x` or a single target-ish expression (validated by the caller).
    fn star_target(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        if self.eat_op("*") {
            let inner = self.bitwise_or()?;
            return Ok(Expr {
                loc,
                kind: ExprKind::Starred(bx(inner)),
            });
        }
        self.bitwise_or()
    }

    /// `a, (b, c), *d` as in `for ... in` and comprehensions (stops before `in`).
    fn target_list(&mut self) -> PResult<Expr> {
        self.comma_tuple(Self::star_target)
    }

    /// `item` alone, or `item, item, ...` (trailing comma allowed) as a Tuple.
    fn comma_tuple(&mut self, item: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        // CPython starts a compound expression at its first token (a `(` included).
        let loc = self.loc();
        let first = item(self)?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if !self.can_start_expr() {
                break;
            }
            items.push(item(self)?);
        }
        Ok(Expr {
            loc,
            kind: ExprKind::Tuple(items),
        })
    }

    // ----- expressions -----

    fn yield_expr(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        if self.eat_kw("from") {
            let v = self.expression()?;
            return Ok(Expr {
                loc,
                kind: ExprKind::YieldFrom(bx(v)),
            });
        }
        let v = if self.can_start_expr() {
            Some(bx(self.star_expressions()?))
        } else {
            None
        };
        Ok(Expr {
            loc,
            kind: ExprKind::Yield(v),
        })
    }

    /// `a, *b, c` (a Tuple if there is a comma) as on the right of `=`.
    fn star_expressions(&mut self) -> PResult<Expr> {
        self.comma_tuple(Self::star_expression)
    }

    fn star_expression(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        if self.eat_op("*") {
            let v = self.bitwise_or()?;
            return Ok(Expr {
                loc,
                kind: ExprKind::Starred(bx(v)),
            });
        }
        self.expression()
    }

    fn star_named_expression(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        if self.eat_op("*") {
            let v = self.bitwise_or()?;
            return Ok(Expr {
                loc,
                kind: ExprKind::Starred(bx(v)),
            });
        }
        self.named_expression()
    }

    fn named_expression(&mut self) -> PResult<Expr> {
        let e = self.named_expression_no_eq()?;
        if self.at_op("=") {
            return Err(self.misused_eq(&e));
        }
        Ok(e)
    }

    /// `if x = 1:` and the like: CPython's "Maybe you meant '=='" hints, located at `e`.
    #[cold]
    #[inline(never)]
    fn misused_eq(&mut self, e: &Expr) -> SyntaxError {
        let here = self.error_here("invalid syntax");
        let save = self.pos;
        self.advance();
        let ok = self.bitwise_or().is_ok() && !self.at_op("=") && !self.at_op(":=");
        let end = self.prev_end();
        self.pos = save;
        if !ok {
            return here;
        }
        let end_col = if end.line == e.loc.line {
            end.col
        } else {
            e.loc.col + 1
        };
        let msg = match &e.kind {
            ExprKind::Name(_) => {
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string()
            }
            ExprKind::List(_)
            | ExprKind::Tuple(_)
            | ExprKind::GeneratorExp { .. }
            | ExprKind::Constant(Constant::None | Constant::Bool(_))
            | ExprKind::BoolOp { .. }
            | ExprKind::Compare { .. }
            | ExprKind::Lambda { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::UnaryOp {
                op: UnaryOp::Not, ..
            } => return here,
            _ => format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                expr_name(e)
            ),
        };
        err("SyntaxError", msg, e.loc.line, e.loc.col, end_col)
    }

    /// A named expression that may be followed by `=` (call arguments check that themselves).
    fn named_expression_no_eq(&mut self) -> PResult<Expr> {
        if let (Tok::Name(n), Tok::Op(":=")) = (self.tok(), self.peek_tok(1)) {
            if !is_keyword(n) {
                let loc = self.loc();
                let target = Expr {
                    loc,
                    kind: ExprKind::Name(n.clone()),
                };
                self.advance();
                self.advance();
                let value = self.expression()?;
                return Ok(Expr {
                    loc,
                    kind: ExprKind::NamedExpr {
                        target: bx(target),
                        value: bx(value),
                    },
                });
            }
        }
        let e = self.expression()?;
        if self.at_op(":=") {
            return Err(self.error_expr(
                &e,
                format!("cannot use assignment expressions with {}", expr_name(&e)),
            ));
        }
        Ok(e)
    }

    fn expression(&mut self) -> PResult<Expr> {
        // CPython starts a compound expression at its first token (a `(` included).
        let start = self.loc();
        if self.at_kw("lambda") {
            return self.nested(Self::lambda);
        }
        let body = self.disjunction()?;
        if self.at_kw("if") {
            self.advance();
            let test = self.disjunction()?;
            if !self.eat_kw("else") {
                return Err(self.error_at(body.loc, "expected 'else' after 'if' expression"));
            }
            let orelse = self.nested(Self::expression)?;
            let loc = start;
            return Ok(Expr {
                loc,
                kind: ExprKind::IfExp {
                    test: bx(test),
                    body: bx(body),
                    orelse: bx(orelse),
                },
            });
        }
        Ok(body)
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        let params = self.params(":", false)?;
        self.expect_op(":")?;
        let body = self.expression()?;
        Ok(Expr {
            loc,
            kind: ExprKind::Lambda {
                params: Box::new(params),
                body: bx(body),
            },
        })
    }

    fn disjunction(&mut self) -> PResult<Expr> {
        let e = self.operators(PREC_OR)?;
        self.last_disj = (e.loc, matches!(e.kind, ExprKind::Name(_)));
        Ok(e)
    }

    fn bitwise_or(&mut self) -> PResult<Expr> {
        self.operators(PREC_BITOR)
    }

    fn comp_op(&mut self) -> PResult<Option<CmpOp>> {
        let op = match self.tok() {
            Tok::Op("==") => CmpOp::Eq,
            Tok::Op("!=") => CmpOp::NotEq,
            Tok::Op("<") => CmpOp::Lt,
            Tok::Op("<=") => CmpOp::LtE,
            Tok::Op(">") => CmpOp::Gt,
            Tok::Op(">=") => CmpOp::GtE,
            Tok::Name(n) if n == "in" => CmpOp::In,
            Tok::Name(n) if n == "is" => {
                if matches!(self.peek_tok(1), Tok::Name(m) if m == "not") {
                    self.advance();
                    CmpOp::IsNot
                } else {
                    CmpOp::Is
                }
            }
            Tok::Name(n) if n == "not" => {
                // Only `not in` can follow an operand; CPython fails at the token after `not`.
                self.advance();
                if !self.at_kw("in") {
                    return Err(self.error_here("invalid syntax"));
                }
                CmpOp::NotIn
            }
            _ => return Ok(None),
        };
        self.advance();
        Ok(Some(op))
    }

    /// The binding power of the operator at the current token, if it is a binary one.
    fn infix_prec(&self) -> Option<u8> {
        Some(match self.tok() {
            Tok::Name(n) => match n.as_str() {
                "or" => PREC_OR,
                "and" => PREC_AND,
                "in" | "is" => PREC_CMP,
                "not" => PREC_CMP,
                _ => return None,
            },
            Tok::Op(o) => match *o {
                "==" | "!=" | "<" | "<=" | ">" | ">=" => PREC_CMP,
                "|" => PREC_BITOR,
                "^" => PREC_BITOR + 1,
                "&" => PREC_BITOR + 2,
                "<<" | ">>" => PREC_BITOR + 3,
                "+" | "-" => PREC_BITOR + 4,
                "*" | "/" | "//" | "%" | "@" => PREC_BITOR + 5,
                "**" => PREC_POW,
                _ => return None,
            },
            _ => return None,
        })
    }

    /// All operator levels from `or` down to `**`, by precedence climbing: one stack frame per
    /// operand instead of one per grammar level (the WebAssembly stack is small). Only operators
    /// binding at least as tightly as `min` are taken.
    fn operators(&mut self, min: u8) -> PResult<Expr> {
        let start = self.loc();
        let prefix = match self.tok() {
            Tok::Name(n) if n == "not" && min <= PREC_NOT => Some((UnaryOp::Not, PREC_NOT)),
            Tok::Op("-") => Some((UnaryOp::USub, PREC_UNARY)),
            Tok::Op("+") => Some((UnaryOp::UAdd, PREC_UNARY)),
            Tok::Op("~") => Some((UnaryOp::Invert, PREC_UNARY)),
            _ => None,
        };
        let mut left = if let Some((op, prec)) = prefix {
            self.advance();
            let operand = self.nested(|p| p.operators(prec))?;
            Expr {
                loc: start,
                kind: ExprKind::UnaryOp {
                    op,
                    operand: bx(operand),
                },
            }
        } else {
            self.primary()?
        };
        let mut links = 0;
        while let Some(prec) = self.infix_prec() {
            if prec < min {
                break;
            }
            links += 1;
            if links > MAX_CHAIN {
                return Err(self.too_deep());
            }
            left = match prec {
                PREC_OR | PREC_AND => {
                    let (kw, op) = if prec == PREC_OR {
                        ("or", BoolOp::Or)
                    } else {
                        ("and", BoolOp::And)
                    };
                    let mut values = vec![left];
                    while self.eat_kw(kw) {
                        values.push(self.operators(prec + 1)?);
                    }
                    Expr {
                        loc: start,
                        kind: ExprKind::BoolOp { op, values },
                    }
                }
                PREC_CMP => {
                    let (mut ops, mut comparators) = (Vec::new(), Vec::new());
                    while let Some(op) = self.comp_op()? {
                        ops.push(op);
                        comparators.push(self.operators(PREC_BITOR)?);
                    }
                    Expr {
                        loc: start,
                        kind: ExprKind::Compare {
                            left: bx(left),
                            ops,
                            comparators,
                        },
                    }
                }
                _ => {
                    let Tok::Op(o) = self.tok() else {
                        unreachable!()
                    };
                    let op = match *o {
                        "|" => BinOp::BitOr,
                        "^" => BinOp::BitXor,
                        "&" => BinOp::BitAnd,
                        "<<" => BinOp::LShift,
                        ">>" => BinOp::RShift,
                        "+" => BinOp::Add,
                        "-" => BinOp::Sub,
                        "*" => BinOp::Mult,
                        "/" => BinOp::Div,
                        "//" => BinOp::FloorDiv,
                        "%" => BinOp::Mod,
                        "@" => BinOp::MatMult,
                        _ => BinOp::Pow,
                    };
                    self.advance();
                    // `**` is right-associative and its right side may be a unary: `2 ** -1`.
                    let right = if op == BinOp::Pow {
                        self.nested(|p| p.operators(PREC_UNARY))?
                    } else {
                        self.operators(prec + 1)?
                    };
                    Expr {
                        loc: start,
                        kind: ExprKind::BinOp {
                            left: bx(left),
                            op,
                            right: bx(right),
                        },
                    }
                }
            };
        }
        Ok(left)
    }

    /// Guards a recursive descent step against unbounded nesting.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.nest >= MAX_NEST {
            if matches!(self.tok(), Tok::Op("(" | "[" | "{")) {
                return Err(self.error_here("too many nested parentheses"));
            }
            return Err(self.too_deep());
        }
        self.nest += 1;
        let r = f(self);
        self.nest -= 1;
        r
    }

    fn primary(&mut self) -> PResult<Expr> {
        // CPython starts a compound expression at its first token (a `(` included).
        let start = self.loc();
        let mut e = self.atom()?;
        for links in 0.. {
            if links > MAX_CHAIN {
                return Err(self.too_deep());
            }
            let loc = start;
            if self.eat_op(".") {
                let attr = self.name()?;
                e = Expr {
                    loc,
                    kind: ExprKind::Attribute { value: bx(e), attr },
                };
            } else if self.at_op("(") {
                let open = self.loc();
                self.advance();
                let (args, keywords) = self.call_args(open, true)?;
                e = Expr {
                    loc,
                    kind: ExprKind::Call {
                        func: bx(e),
                        args,
                        keywords,
                    },
                };
            } else if self.eat_op("[") {
                self.depth += 1;
                let index = self.slices()?;
                self.depth -= 1;
                self.close("]")?;
                e = Expr {
                    loc,
                    kind: ExprKind::Subscript {
                        value: bx(e),
                        index: bx(index),
                    },
                };
            } else {
                return Ok(e);
            }
        }
        unreachable!("the trailer loop only ends by returning")
    }

    /// Expects the closing bracket; otherwise explains, like CPython.
    fn close(&mut self, closer: &str) -> PResult<()> {
        if self.eat_op(closer) {
            return Ok(());
        }
        Err(self.missing_comma())
    }

    /// Call arguments after `(`, through the closing `)`.
    fn call_args(&mut self, open: Loc, allow_gen: bool) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        self.depth += 1;
        let mut args: Vec<Expr> = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        let mut seen_kwunpack = false;
        while !self.at_op(")") {
            let loc = self.loc();
            if self.eat_op("*") {
                let v = self.expression()?;
                if seen_kwunpack {
                    return Err(err(
                        "SyntaxError",
                        "iterable argument unpacking follows keyword argument unpacking",
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    ));
                }
                args.push(Expr {
                    loc,
                    kind: ExprKind::Starred(bx(v)),
                });
            } else if self.eat_op("**") {
                let value = self.expression()?;
                seen_kwunpack = true;
                keywords.push(Keyword {
                    loc,
                    arg: None,
                    value,
                });
            } else if matches!((self.tok(), self.peek_tok(1)), (Tok::Name(n), Tok::Op("=")) if !is_keyword(n))
            {
                let arg = self.name()?;
                self.advance();
                let value = self.expression()?;
                keywords.push(Keyword {
                    loc,
                    arg: Some(arg),
                    value,
                });
            } else {
                let e = self.named_expression_no_eq()?;
                if self.at_kw("for") {
                    if !allow_gen {
                        return Err(self.error_here("invalid syntax"));
                    }
                    let generators = self.comprehension()?;
                    if !args.is_empty() || !keywords.is_empty() || !self.at_op(")") {
                        let msg = "Generator expression must be parenthesized";
                        return Err(self.error_at(e.loc, msg));
                    }
                    // CPython locates a bare generator argument at the call's `(`.
                    let kind = ExprKind::GeneratorExp {
                        elt: bx(e),
                        generators,
                    };
                    args.push(Expr { loc: open, kind });
                    break;
                }
                if self.at_op("=") {
                    // CPython's carets run through the `=`.
                    self.advance();
                    if let ExprKind::Constant(Constant::None | Constant::Bool(_)) = e.kind {
                        let msg = format!("cannot assign to {}", expr_name(&e));
                        return Err(self.error_at(e.loc, msg));
                    }
                    return Err(self.error_at(
                        e.loc,
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                    ));
                }
                if !keywords.is_empty() {
                    let msg = if seen_kwunpack {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    // CPython points just past the offending argument.
                    let l = self.loc();
                    return Err(err("SyntaxError", msg, l.line, l.col, l.col + 1));
                }
                args.push(e);
            }
            if !self.eat_op(",") {
                if !self.at_op(")") {
                    return Err(self.missing_comma());
                }
                break;
            }
        }
        self.depth -= 1;
        self.expect_op(")")?;
        Ok((args, keywords))
    }

    fn slices(&mut self) -> PResult<Expr> {
        // CPython starts a compound expression at its first token (a `(` included).
        let start = self.loc();
        let first = self.slice()?;
        if !self.at_op(",") {
            if matches!(first.kind, ExprKind::Starred(_)) {
                // `a[*b]` indexes with a one-element tuple.
                let loc = first.loc;
                return Ok(Expr {
                    loc,
                    kind: ExprKind::Tuple(vec![first]),
                });
            }
            return Ok(first);
        }
        let loc = start;
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            items.push(self.slice()?);
        }
        Ok(Expr {
            loc,
            kind: ExprKind::Tuple(items),
        })
    }

    fn slice(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let lower = if self.at_op(":") {
            None
        } else {
            Some(self.star_named_expression()?)
        };
        if !self.eat_op(":") {
            return lower.ok_or_else(|| self.error_here("invalid syntax"));
        }
        let bound = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if p.at_op(":") || p.at_op(",") || p.at_op("]") {
                Ok(None)
            } else {
                Ok(Some(bx(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(":") { bound(self)? } else { None };
        Ok(Expr {
            loc,
            kind: ExprKind::Slice {
                lower: lower.map(bx),
                upper,
                step,
            },
        })
    }

    fn comprehension(&mut self) -> PResult<Vec<Comprehension>> {
        let mut gens = Vec::new();
        while self.eat_kw("for") {
            let target = self.target_list()?;
            self.check_target(&target, TargetCtx::Store)?;
            if !self.eat_kw("in") {
                return Err(self.error_here("invalid syntax"));
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.disjunction()?);
            }
            gens.push(Comprehension { target, iter, ifs });
        }
        Ok(gens)
    }

    fn atom(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let kind = match self.tok().clone() {
            Tok::Name(n) => {
                let k = match n.as_str() {
                    "None" => ExprKind::Constant(Constant::None),
                    "True" => ExprKind::Constant(Constant::Bool(true)),
                    "False" => ExprKind::Constant(Constant::Bool(false)),
                    _ if is_keyword(&n) => return Err(self.error_here("invalid syntax")),
                    _ => ExprKind::Name(n),
                };
                self.advance();
                k
            }
            Tok::Int(v) => {
                self.advance();
                ExprKind::Constant(Constant::Int(v))
            }
            Tok::BigInt(v) => {
                self.advance();
                ExprKind::Constant(Constant::BigInt(v))
            }
            Tok::Float(v) => {
                self.advance();
                ExprKind::Constant(Constant::Float(v))
            }
            Tok::Imag(v) => {
                self.advance();
                ExprKind::Constant(Constant::Imaginary(v))
            }
            Tok::Str(_) => return self.strings(),
            Tok::Op("...") => {
                self.advance();
                ExprKind::Constant(Constant::Ellipsis)
            }
            Tok::Op("(") => return self.nested(Self::paren),
            Tok::Op("[") => return self.nested(Self::list),
            Tok::Op("{") => return self.nested(Self::brace),
            _ => return Err(self.error_here("invalid syntax")),
        };
        Ok(Expr { loc, kind })
    }

    fn paren(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        self.depth += 1;
        let r = self.paren_inner(loc);
        self.depth -= 1;
        r
    }

    fn paren_inner(&mut self, loc: Loc) -> PResult<Expr> {
        if self.eat_op(")") {
            return Ok(Expr {
                loc,
                kind: ExprKind::Tuple(Vec::new()),
            });
        }
        if self.at_kw("yield") {
            let y = self.yield_expr()?;
            self.close(")")?;
            return Ok(y);
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") {
            let generators = self.comprehension()?;
            let g = Expr {
                loc,
                kind: ExprKind::GeneratorExp {
                    elt: bx(first),
                    generators,
                },
            };
            self.close(")")?;
            return Ok(g);
        }
        if !self.at_op(",") {
            self.close(")")?;
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Err(self.error_expr(&first, "cannot use starred expression here"));
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            items.push(self.star_named_expression()?);
        }
        self.close(")")?;
        Ok(Expr {
            loc,
            kind: ExprKind::Tuple(items),
        })
    }

    fn list(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        self.depth += 1;
        let r = self.list_inner(loc);
        self.depth -= 1;
        r
    }

    fn list_inner(&mut self, loc: Loc) -> PResult<Expr> {
        if self.eat_op("]") {
            return Ok(Expr {
                loc,
                kind: ExprKind::List(Vec::new()),
            });
        }
        let first = self.star_named_expression()?;
        if self.at_kw("for") {
            let generators = self.comprehension()?;
            let e = Expr {
                loc,
                kind: ExprKind::ListComp {
                    elt: bx(first),
                    generators,
                },
            };
            self.close("]")?;
            return Ok(e);
        }
        let items = self.display_items(first, "]")?;
        Ok(Expr {
            loc,
            kind: ExprKind::List(items),
        })
    }

    /// The rest of a list/set display after its first item, through the closer.
    fn display_items(&mut self, first: Expr, closer: &str) -> PResult<Vec<Expr>> {
        let mut items = vec![first];
        loop {
            if self.eat_op(",") {
                if self.eat_op(closer) {
                    return Ok(items);
                }
                items.push(self.star_named_expression()?);
            } else {
                self.close(closer)?;
                return Ok(items);
            }
        }
    }

    fn brace(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        self.advance();
        self.depth += 1;
        let r = self.brace_inner(loc);
        self.depth -= 1;
        r
    }

    /// The value after `key:` in a dict display (the `:` just consumed).
    fn dict_value(&mut self) -> PResult<Expr> {
        if self.at_op("}") || self.at_op(",") {
            let colon = self.toks[self.pos - 1].loc;
            return Err(err(
                "SyntaxError",
                "expression expected after dictionary key and ':'",
                colon.line,
                colon.col,
                colon.col + 1,
            ));
        }
        self.expression()
    }

    fn brace_inner(&mut self, loc: Loc) -> PResult<Expr> {
        if self.eat_op("}") {
            return Ok(Expr {
                loc,
                kind: ExprKind::Dict {
                    keys: Vec::new(),
                    values: Vec::new(),
                },
            });
        }
        let (mut keys, mut values) = (Vec::new(), Vec::new());
        if self.eat_op("**") {
            values.push(self.bitwise_or()?);
            keys.push(None);
        } else {
            let first = self.star_named_expression()?;
            if !self.eat_op(":") {
                if self.at_kw("for") {
                    let generators = self.comprehension()?;
                    let e = Expr {
                        loc,
                        kind: ExprKind::SetComp {
                            elt: bx(first),
                            generators,
                        },
                    };
                    self.close("}")?;
                    return Ok(e);
                }
                let items = self.display_items(first, "}")?;
                return Ok(Expr {
                    loc,
                    kind: ExprKind::Set(items),
                });
            }
            let value = self.dict_value()?;
            if self.at_kw("for") {
                let generators = self.comprehension()?;
                let e = Expr {
                    loc,
                    kind: ExprKind::DictComp {
                        key: bx(first),
                        value: bx(value),
                        generators,
                    },
                };
                self.close("}")?;
                return Ok(e);
            }
            keys.push(Some(first));
            values.push(value);
        }
        loop {
            if self.eat_op(",") {
                if self.eat_op("}") {
                    break;
                }
                if self.eat_op("**") {
                    values.push(self.bitwise_or()?);
                    keys.push(None);
                } else {
                    let k = self.expression()?;
                    if !self.eat_op(":") {
                        // CPython points at the key's last character.
                        let e = self.prev_end();
                        let col = e.col.saturating_sub(1);
                        return Err(err(
                            "SyntaxError",
                            "':' expected after dictionary key",
                            e.line,
                            col,
                            col + 1,
                        ));
                    }
                    keys.push(Some(k));
                    values.push(self.dict_value()?);
                }
            } else {
                self.close("}")?;
                break;
            }
        }
        Ok(Expr {
            loc,
            kind: ExprKind::Dict { keys, values },
        })
    }

    // ----- string literals -----

    /// Adjacent string literals, concatenated (into a JoinedStr if any is an f-string).
    fn strings(&mut self) -> PResult<Expr> {
        let loc = self.loc();
        let mut lits: Vec<(StrLit, Loc)> = Vec::new();
        while let Tok::Str(s) = self.tok() {
            lits.push((s.clone(), self.loc()));
            self.advance();
        }
        // CPython reports literal errors just after the literals.
        let after = self.loc();
        let bytes = lits[0].0.bytes;
        if lits.iter().any(|(l, _)| l.bytes != bytes) {
            return Err(err(
                "SyntaxError",
                "cannot mix bytes and nonbytes literals",
                after.line,
                after.col,
                after.col + 1,
            ));
        }
        if bytes {
            let b = lits
                .iter()
                .flat_map(|(l, _)| l.value.chars().map(|c| c as u32 as u8))
                .collect();
            return Ok(Expr {
                loc,
                kind: ExprKind::Constant(Constant::Bytes(b)),
            });
        }
        if !lits.iter().any(|(l, _)| l.fstring) {
            let s: String = lits.iter().map(|(l, _)| l.value.as_str()).collect();
            return Ok(Expr {
                loc,
                kind: ExprKind::Constant(Constant::Str(s)),
            });
        }
        let mut parts = Vec::new();
        for (l, _) in &lits {
            if l.fstring {
                let cs: Vec<char> = l.value.chars().collect();
                let mut locs = Vec::with_capacity(cs.len() + 1);
                let mut at = l.body_loc;
                for &c in &cs {
                    locs.push(at);
                    if c == '\n' {
                        at = Loc {
                            line: at.line + 1,
                            col: 0,
                        };
                    } else {
                        at.col += 1;
                    }
                }
                locs.push(at);
                let mut fs = FString {
                    cs: &cs,
                    locs: &locs,
                    raw: l.raw,
                    tok: after,
                    i: 0,
                };
                let ps = fs.body(false)?;
                if fs.i < cs.len() {
                    return Err(fs.error("f-string: single '}' is not allowed"));
                }
                parts.extend(ps);
            } else {
                parts.push(FStringPart::Literal(l.value.clone()));
            }
        }
        Ok(Expr {
            loc,
            kind: ExprKind::JoinedStr(merge_literals(parts)),
        })
    }
}

/// Joins adjacent literal parts and drops empty ones.
/// A sequence pattern, remembering where its starred element is.
fn sequence_pattern(patterns: Vec<Pattern>) -> Pattern {
    let star = patterns.iter().position(|p| matches!(p, Pattern::Star(_)));
    Pattern::Sequence { patterns, star }
}

fn merge_literals(parts: Vec<FStringPart>) -> Vec<FStringPart> {
    let mut out: Vec<FStringPart> = Vec::new();
    for p in parts {
        match p {
            FStringPart::Literal(s) if s.is_empty() => {}
            FStringPart::Literal(s) => {
                if let Some(FStringPart::Literal(prev)) = out.last_mut() {
                    prev.push_str(&s);
                } else {
                    out.push(FStringPart::Literal(s));
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The f-string body scanner (3.11 rules: a field's expression is found by bracket/quote
/// matching, then tokenized and parsed on its own).
struct FString<'a> {
    cs: &'a [char],
    locs: &'a [Loc],
    raw: bool,
    /// Just after the string tokens: where CPython 3.11 reports f-string errors.
    tok: Loc,
    i: usize,
}

impl FString<'_> {
    fn error(&self, msg: &str) -> SyntaxError {
        err(
            "SyntaxError",
            msg,
            self.tok.line,
            self.tok.col,
            self.tok.col + 1,
        )
    }
    fn at(&self, k: usize) -> char {
        self.cs.get(self.i + k).copied().unwrap_or('\0')
    }

    fn flush(&self, lit: &mut String, parts: &mut Vec<FStringPart>) -> PResult<()> {
        if !lit.is_empty() {
            let s = lexer::decode_escapes(lit, self.raw, false).map_err(|m| self.error(&m))?;
            parts.push(FStringPart::Literal(s));
            lit.clear();
        }
        Ok(())
    }

    /// Literal text and fields, up to the end (or, in a format spec, up to the closing `}`).
    fn body(&mut self, in_spec: bool) -> PResult<Vec<FStringPart>> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        while self.i < self.cs.len() {
            let c = self.at(0);
            if c == '{' {
                if !in_spec && self.at(1) == '{' {
                    lit.push('{');
                    self.i += 2;
                    continue;
                }
                self.flush(&mut lit, &mut parts)?;
                parts.push(self.field()?);
                continue;
            }
            if c == '}' {
                if in_spec {
                    break;
                }
                if self.at(1) == '}' {
                    lit.push('}');
                    self.i += 2;
                    continue;
                }
                return Err(self.error("f-string: single '}' is not allowed"));
            }
            if c == '\\' && !self.raw {
                lit.push(c);
                self.i += 1;
                if self.at(0) == 'N' && self.at(1) == '{' {
                    // `\N{NAME}`: its braces are not a field.
                    while self.i < self.cs.len() && self.at(0) != '}' {
                        lit.push(self.at(0));
                        self.i += 1;
                    }
                    if self.i < self.cs.len() {
                        lit.push('}');
                        self.i += 1;
                    }
                    continue;
                }
                // `\{` keeps its backslash and still opens a field (3.11 behaviour).
                if self.i < self.cs.len() && self.at(0) != '{' && self.at(0) != '}' {
                    lit.push(self.at(0));
                    self.i += 1;
                }
                continue;
            }
            lit.push(c);
            self.i += 1;
        }
        self.flush(&mut lit, &mut parts)?;
        Ok(parts)
    }

    /// One `{expr[=][!c][:spec]}` field; `self.i` is at the `{`.
    fn field(&mut self) -> PResult<FStringPart> {
        self.i += 1;
        let start = self.i;
        let mut nesting: Vec<char> = Vec::new();
        let mut quote: Option<(char, bool)> = None;
        while self.i < self.cs.len() {
            let c = self.at(0);
            if let Some((q, triple)) = quote {
                if c == '\\' {
                    return Err(self.error("f-string expression part cannot include a backslash"));
                }
                if c == q && (!triple || (self.at(1) == q && self.at(2) == q)) {
                    self.i += if triple { 3 } else { 1 };
                    quote = None;
                    continue;
                }
                self.i += 1;
                continue;
            }
            match c {
                '\\' => {
                    return Err(self.error("f-string expression part cannot include a backslash"))
                }
                '#' => return Err(self.error("f-string expression part cannot include '#'")),
                '\'' | '"' => {
                    let triple = self.at(1) == c && self.at(2) == c;
                    quote = Some((c, triple));
                    self.i += if triple { 3 } else { 1 };
                    continue;
                }
                '(' | '[' | '{' => nesting.push(c),
                ')' | ']' | '}' => {
                    if c == '}' && nesting.is_empty() {
                        break;
                    }
                    if nesting.pop().is_none() {
                        return Err(self.error(&format!("f-string: unmatched '{c}'")));
                    }
                }
                '!' | '=' | '<' | '>' if self.at(1) == '=' => {
                    self.i += 2;
                    continue;
                }
                '=' | '!' | ':' if nesting.is_empty() => break,
                _ => {}
            }
            self.i += 1;
        }
        if quote.is_some() {
            return Err(self.error("f-string: unterminated string"));
        }
        if self.i >= self.cs.len() {
            return Err(self.error("f-string: expecting '}'"));
        }
        let text = &self.cs[start..self.i];
        if text.iter().all(|c| c.is_whitespace()) {
            return Err(self.error("f-string: empty expression not allowed"));
        }
        let value = parse_field_expr(text, self.locs[start])?;
        let mut debug_text = None;
        if self.at(0) == '=' {
            self.i += 1;
            while self.at(0).is_whitespace() {
                self.i += 1;
            }
            debug_text = Some(self.cs[start..self.i].iter().collect::<String>());
        }
        let mut conversion = None;
        if self.at(0) == '!' {
            let c = self.at(1);
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(
                    self.error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
                );
            }
            conversion = Some(c);
            self.i += 2;
        }
        let mut format_spec = None;
        if self.at(0) == ':' {
            self.i += 1;
            format_spec = Some(merge_literals(self.body(true)?));
        }
        if self.at(0) != '}' {
            return Err(self.error("f-string: expecting '}'"));
        }
        self.i += 1;
        if debug_text.is_some() && conversion.is_none() && format_spec.is_none() {
            conversion = Some('r');
        }
        Ok(FStringPart::Expr {
            value: bx(value),
            conversion,
            format_spec,
            debug_text,
        })
    }
}

/// Parses an f-string field's expression (it may itself contain f-strings with other quotes).
fn parse_field_expr(text: &[char], loc: Loc) -> PResult<Expr> {
    let mut p = Parser::new(lexer::tokenize_nested(text, loc), 1);
    // CPython 3.11 compiles the field as the string "(expr)" and reports columns within it.
    let fix = |mut e: SyntaxError| {
        if !e.msg.starts_with("f-string") {
            e.msg = format!("f-string: {}", e.msg);
        }
        if e.line == loc.line && e.col >= loc.col {
            let width = e.end_col.saturating_sub(e.col);
            e.col = e.col - loc.col + 1;
            e.end_col = e.col + width.max(1);
        }
        e
    };
    let mut e = if p.at_kw("yield") {
        p.yield_expr()
    } else {
        p.star_expressions()
    }
    .map_err(fix)?;
    if matches!(e.kind, ExprKind::Tuple(_)) && e.loc == loc {
        // An unparenthesised tuple starts at the field's `{` (CPython parses "(x, y)").
        e.loc.col = loc.col.saturating_sub(1);
    }
    if !matches!(p.tok(), Tok::Eof) {
        return Err(fix(p.missing_comma()));
    }
    Ok(e)
}
