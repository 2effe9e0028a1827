//! repr() and str() of values, type names, and the placeholders for the pure text functions.

use super::value::*;
use super::{sym, Flow, Vm, R};

/// CPython's float repr. TODO(text): switch to `crate::pyfmt::float_repr` once it exists.
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() { "-0.0".into() } else { "0.0".into() };
    }
    let e = format!("{:e}", x);
    let (mant, exp) = e.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if (-4..16).contains(&exp) {
        let s = format!("{}", x);
        if s.contains('.') {
            s
        } else {
            format!("{}.0", s)
        }
    } else {
        format!("{}e{}{:02}", mant, if exp < 0 { '-' } else { '+' }, exp.abs())
    }
}

/// Python's repr of a str: single quotes unless the text has one and no double quote.
pub fn str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c)
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (0x80..0xa0).contains(&(c as u32)) => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

pub fn addr(id: u32) -> String {
    format!("0x7f3a{:08x}", 0x1000 + id as u64 * 48)
}

impl Vm {
    pub fn class_id_of(&self, v: &Value) -> Option<u32> {
        let tag = match v {
            Value::None => Tag::NoneType,
            Value::Undef => return None,
            Value::Bool(_) => Tag::Bool,
            Value::Int(_) | Value::Big(_) => Tag::Int,
            Value::Float(_) => Tag::Float,
            Value::Str(_) => Tag::Str,
            Value::Builtin(_) => Tag::BuiltinFunction,
            Value::Ellipsis => Tag::Ellipsis,
            Value::NotImplemented => Tag::NotImplemented,
            Value::Obj(id) => match self.get(*id) {
                Obj::Inst(i) => return Some(i.class),
                Obj::List(_) => Tag::List,
                Obj::Tuple(_) => Tag::Tuple,
                Obj::Dict(_) => Tag::Dict,
                Obj::Set(_) => Tag::Set,
                Obj::FrozenSet(_) => Tag::FrozenSet,
                Obj::Func(_) => Tag::Function,
                Obj::Class(_) => Tag::Type,
                Obj::Bound { .. } => Tag::Method,
                Obj::Module { .. } => Tag::Module,
                Obj::Cell(_) => Tag::Cell,
                Obj::Range { .. } => Tag::Range,
                Obj::Iter(_) => Tag::Iterator,
                Obj::Gen(_) => Tag::Generator,
                Obj::Slice(..) => Tag::Slice,
                Obj::StaticMethod(_) => Tag::StaticMethod,
                Obj::ClassMethod(_) => Tag::ClassMethod,
                Obj::Property { .. } => Tag::Property,
                Obj::Super { .. } => Tag::Super,
                Obj::File(_) => Tag::File,
                Obj::Free => return None,
            },
        };
        self.types.get(&tag).copied()
    }

    pub fn class_name(&self, cls: u32) -> String {
        match self.get(cls) {
            Obj::Class(c) => c.name.to_string(),
            _ => "?".into(),
        }
    }

