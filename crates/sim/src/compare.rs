//! Comparing a program's output with CPython's under a declared mode.
//!
//! The same rules as the tutorial corpus's `compare.py`, so that golden programs and corpus
//! programs are judged alike. Every mode first drops traceback frames of files other than the
//! program (CPython's library internals differ by design), CPython 3.11's `^~~~` marker lines and
//! directory parts of paths. Then:
//! - `exact`: identical text; `lines`: the same lines in any order;
//! - `normalized`: in order, after masking what varies between runs ([`normalize`]: addresses,
//!   dates, times, floats, integers of 3+ digits such as pids);
//! - `multiset-normalized`: masked, any order; `multiset-digits`: every number masked, any order;
//! - `superset`: every expected (masked) line is there, extra lines allowed;
//! - `prefix-N` / `suffix-N`: only the first / last N masked lines must match.
//!
//! The masks are hand-written scanners rather than regexes because they rely on look-behind,
//! which the `regex` crate does not have; each one reproduces Python's `re.sub` of the pattern
//! quoted in its doc.

/// A comparison mode, as declared in a program's header (`# mode: normalized`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Exact,
    Lines,
    Normalized,
    MultisetNormalized,
    MultisetDigits,
    Superset,
    Prefix(usize),
    Suffix(usize),
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        Some(match s {
            "exact" => Mode::Exact,
            "lines" => Mode::Lines,
            "normalized" => Mode::Normalized,
            "multiset-normalized" => Mode::MultisetNormalized,
            "multiset-digits" => Mode::MultisetDigits,
            "superset" => Mode::Superset,
            _ => {
                if let Some(n) = s.strip_prefix("prefix-") {
                    Mode::Prefix(n.parse().ok()?)
                } else if let Some(n) = s.strip_prefix("suffix-") {
                    Mode::Suffix(n.parse().ok()?)
                } else {
                    return None;
                }
            }
        })
    }
}

/// The header of a test program: its mode (`# mode: X` or `# corpus-mode: X`, default exact)
/// and its extra command-line arguments (`# args: --cpus 2`). Only comment lines at the top count.
pub fn header(source: &str) -> (Result<Mode, String>, Vec<String>) {
    let mut mode = Ok(Mode::Exact);
    let mut args = Vec::new();
    for line in source.lines() {
        let t = line.trim_start();
        if !t.starts_with('#') {
            if t.is_empty() {
                continue;
            }
            break;
        }
        let body = t.trim_start_matches('#').trim_start();
        if let Some(rest) = body
            .strip_prefix("mode:")
            .or_else(|| body.strip_prefix("corpus-mode:"))
        {
            let name = rest.split_whitespace().next().unwrap_or("");
            mode = Mode::parse(name).ok_or_else(|| format!("unknown mode {name:?}"));
        } else if let Some(rest) = body.strip_prefix("args:") {
            args = rest.split_whitespace().map(String::from).collect();
        }
    }
    (mode, args)
}

