//! Python's number and string formatting: `repr(float)`, `format()` with the
//! format-spec mini-language, `%`-formatting, `int(str, base)` and
//! `float(str)`.
//!
//! Everything here follows CPython 3.11 (`Python/formatter_unicode.c`,
//! `Python/pystrtod.c`, `Objects/unicodeobject.c`) so that printed output of
//! a program is byte-identical to CPython's, error texts included.  The
//! digit generation relies on Rust's float formatting, which is correctly
//! rounded (round-half-even on the exact binary value), exactly like
//! CPython's `_Py_dg_dtoa`.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

/// A Python exception to raise: its class name and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyErrMsg {
    /// `"TypeError"`, `"ValueError"`, `"KeyError"`, `"IndexError"` or `"OverflowError"`.
    pub kind: &'static str,
    /// The message exactly as CPython prints it.
    pub msg: String,
}

/// The largest width or precision a format may ask for. CPython pads to any width memory allows;
/// here one `format` is a single instruction and a failed allocation aborts the worker, so
/// `f'{1:>1000000000}'` raises instead (OverflowError for format specs, MemoryError for `%`).
pub const MAX_FMT_WIDTH: usize = 64 << 20;

/// Raises MemoryError for a `%` width or precision over [`MAX_FMT_WIDTH`].
fn pct_width_ok(v: i64) -> Result<i64, PyErrMsg> {
    if v.unsigned_abs() > MAX_FMT_WIDTH as u64 {
        return Err(PyErrMsg {
            kind: "MemoryError",
            msg: format!(
                "format width or precision too large ({}; proclab's limit is {})",
                v, MAX_FMT_WIDTH
            ),
        });
    }
    Ok(v)
}

impl PyErrMsg {
    pub fn type_error(msg: impl Into<String>) -> Self {
        PyErrMsg {
            kind: "TypeError",
            msg: msg.into(),
        }
    }
    pub fn value_error(msg: impl Into<String>) -> Self {
        PyErrMsg {
            kind: "ValueError",
            msg: msg.into(),
        }
    }
    pub fn overflow_error(msg: impl Into<String>) -> Self {
        PyErrMsg {
            kind: "OverflowError",
            msg: msg.into(),
        }
    }
}

/// The one `format()` error that is an `OverflowError`, not a `ValueError`:
/// callers of [`format_int`] / [`format_i64`] compare against this text.
pub const CHAR_RANGE_ERROR: &str = "%c arg not in range(0x110000)";

/// The other OverflowError of `format(i, 'c')`, for ints beyond 64 bits.
pub const LONG_RANGE_ERROR: &str = "Python int too large to convert to C long";

// ---------------------------------------------------------------------------
// Digit generation (the `_Py_dg_dtoa` part)

/// Decimal digits of `|x|` (no trailing zeros, at least "0") and the
/// position of the decimal point: value = 0.DIGITS * 10**decpt.
#[derive(Clone, Copy)]
enum Mode {
    /// Shortest repr that round-trips.
    Shortest,
    /// This many significant digits (at least 1).
    Significant(usize),
    /// This many digits after the decimal point.
    Fixed(usize),
}

fn digits_of(x: f64, mode: Mode) -> (Vec<u8>, i64) {
    let x = x.abs();
    if x == 0.0 {
        return (vec![b'0'], 1);
    }
    let (mut digits, decpt) = match mode {
        Mode::Shortest | Mode::Significant(_) => {
            let s = match mode {
                Mode::Significant(n) => format!("{:.*e}", n.max(1) - 1, x),
                _ => {
                    // Rust's shortest digits may pick either of two equally
                    // near candidates; CPython takes the correctly rounded
                    // one (ties to even), which is what exact mode yields.
                    let short = format!("{x:e}");
                    let n = short
                        .split('e')
                        .next()
                        .map_or(1, |m| m.replace('.', "").len());
                    let exact = format!("{:.*e}", n - 1, x);
                    if exact.parse::<f64>() == Ok(x) {
                        exact
                    } else {
                        short
                    }
                }
            };
            let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let exp: i64 = exp.parse().unwrap_or(0);
            let d: Vec<u8> = mant.bytes().filter(|b| b.is_ascii_digit()).collect();
            (d, exp + 1)
        }
        Mode::Fixed(n) => {
            let s = format!("{:.*}", n, x);
            let (ip, fp) = s.split_once('.').unwrap_or((&s, ""));
            let mut d: Vec<u8> = ip.bytes().chain(fp.bytes()).collect();
            let mut decpt = ip.len() as i64;
            let lead = d.iter().take_while(|&&b| b == b'0').count();
            d.drain(..lead);
            decpt -= lead as i64;
            if d.is_empty() {
                return (vec![b'0'], 1);
            }
            (d, decpt)
        }
    };
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    (digits, decpt)
}

/// Flags of `PyOS_double_to_string`.
#[derive(Clone, Copy, Default)]
struct DtoaFlags {
    sign: bool,
    add_dot_0: bool,
    alt: bool,
    no_neg_0: bool,
}

