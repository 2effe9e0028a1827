//! The tokenizer: Python source text to a flat token list (with INDENT/DEDENT/NEWLINE).
//!
//! Hand-written and table-free so that it stays small in WebAssembly. It works on a `Vec<char>` so
//! that columns are counted in characters, as our [`Loc`] promises. A tokenizer error does not
//! abort tokenizing: it becomes a final [`Tok::Error`] token, so that the parser reports a syntax
//! error *earlier* in the file first, as CPython does (its tokenizer runs lazily, on demand).

use crate::ast::{Loc, SyntaxError};

/// One token's kind and payload.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An identifier or a keyword (the parser tells them apart).
    Name(String),
    Int(i64),
    /// An integer literal beyond i64, as decimal digits.
    BigInt(String),
    Float(f64),
    Imag(f64),
    Str(StrLit),
    /// An operator or delimiter, e.g. `"+"`, `"**="`, `"("`, `"->"`.
    Op(&'static str),
    Newline,
    Indent,
    Dedent,
    /// End of input (after the final NEWLINE and DEDENTs).
    Eof,
    /// A tokenizer error: the parser raises it if it gets this far.
    Error(Box<SyntaxError>),
}

/// A string literal token, before concatenation with its neighbours.
#[derive(Clone, Debug, PartialEq)]
pub struct StrLit {
    pub bytes: bool,
    pub raw: bool,
    pub fstring: bool,
    /// Decoded text for plain strings; for bytes each char is one byte (< 256); for f-strings
    /// the *raw* body (escapes and `{}` fields are processed by the parser).
    pub value: String,
    /// Where the body starts (just after the opening quote(s)): f-string fields are located
    /// relative to it.
    pub body_loc: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub loc: Loc,
    /// Exclusive end position.
    pub end: Loc,
}

/// Three-, two- and one-character operators, longest first.
const OPS3: [&str; 5] = ["**=", "//=", ">>=", "<<=", "..."];
const OPS2: [&str; 19] = [
    "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=",
];
const OPS1: [&str; 23] = [
    "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",",
    ":", ".", ";", "=",
];

pub(crate) fn err(
    kind: &'static str,
    msg: impl Into<String>,
    line: u32,
    col: u32,
    end_col: u32,
) -> SyntaxError {
    SyntaxError {
        kind,
        msg: msg.into(),
        line,
        col,
        end_col: end_col.max(col + 1),
    }
}

/// The tokenizer state.
pub struct Lexer<'a> {
    src: &'a [char],
    pos: usize,
    line: u32,
    col: u32,
    /// Open brackets: (char, line, col).
    brackets: Vec<(char, u32, u32)>,
    /// Indentation columns (tabs to multiples of 8) and "alternate" columns (tabs as 1), used to
    /// detect inconsistent tab/space mixes like CPython.
    indents: Vec<(u32, u32)>,
    at_line_start: bool,
    /// Whether the current logical line produced a token yet (blank lines give no NEWLINE).
    line_has_tokens: bool,
    toks: Vec<Token>,
    /// Sub-lexers for f-string expressions: no INDENT/NEWLINE, behave as if inside brackets.
    nested: bool,
}

/// Tokenizes a whole module.
pub fn tokenize(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let mut lx = Lexer::new(&chars, 1, 0, false);
    lx.run();
    lx.toks
}

/// Tokenizes an f-string field's expression text, located at `loc` in the file.
pub fn tokenize_nested(chars: &[char], loc: Loc) -> Vec<Token> {
    let mut lx = Lexer::new(chars, loc.line, loc.col, true);
    lx.run();
    lx.toks
}

fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}
fn is_id_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

impl<'a> Lexer<'a> {
    fn new(src: &'a [char], line: u32, col: u32, nested: bool) -> Self {
        Lexer {
            src,
            pos: 0,
            line,
            col,
            brackets: Vec::new(),
            indents: vec![(0, 0)],
            at_line_start: !nested,
            line_has_tokens: false,
            toks: Vec::new(),
            nested,
        }
    }

