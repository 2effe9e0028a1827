//! Python `str` methods over `&str`, with Python's semantics: positions
//! are counted in characters (code points), `start`/`end` follow the
//! slicing rules (negative counts from the end, `None` means the bound),
//! and character classes (`isspace`, `isdigit`, ...) follow CPython 3.11's
//! Unicode database where it matters for real programs.
//!
//! The str methods that need a Python object (`join`, `format`) live in
//! the VM; everything here is plain Rust in, plain Rust out.

/// Number of characters (Python's `len(s)`).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Byte offset of character index `ci` (clamped to the end).
pub fn byte_offset(s: &str, ci: usize) -> usize {
    if s.is_ascii() {
        return ci.min(s.len());
    }
    s.char_indices().nth(ci).map_or(s.len(), |(b, _)| b)
}

/// Character index of byte offset `b` (which must be a char boundary).
fn char_index(s: &str, b: usize) -> usize {
    if s.is_ascii() {
        b
    } else {
        s[..b].chars().count()
    }
}

/// CPython's `ADJUST_INDICES`: resolves optional, possibly negative
/// `start`/`end` against `len`.  The result may have `start > end` (or
/// `start > len`), which callers treat as "nothing found".
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

/// The substring between character positions (already adjusted, `0 <=
/// start <= end <= len`) and the byte offset where it starts.
fn window(s: &str, start: i64, end: i64) -> (&str, usize) {
    let b0 = byte_offset(s, start as usize);
    let b1 = byte_offset(s, end as usize);
    (&s[b0..b1], b0)
}

/// `s.find(sub, start, end)`: character index or -1.
pub fn find(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let (st, en) = adjust_indices(start, end, char_len(s));
    if en - st < char_len(sub) as i64 {
        return -1;
    }
    let (w, b0) = window(s, st, en);
    w.find(sub).map_or(-1, |b| char_index(s, b0 + b) as i64)
}

/// `s.rfind(sub, start, end)`: character index or -1.
pub fn rfind(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> i64 {
    let (st, en) = adjust_indices(start, end, char_len(s));
    if en - st < char_len(sub) as i64 {
        return -1;
    }
    let (w, b0) = window(s, st, en);
    w.rfind(sub).map_or(-1, |b| char_index(s, b0 + b) as i64)
}

/// `s.index(...)`: like [`find`] but a ValueError when absent.
pub fn index(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Result<usize, String> {
    match find(s, sub, start, end) {
        -1 => Err("substring not found".into()),
        i => Ok(i as usize),
    }
}

/// `s.rindex(...)`: like [`rfind`] but a ValueError when absent.
pub fn rindex(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> Result<usize, String> {
    match rfind(s, sub, start, end) {
        -1 => Err("substring not found".into()),
        i => Ok(i as usize),
    }
}

/// `s.count(sub, start, end)` (non-overlapping).
pub fn count(s: &str, sub: &str, start: Option<i64>, end: Option<i64>) -> usize {
    let (st, en) = adjust_indices(start, end, char_len(s));
    if en - st < char_len(sub) as i64 {
        return 0;
    }
    if sub.is_empty() {
        return (en - st) as usize + 1;
    }
    window(s, st, en).0.matches(sub).count()
}

fn tail_match(s: &str, sub: &str, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
    let (st, en) = adjust_indices(start, end, char_len(s));
    let n = char_len(sub) as i64;
    if en - n < st {
        return false;
    }
    let (w, _) = window(s, st, en);
    if at_end {
        w.ends_with(sub)
    } else {
        w.starts_with(sub)
    }
}

/// `s.startswith(prefix, start, end)` for one prefix (the VM loops over a tuple).
pub fn startswith(s: &str, prefix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    tail_match(s, prefix, start, end, false)
}

/// `s.endswith(suffix, start, end)` for one suffix.
pub fn endswith(s: &str, suffix: &str, start: Option<i64>, end: Option<i64>) -> bool {
    tail_match(s, suffix, start, end, true)
}

/// `str.isspace()` of one character: Unicode White_Space plus the
/// information separators U+001C..U+001F, which CPython counts.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// `s.split(sep, maxsplit)`; `maxsplit < 0` means no limit.
pub fn split(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, String> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        Some("") => return Err("empty separator".into()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < max {
                match rest.find(sep) {
                    Some(i) => {
                        out.push(rest[..i].to_string());
                        rest = &rest[i + sep.len()..];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
        }
        None => {
            let mut rest = s.trim_start_matches(is_space);
            while !rest.is_empty() {
                if out.len() == max {
                    out.push(rest.to_string());
                    break;
                }
                let i = rest.find(is_space).unwrap_or(rest.len());
                out.push(rest[..i].to_string());
                rest = rest[i..].trim_start_matches(is_space);
            }
        }
    }
    Ok(out)
}

/// `s.rsplit(sep, maxsplit)`; `maxsplit < 0` means no limit.
pub fn rsplit(s: &str, sep: Option<&str>, maxsplit: i64) -> Result<Vec<String>, String> {
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut out = Vec::new();
    match sep {
        Some("") => return Err("empty separator".into()),
        Some(sep) => {
            let mut rest = s;
            while out.len() < max {
                match rest.rfind(sep) {
                    Some(i) => {
                        out.push(rest[i + sep.len()..].to_string());
                        rest = &rest[..i];
                    }
                    None => break,
                }
            }
            out.push(rest.to_string());
        }
        None => {
            let mut rest = s.trim_end_matches(is_space);
            while !rest.is_empty() {
                if out.len() == max {
                    out.push(rest.to_string());
                    break;
                }
                let i = rest.rfind(is_space).map_or(0, |i| {
                    i + rest[i..].chars().next().map_or(1, char::len_utf8)
                });
                out.push(rest[i..].to_string());
                rest = rest[..i].trim_end_matches(is_space);
            }
        }
    }
    out.reverse();
    Ok(out)
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `s.splitlines(keepends)`.
pub fn splitlines(s: &str, keepends: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        match rest.find(is_line_break) {
            Some(i) => {
                let mut j = i + rest[i..].chars().next().map_or(1, char::len_utf8);
                if rest[i..].starts_with("\r\n") {
                    j = i + 2;
                }
                out.push(rest[..if keepends { j } else { i }].to_string());
                rest = &rest[j..];
            }
            None => {
                out.push(rest.to_string());
                break;
            }
        }
    }
    out
}

/// `s.strip(chars)`; `None` strips whitespace.
pub fn strip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    rstrip(lstrip(s, chars), chars)
}

/// `s.lstrip(chars)`.
pub fn lstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_start_matches(is_space),
        Some(set) => s.trim_start_matches(|c| set.contains(c)),
    }
}

/// `s.rstrip(chars)`.
pub fn rstrip<'a>(s: &'a str, chars: Option<&str>) -> &'a str {
    match chars {
        None => s.trim_end_matches(is_space),
        Some(set) => s.trim_end_matches(|c| set.contains(c)),
    }
}