/// `PyOS_double_to_string`: `code` is one of `e E f F g G r`; for `r` the
/// precision is ignored.  Port of `format_float_short`.
fn double_to_string(x: f64, code: u8, precision: usize, fl: DtoaFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let lower = code.to_ascii_lowercase();
    let neg = x.is_sign_negative() && !x.is_nan();
    let sign_str = |neg: bool| {
        if neg {
            "-"
        } else if fl.sign {
            "+"
        } else {
            ""
        }
    };
    if !x.is_finite() {
        let body = match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        };
        return format!("{}{}", sign_str(neg), body);
    }
    let (mode, precision) = match lower {
        b'e' => (Mode::Significant(precision + 1), precision + 1),
        b'f' => (Mode::Fixed(precision), precision),
        b'g' => {
            let p = precision.max(1);
            (Mode::Significant(p), p)
        }
        _ => (Mode::Shortest, 0),
    };
    let (digits, mut decpt) = digits_of(x, mode);
    let digits_len = digits.len() as i64;
    let neg = neg && !(fl.no_neg_0 && digits == b"0");
    let precision = precision as i64;
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match lower {
        b'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        b'f' => vdigits_end = decpt + precision,
        b'g' => {
            let limit = if fl.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if fl.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && fl.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };
    let mut out = String::with_capacity(32);
    out.push_str(sign_str(neg));
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    let ds = std::str::from_utf8(&digits).unwrap_or("0");
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    if 0 < decpt && decpt <= digits_len {
        out.push_str(&ds[..decpt as usize]);
        out.push('.');
        out.push_str(&ds[decpt as usize..]);
    } else {
        out.push_str(ds);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !fl.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push('0');
        }
        out.push_str(&a.to_string());
    }
    out
}

/// Python's `repr(x)` / `str(x)` of a float.
pub fn float_repr(x: f64) -> String {
    double_to_string(
        x,
        b'r',
        0,
        DtoaFlags {
            add_dot_0: true,
            ..DtoaFlags::default()
        },
    )
}

/// `round(x, ndigits)` for a float: correctly rounded, ties to even on
/// the exact binary value (so `round(2.675, 2) == 2.67`), as CPython does
/// through `_Py_dg_dtoa`.  The only error is CPython's OverflowError text.
pub fn round_float(x: f64, ndigits: i64) -> Result<f64, String> {
    if !x.is_finite() || ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let r = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x).parse().unwrap_or(x)
    } else {
        // Round the exact integer part to a multiple of 10**-ndigits.
        let m = num_traits::pow(BigInt::from(10), (-ndigits) as usize);
        let int = float_to_int(x.abs()).unwrap_or_default();
        let has_frac = x.fract() != 0.0;
        let (q, r) = num_integer::Integer::div_rem(&int, &m);
        let twice: BigInt = r * 2;
        let up = twice > m || (twice == m && (has_frac || num_integer::Integer::is_odd(&q)));
        let q = if up { q + 1 } else { q };
        let v = (q * m).to_f64().unwrap_or(f64::INFINITY);
        if x.is_sign_negative() {
            -v
        } else {
            v
        }
    };
    if r.is_infinite() {
        return Err("rounded value too large to represent".into());
    }
    Ok(r)
}

// ---------------------------------------------------------------------------
// Format-spec mini-language

#[derive(Clone, Debug)]
struct Spec {
    fill: char,
    /// 0 when not given.
    align: u8,
    /// 0, b'+', b'-' or b' '.
    sign: u8,
    no_neg_0: bool,
    alt: bool,
    width: Option<usize>,
    /// 0, b',' or b'_'.
    grouping: u8,
    precision: Option<usize>,
    /// 0 when not given.
    ty: char,
}

fn type_code_error(ty: char, obj: &str) -> String {
    if (ty as u32) > 32 && (ty as u32) < 128 {
        format!("Unknown format code '{ty}' for object of type '{obj}'")
    } else {
        format!(
            "Unknown format code '\\x{:x}' for object of type '{obj}'",
            ty as u32
        )
    }
}

fn parse_spec(spec: &str, default_ty: char, default_align: u8, obj: &str) -> Result<Spec, String> {
    let c: Vec<char> = spec.chars().collect();
    let mut s = Spec {
        fill: ' ',
        align: default_align,
        sign: 0,
        no_neg_0: false,
        alt: false,
        width: None,
        grouping: 0,
        precision: None,
        ty: default_ty,
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '=' | '^');
    let mut pos = 0;
    let mut fill_given = false;
    let mut align_given = false;
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.align = c[1] as u8;
        fill_given = true;
        align_given = true;
        pos = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = c[0] as u8;
        align_given = true;
        pos = 1;
    }
    if pos < c.len() && matches!(c[pos], '+' | '-' | ' ') {
        s.sign = c[pos] as u8;
        pos += 1;
    }
    if pos < c.len() && c[pos] == 'z' {
        s.no_neg_0 = true;
        pos += 1;
    }
    if pos < c.len() && c[pos] == '#' {
        s.alt = true;
        pos += 1;
    }
    if !fill_given && pos < c.len() && c[pos] == '0' {
        s.fill = '0';
        if !align_given && default_align == b'>' {
            s.align = b'=';
        }
        pos += 1;
    }
    let get_int = |pos: &mut usize| -> Result<Option<usize>, String> {
        let start = *pos;
        let mut v: usize = 0;
        while *pos < c.len() && c[*pos].is_ascii_digit() {
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(c[*pos] as usize - '0' as usize))
                .filter(|&v| v <= isize::MAX as usize)
                .ok_or("Too many decimal digits in format string")?;
            *pos += 1;
        }
        if v > MAX_FMT_WIDTH {
            return Err(format!(
                "format width or precision too large ({}; proclab's limit is {})",
                v, MAX_FMT_WIDTH
            ));
        }
        Ok((*pos > start).then_some(v))
    };
    s.width = get_int(&mut pos)?;
    let both = "Cannot specify both ',' and '_'.";
    if pos < c.len() && c[pos] == ',' {
        s.grouping = b',';
        pos += 1;
    }
    if pos < c.len() && c[pos] == '_' {
        if s.grouping != 0 {
            return Err(both.into());
        }
        s.grouping = b'_';
        pos += 1;
    }
    if pos < c.len() && c[pos] == ',' && s.grouping == b'_' {
        return Err(both.into());
    }
    if pos < c.len() && c[pos] == '.' {
        pos += 1;
        s.precision = get_int(&mut pos)?;
        if s.precision.is_none() {
            return Err("Format specifier missing precision".into());
        }
    }
    if c.len() - pos > 1 {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{obj}'"
        ));
    }
    if pos < c.len() {
        s.ty = c[pos];
    }
    if s.grouping != 0 {
        match s.ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {}
            'b' | 'o' | 'x' | 'X' if s.grouping == b'_' => {}
            t => {
                let g = s.grouping as char;
                return Err(if (t as u32) > 32 && (t as u32) < 128 {
                    format!("Cannot specify '{g}' with '{t}'.")
                } else {
                    format!("Cannot specify '{g}' with '\\x{:x}'.", t as u32)
                });
            }
        }
    }
    Ok(s)
}

