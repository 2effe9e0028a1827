//! Values and heap objects.
//!
//! A [`Value`] is small and cheap to clone: scalars inline, strings and big ints behind an `Rc`
//! (immutable leaves, so sharing is invisible), everything mutable or identity-bearing is an
//! `Obj(id)` into the VM's arena heap. Keeping the object graph as indices (not `Rc<RefCell>`)
//! is what makes the whole interpreter `Clone + Serialize`: `os.fork()` is a clone.

use num_bigint::BigInt;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::rc::Rc;

/// An interned name (attribute, global, keyword), index into the VM's symbol table.
pub type Sym = u32;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub enum Value {
    #[default]
    None,
    /// An unbound local / global slot; never visible to Python code.
    Undef,
    Bool(bool),
    Int(i64),
    Big(Rc<BigInt>),
    Float(f64),
    Str(Rc<str>),
    Obj(u32),
    /// A native function (index into the builtin table).
    Builtin(u16),
    Ellipsis,
    NotImplemented,
}

impl Value {
    /// `clone()`, with the values that own nothing copied inline: the VM's hottest ops copy
    /// values, and in the worker's wasm (opt-level "z") every `clone()` is a call.
    #[inline(always)]
    pub fn dup(&self) -> Value {
        match *self {
            Value::Int(i) => Value::Int(i),
            Value::Bool(b) => Value::Bool(b),
            Value::None => Value::None,
            Value::Float(f) => Value::Float(f),
            Value::Obj(o) => Value::Obj(o),
            _ => self.clone(),
        }
    }
    /// Drops the value, with no call for the values that own nothing (see [`Value::dup`]).
    /// Every variant is listed: a new one that owns memory must not be forgotten here.
    #[inline(always)]
    pub fn discard(self) {
        match self {
            Value::Big(_) | Value::Str(_) => drop(self),
            Value::None
            | Value::Undef
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_)
            | Value::Obj(_)
            | Value::Builtin(_)
            | Value::Ellipsis
            | Value::NotImplemented => std::mem::forget(self),
        }
    }
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    pub fn obj(&self) -> Option<u32> {
        match self {
            Value::Obj(id) => Some(*id),
            _ => None,
        }
    }
    /// Identity comparison (`is`).
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None)
            | (Value::Undef, Value::Undef)
            | (Value::Ellipsis, Value::Ellipsis)
            | (Value::NotImplemented, Value::NotImplemented) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b,
            (Value::Big(a), Value::Big(b)) => Rc::ptr_eq(a, b) || a == b,
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || a == b,
            (Value::Obj(a), Value::Obj(b)) => a == b,
            (Value::Builtin(a), Value::Builtin(b)) => a == b,
            _ => false,
        }
    }
}

/// A dictionary key after hashing: Python's equal-hash-equal classes collapse to one variant
/// (`1 == 1.0 == True`), so a native `HashMap` does the lookup.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HKey {
    None,
    Int(i64),
    Big(Rc<BigInt>),
    Float(u64),
    Str(Rc<str>),
    Tuple(Vec<HKey>),
    Id(u32),
    Builtin(u16),
    Ellipsis,
    Bytes(Vec<u8>),
    /// A user object whose class defines `__hash__`: equal hashes mean equal keys (a documented
    /// simplification: `__eq__` is not consulted).
    User(i64),
}

/// An insertion-ordered dict (Python 3.7+ semantics) with tombstones for deletions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Dict {
    pub entries: Vec<Option<(Value, Value)>>,
    pub index: HashMap<HKey, u32>,
    /// For sets: CPython's open-addressing slot table, kept only to iterate in CPython's order.
    #[serde(default)]
    pub table: Option<Box<SetTable>>,
}

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;
const LINEAR_PROBES: usize = 9;

/// CPython's set table (setobject.c): slots of (entry index | EMPTY | DUMMY, hash), with its
/// probing (linear runs of 9, then perturbation), dummy reuse, and resize policy.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SetTable {
    slots: Vec<(i64, u64)>,
    fill: usize,
    used: usize,
}

