//! The less frequent instructions and the object protocol they rely on: attributes, operators
//! on non-int types, comparisons, iteration, subscripts, truthiness, classes.

use super::code::{BinOpK, CmpK, Code, Op};
use super::num;
use super::value::*;
use super::{builtins, format, modules, sym, Block, Called, Flow, Frame, Ret, Vm, R};
use std::cmp::Ordering;
use std::rc::Rc;

fn op_symbol(k: BinOpK) -> &'static str {
    match k {
        BinOpK::Add => "+",
        BinOpK::Sub => "-",
        BinOpK::Mul => "*",
        BinOpK::MatMul => "@",
        BinOpK::Div => "/",
        BinOpK::FloorDiv => "//",
        BinOpK::Mod => "%",
        BinOpK::Pow => "** or pow()",
        BinOpK::LShift => "<<",
        BinOpK::RShift => ">>",
        BinOpK::Or => "|",
        BinOpK::Xor => "^",
        BinOpK::And => "&",
    }
}

fn op_dunder(k: BinOpK) -> (&'static str, &'static str) {
    match k {
        BinOpK::Add => ("__add__", "__radd__"),
        BinOpK::Sub => ("__sub__", "__rsub__"),
        BinOpK::Mul => ("__mul__", "__rmul__"),
        BinOpK::MatMul => ("__matmul__", "__rmatmul__"),
        BinOpK::Div => ("__truediv__", "__rtruediv__"),
        BinOpK::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOpK::Mod => ("__mod__", "__rmod__"),
        BinOpK::Pow => ("__pow__", "__rpow__"),
        BinOpK::LShift => ("__lshift__", "__rlshift__"),
        BinOpK::RShift => ("__rshift__", "__rrshift__"),
        BinOpK::Or => ("__or__", "__ror__"),
        BinOpK::Xor => ("__xor__", "__rxor__"),
        BinOpK::And => ("__and__", "__rand__"),
    }
}

/// The largest str, bytes, list or tuple that one operation may build, in bytes (an element of a
/// list or tuple counts as 16). The browser gives a Web Worker a few GB at most and an allocation
/// failure aborts the whole worker, so `'x' * 10**9` raises MemoryError (as CPython does when
/// memory runs out) instead.
pub const MAX_SEQ_BYTES: u64 = 256 << 20;

/// Raises MemoryError if `count` items of `item_bytes` each are over [`MAX_SEQ_BYTES`].
pub fn check_seq_size(vm: &mut Vm, count: u64, item_bytes: u64) -> R<()> {
    let bytes = count.saturating_mul(item_bytes);
    if bytes > MAX_SEQ_BYTES {
        let msg = format!(
            "sequence too large ({} bytes; proclab's limit is {} MB)",
            bytes,
            MAX_SEQ_BYTES >> 20
        );
        return Err(Flow::Exc(vm.new_exc("MemoryError", &msg)));
    }
    Ok(())
}

fn repeat<T: Clone>(vm: &mut Vm, v: &[T], n: i64) -> R<Vec<T>> {
    if n <= 0 || v.is_empty() {
        return Ok(vec![]);
    }
    check_seq_size(
        vm,
        v.len() as u64 * n as u64,
        std::mem::size_of::<T>() as u64,
    )?;
    let mut out = Vec::with_capacity(v.len() * n as usize);
    for _ in 0..n {
        out.extend_from_slice(v);
    }
    Ok(out)
}

pub fn binary(vm: &mut Vm, k: BinOpK, a: Value, b: Value, inplace: bool) -> R<Value> {
    if let Some(r) = num::arith(k, &a, &b) {
        return r.map_err(|(kind, msg)| Flow::Exc(vm.new_exc(kind, &msg)));
    }
    match (&a, &b, k) {
        (Value::Str(x), Value::Str(y), BinOpK::Add) => {
            check_seq_size(vm, x.len() as u64 + y.len() as u64, 1)?;
            let mut s = String::with_capacity(x.len() + y.len());
            s.push_str(x);
            s.push_str(y);
            return Ok(Value::Str(Rc::from(s)));
        }
        (Value::Str(x), Value::Int(n), BinOpK::Mul)
        | (Value::Int(n), Value::Str(x), BinOpK::Mul) => {
            let n = (*n).max(0) as u64;
            check_seq_size(vm, x.len() as u64, n)?;
            return Ok(Value::Str(Rc::from(x.repeat(n as usize))));
        }
        (Value::Str(x), Value::Bool(n), BinOpK::Mul) => {
            return Ok(Value::Str(Rc::from(x.repeat(*n as usize))))
        }
        (Value::Str(x), _, BinOpK::Mod) => {
            let x = x.clone();
            return builtins::percent_format(vm, &x, &b).map(|s| Value::Str(Rc::from(s)));
        }
        _ => {}
    }
    if let (Value::Obj(x), Value::Obj(y)) = (&a, &b) {
        let (x, y) = (*x, *y);
        match (vm.get(x), vm.get(y), k) {
            (Obj::List(p), Obj::List(q), BinOpK::Add) => {
                if inplace {
                    let q = q.clone();
                    if let Obj::List(p) = vm.get_mut(x) {
                        p.extend(q);
                    }
                    return Ok(a);
                }
                let mut v = p.clone();
                v.extend_from_slice(q);
                return Ok(vm.new_list(v));
            }
            (Obj::Bytes(p) | Obj::ByteArray(p), Obj::Bytes(q) | Obj::ByteArray(q), BinOpK::Add) => {
                let mut v = p.clone();
                v.extend_from_slice(q);
                // The result has the left operand's type; `+=` on a bytearray extends it.
                if let Obj::ByteArray(_) = vm.get(x) {
                    if inplace {
                        *vm.get_mut(x) = Obj::ByteArray(v);
                        return Ok(a.clone());
                    }
                    return Ok(vm.alloc(Obj::ByteArray(v)));
                }
                return Ok(vm.alloc(Obj::Bytes(v)));
            }
            (Obj::Tuple(p), Obj::Tuple(q), BinOpK::Add) => {
                let mut v = p.clone();
                v.extend_from_slice(q);
                return Ok(vm.new_tuple(v));
            }
            (
                Obj::Set(p) | Obj::FrozenSet(p),
                Obj::Set(q) | Obj::FrozenSet(q),
                BinOpK::Or | BinOpK::And | BinOpK::Sub | BinOpK::Xor,
            ) => {
                // The algorithms of CPython's setobject.c, in slot order, so that the result
                // iterates (prints) in CPython's order.
                let (pk, qk) = (p.set_order(), q.set_order());
                let mut out = Dict::new_set();
                match k {
                    BinOpK::Or => {
                        if p.table.is_some() {
                            out = p.clone();
                        } else {
                            for e in &pk {
                                out.insert(vm.hkey_pure(e), e.clone(), Value::None);
                            }
                        }
                        for e in &qk {
                            out.insert(vm.hkey_pure(e), e.clone(), Value::None);
                        }
                    }
                    BinOpK::And => {
                        // CPython iterates the smaller set and tests membership in the other.
                        let (small, big) = if qk.len() > pk.len() {
                            (&pk, q)
                        } else {
                            (&qk, p)
                        };
                        for e in small {
                            let h = vm.hkey_pure(e);
                            if big.get(&h).is_some() {
                                out.insert(h, e.clone(), Value::None);
                            }
                        }
                    }
                    BinOpK::Sub => {
                        for e in &pk {
                            let h = vm.hkey_pure(e);
                            if q.get(&h).is_none() {
                                out.insert(h, e.clone(), Value::None);
                            }
                        }
                    }
                    _ => {
                        for e in &pk {
                            let h = vm.hkey_pure(e);
                            if q.get(&h).is_none() {
                                out.insert(h, e.clone(), Value::None);
                            }
                        }
                        for e in &qk {
                            let h = vm.hkey_pure(e);
                            if p.get(&h).is_none() {
                                out.insert(h, e.clone(), Value::None);
                            }
                        }
                    }
                }
                let frozen = matches!(vm.get(x), Obj::FrozenSet(_));
                if inplace && !frozen {
                    *vm.get_mut(x) = Obj::Set(out);
                    return Ok(a);
                }
                return Ok(vm.alloc(if frozen {
                    Obj::FrozenSet(out)
                } else {
                    Obj::Set(out)
                }));
            }
            (Obj::Dict(p), Obj::Dict(q), BinOpK::Or) => {
                let mut out = p.clone();
                for (kk, vv) in q.iter() {
                    let h = vm.hkey_pure(kk);
                    out.insert(h, kk.clone(), vv.clone());
                }
                if inplace {
                    *vm.get_mut(x) = Obj::Dict(out);
                    return Ok(a);
                }
                return Ok(vm.alloc(Obj::Dict(out)));
            }
            _ => {}
        }
    }
    if let Value::Obj(x) = &a {
        let x = *x;
        match (vm.get(x), &b, k) {
            (Obj::List(p), _, BinOpK::Mul) if num::is_int(&b) => {
                let (p, n) = (p.clone(), int_arg(&b));
                let v = repeat(vm, &p, n)?;
                return Ok(vm.new_list(v));
            }
            (Obj::Bytes(p), _, BinOpK::Mul) if num::is_int(&b) => {
                let p = p.clone();
                let v = repeat(vm, &p, int_arg(&b))?;
                return Ok(vm.alloc(Obj::Bytes(v)));
            }
            (Obj::Tuple(p), _, BinOpK::Mul) if num::is_int(&b) => {
                let (p, n) = (p.clone(), int_arg(&b));
                let v = repeat(vm, &p, n)?;
                return Ok(vm.new_tuple(v));
            }
            (Obj::List(_), _, BinOpK::Add) if inplace => {
                let items = vm.collect(&b)?;
                if let Obj::List(p) = vm.get_mut(x) {
                    p.extend(items);
                }
                return Ok(a);
            }
            _ => {}
        }
    }
    if let Value::Obj(y) = &b {
        if let (Obj::List(p), true, BinOpK::Mul) = (vm.get(*y), num::is_int(&a), k) {
            let p = p.clone();
            let v = repeat(vm, &p, int_arg(&a))?;
            return Ok(vm.new_list(v));
        }
    }
    // Complex arithmetic (either side complex, the other a number).
    if let (Some(x), Some(y)) = (vm.as_complex(&a), vm.as_complex(&b)) {
        if matches!(vm.get_opt(&a), Some(Obj::Complex(..)))
            || matches!(vm.get_opt(&b), Some(Obj::Complex(..)))
        {
            let r = complex_op(k, x, y).map_err(|(kind, m)| Flow::Exc(vm.new_exc(kind, &m)))?;
            if let Some((re, im)) = r {
                return Ok(vm.alloc(Obj::Complex(re, im)));
            }
        }
    }
    // Dict keys/items views: a set of the left operand's items, then the right one's (either
    // side may be the view, the other any iterable).
    if matches!(k, BinOpK::Or | BinOpK::And | BinOpK::Sub | BinOpK::Xor)
        && [&a, &b]
            .iter()
            .any(|v| matches!(vm.get_opt(v), Some(Obj::View { kind: 0 | 2, .. })))
    {
        let x = builtins::to_set(vm, &a)?;
        let y = builtins::to_set(vm, &b)?;
        let (x, y) = (vm.alloc(Obj::Set(x)), vm.alloc(Obj::Set(y)));
        return binary(vm, k, x, y, false);
    }
    // User-defined operators.
    let (fwd, rev) = op_dunder(k);
    if inplace {
        let iname = format!("__i{}", &fwd[2..]);
        let s = vm.intern(&iname);
        if let Some(m) = vm.lookup_class_attr(&a, s) {
            let r = vm.call_sync(m, vec![a.clone(), b.clone()], vec![])?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
    }
    let s = vm.intern(fwd);
    if let Some(m) = vm.lookup_class_attr(&a, s) {
        let r = vm.call_sync(m, vec![a.clone(), b.clone()], vec![])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    let s = vm.intern(rev);
    if let Some(m) = vm.lookup_class_attr(&b, s) {
        let r = vm.call_sync(m, vec![b.clone(), a.clone()], vec![])?;
        if !matches!(r, Value::NotImplemented) {
            return Ok(r);
        }
    }
    // Subclasses of built-in types: the operator of their native value.
    let (pa, pb) = (vm.payload(&a), vm.payload(&b));
    if pa.is_some() || pb.is_some() {
        return binary(vm, k, pa.unwrap_or(a), pb.unwrap_or(b), inplace);
    }
    let (ta, tb) = (vm.type_name(&a), vm.type_name(&b));
    if k == BinOpK::Add && matches!(a, Value::Str(_)) {
        return vm.type_error(format!("can only concatenate str (not \"{}\") to str", tb));
    }
    if k == BinOpK::Add && matches!(vm.get_opt(&a), Some(Obj::List(_))) && !inplace {
        return vm.type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            tb
        ));
    }
    let is_seq = |vm: &Vm, v: &Value| {
        matches!(v, Value::Str(_)) || matches!(vm.get_opt(v), Some(Obj::List(_) | Obj::Tuple(_)))
    };
    if k == BinOpK::Mul
        && ((is_seq(vm, &a) && !num::is_int(&b)) || (is_seq(vm, &b) && !num::is_int(&a)))
    {
        let other = if is_seq(vm, &a) { &tb } else { &ta };
        return vm.type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            other
        ));
    }
    let sym_s = if inplace {
        format!("{}=", op_symbol(k))
    } else {
        op_symbol(k).to_string()
    };
    vm.type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        sym_s, ta, tb
    ))
}

/// The items of the right side of `a, b = v`: CPython's message when `v` is not iterable.
fn unpack_items(vm: &mut Vm, v: &Value) -> R<Vec<Value>> {
    let r = vm.collect(v);
    if let Err(Flow::Exc(e)) = &r {
        let t = vm.type_name(v);
        if vm.exc_is(e, "TypeError")
            && vm.lookup_class_attr(v, sym::ITER).is_none()
            && vm.to_str(e)? == format!("'{}' object is not iterable", t)
        {
            return vm.type_error(format!("cannot unpack non-iterable {} object", t));
        }
    }
    r
}