/// Pads `body` (which holds no sign) to the spec's width; `prefix` is the
/// sign and `0x`-style prefix that `=` alignment keeps on the left.
fn pad(s: &Spec, prefix: &str, body: &str) -> String {
    let len = prefix.chars().count() + body.chars().count();
    let width = s.width.unwrap_or(0);
    if len >= width {
        return format!("{prefix}{body}");
    }
    let n = width - len;
    let fill = |k: usize| std::iter::repeat_n(s.fill, k).collect::<String>();
    match s.align {
        b'<' => format!("{prefix}{body}{}", fill(n)),
        b'^' => format!("{}{prefix}{body}{}", fill(n / 2), fill(n - n / 2)),
        b'=' => format!("{prefix}{}{body}", fill(n)),
        _ => format!("{}{prefix}{body}", fill(n)),
    }
}

/// `_PyUnicode_InsertThousandsGrouping`: groups `digits` from the right,
/// padding with zeros up to `min_width` characters (separators included)
/// when zero-padding with `=` alignment.
fn group_digits(digits: &str, sep: char, size: i64, min_width: i64) -> String {
    let d = digits.as_bytes();
    let mut remaining = d.len() as i64;
    let mut min_width = min_width;
    let mut pieces: Vec<String> = Vec::new();
    loop {
        let l = size.min(remaining.max(min_width).max(1));
        let n_zeros = (l - remaining).max(0);
        let n_chars = remaining.min(l).max(0);
        let end = remaining as usize;
        let start = (remaining - n_chars) as usize;
        let mut piece = "0".repeat(n_zeros as usize);
        piece.push_str(std::str::from_utf8(&d[start..end]).unwrap_or(""));
        pieces.push(piece);
        remaining -= n_chars;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    pieces.reverse();
    pieces.join(&sep.to_string())
}

/// Lays out a formatted number: `sign` and `prefix` (e.g. `0x`) go left of
/// the padding for `=` alignment, `digits` get grouped, `rest` (fraction,
/// exponent, `%`) follows.
fn layout_number(s: &Spec, sign: &str, prefix: &str, digits: &str, rest: &str) -> String {
    let head = format!("{sign}{prefix}");
    let grouped = if s.grouping != 0 && !digits.is_empty() {
        let size = if s.grouping == b'_' && matches!(s.ty, 'b' | 'o' | 'x' | 'X') {
            4
        } else {
            3
        };
        let min_width = if s.fill == '0' && s.align == b'=' {
            s.width.unwrap_or(0) as i64 - head.len() as i64 - rest.chars().count() as i64
        } else {
            0
        };
        group_digits(digits, s.grouping as char, size, min_width)
    } else {
        digits.to_string()
    };
    pad(s, &head, &format!("{grouped}{rest}"))
}

fn sign_prefix(neg: bool, sign: u8) -> &'static str {
    match (neg, sign) {
        (true, _) => "-",
        (false, b'+') => "+",
        (false, b' ') => " ",
        _ => "",
    }
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(s.to_string());
    }
    let sp = parse_spec(spec, 's', b'<', "str")?;
    if sp.ty != 's' && sp.ty != '\0' {
        return Err(type_code_error(sp.ty, "str"));
    }
    match sp.sign {
        b' ' => return Err("Space not allowed in string format specifier".into()),
        0 => {}
        _ => return Err("Sign not allowed in string format specifier".into()),
    }
    if sp.no_neg_0 {
        return Err("Negative zero coercion (z) not allowed in string format specifier".into());
    }
    if sp.alt {
        return Err("Alternate form (#) not allowed in string format specifier".into());
    }
    if sp.align == b'=' {
        return Err("'=' alignment not allowed in string format specifier".into());
    }
    let body: String = match sp.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(&sp, "", &body))
}

/// `format(i, spec)` for an int that fits a machine word.
pub fn format_i64(i: i64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(i.to_string());
    }
    format_int(&BigInt::from(i), spec)
}