    pub fn type_name(&self, v: &Value) -> String {
        match v {
            Value::Obj(id) => match self.get(*id) {
                Obj::Iter(it) => match &**it {
                    IterState::Seq { obj, .. } => match self.get(*obj) {
                        Obj::Tuple(_) => "tuple_iterator".into(),
                        _ => "list_iterator".into(),
                    },
                    IterState::Str { .. } => "str_ascii_iterator".into(),
                    IterState::Range { .. } => "range_iterator".into(),
                    IterState::Dict { kind: 0, .. } => "dict_keyiterator".into(),
                    IterState::Dict { kind: 1, .. } => "dict_valueiterator".into(),
                    IterState::Dict { .. } => "dict_itemiterator".into(),
                    IterState::Enumerate { .. } => "enumerate".into(),
                    IterState::Zip { .. } => "zip".into(),
                    IterState::Map { .. } => "map".into(),
                    IterState::Filter { .. } => "filter".into(),
                    _ => "iterator".into(),
                },
                _ => self.class_id_of(v).map(|c| self.class_name(c)).unwrap_or_default(),
            },
            _ => self.class_id_of(v).map(|c| self.class_name(c)).unwrap_or_default(),
        }
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> R<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Obj(id) if matches!(self.get(*id), Obj::Inst(_)) => {
                if let Some(m) = self.lookup_class_attr(v, sym::STR) {
                    let r = self.call_sync(m, vec![v.clone()], vec![])?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => {
                            let t = self.type_name(&other);
                            self.type_error(format!("__str__ returned non-string (type {})", t))
                        }
                    };
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    pub fn repr(&mut self, v: &Value) -> R<String> {
        let mut seen = vec![];
        self.repr_in(v, &mut seen)
    }

    fn repr_seq(&mut self, items: &[Value], seen: &mut Vec<u32>) -> R<Vec<String>> {
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            out.push(self.repr_in(x, seen)?);
        }
        Ok(out)
    }

    fn repr_in(&mut self, v: &Value, seen: &mut Vec<u32>) -> R<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Undef => "<undefined>".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Big(b) => b.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Builtin(b) => format!("<built-in function {}>", super::builtins::builtin_name(*b)),
            Value::Obj(id) => {
                let id = *id;
                if seen.contains(&id) {
                    return Ok(match self.get(id) {
                        Obj::List(_) => "[...]".into(),
                        Obj::Dict(_) => "{...}".into(),
                        _ => "...".into(),
                    });
                }
                match self.get(id).clone() {
                    Obj::List(items) => {
                        seen.push(id);
                        let parts = self.repr_seq(&items, seen)?;
                        seen.pop();
                        format!("[{}]", parts.join(", "))
                    }
                    Obj::Tuple(items) => {
                        seen.push(id);
                        let parts = self.repr_seq(&items, seen)?;
                        seen.pop();
                        if parts.len() == 1 {
                            format!("({},)", parts[0])
                        } else {
                            format!("({})", parts.join(", "))
                        }
                    }
                    Obj::Dict(d) => {
                        seen.push(id);
                        let mut parts = vec![];
                        for (k, v) in d.iter() {
                            let ks = self.repr_in(k, seen)?;
                            let vs = self.repr_in(v, seen)?;
                            parts.push(format!("{}: {}", ks, vs));
                        }
                        seen.pop();
                        format!("{{{}}}", parts.join(", "))
                    }
                    Obj::Set(d) | Obj::FrozenSet(d) => {
                        let frozen = matches!(self.get(id), Obj::FrozenSet(_));
                        let keys: Vec<Value> = d.iter().map(|e| e.0.clone()).collect();
                        let parts = self.repr_seq(&keys, seen)?;
                        match (frozen, parts.is_empty()) {
                            (false, true) => "set()".into(),
                            (false, false) => format!("{{{}}}", parts.join(", ")),
                            (true, true) => "frozenset()".into(),
                            (true, false) => format!("frozenset({{{}}})", parts.join(", ")),
                        }
                    }
                    Obj::Func(f) => format!("<function {} at {}>", f.qualname, addr(id)),
                    Obj::Class(c) => {
                        if c.tag.is_some() || &*c.module == "builtins" {
                            format!("<class '{}'>", c.name)
                        } else {
                            format!("<class '{}.{}'>", c.module, c.qualname)
                        }
                    }
                    Obj::Inst(_) => {
                        if let Some(m) = self.lookup_class_attr(v, sym::REPR) {
                            seen.push(id);
                            let r = self.call_sync(m, vec![v.clone()], vec![]);
                            seen.pop();
                            return match r? {
                                Value::Str(s) => Ok(s.to_string()),
                                other => {
                                    let t = self.type_name(&other);
                                    self.type_error(format!("__repr__ returned non-string (type {})", t))
                                }
                            };
                        }
                        let cls = self.class_id_of(v).unwrap();
                        let (m, q) = match self.get(cls) {
                            Obj::Class(c) => (c.module.clone(), c.qualname.clone()),
                            _ => unreachable!(),
                        };
                        format!("<{}.{} object at {}>", m, q, addr(id))
                    }
                    Obj::Bound { slf, func } => {
                        let fname = match &func {
                            Value::Obj(f) => match self.get(*f) {
                                Obj::Func(f) => f.qualname.to_string(),
                                _ => "?".into(),
                            },
                            Value::Builtin(b) => {
                                let n = super::builtins::builtin_name(*b);
                                let t = self.type_name(&slf);
                                return Ok(format!("<built-in method {} of {} object at {}>", n, t, addr(slf.obj().unwrap_or(0))));
                            }
                            _ => "?".into(),
                        };
                        let s = self.repr_in(&slf, seen)?;
                        format!("<bound method {} of {}>", fname, s)
                    }
                    Obj::Module { name, .. } => format!("<module '{}'>", name),
                    Obj::Cell(_) => format!("<cell at {}>", addr(id)),
                    Obj::Range { start, stop, step } => {
                        if step == 1 {
                            format!("range({}, {})", start, stop)
                        } else {
                            format!("range({}, {}, {})", start, stop, step)
                        }
                    }
                    Obj::Iter(_) => format!("<{} object at {}>", self.type_name(v), addr(id)),
                    Obj::Gen(g) => format!("<generator object {} at {}>", g.name, addr(id)),
                    Obj::Slice(a, b, c) => {
                        let a = self.repr_in(&a, seen)?;
                        let b = self.repr_in(&b, seen)?;
                        let c = self.repr_in(&c, seen)?;
                        format!("slice({}, {}, {})", a, b, c)
                    }
                    Obj::StaticMethod(_) => format!("<staticmethod object at {}>", addr(id)),
                    Obj::ClassMethod(_) => format!("<classmethod object at {}>", addr(id)),
                    Obj::Property { .. } => format!("<property object at {}>", addr(id)),
                    Obj::Super { .. } => "<super object>".into(),
                    Obj::File(f) => format!("<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>", f.path, f.mode),
                    Obj::Free => "<freed>".into(),
                }
            }
        })
    }

    /// `format(v, spec)` (f-strings, str.format). TODO(text): call crate::pyfmt once it exists.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> R<String> {
        if let Value::Obj(_) = v {
            if let Some(m) = self.lookup_class_attr(v, sym::FORMAT) {
                let r = self.call_sync(m, vec![v.clone(), Value::str(spec)], vec![])?;
                return self.to_str(&r);
            }
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        let r = match v {
            Value::Int(i) => placeholder_format_num(&i.to_string(), None, spec),
            Value::Bool(b) => placeholder_format_num(&(*b as i64).to_string(), None, spec),
            Value::Big(b) => placeholder_format_num(&b.to_string(), None, spec),
            Value::Float(f) => placeholder_format_num(&float_repr(*f), Some(*f), spec),
            Value::Str(s) => placeholder_format_str(s, spec),
            _ => {
                let s = self.to_str(v)?;
                placeholder_format_str(&s, spec)
            }
        };
        r.map_err(|m| {
            let e = self.new_exc("ValueError", &m);
            Flow::Exc(e)
        })
    }
}