fn padded(s: &str, left: usize, right: usize, fill: char) -> String {
    let mut out = String::with_capacity(s.len() + left + right);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// `s.center(width, fillchar)` (CPython's odd-width tie rule included).
pub fn center(s: &str, width: i64, fill: char) -> String {
    let len = char_len(s) as i64;
    if width <= len {
        return s.to_string();
    }
    let marg = width - len;
    let left = marg / 2 + (marg & width & 1);
    padded(s, left as usize, (marg - left) as usize, fill)
}

/// `s.ljust(width, fillchar)`.
pub fn ljust(s: &str, width: i64, fill: char) -> String {
    let len = char_len(s) as i64;
    padded(s, 0, (width - len).max(0) as usize, fill)
}

/// `s.rjust(width, fillchar)`.
pub fn rjust(s: &str, width: i64, fill: char) -> String {
    let len = char_len(s) as i64;
    padded(s, (width - len).max(0) as usize, 0, fill)
}

/// `s.zfill(width)`: zeros go after a leading sign.
pub fn zfill(s: &str, width: i64) -> String {
    let len = char_len(s) as i64;
    if width <= len {
        return s.to_string();
    }
    let n = (width - len) as usize;
    match s.as_bytes().first() {
        Some(b'+' | b'-') => format!("{}{}{}", &s[..1], "0".repeat(n), &s[1..]),
        _ => format!("{}{s}", "0".repeat(n)),
    }
}

fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

/// Title case of one character (Rust has no titlecase mapping; upper case
/// differs from it only for a few digraphs).
fn push_title(out: &mut String, c: char) {
    match c {
        'ǆ' | 'ǅ' | 'Ǆ' => out.push('ǅ'),
        'ǉ' | 'ǈ' | 'Ǉ' => out.push('ǈ'),
        'ǌ' | 'ǋ' | 'Ǌ' => out.push('ǋ'),
        'ǳ' | 'ǲ' | 'Ǳ' => out.push('ǲ'),
        'ß' => out.push_str("Ss"),
        'ﬀ' => out.push_str("Ff"),
        'ﬁ' => out.push_str("Fi"),
        'ﬂ' => out.push_str("Fl"),
        'ﬃ' => out.push_str("Ffi"),
        'ﬄ' => out.push_str("Ffl"),
        'ﬅ' | 'ﬆ' => out.push_str("St"),
        'ŉ' => out.push_str("ʼN"),
        _ => out.extend(c.to_uppercase()),
    }
}

/// `s.lower()` (final sigma rule included).
pub fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// `s.upper()` (full mappings: `'ß'.upper() == 'SS'`).
pub fn upper(s: &str) -> String {
    s.to_uppercase()
}

/// `s.casefold()`: lower case plus the common full case foldings.
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ŉ' => out.push_str("ʼn"),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'µ' => out.push('μ'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Lower-cases a whole run so that the final-sigma rule sees its context.
fn lower_rest(out: &mut String, rest: &str) {
    out.push_str(&rest.to_lowercase());
}

/// `s.title()`.
pub fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    let mut run_start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if prev_cased {
            run_start.get_or_insert(i);
        } else {
            if let Some(r) = run_start.take() {
                lower_rest(&mut out, &s[r..i]);
            }
            push_title(&mut out, c);
        }
        prev_cased = is_cased(c);
    }
    if let Some(r) = run_start {
        lower_rest(&mut out, &s[r..]);
    }
    out
}