/// Compares `actual` with `expected` for the program named `program` (a file name or path).
/// `Err` describes the first difference.
pub fn compare(expected: &str, actual: &str, program: &str, mode: &Mode) -> Result<(), String> {
    let e = canonical_tracebacks(expected, program);
    let a = canonical_tracebacks(actual, program);
    let lines = |s: &str| -> Vec<String> { s.lines().map(String::from).collect() };
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    let (x, y) = match mode {
        Mode::Exact => {
            if e == a {
                return Ok(());
            }
            (lines(&e), lines(&a))
        }
        Mode::Lines => (sorted(lines(&e)), sorted(lines(&a))),
        Mode::Normalized => (lines(&normalize(&e)), lines(&normalize(&a))),
        Mode::MultisetNormalized => (sorted(lines(&normalize(&e))), sorted(lines(&normalize(&a)))),
        Mode::MultisetDigits => (
            sorted(lines(&mask_all_digits(&normalize(&e)))),
            sorted(lines(&mask_all_digits(&normalize(&a)))),
        ),
        Mode::Superset => {
            let want = lines(&normalize(&e));
            let mut have = sorted(lines(&normalize(&a)));
            let mut missing = Vec::new();
            for l in sorted(want) {
                match have.binary_search(&l) {
                    Ok(i) => {
                        have.remove(i);
                    }
                    Err(_) => missing.push(l),
                }
            }
            return match missing.first() {
                None => Ok(()),
                Some(l) => Err(format!("missing line {l:?}")),
            };
        }
        Mode::Prefix(n) => {
            let (x, y) = (lines(&normalize(&e)), lines(&normalize(&a)));
            (
                x.into_iter().take(*n).collect(),
                y.into_iter().take(*n).collect(),
            )
        }
        Mode::Suffix(n) => {
            let (x, y) = (lines(&normalize(&e)), lines(&normalize(&a)));
            (
                x[x.len().saturating_sub(*n)..].to_vec(),
                y[y.len().saturating_sub(*n)..].to_vec(),
            )
        }
    };
    if x == y && *mode != Mode::Exact {
        return Ok(());
    }
    for (i, (l, r)) in x.iter().zip(&y).enumerate() {
        if l != r {
            return Err(format!("line {}: expected {l:?}, got {r:?}", i + 1));
        }
    }
    if x.len() == y.len() {
        // Exact mode: same lines, different line endings or a missing final newline.
        return Err("the same lines, but the text differs (line endings?)".into());
    }
    let extra = if x.len() > y.len() {
        format!("first missing: {:?}", x[y.len()])
    } else {
        format!("first extra: {:?}", y[x.len()])
    };
    Err(format!(
        "expected {} lines, got {} ({extra})",
        x.len(),
        y.len()
    ))
}

/// Keeps traceback frames of the program's own file only, drops `^~~` lines, reduces paths to
/// the file name.
pub fn canonical_tracebacks(text: &str, program: &str) -> String {
    let own = program.rsplit('/').next().unwrap_or(program);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let frame = frame_file(lines[i]);
        if let Some(f) = frame {
            if f.rsplit('/').next() != Some(own) {
                i += 1;
                if i < lines.len() && lines[i].starts_with("    ") && frame_file(lines[i]).is_none()
                {
                    i += 1;
                }
                continue;
            }
        }
        let line = if frame.is_some() {
            mask_paths(lines[i])
        } else {
            lines[i].to_string()
        };
        if !is_carets(&line) {
            out.push(line);
        }
        i += 1;
    }
    let mut s = out.join("\n");
    if text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The file of a traceback frame line: `^\s*File "([^"]*)", line \d+`.
fn frame_file(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix("File \"")?;
    let end = rest.find('"')?;
    let after = rest[end + 1..].strip_prefix(", line ")?;
    after
        .starts_with(|c: char| c.is_ascii_digit())
        .then_some(&rest[..end])
}

/// `^\s*[\^~]+\s*$`
fn is_carets(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.chars().all(|c| c == '^' || c == '~')
}