fn int_arg(v: &Value) -> i64 {
    match v {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        _ => i64::MAX,
    }
}

fn cmp_symbol(k: CmpK) -> &'static str {
    match k {
        CmpK::Eq => "==",
        CmpK::Ne => "!=",
        CmpK::Lt => "<",
        CmpK::Le => "<=",
        CmpK::Gt => ">",
        CmpK::Ge => ">=",
    }
}

pub fn compare(vm: &mut Vm, k: CmpK, a: &Value, b: &Value) -> R<bool> {
    match k {
        CmpK::Eq => return vm.eq(a, b),
        CmpK::Ne => {
            if let Some(m) = vm.lookup_class_attr(a, sym::NE) {
                let r = vm.call_sync(m, vec![a.clone(), b.clone()], vec![])?;
                if !matches!(r, Value::NotImplemented) {
                    return vm.truthy(&r);
                }
            }
            return vm.eq(a, b).map(|x| !x);
        }
        _ => {}
    }
    match vm.order(a, b, k)? {
        Some(o) => Ok(num::cmp_result(k, Some(o))),
        None => {
            if num::is_num(a) && num::is_num(b) {
                return Ok(false); // NaN
            }
            // User-defined rich comparisons (and their reflections).
            let (fwd, rev) = match k {
                CmpK::Lt => (sym::LT, sym::GT),
                CmpK::Le => (sym::LE, sym::GE),
                CmpK::Gt => (sym::GT, sym::LT),
                _ => (sym::GE, sym::LE),
            };
            if let Some(m) = vm.lookup_class_attr(a, fwd) {
                let r = vm.call_sync(m, vec![a.clone(), b.clone()], vec![])?;
                if !matches!(r, Value::NotImplemented) {
                    return vm.truthy(&r);
                }
            }
            if let Some(m) = vm.lookup_class_attr(b, rev) {
                let r = vm.call_sync(m, vec![b.clone(), a.clone()], vec![])?;
                if !matches!(r, Value::NotImplemented) {
                    return vm.truthy(&r);
                }
            }
            let (ta, tb) = (vm.type_name(a), vm.type_name(b));
            vm.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                cmp_symbol(k),
                ta,
                tb
            ))
        }
    }
}

impl Vm {
    pub fn get_opt(&self, v: &Value) -> Option<&Obj> {
        match v {
            Value::Obj(id) => Some(self.get(*id)),
            _ => None,
        }
    }

    /// Natural ordering of built-in values (`None` if not comparable natively).
    pub fn order(&mut self, a: &Value, b: &Value, k: CmpK) -> R<Option<Ordering>> {
        if let Some(o) = num::num_cmp(a, b) {
            return Ok(Some(o));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => return Ok(Some(x.cmp(y))),
            (Value::Obj(x), Value::Obj(y)) => {
                let pair = match (self.get(*x), self.get(*y)) {
                    (Obj::Bytes(p) | Obj::ByteArray(p), Obj::Bytes(q) | Obj::ByteArray(q)) => {
                        return Ok(Some(p.cmp(q)))
                    }
                    (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                        Some((p.clone(), q.clone()))
                    }
                    (Obj::Set(p) | Obj::FrozenSet(p), Obj::Set(q) | Obj::FrozenSet(q)) => {
                        let sub = p.index.keys().all(|h| q.index.contains_key(h));
                        let sup = q.index.keys().all(|h| p.index.contains_key(h));
                        return Ok(Some(match (sub, sup) {
                            (true, true) => Ordering::Equal,
                            (true, false) => Ordering::Less,
                            (false, true) => Ordering::Greater,
                            // Incomparable sets: every ordering test is False.
                            _ => {
                                return Ok(Some(if matches!(k, CmpK::Lt | CmpK::Le) {
                                    Ordering::Greater
                                } else {
                                    Ordering::Less
                                }))
                            }
                        }));
                    }
                    _ => None,
                };
                if let Some((p, q)) = pair {
                    for (u, w) in p.iter().zip(q.iter()) {
                        if !self.eq(u, w)? {
                            return match self.order(u, w, k)? {
                                Some(o) => Ok(Some(o)),
                                None => compare(self, CmpK::Lt, u, w).map(|lt| {
                                    Some(if lt {
                                        Ordering::Less
                                    } else {
                                        Ordering::Greater
                                    })
                                }),
                            };
                        }
                    }
                    return Ok(Some(p.len().cmp(&q.len())));
                }
            }
            _ => {}
        }
        Ok(None)
    }

    pub fn eq(&mut self, a: &Value, b: &Value) -> R<bool> {
        if let Some(o) = num::num_cmp(a, b) {
            return Ok(o == Ordering::Equal);
        }
        if let (Some(x), Some(y)) = (self.as_complex(a), self.as_complex(b)) {
            if matches!(self.get_opt(a), Some(Obj::Complex(..)))
                || matches!(self.get_opt(b), Some(Obj::Complex(..)))
            {
                return Ok(x == y);
            }
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(x == y),
            (Value::Obj(x), Value::Obj(y)) => {
                if x == y {
                    return Ok(true);
                }
                let (x, y) = (*x, *y);
                match (self.get(x), self.get(y)) {
                    (Obj::List(p), Obj::List(q)) | (Obj::Tuple(p), Obj::Tuple(q)) => {
                        if p.len() != q.len() {
                            return Ok(false);
                        }
                        let (p, q) = (p.clone(), q.clone());
                        for (u, w) in p.iter().zip(q.iter()) {
                            if !self.eq(u, w)? {
                                return Ok(false);
                            }
                        }
                        Ok(true)
                    }
                    (Obj::Dict(p), Obj::Dict(q)) => {
                        if p.len() != q.len() {
                            return Ok(false);
                        }
                        let q = q.clone();
                        let items: Vec<(Value, Value)> = p.iter().cloned().collect();
                        for (k, v) in items {
                            let h = self.hkey(&k)?;
                            match q.get(&h) {
                                Some(w) => {
                                    if !self.eq(&v, w)? {
                                        return Ok(false);
                                    }
                                }
                                None => return Ok(false),
                            }
                        }
                        Ok(true)
                    }
                    (Obj::Set(p) | Obj::FrozenSet(p), Obj::Set(q) | Obj::FrozenSet(q)) => {
                        Ok(p.len() == q.len() && p.index.keys().all(|h| q.index.contains_key(h)))
                    }
                    (Obj::Bytes(p) | Obj::ByteArray(p), Obj::Bytes(q) | Obj::ByteArray(q)) => {
                        Ok(p == q)
                    }
                    (
                        Obj::Range {
                            start: a1,
                            stop: b1,
                            step: c1,
                        },
                        Obj::Range {
                            start: a2,
                            stop: b2,
                            step: c2,
                        },
                    ) => Ok((a1, b1, c1) == (a2, b2, c2)),
                    _ => self.user_eq(a, b),
                }
            }
            (Value::Obj(_), _) | (_, Value::Obj(_)) => self.user_eq(a, b),
            _ => Ok(a.is(b)),
        }
    }

    fn user_eq(&mut self, a: &Value, b: &Value) -> R<bool> {
        if let Some(m) = self.lookup_class_attr(a, sym::EQ) {
            let r = self.call_sync(m, vec![a.clone(), b.clone()], vec![])?;
            if !matches!(r, Value::NotImplemented) {
                return self.truthy(&r);
            }
        }
        if let Some(m) = self.lookup_class_attr(b, sym::EQ) {
            let r = self.call_sync(m, vec![b.clone(), a.clone()], vec![])?;
            if !matches!(r, Value::NotImplemented) {
                return self.truthy(&r);
            }
        }
        // Subclasses of built-in types compare by their native value.
        let (pa, pb) = (self.payload(a), self.payload(b));
        if pa.is_some() || pb.is_some() {
            let x = pa.unwrap_or_else(|| a.clone());
            let y = pb.unwrap_or_else(|| b.clone());
            return self.eq(&x, &y);
        }
        Ok(a.is(b))
    }