/// `format(i, spec)` for an int.  A `%c` range error is an OverflowError
/// with the text [`CHAR_RANGE_ERROR`]; every other error is a ValueError.
pub fn format_int(i: &BigInt, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(i.to_string());
    }
    let sp = parse_spec(spec, 'd', b'>', "int")?;
    match sp.ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = i
                .to_f64()
                .filter(|x| x.is_finite())
                .ok_or("int too large to convert to float")?;
            return format_float_spec(x, sp);
        }
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' | '\0' => {}
        t => return Err(type_code_error(t, "int")),
    }
    if sp.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    if sp.no_neg_0 {
        return Err("Negative zero coercion (z) not allowed in integer format specifier".into());
    }
    if sp.ty == 'c' {
        if sp.sign != 0 {
            return Err("Sign not allowed with integer format specifier 'c'".into());
        }
        if sp.alt {
            return Err("Alternate form (#) not allowed with integer format specifier 'c'".into());
        }
        if i.to_i64().is_none() {
            return Err(LONG_RANGE_ERROR.into());
        }
        let ch = i
            .to_u32()
            .and_then(char::from_u32)
            .ok_or(CHAR_RANGE_ERROR)?;
        return Ok(pad(&sp, "", &ch.to_string()));
    }
    let (radix, prefix) = match sp.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = i.magnitude().to_str_radix(radix);
    if sp.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let prefix = if sp.alt { prefix } else { "" };
    let sign = sign_prefix(i.is_negative(), sp.sign);
    Ok(layout_number(&sp, sign, prefix, &digits, ""))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &str) -> Result<String, String> {
    if spec.is_empty() {
        return Ok(float_repr(x));
    }
    let sp = parse_spec(spec, '\0', b'>', "float")?;
    match sp.ty {
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' | 'n' | '\0' => format_float_spec(x, sp),
        t => Err(type_code_error(t, "float")),
    }
}

fn format_float_spec(mut x: f64, sp: Spec) -> Result<String, String> {
    let mut fl = DtoaFlags {
        alt: sp.alt,
        no_neg_0: sp.no_neg_0,
        ..DtoaFlags::default()
    };
    let mut ty = sp.ty;
    let mut default_precision = 6;
    if ty == '\0' {
        fl.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut pct = false;
    if ty == '%' {
        ty = 'f';
        x *= 100.0;
        pct = true;
    }
    let precision = match sp.precision {
        None => default_precision,
        Some(p) => {
            if p > i32::MAX as usize {
                return Err("precision too big".into());
            }
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let mut s = double_to_string(x, ty as u8, precision, fl);
    if pct {
        s.push('%');
    }
    let neg = s.starts_with('-');
    let body = if neg { &s[1..] } else { &s[..] };
    let split = body
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(body.len());
    let (digits, rest) = body.split_at(split);
    let sign = sign_prefix(neg, sp.sign);
    Ok(layout_number(&sp, sign, "", digits, rest))
}

// ---------------------------------------------------------------------------
// int(str, base) and float(str)

/// The result of `int(str, base)`: a machine integer when it fits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PyInt {
    Small(i64),
    Big(BigInt),
}

impl PyInt {
    pub fn into_big(self) -> BigInt {
        match self {
            PyInt::Small(i) => BigInt::from(i),
            PyInt::Big(b) => b,
        }
    }
}

use crate::strops::{decimal_value, is_space as is_py_space};

/// CPython's `sys.get_int_max_str_digits()` default.
const INT_MAX_STR_DIGITS: usize = 4300;

/// `int(s, base)` for a str argument.
pub fn parse_int(s: &str, base: u32) -> Result<PyInt, String> {
    if base == 1 || base > 36 {
        return Err("int() base must be >= 2 and <= 36, or 0".into());
    }
    // Reports the base as given (0 stays 0), hence captured before `base` is resolved.
    let invalid = || {
        let shown: String = s.chars().take(200).collect();
        format!(
            "invalid literal for int() with base {base}: {}",
            crate::strops::str_repr(&shown)
        )
    };
    let t = s.trim_matches(is_py_space);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let mut base = base;
    let lower = t.get(..2).map(|p| p.to_ascii_lowercase());
    let mut body = t;
    let mut after_prefix = false;
    let pfx_base = match lower.as_deref() {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    if pfx_base != 0 && (base == 0 || base == pfx_base) {
        base = pfx_base;
        body = &t[2..];
        after_prefix = true;
    } else if base == 0 {
        base = 10;
        // A decimal literal in base 0 cannot have leading zeros ("010").
        let nonzero = t.chars().any(|c| c != '0' && c != '_');
        if t.starts_with('0') && nonzero {
            return Err(invalid());
        }
        if t.starts_with('0') {
            let zero_ok = !t.starts_with('_') && !t.ends_with('_') && !t.contains("__");
            if zero_ok {
                return Ok(PyInt::Small(0));
            }
            return Err(invalid());
        }
    }
    let mut digits: Vec<u8> = Vec::with_capacity(body.len());
    // An underscore must sit between two digits, or right after a base
    // prefix ("0x_1" is fine, "0x__1", "_1", "1__2" and "1_" are not).
    let mut underscore_ok = after_prefix;
    let mut prev_digit = false;
    for c in body.chars() {
        if c == '_' {
            if !underscore_ok {
                return Err(invalid());
            }
            underscore_ok = false;
            prev_digit = false;
            continue;
        }
        let v = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 10,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => decimal_value(c).ok_or_else(invalid)?,
        };
        if v >= base {
            return Err(invalid());
        }
        digits.push(v as u8);
        prev_digit = true;
        underscore_ok = true;
    }
    if digits.is_empty() || !prev_digit {
        return Err(invalid());
    }
    if !base.is_power_of_two() && digits.len() > INT_MAX_STR_DIGITS {
        return Err(format!(
            "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion: \
             value has {} digits; use sys.set_int_max_str_digits() to increase the limit",
            digits.len()
        ));
    }
    let mut small: Option<i64> = Some(0);
    for &d in &digits {
        small = small
            .and_then(|v| v.checked_mul(base as i64))
            .and_then(|v| v.checked_add(d as i64));
        if small.is_none() {
            break;
        }
    }
    if let Some(v) = small {
        return Ok(PyInt::Small(if neg { -v } else { v }));
    }
    let mut big =
        BigInt::from_radix_be(num_bigint::Sign::Plus, &digits, base).ok_or_else(invalid)?;
    if neg {
        big = -big;
    }
    Ok(PyInt::Big(big))
}

/// `float(s)` for a str argument.
pub fn parse_float(s: &str) -> Result<f64, String> {
    let err = || {
        format!(
            "could not convert string to float: {}",
            crate::strops::str_repr(s)
        )
    };
    let t = s.trim_matches(is_py_space);
    // Normalise other scripts' decimal digits to ASCII.
    let t: String = t
        .chars()
        .map(|c| match decimal_value(c) {
            Some(v) if !c.is_ascii() => char::from_digit(v, 10).unwrap_or(c),
            _ => c,
        })
        .collect();
    let (sign, body) = match t.as_bytes().first() {
        Some(b'-') => (-1.0, &t[1..]),
        Some(b'+') => (1.0, &t[1..]),
        _ => (1.0, &t[..]),
    };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Ok(sign * f64::INFINITY),
        "nan" => return Ok(f64::NAN.copysign(sign)),
        _ => {}
    }
    // Validate Python's grammar: digitpart = digit (["_"] digit)*.
    let b = lower.as_bytes();
    let mut i = 0;
    let mut clean = String::with_capacity(b.len());
    let digitpart = |i: &mut usize, clean: &mut String| -> usize {
        let mut n = 0;
        while *i < b.len() {
            if b[*i].is_ascii_digit() {
                clean.push(b[*i] as char);
                n += 1;
                *i += 1;
            } else if b[*i] == b'_' && n > 0 && *i + 1 < b.len() && b[*i + 1].is_ascii_digit() {
                *i += 1;
            } else {
                break;
            }
        }
        n
    };
    let int_digits = digitpart(&mut i, &mut clean);
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        clean.push('.');
        i += 1;
        frac_digits = digitpart(&mut i, &mut clean);
    }
    if int_digits + frac_digits == 0 {
        return Err(err());
    }
    if i < b.len() && b[i] == b'e' {
        clean.push('e');
        i += 1;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            clean.push(b[i] as char);
            i += 1;
        }
        if digitpart(&mut i, &mut clean) == 0 {
            return Err(err());
        }
    }
    if i != b.len() {
        return Err(err());
    }
    clean.parse::<f64>().map(|v| sign * v).map_err(|_| err())
}

