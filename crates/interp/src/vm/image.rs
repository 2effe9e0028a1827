//! The per-thread *image*: what every [`Vm`] looks like right after construction, plus every
//! prelude module ([`PRELUDE`]) compiled (not executed) in a fixed order.
//!
//! Code is immutable and every Web Worker runs the same binary, so each thread builds the same
//! image once (lazily, on its first VM) and every VM starts as a cheap clone of it (`Rc`
//! clones). `import` of a prelude module uses the precompiled code (it still *executes* the
//! module body at import: module state stays per process).
//!
//! A snapshot (postcard, for a fork shipped to another worker) then holds only the *state*: the
//! fingerprint of the image, the symbols, codes and files past the image, and no copy of the
//! tables identical in every VM (builtins, types, exception classes, type methods: never
//! mutated after construction). Deserializing rebuilds the full VM from this thread's image
//! plus the tail; a snapshot made against a different image is refused with a clear error.

use super::code::Code;
use super::modules::{compile_at, fresh_vm, Rng, COMPILED_ON_IMPORT, PRELUDE};
use super::value::{Attrs, Class, Func, Obj, Sym, Tag, Value};
use super::{GlobalTable, Interner, ModuleData, Vm};
use serde::ser::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

/// [`Precompiled::code`] of a module compiled when imported ([`COMPILED_ON_IMPORT`]).
pub const NOT_COMPILED: u32 = u32::MAX;

/// A prelude module compiled into the image.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Precompiled {
    /// Index of its source in `Vm::files`.
    pub file: u32,
    /// Index of its module body in `Vm::codes`.
    pub code: u32,
    /// The compiler's global slots for the module.
    pub table: GlobalTable,
}

#[derive(Debug)]
pub struct Image {
    /// The template every new VM is cloned from.
    pub vm: Vm,
    /// One per entry of [`PRELUDE`], in that order.
    pub prelude: Vec<Precompiled>,
    /// Lengths and a hash of everything the image is made of: a snapshot made against another
    /// image (another build of the interpreter) is refused.
    pub fingerprint: u64,
}

impl Image {
    pub fn syms_len(&self) -> usize {
        self.vm.syms.names.len()
    }
    pub fn codes_len(&self) -> usize {
        self.vm.codes.len()
    }
    pub fn files_len(&self) -> usize {
        self.vm.files.len()
    }
}

