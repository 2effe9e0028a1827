//! repr() and str() of values, type names, and the placeholders for the pure text functions.

use super::value::*;
use super::{sym, Flow, Vm, R};

/// CPython's float repr (shortest round-trip digits).
pub fn float_repr(x: f64) -> String {
    crate::pyfmt::float_repr(x)
}

/// Python's repr of a str: single quotes unless the text has one and no double quote.
pub fn str_repr(s: &str) -> String {
    crate::strops::str_repr(s)
}

/// Python's repr of bytes: `b'...'`, quote chosen as for str, non-ASCII as `\xNN`.
pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(q);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == q => {
                out.push('\\');
                out.push(q)
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(q);
    out
}

/// CPython's complex repr: `4j`, `(3+4j)`, `(1.5-2j)`; parts without a trailing `.0`.
pub fn complex_repr(re: f64, im: f64) -> String {
    let part = |x: f64| {
        let s = float_repr(x);
        s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let sign = if im >= 0.0 || im.is_nan() { "+" } else { "-" };
    format!("({}{}{}j)", part(re), sign, part(im.abs()))
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
                Obj::Iter(it) => match &**it {
                    IterState::Map { .. } => Tag::Map,
                    IterState::Filter { .. } => Tag::Filter,
                    IterState::Zip { .. } => Tag::Zip,
                    IterState::Enumerate { .. } => Tag::Enumerate,
                    _ => Tag::Iterator,
                },
                Obj::Gen(_) => Tag::Generator,
                Obj::Slice(..) => Tag::Slice,
                Obj::StaticMethod(_) => Tag::StaticMethod,
                Obj::ClassMethod(_) => Tag::ClassMethod,
                Obj::Property { .. } => Tag::Property,
                Obj::Super { .. } => Tag::Super,
                Obj::File(_) => Tag::File,
                Obj::Bytes(_) => Tag::Bytes,
                Obj::ByteArray(_) => Tag::ByteArray,
                Obj::Complex(..) => Tag::Complex,
                Obj::View { kind: 0, .. } => Tag::DictKeys,
                Obj::View { kind: 1, .. } => Tag::DictValues,
                Obj::View { .. } => Tag::DictItems,
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
                _ => self
                    .class_id_of(v)
                    .map(|c| self.class_name(c))
                    .unwrap_or_default(),
            },
            _ => self
                .class_id_of(v)
                .map(|c| self.class_name(c))
                .unwrap_or_default(),
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
                if let Some(p) = self.payload(v) {
                    return self.to_str(&p);
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// object.__repr__ of instance `id`: `<module.Class object at 0x...>`.
    pub fn object_repr(&self, id: u32) -> String {
        match self.get(self.class_id_of(&Value::Obj(id)).unwrap_or(0)) {
            Obj::Class(c) => format!("<{}.{} object at {}>", c.module, c.qualname, addr(id)),
            _ => format!("<object at {}>", addr(id)),
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
        if seen.len() > super::MAX_REPR_DEPTH {
            return self.err(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            );
        }
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
            Value::Builtin(b) => {
                format!("<built-in function {}>", super::builtins::builtin_name(*b))
            }
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
                        let keys: Vec<Value> = d.set_order();
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
                        if self.lookup_class_attr(v, sym::REPR).is_none() {
                            if let Some(p) = self.payload(v) {
                                return self.repr_in(&p, seen);
                            }
                        }
                        if let Some(m) = self.lookup_class_attr(v, sym::REPR) {
                            seen.push(id);
                            let r = self.call_sync(m, vec![v.clone()], vec![]);
                            seen.pop();
                            return match r? {
                                Value::Str(s) => Ok(s.to_string()),
                                other => {
                                    let t = self.type_name(&other);
                                    self.type_error(format!(
                                        "__repr__ returned non-string (type {})",
                                        t
                                    ))
                                }
                            };
                        }
                        self.object_repr(id)
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
                                return Ok(format!(
                                    "<built-in method {} of {} object at {}>",
                                    n,
                                    t,
                                    addr(slf.obj().unwrap_or(0))
                                ));
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
                    Obj::File(f) => format!(
                        "<_io.TextIOWrapper name='{}' mode='{}' encoding='UTF-8'>",
                        f.path, f.mode
                    ),
                    Obj::View { .. } => {
                        let items = self.collect(v)?;
                        let parts = self.repr_seq(&items, seen)?;
                        format!("{}([{}])", self.type_name(v), parts.join(", "))
                    }
                    Obj::Bytes(b) => bytes_repr(&b),
                    Obj::ByteArray(b) => format!("bytearray({})", bytes_repr(&b)),
                    Obj::Complex(re, im) => complex_repr(re, im),
                    Obj::Free => "<freed>".into(),
                }
            }
        })
    }

    /// `format(v, spec)` (f-strings, str.format, `format()`): user `__format__`, else the
    /// format mini-language of the built-in type.
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
            Value::Int(i) => crate::pyfmt::format_i64(*i, spec),
            Value::Bool(b) => crate::pyfmt::format_i64(*b as i64, spec),
            Value::Big(b) => crate::pyfmt::format_int(b, spec),
            Value::Float(f) => crate::pyfmt::format_float(*f, spec),
            Value::Str(s) => crate::pyfmt::format_str(s, spec),
            Value::Obj(id)
                if matches!(self.get(*id), Obj::Inst(_)) && self.payload(v).is_some() =>
            {
                // A built-in type's subclass: its value's format.
                let p = self.payload(v).unwrap();
                return self.format_value(&p, spec);
            }
            Value::Obj(id) if matches!(self.get(*id), Obj::Complex(..)) => {
                let s = self.to_str(v)?;
                crate::pyfmt::format_str(&s, spec)
            }
            // object.__format__: only the empty spec.
            _ => {
                let t = self.type_name(v);
                return self.type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    t
                ));
            }
        };
        r.map_err(|m| {
            let kind = if m.starts_with("Too many decimal digits") || m.contains("too large") {
                "OverflowError"
            } else {
                "ValueError"
            };
            let e = self.new_exc(kind, &m);
            Flow::Exc(e)
        })
    }
}