// ---------------------------------------------------------------------------
// printf-style formatting: `fmt % args`

/// How a `%` conversion addresses its argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRef<'a> {
    /// The n-th element of the right operand when it is a tuple; `Pos(0)` is
    /// the right operand itself when it is not a tuple.
    Pos(usize),
    /// `%(key)s`: the right operand (a mapping) subscripted with `key`.
    Key(&'a str),
}

/// What `%` needs to know about one argument's value.
#[derive(Clone, Debug, PartialEq)]
pub enum PctValue {
    /// An int (bool included, or anything with `__index__`).
    Int(BigInt),
    /// A float (or anything with `__float__` but no `__index__`).
    Float(f64),
    /// A str (for `%c`).
    Str(String),
    /// Anything else, by its type name (for error messages).
    Other(String),
}

/// The right operand of `fmt % args`, implemented by the VM.
pub trait PercentArgs {
    /// `Some(len)` when the right operand is a tuple, `None` for a single value.
    fn tuple_len(&self) -> Option<usize>;
    /// Whether the right operand is a mapping (not a tuple nor a str) that
    /// `%(key)s` may subscript.
    fn is_mapping(&self) -> bool;
    /// The value's number/str nature; for `Key` a missing key is the
    /// KeyError the VM raises.
    fn value(&mut self, a: ArgRef) -> Result<PctValue, PyErrMsg>;
    /// `str(arg)`.
    fn str_of(&mut self, a: ArgRef) -> Result<String, PyErrMsg>;
    /// `repr(arg)`.
    fn repr_of(&mut self, a: ArgRef) -> Result<String, PyErrMsg>;
    /// `ascii(arg)`.
    fn ascii_of(&mut self, a: ArgRef) -> Result<String, PyErrMsg>;
}

/// Argument cursor of `PyUnicode_Format`.
struct Cursor {
    arglen: i64,
    argidx: i64,
}

impl Cursor {
    fn next<'k>(&mut self, key: Option<&'k str>) -> Result<ArgRef<'k>, PyErrMsg> {
        if self.argidx < self.arglen {
            let i = self.argidx;
            self.argidx += 1;
            return Ok(match key {
                Some(k) => ArgRef::Key(k),
                None if self.arglen < 0 => ArgRef::Pos(0),
                None => ArgRef::Pos(i as usize),
            });
        }
        Err(PyErrMsg::type_error(
            "not enough arguments for format string",
        ))
    }
}

const F_LJUST: u8 = 1;
const F_SIGN: u8 = 2;
const F_BLANK: u8 = 4;
const F_ALT: u8 = 8;
const F_ZERO: u8 = 16;