thread_local! {
    static IMAGE: RefCell<Option<Rc<Image>>> = const { RefCell::new(None) };
    static REFUSAL: RefCell<Option<String>> = const { RefCell::new(None) };
    /// While a snapshot is written: which heap slots it carries (the others go as free slots).
    static KEEP: RefCell<Option<Vec<bool>>> = const { RefCell::new(None) };
    /// While a snapshot is read: the free list of the heap just read, for `Vm::free`.
    static FREE: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` (which serializes a VM) with only the heap slots marked in `keep` written: the
/// others arrive as free slots.
pub fn keeping<T>(keep: Vec<bool>, f: impl FnOnce() -> T) -> T {
    KEEP.with(|k| *k.borrow_mut() = Some(keep));
    let r = f();
    KEEP.with(|k| *k.borrow_mut() = None);
    r
}

/// A deserialization error, its text also kept for [`take_refusal`] (postcard, for one, reports
/// custom errors without their text).
pub(crate) fn refuse<E: serde::de::Error>(msg: impl Into<String>) -> E {
    let msg = msg.into();
    let e = E::custom(&msg);
    REFUSAL.with(|r| *r.borrow_mut() = Some(msg));
    e
}

/// Why the last snapshot deserialized on this thread was refused, if one was (taken).
pub fn take_refusal() -> Option<String> {
    REFUSAL.with(|r| r.borrow_mut().take())
}

/// The image as [`export`] made it, when the program embeds one (see [`use_exported`]).
static EXPORTED: OnceLock<&'static [u8]> = OnceLock::new();

/// This thread's image, made on first use: loaded from the embedded export if there is one
/// ([`use_exported`]), else built (every prelude module parsed and compiled).
pub fn image() -> Rc<Image> {
    if let Some(img) = IMAGE.with(|c| c.borrow().clone()) {
        return img;
    }
    let img = Rc::new(match EXPORTED.get() {
        Some(bytes) => load_exported(bytes).unwrap_or_else(|e| {
            // A build whose embedded image does not load still works, at the price of
            // compiling the prelude; snapshots then only go to workers that did the same.
            REFUSAL.with(|r| *r.borrow_mut() = Some(format!("embedded image refused: {e}")));
            build()
        }),
        None => build(),
    });
    IMAGE.with(|c| *c.borrow_mut() = Some(img.clone()));
    img
}

/// Makes every thread's image come from `bytes` (made by [`export`] from the same source by a
/// native build), instead of compiling the prelude: in a Web Worker that is ~10x faster, since
/// deserializing is far less code to run cold than a parser and a compiler. Call before the
/// first [`image`]; later calls are ignored.
pub fn use_exported(bytes: &'static [u8]) {
    let _ = EXPORTED.set(bytes);
}

/// What [`export`] writes: the image's VM past [`start`] (codes, symbols, classes), the
/// prelude's tables and the fingerprint.
#[derive(Serialize)]
struct ExportOut<'a> {
    vm: &'a Vm,
    prelude: &'a [Precompiled],
    fingerprint: u64,
}

#[derive(Deserialize)]
struct ExportIn {
    vm: Vm,
    prelude: Vec<Precompiled>,
    fingerprint: u64,
}

/// Runs `f` with `base` as this thread's image (the base snapshots are made against), then
/// puts the previous one back.
fn with_base<R>(base: Vm, f: impl FnOnce() -> R) -> R {
    let base = Rc::new(Image {
        vm: base,
        prelude: Vec::new(),
        fingerprint: 0,
    });
    let prev = IMAGE.with(|c| c.replace(Some(base)));
    let r = f();
    IMAGE.with(|c| *c.borrow_mut() = prev);
    r
}

/// The image, built here, as bytes for [`use_exported`]: a snapshot of it against [`start`]
/// (what every VM has before the prelude is compiled).
pub fn export() -> Vec<u8> {
    let vm = start();
    let base = vm.clone();
    let img = finish(vm);
    with_base(base, || {
        postcard::to_allocvec(&ExportOut {
            vm: &img.vm,
            prelude: &img.prelude,
            fingerprint: img.fingerprint,
        })
        .expect("the image serializes")
    })
}

/// The image from [`export`]'s bytes.
pub fn load_exported(bytes: &[u8]) -> Result<Image, String> {
    let ExportIn {
        vm,
        prelude,
        fingerprint,
    } = with_base(start(), || postcard::from_bytes::<ExportIn>(bytes))
        .map_err(|e| take_refusal().unwrap_or_else(|| e.to_string()))?;
    if prelude.len() != PRELUDE.len() {
        return Err(format!(
            "{} prelude modules, this build has {}",
            prelude.len(),
            PRELUDE.len()
        ));
    }
    Ok(Image {
        vm,
        prelude,
        fingerprint,
    })
}

/// 64-bit FNV-1a.
struct Fnv(u64);

impl Fnv {
    fn bytes(&mut self, b: &[u8]) {
        for &x in b {
            self.0 ^= x as u64;
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
    }
    fn text(&mut self, s: &str) {
        self.bytes(s.as_bytes());
        self.bytes(&[0xff]);
    }
    fn num(&mut self, n: usize) {
        self.bytes(&(n as u64).to_le_bytes());
    }
}

fn build() -> Image {
    finish(start())
}

/// A new VM holding the prelude's sources (not yet compiled).
fn start() -> Vm {
    let mut vm = fresh_vm();
    for (_, filename, source) in PRELUDE {
        vm.files.push((Rc::from(*filename), Rc::from(*source)));
    }
    vm
}

/// [`start`]'s VM with every prelude module compiled: the image.
fn finish(mut vm: Vm) -> Image {
    let mut prelude = Vec::with_capacity(PRELUDE.len());
    for (file, (name, filename, source)) in PRELUDE.iter().enumerate() {
        let file = file as u32;
        if COMPILED_ON_IMPORT.contains(name) {
            // Compiled by `modules::import` (tests/image_export.rs imports each).
            prelude.push(Precompiled {
                file,
                code: NOT_COMPILED,
                table: GlobalTable::default(),
            });
            continue;
        }
        let (code, table) = compile_at(&mut vm, file, filename, source)
            .unwrap_or_else(|e| panic!("prelude module {} does not compile:\n{}", name, e));
        prelude.push(Precompiled { file, code, table });
    }
    let mut h = Fnv(0xcbf2_9ce4_8422_2325);
    for (name, filename, source) in PRELUDE {
        h.text(name);
        h.text(filename);
        h.text(source);
    }
    for e in super::builtins::TABLE {
        h.text(e.owner);
        h.text(e.name);
    }
    for n in &vm.syms.names {
        h.text(n);
    }
    h.num(vm.codes.len());
    h.num(vm.files.len());
    h.num(vm.heap.len());
    h.num(std::mem::size_of::<super::code::Op>());
    Image {
        vm,
        prelude,
        fingerprint: h.0,
    }
}

// ----- serde for the VM fields that start from the image -----

/// A field of [`Vm`] that carries no state: the image's fingerprint, written first so that a
/// snapshot of another image fails before anything else is read.
#[derive(Clone, Debug, Default)]
pub struct ImageTag;

impl Serialize for ImageTag {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(image().fingerprint)
    }
}

impl<'de> Deserialize<'de> for ImageTag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let theirs = u64::deserialize(d)?;
        let ours = image().fingerprint;
        if theirs != ours {
            return Err(refuse(format!(
                "snapshot made by a different interpreter image (fingerprint {:016x}, this one {:016x})",
                theirs, ours
            )));
        }
        Ok(ImageTag)
    }
}

fn base_error(what: &str, theirs: usize, ours: usize) -> String {
    format!(
        "snapshot's {} start past {} image entries, this image has {}",
        what, theirs, ours
    )
}

/// `Vm::syms`: the names past the image (the map is rebuilt, never sent).
pub mod syms {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Interner, s: S) -> Result<S::Ok, S::Error> {
        let img = image();
        let base = img.syms_len();
        let ok = v.names.len() >= base
            && (base == 0 || Rc::ptr_eq(&v.names[base - 1], &img.vm.syms.names[base - 1]));
        if !ok {
            return Err(S::Error::custom(
                "symbol table not built from this thread's image",
            ));
        }
        (base as u32, &v.names[base..]).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Interner, D::Error> {
        let (base, tail) = <(u32, Vec<Rc<str>>)>::deserialize(d)?;
        let img = image();
        if base as usize != img.syms_len() {
            return Err(refuse(base_error("symbols", base as usize, img.syms_len())));
        }
        let mut syms = img.vm.syms.clone();
        syms.names.reserve(tail.len());
        for name in tail {
            if syms.map.contains_key(&name) {
                return Err(refuse(format!("symbol {:?} sent twice", name)));
            }
            syms.map.insert(name.clone(), syms.names.len() as Sym);
            syms.names.push(name);
        }
        Ok(syms)
    }
}

/// Serializes `v[base..]` after checking that `v[..base]` is the image's (same `Rc`s).
fn tail<'a, T, S: Serializer>(
    what: &str,
    v: &'a [Rc<T>],
    base: &[Rc<T>],
) -> Result<&'a [Rc<T>], S::Error> {
    let n = base.len();
    if v.len() < n || (n > 0 && !Rc::ptr_eq(&v[n - 1], &base[n - 1])) {
        return Err(S::Error::custom(format!(
            "{} not built from this thread's image",
            what
        )));
    }
    Ok(&v[n..])
}

/// A sequence whose elements are each deserialized by a call of their own, kept out of line.
///
/// Deserializing a `Vm` is one function once serde's generic code is inlined (36 KB of wasm);
/// loading the image (every worker does, at start) runs its loops over code objects and heap
/// entries long enough that V8 optimises the whole of it on a background thread (TurboFan:
/// ~60 ms of a core while the page starts). With the loops' bodies in functions of their own,
/// only those (a few KB) get optimised.
struct Each<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Each<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Each<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Each<T>, A::Error> {
                let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(x) = element(&mut seq)? {
                    v.push(x);
                }
                Ok(Each(v))
            }
        }
        d.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

#[inline(never)]
fn element<'de, T: Deserialize<'de>, A: serde::de::SeqAccess<'de>>(
    seq: &mut A,
) -> Result<Option<T>, A::Error> {
    seq.next_element()
}

/// `Vm::codes`: the code objects past the image.
pub mod codes {
    use super::*;

    pub fn serialize<S: Serializer>(v: &[Rc<Code>], s: S) -> Result<S::Ok, S::Error> {
        let img = image();
        let t = tail::<_, S>("code table", v, &img.vm.codes)?;
        (img.codes_len() as u32, t).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Rc<Code>>, D::Error> {
        let (base, Each(tail)) = <(u32, Each<Rc<Code>>)>::deserialize(d)?;
        let img = image();
        if base as usize != img.codes_len() {
            return Err(refuse(base_error("codes", base as usize, img.codes_len())));
        }
        let mut v = Vec::with_capacity(img.codes_len() + tail.len());
        v.extend(img.vm.codes.iter().cloned());
        v.extend(tail);
        Ok(v)
    }
}

/// `Vm::files`: the sources past the image (the main program's, `exec`'s).
pub mod files {
    use super::*;

    type File = (Rc<str>, Rc<str>);

    pub fn serialize<S: Serializer>(v: &[File], s: S) -> Result<S::Ok, S::Error> {
        let img = image();
        let n = img.files_len();
        let ok = v.len() >= n && (n == 0 || Rc::ptr_eq(&v[n - 1].1, &img.vm.files[n - 1].1));
        if !ok {
            return Err(S::Error::custom(
                "file table not built from this thread's image",
            ));
        }
        (n as u32, &v[n..]).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<File>, D::Error> {
        let (base, tail) = <(u32, Vec<File>)>::deserialize(d)?;
        let img = image();
        if base as usize != img.files_len() {
            return Err(refuse(base_error("files", base as usize, img.files_len())));
        }
        let mut v = Vec::with_capacity(img.files_len() + tail.len());
        v.extend(img.vm.files.iter().cloned());
        v.extend(tail);
        Ok(v)
    }
}

/// `Vm::rng`: nothing when still the fresh generator of every new VM (most programs never
/// call `random` before they fork), else its whole state.
pub mod rng {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Rng, s: S) -> Result<S::Ok, S::Error> {
        let fresh = *v == image().vm.rng;
        (if fresh { None } else { Some(v) }).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Rng, D::Error> {
        Ok(match Option::<Rng>::deserialize(d)? {
            Some(r) => r,
            None => image().vm.rng.clone(),
        })
    }
}

/// `Vm::heap`: objects still as in the image (the built-in classes) are sent as a marker, and a
/// function whose code is in the image without its name and qualname when they are its code's.
pub mod heap {
    use super::*;

    #[derive(Serialize)]
    enum Out<'a> {
        /// The image's object at this index, unchanged.
        Image,
        /// A function of the prelude named as its code.
        PreludeFunc {
            code: u32,
            defaults: &'a [Value],
            kwdefaults: &'a [(Sym, Value)],
            closure: &'a [u32],
            module: u32,
            attrs: &'a Attrs,
        },
        Obj(&'a Obj),
        /// This many free (or left out) slots in a row.
        Free(u32),
    }

    #[derive(Deserialize)]
    enum In {
        Image,
        PreludeFunc {
            code: u32,
            defaults: Vec<Value>,
            kwdefaults: Vec<(Sym, Value)>,
            closure: Vec<u32>,
            module: u32,
            attrs: Attrs,
        },
        Obj(Obj),
        Free(u32),
    }

    fn same_value(a: &Value, b: &Value) -> bool {
        a.is(b) && std::mem::discriminant(a) == std::mem::discriminant(b)
    }

    /// Whether `a` is still the image's `b` (only classes are in the image's heap).
    fn unchanged(a: &Obj, b: &Obj) -> bool {
        match (a, b) {
            (Obj::Class(a), Obj::Class(b)) => {
                let Class {
                    name,
                    qualname,
                    module,
                    bases,
                    mro,
                    attrs,
                    tag,
                } = &**a;
                *name == b.name
                    && *qualname == b.qualname
                    && *module == b.module
                    && *bases == b.bases
                    && *mro == b.mro
                    && *tag == b.tag
                    && attrs.len() == b.attrs.len()
                    && attrs
                        .iter()
                        .zip(&b.attrs)
                        .all(|(x, y)| x.0 == y.0 && same_value(&x.1, &y.1))
            }
            _ => false,
        }
    }

    fn out<'a>(img: &Image, i: usize, o: &'a Obj) -> Out<'a> {
        if let Some(b) = img.vm.heap.get(i) {
            if unchanged(o, b) {
                return Out::Image;
            }
        }
        if let Obj::Func(f) = o {
            if let Some(c) = img.vm.codes.get(f.code as usize) {
                if f.name == c.name && f.qualname == c.qualname {
                    return Out::PreludeFunc {
                        code: f.code,
                        defaults: &f.defaults,
                        kwdefaults: &f.kwdefaults,
                        closure: &f.closure,
                        module: f.module,
                        attrs: &f.attrs,
                    };
                }
            }
        }
        Out::Obj(o)
    }

    pub fn serialize<S: Serializer>(v: &[Obj], s: S) -> Result<S::Ok, S::Error> {
        let img = image();
        KEEP.with(|keep| {
            let keep = keep.borrow();
            let sent = |i: usize| !matches!(v[i], Obj::Free) && keep.as_ref().is_none_or(|k| k[i]);
            // The entries as (first slot, slots): an object sent, or a run of slots not sent.
            let spans = || {
                let mut i = 0;
                std::iter::from_fn(move || {
                    let start = i;
                    if start == v.len() {
                        return None;
                    }
                    i += match sent(start) {
                        true => 1,
                        false => (start..v.len()).take_while(|&j| !sent(j)).count(),
                    };
                    Some((start, i - start))
                })
            };
            let entries = spans().map(|(i, n)| match sent(i) {
                true => out(&img, i, &v[i]),
                false => Out::Free(n as u32),
            });
            s.collect_seq(Sized(spans().count(), entries))
        })
    }

    /// An iterator that says its length (serde's `collect_seq` needs it for postcard).
    struct Sized<I>(usize, I);

    impl<I: Iterator> Iterator for Sized<I> {
        type Item = I::Item;
        fn next(&mut self) -> Option<I::Item> {
            self.1.next()
        }
        fn size_hint(&self) -> (usize, Option<usize>) {
            (self.0, Some(self.0))
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Obj>, D::Error> {
        let Each(entries) = Each::<In>::deserialize(d)?;
        let img = image();
        let len: usize = (entries.iter())
            .map(|e| match e {
                In::Free(n) => *n as usize,
                _ => 1,
            })
            .sum();
        if len > u32::MAX as usize {
            return Err(refuse("snapshot's heap is too large"));
        }
        let mut heap = Vec::with_capacity(len);
        for e in entries {
            let i = heap.len();
            heap.push(match e {
                In::Image => match img.vm.heap.get(i) {
                    Some(o) => o.clone(),
                    None => {
                        return Err(refuse(format!(
                            "snapshot's object {} is not in the image",
                            i
                        )))
                    }
                },
                In::PreludeFunc {
                    code,
                    defaults,
                    kwdefaults,
                    closure,
                    module,
                    attrs,
                } => {
                    let Some(c) = img.vm.codes.get(code as usize) else {
                        return Err(refuse(format!(
                            "snapshot's function code {} is not in the image",
                            code
                        )));
                    };
                    Obj::Func(Box::new(Func {
                        code,
                        name: c.name.clone(),
                        qualname: c.qualname.clone(),
                        defaults,
                        kwdefaults,
                        closure,
                        module,
                        attrs,
                    }))
                }
                In::Obj(o) => o,
                In::Free(n) => {
                    heap.extend((0..n).map(|_| Obj::Free));
                    continue;
                }
            });
        }
        FREE.with(|f| *f.borrow_mut() = free_slots(&heap));
        Ok(heap)
    }
}

/// `Vm::modules`: a prelude module's name and the global names its compiled code gave it are
/// the image's; only the names added since (`__name__`, `__file__`, ...) are sent.
pub mod modules {
    use super::*;

    #[derive(Serialize)]
    enum Out<'a> {
        Prelude {
            /// Index in [`PRELUDE`].
            pre: u32,
            extra: &'a [Sym],
            slots: &'a [Value],
            obj: u32,
        },
        Other(&'a ModuleData),
    }

    #[derive(Deserialize)]
    enum In {
        Prelude {
            pre: u32,
            extra: Vec<Sym>,
            slots: Vec<Value>,
            obj: u32,
        },
        Other(ModuleData),
    }

    fn out<'a>(img: &Image, m: &'a ModuleData) -> Out<'a> {
        let k = PRELUDE.iter().position(|p| *p.0 == *m.name);
        if let Some((k, pre)) = k.and_then(|k| Some((k, img.prelude.get(k)?))) {
            let base = &pre.table.names;
            if m.table.names.starts_with(base) {
                return Out::Prelude {
                    pre: k as u32,
                    extra: &m.table.names[base.len()..],
                    slots: &m.slots,
                    obj: m.obj,
                };
            }
        }
        Out::Other(m)
    }

    pub fn serialize<S: Serializer>(v: &[ModuleData], s: S) -> Result<S::Ok, S::Error> {
        let img = image();
        s.collect_seq(v.iter().map(|m| out(&img, m)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<ModuleData>, D::Error> {
        let entries = Vec::<In>::deserialize(d)?;
        let img = image();
        let mut v = Vec::with_capacity(entries.len());
        for e in entries {
            v.push(match e {
                In::Prelude {
                    pre,
                    extra,
                    slots,
                    obj,
                } => {
                    let Some(p) = img.prelude.get(pre as usize) else {
                        return Err(refuse(format!(
                            "snapshot's prelude module {} is not in the image",
                            pre
                        )));
                    };
                    let mut table = p.table.clone();
                    let n = table.names.len() + extra.len();
                    for s in extra {
                        table.slot(s);
                    }
                    if table.names.len() != n {
                        return Err(refuse("a global name twice in a module"));
                    }
                    ModuleData {
                        name: Rc::from(PRELUDE[pre as usize].0),
                        table,
                        slots,
                        obj,
                    }
                }
                In::Other(m) => m,
            });
        }
        Ok(v)
    }
}

/// The free list of `heap`: its free slots, lowest first out (the list is popped from its end).
pub fn free_slots(heap: &[Obj]) -> Vec<u32> {
    (0..heap.len() as u32)
        .rev()
        .filter(|&i| matches!(heap[i as usize], Obj::Free))
        .collect()
}

/// `Vm::free`: not sent; it is every free slot of the heap, which is read before it.
pub mod free {
    use super::*;

    pub fn serialize<S: Serializer>(_: &[u32], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_unit()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        <()>::deserialize(d)?;
        Ok(FREE.with(|f| std::mem::take(&mut *f.borrow_mut())))
    }
}

// The tables every VM shares with the image (never mutated after construction): not sent.

pub fn builtins() -> Rc<HashMap<Sym, Value>> {
    image().vm.builtins.clone()
}

pub fn types() -> Rc<HashMap<Tag, u32>> {
    image().vm.types.clone()
}

pub fn exc_classes() -> Rc<HashMap<Rc<str>, u32>> {
    image().vm.exc_classes.clone()
}

pub fn type_methods() -> Rc<HashMap<(Tag, Sym), u16>> {
    image().vm.type_methods.clone()
}