impl Vm {
    /// A repr that runs no Python code (for the memory view, which must not disturb the
    /// process): user `__repr__`s are not called, instances show as `<Class object>`.
    pub fn display(&self, v: &Value, depth: usize) -> String {
        if depth > 6 {
            return "...".into();
        }
        let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join(", ");
        match v {
            Value::Obj(id) => match self.get(*id) {
                Obj::List(items) => format!(
                    "[{}]",
                    join(&mut items.iter().map(|x| self.display(x, depth + 1)))
                ),
                Obj::Tuple(items) if items.len() == 1 => {
                    format!("({},)", self.display(&items[0], depth + 1))
                }
                Obj::Tuple(items) => format!(
                    "({})",
                    join(&mut items.iter().map(|x| self.display(x, depth + 1)))
                ),
                Obj::Dict(d) => format!(
                    "{{{}}}",
                    join(&mut d.iter().map(|(k, x)| format!(
                        "{}: {}",
                        self.display(k, depth + 1),
                        self.display(x, depth + 1)
                    )))
                ),
                Obj::Set(d) if d.is_empty() => "set()".into(),
                Obj::Set(d) => format!(
                    "{{{}}}",
                    join(&mut d.set_order().iter().map(|k| self.display(k, depth + 1)))
                ),
                Obj::Inst(i) if i.exc.is_some() => format!("{}(...)", self.class_name(i.class)),
                Obj::Inst(i) => format!("<{} object>", self.class_name(i.class)),
                Obj::Range {
                    start,
                    stop,
                    step: 1,
                } => format!("range({}, {})", start, stop),
                Obj::Range { start, stop, step } => format!("range({}, {}, {})", start, stop, step),
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