/// `fmt % args`.
pub fn percent_format(fmt: &str, args: &mut dyn PercentArgs) -> Result<String, PyErrMsg> {
    let c: Vec<char> = fmt.chars().collect();
    let (arglen, argidx) = match args.tuple_len() {
        Some(n) => (n as i64, 0),
        None => (-1, -2),
    };
    let mut cur = Cursor { arglen, argidx };
    let is_dict = args.tuple_len().is_none() && args.is_mapping();
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    let incomplete = || PyErrMsg::value_error("incomplete format");
    while pos < c.len() {
        if c[pos] != '%' {
            out.push(c[pos]);
            pos += 1;
            continue;
        }
        pos += 1;
        if pos < c.len() && c[pos] == '%' {
            out.push('%');
            pos += 1;
            continue;
        }
        let mut key: Option<String> = None;
        if pos < c.len() && c[pos] == '(' {
            if !is_dict {
                return Err(PyErrMsg::type_error("format requires a mapping"));
            }
            pos += 1;
            let start = pos;
            let mut depth = 1;
            while pos < c.len() {
                match c[pos] {
                    '(' => depth += 1,
                    ')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                pos += 1;
            }
            if pos >= c.len() {
                return Err(PyErrMsg::value_error("incomplete format key"));
            }
            key = Some(c[start..pos].iter().collect());
            pos += 1;
            cur = Cursor {
                arglen: -1,
                argidx: -2,
            };
        }
        let mut flags = 0u8;
        while pos < c.len() {
            flags |= match c[pos] {
                '-' => F_LJUST,
                '+' => F_SIGN,
                ' ' => F_BLANK,
                '#' => F_ALT,
                '0' => F_ZERO,
                _ => break,
            };
            pos += 1;
        }
        let mut width: i64 = -1;
        let mut prec: i64 = -1;
        let star = |cur: &mut Cursor, args: &mut dyn PercentArgs| -> Result<i64, PyErrMsg> {
            let a = cur.next(None)?;
            match args.value(a)? {
                PctValue::Int(i) => i
                    .to_i64()
                    .filter(|v| v.unsigned_abs() <= i32::MAX as u64)
                    .ok_or_else(|| PyErrMsg::value_error("width too big"))
                    .and_then(pct_width_ok),
                _ => Err(PyErrMsg::type_error("* wants int")),
            }
        };
        let digits = |pos: &mut usize| -> Result<i64, PyErrMsg> {
            let mut v: i64 = 0;
            while *pos < c.len() && c[*pos].is_ascii_digit() {
                v = v * 10 + (c[*pos] as i64 - '0' as i64);
                if v > i32::MAX as i64 {
                    return Err(PyErrMsg::value_error("width too big"));
                }
                *pos += 1;
            }
            pct_width_ok(v)
        };
        if pos < c.len() && c[pos] == '*' {
            width = star(&mut cur, args)?;
            if width < 0 {
                flags |= F_LJUST;
                width = -width;
            }
            pos += 1;
        } else if pos < c.len() && c[pos].is_ascii_digit() {
            width = digits(&mut pos)?;
        }
        if pos < c.len() && c[pos] == '.' {
            pos += 1;
            prec = 0;
            if pos < c.len() && c[pos] == '*' {
                prec = star(&mut cur, args)?.max(0);
                pos += 1;
            } else if pos < c.len() && c[pos].is_ascii_digit() {
                prec = digits(&mut pos)?;
            }
        }
        while pos < c.len() && matches!(c[pos], 'h' | 'l' | 'L') {
            pos += 1;
        }
        if pos >= c.len() {
            return Err(incomplete());
        }
        let ch = c[pos];
        let ch_index = pos;
        pos += 1;
        let arg = cur.next(key.as_deref())?;
        let (text, numeric) = convert_one(ch, ch_index, flags, prec, arg, args)?;
        output_arg(&mut out, &text, numeric, ch, flags, width);
    }
    if cur.argidx < cur.arglen && !is_dict {
        return Err(PyErrMsg::type_error(
            "not all arguments converted during string formatting",
        ));
    }
    Ok(out)
}

/// Converts one argument; returns its text and whether it is numeric
/// (numbers take a sign and zero padding).
fn convert_one(
    ch: char,
    ch_index: usize,
    flags: u8,
    prec: i64,
    arg: ArgRef,
    args: &mut dyn PercentArgs,
) -> Result<(String, bool), PyErrMsg> {
    let truncate = |s: String| -> String {
        if prec >= 0 {
            s.chars().take(prec as usize).collect()
        } else {
            s
        }
    };
    match ch {
        's' => Ok((truncate(args.str_of(arg)?), false)),
        'r' => Ok((truncate(args.repr_of(arg)?), false)),
        'a' => Ok((truncate(args.ascii_of(arg)?), false)),
        'c' => {
            let bad = || PyErrMsg::type_error("%c requires int or char");
            let c = match args.value(arg)? {
                PctValue::Int(i) => i
                    .to_u32()
                    .and_then(char::from_u32)
                    .ok_or_else(|| PyErrMsg::overflow_error(CHAR_RANGE_ERROR))?,
                PctValue::Str(s) => {
                    let mut it = s.chars();
                    match (it.next(), it.next()) {
                        (Some(c), None) => c,
                        _ => return Err(bad()),
                    }
                }
                _ => return Err(bad()),
            };
            Ok((c.to_string(), false))
        }
        'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
            let v = args.value(arg)?;
            let i = match v {
                PctValue::Int(i) => i,
                PctValue::Float(f) if matches!(ch, 'd' | 'i' | 'u') => float_to_int(f)?,
                other => {
                    let tn = match other {
                        PctValue::Float(_) => "float".to_string(),
                        PctValue::Str(_) => "str".to_string(),
                        PctValue::Other(t) => t,
                        PctValue::Int(_) => "int".to_string(),
                    };
                    let what = if matches!(ch, 'd' | 'i' | 'u') {
                        "a real number"
                    } else {
                        "an integer"
                    };
                    return Err(PyErrMsg::type_error(format!(
                        "%{ch} format: {what} is required, not {tn}"
                    )));
                }
            };
            let (radix, pfx) = match ch {
                'o' => (8, "0o"),
                'x' => (16, "0x"),
                'X' => (16, "0X"),
                _ => (10, ""),
            };
            let mut digits = i.magnitude().to_str_radix(radix);
            if ch == 'X' {
                digits.make_ascii_uppercase();
            }
            if prec > digits.len() as i64 {
                digits = format!("{}{digits}", "0".repeat(prec as usize - digits.len()));
            }
            let sign = if i.is_negative() { "-" } else { "" };
            let pfx = if flags & F_ALT != 0 { pfx } else { "" };
            Ok((format!("{sign}{pfx}{digits}"), true))
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let x = match args.value(arg)? {
                PctValue::Float(f) => f,
                PctValue::Int(i) => i
                    .to_f64()
                    .filter(|f| f.is_finite())
                    .ok_or_else(|| PyErrMsg::overflow_error("int too large to convert to float"))?,
                PctValue::Str(_) => {
                    return Err(PyErrMsg::type_error("must be real number, not str"))
                }
                PctValue::Other(t) => {
                    return Err(PyErrMsg::type_error(format!(
                        "must be real number, not {t}"
                    )))
                }
            };
            let prec = if prec < 0 { 6 } else { prec as usize };
            let fl = DtoaFlags {
                alt: flags & F_ALT != 0,
                ..DtoaFlags::default()
            };
            Ok((double_to_string(x, ch as u8, prec, fl), true))
        }
        _ => Err(PyErrMsg::value_error(format!(
            "unsupported format character '{}' (0x{:x}) at index {ch_index}",
            if (ch as u32) < 32 || ch as u32 == 127 {
                '?'
            } else {
                ch
            },
            ch as u32
        ))),
    }
}