    /// A hash key for values whose hash needs no Python code (used for set algebra).
    pub fn hkey_pure(&self, v: &Value) -> HKey {
        match v {
            Value::None => HKey::None,
            Value::Bool(b) => HKey::Int(*b as i64),
            Value::Int(i) => HKey::Int(*i),
            Value::Big(b) => HKey::Big(b.clone()),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.0e18 {
                    HKey::Int(*f as i64)
                } else {
                    HKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HKey::Str(s.clone()),
            Value::Builtin(b) => HKey::Builtin(*b),
            Value::Ellipsis => HKey::Ellipsis,
            Value::Obj(id) => match self.get(*id) {
                Obj::Tuple(items) => HKey::Tuple(items.iter().map(|x| self.hkey_pure(x)).collect()),
                Obj::Bytes(b) => HKey::Bytes(b.clone()),
                Obj::Complex(re, im) if *im == 0.0 => self.hkey_pure(&Value::Float(*re)),
                Obj::Complex(re, im) => {
                    HKey::Tuple(vec![HKey::Float(re.to_bits()), HKey::Float(im.to_bits())])
                }
                _ => HKey::Id(*id),
            },
            _ => HKey::None,
        }
    }

    pub fn hkey(&mut self, v: &Value) -> R<HKey> {
        if let Value::Obj(id) = v {
            match self.get(*id) {
                Obj::List(_) | Obj::Dict(_) | Obj::Set(_) | Obj::ByteArray(_) => {
                    let t = self.type_name(v);
                    return self.type_error(format!("unhashable type: '{}'", t));
                }
                Obj::Tuple(items) => {
                    let items = items.clone();
                    let mut ks = Vec::with_capacity(items.len());
                    for x in &items {
                        ks.push(self.hkey(x)?);
                    }
                    return Ok(HKey::Tuple(ks));
                }
                Obj::FrozenSet(d) => {
                    let mut ks: Vec<HKey> = d.index.keys().cloned().collect();
                    proclab_abi::sort_by_key(&mut ks, |k| format!("{:?}", k));
                    return Ok(HKey::Tuple(ks));
                }
                Obj::Inst(_) => {
                    if self.lookup_class_attr(v, sym::HASH).is_none() {
                        if let Some(p) = self.payload(v) {
                            return self.hkey(&p);
                        }
                    }
                    if let Some(m) = self.lookup_class_attr(v, sym::HASH) {
                        if m.is_none() {
                            let t = self.type_name(v);
                            return self.type_error(format!("unhashable type: '{}'", t));
                        }
                        let r = self.call_sync(m, vec![v.clone()], vec![])?;
                        return match r {
                            Value::Int(i) => Ok(HKey::User(i)),
                            _ => self.type_error("__hash__ method should return an integer"),
                        };
                    }
                    if self.lookup_class_attr(v, sym::EQ).is_some() {
                        let t = self.type_name(v);
                        return self.type_error(format!("unhashable type: '{}'", t));
                    }
                }
                _ => {}
            }
        }
        Ok(self.hkey_pure(v))
    }

    pub fn truthy(&mut self, v: &Value) -> R<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Big(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Obj(id) => match self.get(*id) {
                Obj::Bytes(b) | Obj::ByteArray(b) => !b.is_empty(),
                Obj::Complex(re, im) => *re != 0.0 || *im != 0.0,
                Obj::List(x) | Obj::Tuple(x) => !x.is_empty(),
                Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => !d.is_empty(),
                Obj::View { dict, .. } => match self.get(*dict) {
                    Obj::Dict(d) => !d.is_empty(),
                    _ => false,
                },
                Obj::Range { start, stop, step } => range_len(*start, *stop, *step) > 0,
                Obj::Inst(_) => {
                    if self.lookup_class_attr(v, sym::BOOL).is_none()
                        && self.lookup_class_attr(v, sym::LEN).is_none()
                    {
                        if let Some(p) = self.payload(v) {
                            return self.truthy(&p);
                        }
                    }
                    if let Some(m) = self.lookup_class_attr(v, sym::BOOL) {
                        let r = self.call_sync(m, vec![v.clone()], vec![])?;
                        return self.truthy(&r);
                    }
                    if let Some(m) = self.lookup_class_attr(v, sym::LEN) {
                        let r = self.call_sync(m, vec![v.clone()], vec![])?;
                        return self.truthy(&r);
                    }
                    true
                }
                _ => true,
            },
            _ => true,
        })
    }

    pub fn is_subclass(&self, c: u32, base: u32) -> bool {
        match self.get(c) {
            Obj::Class(k) => k.mro.contains(&base),
            _ => false,
        }
    }

    pub fn isinstance(&self, v: &Value, cls: u32) -> bool {
        match self.class_id_of(v) {
            Some(c) => {
                if self.is_subclass(c, cls) {
                    return true;
                }
                // bool is an int
                matches!(v, Value::Bool(_)) && self.types.get(&Tag::Int) == Some(&cls)
            }
            None => false,
        }
    }

    pub fn lookup_in_class(&self, cls: u32, s: Sym) -> Option<Value> {
        let Obj::Class(c) = self.get(cls) else {
            return None;
        };
        for &m in &c.mro {
            if let Obj::Class(k) = self.get(m) {
                if let Some(v) = attr_get(&k.attrs, s) {
                    return Some(v.clone());
                }
            }
        }
        None
    }

    /// [`Vm::lookup_in_class`] of `a` and of `b` in one walk of the MRO.
    pub fn lookup2_in_class(&self, cls: u32, a: Sym, b: Sym) -> (Option<Value>, Option<Value>) {
        let (mut found_a, mut found_b) = (None, None);
        if let Obj::Class(c) = self.get(cls) {
            for &m in &c.mro {
                if let Obj::Class(k) = self.get(m) {
                    for (name, v) in &k.attrs {
                        if *name == a && found_a.is_none() {
                            found_a = Some(v.clone());
                        }
                        if *name == b && found_b.is_none() {
                            found_b = Some(v.clone());
                        }
                    }
                }
            }
        }
        (found_a, found_b)
    }

    /// Looks `s` up on the class of `v` (how Python finds dunder methods).
    pub fn lookup_class_attr(&self, v: &Value, s: Sym) -> Option<Value> {
        match v {
            Value::Obj(id) => match self.get(*id) {
                Obj::Inst(i) => self.lookup_in_class(i.class, s),
                _ => None,
            },
            _ => None,
        }
    }

    fn attr_error<T>(&mut self, v: &Value, s: Sym) -> R<T> {
        let n = self.syms.rc(s);
        if let Value::Obj(id) = v {
            match self.get(*id) {
                Obj::Module { name, .. } => {
                    let name = name.clone();
                    return self.err(
                        "AttributeError",
                        format!("module '{}' has no attribute '{}'", name, n),
                    );
                }
                Obj::Class(c) => {
                    let cn = c.name.clone();
                    return self.err(
                        "AttributeError",
                        format!("type object '{}' has no attribute '{}'", cn, n),
                    );
                }
                _ => {}
            }
        }
        let t = self.type_name(v);
        self.err(
            "AttributeError",
            format!("'{}' object has no attribute '{}'", t, n),
        )
    }

    /// Wraps a class attribute found through an instance: functions become bound methods.
    fn bind_attr(&mut self, found: Value, obj: &Value, cls: u32) -> R<Value> {
        if let Value::Obj(fid) = &found {
            match self.get(*fid) {
                Obj::Func(_) => {
                    return Ok(self.alloc(Obj::Bound {
                        slf: obj.clone(),
                        func: found,
                    }))
                }
                Obj::StaticMethod(f) => return Ok(f.clone()),
                Obj::ClassMethod(f) => {
                    let f = f.clone();
                    return Ok(self.alloc(Obj::Bound {
                        slf: Value::Obj(cls),
                        func: f,
                    }));
                }
                Obj::Property { fget, .. } => {
                    let fget = fget.clone();
                    return self.call_sync(fget, vec![obj.clone()], vec![]);
                }
                _ => {}
            }
        }
        if let Value::Builtin(_) = found {
            return Ok(self.alloc(Obj::Bound {
                slf: obj.clone(),
                func: found,
            }));
        }
        Ok(found)
    }

    pub fn getattr(&mut self, v: &Value, s: Sym) -> R<Value> {
        match self.getattr_opt(v, s)? {
            Some(x) => Ok(x),
            None => self.attr_error(v, s),
        }
    }

    pub fn getattr_opt(&mut self, v: &Value, s: Sym) -> R<Option<Value>> {
        if s == sym::CLASS {
            return Ok(self.class_id_of(v).map(Value::Obj));
        }
        let Value::Obj(id) = v else {
            return self.builtin_attr(v, s);
        };
        let id = *id;
        self.absorb_dict(id);
        match self.get(id) {
            Obj::Inst(inst) => {
                let cls = inst.class;
                let own = attr_get(&inst.attrs, s).cloned();
                let found = self.lookup_in_class(cls, s);
                if let Some(Value::Obj(p)) = &found {
                    if let Obj::Property { fget, .. } = self.get(*p) {
                        let fget = fget.clone();
                        return self.call_sync(fget, vec![v.clone()], vec![]).map(Some);
                    }
                }
                if let Some(x) = own {
                    return Ok(Some(x));
                }
                if let Some(f) = found {
                    return self.bind_attr(f, v, cls).map(Some);
                }
                if let Some(ex) = self.exc_attr(id, s) {
                    return Ok(Some(ex));
                }
                if s == sym::DICT {
                    return Ok(Some(self.inst_dict_value(id)));
                }
                if let Some(p) = self.payload(v) {
                    if let Some(m) = self.builtin_attr(&p, s)? {
                        return Ok(Some(m));
                    }
                }
                if let Some(ga) = self.lookup_in_class(cls, sym::GETATTR) {
                    let name = Value::Str(self.syms.rc(s));
                    return self.call_sync(ga, vec![v.clone(), name], vec![]).map(Some);
                }
                Ok(None)
            }
            Obj::Class(c) => {
                if s == sym::NAME {
                    return Ok(Some(Value::Str(c.name.clone())));
                }
                if s == sym::QUALNAME {
                    return Ok(Some(Value::Str(c.qualname.clone())));
                }
                if s == sym::MODULE {
                    return Ok(Some(Value::Str(c.module.clone())));
                }
                let sname = self.syms.rc(s);
                match &*sname {
                    "__mro__" => {
                        let m: Vec<Value> = c.mro.iter().map(|&x| Value::Obj(x)).collect();
                        return Ok(Some(self.new_tuple(m)));
                    }
                    "__bases__" => {
                        let m: Vec<Value> = c.bases.iter().map(|&x| Value::Obj(x)).collect();
                        return Ok(Some(self.new_tuple(m)));
                    }
                    "__dict__" => {
                        let attrs = c.attrs.clone();
                        return Ok(Some(self.attrs_to_dict(&attrs)));
                    }
                    _ => {}
                }
                let tag = c.tag;
                match self.lookup_in_class(id, s) {
                    Some(found) => {
                        if let Value::Obj(fid) = &found {
                            match self.get(*fid) {
                                Obj::StaticMethod(f) => return Ok(Some(f.clone())),
                                Obj::ClassMethod(f) => {
                                    let f = f.clone();
                                    return Ok(Some(self.alloc(Obj::Bound {
                                        slf: v.clone(),
                                        func: f,
                                    })));
                                }
                                _ => {}
                            }
                        }
                        Ok(Some(found))
                    }
                    None => {
                        if let Some(t) = tag {
                            if let Some(&b) = self.type_methods.get(&(t, s)) {
                                return Ok(Some(Value::Builtin(b)));
                            }
                            if s == sym::NEW {
                                // tuple.__new__(cls, items) and the like (see obj_new).
                                let b = builtins::id_of("objectm.__new__");
                                return Ok(Some(Value::Builtin(b)));
                            }
                        }
                        if s == sym::DOC {
                            return Ok(Some(Value::None));
                        }
                        Ok(None)
                    }
                }
            }
            Obj::Module { idx, .. } => {
                let m = &self.modules[*idx as usize];
                if let Some(x) = m.global(s) {
                    return Ok(Some(x.clone()));
                }
                if s == sym::DICT {
                    let pairs: Vec<(Sym, Value)> =
                        m.globals().map(|(n, v)| (n, v.clone())).collect();
                    return Ok(Some(self.attrs_to_dict(&pairs)));
                }
                // A module's own `__getattr__` (PEP 562) answers for the names it lacks.
                if s != sym::GETATTR {
                    if let Some(ga) = m.global(sym::GETATTR).cloned() {
                        let name = Value::Str(self.syms.rc(s));
                        return self.call_sync(ga, vec![name], vec![]).map(Some);
                    }
                }
                Ok(None)
            }
            Obj::Func(f) => {
                if s == sym::NAME {
                    return Ok(Some(Value::Str(f.name.clone())));
                }
                if s == sym::QUALNAME {
                    return Ok(Some(Value::Str(f.qualname.clone())));
                }
                if s == sym::MODULE {
                    let m = self.modules[f.module as usize].name.clone();
                    return Ok(Some(Value::Str(m)));
                }
                if let Some(v) = attr_get(&f.attrs, s) {
                    return Ok(Some(v.clone()));
                }
                let f = (**f).clone();
                Ok(match self.syms.name(s) {
                    "__doc__" => Some(
                        self.codes[f.code as usize]
                            .doc
                            .clone()
                            .map(Value::Str)
                            .unwrap_or(Value::None),
                    ),
                    "__defaults__" if f.defaults.is_empty() => Some(Value::None),
                    "__defaults__" => Some(self.new_tuple(f.defaults.clone())),
                    "__kwdefaults__" if f.kwdefaults.is_empty() => Some(Value::None),
                    "__kwdefaults__" => Some(self.attrs_to_dict(&f.kwdefaults)),
                    "__closure__" if f.closure.is_empty() => Some(Value::None),
                    "__closure__" => {
                        let cells = f.closure.iter().map(|&c| Value::Obj(c)).collect();
                        Some(self.new_tuple(cells))
                    }
                    "__annotations__" | "__dict__" => Some(self.attrs_to_dict(&f.attrs)),
                    _ => None,
                })
            }
            Obj::Bound { slf, func } => {
                let sname = self.syms.rc(s);
                match &*sname {
                    "__self__" => Ok(Some(slf.clone())),
                    "__func__" => Ok(Some(func.clone())),
                    _ => {
                        let func = func.clone();
                        self.getattr_opt(&func, s)
                    }
                }
            }
            Obj::Property { fget, .. } => {
                let sname = self.syms.rc(s);
                if &*sname == "fget" {
                    return Ok(Some(fget.clone()));
                }
                self.builtin_attr(v, s)
            }
            Obj::Super { class, obj } => {
                let (class, obj) = (*class, obj.clone());
                let start_cls = match &obj {
                    Value::Obj(o) if matches!(self.get(*o), Obj::Class(_)) => *o,
                    _ => self.class_id_of(&obj).unwrap_or(class),
                };
                let mro = match self.get(start_cls) {
                    Obj::Class(c) => c.mro.clone(),
                    _ => vec![],
                };
                let pos = mro
                    .iter()
                    .position(|&c| c == class)
                    .map(|p| p + 1)
                    .unwrap_or(mro.len());
                for &m in &mro[pos..] {
                    let found = match self.get(m) {
                        Obj::Class(k) => attr_get(&k.attrs, s).cloned(),
                        _ => None,
                    };
                    if let Some(f) = found {
                        if let Value::Obj(o) = &obj {
                            if matches!(self.get(*o), Obj::Class(_)) {
                                if let Value::Obj(fid) = &f {
                                    if let Obj::ClassMethod(g) = self.get(*fid) {
                                        let g = g.clone();
                                        return Ok(Some(self.alloc(Obj::Bound {
                                            slf: obj.clone(),
                                            func: g,
                                        })));
                                    }
                                }
                                return Ok(Some(f));
                            }
                        }
                        return self.bind_attr(f, &obj, start_cls).map(Some);
                    }
                }
                if s == sym::NEW {
                    // object.__new__(cls): a fresh instance.
                    return Ok(Some(Value::Builtin(builtins::id_of("objectm.__new__"))));
                }
                if s == sym::INIT {
                    // list/dict/set.__init__ (fills a subclass instance's payload), else
                    // object.__init__.
                    if self.payload(&obj).is_some() {
                        let f = Value::Builtin(builtins::id_of("objectm.__payload_init__"));
                        return Ok(Some(self.alloc(Obj::Bound { slf: obj, func: f })));
                    }
                    return Ok(Some(Value::Builtin(builtins::id_of("object.__init__"))));
                }
                if let Some(p) = self.payload(&obj) {
                    // super().method() reaching the built-in base: the native method, or
                    // for an operator's dunder, the operator on the built-in value.
                    if let Some(m) = self.builtin_attr(&p, s)? {
                        return Ok(Some(m));
                    }
                    let slot = format!("slot.{}", self.syms.name(s));
                    if let Some(b) = builtins::try_id_of(&slot) {
                        let func = Value::Builtin(b);
                        return Ok(Some(self.alloc(Obj::Bound { slf: p, func })));
                    }
                    return Ok(None);
                }
                // object's own: __setattr__, __repr__ (the default form), __str__ (repr()).
                let object = match s {
                    sym::SETATTR => "objectm.__setattr__",
                    sym::REPR => "slot.__objrepr__",
                    sym::STR => "slot.__repr__",
                    _ => return Ok(None),
                };
                let func = Value::Builtin(builtins::id_of(object));
                Ok(Some(self.alloc(Obj::Bound { slf: obj, func })))
            }
            _ => self.builtin_attr(v, s),
        }
    }

    /// An exception's `__cause__`, `__context__` or `__suppress_context__` set by assignment
    /// (false for any other attribute). Setting the cause suppresses the context, as in CPython.
    fn exc_link(&mut self, id: u32, s: Sym, v: &Value) -> R<bool> {
        let name = self.syms.name(s);
        let link = match name {
            "__cause__" | "__context__" => {
                let is_exc = matches!(self.get_opt(v), Some(Obj::Inst(i)) if i.exc.is_some());
                if !v.is_none() && !is_exc {
                    let what = &name[2..name.len() - 2];
                    return self.type_error(format!(
                        "exception {} must be None or derive from BaseException",
                        what
                    ));
                }
                name == "__cause__"
            }
            "__suppress_context__" => {
                let b = self.truthy(v)?;
                if let Obj::Inst(i) = self.get_mut(id) {
                    if let Some(e) = i.exc.as_mut() {
                        e.suppress_context = b;
                    }
                }
                return Ok(true);
            }
            _ => return Ok(false),
        };
        if let Obj::Inst(i) = self.get_mut(id) {
            if let Some(e) = i.exc.as_mut() {
                if link {
                    e.cause = v.clone();
                    e.suppress_context = true;
                } else {
                    e.context = v.clone();
                }
            }
        }
        Ok(true)
    }

    fn exc_attr(&mut self, id: u32, s: Sym) -> Option<Value> {
        let Obj::Inst(i) = self.get(id) else {
            return None;
        };
        let e = i.exc.as_ref()?;
        match self.syms.name(s) {
            "__cause__" => Some(e.cause.clone()),
            "__context__" => Some(e.context.clone()),
            "__traceback__" => Some(Value::None),
            "__suppress_context__" => Some(Value::Bool(e.suppress_context)),
            "code" | "value" | "errno" | "strerror" | "filename" => {
                let args = match attr_get(&i.attrs, sym::ARGS).and_then(|t| self.get_opt(t)) {
                    Some(Obj::Tuple(t)) => t.clone(),
                    _ => vec![],
                };
                let cls = i.class;
                let n = self.syms.name(s);
                let is = |k: &str| {
                    self.exc_classes
                        .get(k)
                        .map(|&c| self.is_subclass(cls, c))
                        .unwrap_or(false)
                };
                match n {
                    "code" if is("SystemExit") => {
                        Some(args.first().cloned().unwrap_or(Value::None))
                    }
                    "value" if is("StopIteration") => {
                        Some(args.first().cloned().unwrap_or(Value::None))
                    }
                    "errno" if is("OSError") && args.len() >= 2 => Some(args[0].clone()),
                    "strerror" if is("OSError") && args.len() >= 2 => Some(args[1].clone()),
                    "errno" | "strerror" | "filename" if is("OSError") => Some(Value::None),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    pub fn attrs_to_dict(&mut self, attrs: &[(Sym, Value)]) -> Value {
        let mut d = Dict::default();
        for (k, v) in attrs {
            let ks = self.syms.rc(*k);
            d.insert(HKey::Str(ks.clone()), Value::Str(ks), v.clone());
        }
        self.alloc(Obj::Dict(d))
    }

    /// The dict an instance's `__dict__` returned, if it was asked for (kept as its first
    /// attribute): from then on that dict holds the instance's attributes.
    fn inst_dict(&self, id: u32) -> Option<u32> {
        match self.get(id) {
            Obj::Inst(i) => match i.attrs.first() {
                Some((sym::DICT, Value::Obj(d))) => Some(*d),
                _ => None,
            },
            _ => None,
        }
    }

    /// Takes in what the program wrote through an instance's `__dict__` (`update`, `d[k] = v`,
    /// `del d[k]`): its attributes become the dict's string keys, in the dict's order.
    pub fn absorb_dict(&mut self, id: u32) {
        let Some(d) = self.inst_dict(id) else {
            return;
        };
        let entries: Vec<(Value, Value)> = match self.get(d) {
            Obj::Dict(dict) => dict.iter().cloned().collect(),
            _ => return,
        };
        let mut attrs = vec![(sym::DICT, Value::Obj(d))];
        if let Obj::Inst(i) = self.get(id) {
            attrs.extend(i.attrs.iter().filter(|e| e.0 == sym::PAYLOAD).cloned());
        }
        for (k, v) in entries {
            if let Value::Str(k) = k {
                attrs.push((self.intern(&k), v));
            }
        }
        if let Obj::Inst(i) = self.get_mut(id) {
            i.attrs = attrs;
        }
    }

    /// An instance's `__dict__`: made from its attributes the first time, then the same dict.
    fn inst_dict_value(&mut self, id: u32) -> Value {
        if let Some(d) = self.inst_dict(id) {
            return Value::Obj(d);
        }
        let attrs: Vec<(Sym, Value)> = match self.get(id) {
            Obj::Inst(i) => i
                .attrs
                .iter()
                .filter(|e| e.0 != sym::PAYLOAD)
                .cloned()
                .collect(),
            _ => vec![],
        };
        let d = self.attrs_to_dict(&attrs);
        if let Obj::Inst(i) = self.get_mut(id) {
            i.attrs.insert(0, (sym::DICT, d.clone()));
        }
        d
    }

    /// Writes an instance attribute (also into its `__dict__`'s dict, if it has one).
    fn set_inst_attr(&mut self, id: u32, s: Sym, v: Value) {
        self.absorb_dict(id);
        if let Some(d) = self.inst_dict(id) {
            let ks = self.syms.rc(s);
            if let Obj::Dict(dict) = self.get_mut(d) {
                dict.insert(HKey::Str(ks.clone()), Value::Str(ks), v.clone());
            }
        }
        if let Obj::Inst(i) = self.get_mut(id) {
            attr_set(&mut i.attrs, s, v);
        }
    }

    /// Attributes of built-in values: their type's methods, bound.
    fn builtin_attr(&mut self, v: &Value, s: Sym) -> R<Option<Value>> {
        let Some(cls) = self.class_id_of(v) else {
            return Ok(None);
        };
        let tag = match self.get(cls) {
            Obj::Class(c) => c.tag,
            _ => None,
        };
        if let Some(t) = tag {
            // bool has int's methods (`True.bit_count()`).
            let t = if t == Tag::Bool { Tag::Int } else { t };
            if let Some(&b) = self.type_methods.get(&(t, s)) {
                return Ok(Some(self.alloc(Obj::Bound {
                    slf: v.clone(),
                    func: Value::Builtin(b),
                })));
            }
        }
        let name = self.syms.rc(s);
        Ok(match (&*name, v) {
            ("real", Value::Int(_) | Value::Float(_) | Value::Big(_)) => Some(v.clone()),
            ("imag", Value::Int(_) | Value::Big(_)) => Some(Value::Int(0)),
            ("imag", Value::Float(_)) => Some(Value::Float(0.0)),
            ("real" | "imag", Value::Obj(id)) => match self.get(*id) {
                Obj::Complex(re, im) => {
                    Some(Value::Float(if &*name == "real" { *re } else { *im }))
                }
                _ => None,
            },
            ("__name__", Value::Builtin(b)) => Some(Value::str(builtins::builtin_name(*b))),
            ("__doc__", _) => Some(Value::None),
            ("cell_contents", Value::Obj(id)) => match self.get(*id) {
                Obj::Cell(c) => Some(c.clone()),
                _ => None,
            },
            ("start" | "stop" | "step", Value::Obj(id)) => match self.get(*id) {
                Obj::Range { start, stop, step } => Some(Value::Int(match &*name {
                    "start" => *start,
                    "stop" => *stop,
                    _ => *step,
                })),
                Obj::Slice(a, b, c) => Some(match &*name {
                    "start" => a.clone(),
                    "stop" => b.clone(),
                    _ => c.clone(),
                }),
                _ => None,
            },
            ("closed" | "name" | "mode", Value::Obj(id)) => match self.get(*id) {
                Obj::File(f) => Some(match &*name {
                    "closed" => Value::Bool(f.closed),
                    "name" => Value::Str(f.path.clone()),
                    _ => Value::Str(f.mode.clone()),
                }),
                _ => None,
            },
            _ => None,
        })
    }

    /// `object.__setattr__` on an instance: a property's setter if its class (MRO) has a
    /// property `s` (`found`: the class attribute `s`, looked up by the caller), else the
    /// instance's own attribute.
    pub fn store_attr(&mut self, obj: &Value, s: Sym, v: Value, found: Option<Value>) -> R<()> {
        let Value::Obj(id) = *obj else {
            return Ok(());
        };
        if let Some(Value::Obj(p)) = found {
            if let Obj::Property { fset, .. } = self.get(p) {
                let fset = fset.clone();
                if fset.is_none() {
                    let n = self.syms.rc(s);
                    let t = self.type_name(obj);
                    return self.err(
                        "AttributeError",
                        format!("property '{}' of '{}' object has no setter", n, t),
                    );
                }
                self.call_sync(fset, vec![obj.clone(), v], vec![])?;
                return Ok(());
            }
        }
        self.set_inst_attr(id, s, v);
        Ok(())
    }

    pub fn setattr(&mut self, obj: &Value, s: Sym, v: Value) -> R<()> {
        let Value::Obj(id) = obj else {
            let t = self.type_name(obj);
            let n = self.syms.rc(s);
            return self.err(
                "AttributeError",
                format!("'{}' object has no attribute '{}'", t, n),
            );
        };
        let id = *id;
        if matches!(self.get(id), Obj::Inst(i) if i.exc.is_some()) && self.exc_link(id, s, &v)? {
            return Ok(());
        }
        match self.get(id) {
            Obj::Inst(i) => {
                let cls = i.class;
                // One walk of the MRO for both: a class `__setattr__` sees every write (also
                // one that ends in a property's setter, through `object.__setattr__`).
                let (found, custom) = self.lookup2_in_class(cls, s, sym::SETATTR);
                if let Some(sa) = custom {
                    if !matches!(sa, Value::Builtin(b) if !super::ipc::is_special(b)) {
                        let name = Value::Str(self.syms.rc(s));
                        self.call_sync(sa, vec![obj.clone(), name, v], vec![])?;
                        return Ok(());
                    }
                }
                self.store_attr(obj, s, v, found)
            }
            Obj::Class(_) => {
                if let Obj::Class(c) = self.get_mut(id) {
                    attr_set(&mut c.attrs, s, v);
                }
                Ok(())
            }
            Obj::Func(_) => {
                if let Obj::Func(f) = self.get_mut(id) {
                    match (s, &v) {
                        (sym::NAME, Value::Str(n)) => f.name = n.clone(),
                        (sym::QUALNAME, Value::Str(n)) => f.qualname = n.clone(),
                        _ => attr_set(&mut f.attrs, s, v),
                    }
                }
                Ok(())
            }
            Obj::Module { idx, .. } => {
                let idx = *idx as usize;
                let slot = self.modules[idx].table.slot(s) as usize;
                let m = &mut self.modules[idx];
                if m.slots.len() <= slot {
                    m.slots.resize(slot + 1, Value::Undef);
                }
                m.slots[slot] = v;
                Ok(())
            }
            _ => {
                let t = self.type_name(obj);
                let n = self.syms.rc(s);
                self.err(
                    "AttributeError",
                    format!("'{}' object has no attribute '{}'", t, n),
                )
            }
        }
    }

    pub fn delattr(&mut self, obj: &Value, s: Sym) -> R<()> {
        if let Value::Obj(id) = obj {
            self.absorb_dict(*id);
            if let Some(d) = self.inst_dict(*id) {
                let ks = self.syms.rc(s);
                if let Obj::Dict(dict) = self.get_mut(d) {
                    dict.remove(&HKey::Str(ks));
                }
            }
        }
        let ok = match obj {
            Value::Obj(id) => match self.get_mut(*id) {
                Obj::Inst(i) => attr_del(&mut i.attrs, s),
                Obj::Class(c) => attr_del(&mut c.attrs, s),
                _ => false,
            },
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            self.attr_error(obj, s)
        }
    }

    pub fn get_iter(&mut self, v: &Value) -> R<Value> {
        let st = match v {
            Value::Str(s) => IterState::Str {
                s: s.clone(),
                pos: 0,
            },
            Value::Obj(id) => match self.get(*id) {
                Obj::Bytes(b) | Obj::ByteArray(b) => IterState::Values {
                    items: b.iter().map(|&c| Value::Int(c as i64)).collect(),
                    idx: 0,
                },
                Obj::List(_) | Obj::Tuple(_) => IterState::Seq { obj: *id, idx: 0 },
                Obj::View { dict, kind } => IterState::Dict {
                    obj: *dict,
                    idx: 0,
                    kind: *kind,
                    len: match self.get(*dict) {
                        Obj::Dict(d) => d.len(),
                        _ => 0,
                    },
                },
                Obj::Dict(d) => IterState::Dict {
                    obj: *id,
                    idx: 0,
                    kind: 0,
                    len: d.len(),
                },
                Obj::Set(d) | Obj::FrozenSet(d) => IterState::Values {
                    items: d.set_order(),
                    idx: 0,
                },
                Obj::Range { start, stop, step } => IterState::Range {
                    cur: *start,
                    stop: *stop,
                    step: *step,
                },
                Obj::Iter(_) | Obj::Gen(_) => return Ok(v.clone()),
                Obj::File(_) => {
                    let lines = modules::file_lines(self, *id)?;
                    IterState::Values {
                        items: lines,
                        idx: 0,
                    }
                }
                Obj::Inst(_) => {
                    if self.lookup_class_attr(v, sym::ITER).is_none() {
                        if let Some(p) = self.payload(v) {
                            return self.get_iter(&p);
                        }
                    }
                    if let Some(m) = self.lookup_class_attr(v, sym::ITER) {
                        let it = self.call_sync(m, vec![v.clone()], vec![])?;
                        return Ok(it);
                    }
                    if self.lookup_class_attr(v, sym::GETITEM).is_some() {
                        IterState::GetItem {
                            obj: v.clone(),
                            idx: 0,
                        }
                    } else {
                        let t = self.type_name(v);
                        return self.type_error(format!("'{}' object is not iterable", t));
                    }
                }
                _ => {
                    let t = self.type_name(v);
                    return self.type_error(format!("'{}' object is not iterable", t));
                }
            },
            _ => {
                let t = self.type_name(v);
                return self.type_error(format!("'{}' object is not iterable", t));
            }
        };
        Ok(self.alloc(Obj::Iter(Box::new(st))))
    }

    pub fn len(&mut self, v: &Value) -> R<usize> {
        match v {
            Value::Str(s) => return Ok(s.chars().count()),
            Value::Obj(id) => match self.get(*id) {
                Obj::Bytes(b) | Obj::ByteArray(b) => return Ok(b.len()),
                Obj::List(x) | Obj::Tuple(x) => return Ok(x.len()),
                Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => return Ok(d.len()),
                Obj::View { dict, .. } => {
                    if let Obj::Dict(d) = self.get(*dict) {
                        return Ok(d.len());
                    }
                }
                Obj::Range { start, stop, step } => {
                    return Ok(range_len(*start, *stop, *step) as usize)
                }
                Obj::Inst(_) => {
                    if self.lookup_class_attr(v, sym::LEN).is_none() {
                        if let Some(p) = self.payload(v) {
                            return self.len(&p);
                        }
                    }
                    if let Some(m) = self.lookup_class_attr(v, sym::LEN) {
                        let r = self.call_sync(m, vec![v.clone()], vec![])?;
                        return match r {
                            Value::Int(i) if i >= 0 => Ok(i as usize),
                            Value::Int(_) => self.err("ValueError", "__len__() should return >= 0"),
                            _ => {
                                let t = self.type_name(&r);
                                self.type_error(format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    t
                                ))
                            }
                        };
                    }
                }
                _ => {}
            },
            _ => {}
        }
        let t = self.type_name(v);
        self.type_error(format!("object of type '{}' has no len()", t))
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> R<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => return Ok(s.contains(&**sub)),
                _ => {
                    let t = self.type_name(item);
                    return self.type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        t
                    ));
                }
            },
            Value::Obj(id) => match self.get(*id) {
                Obj::Bytes(b) | Obj::ByteArray(b) => {
                    return Ok(match (item, self.get_opt(item)) {
                        (Value::Int(n), _) => b.contains(&(*n as u8)),
                        (_, Some(Obj::Bytes(sub) | Obj::ByteArray(sub))) => {
                            sub.is_empty() || b.windows(sub.len()).any(|w| w == &sub[..])
                        }
                        _ => false,
                    });
                }
                Obj::List(x) | Obj::Tuple(x) => {
                    let x = x.clone();
                    for e in &x {
                        if e.is(item) || self.eq(e, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                Obj::Dict(_) | Obj::Set(_) | Obj::FrozenSet(_) => {
                    let h = self.hkey(item)?;
                    return Ok(match self.get(*id) {
                        Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => d.index.contains_key(&h),
                        _ => false,
                    });
                }
                Obj::View { dict, kind: 0 } => {
                    let d = Value::Obj(*dict);
                    return self.contains(&d, item);
                }
                Obj::Range { start, stop, step } => {
                    let (start, stop, step) = (*start, *stop, *step);
                    return Ok(match item {
                        Value::Int(i) => {
                            let i = *i;
                            (if step > 0 {
                                i >= start && i < stop
                            } else {
                                i <= start && i > stop
                            }) && (i - start) % step == 0
                        }
                        _ => false,
                    });
                }
                Obj::Inst(_) => {
                    if self.lookup_class_attr(container, sym::CONTAINS).is_none() {
                        if let Some(p) = self.payload(container) {
                            return self.contains(&p, item);
                        }
                    }
                    if let Some(m) = self.lookup_class_attr(container, sym::CONTAINS) {
                        let r = self.call_sync(m, vec![container.clone(), item.clone()], vec![])?;
                        return self.truthy(&r);
                    }
                }
                _ => {}
            },
            _ => {
                let t = self.type_name(container);
                return self.type_error(format!("argument of type '{}' is not iterable", t));
            }
        }
        let it = self.get_iter(container)?;
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn index_of(&mut self, idx: &Value, len: usize, what: &str) -> R<usize> {
        let i = match idx {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            Value::Big(_) => {
                return self.err("IndexError", "cannot fit 'int' into an index-sized integer")
            }
            _ => {
                let t = self.type_name(idx);
                return self.type_error(format!(
                    "{} indices must be integers or slices, not {}",
                    what, t
                ));
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return self.err("IndexError", format!("{} index out of range", what));
        }
        Ok(j as usize)
    }

    pub fn slice_indices(&mut self, sl: u32, len: usize) -> R<(i64, i64, i64)> {
        let Obj::Slice(a, b, c) = self.get(sl).clone() else {
            unreachable!()
        };
        let as_int = |vm: &mut Vm, v: &Value| -> R<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(*b as i64)),
                Value::Big(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })),
                _ => vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ),
            }
        };
        let step = as_int(self, &c)?.unwrap_or(1);
        if step == 0 {
            return self.err("ValueError", "slice step cannot be zero");
        }
        let len = len as i64;
        let fix = |x: Option<i64>, dflt: i64, lo: i64, hi: i64| -> i64 {
            match x {
                None => dflt,
                Some(v) => {
                    let v = if v < 0 { v + len } else { v };
                    v.clamp(lo, hi)
                }
            }
        };
        let (start, stop) = if step > 0 {
            (
                fix(as_int(self, &a)?, 0, 0, len),
                fix(as_int(self, &b)?, len, 0, len),
            )
        } else {
            (
                fix(as_int(self, &a)?, len - 1, -1, len - 1),
                fix(as_int(self, &b)?, -1, -1, len - 1),
            )
        };
        Ok((start, stop, step))
    }

    pub fn subscr(&mut self, obj: &Value, idx: &Value) -> R<Value> {
        if let Value::Obj(sl) = idx {
            if let Obj::Slice(..) = self.get(*sl) {
                return self.get_slice(obj, *sl);
            }
        }
        match obj {
            Value::Str(s) => {
                let s = s.clone();
                if s.is_ascii() {
                    let i = self.index_of(idx, s.len(), "string")?;
                    return Ok(Value::Str(Rc::from(&s[i..i + 1])));
                }
                let n = s.chars().count();
                let i = self.index_of(idx, n, "string")?;
                Ok(Value::Str(Rc::from(s.chars().nth(i).unwrap().to_string())))
            }
            Value::Obj(id) => {
                let id = *id;
                match self.get(id) {
                    Obj::Bytes(b) | Obj::ByteArray(b) => {
                        let n = b.len();
                        let i = self.index_of(idx, n, "index")?;
                        match self.get(id) {
                            Obj::Bytes(b) | Obj::ByteArray(b) => Ok(Value::Int(b[i] as i64)),
                            _ => unreachable!(),
                        }
                    }
                    Obj::List(x) => {
                        let n = x.len();
                        let i = self.index_of(idx, n, "list")?;
                        match self.get(id) {
                            Obj::List(x) => Ok(x[i].clone()),
                            _ => unreachable!(),
                        }
                    }
                    Obj::Tuple(x) => {
                        let n = x.len();
                        let i = self.index_of(idx, n, "tuple")?;
                        match self.get(id) {
                            Obj::Tuple(x) => Ok(x[i].clone()),
                            _ => unreachable!(),
                        }
                    }
                    Obj::Dict(_) => {
                        let h = self.hkey(idx)?;
                        match self.get(id) {
                            Obj::Dict(d) => {
                                if let Some(v) = d.get(&h) {
                                    return Ok(v.clone());
                                }
                            }
                            _ => unreachable!(),
                        }
                        let cls = self.exc_classes["KeyError"];
                        Err(Flow::Exc(self.make_exc(cls, vec![idx.clone()])))
                    }
                    Obj::Range { start, stop, step } => {
                        let (start, stop, step) = (*start, *stop, *step);
                        let n = range_len(start, stop, step) as usize;
                        let i = self.index_of(idx, n, "range object")?;
                        Ok(Value::Int(start + step * i as i64))
                    }
                    Obj::Inst(_) => match self.lookup_class_attr(obj, sym::GETITEM) {
                        Some(m) => self.call_sync(m, vec![obj.clone(), idx.clone()], vec![]),
                        None => match self.payload(obj) {
                            Some(p) => match self.subscr(&p, idx) {
                                // A dict subclass's `__missing__` answers absent keys.
                                Err(Flow::Exc(e)) if self.exc_is(&e, "KeyError") => match self
                                    .lookup_class_attr(obj, sym::MISSING)
                                {
                                    Some(m) => {
                                        self.call_sync(m, vec![obj.clone(), idx.clone()], vec![])
                                    }
                                    None => Err(Flow::Exc(e)),
                                },
                                r => r,
                            },
                            None => {
                                let t = self.type_name(obj);
                                self.type_error(format!("'{}' object is not subscriptable", t))
                            }
                        },
                    },
                    Obj::Class(_) => Ok(obj.clone()), // `list[int]` in annotations
                    _ => {
                        let t = self.type_name(obj);
                        self.type_error(format!("'{}' object is not subscriptable", t))
                    }
                }
            }
            _ => {
                let t = self.type_name(obj);
                self.type_error(format!("'{}' object is not subscriptable", t))
            }
        }
    }

    fn get_slice(&mut self, obj: &Value, sl: u32) -> R<Value> {
        let pick = |items_len: usize, vm: &mut Vm| -> R<Vec<usize>> {
            let (start, stop, step) = vm.slice_indices(sl, items_len)?;
            let mut out = vec![];
            let mut i = start;
            while (step > 0 && i < stop) || (step < 0 && i > stop) {
                out.push(i as usize);
                i += step;
            }
            Ok(out)
        };
        match obj {
            Value::Str(s) => {
                let chars: Vec<char> = s.chars().collect();
                let idx = pick(chars.len(), self)?;
                Ok(Value::Str(Rc::from(
                    idx.into_iter().map(|i| chars[i]).collect::<String>(),
                )))
            }
            Value::Obj(id) => {
                let id = *id;
                match self.get(id).clone() {
                    Obj::Bytes(x) => {
                        let idx = pick(x.len(), self)?;
                        let v = idx.into_iter().map(|i| x[i]).collect();
                        Ok(self.alloc(Obj::Bytes(v)))
                    }
                    Obj::ByteArray(x) => {
                        let idx = pick(x.len(), self)?;
                        let v = idx.into_iter().map(|i| x[i]).collect();
                        Ok(self.alloc(Obj::ByteArray(v)))
                    }
                    Obj::List(x) => {
                        let idx = pick(x.len(), self)?;
                        let v = idx.into_iter().map(|i| x[i].clone()).collect();
                        Ok(self.new_list(v))
                    }
                    Obj::Tuple(x) => {
                        let idx = pick(x.len(), self)?;
                        let v = idx.into_iter().map(|i| x[i].clone()).collect();
                        Ok(self.new_tuple(v))
                    }
                    Obj::Range { start, stop, step } => {
                        let n = range_len(start, stop, step) as usize;
                        let (a, b, c) = self.slice_indices(sl, n)?;
                        Ok(self.alloc(Obj::Range {
                            start: start + a * step,
                            stop: start + b * step,
                            step: step * c,
                        }))
                    }
                    Obj::Inst(_) => match self.lookup_class_attr(obj, sym::GETITEM) {
                        Some(m) => self.call_sync(m, vec![obj.clone(), Value::Obj(sl)], vec![]),
                        None if self.payload(obj).is_some() => {
                            let p = self.payload(obj).unwrap();
                            self.get_slice(&p, sl)
                        }
                        None => {
                            let t = self.type_name(obj);
                            self.type_error(format!("'{}' object is not subscriptable", t))
                        }
                    },
                    _ => {
                        let t = self.type_name(obj);
                        self.type_error(format!("'{}' object is not subscriptable", t))
                    }
                }
            }
            _ => {
                let t = self.type_name(obj);
                self.type_error(format!("'{}' object is not subscriptable", t))
            }
        }
    }

    pub fn store_subscr(&mut self, obj: &Value, idx: &Value, v: Value) -> R<()> {
        let Value::Obj(id) = obj else {
            let t = self.type_name(obj);
            return self.type_error(format!("'{}' object does not support item assignment", t));
        };
        let id = *id;
        if let Obj::ByteArray(b) = self.get(id) {
            // `ba[i] = n` (slice assignment is not supported on bytearrays here).
            let n = b.len();
            let i = self.index_of(idx, n, "bytearray")?;
            let byte = match v {
                Value::Int(n) if (0..256).contains(&n) => n as u8,
                Value::Bool(b) => b as u8,
                Value::Int(_) => return self.err("ValueError", "byte must be in range(0, 256)"),
                other => {
                    let t = self.type_name(&other);
                    return self
                        .type_error(format!("'{t}' object cannot be interpreted as an integer"));
                }
            };
            if let Obj::ByteArray(b) = self.get_mut(id) {
                b[i] = byte;
            }
            return Ok(());
        }
        match self.get(id) {
            Obj::List(x) => {
                if let Value::Obj(sl) = idx {
                    if let Obj::Slice(..) = self.get(*sl) {
                        let n = x.len();
                        let (start, stop, step) = self.slice_indices(*sl, n)?;
                        let items = self.collect(&v)?;
                        if step != 1 {
                            let mut idxs = vec![];
                            let mut i = start;
                            while (step > 0 && i < stop) || (step < 0 && i > stop) {
                                idxs.push(i as usize);
                                i += step;
                            }
                            if idxs.len() != items.len() {
                                return self.err("ValueError", format!("attempt to assign sequence of size {} to extended slice of size {}", items.len(), idxs.len()));
                            }
                            if let Obj::List(x) = self.get_mut(id) {
                                for (i, it) in idxs.into_iter().zip(items) {
                                    x[i] = it;
                                }
                            }
                            return Ok(());
                        }
                        let stop = stop.max(start);
                        if let Obj::List(x) = self.get_mut(id) {
                            x.splice(start as usize..stop as usize, items);
                        }
                        return Ok(());
                    }
                }
                let n = x.len();
                let i = self.index_of(idx, n, "list assignment")?;
                if let Obj::List(x) = self.get_mut(id) {
                    x[i] = v;
                }
                Ok(())
            }
            Obj::Dict(_) => {
                let h = self.hkey(idx)?;
                if let Obj::Dict(d) = self.get_mut(id) {
                    d.insert(h, idx.clone(), v);
                }
                Ok(())
            }
            Obj::Inst(_) => match self.lookup_class_attr(obj, sym::SETITEM) {
                Some(m) => {
                    self.call_sync(m, vec![obj.clone(), idx.clone(), v], vec![])?;
                    Ok(())
                }
                None if self.payload(obj).is_some() => {
                    let p = self.payload(obj).unwrap();
                    self.store_subscr(&p, idx, v)
                }
                None => {
                    let t = self.type_name(obj);
                    self.type_error(format!("'{}' object does not support item assignment", t))
                }
            },
            _ => {
                let t = self.type_name(obj);
                self.type_error(format!("'{}' object does not support item assignment", t))
            }
        }
    }

    pub fn del_subscr(&mut self, obj: &Value, idx: &Value) -> R<()> {
        let Value::Obj(id) = obj else {
            let t = self.type_name(obj);
            return self.type_error(format!("'{}' object doesn't support item deletion", t));
        };
        let id = *id;
        match self.get(id) {
            Obj::List(x) => {
                let n = x.len();
                if let Value::Obj(sl) = idx {
                    if let Obj::Slice(..) = self.get(*sl) {
                        let (start, stop, step) = self.slice_indices(*sl, n)?;
                        let mut idxs = vec![];
                        let mut i = start;
                        while (step > 0 && i < stop) || (step < 0 && i > stop) {
                            idxs.push(i as usize);
                            i += step;
                        }
                        idxs.sort_unstable();
                        if let Obj::List(x) = self.get_mut(id) {
                            for i in idxs.into_iter().rev() {
                                x.remove(i);
                            }
                        }
                        return Ok(());
                    }
                }
                let i = self.index_of(idx, n, "list assignment")?;
                if let Obj::List(x) = self.get_mut(id) {
                    x.remove(i);
                }
                Ok(())
            }
            Obj::Dict(_) => {
                let h = self.hkey(idx)?;
                let removed = match self.get_mut(id) {
                    Obj::Dict(d) => d.remove(&h).is_some(),
                    _ => false,
                };
                if !removed {
                    let cls = self.exc_classes["KeyError"];
                    return Err(Flow::Exc(self.make_exc(cls, vec![idx.clone()])));
                }
                Ok(())
            }
            Obj::Inst(_) => match self.lookup_class_attr(obj, sym::DELITEM) {
                Some(m) => {
                    self.call_sync(m, vec![obj.clone(), idx.clone()], vec![])?;
                    Ok(())
                }
                None if self.payload(obj).is_some() => {
                    let p = self.payload(obj).unwrap();
                    self.del_subscr(&p, idx)
                }
                None => {
                    let t = self.type_name(obj);
                    self.type_error(format!("'{}' object doesn't support item deletion", t))
                }
            },
            _ => {
                let t = self.type_name(obj);
                self.type_error(format!("'{}' object doesn't support item deletion", t))
            }
        }
    }
}