fn pad(s: &str, fill: char, align: char, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        return s.to_string();
    }
    let k = width - n;
    let f = |c: usize| std::iter::repeat(fill).take(c).collect::<String>();
    match align {
        '<' => format!("{}{}", s, f(k)),
        '^' => format!("{}{}{}", f(k / 2), s, f(k - k / 2)),
        _ => format!("{}{}", f(k), s),
    }
}

struct Spec {
    fill: char,
    align: Option<char>,
    zero: bool,
    width: usize,
    prec: Option<usize>,
    ty: Option<char>,
    comma: bool,
    sign: Option<char>,
}

fn parse_spec(spec: &str) -> Spec {
    let cs: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut sp = Spec { fill: ' ', align: None, zero: false, width: 0, prec: None, ty: None, comma: false, sign: None };
    if cs.len() >= 2 && "<>^=".contains(cs[1]) {
        sp.fill = cs[0];
        sp.align = Some(cs[1]);
        i = 2;
    } else if !cs.is_empty() && "<>^=".contains(cs[0]) {
        sp.align = Some(cs[0]);
        i = 1;
    }
    if i < cs.len() && "+- ".contains(cs[i]) {
        sp.sign = Some(cs[i]);
        i += 1;
    }
    if i < cs.len() && cs[i] == '0' {
        sp.zero = true;
        i += 1;
    }
    let mut w = String::new();
    while i < cs.len() && cs[i].is_ascii_digit() {
        w.push(cs[i]);
        i += 1;
    }
    sp.width = w.parse().unwrap_or(0);
    if i < cs.len() && (cs[i] == ',' || cs[i] == '_') {
        sp.comma = true;
        i += 1;
    }
    if i < cs.len() && cs[i] == '.' {
        i += 1;
        let mut p = String::new();
        while i < cs.len() && cs[i].is_ascii_digit() {
            p.push(cs[i]);
            i += 1;
        }
        sp.prec = p.parse().ok();
    }
    if i < cs.len() {
        sp.ty = Some(cs[i]);
    }
    sp
}

fn group(digits: &str) -> String {
    let (neg, d) = digits.strip_prefix('-').map(|d| (true, d)).unwrap_or((false, digits));
    let (int, frac) = d.split_once('.').map(|(a, b)| (a, Some(b))).unwrap_or((d, None));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let mut s = if neg { format!("-{}", out) } else { out };
    if let Some(f) = frac {
        s.push('.');
        s.push_str(f);
    }
    s
}