fn float_to_int(f: f64) -> Result<BigInt, PyErrMsg> {
    if f.is_nan() {
        return Err(PyErrMsg::value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(PyErrMsg::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return Ok(BigInt::from(t as i64));
    }
    // Exact conversion of a large integral float via its decimal expansion.
    let s = format!("{t:.0}");
    Ok(s.parse::<BigInt>().unwrap_or_else(|_| BigInt::zero()))
}

/// `unicode_format_arg_output`: sign, `0x` prefix, fill and justification.
fn output_arg(out: &mut String, text: &str, numeric: bool, ch: char, flags: u8, width: i64) {
    let fill = if numeric && flags & F_ZERO != 0 {
        '0'
    } else {
        ' '
    };
    let mut body: &str = text;
    let mut sign: Option<char> = None;
    if numeric {
        if let Some(first @ ('-' | '+')) = body.chars().next() {
            sign = Some(first);
            body = &body[1..];
        } else if flags & F_SIGN != 0 {
            sign = Some('+');
        } else if flags & F_BLANK != 0 {
            sign = Some(' ');
        }
    }
    let mut len = body.chars().count() as i64;
    let mut width = width.max(len);
    if let Some(s) = sign {
        if fill != ' ' {
            out.push(s);
        }
        if width > len {
            width -= 1;
        }
    }
    let has_prefix = numeric && flags & F_ALT != 0 && matches!(ch, 'x' | 'X' | 'o');
    if has_prefix {
        if fill != ' ' {
            out.push_str(&body[..2]);
        }
        width = (width - 2).max(0);
        len -= 2;
    }
    if width > len && flags & F_LJUST == 0 {
        out.extend(std::iter::repeat_n(fill, (width - len) as usize));
        width = len;
    }
    if fill == ' ' {
        if let Some(s) = sign {
            out.push(s);
        }
        if has_prefix {
            out.push_str(&body[..2]);
        }
    }
    out.push_str(if has_prefix { &body[2..] } else { body });
    if width > len {
        out.extend(std::iter::repeat_n(' ', (width - len) as usize));
    }
}

// ---------------------------------------------------------------------------
// str.format() template parsing

/// The argument a replacement field names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtKey {
    /// Positional, explicit (`{0}`) or automatically numbered (`{}`).
    Index(usize),
    /// Keyword (`{name}`), any text that is not all digits.
    Name(String),
}

/// One `.attr` or `[key]` step after the field's first name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtAccess {
    Attr(String),
    /// `[3]`: all digits, so an int subscript.
    Index(usize),
    /// `[key]`: a str subscript.
    Key(String),
}

/// A `{key.path!conversion:spec}` replacement field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FmtField {
    pub key: FmtKey,
    pub path: Vec<FmtAccess>,
    /// `'r'`, `'s'` or `'a'`.
    pub conversion: Option<char>,
    /// The format spec, itself a template: nested fields (`{:{width}}`)
    /// are rendered first and the pieces concatenated.
    pub spec: Vec<FmtPiece>,
}

/// A parsed `str.format()` template is a sequence of these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FmtPiece {
    Lit(String),
    Field(FmtField),
}

/// Automatic field numbering state, shared with nested specs as CPython does.
#[derive(Default)]
struct AutoNumber {
    manual: bool,
    auto: bool,
    next: usize,
}

/// Parses a `str.format()` / `format_map()` template, numbering `{}`
/// fields and checking CPython's ValueErrors up front (CPython finds them
/// while rendering, so only the precedence among errors can differ).
pub fn parse_format_string(s: &str) -> Result<Vec<FmtPiece>, PyErrMsg> {
    let chars: Vec<char> = s.chars().collect();
    parse_template(&chars, 2, &mut AutoNumber::default())
}