impl SetTable {
    fn new() -> SetTable {
        SetTable {
            slots: vec![(EMPTY, 0); 8],
            fill: 0,
            used: 0,
        }
    }

    fn add(&mut self, h: u64, idx: i64) {
        let mask = self.slots.len() - 1;
        let mut i = (h as usize) & mask;
        let mut perturb = h;
        let mut freeslot = None;
        let found = loop {
            let probes = if i + LINEAR_PROBES <= mask {
                LINEAR_PROBES
            } else {
                0
            };
            let mut hit = None;
            for j in i..=i + probes {
                match self.slots[j].0 {
                    EMPTY => {
                        hit = Some(j);
                        break;
                    }
                    DUMMY if freeslot.is_none() => freeslot = Some(j),
                    _ => {}
                }
            }
            if let Some(j) = hit {
                break j;
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        };
        if let Some(f) = freeslot {
            self.slots[f] = (idx, h);
            self.used += 1;
            return;
        }
        self.slots[found] = (idx, h);
        self.fill += 1;
        self.used += 1;
        if self.fill * 5 >= mask * 3 {
            self.resize(if self.used > 50000 {
                self.used * 2
            } else {
                self.used * 4
            });
        }
    }

    fn resize(&mut self, minused: usize) {
        let mut size = 8;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![(EMPTY, 0); size]);
        self.fill = self.used;
        let mask = size - 1;
        for (idx, h) in old.into_iter().filter(|s| s.0 >= 0) {
            let mut i = (h as usize) & mask;
            let mut perturb = h;
            'probe: loop {
                if self.slots[i].0 == EMPTY {
                    self.slots[i] = (idx, h);
                    break;
                }
                if i + LINEAR_PROBES <= mask {
                    for j in 1..=LINEAR_PROBES {
                        if self.slots[i + j].0 == EMPTY {
                            self.slots[i + j] = (idx, h);
                            break 'probe;
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    /// For a set display of ≥3 constants, the insertion order that reproduces CPython's table:
    /// its compiler folds them into a frozenset constant, which constant merging rebuilds by
    /// iterating the first one, and the set is a copy of that rebuilt table. So: the slot order
    /// of the source-order table. Returns indices into `hashes`.
    pub fn const_display_order(hashes: &[u64]) -> Vec<usize> {
        let mut t = SetTable::new();
        for (i, &h) in hashes.iter().enumerate() {
            t.add(h, i as i64);
        }
        t.slots
            .iter()
            .filter(|s| s.0 >= 0)
            .map(|s| s.0 as usize)
            .collect()
    }

    fn discard(&mut self, idx: i64) {
        if let Some(s) = self.slots.iter_mut().find(|s| s.0 == idx) {
            s.0 = DUMMY;
            self.used -= 1;
        }
    }
}

impl Dict {
    pub fn len(&self) -> usize {
        self.index.len()
    }
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
    pub fn get(&self, k: &HKey) -> Option<&Value> {
        self.index
            .get(k)
            .and_then(|&i| self.entries[i as usize].as_ref().map(|e| &e.1))
    }
    pub fn insert(&mut self, hk: HKey, k: Value, v: Value) {
        if let Some(&i) = self.index.get(&hk) {
            if let Some(e) = self.entries[i as usize].as_mut() {
                e.1 = v;
                return;
            }
        }
        if let Some(t) = &mut self.table {
            t.add(hkey_hash(&hk) as u64, self.entries.len() as i64);
        }
        self.index.insert(hk, self.entries.len() as u32);
        self.entries.push(Some((k, v)));
    }

    /// An empty set (with CPython's slot table, for its iteration order).
    pub fn new_set() -> Dict {
        Dict {
            table: Some(Box::new(SetTable::new())),
            ..Dict::default()
        }
    }
    pub fn remove(&mut self, hk: &HKey) -> Option<(Value, Value)> {
        let i = self.index.remove(hk)?;
        let e = self.entries[i as usize].take();
        if let Some(t) = &mut self.table {
            t.discard(i as i64);
        }
        if self.entries.len() > 32 && self.index.len() * 2 < self.entries.len() {
            self.compact();
        }
        e
    }
    fn compact(&mut self) {
        let old = std::mem::take(&mut self.entries);
        let mut keys: Vec<(HKey, u32)> = self.index.drain().collect();
        proclab_abi::sort_by_key(&mut keys, |k| k.1);
        let mut remap = HashMap::new();
        for (i, e) in old.into_iter().enumerate() {
            if let Some(e) = e {
                remap.insert(i as u32, self.entries.len() as u32);
                self.entries.push(Some(e));
            }
        }
        for (k, i) in keys {
            self.index.insert(k, remap[&i]);
        }
        if let Some(t) = &mut self.table {
            for s in t.slots.iter_mut().filter(|s| s.0 >= 0) {
                s.0 = remap[&(s.0 as u32)] as i64;
            }
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.entries.iter().flatten()
    }
    pub fn clear(&mut self) {
        self.entries.clear();
        self.index.clear();
        if self.table.is_some() {
            self.table = Some(Box::new(SetTable::new()));
        }
    }

    /// The keys in the order CPython's *set* would iterate them: the slot order of its open
    /// addressing table, simulated by inserting the current keys (in insertion order) with
    /// CPython's probing and resize policy. Exact for int sets built without deletions, which
    /// is what programs print; str hashes are salted in CPython anyway.
    pub fn set_order(&self) -> Vec<Value> {
        if let Some(t) = &self.table {
            return t
                .slots
                .iter()
                .filter(|s| s.0 >= 0)
                .filter_map(|s| self.entries[s.0 as usize].as_ref().map(|e| e.0.clone()))
                .collect();
        }
        const LINEAR_PROBES: usize = 9;
        let keys: Vec<(&HKey, &Value)> = {
            let mut v: Vec<(&HKey, u32)> = self.index.iter().map(|(k, &i)| (k, i)).collect();
            proclab_abi::sort_by_key(&mut v, |e| e.1);
            v.into_iter()
                .map(|(k, i)| (k, &self.entries[i as usize].as_ref().unwrap().0))
                .collect()
        };
        let insert = |table: &mut Vec<Option<usize>>, h: u64, item: usize| {
            let mask = table.len() - 1;
            let mut perturb = h;
            let mut i = (h as usize) & mask;
            loop {
                if table[i].is_none() {
                    table[i] = Some(item);
                    return;
                }
                if i + LINEAR_PROBES <= mask {
                    for j in 1..=LINEAR_PROBES {
                        if table[i + j].is_none() {
                            table[i + j] = Some(item);
                            return;
                        }
                    }
                }
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        };
        let hashes: Vec<u64> = keys.iter().map(|(k, _)| hkey_hash(k) as u64).collect();
        let mut table: Vec<Option<usize>> = vec![None; 8];
        let mut used = 0usize;
        for (n, &h) in hashes.iter().enumerate() {
            insert(&mut table, h, n);
            used += 1;
            let mask = table.len() - 1;
            if used * 5 >= mask * 3 {
                let minused = if used > 50000 { used * 2 } else { used * 4 };
                let mut size = 8;
                while size <= minused {
                    size <<= 1;
                }
                let old = std::mem::replace(&mut table, vec![None; size]);
                for item in old.into_iter().flatten() {
                    insert(&mut table, hashes[item], item);
                }
            }
        }
        table
            .into_iter()
            .flatten()
            .map(|i| keys[i].1.clone())
            .collect()
    }
}

/// The hash CPython gives a key (exact for ints; stable stand-ins for the rest).
pub fn hkey_hash(k: &HKey) -> i64 {
    const MODULUS: i64 = (1 << 61) - 1;
    let h = match k {
        HKey::None => 0x7a1b_c2d3,
        HKey::Int(i) => {
            let m = i.unsigned_abs() % MODULUS as u64;
            if *i < 0 {
                -(m as i64)
            } else {
                m as i64
            }
        }
        HKey::User(i) => *i,
        HKey::Id(i) => *i as i64 * 3 + 8_741_234,
        HKey::Float(b) => (*b >> 11) as i64,
        _ => {
            // FNV-1a over the debug text: stable across forks (CPython salts str hashes).
            let s = format!("{:?}", k);
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in s.bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x100_0000_01b3);
            }
            (h >> 1) as i64
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Name -> value attribute storage, in definition order (small: linear search wins).
pub type Attrs = Vec<(Sym, Value)>;

pub fn attr_get(a: &Attrs, s: Sym) -> Option<&Value> {
    a.iter().find(|e| e.0 == s).map(|e| &e.1)
}
pub fn attr_set(a: &mut Attrs, s: Sym, v: Value) {
    if let Some(e) = a.iter_mut().find(|e| e.0 == s) {
        e.1 = v;
    } else {
        a.push((s, v));
    }
}
pub fn attr_del(a: &mut Attrs, s: Sym) -> bool {
    if let Some(i) = a.iter().position(|e| e.0 == s) {
        a.remove(i);
        true
    } else {
        false
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Func {
    pub code: u32,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub defaults: Vec<Value>,
    pub kwdefaults: Vec<(Sym, Value)>,
    pub closure: Vec<u32>,
    pub module: u32,
    pub attrs: Attrs,
}

/// The built-in type a class stands for (`int`, `list`, ...), when it is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tag {
    Object,
    Type,
    NoneType,
    Bool,
    Int,
    Float,
    Str,
    List,
    Tuple,
    Dict,
    Set,
    FrozenSet,
    Range,
    Function,
    BuiltinFunction,
    Method,
    Module,
    Iterator,
    Generator,
    Slice,
    StaticMethod,
    ClassMethod,
    Property,
    Super,
    File,
    Cell,
    Ellipsis,
    NotImplemented,
    Complex,
    Bytes,
    ByteArray,
    DictKeys,
    DictValues,
    DictItems,
    Map,
    Filter,
    Zip,
    Enumerate,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Class {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub module: Rc<str>,
    pub bases: Vec<u32>,
    pub mro: Vec<u32>,
    pub attrs: Attrs,
    pub tag: Option<Tag>,
}

/// Extra state of an exception instance.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ExcInfo {
    /// (code index, line), innermost first.
    pub tb: Vec<(u32, u32)>,
    pub context: Value,
    pub cause: Value,
    pub suppress_context: bool,
    /// CPython's "Did you mean: 'x'?" hint, printed after the message in tracebacks.
    #[serde(default)]
    pub suggestion: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Inst {
    pub class: u32,
    pub attrs: Attrs,
    pub exc: Option<Box<ExcInfo>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum IterState {
    Seq {
        obj: u32,
        idx: usize,
    },
    Str {
        s: Rc<str>,
        pos: usize,
    },
    Range {
        cur: i64,
        stop: i64,
        step: i64,
    },
    /// Dict keys/values/items (0/1/2) by entry position.
    Dict {
        obj: u32,
        idx: usize,
        kind: u8,
        /// The dict's size when iteration began (a change raises RuntimeError, as CPython).
        #[serde(default)]
        len: usize,
    },
    Values {
        items: Vec<Value>,
        idx: usize,
    },
    Enumerate {
        it: Value,
        n: i64,
    },
    Zip {
        its: Vec<Value>,
    },
    Map {
        f: Value,
        its: Vec<Value>,
    },
    Filter {
        f: Value,
        it: Value,
    },
    /// Iteration through `__getitem__` until IndexError.
    GetItem {
        obj: Value,
        idx: i64,
    },
    Count {
        cur: i64,
        step: i64,
    },
    Done,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FileObj {
    pub path: Rc<str>,
    pub mode: Rc<str>,
    pub pos: usize,
    pub closed: bool,
    /// Write buffer: text since open (write/append modes), flushed to the VFS on close/flush.
    pub writable: bool,
    pub readable: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Obj {
    List(Vec<Value>),
    Tuple(Vec<Value>),
    Dict(Dict),
    Set(Dict),
    FrozenSet(Dict),
    Func(Box<Func>),
    Class(Box<Class>),
    Inst(Box<Inst>),
    Bound {
        slf: Value,
        func: Value,
    },
    Module {
        name: Rc<str>,
        idx: u32,
    },
    Cell(Value),
    Range {
        start: i64,
        stop: i64,
        step: i64,
    },
    Iter(Box<IterState>),
    Gen(Box<crate::vm::Gen>),
    Slice(Value, Value, Value),
    StaticMethod(Value),
    ClassMethod(Value),
    Property {
        fget: Value,
        fset: Value,
        fdel: Value,
    },
    Super {
        class: u32,
        obj: Value,
    },
    File(Box<FileObj>),
    /// An immutable byte string.
    Bytes(Vec<u8>),
    /// A mutable byte string (`bytearray`).
    ByteArray(Vec<u8>),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// `dict.keys()` / `values()` / `items()` (kind 0/1/2): a live view of the dict.
    View {
        dict: u32,
        kind: u8,
    },
    Free,
}

impl Obj {
    /// Calls `f` on every value this object holds (for the garbage collector).
    pub fn children(&self, f: &mut dyn FnMut(&Value)) {
        match self {
            Obj::List(v) | Obj::Tuple(v) => v.iter().for_each(f),
            Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => d.iter().for_each(|(k, v)| {
                f(k);
                f(v)
            }),
            Obj::Func(func) => {
                func.defaults.iter().for_each(&mut *f);
                func.kwdefaults.iter().for_each(|e| f(&e.1));
                func.closure.iter().for_each(|&c| f(&Value::Obj(c)));
                func.attrs.iter().for_each(|e| f(&e.1));
            }
            Obj::Class(c) => {
                c.bases
                    .iter()
                    .chain(c.mro.iter())
                    .for_each(|&b| f(&Value::Obj(b)));
                c.attrs.iter().for_each(|e| f(&e.1));
            }
            Obj::Inst(i) => {
                f(&Value::Obj(i.class));
                i.attrs.iter().for_each(|e| f(&e.1));
                if let Some(e) = &i.exc {
                    f(&e.context);
                    f(&e.cause);
                }
            }
            Obj::Bound { slf, func } => {
                f(slf);
                f(func)
            }
            Obj::Cell(v) | Obj::StaticMethod(v) | Obj::ClassMethod(v) => f(v),
            Obj::Iter(it) => match &**it {
                IterState::Seq { obj, .. } | IterState::Dict { obj, .. } => f(&Value::Obj(*obj)),
                IterState::Values { items, .. } => items.iter().for_each(f),
                IterState::Enumerate { it, .. } => f(it),
                IterState::Zip { its } => its.iter().for_each(f),
                IterState::Map { f: g, its } => {
                    f(g);
                    its.iter().for_each(f)
                }
                IterState::Filter { f: g, it } => {
                    f(g);
                    f(it)
                }
                IterState::GetItem { obj, .. } => f(obj),
                _ => {}
            },
            Obj::Gen(g) => g.children(f),
            Obj::Slice(a, b, c) => {
                f(a);
                f(b);
                f(c)
            }
            Obj::Property { fget, fset, fdel } => {
                f(fget);
                f(fset);
                f(fdel)
            }
            Obj::Super { class, obj } => {
                f(&Value::Obj(*class));
                f(obj)
            }
            Obj::View { dict, .. } => f(&Value::Obj(*dict)),
            Obj::Module { .. }
            | Obj::Range { .. }
            | Obj::File(_)
            | Obj::Bytes(_)
            | Obj::ByteArray(_)
            | Obj::Complex(..)
            | Obj::Free => {}
        }
    }
}
