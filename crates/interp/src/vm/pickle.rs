//! Pickling: a Python value to bytes and back, for values that cross processes through kernel
//! objects (queues, pipes, shared cells, the manager's requests).
//!
//! Every process of a run is a fork of the same program, so — as CPython's pickle does —
//! functions and classes travel *by reference* (module name + qualified name, looked up again in
//! the receiver) and instances as their class reference plus their attribute dict. Containers keep
//! their sharing and cycles through a memo (a second occurrence of an object is a back-reference).
//!
//! The byte format is private to this interpreter (the kernel treats it as opaque): one tag byte
//! per value, little-endian integers, length-prefixed UTF-8 strings.

use super::value::*;
use super::{modules, sym, Flow, Vm, R};
use num_bigint::BigInt;
use std::collections::HashMap;
use std::rc::Rc;

const NONE: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const INT: u8 = 3;
const BIG: u8 = 4;
const FLOAT: u8 = 5;
const STR: u8 = 6;
const LIST: u8 = 7;
const TUPLE: u8 = 8;
const DICT: u8 = 9;
const SET: u8 = 10;
const FROZENSET: u8 = 11;
const MEMO: u8 = 12;
const GLOBAL: u8 = 13;
const BUILTIN: u8 = 14;
const INST: u8 = 15;
const ELLIPSIS: u8 = 16;
const RANGE: u8 = 17;
const BOUND: u8 = 18;
const BYTES: u8 = 19;
const BYTEARRAY: u8 = 20;
const SLICE: u8 = 21;

/// Pickles `v`; raises what CPython raises for values that cannot be pickled.
pub fn dumps(vm: &mut Vm, v: &Value) -> R<Vec<u8>> {
    let mut p = Pickler {
        out: vec![],
        memo: HashMap::new(),
    };
    p.dump(vm, v, 0)?;
    Ok(p.out)
}

/// The `abi::Item` for `v`: its pickle and the repr the page shows (computed without running
/// Python code, so that a user `__repr__` cannot block or fail a `put`).
pub fn item(vm: &mut Vm, v: &Value) -> R<proclab_abi::Item> {
    let bytes = dumps(vm, v)?;
    Ok(proclab_abi::Item {
        bytes,
        repr: vm.display(v, 0),
    })
}

/// Rebuilds a value pickled by [`dumps`] (in this process or another fork of the program).
pub fn loads(vm: &mut Vm, bytes: &[u8]) -> R<Value> {
    let mut u = Unpickler {
        data: bytes,
        pos: 0,
        memo: vec![],
    };
    u.load(vm)
}

struct Pickler {
    out: Vec<u8>,
    /// Heap id -> memo index, for shared and cyclic references.
    memo: HashMap<u32, u32>,
}

fn pickling_error<T>(vm: &mut Vm, msg: String) -> R<T> {
    let cls = modules::import(vm, "pickle").ok().and_then(|m| {
        let s = vm.intern("PicklingError");
        vm.getattr(&m, s).ok()
    });
    match cls.and_then(|c| c.obj()) {
        Some(c) => Err(Flow::Exc(vm.make_exc(c, vec![Value::str(&msg)]))),
        None => vm.err("RuntimeError", msg),
    }
}

impl Pickler {
    fn byte(&mut self, b: u8) {
        self.out.push(b);
    }
    fn u32(&mut self, n: u32) {
        self.out.extend_from_slice(&n.to_le_bytes());
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.out.extend_from_slice(s.as_bytes());
    }