fn parse_template(
    c: &[char],
    depth: u32,
    auto: &mut AutoNumber,
) -> Result<Vec<FmtPiece>, PyErrMsg> {
    let err = |m: &str| PyErrMsg::value_error(m);
    if depth == 0 {
        return Err(err("Max string recursion exceeded"));
    }
    let mut out: Vec<FmtPiece> = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        i += 1;
        if ch != '{' && ch != '}' {
            lit.push(ch);
            continue;
        }
        let next = c.get(i).copied();
        if next == Some(ch) {
            lit.push(ch);
            i += 1;
            continue;
        }
        if ch == '}' {
            return Err(err("Single '}' encountered in format string"));
        }
        if next.is_none() {
            return Err(err("Single '{' encountered in format string"));
        }
        // The field name runs to '}', ':' or '!' (brackets may hide them).
        let start = i;
        let mut term = '\0';
        while i < c.len() {
            let d = c[i];
            i += 1;
            match d {
                '{' => return Err(err("unexpected '{' in field name")),
                '[' => {
                    while i < c.len() && c[i] != ']' {
                        i += 1;
                    }
                }
                '}' | ':' | '!' => {
                    term = d;
                    break;
                }
                _ => {}
            }
        }
        let name_end = if term == '\0' { i } else { i - 1 };
        let name = &c[start..name_end];
        let mut conversion = None;
        let mut spec: &[char] = &[];
        if term == '!' || term == ':' {
            let mut need_spec = true;
            if term == '!' {
                let Some(&conv) = c.get(i) else {
                    return Err(err("end of string while looking for conversion specifier"));
                };
                i += 1;
                conversion = Some(conv);
                if let Some(&d) = c.get(i) {
                    i += 1;
                    if d == '}' {
                        need_spec = false;
                    } else if d != ':' {
                        return Err(err("expected ':' after conversion specifier"));
                    }
                }
            }
            if need_spec {
                let spec_start = i;
                let mut count = 1;
                let mut closed = false;
                while i < c.len() {
                    let d = c[i];
                    i += 1;
                    if d == '{' {
                        count += 1;
                    } else if d == '}' {
                        count -= 1;
                        if count == 0 {
                            closed = true;
                            break;
                        }
                    }
                }
                if !closed {
                    return Err(err("unmatched '{' in format spec"));
                }
                spec = &c[spec_start..i - 1];
            }
        } else if term != '}' {
            return Err(err("expected '}' before end of string"));
        }
        if !lit.is_empty() {
            out.push(FmtPiece::Lit(std::mem::take(&mut lit)));
        }
        let (key, path) = parse_field_name(name, auto)?;
        if let Some(conv) = conversion {
            if !matches!(conv, 'r' | 's' | 'a') {
                let shown = if (conv as u32) > 32 && (conv as u32) < 127 {
                    conv.to_string()
                } else {
                    format!("\\x{:x}", conv as u32)
                };
                return Err(err(&format!("Unknown conversion specifier {shown}")));
            }
        }
        let spec = if spec.contains(&'{') || spec.contains(&'}') {
            parse_template(spec, depth - 1, auto)?
        } else if spec.is_empty() {
            Vec::new()
        } else {
            vec![FmtPiece::Lit(spec.iter().collect())]
        };
        out.push(FmtPiece::Field(FmtField {
            key,
            path,
            conversion,
            spec,
        }));
    }
    if !lit.is_empty() {
        out.push(FmtPiece::Lit(lit));
    }
    Ok(out)
}

fn parse_index(s: &[char]) -> Result<Option<usize>, PyErrMsg> {
    if s.is_empty() || !s.iter().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let mut v: usize = 0;
    for &d in s {
        v = v
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize - '0' as usize))
            .ok_or_else(|| PyErrMsg::value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(v))
}

fn parse_field_name(
    name: &[char],
    auto: &mut AutoNumber,
) -> Result<(FmtKey, Vec<FmtAccess>), PyErrMsg> {
    let err = |m: &str| PyErrMsg::value_error(m);
    let first_end = name
        .iter()
        .position(|&c| c == '.' || c == '[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let key = if first.is_empty() {
        if auto.manual {
            return Err(err(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        auto.auto = true;
        auto.next += 1;
        FmtKey::Index(auto.next - 1)
    } else {
        match parse_index(first)? {
            Some(n) => {
                if auto.auto {
                    return Err(err(
                        "cannot switch from automatic field numbering to manual field specification",
                    ));
                }
                auto.manual = true;
                FmtKey::Index(n)
            }
            None => FmtKey::Name(first.iter().collect()),
        }
    };
    let mut path = Vec::new();
    let mut i = first_end;
    while i < name.len() {
        let c = name[i];
        i += 1;
        if c == '.' {
            let start = i;
            while i < name.len() && name[i] != '.' && name[i] != '[' {
                i += 1;
            }
            if i == start {
                return Err(err("Empty attribute in format string"));
            }
            path.push(FmtAccess::Attr(name[start..i].iter().collect()));
        } else if c == '[' {
            let start = i;
            while i < name.len() && name[i] != ']' {
                i += 1;
            }
            if i >= name.len() {
                return Err(err("Missing ']' in format string"));
            }
            let key = &name[start..i];
            i += 1;
            if key.is_empty() {
                return Err(err("Empty attribute in format string"));
            }
            path.push(match parse_index(key)? {
                Some(n) => FmtAccess::Index(n),
                None => FmtAccess::Key(key.iter().collect()),
            });
            if i < name.len() && name[i] != '.' && name[i] != '[' {
                return Err(err(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        } else {
            return Err(err(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok((key, path))
}