    fn peek(&self, k: usize) -> char {
        self.src.get(self.pos + k).copied().unwrap_or('\0')
    }
    fn eof(&self) -> bool {
        self.pos >= self.src.len()
    }
    fn bump(&mut self) -> char {
        let c = self.src[self.pos];
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 0;
        } else {
            self.col += 1;
        }
        c
    }
    fn loc(&self) -> Loc {
        Loc {
            line: self.line,
            col: self.col,
        }
    }
    fn push(&mut self, tok: Tok, loc: Loc) {
        self.line_has_tokens = true;
        let end = self.loc();
        self.toks.push(Token { tok, loc, end });
    }
    fn fail(&mut self, e: SyntaxError) {
        let loc = Loc {
            line: e.line,
            col: e.col,
        };
        self.toks.push(Token {
            tok: Tok::Error(Box::new(e)),
            loc,
            end: loc,
        });
    }

    fn run(&mut self) {
        if let Err(e) = self.run_inner() {
            self.fail(e);
        }
    }

    fn run_inner(&mut self) -> Result<(), SyntaxError> {
        loop {
            if self.at_line_start {
                self.at_line_start = false;
                if self.indentation()? {
                    continue;
                }
            }
            if self.eof() {
                return self.finish();
            }
            let c = self.peek(0);
            match c {
                ' ' | '\t' | '\x0c' | '\r' => {
                    self.bump();
                }
                '#' => {
                    while !self.eof() && self.peek(0) != '\n' {
                        self.bump();
                    }
                }
                '\n' => {
                    let loc = self.loc();
                    self.bump();
                    if self.brackets.is_empty() && !self.nested {
                        if self.line_has_tokens {
                            self.toks.push(Token {
                                tok: Tok::Newline,
                                loc,
                                end: self.loc(),
                            });
                        }
                        self.line_has_tokens = false;
                        self.at_line_start = true;
                    }
                }
                '\\' => {
                    let loc = self.loc();
                    self.bump();
                    if self.peek(0) == '\r' {
                        self.bump();
                    }
                    if self.eof() {
                        return Err(err(
                            "SyntaxError",
                            "unexpected EOF while parsing",
                            loc.line,
                            loc.col,
                            loc.col + 1,
                        ));
                    }
                    if self.peek(0) != '\n' {
                        return Err(err(
                            "SyntaxError",
                            "unexpected character after line continuation character",
                            loc.line,
                            loc.col + 1,
                            loc.col + 2,
                        ));
                    }
                    self.bump();
                    if self.eof() {
                        return Err(err(
                            "SyntaxError",
                            "unexpected EOF while parsing",
                            loc.line,
                            loc.col + 1,
                            loc.col + 2,
                        ));
                    }
                }
                '0'..='9' => self.number()?,
                '.' if self.peek(1).is_ascii_digit() => self.number()?,
                '"' | '\'' => self.string(String::new())?,
                c if is_id_start(c) => {
                    let loc = self.loc();
                    let mut name = String::new();
                    while !self.eof() && is_id_char(self.peek(0)) {
                        name.push(self.bump());
                    }
                    let q = self.peek(0);
                    if (q == '"' || q == '\'') && is_prefix(&name) {
                        self.string_at(name, loc)?;
                    } else {
                        self.push(Tok::Name(name), loc);
                    }
                }
                _ => self.operator()?,
            }
        }
    }

    /// Measures the indentation of a new line; returns true if the line was blank/comment-only
    /// (consumed entirely, no tokens).
    fn indentation(&mut self) -> Result<bool, SyntaxError> {
        let (mut col, mut alt) = (0u32, 0u32);
        while !self.eof() {
            match self.peek(0) {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.bump();
        }
        let c = self.peek(0);
        if self.eof() || c == '#' || c == '\n' || (c == '\r' && self.peek(1) == '\n') {
            // Blank line: skip it (the main loop consumes the comment/newline).
            if !self.eof() {
                while !self.eof() && self.peek(0) != '\n' {
                    self.bump();
                }
                if !self.eof() {
                    self.bump();
                }
                self.at_line_start = true;
            }
            return Ok(true);
        }
        if c == '\\' {
            // A line that starts with a continuation does not count for indentation (CPython).
            return Ok(false);
        }
        let (top, top_alt) = *self.indents.last().unwrap();
        let loc = self.loc();
        if col > top {
            if alt <= top_alt {
                return Err(err(
                    "TabError",
                    "inconsistent use of tabs and spaces in indentation",
                    loc.line,
                    0,
                    1,
                ));
            }
            self.indents.push((col, alt));
            self.toks.push(Token {
                tok: Tok::Indent,
                loc: Loc {
                    line: loc.line,
                    col: 0,
                },
                end: loc,
            });
        } else if col < top {
            // A mismatch is reported before any DEDENT is produced, as CPython does.
            let keep = self
                .indents
                .iter()
                .rposition(|&(c, _)| c <= col)
                .unwrap_or(0);
            let (top, top_alt) = self.indents[keep];
            if col != top {
                // CPython puts the caret at the end of the offending line.
                let len = self.src[self.pos..]
                    .iter()
                    .take_while(|&&c| c != '\n' && c != '\r')
                    .count() as u32;
                let end = loc.col + len;
                return Err(err(
                    "IndentationError",
                    "unindent does not match any outer indentation level",
                    loc.line,
                    end,
                    end + 1,
                ));
            }
            if alt != top_alt {
                return Err(err(
                    "TabError",
                    "inconsistent use of tabs and spaces in indentation",
                    loc.line,
                    0,
                    1,
                ));
            }
            while self.indents.len() > keep + 1 {
                self.indents.pop();
                self.toks.push(Token {
                    tok: Tok::Dedent,
                    loc,
                    end: loc,
                });
            }
        } else if alt != top_alt {
            return Err(err(
                "TabError",
                "inconsistent use of tabs and spaces in indentation",
                loc.line,
                0,
                1,
            ));
        }
        Ok(false)
    }

    fn finish(&mut self) -> Result<(), SyntaxError> {
        if let Some(&(c, line, col)) = self.brackets.last() {
            if !self.nested {
                return Err(err(
                    "SyntaxError",
                    format!("'{c}' was never closed"),
                    line,
                    col,
                    col + 1,
                ));
            }
        }
        let loc = self.loc();
        if !self.nested {
            if self.line_has_tokens {
                self.toks.push(Token {
                    tok: Tok::Newline,
                    loc,
                    end: loc,
                });
            }
            while self.indents.len() > 1 {
                self.indents.pop();
                self.toks.push(Token {
                    tok: Tok::Dedent,
                    loc,
                    end: loc,
                });
            }
        }
        self.toks.push(Token {
            tok: Tok::Eof,
            loc,
            end: loc,
        });
        Ok(())
    }

    fn operator(&mut self) -> Result<(), SyntaxError> {
        let loc = self.loc();
        let rest = &self.src[self.pos..];
        let matches =
            |op: &str| op.chars().zip(rest.iter()).all(|(a, &b)| a == b) && rest.len() >= op.len();
        let op = OPS3
            .iter()
            .chain(OPS2.iter())
            .chain(OPS1.iter())
            .find(|o| matches(o))
            .copied();
        let Some(op) = op else {
            let c = self.peek(0);
            // ASCII leftovers are plain "invalid syntax" in CPython; others are named.
            let msg = if c.is_ascii_punctuation() {
                "invalid syntax".to_string()
            } else {
                format!("invalid character '{c}' (U+{:04X})", c as u32)
            };
            return Err(err("SyntaxError", msg, loc.line, loc.col, loc.col + 1));
        };
        for _ in 0..op.chars().count() {
            self.bump();
        }
        match op {
            "(" | "[" | "{" => {
                // CPython's limit; it also bounds the parser's recursion.
                if self.brackets.len() >= 200 {
                    return Err(err(
                        "SyntaxError",
                        "too many nested parentheses",
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    ));
                }
                self.brackets
                    .push((op.chars().next().unwrap(), loc.line, loc.col))
            }
            ")" | "]" | "}" => {
                let close = op.chars().next().unwrap();
                match self.brackets.pop() {
                    None => {
                        if self.nested {
                            // Inside an f-string field the field's own braces are outside us.
                        } else {
                            return Err(err(
                                "SyntaxError",
                                format!("unmatched '{close}'"),
                                loc.line,
                                loc.col,
                                loc.col + 1,
                            ));
                        }
                    }
                    Some((open, line, _)) => {
                        let want = match open {
                            '(' => ')',
                            '[' => ']',
                            _ => '}',
                        };
                        if want != close {
                            let msg = if line == loc.line {
                                format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'")
                            } else {
                                format!(
                                    "closing parenthesis '{close}' does not match opening parenthesis '{open}' on line {line}"
                                )
                            };
                            return Err(err("SyntaxError", msg, loc.line, loc.col, loc.col + 1));
                        }
                    }
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), loc);
        Ok(())
    }

    fn digits(&mut self, radix: u32, out: &mut String) -> Result<(), SyntaxError> {
        loop {
            let c = self.peek(0);
            if c.is_digit(radix) {
                out.push(self.bump());
            } else if c == '_' && self.peek(1).is_digit(radix) && !out.is_empty() {
                self.bump();
            } else if c == '_' && !out.is_empty() {
                // `1_` or `1__0`: CPython points at the underscore.
                self.bump();
                let what = match radix {
                    16 => "hexadecimal",
                    8 => "octal",
                    2 => "binary",
                    _ => "decimal",
                };
                return Err(err(
                    "SyntaxError",
                    format!("invalid {what} literal"),
                    self.line,
                    self.col - 1,
                    self.col,
                ));
            } else {
                return Ok(());
            }
        }
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let loc = self.loc();
        let c1 = self.peek(1).to_ascii_lowercase();
        if self.peek(0) == '0' && (c1 == 'x' || c1 == 'o' || c1 == 'b') {
            self.bump();
            self.bump();
            let (radix, what) = match c1 {
                'x' => (16, "hexadecimal"),
                'o' => (8, "octal"),
                _ => (2, "binary"),
            };
            if self.peek(0) == '_' {
                self.bump();
            }
            let mut ds = String::new();
            self.digits(radix, &mut ds)?;
            let c = self.peek(0);
            if ds.is_empty()
                || c.is_ascii_digit()
                || (self.glued_letter(c) && !self.keyword_follows())
            {
                let here = self.loc();
                let msg = if radix < 10 && c.is_ascii_digit() {
                    format!("invalid digit '{c}' in {what} literal")
                } else {
                    format!("invalid {what} literal")
                };
                // A bad digit is pointed at itself, anything else at the last char consumed.
                let col = if radix < 10 && c.is_ascii_digit() {
                    here.col
                } else {
                    here.col - 1
                };
                return Err(err("SyntaxError", msg, here.line, col, col + 1));
            }
            let tok = match i64::from_str_radix(&ds, radix) {
                Ok(v) => Tok::Int(v),
                Err(_) => Tok::BigInt(to_decimal(&ds, radix)),
            };
            self.push(tok, loc);
            return Ok(());
        }
        let mut text = String::new();
        self.digits(10, &mut text)?;
        let mut is_float = false;
        if self.peek(0) == '.' {
            is_float = true;
            text.push(self.bump());
            if self.peek(0).is_ascii_digit() {
                self.digits(10, &mut text)?;
            }
        }
        let e = self.peek(0);
        if e == 'e' || e == 'E' {
            let s = self.peek(1);
            let ok =
                s.is_ascii_digit() || ((s == '+' || s == '-') && self.peek(2).is_ascii_digit());
            if ok {
                is_float = true;
                text.push(self.bump());
                if s == '+' || s == '-' {
                    text.push(self.bump());
                }
                let mut exp = String::new();
                self.digits(10, &mut exp)?;
                text.push_str(&exp);
            } else {
                let here = self.loc();
                return Err(err(
                    "SyntaxError",
                    "invalid decimal literal",
                    here.line,
                    here.col - 1,
                    here.col,
                ));
            }
        }
        let tok = if self.peek(0) == 'j' || self.peek(0) == 'J' {
            self.bump();
            Tok::Imag(text.parse().unwrap_or(0.0))
        } else if is_float {
            Tok::Float(text.parse().unwrap_or(0.0))
        } else {
            if text.len() > 1 && text.starts_with('0') && text.chars().any(|c| c != '0') {
                // CPython's carets cover the leading zeros (and underscores among them).
                let zeros = self.src[self.pos - (self.col - loc.col) as usize..self.pos]
                    .iter()
                    .take_while(|&&c| c == '0' || c == '_')
                    .count() as u32;
                return Err(err(
                    "SyntaxError",
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    loc.line,
                    loc.col,
                    loc.col + zeros,
                ));
            }
            match text.parse::<i64>() {
                Ok(v) => Tok::Int(v),
                Err(_) => Tok::BigInt(text.trim_start_matches('0').to_string()),
            }
        };
        let c = self.peek(0);
        if self.glued_letter(c) && !self.keyword_follows() {
            let here = self.loc();
            let msg = if matches!(tok, Tok::Imag(_)) {
                "invalid imaginary literal"
            } else {
                "invalid decimal literal"
            };
            let col = here.col.saturating_sub(1);
            return Err(err("SyntaxError", msg, here.line, col, col + 1));
        }
        self.push(tok, loc);
        Ok(())
    }

    /// Whether `c`, right after a number, makes it an invalid literal (`1abc`). Like CPython
    /// 3.11, only ASCII letters do: `3子` is a number then a name (plain "invalid syntax").
    fn glued_letter(&self, c: char) -> bool {
        c.is_ascii_alphanumeric() || c == '_'
    }

    /// `1if x else y` is legal: a number may be directly followed by some keywords.
    fn keyword_follows(&self) -> bool {
        let rest: String = self.src[self.pos..].iter().take(6).collect();
        ["and", "else", "for", "if", "in", "is", "not", "or"]
            .iter()
            .any(|k| rest.starts_with(k))
    }

    fn string(&mut self, prefix: String) -> Result<(), SyntaxError> {
        let loc = self.loc();
        self.string_at(prefix, loc)
    }

    fn string_at(&mut self, prefix: String, loc: Loc) -> Result<(), SyntaxError> {
        let p = prefix.to_ascii_lowercase();
        let (bytes, raw, fstring) = (p.contains('b'), p.contains('r'), p.contains('f'));
        let q = self.bump();
        let triple = self.peek(0) == q && self.peek(1) == q;
        if triple {
            self.bump();
            self.bump();
        }
        let body_loc = self.loc();
        let mut body = String::new();
        loop {
            if self.eof() {
                return Err(if triple {
                    // The last line with text on it (a final newline does not count).
                    let last = if self.src.last() == Some(&'\n') {
                        self.line - 1
                    } else {
                        self.line
                    };
                    err(
                        "SyntaxError",
                        format!(
                            "unterminated triple-quoted string literal (detected at line {last})"
                        ),
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    )
                } else {
                    err(
                        "SyntaxError",
                        format!(
                            "unterminated string literal (detected at line {})",
                            loc.line
                        ),
                        loc.line,
                        loc.col,
                        loc.col + 1,
                    )
                });
            }
            let c = self.peek(0);
            if c == q && (!triple || (self.peek(1) == q && self.peek(2) == q)) {
                for _ in 0..if triple { 3 } else { 1 } {
                    self.bump();
                }
                break;
            }
            if c == '\n' && !triple {
                return Err(err(
                    "SyntaxError",
                    format!(
                        "unterminated string literal (detected at line {})",
                        loc.line
                    ),
                    loc.line,
                    loc.col,
                    loc.col + 1,
                ));
            }
            if c == '\\' {
                body.push(self.bump());
                if self.eof() {
                    continue;
                }
            }
            let c = self.bump();
            if c != '\r' {
                body.push(c);
            }
        }
        let non_ascii = bytes && !body.is_ascii();
        let value = if fstring || (raw && !bytes) {
            body
        } else {
            match decode_escapes(&body, raw, bytes) {
                Ok(s) => s,
                Err(m) => return Err(err("SyntaxError", m, self.line, self.col, self.col + 1)),
            }
        };
        if non_ascii {
            return Err(err(
                "SyntaxError",
                "bytes can only contain ASCII literal characters",
                loc.line,
                loc.col,
                self.col,
            ));
        }
        self.push(
            Tok::Str(StrLit {
                bytes,
                raw,
                fstring,
                value,
                body_loc,
            }),
            loc,
        );
        Ok(())
    }
}

fn is_prefix(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "r" | "b" | "u" | "f" | "rb" | "br" | "fr" | "rf"
    )
}