/// `File "[^"]*/([^"/]+)"` -> `File "\1"`.
fn mask_paths(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("File \"") {
        let (before, from) = rest.split_at(pos);
        out.push_str(before);
        let inner = &from[6..];
        match inner.find('"') {
            Some(end) => {
                let path = &inner[..end];
                match path.rfind('/') {
                    Some(slash) if slash + 1 < path.len() => {
                        out.push_str("File \"");
                        out.push_str(&path[slash + 1..]);
                        out.push('"');
                        rest = &inner[end + 1..];
                    }
                    _ => {
                        out.push_str("File \"");
                        rest = inner;
                    }
                }
            }
            None => {
                out.push_str(from);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Masks what varies from run to run, in compare.py's order: paths, `0x..` addresses,
/// date-times, dates, times, floats, then integers of 3+ digits (pids and the like).
pub fn normalize(text: &str) -> String {
    let t = mask_paths(text);
    let t = mask_addresses(&t);
    let t = mask_dates(&t);
    let t = mask_times(&t);
    let t = mask_floats(&t);
    mask_ints(&t)
}

fn digit(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_ascii_digit())
}

/// Length of the run of ASCII digits at `i`.
fn digits_at(c: &[char], i: usize) -> usize {
    c[i.min(c.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count()
}

/// Runs `matcher` at each position; where it returns a length, that text becomes `rep`.
fn replace_with(
    text: &str,
    rep: &str,
    matcher: impl Fn(&[char], usize) -> Option<usize>,
) -> String {
    let c: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < c.len() {
        match matcher(&c, i) {
            Some(n) if n > 0 => {
                out.push_str(rep);
                i += n;
            }
            _ => {
                out.push(c[i]);
                i += 1;
            }
        }
    }
    out
}

/// `0x[0-9a-fA-F]+`
fn mask_addresses(text: &str) -> String {
    replace_with(text, "<ADDR>", |c, i| {
        if c[i] != '0' || c.get(i + 1) != Some(&'x') {
            return None;
        }
        let n = c[i + 2..]
            .iter()
            .take_while(|c| c.is_ascii_hexdigit())
            .count();
        (n > 0).then_some(n + 2)
    })
}

/// Exactly `n` digits at `i`, then (if given) the char `sep`: the length matched.
fn fixed(c: &[char], i: usize, pattern: &str) -> Option<usize> {
    let mut j = i;
    for p in pattern.chars() {
        let ch = c.get(j)?;
        let ok = match p {
            'd' => ch.is_ascii_digit(),
            ' ' => *ch == ' ' || *ch == 'T',
            other => *ch == other,
        };
        if !ok {
            return None;
        }
        j += 1;
    }
    Some(j - i)
}

/// `\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?` -> `<DATETIME>`, then `\d{4}-\d{2}-\d{2}` -> `<DATE>`.
fn mask_dates(text: &str) -> String {
    let t = replace_with(text, "<DATETIME>", |c, i| {
        let n = fixed(c, i, "dddd-dd-dd dd:dd:dd")?;
        let j = i + n;
        if c.get(j) == Some(&'.') && digit(c.get(j + 1)) {
            Some(n + 1 + digits_at(c, j + 1))
        } else {
            Some(n)
        }
    });
    replace_with(&t, "<DATE>", |c, i| fixed(c, i, "dddd-dd-dd"))
}

/// `(?<!\d)\d{1,2}:\d{2}:\d{2}(?!\d)` -> `<TIME>`
fn mask_times(text: &str) -> String {
    replace_with(text, "<TIME>", |c, i| {
        if i > 0 && c[i - 1].is_ascii_digit() {
            return None;
        }
        let h = digits_at(c, i);
        if !(1..=2).contains(&h) {
            return None;
        }
        let n = fixed(c, i + h, ":dd:dd")?;
        if digit(c.get(i + h + n)) {
            return None;
        }
        Some(h + n)
    })
}

/// `(?<![\d.])\d+\.\d+(?![\d.])` -> `<FLOAT>`
fn mask_floats(text: &str) -> String {
    replace_with(text, "<FLOAT>", |c, i| {
        if i > 0 && (c[i - 1].is_ascii_digit() || c[i - 1] == '.') {
            return None;
        }
        let a = digits_at(c, i);
        if a == 0 || c.get(i + a) != Some(&'.') {
            return None;
        }
        let b = digits_at(c, i + a + 1);
        if b == 0 {
            return None;
        }
        let end = i + a + 1 + b;
        if c.get(end)
            .is_some_and(|ch| ch.is_ascii_digit() || *ch == '.')
        {
            return None;
        }
        Some(end - i)
    })
}

/// `(?<!\d)\d{3,}(?!\d)` -> `<INT>`
fn mask_ints(text: &str) -> String {
    replace_with(text, "<INT>", |c, i| {
        if i > 0 && c[i - 1].is_ascii_digit() {
            return None;
        }
        let n = digits_at(c, i);
        (n >= 3).then_some(n)
    })
}

/// `\d+` -> `<N>`
fn mask_all_digits(text: &str) -> String {
    replace_with(text, "<N>", |c, i| {
        if i > 0 && c[i - 1].is_ascii_digit() {
            return None;
        }
        Some(digits_at(c, i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected strings below were produced by compare.py's `normalize` under python3.
    #[test]
    fn masks_like_compare_py() {
        let cases = [
            ("pid 4242 of 12", "pid <INT> of 12"),
            ("took 0.25s, x=1.2.3, 3.", "took <FLOAT>s, x=1.2.3, 3."),
            ("at 0x7f3a9c <obj 0xZ>", "at <ADDR> <obj 0xZ>"),
            (
                "2026-11-24 16:01:53.123 and 2026-11-24T01:02:03 and 2026-11-24",
                "<DATETIME> and <DATETIME> and <DATE>",
            ),
            (
                "12:34:56 1:02:03 123:45:67 12:34:567",
                "<TIME> <TIME> <INT>:45:67 12:34:<INT>",
            ),
            ("12345-12-12", "1<DATE>"),
            (
                "  File \"/tmp/x/prog.py\", line 3, in <module>",
                "  File \"prog.py\", line 3, in <module>",
            ),
            ("1e+16 100.0 -3.5 .5", "1e+16 <FLOAT> -<FLOAT> .5"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn tracebacks_keep_own_frames() {
        let text = "Traceback (most recent call last):\n  File \"/home/u/prog.py\", line 5, in <module>\n    f()\n    ^^^\n  File \"/usr/lib/python3.11/multiprocessing/process.py\", line 108, in run\n    self._target(*self._args, **self._kwargs)\nValueError: x\n";
        assert_eq!(
            canonical_tracebacks(text, "prog.py"),
            "Traceback (most recent call last):\n  File \"prog.py\", line 5, in <module>\n    f()\nValueError: x\n"
        );
    }

    #[test]
    fn modes() {
        let m = |s| Mode::parse(s).unwrap();
        assert!(compare("a\nb\n", "a\nb\n", "p.py", &m("exact")).is_ok());
        assert!(compare("a\nb\n", "a\nb", "p.py", &m("exact")).is_err());
        assert!(compare("a\nb\n", "b\na\n", "p.py", &m("exact")).is_err());
        assert!(compare("a\nb\n", "b\na\n", "p.py", &m("lines")).is_ok());
        assert!(compare("pid 4001\n", "pid 5123\n", "p.py", &m("normalized")).is_ok());
        assert!(compare("pid 4001\n", "pid 51\n", "p.py", &m("normalized")).is_err());
        assert!(compare(
            "a 1001\nb\n",
            "b\na 2002\n",
            "p.py",
            &m("multiset-normalized")
        )
        .is_ok());
        assert!(compare("w 1 won\n", "w 4 won\n", "p.py", &m("multiset-digits")).is_ok());
        assert!(compare("a\na\n", "x\na\na\n", "p.py", &m("superset")).is_ok());
        assert!(compare("a\na\n", "x\na\n", "p.py", &m("superset")).is_err());
        assert!(compare("a\nb\nc\n", "a\nb\nz\nq\n", "p.py", &m("prefix-2")).is_ok());
        assert!(compare("a\nb\nc\n", "a\nz\nc\n", "p.py", &m("prefix-2")).is_err());
        assert!(compare("x\nb\nc\n", "y\nq\nb\nc\n", "p.py", &m("suffix-2")).is_ok());
        assert!(Mode::parse("prefix-x").is_none());
        let err = compare("a\nb\n", "a\nc\n", "p.py", &m("exact")).unwrap_err();
        assert_eq!(err, "line 2: expected \"b\", got \"c\"");
    }

    #[test]
    fn header_reads_mode_and_args() {
        let (mode, args) = header(
            "# checks x\n# mode: prefix-3\n# args: --cpus 2 --seed 7\nprint(1)\n# mode: lines\n",
        );
        assert_eq!(mode, Ok(Mode::Prefix(3)));
        assert_eq!(args, vec!["--cpus", "2", "--seed", "7"]);
        assert_eq!(header("print(1)\n").0, Ok(Mode::Exact));
        assert_eq!(header("# corpus-mode: lines\n").0, Ok(Mode::Lines));
        assert!(header("# mode: fuzzy\n").0.is_err());
    }
}