    fn dump(&mut self, vm: &mut Vm, v: &Value, depth: usize) -> R<()> {
        if depth > 500 {
            return vm.err(
                "RecursionError",
                "maximum recursion depth exceeded while pickling an object",
            );
        }
        match v {
            Value::None | Value::Undef => self.byte(NONE),
            Value::Bool(false) => self.byte(FALSE),
            Value::Bool(true) => self.byte(TRUE),
            Value::Int(i) => {
                self.byte(INT);
                self.out.extend_from_slice(&i.to_le_bytes());
            }
            Value::Big(b) => {
                self.byte(BIG);
                self.str(&b.to_string());
            }
            Value::Float(f) => {
                self.byte(FLOAT);
                self.out.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            Value::Str(s) => {
                self.byte(STR);
                self.str(s);
            }
            Value::Builtin(id) => {
                self.byte(BUILTIN);
                self.out.extend_from_slice(&id.to_le_bytes());
            }
            Value::Ellipsis => self.byte(ELLIPSIS),
            Value::NotImplemented => {
                self.byte(GLOBAL);
                self.str("builtins");
                self.str("NotImplemented");
            }
            Value::Obj(id) => return self.dump_obj(vm, *id, depth),
        }
        Ok(())
    }

    fn memo_ref(&mut self, id: u32) -> bool {
        if let Some(&m) = self.memo.get(&id) {
            self.byte(MEMO);
            self.u32(m);
            return true;
        }
        let n = self.memo.len() as u32;
        self.memo.insert(id, n);
        false
    }

    fn seq(&mut self, vm: &mut Vm, tag: u8, items: Vec<Value>, depth: usize) -> R<()> {
        self.byte(tag);
        self.u32(items.len() as u32);
        for x in &items {
            self.dump(vm, x, depth + 1)?;
        }
        Ok(())
    }

    fn dump_obj(&mut self, vm: &mut Vm, id: u32, depth: usize) -> R<()> {
        vm.absorb_dict(id);
        // Globals (functions, classes) are references, not memoized contents.
        match vm.get(id).clone() {
            Obj::Func(f) => return self.global_func(vm, id, &f),
            Obj::Class(c) => {
                self.byte(GLOBAL);
                self.str(&c.module);
                self.str(&c.qualname);
                return Ok(());
            }
            _ => {}
        }
        if self.memo_ref(id) {
            return Ok(());
        }
        match vm.get(id).clone() {
            Obj::List(items) => self.seq(vm, LIST, items, depth),
            Obj::Tuple(items) => self.seq(vm, TUPLE, items, depth),
            Obj::Dict(d) => {
                self.byte(DICT);
                self.u32(d.len() as u32);
                for (k, x) in d.iter() {
                    self.dump(vm, k, depth + 1)?;
                    self.dump(vm, x, depth + 1)?;
                }
                Ok(())
            }
            Obj::Set(d) => self.seq(vm, SET, d.iter().map(|e| e.0.clone()).collect(), depth),
            Obj::FrozenSet(d) => self.seq(
                vm,
                FROZENSET,
                d.iter().map(|e| e.0.clone()).collect(),
                depth,
            ),
            Obj::Range { start, stop, step } => {
                self.byte(RANGE);
                for n in [start, stop, step] {
                    self.out.extend_from_slice(&n.to_le_bytes());
                }
                Ok(())
            }
            Obj::Slice(a, b, c) => {
                self.byte(SLICE);
                for x in [a, b, c] {
                    self.dump(vm, &x, depth + 1)?;
                }
                Ok(())
            }
            Obj::Bytes(b) | Obj::ByteArray(b) => {
                let tag = match vm.get(id) {
                    Obj::ByteArray(_) => BYTEARRAY,
                    _ => BYTES,
                };
                self.byte(tag);
                self.u32(b.len() as u32);
                self.out.extend_from_slice(&b);
                Ok(())
            }
            // Dict views travel as lists, as CPython's multiprocessing managers reduce them
            // (`dict_keys` etc. are not picklable themselves).
            Obj::View { dict, kind } => {
                let items = match vm.get(dict) {
                    Obj::Dict(d) => d
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect::<Vec<_>>(),
                    _ => Vec::new(),
                };
                let items = items
                    .into_iter()
                    .map(|(k, v)| match kind {
                        0 => k,
                        1 => v,
                        _ => vm.new_tuple(vec![k, v]),
                    })
                    .collect();
                self.seq(vm, LIST, items, depth)
            }
            Obj::Bound { slf, func } => {
                self.byte(BOUND);
                self.dump(vm, &slf, depth + 1)?;
                self.dump(vm, &func, depth + 1)
            }
            Obj::Inst(inst) => {
                // The shared objects' own proxies (Queue, Lock, ...) say they travel only by
                // inheritance, as CPython's do.
                let s = vm.intern("_pl_nopickle");
                if let Some(Value::Str(kind)) = vm.lookup_in_class(inst.class, s) {
                    return vm.err("RuntimeError", format!("{} objects should only be shared between processes through inheritance", kind));
                }
                let (module, qualname) = match vm.get(inst.class) {
                    Obj::Class(c) => (c.module.to_string(), c.qualname.to_string()),
                    _ => (String::new(), String::new()),
                };
                if qualname.contains("<locals>") {
                    return vm.err(
                        "AttributeError",
                        format!("Can't pickle local object '{}'", qualname),
                    );
                }
                self.byte(INST);
                self.str(&module);
                self.str(&qualname);
                self.byte(inst.exc.is_some() as u8);
                // Its `__dict__`'s dict (if asked for) holds the same attributes.
                let attrs: Vec<&(Sym, Value)> =
                    inst.attrs.iter().filter(|e| e.0 != sym::DICT).collect();
                self.u32(attrs.len() as u32);
                for (s, x) in attrs {
                    let name = vm.syms.name(*s).to_string();
                    self.str(&name);
                    self.dump(vm, x, depth + 1)?;
                }
                Ok(())
            }
            other => {
                let t = match other {
                    Obj::File(_) => "_io.TextIOWrapper".to_string(),
                    _ => vm.type_name(&Value::Obj(id)),
                };
                vm.type_error(format!("cannot pickle '{}' object", t))
            }
        }
    }

    /// A function by reference, failing as CPython does for lambdas and nested functions.
    fn global_func(&mut self, vm: &mut Vm, id: u32, f: &Func) -> R<()> {
        let module = vm.modules[f.module as usize].name.to_string();
        if f.qualname.contains("<locals>") {
            return vm.err(
                "AttributeError",
                format!("Can't pickle local object '{}'", f.qualname),
            );
        }
        let found = lookup_qualname(vm, &module, &f.qualname);
        if !matches!(found, Some(Value::Obj(x)) if x == id) {
            let r = vm.repr(&Value::Obj(id))?;
            let msg = match found {
                None => format!(
                    "Can't pickle {}: attribute lookup {} on {} failed",
                    r, f.qualname, module
                ),
                Some(_) => format!(
                    "Can't pickle {}: it's not the same object as {}.{}",
                    r, module, f.qualname
                ),
            };
            return pickling_error(vm, msg);
        }
        self.byte(GLOBAL);
        self.str(&module);
        self.str(&f.qualname);
        Ok(())
    }
}

/// `module.qual.name` looked up without running user code that could block: module globals,
/// then class attributes.
fn lookup_qualname(vm: &mut Vm, module: &str, qualname: &str) -> Option<Value> {
    let mut cur = if module == "builtins" {
        let first = qualname.split('.').next()?;
        let s = vm.intern(first);
        let v = vm.builtins.get(&s).cloned()?;
        return if qualname.contains('.') {
            None
        } else {
            Some(v)
        };
    } else {
        let idx = match vm.module_by_name.get(module) {
            Some(&i) => i,
            None => {
                modules::import(vm, module).ok()?;
                *vm.module_by_name.get(module)?
            }
        };
        Value::Obj(vm.modules[idx as usize].obj)
    };
    for part in qualname.split('.') {
        let s = vm.intern(part);
        cur = match vm.get_opt(&cur) {
            Some(Obj::Module { idx, .. }) => vm.modules[*idx as usize].global(s)?.clone(),
            Some(Obj::Class(_)) => vm.lookup_in_class(cur.obj()?, s)?,
            _ => return None,
        };
    }
    Some(cur)
}

struct Unpickler<'a> {
    data: &'a [u8],
    pos: usize,
    memo: Vec<Value>,
}