pub fn range_len(start: i64, stop: i64, step: i64) -> i64 {
    if step > 0 && start < stop {
        ((stop as i128 - start as i128 - 1) / step as i128 + 1) as i64
    } else if step < 0 && start > stop {
        ((start as i128 - stop as i128 - 1) / (-(step as i128)) + 1) as i64
    } else {
        0
    }
}

/// Advances a native iterator object.
pub fn iter_next(vm: &mut Vm, id: u32) -> R<Option<Value>> {
    let Obj::Iter(st) = vm.get_mut(id) else {
        unreachable!()
    };
    match &mut **st {
        IterState::Seq { obj, idx } => {
            let (o, i) = (*obj, *idx);
            let item = match vm.get(o) {
                Obj::List(x) | Obj::Tuple(x) => x.get(i).cloned(),
                _ => None,
            };
            if item.is_some() {
                if let Obj::Iter(st) = vm.get_mut(id) {
                    if let IterState::Seq { idx, .. } = &mut **st {
                        *idx += 1;
                    }
                }
            }
            Ok(item)
        }
        IterState::Str { s, pos } => {
            let rest = &s[*pos..];
            match rest.chars().next() {
                Some(c) => {
                    *pos += c.len_utf8();
                    let mut b = [0u8; 4];
                    Ok(Some(Value::Str(Rc::from(&*c.encode_utf8(&mut b)))))
                }
                None => Ok(None),
            }
        }
        IterState::Range { cur, stop, step } => {
            if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                let v = *cur;
                *cur += *step;
                Ok(Some(Value::Int(v)))
            } else {
                Ok(None)
            }
        }
        IterState::Dict {
            obj,
            idx,
            kind,
            len,
        } => {
            let (o, start, kind, len0) = (*obj, *idx, *kind, *len);
            if let Obj::Dict(d) = vm.get(o) {
                if d.len() != len0 {
                    if let Obj::Iter(st) = vm.get_mut(id) {
                        **st = IterState::Done;
                    }
                    return vm.err("RuntimeError", "dictionary changed size during iteration");
                }
            }
            let (item, next) = match vm.get(o) {
                Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => {
                    let mut i = start;
                    loop {
                        match d.entries.get(i) {
                            None => break (None, i),
                            Some(None) => i += 1,
                            Some(Some((k, v))) => break (Some((k.clone(), v.clone())), i + 1),
                        }
                    }
                }
                _ => (None, start),
            };
            if let Obj::Iter(st) = vm.get_mut(id) {
                if let IterState::Dict { idx, .. } = &mut **st {
                    *idx = next;
                }
            }
            Ok(item.map(|(k, v)| match kind {
                0 => k,
                1 => v,
                _ => vm.new_tuple(vec![k, v]),
            }))
        }
        IterState::Values { items, idx } => {
            let r = items.get(*idx).cloned();
            *idx += 1;
            Ok(r)
        }
        IterState::Count { cur, step } => {
            let v = *cur;
            *cur += *step;
            Ok(Some(Value::Int(v)))
        }
        IterState::Enumerate { it, n } => {
            let (it, k) = (it.clone(), *n);
            match vm.next(&it)? {
                Some(v) => {
                    if let Obj::Iter(st) = vm.get_mut(id) {
                        if let IterState::Enumerate { n, .. } = &mut **st {
                            *n += 1;
                        }
                    }
                    Ok(Some(vm.new_tuple(vec![Value::Int(k), v])))
                }
                None => Ok(None),
            }
        }
        IterState::Zip { its } => {
            let its = its.clone();
            let mut out = Vec::with_capacity(its.len());
            for it in &its {
                match vm.next(it)? {
                    Some(v) => out.push(v),
                    None => return Ok(None),
                }
            }
            if its.is_empty() {
                return Ok(None);
            }
            Ok(Some(vm.new_tuple(out)))
        }
        IterState::Map { f, its } => {
            let (f, its) = (f.clone(), its.clone());
            let mut args = Vec::with_capacity(its.len());
            for it in &its {
                match vm.next(it)? {
                    Some(v) => args.push(v),
                    None => return Ok(None),
                }
            }
            vm.call_sync(f, args, vec![]).map(Some)
        }
        IterState::Filter { f, it } => {
            let (f, it) = (f.clone(), it.clone());
            loop {
                match vm.next(&it)? {
                    Some(v) => {
                        let keep = if f.is_none() {
                            vm.truthy(&v)?
                        } else {
                            let r = vm.call_sync(f.clone(), vec![v.clone()], vec![])?;
                            vm.truthy(&r)?
                        };
                        if keep {
                            return Ok(Some(v));
                        }
                    }
                    None => return Ok(None),
                }
            }
        }
        IterState::GetItem { obj, idx } => {
            let (obj, i) = (obj.clone(), *idx);
            match vm.subscr(&obj, &Value::Int(i)) {
                Ok(v) => {
                    if let Obj::Iter(st) = vm.get_mut(id) {
                        if let IterState::GetItem { idx, .. } = &mut **st {
                            *idx += 1;
                        }
                    }
                    Ok(Some(v))
                }
                Err(Flow::Exc(e))
                    if vm.exc_is(&e, "IndexError") || vm.exc_is(&e, "StopIteration") =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        IterState::Done => Ok(None),
    }
}

/// C3 linearization of a class's bases.
fn c3(vm: &Vm, cls: u32, bases: &[u32]) -> R<Vec<u32>> {
    let mut seqs: Vec<Vec<u32>> = bases
        .iter()
        .map(|&b| match vm.get(b) {
            Obj::Class(c) => c.mro.clone(),
            _ => vec![b],
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut cand = None;
        for s in &seqs {
            let h = s[0];
            if !seqs.iter().any(|t| t[1..].contains(&h)) {
                cand = Some(h);
                break;
            }
        }
        let Some(h) = cand else {
            return Err(Flow::Exc(Value::None));
        };
        out.push(h);
        for s in seqs.iter_mut() {
            if s[0] == h {
                s.remove(0);
            }
        }
    }
}

pub fn make_class(vm: &mut Vm, frame: &Frame, bases: Vec<u32>, ns: u32) -> R<Value> {
    let code = vm.codes[frame.code as usize].clone();
    let entries: Vec<(Value, Value)> = match vm.get(ns) {
        Obj::Dict(d) => d.iter().cloned().collect(),
        _ => vec![],
    };
    let mut attrs: Attrs = vec![];
    let mut qualname = code.qualname.clone();
    let mut module: Rc<str> = Rc::from("__main__");
    for (k, v) in entries {
        if let Value::Str(s) = &k {
            if &**s == "__qualname__" {
                if let Value::Str(q) = &v {
                    qualname = q.clone();
                }
                continue;
            }
            if &**s == "__module__" {
                if let Value::Str(q) = &v {
                    module = q.clone();
                }
            }
            let sy = vm.intern(s);
            attrs.push((sy, v));
        }
    }
    let bases = if bases.is_empty() {
        vec![vm.types[&Tag::Object]]
    } else {
        bases
    };
    let placeholder = vm.alloc(Obj::Class(Box::new(Class {
        name: code.name.clone(),
        qualname,
        module,
        bases: bases.clone(),
        mro: vec![],
        attrs,
        tag: None,
    })));
    let cid = placeholder.obj().unwrap();
    let mro = match c3(vm, cid, &bases) {
        Ok(m) => m,
        Err(_) => {
            let names: Vec<String> = bases.iter().map(|&b| vm.class_name(b)).collect();
            return vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        }
    };
    if let Obj::Class(c) = vm.get_mut(cid) {
        c.mro = mro;
    }
    let class_sym = vm.intern("__class__");
    if code.ncellvars > 0 && code.cell_names[0] == class_sym {
        *vm.get_mut(frame.cells[0]) = Obj::Cell(placeholder.clone());
    }
    Ok(placeholder)
}

fn cell_get(vm: &mut Vm, frame: &Frame, code: &Code, i: u32) -> R<Value> {
    match vm.get(frame.cells[i as usize]) {
        Obj::Cell(Value::Undef) => {
            let n = vm.syms.rc(code.cell_names[i as usize]);
            if (i as usize) < code.ncellvars as usize {
                vm.err(
                    "UnboundLocalError",
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        n
                    ),
                )
            } else {
                vm.err("NameError", format!("cannot access free variable '{}' where it is not associated with a value in enclosing scope", n))
            }
        }
        Obj::Cell(v) => Ok(v.clone()),
        _ => unreachable!(),
    }
}

fn pop_n(frame: &mut Frame, n: u32) -> Vec<Value> {
    let at = frame.regs.len() - n as usize;
    frame.regs.split_off(at)
}

/// Executes the instructions the main loop does not handle inline. Returns a frame when the
/// instruction starts Python code that must run on the frame stack (class bodies, `__enter__`).
pub fn exec(vm: &mut Vm, frame: &mut Frame, code: &Code, op: Op) -> R<Option<Frame>> {
    match op {
        Op::Nop => {}
        Op::Pop => {
            frame.pop();
        }
        Op::Dup => {
            let v = frame.top().clone();
            frame.push(v);
        }
        Op::Dup2 => {
            let n = frame.regs.len();
            let (a, b) = (frame.regs[n - 2].clone(), frame.regs[n - 1].clone());
            frame.push(a);
            frame.push(b);
        }
        Op::Rot2 => {
            let n = frame.regs.len();
            frame.regs.swap(n - 1, n - 2);
        }
        Op::Rot3 => {
            let v = frame.pop();
            let n = frame.regs.len();
            frame.regs.insert(n - 2, v);
        }
        Op::Rot4 => {
            let v = frame.pop();
            let n = frame.regs.len();
            frame.regs.insert(n - 3, v);
        }
        Op::DeleteFast(i) => {
            if let Value::Undef = frame.regs[i as usize] {
                let n = vm.syms.rc(code.local_names[i as usize]);
                return vm.err(
                    "UnboundLocalError",
                    format!(
                        "cannot access local variable '{}' where it is not associated with a value",
                        n
                    ),
                );
            }
            frame.regs[i as usize] = Value::Undef;
        }
        Op::LoadDeref(i) => {
            let v = cell_get(vm, frame, code, i)?;
            frame.push(v);
        }
        Op::LoadClosureCell(i) => frame.push(Value::Obj(frame.cells[i as usize])),
        Op::StoreDeref(i) => {
            let v = frame.pop();
            *vm.get_mut(frame.cells[i as usize]) = Obj::Cell(v);
        }
        Op::DeleteGlobal(slot) => {
            let m = &mut vm.modules[frame.module as usize];
            if let Value::Undef = m.slots[slot as usize] {
                let n = vm.syms.rc(m.table.names[slot as usize]);
                return vm.err("NameError", format!("name '{}' is not defined", n));
            }
            m.slots[slot as usize] = Value::Undef;
        }
        Op::LoadName(s) => {
            if let Some(ns) = frame.ns {
                let k = HKey::Str(vm.syms.rc(s));
                if let Obj::Dict(d) = vm.get(ns) {
                    if let Some(v) = d.get(&k) {
                        frame.push(v.clone());
                        return Ok(None);
                    }
                }
            }
            let m = &vm.modules[frame.module as usize];
            if let Some(&slot) = m.table.index.get(&s) {
                let v = m.slots[slot as usize].clone();
                if !matches!(v, Value::Undef) {
                    frame.push(v);
                    return Ok(None);
                }
            }
            match vm.builtins.get(&s) {
                Some(v) => frame.push(v.clone()),
                None => return Err(vm.name_error(s, &[], frame.module)),
            }
        }
        Op::StoreName(s) => {
            let v = frame.pop();
            match frame.ns {
                Some(ns) => {
                    let k = vm.syms.rc(s);
                    if let Obj::Dict(d) = vm.get_mut(ns) {
                        d.insert(HKey::Str(k.clone()), Value::Str(k), v);
                    }
                }
                None => {
                    let idx = frame.module as usize;
                    let slot = vm.modules[idx].table.slot(s) as usize;
                    let m = &mut vm.modules[idx];
                    if m.slots.len() <= slot {
                        m.slots.resize(slot + 1, Value::Undef);
                    }
                    m.slots[slot] = v;
                }
            }
        }
        Op::DeleteName(s) => {
            if let Some(ns) = frame.ns {
                let k = HKey::Str(vm.syms.rc(s));
                if let Obj::Dict(d) = vm.get_mut(ns) {
                    d.remove(&k);
                }
            }
        }
        Op::LoadAttr(s) => {
            let o = frame.pop();
            if let Value::Obj(id) = o {
                vm.absorb_dict(id);
            }
            if let Some(Obj::Inst(inst)) = vm.get_opt(&o) {
                // One walk of the MRO: a property there comes first, then the instance's own
                // attribute; the rest is `getattr`'s.
                let own = attr_get(&inst.attrs, s).map(Value::dup);
                match vm.lookup_in_class(inst.class, s) {
                    Some(Value::Obj(p)) if matches!(vm.get(p), Obj::Property { .. }) => {
                        // A property written in Python runs as a frame: its getter may block
                        // (`Process.exitcode` polls the child).
                        if let Obj::Property { fget, .. } = vm.get(p) {
                            if matches!(vm.get_opt(fget), Some(Obj::Func(_))) {
                                let fget = fget.clone();
                                return match vm.call(fget, vec![o], vec![])? {
                                    Called::Value(v) => {
                                        frame.push(v);
                                        Ok(None)
                                    }
                                    Called::Frame(f) => Ok(Some(f)),
                                };
                            }
                        }
                    }
                    _ => {
                        if let (Some(v), false) = (own, s == sym::CLASS) {
                            frame.push(v);
                            return Ok(None);
                        }
                    }
                }
            }
            let v = vm.getattr(&o, s)?;
            frame.push(v);
        }
        Op::StoreAttr(s) => {
            let o = frame.pop();
            let v = frame.pop();
            vm.setattr(&o, s, v)?;
        }
        Op::DeleteAttr(s) => {
            let o = frame.pop();
            vm.delattr(&o, s)?;
        }
        Op::LoadMethod(s) => {
            let o = frame.pop();
            if let Value::Obj(id) = &o {
                vm.absorb_dict(*id);
                if let Obj::Inst(inst) = vm.get(*id) {
                    if attr_get(&inst.attrs, s).is_none() {
                        let cls = inst.class;
                        if let Some(f) = vm.lookup_in_class(cls, s) {
                            let plain = match &f {
                                Value::Obj(fid) => matches!(vm.get(*fid), Obj::Func(_)),
                                Value::Builtin(_) => true,
                                _ => false,
                            };
                            if plain {
                                frame.push(f);
                                frame.push(o);
                                return Ok(None);
                            }
                        }
                    }
                }
            } else if let Some(cls) = vm.class_id_of(&o) {
                if let Obj::Class(c) = vm.get(cls) {
                    if let Some(t) = c.tag {
                        if let Some(&b) = vm.type_methods.get(&(t, s)) {
                            frame.push(Value::Builtin(b));
                            frame.push(o);
                            return Ok(None);
                        }
                    }
                }
            }
            let v = vm.getattr(&o, s)?;
            frame.push(v);
            frame.push(Value::Undef);
        }
        Op::Not => {
            let v = frame.pop();
            let t = vm.truthy(&v)?;
            frame.push(Value::Bool(!t));
        }
        Op::Neg | Op::Pos | Op::Invert => {
            let v = frame.pop();
            if let Some(Obj::Complex(re, im)) = vm.get_opt(&v) {
                let (re, im) = (*re, *im);
                let r = match op {
                    Op::Neg => vm.alloc(Obj::Complex(-re, -im)),
                    Op::Pos => v.clone(),
                    _ => return vm.type_error("bad operand type for unary ~: 'complex'"),
                };
                frame.push(r);
                return Ok(None);
            }
            let r = match (&v, op) {
                (Value::Int(i), Op::Neg) => match i.checked_neg() {
                    Some(x) => Value::Int(x),
                    None => num::norm(-num::big(&v).unwrap()),
                },
                (Value::Bool(b), Op::Neg) => Value::Int(-(*b as i64)),
                (Value::Big(b), Op::Neg) => num::norm(-(**b).clone()),
                (Value::Float(f), Op::Neg) => Value::Float(-f),
                (Value::Int(_) | Value::Big(_) | Value::Float(_), Op::Pos) => v.clone(),
                (Value::Bool(b), Op::Pos) => Value::Int(*b as i64),
                (Value::Int(i), Op::Invert) => Value::Int(!i),
                (Value::Bool(b), Op::Invert) => Value::Int(!(*b as i64)),
                (Value::Big(b), Op::Invert) => num::norm(-(**b).clone() - 1),
                _ => {
                    let (name, sy) = match op {
                        Op::Neg => ("-", "__neg__"),
                        Op::Pos => ("+", "__pos__"),
                        _ => ("~", "__invert__"),
                    };
                    let s = vm.intern(sy);
                    if let Some(m) = vm.lookup_class_attr(&v, s) {
                        let r = vm.call_sync(m, vec![v.clone()], vec![])?;
                        frame.push(r);
                        return Ok(None);
                    }
                    let t = vm.type_name(&v);
                    return vm.type_error(format!("bad operand type for unary {}: '{}'", name, t));
                }
            };
            frame.push(r);
        }
        Op::GetIter => {
            let v = frame.pop();
            // A Python `__iter__` runs as a frame (it may block, e.g. a manager list proxy).
            if let Some(Obj::Inst(_)) = vm.get_opt(&v) {
                if let Some(m) = vm.lookup_class_attr(&v, sym::ITER) {
                    if matches!(vm.get_opt(&m), Some(Obj::Func(_))) {
                        return match vm.call(m, vec![v], vec![])? {
                            Called::Value(it) => {
                                frame.push(it);
                                Ok(None)
                            }
                            Called::Frame(f) => Ok(Some(f)),
                        };
                    }
                }
            }
            let it = vm.get_iter(&v)?;
            frame.push(it);
        }
        Op::RangeSetup(argc) => {
            let args = pop_n(frame, argc);
            let f = frame.pop();
            let is_range = matches!(f, Value::Builtin(b) if b == builtins::id_of("range"));
            if is_range
                && args
                    .iter()
                    .all(|a| matches!(a, Value::Int(_) | Value::Bool(_)))
            {
                let ints: Vec<i64> = args.iter().map(int_arg).collect();
                let (start, stop, step) = match ints.len() {
                    1 => (0, ints[0], 1),
                    2 => (ints[0], ints[1], 1),
                    _ => (ints[0], ints[1], ints[2]),
                };
                if step == 0 {
                    return vm.err("ValueError", "range() arg 3 must not be zero");
                }
                frame.push(Value::Int(start));
                frame.push(Value::Int(stop));
                frame.push(Value::Int(step));
            } else {
                let r = vm.call_sync(f, args, vec![])?;
                let it = vm.get_iter(&r)?;
                frame.push(Value::Undef);
                frame.push(Value::Undef);
                frame.push(it);
            }
        }
        Op::BuildList(n) => {
            let v = pop_n(frame, n);
            let l = vm.new_list(v);
            frame.push(l);
        }
        Op::BuildTuple(n) => {
            let v = pop_n(frame, n);
            let l = vm.new_tuple(v);
            frame.push(l);
        }
        Op::BuildSet(n) => {
            let v = pop_n(frame, n);
            let mut d = Dict::new_set();
            for x in v {
                let h = vm.hkey(&x)?;
                d.insert(h, x, Value::None);
            }
            let s = vm.alloc(Obj::Set(d));
            frame.push(s);
        }
        Op::BuildDict(n) => {
            let v = pop_n(frame, n * 2);
            let mut d = Dict::default();
            let mut it = v.into_iter();
            while let (Some(k), Some(x)) = (it.next(), it.next()) {
                let h = vm.hkey(&k)?;
                d.insert(h, k, x);
            }
            let s = vm.alloc(Obj::Dict(d));
            frame.push(s);
        }
        Op::BuildString(n) => {
            let v = pop_n(frame, n);
            let mut s = String::new();
            for x in v {
                if let Value::Str(t) = x {
                    s.push_str(&t);
                }
            }
            frame.push(Value::Str(Rc::from(s)));
        }
        Op::BuildSlice(n) => {
            let step = if n == 3 { frame.pop() } else { Value::None };
            let b = frame.pop();
            let a = frame.pop();
            let s = vm.alloc(Obj::Slice(a, b, step));
            frame.push(s);
        }
        Op::ListAppend(d) | Op::SetAdd(d) => {
            let v = frame.pop();
            let target = frame.regs[frame.regs.len() - d as usize].clone();
            let id = target.obj().unwrap();
            if let Op::SetAdd(_) = op {
                let h = vm.hkey(&v)?;
                if let Obj::Set(s) = vm.get_mut(id) {
                    s.insert(h, v, Value::None);
                }
            } else if let Obj::List(l) = vm.get_mut(id) {
                l.push(v);
            }
        }
        Op::MapAdd(d) => {
            let v = frame.pop();
            let k = frame.pop();
            let target = frame.regs[frame.regs.len() - d as usize].clone();
            let h = vm.hkey(&k)?;
            if let Obj::Dict(m) = vm.get_mut(target.obj().unwrap()) {
                m.insert(h, k, v);
            }
        }
        Op::ListExtend(d) | Op::SetUpdate(d) => {
            let v = frame.pop();
            let items = vm.collect(&v)?;
            let target = frame.regs[frame.regs.len() - d as usize].clone();
            let id = target.obj().unwrap();
            if let Op::SetUpdate(_) = op {
                for x in items {
                    let h = vm.hkey(&x)?;
                    if let Obj::Set(s) = vm.get_mut(id) {
                        s.insert(h, x, Value::None);
                    }
                }
            } else if let Obj::List(l) = vm.get_mut(id) {
                l.extend(items);
            }
        }
        Op::DictUpdate(d) => {
            let v = frame.pop();
            let target = frame.regs[frame.regs.len() - d as usize].clone();
            let pairs: Vec<(Value, Value)> = match vm.get_opt(&v) {
                Some(Obj::Dict(src)) => src.iter().cloned().collect(),
                _ => {
                    let t = vm.type_name(&v);
                    return vm.type_error(format!("'{}' object is not a mapping", t));
                }
            };
            for (k, x) in pairs {
                let h = vm.hkey(&k)?;
                if let Obj::Dict(m) = vm.get_mut(target.obj().unwrap()) {
                    m.insert(h, k, x);
                }
            }
        }
        Op::ListToTuple => {
            let v = frame.pop();
            let items = match vm.get_opt(&v) {
                Some(Obj::List(x)) => x.clone(),
                _ => vec![],
            };
            let t = vm.new_tuple(items);
            frame.push(t);
        }
        Op::FormatValue(conv) => {
            let spec = if conv & 4 != 0 {
                match frame.pop() {
                    Value::Str(s) => s,
                    _ => Rc::from(""),
                }
            } else {
                Rc::from("")
            };
            let v = frame.pop();
            if spec.is_empty() && conv & 3 != 3 {
                let which = if conv & 3 == 2 { sym::REPR } else { sym::STR };
                let direct = vm.py_str_method(&v, which);
                let via_helper = direct.is_none() && vm.nested == 0 && vm.needs_py_repr(&v, which);
                let m = match (direct, via_helper) {
                    (Some(m), _) => Some(m),
                    (None, true) => {
                        Some(vm.py_helper(if which == sym::REPR { "_repr" } else { "_str" })?)
                    }
                    _ => None,
                };
                if let Some(m) = m {
                    return match vm.call(m, vec![v], vec![])? {
                        Called::Value(r) => {
                            frame.push(r);
                            Ok(None)
                        }
                        Called::Frame(f) => Ok(Some(f)),
                    };
                }
            }
            let v = match conv & 3 {
                1 => Value::Str(Rc::from(vm.to_str(&v)?)),
                2 => Value::Str(Rc::from(vm.repr(&v)?)),
                3 => Value::Str(Rc::from(builtins::ascii_of(&vm.repr(&v)?))),
                _ => v,
            };
            let s = match (&v, spec.is_empty()) {
                (Value::Str(s), true) => s.clone(),
                _ => Rc::from(vm.format_value(&v, &spec)?),
            };
            frame.push(Value::Str(s));
        }
        Op::Subscr => {
            let i = frame.pop();
            let o = frame.pop();
            let v = vm.subscr(&o, &i)?;
            frame.push(v);
        }
        Op::StoreSubscr => {
            let i = frame.pop();
            let o = frame.pop();
            let v = frame.pop();
            vm.store_subscr(&o, &i, v)?;
        }
        Op::DeleteSubscr => {
            let i = frame.pop();
            let o = frame.pop();
            vm.del_subscr(&o, &i)?;
        }
        Op::UnpackSeq(n) => {
            let v = frame.pop();
            let items = unpack_items(vm, &v)?;
            if items.len() != n as usize {
                if items.len() > n as usize {
                    return vm.err(
                        "ValueError",
                        format!("too many values to unpack (expected {})", n),
                    );
                }
                return vm.err(
                    "ValueError",
                    format!(
                        "not enough values to unpack (expected {}, got {})",
                        n,
                        items.len()
                    ),
                );
            }
            frame.regs.extend(items.into_iter().rev());
        }
        Op::UnpackEx { before, after } => {
            let v = frame.pop();
            let mut items = unpack_items(vm, &v)?;
            let (b, a) = (before as usize, after as usize);
            if items.len() < b + a {
                return vm.err(
                    "ValueError",
                    format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        b + a,
                        items.len()
                    ),
                );
            }
            let tail = items.split_off(items.len() - a);
            let mid = items.split_off(b);
            frame.regs.extend(tail.into_iter().rev());
            let l = vm.new_list(mid);
            frame.push(l);
            frame.regs.extend(items.into_iter().rev());
        }
        Op::MakeFunction { code: ci, flags } => {
            let closure = if flags & 4 != 0 {
                match vm.get_opt(&frame.pop()) {
                    Some(Obj::Tuple(t)) => t.iter().filter_map(|v| v.obj()).collect(),
                    _ => vec![],
                }
            } else {
                vec![]
            };
            let annotations = if flags & 8 != 0 {
                let ann = vm.intern("__annotations__");
                Some((ann, frame.pop()))
            } else {
                None
            };
            let kwdefaults = if flags & 2 != 0 {
                let d = frame.pop();
                let pairs: Vec<(Value, Value)> = match vm.get_opt(&d) {
                    Some(Obj::Dict(d)) => d.iter().cloned().collect(),
                    _ => vec![],
                };
                pairs
                    .into_iter()
                    .filter_map(|(k, v)| match k {
                        Value::Str(s) => Some((vm.intern(&s), v)),
                        _ => None,
                    })
                    .collect()
            } else {
                vec![]
            };
            let defaults = if flags & 1 != 0 {
                match vm.get_opt(&frame.pop()) {
                    Some(Obj::Tuple(t)) => t.clone(),
                    _ => vec![],
                }
            } else {
                vec![]
            };
            let c = vm.codes[ci as usize].clone();
            let f = vm.alloc(Obj::Func(Box::new(Func {
                code: ci,
                name: c.name.clone(),
                qualname: c.qualname.clone(),
                defaults,
                kwdefaults,
                closure,
                module: frame.module,
                attrs: annotations.into_iter().collect(),
            })));
            frame.push(f);
        }
        Op::BuildClass { code: ci } => {
            let closure: Vec<u32> = match vm.get_opt(&frame.pop()) {
                Some(Obj::Tuple(t)) => t.iter().filter_map(|v| v.obj()).collect(),
                _ => vec![],
            };
            let _kw = frame.pop();
            let bases_v = frame.pop();
            let bases: Vec<Value> = match vm.get_opt(&bases_v) {
                Some(Obj::Tuple(t)) => t.clone(),
                _ => vec![],
            };
            let mut bids = vec![];
            for b in bases {
                match b {
                    Value::Obj(id) if matches!(vm.get(id), Obj::Class(_)) => bids.push(id),
                    other => {
                        let _ = other;
                        return vm.type_error("bases must be types");
                    }
                }
            }
            let c = vm.codes[ci as usize].clone();
            let ns = vm.alloc(Obj::Dict(Dict::default())).obj().unwrap();
            let mut cells = vec![];
            for _ in 0..c.ncellvars {
                cells.push(vm.alloc(Obj::Cell(Value::Undef)).obj().unwrap());
            }
            cells.extend(closure);
            return Ok(Some(Frame {
                code: ci,
                pc: 0,
                regs: vec![],
                cells,
                blocks: vec![],
                module: frame.module,
                ns: Some(ns),
                ret: Ret::ClassBody { bases: bids, ns },
                gen: None,
            }));
        }
        Op::SetupExcept(h) | Op::SetupFinally(h) => {
            frame.blocks.push(Block {
                kind: 0,
                handler: h,
                depth: frame.regs.len() as u32,
            });
        }
        Op::PopBlock => {
            frame.blocks.pop();
        }
        Op::PopExcept => {
            frame.blocks.pop();
            vm.threads[vm.cur].exc_stack.pop();
        }
        Op::Raise(n) => {
            return Err(match n {
                0 => match vm.threads[vm.cur].exc_stack.last() {
                    Some(e) => Flow::Exc(e.clone()),
                    None => Flow::Exc(vm.new_exc("RuntimeError", "No active exception to reraise")),
                },
                1 => {
                    let e = frame.pop();
                    Flow::Exc(vm.to_exception(e)?)
                }
                _ => {
                    let cause = frame.pop();
                    let e = frame.pop();
                    let e = vm.to_exception(e)?;
                    let cause = if cause.is_none() {
                        Value::None
                    } else {
                        vm.to_exception(cause)?
                    };
                    if let Value::Obj(id) = &e {
                        if let Obj::Inst(i) = vm.get_mut(*id) {
                            if let Some(x) = &mut i.exc {
                                x.cause = cause;
                                x.suppress_context = true;
                            }
                        }
                    }
                    Flow::Exc(e)
                }
            });
        }
        Op::Reraise => {
            let e = frame.pop();
            return Err(Flow::Exc(e));
        }
        Op::ExcMatch => {
            let t = frame.pop();
            let e = frame.top().clone();
            let m = vm.exc_matches(&e, &t)?;
            frame.push(Value::Bool(m));
        }
        Op::WithEnter => {
            let ctx = frame.pop();
            let enter = vm.special_method(&ctx, sym::ENTER);
            let exit = vm.special_method(&ctx, sym::EXIT);
            let (Some(enter), Some(exit)) = (enter, exit) else {
                let t = vm.type_name(&ctx);
                return vm.type_error(format!(
                    "'{}' object does not support the context manager protocol",
                    t
                ));
            };
            let bound_exit = vm.alloc(Obj::Bound {
                slf: ctx.clone(),
                func: exit,
            });
            frame.push(bound_exit);
            match vm.call(enter, vec![ctx], vec![])? {
                Called::Value(v) => frame.push(v),
                Called::Frame(f) => return Ok(Some(f)),
            }
        }
        Op::WithExit => {
            // A normal call (frame, or syscall reply pushed on resume): `__exit__` may block.
            let e = frame.pop();
            let exit = frame.pop();
            let t = vm.class_id_of(&e).map(Value::Obj).unwrap_or(Value::None);
            frame.push(e.clone());
            match vm.call(exit, vec![t, e, Value::None], vec![])? {
                Called::Value(v) => frame.push(v),
                Called::Frame(f) => return Ok(Some(f)),
            }
        }
        Op::Import(s) => {
            let name = vm.syms.rc(s);
            let m = modules::import(vm, &name)?;
            frame.push(m);
        }
        Op::ImportFrom(s) => {
            let m = frame.top().clone();
            // An AttributeError from a module's `__getattr__` means "no such name" here.
            let found = match vm.getattr_opt(&m, s) {
                Err(Flow::Exc(e)) if vm.exc_is(&e, "AttributeError") => None,
                r => r?,
            };
            match found {
                Some(v) => frame.push(v),
                None => {
                    let mname = match vm.get_opt(&m) {
                        Some(Obj::Module { name, .. }) => name.clone(),
                        _ => Rc::from("?"),
                    };
                    let n = vm.syms.rc(s);
                    let full = format!("{}.{}", mname, n);
                    match modules::import(vm, &full) {
                        // Not the package itself, which `import` gives for an unknown
                        // `multiprocessing.x`: the name is missing.
                        Ok(v) if !v.is(&m) => frame.push(v),
                        _ => {
                            return vm.err(
                                "ImportError",
                                format!(
                                    "cannot import name '{}' from '{}' (unknown location)",
                                    n, mname
                                ),
                            );
                        }
                    }
                }
            }
        }
        Op::ImportStar => {
            let m = frame.pop();
            if let Some(Obj::Module { idx, .. }) = vm.get_opt(&m) {
                let src = &vm.modules[*idx as usize];
                let all = vm
                    .syms
                    .map
                    .get("__all__")
                    .and_then(|&a| src.global(a))
                    .cloned();
                let mname = src.name.clone();
                let pairs: Vec<(Sym, Value)> = if let Some(all) = all {
                    // The names in `__all__`, each as `getattr` finds it (a module
                    // `__getattr__` included), as CPython does.
                    let mut pairs = vec![];
                    for name in vm.collect(&all)? {
                        let Value::Str(name) = name else {
                            let t = vm.type_name(&name);
                            return vm.err(
                                "TypeError",
                                format!("Item in {mname}.__all__ must be str, not {t}"),
                            );
                        };
                        let n = vm.intern(&name);
                        let v = vm.getattr(&m, n)?;
                        pairs.push((n, v));
                    }
                    pairs
                } else {
                    src.globals()
                        .filter(|(n, _)| !vm.syms.name(*n).starts_with('_'))
                        .map(|(n, v)| (n, v.clone()))
                        .collect()
                };
                let me = frame.module as usize;
                for (n, v) in pairs {
                    let slot = vm.modules[me].table.slot(n) as usize;
                    let md = &mut vm.modules[me];
                    if md.slots.len() <= slot {
                        md.slots.resize(slot + 1, Value::Undef);
                    }
                    md.slots[slot] = v;
                }
            }
        }
        Op::LoadBytes(k) => {
            let b = match &code.consts[k as usize] {
                Value::Str(s) => s.chars().map(|c| c as u8).collect(),
                _ => vec![],
            };
            let v = vm.alloc(Obj::Bytes(b));
            frame.push(v);
        }
        Op::LoadImag(k) => {
            let im = match code.consts[k as usize] {
                Value::Float(f) => f,
                _ => 0.0,
            };
            let v = vm.alloc(Obj::Complex(0.0, im));
            frame.push(v);
        }
        Op::LoadGenReturn => frame.push(std::mem::take(&mut vm.gen_return)),
        Op::LoadAssertionError => frame.push(Value::Obj(vm.exc_classes["AssertionError"])),
        Op::ContainsOp(neg) => {
            let c = frame.pop();
            let i = frame.pop();
            // A Python `__contains__` runs as a frame (it may block: a manager's proxy).
            if let Some(Obj::Inst(_)) = vm.get_opt(&c) {
                if let Some(m) = vm.lookup_class_attr(&c, sym::CONTAINS) {
                    if matches!(vm.get_opt(&m), Some(Obj::Func(_))) {
                        return match vm.call(m, vec![c, i], vec![])? {
                            Called::Value(v) => {
                                let b = vm.truthy(&v)?;
                                frame.push(Value::Bool(b != neg));
                                Ok(None)
                            }
                            Called::Frame(mut f) => {
                                f.ret = Ret::Truth(neg);
                                Ok(Some(f))
                            }
                        };
                    }
                }
            }
            let r = vm.contains(&c, &i)?;
            frame.push(Value::Bool(r != neg));
        }
        Op::IsOp(neg) => {
            let b = frame.pop();
            let a = frame.pop();
            // `type(s) is slice`: the builtins `range` and `slice` stand for their classes.
            let same = a.is(&b)
                || (matches!((&a, &b), (Value::Builtin(_), _) | (_, Value::Builtin(_)))
                    && builtins::as_type(vm, &a).is(&builtins::as_type(vm, &b)));
            frame.push(Value::Bool(same != neg));
        }
        other => unreachable!("op {:?} handled by the main loop", other),
    }
    Ok(None)
}