/// `s.capitalize()`: first character title-cased, the rest lower-cased.
pub fn capitalize(s: &str) -> String {
    let mut it = s.chars();
    let Some(first) = it.next() else {
        return String::new();
    };
    let mut out = String::with_capacity(s.len());
    push_title(&mut out, first);
    lower_rest(&mut out, it.as_str());
    out
}

/// `s.swapcase()`.
pub fn swapcase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.char_indices() {
        if c.is_uppercase() {
            if c == 'Σ' {
                // Final-sigma context decides between σ and ς.
                let l = s[..i + c.len_utf8()].to_lowercase();
                let tail = s[i + c.len_utf8()..].to_lowercase();
                let whole = format!("{l}{tail}");
                let sig = whole[l.len() - 'σ'.len_utf8()..]
                    .chars()
                    .next()
                    .unwrap_or('σ');
                out.push(sig);
            } else {
                out.extend(c.to_lowercase());
            }
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s.replace(old, new, count)`; `count < 0` replaces all.
pub fn replace(s: &str, old: &str, new: &str, count: i64) -> String {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    if max == 0 {
        return s.to_string();
    }
    if old.is_empty() {
        // Insert `new` before every character and at the end.
        let mut out = String::with_capacity(s.len() + new.len() * (char_len(s) + 1));
        let mut n = 0;
        for c in s.chars() {
            if n < max {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.push_str(new);
        }
        return out;
    }
    if count < 0 {
        return s.replace(old, new);
    }
    s.replacen(old, new, max)
}

/// `s.partition(sep)`.
pub fn partition(s: &str, sep: &str) -> Result<(String, String, String), String> {
    if sep.is_empty() {
        return Err("empty separator".into());
    }
    Ok(match s.find(sep) {
        Some(i) => (
            s[..i].to_string(),
            sep.to_string(),
            s[i + sep.len()..].to_string(),
        ),
        None => (s.to_string(), String::new(), String::new()),
    })
}

/// `s.rpartition(sep)`.
pub fn rpartition(s: &str, sep: &str) -> Result<(String, String, String), String> {
    if sep.is_empty() {
        return Err("empty separator".into());
    }
    Ok(match s.rfind(sep) {
        Some(i) => (
            s[..i].to_string(),
            sep.to_string(),
            s[i + sep.len()..].to_string(),
        ),
        None => (String::new(), String::new(), s.to_string()),
    })
}

/// `s.expandtabs(tabsize)`.
pub fn expandtabs(s: &str, tabsize: i64) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    out
}

// Character tables, generated from python3 3.11's unicodedata (Unicode 14).

/// Zero digit of every Unicode decimal (Nd) run of ten, generated from python3 3.11 (Unicode 14).
const DECIMAL_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];
/// Digits that are not decimals (superscripts, circled digits): isdigit() but not isdecimal().
const DIGIT_EXTRA: &[(u32, u32)] = &[
    (0xb2, 0xb3),
    (0xb9, 0xb9),
    (0x1369, 0x1371),
    (0x19da, 0x19da),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x2460, 0x2468),
    (0x2474, 0x247c),
    (0x2488, 0x2490),
    (0x24ea, 0x24ea),
    (0x24f5, 0x24fd),
    (0x24ff, 0x24ff),
    (0x2776, 0x277e),
    (0x2780, 0x2788),
    (0x278a, 0x2792),
    (0x10a40, 0x10a43),
    (0x10e60, 0x10e68),
    (0x11052, 0x1105a),
    (0x1f100, 0x1f10a),
];
/// isnumeric() but not isdigit() (fractions, Roman numerals, CJK numerals).
const NUMERIC_EXTRA: &[(u32, u32)] = &[
    (0xbc, 0xbe),
    (0x9f4, 0x9f9),
    (0xb72, 0xb77),
    (0xbf0, 0xbf2),
    (0xc78, 0xc7e),
    (0xd58, 0xd5e),
    (0xd70, 0xd78),
    (0xf2a, 0xf33),
    (0x1372, 0x137c),
    (0x16ee, 0x16f0),
    (0x17f0, 0x17f9),
    (0x2150, 0x2182),
    (0x2185, 0x2189),
    (0x2469, 0x2473),
    (0x247d, 0x2487),
    (0x2491, 0x249b),
    (0x24eb, 0x24f4),
    (0x24fe, 0x24fe),
    (0x277f, 0x277f),
    (0x2789, 0x2789),
    (0x2793, 0x2793),
    (0x2cfd, 0x2cfd),
    (0x3007, 0x3007),
    (0x3021, 0x3029),
    (0x3038, 0x303a),
    (0x3192, 0x3195),
    (0x3220, 0x3229),
    (0x3248, 0x324f),
    (0x3251, 0x325f),
    (0x3280, 0x3289),
    (0x32b1, 0x32bf),
    (0x3405, 0x3405),
    (0x3483, 0x3483),
    (0x382a, 0x382a),
    (0x3b4d, 0x3b4d),
    (0x4e00, 0x4e00),
    (0x4e03, 0x4e03),
    (0x4e07, 0x4e07),
    (0x4e09, 0x4e09),
    (0x4e5d, 0x4e5d),
    (0x4e8c, 0x4e8c),
    (0x4e94, 0x4e94),
    (0x4e96, 0x4e96),
    (0x4ebf, 0x4ec0),
    (0x4edf, 0x4edf),
    (0x4ee8, 0x4ee8),
    (0x4f0d, 0x4f0d),
    (0x4f70, 0x4f70),
    (0x5104, 0x5104),
    (0x5146, 0x5146),
    (0x5169, 0x5169),
    (0x516b, 0x516b),
    (0x516d, 0x516d),
    (0x5341, 0x5341),
    (0x5343, 0x5345),
    (0x534c, 0x534c),
    (0x53c1, 0x53c4),
    (0x56db, 0x56db),
    (0x58f1, 0x58f1),
    (0x58f9, 0x58f9),
    (0x5e7a, 0x5e7a),
    (0x5efe, 0x5eff),
    (0x5f0c, 0x5f0e),
    (0x5f10, 0x5f10),
    (0x62fe, 0x62fe),
    (0x634c, 0x634c),
    (0x67d2, 0x67d2),
    (0x6f06, 0x6f06),
    (0x7396, 0x7396),
    (0x767e, 0x767e),
    (0x8086, 0x8086),
    (0x842c, 0x842c),
    (0x8cae, 0x8cae),
    (0x8cb3, 0x8cb3),
    (0x8d30, 0x8d30),
    (0x9621, 0x9621),
    (0x9646, 0x9646),
    (0x964c, 0x964c),
    (0x9678, 0x9678),
    (0x96f6, 0x96f6),
    (0xa6e6, 0xa6ef),
    (0xa830, 0xa835),
    (0xf96b, 0xf96b),
    (0xf973, 0xf973),
    (0xf978, 0xf978),
    (0xf9b2, 0xf9b2),
    (0xf9d1, 0xf9d1),
    (0xf9d3, 0xf9d3),
    (0xf9fd, 0xf9fd),
    (0x10107, 0x10133),
    (0x10140, 0x10178),
    (0x1018a, 0x1018b),
    (0x102e1, 0x102fb),
    (0x10320, 0x10323),
    (0x10341, 0x10341),
    (0x1034a, 0x1034a),
    (0x103d1, 0x103d5),
    (0x10858, 0x1085f),
    (0x10879, 0x1087f),
    (0x108a7, 0x108af),
    (0x108fb, 0x108ff),
    (0x10916, 0x1091b),
    (0x109bc, 0x109bd),
    (0x109c0, 0x109cf),
    (0x109d2, 0x109ff),
    (0x10a44, 0x10a48),
    (0x10a7d, 0x10a7e),
    (0x10a9d, 0x10a9f),
    (0x10aeb, 0x10aef),
    (0x10b58, 0x10b5f),
    (0x10b78, 0x10b7f),
    (0x10ba9, 0x10baf),
    (0x10cfa, 0x10cff),
    (0x10e69, 0x10e7e),
    (0x10f1d, 0x10f26),
    (0x10f51, 0x10f54),
    (0x10fc5, 0x10fcb),
    (0x1105b, 0x11065),
    (0x111e1, 0x111f4),
    (0x1173a, 0x1173b),
    (0x118ea, 0x118f2),
    (0x11c5a, 0x11c6c),
    (0x11fc0, 0x11fd4),
    (0x12400, 0x1246e),
    (0x16b5b, 0x16b61),
    (0x16e80, 0x16e96),
    (0x1d2e0, 0x1d2f3),
    (0x1d360, 0x1d378),
    (0x1e8c7, 0x1e8cf),
    (0x1ec71, 0x1ecab),
    (0x1ecad, 0x1ecaf),
    (0x1ecb1, 0x1ecb4),
    (0x1ed01, 0x1ed2d),
    (0x1ed2f, 0x1ed3d),
    (0x1f10b, 0x1f10c),
    (0x20001, 0x20001),
    (0x20064, 0x20064),
    (0x200e2, 0x200e2),
    (0x20121, 0x20121),
    (0x2092a, 0x2092a),
    (0x20983, 0x20983),
    (0x2098c, 0x2098c),
    (0x2099c, 0x2099c),
    (0x20aea, 0x20aea),
    (0x20afd, 0x20afd),
    (0x20b19, 0x20b19),
    (0x22390, 0x22390),
    (0x22998, 0x22998),
    (0x23b1b, 0x23b1b),
    (0x2626d, 0x2626d),
    (0x2f890, 0x2f890),
];
/// Not printable for repr(): every run holding an assigned non-printable character and unassigned runs of 64+ (small unassigned gaps count as printable to keep the table short).
const NOT_PRINTABLE: &[(u32, u32)] = &[
    (0x0, 0x1f),
    (0x7f, 0xa0),
    (0xad, 0xad),
    (0x5f5, 0x605),
    (0x61c, 0x61c),
    (0x6dd, 0x6dd),
    (0x70e, 0x70f),
    (0x88f, 0x897),
    (0x8e2, 0x8e2),
    (0x1680, 0x1680),
    (0x180e, 0x180e),
    (0x1fff, 0x200f),
    (0x2028, 0x202f),
    (0x205f, 0x206f),
    (0x2ffc, 0x3000),
    (0xd7fc, 0xf8ff),
    (0xfefd, 0xff00),
    (0xffef, 0xfffb),
    (0x101fe, 0x1027f),
    (0x105bd, 0x105ff),
    (0x107bb, 0x107ff),
    (0x10940, 0x1097f),
    (0x10bb0, 0x10bff),
    (0x10d3a, 0x10e5f),
    (0x10eb2, 0x10eff),
    (0x110bd, 0x110bd),
    (0x110c3, 0x110cf),
    (0x1123f, 0x1127f),
    (0x11375, 0x113ff),
    (0x114da, 0x1157f),
    (0x11747, 0x117ff),
    (0x1183c, 0x1189f),
    (0x1195a, 0x1199f),
    (0x11af9, 0x11bff),
    (0x11cb7, 0x11cff),
    (0x11daa, 0x11edf),
    (0x11ef9, 0x11faf),
    (0x1239a, 0x123ff),
    (0x12544, 0x12f8f),
    (0x1342f, 0x143ff),
    (0x14647, 0x167ff),
    (0x16b90, 0x16e3f),
    (0x16e9b, 0x16eff),
    (0x16fa0, 0x16fdf),
    (0x18d09, 0x1afef),
    (0x1b2fc, 0x1bbff),
    (0x1bca0, 0x1ceff),
    (0x1d173, 0x1d17a),
    (0x1d246, 0x1d2df),
    (0x1d379, 0x1d3ff),
    (0x1dab0, 0x1deff),
    (0x1df1f, 0x1dfff),
    (0x1e02b, 0x1e0ff),
    (0x1e150, 0x1e28f),
    (0x1e300, 0x1e7df),
    (0x1e960, 0x1ec70),
    (0x1ecb5, 0x1ed00),
    (0x1ed3e, 0x1edff),
    (0x1eef2, 0x1efff),
    (0x1f266, 0x1f2ff),
    (0x1f8b2, 0x1f8ff),
    (0x1fbfa, 0x1ffff),
    (0x2ebe1, 0x2f7ff),
    (0x2fa1e, 0x2ffff),
    (0x3134b, 0xe00ff),
    (0xe01f0, 0x10ffff),
];

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Value of a Unicode decimal digit (category Nd) of any script.
pub fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let u = c as u32;
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= u);
    let zero = *DECIMAL_ZEROS.get(i.checked_sub(1)?)?;
    (u - zero < 10).then_some(u - zero)
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}

fn char_isdigit(c: char) -> bool {
    decimal_value(c).is_some() || in_ranges(DIGIT_EXTRA, c)
}

fn char_isnumeric(c: char) -> bool {
    char_isdigit(c) || in_ranges(NUMERIC_EXTRA, c)
}

fn char_isalpha(c: char) -> bool {
    // Alphabetic includes letter numbers (Nl, e.g. Roman numerals), which
    // Python's isalpha() rejects.
    c.is_alphabetic() && !c.is_numeric()
}

/// `s.isdecimal()`.
pub fn isdecimal(s: &str) -> bool {
    all_nonempty(s, |c| decimal_value(c).is_some())
}

/// `s.isdigit()`.
pub fn isdigit(s: &str) -> bool {
    all_nonempty(s, char_isdigit)
}

/// `s.isnumeric()`.
pub fn isnumeric(s: &str) -> bool {
    all_nonempty(s, char_isnumeric)
}

/// `s.isalpha()` (Unicode Alphabetic, less the letter-like numerals).
pub fn isalpha(s: &str) -> bool {
    all_nonempty(s, char_isalpha)
}

/// `s.isalnum()`.
pub fn isalnum(s: &str) -> bool {
    all_nonempty(s, |c| char_isalpha(c) || char_isnumeric(c))
}

/// `s.isspace()`.
pub fn isspace(s: &str) -> bool {
    all_nonempty(s, is_space)
}

/// `s.isascii()`.
pub fn isascii(s: &str) -> bool {
    s.is_ascii()
}

/// `s.isupper()`: some cased character, none lower case.
pub fn isupper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        cased |= c.is_uppercase();
    }
    cased
}

/// `s.islower()`: some cased character, none upper case.
pub fn islower(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            return false;
        }
        cased |= c.is_lowercase();
    }
    cased
}

/// `s.istitle()`: upper case only after uncased, lower case only after cased.
pub fn istitle(s: &str) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// `s.isidentifier()` (XID_Start/XID_Continue approximated by Alphabetic
/// and decimal digits, exact for ASCII).
pub fn isidentifier(s: &str) -> bool {
    let mut it = s.chars();
    match it.next() {
        Some(c) if c == '_' || char_isalpha(c) => {}
        _ => return false,
    }
    it.all(|c| c == '_' || char_isalpha(c) || decimal_value(c).is_some())
}

/// Whether repr() shows a character as is.
pub fn char_isprintable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    !in_ranges(NOT_PRINTABLE, c)
}

/// `s.isprintable()` (true for the empty string).
pub fn isprintable(s: &str) -> bool {
    s.chars().all(char_isprintable)
}

fn push_escape(out: &mut String, c: char) {
    let u = c as u32;
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        _ if u < 0x100 => out.push_str(&format!("\\x{u:02x}")),
        _ if u < 0x10000 => out.push_str(&format!("\\u{u:04x}")),
        _ => out.push_str(&format!("\\U{u:08x}")),
    }
}

fn quoted(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        if c == quote || c == '\\' {
            out.push('\\');
            out.push(c);
        } else if (c.is_ascii() || !ascii_only) && char_isprintable(c) {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out.push(quote);
    out
}

/// `repr(s)`: CPython's quote choice and escapes.
pub fn str_repr(s: &str) -> String {
    quoted(s, false)
}

/// `ascii(s)`: like repr but every non-ASCII character escaped.
pub fn str_ascii(s: &str) -> String {
    quoted(s, true)
}

/// Escapes the non-ASCII characters of an already built repr (for
/// `ascii()` of containers and other objects).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    out
}