impl Unpickler<'_> {
    fn bad<T>(&self, vm: &mut Vm) -> R<T> {
        vm.err("RuntimeError", "pickle data was truncated")
    }
    fn take(&mut self, vm: &mut Vm, n: usize) -> R<&[u8]> {
        if self.pos + n > self.data.len() {
            return self.bad(vm);
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn byte(&mut self, vm: &mut Vm) -> R<u8> {
        Ok(self.take(vm, 1)?[0])
    }
    fn u32(&mut self, vm: &mut Vm) -> R<u32> {
        let b = self.take(vm, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn i64(&mut self, vm: &mut Vm) -> R<i64> {
        let b = self.take(vm, 8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(i64::from_le_bytes(a))
    }
    fn str(&mut self, vm: &mut Vm) -> R<String> {
        let n = self.u32(vm)? as usize;
        let b = self.take(vm, n)?;
        Ok(String::from_utf8_lossy(b).into_owned())
    }

    /// Reserves the memo slot of a container before its contents (which may refer back to it).
    fn memoize(&mut self, v: &Value) {
        self.memo.push(v.clone());
    }

    fn items(&mut self, vm: &mut Vm) -> R<Vec<Value>> {
        let n = self.u32(vm)? as usize;
        let mut out = Vec::with_capacity(n.min(1 << 16));
        for _ in 0..n {
            out.push(self.load(vm)?);
        }
        Ok(out)
    }

    fn load(&mut self, vm: &mut Vm) -> R<Value> {
        let tag = self.byte(vm)?;
        Ok(match tag {
            NONE => Value::None,
            FALSE => Value::Bool(false),
            TRUE => Value::Bool(true),
            INT => Value::Int(self.i64(vm)?),
            BIG => {
                let s = self.str(vm)?;
                match s.parse::<BigInt>() {
                    Ok(b) => super::num::norm(b),
                    Err(_) => return self.bad(vm),
                }
            }
            FLOAT => Value::Float(f64::from_bits(self.i64(vm)? as u64)),
            STR => Value::Str(Rc::from(self.str(vm)?)),
            BUILTIN => {
                let b = self.take(vm, 2)?;
                Value::Builtin(u16::from_le_bytes([b[0], b[1]]))
            }
            ELLIPSIS => Value::Ellipsis,
            MEMO => {
                let i = self.u32(vm)? as usize;
                match self.memo.get(i) {
                    Some(v) => v.clone(),
                    None => return self.bad(vm),
                }
            }
            LIST | TUPLE => {
                let v = vm.alloc(if tag == LIST {
                    Obj::List(vec![])
                } else {
                    Obj::Tuple(vec![])
                });
                self.memoize(&v);
                let items = self.items(vm)?;
                match vm.get_mut(v.obj().unwrap()) {
                    Obj::List(l) | Obj::Tuple(l) => *l = items,
                    _ => {}
                }
                v
            }
            SET | FROZENSET => {
                let v = vm.alloc(if tag == SET {
                    Obj::Set(Dict::default())
                } else {
                    Obj::FrozenSet(Dict::default())
                });
                self.memoize(&v);
                let items = self.items(vm)?;
                let mut d = Dict::default();
                for k in items {
                    let hk = vm.hkey(&k)?;
                    d.insert(hk, k, Value::None);
                }
                match vm.get_mut(v.obj().unwrap()) {
                    Obj::Set(s) | Obj::FrozenSet(s) => *s = d,
                    _ => {}
                }
                v
            }
            DICT => {
                let v = vm.alloc(Obj::Dict(Dict::default()));
                self.memoize(&v);
                let n = self.u32(vm)?;
                let mut d = Dict::default();
                for _ in 0..n {
                    let k = self.load(vm)?;
                    let x = self.load(vm)?;
                    let hk = vm.hkey(&k)?;
                    d.insert(hk, k, x);
                }
                if let Obj::Dict(t) = vm.get_mut(v.obj().unwrap()) {
                    *t = d;
                }
                v
            }
            BYTES | BYTEARRAY => {
                let n = self.u32(vm)? as usize;
                let b = self.take(vm, n)?.to_vec();
                let v = vm.alloc(if tag == BYTES {
                    Obj::Bytes(b)
                } else {
                    Obj::ByteArray(b)
                });
                self.memoize(&v);
                v
            }
            RANGE => {
                let (start, stop, step) = (self.i64(vm)?, self.i64(vm)?, self.i64(vm)?);
                let v = vm.alloc(Obj::Range { start, stop, step });
                self.memoize(&v);
                v
            }
            SLICE => {
                let (a, b, c) = (self.load(vm)?, self.load(vm)?, self.load(vm)?);
                let v = vm.alloc(Obj::Slice(a, b, c));
                self.memoize(&v);
                v
            }
            BOUND => {
                let slot = self.memo.len();
                self.memo.push(Value::None);
                let slf = self.load(vm)?;
                let func = self.load(vm)?;
                let v = vm.alloc(Obj::Bound { slf, func });
                self.memo[slot] = v.clone();
                v
            }
            GLOBAL => {
                let module = self.str(vm)?;
                let qualname = self.str(vm)?;
                match lookup_qualname(vm, &module, &qualname) {
                    Some(v) => v,
                    None => {
                        return vm.err(
                            "AttributeError",
                            format!(
                                "Can't get attribute '{}' on <module '{}'>",
                                qualname, module
                            ),
                        )
                    }
                }
            }
            INST => {
                let module = self.str(vm)?;
                let qualname = self.str(vm)?;
                let is_exc = self.byte(vm)? != 0;
                let Some(cls) = lookup_qualname(vm, &module, &qualname).and_then(|c| c.obj())
                else {
                    return vm.err(
                        "AttributeError",
                        format!(
                            "Can't get attribute '{}' on <module '{}'>",
                            qualname, module
                        ),
                    );
                };
                let v = vm.alloc(Obj::Inst(Box::new(Inst {
                    class: cls,
                    attrs: vec![],
                    exc: if is_exc { Some(Box::default()) } else { None },
                })));
                self.memoize(&v);
                let n = self.u32(vm)?;
                let mut attrs = vec![];
                for _ in 0..n {
                    let name = self.str(vm)?;
                    let x = self.load(vm)?;
                    attrs.push((vm.intern(&name), x));
                }
                if let Obj::Inst(i) = vm.get_mut(v.obj().unwrap()) {
                    i.attrs = attrs;
                }
                v
            }
            _ => return self.bad(vm),
        })
    }
}