/// Converts digits in `radix` to decimal (for integer literals beyond i64).
fn to_decimal(ds: &str, radix: u32) -> String {
    // Little-endian base-10^9 limbs.
    let mut limbs: Vec<u64> = vec![0];
    for c in ds.chars() {
        let mut carry = c.to_digit(radix).unwrap() as u64;
        for l in limbs.iter_mut() {
            let v = *l * radix as u64 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = limbs.last().unwrap().to_string();
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    s
}

/// Unicode names we accept in `\N{...}` (a full table would be far too big for the browser).
const NAMED: [(&str, char); 14] = [
    ("BULLET", '\u{2022}'),
    ("EM DASH", '\u{2014}'),
    ("EN DASH", '\u{2013}'),
    ("HORIZONTAL ELLIPSIS", '\u{2026}'),
    ("CHECK MARK", '\u{2713}'),
    ("NO-BREAK SPACE", '\u{a0}'),
    ("SPACE", ' '),
    ("DEGREE SIGN", '\u{b0}'),
    ("GREEK SMALL LETTER ALPHA", '\u{3b1}'),
    ("GREEK SMALL LETTER PI", '\u{3c0}'),
    ("RIGHTWARDS ARROW", '\u{2192}'),
    ("BLACK RIGHT-POINTING TRIANGLE", '\u{25b6}'),
    ("SNOWMAN", '\u{2603}'),
    ("MULTIPLICATION SIGN", '\u{d7}'),
];

/// Decodes backslash escapes of a (non-raw) literal body. For bytes, each byte becomes one char
/// below 256. The error message is CPython's "(unicode error) ..." text.
pub fn decode_escapes(body: &str, raw: bool, bytes: bool) -> Result<String, String> {
    if raw {
        return Ok(body.to_string());
    }
    let cs: Vec<char> = body.chars().collect();
    let mut out = String::with_capacity(body.len());
    let mut i = 0;
    let codec = if bytes {
        "(value error)"
    } else {
        "(unicode error) 'unicodeescape' codec can't decode bytes"
    };
    while i < cs.len() {
        let c = cs[i];
        if c != '\\' || i + 1 >= cs.len() {
            out.push(c);
            i += 1;
            continue;
        }
        let e = cs[i + 1];
        i += 2;
        match e {
            '\n' => {}
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap();
                let mut n = 1;
                while n < 3 && i < cs.len() && cs[i].is_digit(8) {
                    v = v * 8 + cs[i].to_digit(8).unwrap();
                    i += 1;
                    n += 1;
                }
                if bytes {
                    out.push(char::from_u32(v & 0xff).unwrap());
                } else {
                    out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                }
            }
            'x' | 'u' | 'U' if e == 'x' || !bytes => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let hex: String = cs[i..].iter().take(n).collect();
                if hex.len() < n || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
                    let good = hex.chars().take_while(|c| c.is_ascii_hexdigit()).count();
                    let start = i - 2;
                    let what = match e {
                        'x' => "truncated \\xXX escape",
                        'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    return Err(if bytes {
                        format!("(value error) invalid \\x escape at position {start}")
                    } else {
                        format!("{codec} in position {start}-{}: {what}", start + 1 + good)
                    });
                }
                i += n;
                let v = u32::from_str_radix(&hex, 16).unwrap();
                match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(format!(
                            "{codec} in position 0-9: illegal Unicode character"
                        ))
                    }
                }
            }
            'N' if !bytes => {
                let close = cs[i..].iter().position(|&c| c == '}');
                let name: Option<String> = if cs.get(i) == Some(&'{') {
                    close.map(|j| cs[i + 1..i + j].iter().collect())
                } else {
                    None
                };
                let found = name.as_ref().and_then(|n| {
                    let up = n.to_ascii_uppercase();
                    NAMED.iter().find(|(k, _)| *k == up).map(|(_, c)| *c)
                });
                match found {
                    Some(ch) => {
                        out.push(ch);
                        i += close.unwrap() + 1;
                    }
                    None => {
                        let msg = if name.is_some() {
                            "unknown Unicode character name"
                        } else {
                            "malformed \\N character escape"
                        };
                        let start = i - 2;
                        let end = close.map_or(start + 1, |j| i + j);
                        return Err(format!("{codec} in position {start}-{end}: {msg}"));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact rendering of the token stream: names, ops, numbers, and I/D/N for INDENT,
    /// DEDENT and NEWLINE.
    fn kinds(src: &str) -> String {
        tokenize(src)
            .iter()
            .map(|t| match &t.tok {
                Tok::Name(n) => n.clone(),
                Tok::Int(v) => v.to_string(),
                Tok::BigInt(v) => format!("big:{v}"),
                Tok::Float(v) => format!("f:{v}"),
                Tok::Imag(v) => format!("j:{v}"),
                Tok::Str(s) => format!("s:{:?}", s.value),
                Tok::Op(o) => o.to_string(),
                Tok::Newline => "N".into(),
                Tok::Indent => "I".into(),
                Tok::Dedent => "D".into(),
                Tok::Eof => "EOF".into(),
                Tok::Error(e) => format!("ERR:{}", e.msg),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn indentation_blocks_and_final_newline() {
        assert_eq!(
            kinds("if x:\n    y\n    if z:\n        w\nv"),
            "if x : N I y N if z : N I w N D D v N EOF"
        );
        // Blank and comment-only lines never produce tokens, whatever their indentation.
        assert_eq!(kinds("a\n\n      # c\n  \nb\n"), "a N b N EOF");
        // Dedents come before the token that ends the block, all at once.
        assert_eq!(
            kinds("a:\n b:\n  c\nd\n"),
            "a : N I b : N I c N D D d N EOF"
        );
    }

    #[test]
    fn tabs_count_to_multiples_of_eight() {
        assert_eq!(kinds("if x:\n\ty\n\tz\n"), "if x : N I y N z N D EOF");
        // Same column, different tab/space mix: python3 says TabError for both.
        let tab_err = "ERR:inconsistent use of tabs and spaces in indentation";
        assert_eq!(
            kinds("if x:\n\ty\n        z\n"),
            format!("if x : N I y N {tab_err}")
        );
        assert_eq!(
            kinds("if x:\n  \ty\n\tz\n"),
            format!("if x : N I y N {tab_err}")
        );
        assert_eq!(
            kinds("if x:\n        y\n    z\n"),
            "if x : N I y N ERR:unindent does not match any outer indentation level"
        );
    }

    #[test]
    fn implicit_and_explicit_line_joining() {
        assert_eq!(kinds("x = (1,\n\n  2)\n"), "x = ( 1 , 2 ) N EOF");
        assert_eq!(kinds("x = 1 + \\\n  2\n"), "x = 1 + 2 N EOF");
        assert_eq!(kinds("x = [\n  1  # c\n]\n"), "x = [ 1 ] N EOF");
    }

    #[test]
    fn operators_take_the_longest_match() {
        assert_eq!(
            kinds("a **= b //= c >>= d <<= e\n"),
            "a **= b //= c >>= d <<= e N EOF"
        );
        assert_eq!(
            kinds("f() -> x := ... @ y != z\n"),
            "f ( ) -> x := ... @ y != z N EOF"
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            kinds("0xff 0o17 0b101 1_000 0_0\n"),
            "255 15 5 1000 0 N EOF"
        );
        assert_eq!(
            kinds("1. .5 1e3 1.5E-2 3j 2.5J\n"),
            "f:1 f:0.5 f:1000 f:0.015 j:3 j:2.5 N EOF"
        );
        assert_eq!(
            kinds("9223372036854775807 9223372036854775808\n"),
            "9223372036854775807 big:9223372036854775808 N EOF"
        );
        assert_eq!(
            kinds("0x10000000000000000\n"),
            "big:18446744073709551616 N EOF"
        );
        assert_eq!(kinds("1if x else 2\n"), "1 if x else 2 N EOF");
        assert!(kinds("012\n").contains("ERR:leading zeros"));
        assert!(kinds("1abc\n").contains("ERR:invalid decimal literal"));
    }

    #[test]
    fn string_prefixes_and_quotes() {
        assert_eq!(
            kinds("r'\\n' R\"\\n\" u'x' U'x'\n"),
            r#"s:"\\n" s:"\\n" s:"x" s:"x" N EOF"#
        );
        assert_eq!(kinds("'''a\n'b'''\n"), r#"s:"a\n'b" N EOF"#);
        assert_eq!(
            kinds("'\\x41\\u00e9\\U0001F600\\101\\0'\n"),
            "s:\"Aé😀A\\0\" N EOF"
        );
        for p in ["b", "B", "rb", "bR", "Rb", "BR"] {
            let toks = tokenize(&format!("{p}'x'\n"));
            let Tok::Str(s) = &toks[0].tok else {
                panic!("{p}")
            };
            assert!(
                s.bytes && s.raw == p.to_ascii_lowercase().contains('r'),
                "{p}"
            );
        }
        for p in ["f", "F", "rf", "fR", "Rf", "FR"] {
            let toks = tokenize(&format!("{p}'{{x}}'\n"));
            let Tok::Str(s) = &toks[0].tok else {
                panic!("{p}")
            };
            assert!(s.fstring && s.value == "{x}", "{p}");
        }
        // A prefix-like name not followed by a quote is a name.
        assert_eq!(kinds("rb fr\n"), "rb fr N EOF");
    }

    #[test]
    fn unterminated_strings() {
        assert_eq!(
            kinds("x = 'ab\n"),
            "x = ERR:unterminated string literal (detected at line 1)"
        );
        assert_eq!(
            kinds("x = '''ab\n\n"),
            "x = ERR:unterminated triple-quoted string literal (detected at line 2)"
        );
    }
}