impl Vm {
    /// `__enter__`/`__exit__`-style lookup on the type: user classes, then native types.
    pub fn special_method(&self, v: &Value, s: Sym) -> Option<Value> {
        if let Some(m) = self.lookup_class_attr(v, s) {
            return Some(m);
        }
        let cls = self.class_id_of(v)?;
        let Obj::Class(c) = self.get(cls) else {
            return None;
        };
        c.tag
            .and_then(|t| self.type_methods.get(&(t, s)).map(|&b| Value::Builtin(b)))
    }

    /// Turns what `raise` got into an exception instance (classes are instantiated).
    pub fn to_exception(&mut self, e: Value) -> R<Value> {
        let base = self.exc_classes["BaseException"];
        if let Value::Obj(id) = &e {
            match self.get(*id) {
                Obj::Class(_) if self.is_subclass(*id, base) => {
                    return self.call_sync(e.clone(), vec![], vec![]);
                }
                Obj::Inst(i) if self.is_subclass(i.class, base) => return Ok(e),
                _ => {}
            }
        }
        self.type_error("exceptions must derive from BaseException")
    }

    pub fn exc_matches(&mut self, e: &Value, t: &Value) -> R<bool> {
        let Some(ec) = self.class_id_of(e) else {
            return Ok(false);
        };
        match t {
            Value::Obj(id) => match self.get(*id) {
                Obj::Class(_) => Ok(self.is_subclass(ec, *id)),
                Obj::Tuple(items) => {
                    let items = items.clone();
                    for x in &items {
                        if self.exc_matches(e, x)? {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                _ => self.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ),
            },
            _ => self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ),
        }
    }
}

pub use format::float_repr;

/// `op` on complex numbers; `None` when complex has no such operator (the caller raises).
#[allow(clippy::type_complexity)]
fn complex_op(
    k: BinOpK,
    (a, b): (f64, f64),
    (c, d): (f64, f64),
) -> Result<Option<(f64, f64)>, (&'static str, String)> {
    Ok(Some(match k {
        BinOpK::Add => (a + c, b + d),
        BinOpK::Sub => (a - c, b - d),
        BinOpK::Mul => (a * c - b * d, a * d + b * c),
        BinOpK::Div => {
            let den = c * c + d * d;
            if den == 0.0 {
                return Err(("ZeroDivisionError", "complex division by zero".into()));
            }
            ((a * c + b * d) / den, (b * c - a * d) / den)
        }
        BinOpK::Pow => {
            if d == 0.0 && c.fract() == 0.0 && c.abs() <= 100.0 {
                // Integer exponent: repeated multiplication, as CPython's c_powi.
                let n = c as i64;
                let (mut rr, mut ri) = (1.0, 0.0);
                let (mut br, mut bi) = (a, b);
                let mut e = n.unsigned_abs();
                while e > 0 {
                    if e & 1 == 1 {
                        let t = rr * br - ri * bi;
                        ri = rr * bi + ri * br;
                        rr = t;
                    }
                    let t = br * br - bi * bi;
                    bi *= 2.0 * br;
                    br = t;
                    e >>= 1;
                }
                if n < 0 {
                    let den = rr * rr + ri * ri;
                    if den == 0.0 {
                        return Err((
                            "ZeroDivisionError",
                            "0.0 to a negative or complex power".into(),
                        ));
                    }
                    (rr / den, -ri / den)
                } else {
                    (rr, ri)
                }
            } else {
                if a == 0.0 && b == 0.0 {
                    return Ok(Some((0.0, 0.0)));
                }
                let vabs = a.hypot(b);
                let len = vabs.powf(c);
                let at = b.atan2(a);
                let mut phase = at * c;
                let mut len = len;
                if d != 0.0 {
                    len /= (at * d).exp();
                    phase += d * vabs.ln();
                }
                (len * phase.cos(), len * phase.sin())
            }
        }
        _ => return Ok(None),
    }))
}

impl Vm {
    /// A number as a complex pair (ints, floats, bools, complex); `None` for other values.
    pub fn as_complex(&self, v: &Value) -> Option<(f64, f64)> {
        match v {
            Value::Obj(id) => match self.get(*id) {
                Obj::Complex(re, im) => Some((*re, *im)),
                _ => None,
            },
            _ if num::is_num(v) => num::to_f64(v).ok().map(|f| (f, 0.0)),
            _ => None,
        }
    }
}