fn placeholder_format_num(text: &str, f: Option<f64>, spec: &str) -> Result<String, String> {
    let sp = parse_spec(spec);
    let mut s = match (sp.ty, f) {
        (Some('f') | Some('F'), Some(x)) => format!("{:.*}", sp.prec.unwrap_or(6), x),
        (Some('f') | Some('F'), None) => format!("{:.*}", sp.prec.unwrap_or(6), text.parse::<f64>().unwrap_or(0.0)),
        (Some('e'), x) => {
            let x = x.unwrap_or_else(|| text.parse().unwrap_or(0.0));
            let e = format!("{:.*e}", sp.prec.unwrap_or(6), x);
            let (m, ex) = e.split_once('e').unwrap();
            let ex: i32 = ex.parse().unwrap();
            format!("{}e{}{:02}", m, if ex < 0 { '-' } else { '+' }, ex.abs())
        }
        (Some('%'), x) => {
            let x = x.unwrap_or_else(|| text.parse().unwrap_or(0.0));
            format!("{:.*}%", sp.prec.unwrap_or(6), x * 100.0)
        }
        (Some('x'), None) => format!("{:x}", text.parse::<i64>().unwrap_or(0)),
        (Some('X'), None) => format!("{:X}", text.parse::<i64>().unwrap_or(0)),
        (Some('b'), None) => format!("{:b}", text.parse::<i64>().unwrap_or(0)),
        (Some('o'), None) => format!("{:o}", text.parse::<i64>().unwrap_or(0)),
        (None, Some(x)) if sp.prec.is_some() => {
            let p = sp.prec.unwrap().max(1);
            let r = format!("{:.*e}", p - 1, x);
            let v: f64 = r.parse().unwrap_or(x);
            float_repr(v)
        }
        (Some('g'), Some(x)) => {
            let p = sp.prec.unwrap_or(6).max(1);
            let r = format!("{:.*e}", p - 1, x);
            let v: f64 = r.parse().unwrap_or(x);
            let s = float_repr(v);
            s.strip_suffix(".0").map(|t| t.to_string()).unwrap_or(s)
        }
        (Some('d') | None, _) => text.to_string(),
        (Some(c), _) => return Err(format!("Unknown format code '{}' for object of type 'int'", c)),
    };
    if sp.comma {
        s = group(&s);
    }
    if sp.sign == Some('+') && !s.starts_with('-') {
        s = format!("+{}", s);
    }
    if sp.zero && sp.align.is_none() {
        let neg = s.starts_with('-') || s.starts_with('+');
        let (sg, body) = if neg { s.split_at(1) } else { ("", s.as_str()) };
        let w = sp.width.saturating_sub(sg.len());
        return Ok(format!("{}{}", sg, pad(body, '0', '>', w)));
    }
    Ok(pad(&s, sp.fill, sp.align.unwrap_or('>'), sp.width))
}

fn placeholder_format_str(s: &str, spec: &str) -> Result<String, String> {
    let sp = parse_spec(spec);
    let s: String = match sp.prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(&s, sp.fill, sp.align.unwrap_or('<'), sp.width))
}

impl Vm {
    /// A repr that runs no Python code (for the memory view, which must not disturb the
    /// process): user `__repr__`s are not called, instances show as `<Class object>`.
    pub fn display(&self, v: &Value, depth: usize) -> String {
        if depth > 6 {
            return "...".into();
        }
        match v {
            Value::Obj(id) => match self.get(*id) {
                Obj::List(items) => format!("[{}]", items.iter().map(|x| self.display(x, depth + 1)).collect::<Vec<_>>().join(", ")),
                Obj::Tuple(items) => {
                    let parts: Vec<String> = items.iter().map(|x| self.display(x, depth + 1)).collect();
                    if parts.len() == 1 {
                        format!("({},)", parts[0])
                    } else {
                        format!("({})", parts.join(", "))
                    }
                }
                Obj::Dict(d) => format!(
                    "{{{}}}",
                    d.iter().map(|(k, x)| format!("{}: {}", self.display(k, depth + 1), self.display(x, depth + 1))).collect::<Vec<_>>().join(", ")
                ),
                Obj::Set(d) if d.is_empty() => "set()".into(),
                Obj::Set(d) => format!("{{{}}}", d.iter().map(|(k, _)| self.display(k, depth + 1)).collect::<Vec<_>>().join(", ")),
                Obj::Inst(i) => {
                    let n = self.class_name(i.class);
                    if i.exc.is_some() {
                        format!("{}(...)", n)
                    } else {
                        format!("<{} object>", n)
                    }
                }
                Obj::Range { start, stop, step } => {
                    if *step == 1 {
                        format!("range({}, {})", start, stop)
                    } else {
                        format!("range({}, {}, {})", start, stop, step)
                    }
                }
                _ => format!("<{}>", self.type_name(v)),
            },
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Big(b) => b.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            _ => format!("<{}>", self.type_name(v)),
        }
    }
}
