//! Building the VM (built-in types, exception hierarchy, builtins), importing modules (native
//! ones built from the builtin table, Python ones from the embedded prelude), the module
//! functions (os, time, sys, math, json, random, _proclab), files, and traceback text.

use super::builtins::{self, call_builtin, int_of, Args, TABLE};
use super::num;
use super::value::*;
use super::{sym, Flow, Frame, GlobalTable, Interner, ModuleData, Phase, Ret, Thread, Vm, R};
use proclab_abi::{Stream, Syscall};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

pub type Rng = crate::mt::Mt19937;

/// Python modules shipped with the interpreter: (name, file name shown in tracebacks, source).
/// The prelude's files that stand for CPython's built-in code (no frames in tracebacks): the
/// helpers of built-ins, and atexit (its handlers' errors).
const NO_FRAMES: [&str; 2] = ["/proclab/lib/_proclab_py.py", "/proclab/lib/atexit.py"];

pub const PRELUDE: &[(&str, &str, &str)] = &[
    (
        "_proclab_py",
        "/proclab/lib/_proclab_py.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_proclab_py.py")),
    ),
    (
        "multiprocessing",
        "/proclab/lib/multiprocessing.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/multiprocessing.py")),
    ),
    (
        "queue",
        "/proclab/lib/queue.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/queue.py")),
    ),
    (
        "threading",
        "/proclab/lib/threading.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/threading.py")),
    ),
    (
        "_thread_queue",
        "/proclab/lib/_thread_queue.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_thread_queue.py")),
    ),
    (
        "abc",
        "/proclab/lib/abc.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/abc.py")),
    ),
    (
        "functools",
        "/proclab/lib/functools.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/functools.py")),
    ),
    (
        "itertools",
        "/proclab/lib/itertools.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/itertools.py")),
    ),
    (
        "collections",
        "/proclab/lib/collections.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/collections.py")),
    ),
    (
        "csv",
        "/proclab/lib/csv.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/csv.py")),
    ),
    (
        "typing",
        "/proclab/lib/typing.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/typing.py")),
    ),
    (
        "datetime",
        "/proclab/lib/datetime.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/datetime.py")),
    ),
    (
        "copy",
        "/proclab/lib/copy.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/copy.py")),
    ),
    (
        "traceback",
        "/proclab/lib/traceback.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/traceback.py")),
    ),
    (
        "contextlib",
        "/proclab/lib/contextlib.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/contextlib.py")),
    ),
    (
        "string",
        "/proclab/lib/string.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/string.py")),
    ),
    (
        "dataclasses",
        "/proclab/lib/dataclasses.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/dataclasses.py")),
    ),
    // Shared objects (owned with vm::ipc).
    (
        "multiprocessing.queues",
        "/proclab/lib/multiprocessing/queues.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_queues.py")),
    ),
    (
        "multiprocessing.synchronize",
        "/proclab/lib/multiprocessing/synchronize.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_synchronize.py")),
    ),
    (
        "multiprocessing.connection",
        "/proclab/lib/multiprocessing/connection.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_connection.py")),
    ),
    (
        "multiprocessing.sharedctypes",
        "/proclab/lib/multiprocessing/sharedctypes.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_sharedctypes.py")),
    ),
    (
        "multiprocessing.pool",
        "/proclab/lib/multiprocessing/pool.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_pool.py")),
    ),
    (
        "multiprocessing.managers",
        "/proclab/lib/multiprocessing/managers.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_managers.py")),
    ),
    (
        "multiprocessing.dummy",
        "/proclab/lib/multiprocessing/dummy/__init__.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_dummy.py")),
    ),
    (
        "pickle",
        "/proclab/lib/pickle.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_mp_pickle.py")),
    ),
    (
        "concurrent",
        "/proclab/lib/concurrent/__init__.py",
        "# The concurrent package: concurrent.futures.\n",
    ),
    (
        "concurrent.futures",
        "/proclab/lib/concurrent/futures/__init__.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/_cf.py")),
    ),
    (
        "heapq",
        "/proclab/lib/heapq.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/heapq.py")),
    ),
    (
        "bisect",
        "/proclab/lib/bisect.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/bisect.py")),
    ),
    (
        "operator",
        "/proclab/lib/operator.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/operator.py")),
    ),
    (
        "atexit",
        "/proclab/lib/atexit.py",
        include_str!(concat!(env!("OUT_DIR"), "/prelude/atexit.py")),
    ),
];

/// Prelude modules that few programs import: compiled when first imported (in the process that
/// imports it; children forked later inherit the code), not in the image, which every worker
/// downloads and loads.
pub const COMPILED_ON_IMPORT: &[&str] = &[
    "concurrent.futures",
    "datetime",
    "csv",
    "dataclasses",
    "collections",
    "itertools",
    "functools",
    "multiprocessing.dummy",
    "typing",
    "copy",
    "string",
    "contextlib",
    "abc",
    "traceback",
    "heapq",
    "bisect",
    "operator",
    "atexit",
];

const EXCEPTIONS: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("Exception", "BaseException"),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("FloatingPointError", "ArithmeticError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("AttributeError", "Exception"),
    ("AssertionError", "Exception"),
    ("RuntimeError", "Exception"),
    ("RecursionError", "RuntimeError"),
    ("NotImplementedError", "RuntimeError"),
    ("StopIteration", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("FileExistsError", "OSError"),
    ("PermissionError", "OSError"),
    ("ProcessLookupError", "OSError"),
    ("ChildProcessError", "OSError"),
    ("TimeoutError", "OSError"),
    ("InterruptedError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("BrokenPipeError", "OSError"),
    ("ConnectionError", "OSError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("MemoryError", "Exception"),
    ("Warning", "Exception"),
    ("UserWarning", "Warning"),
    ("DeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

const TYPES: &[(&str, Tag)] = &[
    ("object", Tag::Object),
    ("type", Tag::Type),
    ("NoneType", Tag::NoneType),
    ("int", Tag::Int),
    ("bool", Tag::Bool),
    ("float", Tag::Float),
    ("str", Tag::Str),
    ("list", Tag::List),
    ("tuple", Tag::Tuple),
    ("dict", Tag::Dict),
    ("set", Tag::Set),
    ("frozenset", Tag::FrozenSet),
    ("range", Tag::Range),
    ("function", Tag::Function),
    ("builtin_function_or_method", Tag::BuiltinFunction),
    ("method", Tag::Method),
    ("module", Tag::Module),
    ("iterator", Tag::Iterator),
    ("generator", Tag::Generator),
    ("slice", Tag::Slice),
    ("staticmethod", Tag::StaticMethod),
    ("classmethod", Tag::ClassMethod),
    ("property", Tag::Property),
    ("super", Tag::Super),
    ("TextIOWrapper", Tag::File),
    ("cell", Tag::Cell),
    ("ellipsis", Tag::Ellipsis),
    ("NotImplementedType", Tag::NotImplemented),
    ("complex", Tag::Complex),
    ("bytes", Tag::Bytes),
    ("bytearray", Tag::ByteArray),
    ("dict_keys", Tag::DictKeys),
    ("dict_values", Tag::DictValues),
    ("dict_items", Tag::DictItems),
    ("map", Tag::Map),
    ("filter", Tag::Filter),
    ("zip", Tag::Zip),
    ("enumerate", Tag::Enumerate),
];

/// The Python name of a built-in type.
pub(crate) fn tag_name(t: Tag) -> &'static str {
    TYPES
        .iter()
        .find(|e| e.1 == t)
        .map(|e| e.0)
        .unwrap_or("object")
}

pub(crate) fn owner_tag(owner: &str) -> Option<Tag> {
    Some(match owner {
        "str" => Tag::Str,
        "list" => Tag::List,
        "tuple" => Tag::Tuple,
        "dict" => Tag::Dict,
        "set" => Tag::Set,
        "frozenset" => Tag::FrozenSet,
        "int" => Tag::Int,
        "float" => Tag::Float,
        "generator" => Tag::Generator,
        "iterator" => Tag::Iterator,
        "file" => Tag::File,
        "property" => Tag::Property,
        "bytes" => Tag::Bytes,
        "bytearray" => Tag::ByteArray,
        "complex" => Tag::Complex,
        "objectm" => Tag::Object,
        _ => return None,
    })
}

/// A fresh VM with the built-in types, exceptions and builtins in place and the prelude
/// compiled (no modules yet): a clone of this thread's image (see `image`).
pub fn new_vm() -> Vm {
    super::image::image().vm.clone()
}

/// The built-in types, exceptions and builtins of every VM: the start of the image.
pub(crate) fn fresh_vm() -> Vm {
    let mut syms = Interner::default();
    for s in sym::PRE {
        syms.intern(s);
    }
    let mut vm = Vm {
        image: super::image::ImageTag,
        heap: vec![],
        free: vec![],
        allocs: 0,
        syms,
        codes: vec![],
        files: vec![],
        modules: vec![],
        module_by_name: HashMap::new(),
        threads: vec![Thread::default()],
        cur: 0,
        builtins: Rc::default(),
        types: Rc::default(),
        exc_classes: Rc::default(),
        type_methods: Rc::default(),
        output: vec![],
        icount: 0,
        waiting: false,
        pending_exc: None,
        phase: Phase::Main,
        vfs: BTreeMap::new(),
        nested: 0,
        recursion_limit: super::MAX_DEPTH,
        spare_regs: vec![],
        fork_top_only: false,
        fork_keep: None,
        gen_returned: false,
        gen_return: Value::None,
        main_module: 0,
        rng: Rng::seed_from_u64(0x5eed_1234_abcd),
        cur_module: 0,
        reply_map: None,
        fork_children: vec![],
        rngs: vec![],
        sched: Default::default(),
    };
    let builtins_name: Rc<str> = Rc::from("builtins");
    let mut object = 0;
    for (name, tag) in TYPES {
        let bases = if *tag == Tag::Object {
            vec![]
        } else {
            vec![object]
        };
        let c = vm.alloc(Obj::Class(Box::new(Class {
            name: Rc::from(*name),
            qualname: Rc::from(*name),
            module: builtins_name.clone(),
            bases: bases.clone(),
            mro: vec![],
            attrs: vec![],
            tag: Some(*tag),
        })));
        let id = c.obj().unwrap();
        if *tag == Tag::Object {
            object = id;
        }
        let mut mro = vec![id];
        mro.extend(bases);
        if let Obj::Class(k) = vm.get_mut(id) {
            k.mro = mro;
        }
        Rc::make_mut(&mut vm.types).insert(*tag, id);
    }
    // bool is a subclass of int
    let (b, i) = (vm.types[&Tag::Bool], vm.types[&Tag::Int]);
    if let Obj::Class(k) = vm.get_mut(b) {
        k.bases = vec![i];
        k.mro = vec![b, i, object];
    }
    for (name, base) in EXCEPTIONS {
        let mut mro = vec![];
        let bases = if base.is_empty() {
            vec![object]
        } else {
            vec![vm.exc_classes[*base]]
        };
        if let Obj::Class(k) = vm.get(bases[0]) {
            mro = k.mro.clone();
        }
        let mut attrs = vec![];
        if *name == "BaseException" {
            for m in ["__init__", "__str__", "__repr__", "with_traceback"] {
                let s = vm.intern(m);
                attrs.push((s, Value::Builtin(builtins::id_of(&format!("exc.{}", m)))));
            }
        }
        if *name == "KeyError" {
            attrs.push((
                sym::STR,
                Value::Builtin(builtins::id_of("keyerror.__str__")),
            ));
        }
        let c = vm.alloc(Obj::Class(Box::new(Class {
            name: Rc::from(*name),
            qualname: Rc::from(*name),
            module: builtins_name.clone(),
            bases,
            mro: vec![],
            attrs,
            tag: None,
        })));
        let id = c.obj().unwrap();
        mro.insert(0, id);
        if let Obj::Class(k) = vm.get_mut(id) {
            k.mro = mro;
        }
        Rc::make_mut(&mut vm.exc_classes).insert(Rc::from(*name), id);
        let s = vm.intern(name);
        Rc::make_mut(&mut vm.builtins).insert(s, c);
    }
    // IOError / EnvironmentError are OSError.
    for alias in ["IOError", "EnvironmentError"] {
        let s = vm.intern(alias);
        Rc::make_mut(&mut vm.builtins).insert(s, Value::Obj(vm.exc_classes["OSError"]));
    }
    for (i, e) in TABLE.iter().enumerate() {
        if e.owner.is_empty() {
            let s = vm.intern(e.name);
            Rc::make_mut(&mut vm.builtins).insert(s, Value::Builtin(i as u16));
        } else if let Some(t) = owner_tag(e.owner) {
            let s = vm.intern(e.name);
            Rc::make_mut(&mut vm.type_methods).insert((t, s), i as u16);
            if t == Tag::Iterator {
                for it in [Tag::Map, Tag::Filter, Tag::Zip, Tag::Enumerate] {
                    Rc::make_mut(&mut vm.type_methods).insert((it, s), i as u16);
                }
            }
        }
    }
    for (name, tag) in TYPES {
        if matches!(
            tag,
            Tag::Object
                | Tag::Type
                | Tag::Int
                | Tag::Bool
                | Tag::Float
                | Tag::Str
                | Tag::List
                | Tag::Tuple
                | Tag::Dict
                | Tag::Set
                | Tag::FrozenSet
                | Tag::Bytes
                | Tag::ByteArray
                | Tag::Complex
        ) {
            let s = vm.intern(name);
            Rc::make_mut(&mut vm.builtins).insert(s, Value::Obj(vm.types[tag]));
        }
    }
    for (n, v) in [
        ("None", Value::None),
        ("True", Value::Bool(true)),
        ("False", Value::Bool(false)),
        ("Ellipsis", Value::Ellipsis),
        ("NotImplemented", Value::NotImplemented),
    ] {
        let s = vm.intern(n);
        Rc::make_mut(&mut vm.builtins).insert(s, v);
    }
    vm
}

/// Creates an empty module and registers it under `name`.
pub fn new_module(vm: &mut Vm, name: &str, table: GlobalTable) -> u32 {
    let idx = vm.modules.len() as u32;
    let obj = vm
        .alloc(Obj::Module {
            name: Rc::from(name),
            idx,
        })
        .obj()
        .unwrap();
    let n = table.names.len();
    vm.modules.push(ModuleData {
        name: Rc::from(name),
        table,
        slots: vec![Value::Undef; n],
        obj,
    });
    vm.module_by_name.insert(Rc::from(name), idx);
    set_global(vm, idx, "__name__", Value::str(name));
    idx
}

pub fn set_global(vm: &mut Vm, idx: u32, name: &str, v: Value) {
    let s = vm.intern(name);
    let slot = vm.modules[idx as usize].table.slot(s) as usize;
    let m = &mut vm.modules[idx as usize];
    if m.slots.len() <= slot {
        m.slots.resize(slot + 1, Value::Undef);
    }
    m.slots[slot] = v;
}

fn std_file(vm: &mut Vm, path: &str) -> Value {
    vm.alloc(Obj::File(Box::new(FileObj {
        path: Rc::from(path),
        mode: Rc::from("w"),
        pos: 0,
        closed: false,
        writable: true,
        readable: false,
    })))
}

fn native_module(vm: &mut Vm, name: &str) -> Option<u32> {
    let known = [
        "os", "os.path", "time", "sys", "math", "json", "random", "_proclab", "signal", "gc",
    ];
    if !known.contains(&name) {
        return None;
    }
    let idx = new_module(vm, name, GlobalTable::default());
    let owner = format!("mod:{}", name);
    for (i, e) in TABLE.iter().enumerate() {
        if e.owner == owner {
            set_global(vm, idx, e.name, Value::Builtin(i as u16));
        }
    }
    match name {
        "time" => {
            // struct_time and the functions taking one are Python (prelude `_proclab_py`).
            let helpers = import(vm, "_proclab_py").ok()?;
            for (name, helper) in [
                ("struct_time", "struct_time"),
                ("gmtime", "_gmtime"),
                ("localtime", "_gmtime"),
                ("mktime", "_mktime"),
                ("strftime", "_strftime"),
                ("asctime", "_asctime"),
            ] {
                let s = vm.intern(helper);
                if let Ok(f) = vm.getattr(&helpers, s) {
                    set_global(vm, idx, name, f);
                }
            }
            set_global(vm, idx, "timezone", Value::Int(0));
        }
        "random" => {
            let helpers = import(vm, "_proclab_py").ok()?;
            let s = vm.intern("Random");
            if let Ok(c) = vm.getattr(&helpers, s) {
                set_global(vm, idx, "Random", c);
            }
        }
        "os" => {
            let helpers = import(vm, "_proclab_py").ok()?;
            let wait_sym = vm.intern("_wait");
            if let Ok(w) = vm.getattr(&helpers, wait_sym) {
                set_global(vm, idx, "wait", w);
            }
            let p = import(vm, "os.path").ok()?;
            set_global(vm, idx, "path", p);
            set_global(vm, idx, "sep", Value::str("/"));
            set_global(vm, idx, "linesep", Value::str("\n"));
            set_global(vm, idx, "name", Value::str("posix"));
            let env = vm.alloc(Obj::Dict(Dict::default()));
            set_global(vm, idx, "environ", env);
            set_global(vm, idx, "WNOHANG", Value::Int(1));
        }
        "os.path" => {
            set_global(vm, idx, "sep", Value::str("/"));
        }
        "sys" => {
            // The main program's file: the first one past the image's prelude files.
            let main_file = super::image::image().files_len();
            let argv = vec![Value::Str(
                vm.files
                    .get(main_file)
                    .map(|f| f.0.clone())
                    .unwrap_or(Rc::from("prog.py")),
            )];
            let argv = vm.new_list(argv);
            set_global(vm, idx, "argv", argv);
            let out = std_file(vm, "<stdout>");
            let err = std_file(vm, "<stderr>");
            set_global(vm, idx, "stdout", out.clone());
            set_global(vm, idx, "stderr", err.clone());
            set_global(vm, idx, "__stdout__", out);
            set_global(vm, idx, "__stderr__", err);
            set_global(
                vm,
                idx,
                "version",
                Value::str("3.11.7 (main, proclab) [Rust VM]"),
            );
            let vi = vec![
                Value::Int(3),
                Value::Int(11),
                Value::Int(7),
                Value::str("final"),
                Value::Int(0),
            ];
            let vi = vm.new_tuple(vi);
            set_global(vm, idx, "version_info", vi);
            set_global(vm, idx, "platform", Value::str("linux"));
            set_global(vm, idx, "maxsize", Value::Int(i64::MAX));
            set_global(vm, idx, "executable", Value::str("/usr/bin/python3"));
            let path = vm.new_list(vec![]);
            set_global(vm, idx, "path", path);
            set_global(vm, idx, "byteorder", Value::str("little"));
        }
        "json" => {
            let ve = vm.exc_classes["ValueError"];
            let mro = match vm.get(ve) {
                Obj::Class(c) => c.mro.clone(),
                _ => vec![],
            };
            let c = vm.alloc(Obj::Class(Box::new(Class {
                name: Rc::from("JSONDecodeError"),
                qualname: Rc::from("JSONDecodeError"),
                module: Rc::from("json.decoder"),
                bases: vec![ve],
                mro: vec![],
                attrs: vec![],
                tag: None,
            })));
            let id = c.obj().unwrap();
            let mut m = vec![id];
            m.extend(mro);
            if let Obj::Class(k) = vm.get_mut(id) {
                k.mro = m;
            }
            set_global(vm, idx, "JSONDecodeError", c);
        }
        "math" => {
            set_global(vm, idx, "pi", Value::Float(std::f64::consts::PI));
            set_global(vm, idx, "e", Value::Float(std::f64::consts::E));
            set_global(vm, idx, "tau", Value::Float(std::f64::consts::TAU));
            set_global(vm, idx, "inf", Value::Float(f64::INFINITY));
            set_global(vm, idx, "nan", Value::Float(f64::NAN));
        }
        "signal" => {
            for (n, v) in [
                ("SIGTERM", 15),
                ("SIGKILL", 9),
                ("SIGINT", 2),
                ("SIGHUP", 1),
                ("SIGUSR1", 10),
                ("SIGUSR2", 12),
            ] {
                set_global(vm, idx, n, Value::Int(v));
            }
        }
        _ => {}
    }
    Some(idx)
}

/// Compiles a module's source into `vm` (its file, codes and symbols); returns the file index,
/// the module body's code index and the module's global slots. On a syntax error, the text
/// CPython prints for it.
pub(crate) fn compile_file(
    vm: &mut Vm,
    filename: &str,
    source: &str,
) -> Result<(u32, u32, GlobalTable), String> {
    let stmts = crate::parser::parse_module(source)
        .map_err(|e| crate::syntax_error_text(filename, source, &e))?;
    vm.files.push((Rc::from(filename), Rc::from(source)));
    let file = (vm.files.len() - 1) as u32;
    let (code, table) = compile_stmts(vm, &stmts, file, filename, source)?;
    Ok((file, code, table))
}

/// Compiles the source already in `vm.files[file]` (a prelude module, see `image`).
pub(crate) fn compile_at(
    vm: &mut Vm,
    file: u32,
    filename: &str,
    source: &str,
) -> Result<(u32, GlobalTable), String> {
    let stmts = crate::parser::parse_module(source)
        .map_err(|e| crate::syntax_error_text(filename, source, &e))?;
    compile_stmts(vm, &stmts, file, filename, source)
}

fn compile_stmts(
    vm: &mut Vm,
    stmts: &[crate::ast::Stmt],
    file: u32,
    filename: &str,
    source: &str,
) -> Result<(u32, GlobalTable), String> {
    let mut table = GlobalTable::default();
    let code =
        crate::compiler::compile_module(stmts, file, &mut vm.syms, &mut table, &mut vm.codes)
            .map_err(|e| {
                let se = crate::ast::SyntaxError {
                    kind: "SyntaxError",
                    msg: e.msg.clone(),
                    line: e.line,
                    col: e.col,
                    end_col: e.col + 1,
                };
                crate::syntax_error_text(filename, source, &se)
            })?;
    Ok((code, table))
}

/// Compiles a Python module (the main program) and creates its module, ready to run its body:
/// returns the module's index and its body's code index.
pub fn compile_into(
    vm: &mut Vm,
    name: &str,
    filename: &str,
    source: &str,
) -> Result<(u32, u32), String> {
    let (_, code, table) = compile_file(vm, filename, source)?;
    Ok((install_module(vm, name, filename, table), code))
}

/// Creates the module `name` with the compiler's global slots `table` (plus `__name__`,
/// `__file__`).
fn install_module(vm: &mut Vm, name: &str, filename: &str, table: GlobalTable) -> u32 {
    let idx = new_module(vm, name, GlobalTable::default());
    // Re-create the table with the compiler's slots (new_module added __name__ first).
    let mut merged = table;
    let name_sym = vm.intern("__name__");
    let name_slot = merged.slot(name_sym);
    let m = &mut vm.modules[idx as usize];
    let n = merged.names.len();
    m.table = merged;
    m.slots = vec![Value::Undef; n];
    m.slots[name_slot as usize] = Value::str(name);
    set_global(vm, idx, "__file__", Value::str(filename));
    idx
}

pub fn module_frame(vm: &Vm, idx: u32, code: u32) -> Frame {
    let nl = vm.codes[code as usize].nlocals as usize;
    Frame {
        code,
        pc: 0,
        regs: vec![Value::Undef; nl],
        cells: vec![],
        blocks: vec![],
        module: idx,
        ns: None,
        ret: Ret::Normal,
        gen: None,
    }
}

pub fn import(vm: &mut Vm, name: &str) -> R<Value> {
    if let Some(&idx) = vm.module_by_name.get(name) {
        return Ok(Value::Obj(vm.modules[idx as usize].obj));
    }
    if let Some(idx) = native_module(vm, name) {
        return Ok(Value::Obj(vm.modules[idx as usize].obj));
    }
    if let Some(pos) = PRELUDE.iter().position(|p| p.0 == name) {
        // A submodule's package is imported first, and the submodule becomes its attribute once
        // its body has run (`import a.b` then `a.b.x`), as CPython's import system does.
        let package = match name.rsplit_once('.') {
            Some((parent, child)) => match import(vm, parent)? {
                Value::Obj(p) => match vm.get(p) {
                    Obj::Module { idx, .. } => Some((*idx, child)),
                    _ => None,
                },
                _ => None,
            },
            None => None,
        };
        if let Some(&idx) = vm.module_by_name.get(name) {
            // The package's body imported it.
            return Ok(Value::Obj(vm.modules[idx as usize].obj));
        }
        // Compiled once per thread in the image (or now, see COMPILED_ON_IMPORT); its body
        // runs now, in this process.
        let image = super::image::image();
        let pre = &image.prelude[pos];
        let (code, table) = if pre.code == super::image::NOT_COMPILED {
            let (_, filename, source) = PRELUDE[pos];
            match compile_at(vm, pre.file, filename, source) {
                Ok(x) => x,
                Err(e) => return vm.err("SyntaxError", e),
            }
        } else {
            (pre.code, pre.table.clone())
        };
        let idx = install_module(vm, name, PRELUDE[pos].1, table);
        let fr = module_frame(vm, idx, code);
        if let Err(e) = vm.run_nested(fr) {
            vm.module_by_name.remove(name);
            return Err(e);
        }
        let module = Value::Obj(vm.modules[idx as usize].obj);
        if let Some((parent, child)) = package {
            set_global(vm, parent, child, module.clone());
        }
        return Ok(module);
    }
    if let Some((parent, _)) = name.rsplit_once('.') {
        if PRELUDE.iter().any(|p| p.0 == parent) {
            // `multiprocessing.pool` and friends live in the package module itself.
            return import(vm, parent);
        }
    }
    vm.err("ModuleNotFoundError", format!("No module named '{}'", name))
}

// ----- tracebacks -----

fn exc_info(vm: &Vm, e: &Value) -> Option<ExcInfo> {
    match vm.get_opt(e) {
        Some(Obj::Inst(i)) => i.exc.as_deref().cloned(),
        _ => None,
    }
}

/// The text CPython prints for an uncaught exception (without `^^^` marker lines).
pub fn format_exc(vm: &mut Vm, e: &Value) -> String {
    let mut seen = vec![];
    format_exc_in(vm, e, &mut seen)
}

fn format_exc_in(vm: &mut Vm, e: &Value, seen: &mut Vec<u32>) -> String {
    let mut out = String::new();
    if let Some(id) = e.obj() {
        seen.push(id);
    }
    let Some(info) = exc_info(vm, e) else {
        return "<not an exception>\n".into();
    };
    let fresh = |v: &Value, seen: &Vec<u32>| v.obj().map(|i| !seen.contains(&i)).unwrap_or(false);
    if !info.cause.is_none() && fresh(&info.cause, seen) {
        out.push_str(&format_exc_in(vm, &info.cause, seen));
        out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
    } else if !info.context.is_none() && !info.suppress_context && fresh(&info.context, seen) {
        out.push_str(&format_exc_in(vm, &info.context, seen));
        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
    }
    if !info.tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        // As CPython: the same line of the same function more than 3 times in a row (a
        // recursion) prints 3 times, then how many more there were.
        let mut last = None;
        let mut count = 0;
        let more = |n: usize| {
            let s = if n == 1 { "" } else { "s" };
            format!("  [Previous line repeated {n} more time{s}]\n")
        };
        for &(code, line) in info.tb.iter().rev() {
            let c = vm.codes[code as usize].clone();
            let (fname, src) = vm.files[c.file as usize].clone();
            // The helpers in _proclab_py stand for CPython's built-ins, which have no frames.
            if NO_FRAMES.contains(&&*fname) {
                continue;
            }
            if last != Some((code, line)) {
                if count > 3 {
                    out.push_str(&more(count - 3));
                }
                last = Some((code, line));
                count = 0;
            }
            count += 1;
            if count > 3 {
                continue;
            }
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                fname, line, c.name
            ));
            if let Some(l) = src.lines().nth(line.saturating_sub(1) as usize) {
                let t = l.trim();
                if !t.is_empty() {
                    out.push_str(&format!("    {}\n", t));
                }
            }
        }
        if count > 3 {
            out.push_str(&more(count - 3));
        }
    }
    out.push_str(&exc_line(vm, e));
    out
}

/// `TypeName: message` (module-qualified unless builtins or __main__).
pub fn exc_line(vm: &mut Vm, e: &Value) -> String {
    let cls = vm.class_id_of(e).unwrap_or(0);
    let (name, module) = match vm.get(cls) {
        Obj::Class(c) => (c.qualname.to_string(), c.module.to_string()),
        _ => ("?".into(), String::new()),
    };
    let full = if module == "builtins" || module == "__main__" {
        name
    } else {
        format!("{}.{}", module, name)
    };
    let msg = match vm.to_str(e) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".into(),
    };
    let hint = exc_info(vm, e)
        .and_then(|i| i.suggestion)
        .map(|s| format!(". Did you mean: '{}'?", s))
        .unwrap_or_default();
    if msg.is_empty() {
        format!("{}\n", full)
    } else {
        format!("{}: {}{}\n", full, msg, hint)
    }
}

// ----- os -----

pub fn sys(call: Syscall) -> R<Value> {
    Err(Flow::Sys(call))
}

pub fn os_getpid(_vm: &mut Vm, _a: Args) -> R<Value> {
    sys(Syscall::GetPid)
}
pub fn os_getppid(_vm: &mut Vm, _a: Args) -> R<Value> {
    sys(Syscall::GetPpid)
}
pub fn os_fork(vm: &mut Vm, _a: Args) -> R<Value> {
    vm.reply_map = Some(ReplyMap::Fork);
    sys(Syscall::Fork {
        name: String::new(),
        daemon: false,
    })
}
pub fn os_exit(vm: &mut Vm, a: Args) -> R<Value> {
    let code = match a.a.first() {
        Some(v) => int_of(vm, v)? as i32,
        None => 0,
    };
    Err(Flow::Exit(code))
}
pub fn os_kill(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() < 2 {
        return vm.type_error("kill expected 2 arguments");
    }
    let pid = int_of(vm, &a.a[0])?;
    let signal = int_of(vm, &a.a[1])? as i32;
    sys(Syscall::Kill {
        pid: pid as u32,
        signal,
    })
}
pub fn os_getcwd(_vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::str("/home/proclab"))
}
pub fn os_cpu_count(_vm: &mut Vm, _a: Args) -> R<Value> {
    sys(Syscall::CpuCount)
}
pub fn os_waitpid(vm: &mut Vm, a: Args) -> R<Value> {
    let pid = match a.a.first() {
        Some(v) => int_of(vm, v)?,
        None => return vm.type_error("waitpid expected 2 arguments"),
    };
    let opts = match a.a.get(1) {
        Some(v) => int_of(vm, v)?,
        None => 0,
    };
    vm.reply_map = Some(ReplyMap::WaitPid(pid as u32));
    if opts & 1 != 0 {
        return sys(Syscall::Poll { pid: pid as u32 });
    }
    sys(Syscall::Join {
        pid: pid as u32,
        timeout: None,
    })
}
pub fn os_wait(vm: &mut Vm, _a: Args) -> R<Value> {
    vm.err("ChildProcessError", "[Errno 10] No child processes")
}
pub fn os_getenv(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(a.a.get(1).cloned().unwrap_or(Value::None))
}
pub fn os_listdir(vm: &mut Vm, a: Args) -> R<Value> {
    match a.a.first() {
        Some(_) => {
            let p = str_arg(vm, &a, 0)?;
            super::ipc::listdir_at(vm, &p)
        }
        None => super::ipc::listdir(vm),
    }
}

/// `os.system(command)`: there is no shell here (a browser tab, or the simulation), so the
/// command is not run; the program is told so on stderr and gets the status a shell gives a
/// command it cannot find (127, as `os.WEXITSTATUS` reads it), and goes on.
pub fn os_system(vm: &mut Vm, a: Args) -> R<Value> {
    let command = str_arg(vm, &a, 0)?;
    vm.write(
        Stream::Stderr,
        &format!("proclab: os.system() cannot run {command:?}: there is no shell here\n"),
    );
    Ok(Value::Int(127 << 8))
}

/// `os.mkdir(path)` / `os.makedirs(path, exist_ok=False)`.
fn make_dir(vm: &mut Vm, mut a: Args, parents: bool) -> R<Value> {
    let path = str_arg(vm, &a, 0)?.to_string();
    let exist_ok = match parents.then(|| a.arg_or_kw(vm, 2, "exist_ok")).flatten() {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    super::ipc::dir_call(
        vm,
        Syscall::MakeDir {
            path,
            parents,
            exist_ok,
        },
    )
}
pub fn os_mkdir(vm: &mut Vm, a: Args) -> R<Value> {
    make_dir(vm, a, false)
}
pub fn os_makedirs(vm: &mut Vm, a: Args) -> R<Value> {
    make_dir(vm, a, true)
}
pub fn os_rmdir(vm: &mut Vm, a: Args) -> R<Value> {
    let path = str_arg(vm, &a, 0)?.to_string();
    super::ipc::dir_call(vm, Syscall::RemoveDir { path })
}
pub fn path_isdir(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    super::ipc::is_kind(vm, &p, true)
}
pub fn path_isfile(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    super::ipc::is_kind(vm, &p, false)
}
pub fn path_getsize(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    super::ipc::getsize(vm, &p)
}
/// `os.path.splitext`: the extension starts at the last dot of the last component, unless
/// that component is all leading dots.
pub fn path_splitext(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    let base_start = p.rfind('/').map_or(0, |i| i + 1);
    let base = &p[base_start..];
    let lead = base.len() - base.trim_start_matches('.').len();
    let (root, ext) = match base.rfind('.') {
        Some(i) if i >= lead && i > 0 => (&p[..base_start + i], &p[base_start + i..]),
        _ => (&p[..], ""),
    };
    let items = vec![Value::str(root), Value::str(ext)];
    Ok(vm.new_tuple(items))
}
/// `os.path.split`: (head, tail) around the last slash.
pub fn path_split(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    let i = p.rfind('/').map_or(0, |i| i + 1);
    let (head, tail) = p.split_at(i);
    let trimmed = head.trim_end_matches('/');
    let head = if trimmed.is_empty() { head } else { trimmed };
    let items = vec![Value::str(head), Value::str(tail)];
    Ok(vm.new_tuple(items))
}
pub fn path_isabs(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    Ok(Value::Bool(p.starts_with('/')))
}
/// `os.path.abspath`: joined to the working directory and normalized.
pub fn path_abspath(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    let full = if p.starts_with('/') {
        p.to_string()
    } else {
        format!("/home/proclab/{p}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for c in full.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    Ok(Value::str(&format!("/{}", parts.join("/"))))
}
pub fn os_remove(vm: &mut Vm, a: Args) -> R<Value> {
    let p = match a.a.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => return vm.type_error("remove: path should be string"),
    };
    super::ipc::remove(vm, &p)
}
pub fn os_waitstatus_to_exitcode(vm: &mut Vm, a: Args) -> R<Value> {
    let s = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    Ok(Value::Int(if s & 0x7f != 0 {
        -(s & 0x7f)
    } else {
        (s >> 8) & 0xff
    }))
}
pub fn os_wifsignaled(vm: &mut Vm, a: Args) -> R<Value> {
    let s = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    Ok(Value::Bool(s & 0x7f != 0))
}
pub fn os_wtermsig(vm: &mut Vm, a: Args) -> R<Value> {
    let s = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    Ok(Value::Int(s & 0x7f))
}
/// `_proclab.fork_children()`: the pids `os.fork()` returned (the prelude's `os.wait` polls them).
pub fn pl_fork_children(vm: &mut Vm, _a: Args) -> R<Value> {
    let v = vm
        .fork_children
        .iter()
        .map(|&p| Value::Int(p as i64))
        .collect();
    Ok(vm.new_list(v))
}
pub fn pl_forget_child(vm: &mut Vm, a: Args) -> R<Value> {
    let p = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))? as u32;
    vm.fork_children.retain(|&c| c != p);
    Ok(Value::None)
}
pub fn os_wexitstatus(vm: &mut Vm, a: Args) -> R<Value> {
    let s = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    Ok(Value::Int((s >> 8) & 0xff))
}
pub fn os_wifexited(vm: &mut Vm, a: Args) -> R<Value> {
    let s = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    Ok(Value::Bool(s & 0x7f == 0))
}

fn str_arg(vm: &mut Vm, a: &Args, i: usize) -> R<Rc<str>> {
    match a.a.get(i) {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(v) => {
            let t = vm.type_name(v);
            vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                t
            ))
        }
        None => vm.type_error("missing argument"),
    }
}

pub fn path_exists(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    super::ipc::exists(vm, &p)
}
pub fn path_join(vm: &mut Vm, a: Args) -> R<Value> {
    let mut out = String::new();
    for i in 0..a.a.len() {
        let p = str_arg(vm, &a, i)?;
        if p.starts_with('/') {
            out = p.to_string();
        } else {
            if !out.is_empty() && !out.ends_with('/') {
                out.push('/');
            }
            out.push_str(&p);
        }
    }
    Ok(Value::str(&out))
}
pub fn path_basename(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    Ok(Value::str(p.rsplit('/').next().unwrap_or("")))
}
pub fn path_dirname(vm: &mut Vm, a: Args) -> R<Value> {
    let p = str_arg(vm, &a, 0)?;
    Ok(Value::str(p.rsplit_once('/').map(|x| x.0).unwrap_or("")))
}

// ----- time -----

pub fn time_sleep(vm: &mut Vm, a: Args) -> R<Value> {
    let secs = match a.a.first() {
        Some(v) if num::is_num(v) => num::to_f64(v).unwrap_or(0.0),
        Some(v) => {
            let t = vm.type_name(v);
            return vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            ));
        }
        None => return vm.type_error("sleep() takes exactly one argument (0 given)"),
    };
    if secs < 0.0 {
        return vm.err("ValueError", "sleep length must be non-negative");
    }
    if let Some(r) = super::threads::sleep(vm, secs) {
        return r;
    }
    sys(Syscall::Sleep { secs })
}
pub fn time_time(_vm: &mut Vm, _a: Args) -> R<Value> {
    sys(Syscall::Time)
}
pub fn time_mono(_vm: &mut Vm, _a: Args) -> R<Value> {
    sys(Syscall::Monotonic)
}
pub fn time_ns(vm: &mut Vm, _a: Args) -> R<Value> {
    vm.reply_map = Some(ReplyMap::Nanos);
    sys(Syscall::Time)
}
pub fn time_mono_ns(vm: &mut Vm, _a: Args) -> R<Value> {
    vm.reply_map = Some(ReplyMap::Nanos);
    sys(Syscall::Monotonic)
}
pub fn time_ctime(vm: &mut Vm, a: Args) -> R<Value> {
    match a.a.first() {
        Some(v) if num::is_num(v) => Ok(Value::str(&crate::timefmt::ctime(
            num::to_f64(v).unwrap_or(0.0),
            0,
        ))),
        _ => {
            vm.reply_map = Some(ReplyMap::Ctime);
            sys(Syscall::Time)
        }
    }
}
pub fn time_strftime(vm: &mut Vm, a: Args) -> R<Value> {
    let f = str_arg(vm, &a, 0)?;
    vm.reply_map = Some(ReplyMap::Strftime(f.to_string()));
    sys(Syscall::Time)
}

/// How to turn a syscall's reply into the Python value when it is not the plain conversion.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub enum ReplyMap {
    Nanos,
    Ctime,
    Strftime(String),
    /// `os.waitpid`: `(pid, status)` with the exit code in the high byte.
    WaitPid(u32),
    /// `os.fork()`: the parent records the child's pid.
    Fork,
    /// Shared objects and shared files (`vm::ipc`): multi-step calls and their conversions.
    Ipc(super::ipc::Post),
}

// ----- sys -----

pub fn sys_exit(vm: &mut Vm, a: Args) -> R<Value> {
    let cls = vm.exc_classes["SystemExit"];
    Err(Flow::Exc(vm.make_exc(cls, a.a)))
}
pub fn sys_getrecursionlimit(vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::Int(vm.recursion_limit as i64))
}
pub fn sys_setrecursionlimit(vm: &mut Vm, a: Args) -> R<Value> {
    let n = match a.a.first() {
        Some(Value::Int(n)) => *n,
        Some(v) => {
            let t = vm.type_name(v);
            return vm.err(
                "TypeError",
                format!("'{t}' object cannot be interpreted as an integer"),
            );
        }
        None => {
            return vm.err(
                "TypeError",
                "setrecursionlimit() takes exactly one argument (0 given)",
            )
        }
    };
    if n < 1 {
        return vm.err(
            "ValueError",
            "recursion limit must be greater or equal than 1",
        );
    }
    let depth = vm.threads[vm.cur].frames.len() + vm.nested as usize;
    if (n as usize) <= depth {
        return vm.err(
            "RecursionError",
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        );
    }
    vm.recursion_limit = (n as usize).min(super::MAX_RECURSION_LIMIT);
    Ok(Value::None)
}
pub fn sys_getsizeof(_vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::Int(64))
}

// ----- math -----

fn fl(vm: &mut Vm, a: &Args, i: usize) -> R<f64> {
    match a.a.get(i) {
        Some(v) => num::to_f64(v).map_err(|(k, m)| {
            let m = if k == "TypeError" {
                format!("must be real number, not {}", vm.type_name(v))
            } else {
                m
            };
            Flow::Exc(vm.new_exc(k, &m))
        }),
        None => vm.type_error("math function missing argument"),
    }
}

fn domain(vm: &mut Vm, x: f64) -> R<Value> {
    if x.is_nan() {
        return vm.err("ValueError", "math domain error");
    }
    Ok(Value::Float(x))
}

pub fn m_sqrt(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    if x < 0.0 {
        return vm.err("ValueError", "math domain error");
    }
    Ok(Value::Float(x.sqrt()))
}
fn to_int_value(vm: &mut Vm, f: f64) -> R<Value> {
    num::float_to_int(f).map_err(|(k, m)| Flow::Exc(vm.new_exc(k, &m)))
}
pub fn m_floor(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(v) = a.a.first().filter(|v| num::is_int(v)) {
        return Ok(num::norm(num::big(v).unwrap()));
    }
    let x = fl(vm, &a, 0)?;
    to_int_value(vm, x.floor())
}
pub fn m_ceil(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(v) = a.a.first().filter(|v| num::is_int(v)) {
        return Ok(num::norm(num::big(v).unwrap()));
    }
    let x = fl(vm, &a, 0)?;
    to_int_value(vm, x.ceil())
}
pub fn m_trunc(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    to_int_value(vm, x.trunc())
}
pub fn m_pow(vm: &mut Vm, a: Args) -> R<Value> {
    let (x, y) = (fl(vm, &a, 0)?, fl(vm, &a, 1)?);
    domain(vm, x.powf(y))
}
pub fn m_exp(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    let r = x.exp();
    if r.is_infinite() && x.is_finite() {
        return vm.err("OverflowError", "math range error");
    }
    Ok(Value::Float(r))
}
pub fn m_log(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    if x <= 0.0 {
        return vm.err("ValueError", "math domain error");
    }
    match a.a.get(1) {
        Some(_) => {
            let b = fl(vm, &a, 1)?;
            Ok(Value::Float(x.ln() / b.ln()))
        }
        None => Ok(Value::Float(x.ln())),
    }
}
pub fn m_log2(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    if x <= 0.0 {
        return vm.err("ValueError", "math domain error");
    }
    Ok(Value::Float(x.log2()))
}
pub fn m_log10(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    if x <= 0.0 {
        return vm.err("ValueError", "math domain error");
    }
    Ok(Value::Float(x.log10()))
}
pub fn m_sin(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.sin()))
}
pub fn m_cos(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.cos()))
}
pub fn m_tan(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.tan()))
}
pub fn m_atan(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.atan()))
}
pub fn m_atan2(vm: &mut Vm, a: Args) -> R<Value> {
    let (y, x) = (fl(vm, &a, 0)?, fl(vm, &a, 1)?);
    Ok(Value::Float(y.atan2(x)))
}
pub fn m_hypot(vm: &mut Vm, a: Args) -> R<Value> {
    let mut s = 0.0f64;
    for i in 0..a.a.len() {
        let x = fl(vm, &a, i)?;
        s = s.hypot(x);
    }
    Ok(Value::Float(s))
}
pub fn m_fabs(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.abs()))
}
pub fn m_degrees(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.to_degrees()))
}
pub fn m_radians(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Float(x.to_radians()))
}
fn big_arg(vm: &mut Vm, a: &Args, i: usize, fname: &str) -> R<num_bigint::BigInt> {
    match a.a.get(i).and_then(num::big) {
        Some(b) => Ok(b),
        None => {
            let t = a.a.get(i).map(|v| vm.type_name(v)).unwrap_or_default();
            if matches!(a.a.get(i), Some(Value::Float(_))) && fname == "factorial" {
                return vm.type_error("'float' object cannot be interpreted as an integer");
            }
            vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            ))
        }
    }
}
pub fn m_factorial(vm: &mut Vm, a: Args) -> R<Value> {
    let n = big_arg(vm, &a, 0, "factorial")?;
    if n < num_bigint::BigInt::from(0) {
        return vm.err("ValueError", "factorial() not defined for negative values");
    }
    let n = builtins::to_u64_lossy(&n);
    let mut r = num_bigint::BigInt::from(1);
    for i in 2..=n {
        r *= i;
    }
    Ok(num::norm(r))
}
pub fn m_gcd(vm: &mut Vm, a: Args) -> R<Value> {
    let mut g = num_bigint::BigInt::from(0);
    for i in 0..a.a.len() {
        let x = big_arg(vm, &a, i, "gcd")?;
        g = num_integer::Integer::gcd(&g, &x);
    }
    Ok(num::norm(g))
}
pub fn m_isqrt(vm: &mut Vm, a: Args) -> R<Value> {
    let n = big_arg(vm, &a, 0, "isqrt")?;
    if n < num_bigint::BigInt::from(0) {
        return vm.err("ValueError", "isqrt() argument must be nonnegative");
    }
    Ok(num::norm(n.sqrt()))
}
pub fn m_isclose(vm: &mut Vm, mut a: Args) -> R<Value> {
    let (x, y) = (fl(vm, &a, 0)?, fl(vm, &a, 1)?);
    let rel =
        a.kw.iter()
            .position(|(s, _)| vm.syms.name(*s) == "rel_tol")
            .map(|i| a.kw.remove(i).1);
    let abs =
        a.kw.iter()
            .position(|(s, _)| vm.syms.name(*s) == "abs_tol")
            .map(|i| a.kw.remove(i).1);
    let rel = rel.and_then(|v| num::to_f64(&v).ok()).unwrap_or(1e-9);
    let abs = abs.and_then(|v| num::to_f64(&v).ok()).unwrap_or(0.0);
    if x == y {
        return Ok(Value::Bool(true));
    }
    let d = (x - y).abs();
    Ok(Value::Bool(
        d <= (rel * x.abs()).max(rel * y.abs()) || d <= abs,
    ))
}
pub fn m_isnan(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Bool(x.is_nan()))
}
pub fn m_isinf(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    Ok(Value::Bool(x.is_infinite()))
}
pub fn m_prod(vm: &mut Vm, a: Args) -> R<Value> {
    let items = vm.collect(a.a.first().unwrap_or(&Value::None))?;
    let mut acc = Value::Int(1);
    for x in items {
        acc = super::ops::binary(vm, super::code::BinOpK::Mul, acc, x, false)?;
    }
    Ok(acc)
}
pub fn m_fsum(vm: &mut Vm, a: Args) -> R<Value> {
    let items = vm.collect(a.a.first().unwrap_or(&Value::None))?;
    // Neumaier summation: exact enough for the usual teaching examples.
    let (mut s, mut c) = (0.0f64, 0.0f64);
    for x in items {
        let v = num::to_f64(&x).unwrap_or(0.0);
        let t = s + v;
        if s.abs() >= v.abs() {
            c += (s - t) + v;
        } else {
            c += (v - t) + s;
        }
        s = t;
    }
    Ok(Value::Float(s + c))
}
pub fn m_comb(vm: &mut Vm, a: Args) -> R<Value> {
    let n = big_arg(vm, &a, 0, "comb")?;
    let k = big_arg(vm, &a, 1, "comb")?;
    let (n, k) = (builtins::to_u64_lossy(&n), builtins::to_u64_lossy(&k));
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut r = num_bigint::BigInt::from(1);
    for i in 0..k.min(n - k) {
        r = r * (n - i) / (i + 1);
    }
    Ok(num::norm(r))
}
pub fn m_perm(vm: &mut Vm, a: Args) -> R<Value> {
    let n = big_arg(vm, &a, 0, "perm")?;
    let n = builtins::to_u64_lossy(&n);
    let k = match a.a.get(1) {
        Some(_) => builtins::to_u64_lossy(&big_arg(vm, &a, 1, "perm")?),
        None => n,
    };
    if k > n {
        return Ok(Value::Int(0));
    }
    let mut r = num_bigint::BigInt::from(1);
    for i in 0..k {
        r *= n - i;
    }
    Ok(num::norm(r))
}

// ----- json -----

fn json_str(s: &str, ascii: bool) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (ascii && (c as u32) > 0x7e) => {
                let mut buf = [0u16; 2];
                for u in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{:04x}", u));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

struct JsonOpts {
    indent: Option<String>,
    sort_keys: bool,
    item_sep: String,
    key_sep: String,
    ensure_ascii: bool,
}

fn json_enc(vm: &mut Vm, v: &Value, o: &JsonOpts, depth: usize, out: &mut String) -> R<()> {
    if let Some(p) = vm.payload(v) {
        return json_enc(vm, &p, o, depth, out);
    }
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(_) | Value::Big(_) => out.push_str(&vm.repr(v)?),
        Value::Float(f) => {
            if f.is_nan() {
                out.push_str("NaN")
            } else if f.is_infinite() {
                out.push_str(if *f > 0.0 { "Infinity" } else { "-Infinity" })
            } else {
                out.push_str(&super::format::float_repr(*f))
            }
        }
        Value::Str(s) => out.push_str(&json_str(s, o.ensure_ascii)),
        Value::Obj(id) => {
            let obj = vm.get(*id).clone();
            let nl = |d: usize, out: &mut String| {
                if let Some(ind) = &o.indent {
                    out.push('\n');
                    for _ in 0..d {
                        out.push_str(ind);
                    }
                }
            };
            match obj {
                Obj::List(items) | Obj::Tuple(items) => {
                    if items.is_empty() {
                        out.push_str("[]");
                        return Ok(());
                    }
                    out.push('[');
                    for (i, x) in items.iter().enumerate() {
                        if i > 0 {
                            out.push_str(&o.item_sep);
                        }
                        nl(depth + 1, out);
                        json_enc(vm, x, o, depth + 1, out)?;
                    }
                    nl(depth, out);
                    out.push(']');
                }
                Obj::Dict(d) => {
                    if d.is_empty() {
                        out.push_str("{}");
                        return Ok(());
                    }
                    let mut pairs: Vec<(String, Value)> = vec![];
                    for (k, x) in d.iter() {
                        let ks = match k {
                            Value::Str(s) => s.to_string(),
                            Value::Int(_) | Value::Big(_) | Value::Float(_) => vm.repr(k)?,
                            Value::Bool(b) => (if *b { "true" } else { "false" }).into(),
                            Value::None => "null".into(),
                            _ => {
                                let t = vm.type_name(k);
                                return vm.type_error(format!(
                                    "keys must be str, int, float, bool or None, not {}",
                                    t
                                ));
                            }
                        };
                        pairs.push((ks, x.clone()));
                    }
                    if o.sort_keys {
                        proclab_abi::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
                    }
                    out.push('{');
                    for (i, (k, x)) in pairs.iter().enumerate() {
                        if i > 0 {
                            out.push_str(&o.item_sep);
                        }
                        nl(depth + 1, out);
                        out.push_str(&json_str(k, o.ensure_ascii));
                        out.push_str(&o.key_sep);
                        json_enc(vm, x, o, depth + 1, out)?;
                    }
                    nl(depth, out);
                    out.push('}');
                }
                _ => {
                    let t = vm.type_name(v);
                    return vm.type_error(format!("Object of type {} is not JSON serializable", t));
                }
            }
        }
        _ => {
            let t = vm.type_name(v);
            return vm.type_error(format!("Object of type {} is not JSON serializable", t));
        }
    }
    Ok(())
}

fn kw_take(vm: &Vm, a: &mut Args, name: &str) -> Option<Value> {
    let i = a.kw.iter().position(|(s, _)| vm.syms.name(*s) == name)?;
    Some(a.kw.remove(i).1)
}

fn json_opts(vm: &mut Vm, a: &mut Args) -> R<JsonOpts> {
    let indent = match kw_take(vm, a, "indent") {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat(n.max(0) as usize)),
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(_) => None,
    };
    let ensure_ascii = match kw_take(vm, a, "ensure_ascii") {
        Some(v) => vm.truthy(&v)?,
        None => true,
    };
    let sort_keys = match kw_take(vm, a, "sort_keys") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let (mut item_sep, mut key_sep) = (
        if indent.is_some() { "," } else { ", " }.to_string(),
        ": ".to_string(),
    );
    if let Some(sep) = kw_take(vm, a, "separators") {
        let parts = vm.collect(&sep)?;
        if let (Some(Value::Str(i)), Some(Value::Str(k))) = (parts.first(), parts.get(1)) {
            item_sep = i.to_string();
            key_sep = k.to_string();
        }
    }
    Ok(JsonOpts {
        indent,
        sort_keys,
        item_sep,
        key_sep,
        ensure_ascii,
    })
}

pub fn json_dumps(vm: &mut Vm, mut a: Args) -> R<Value> {
    let o = json_opts(vm, &mut a)?;
    let mut out = String::new();
    let v = a.a.first().cloned().unwrap_or(Value::None);
    json_enc(vm, &v, &o, 0, &mut out)?;
    Ok(Value::str(&out))
}

pub fn json_dump(vm: &mut Vm, mut a: Args) -> R<Value> {
    let o = json_opts(vm, &mut a)?;
    let mut out = String::new();
    let v = a.a.first().cloned().unwrap_or(Value::None);
    json_enc(vm, &v, &o, 0, &mut out)?;
    let f = a.a.get(1).cloned().unwrap_or(Value::None);
    file_write(vm, &f, &out)?;
    Ok(Value::None)
}

struct JsonParser<'a> {
    s: &'a [u8],
    i: usize,
}

fn json_err<T>(vm: &mut Vm, msg: &str, p: &JsonParser) -> R<T> {
    let line = p.s[..p.i.min(p.s.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    let col = p.i
        - p.s[..p.i.min(p.s.len())]
            .iter()
            .rposition(|&b| b == b'\n')
            .map(|x| x + 1)
            .unwrap_or(0)
        + 1;
    let text = format!("{}: line {} column {} (char {})", msg, line, col, p.i);
    let e = vm.new_exc("ValueError", &text);
    // json.JSONDecodeError when the json module is loaded (it always is here).
    if let Some(&m) = vm.module_by_name.get("json") {
        let s = vm.intern("JSONDecodeError");
        if let Some(&slot) = vm.modules[m as usize].table.index.get(&s) {
            if let Value::Obj(cls) = vm.modules[m as usize].slots[slot as usize] {
                if let Some(Obj::Inst(i)) = e.obj().map(|id| vm.get_mut(id)) {
                    i.class = cls;
                }
            }
        }
    }
    Err(Flow::Exc(e))
}

fn json_ws(p: &mut JsonParser) {
    while p.i < p.s.len() && matches!(p.s[p.i], b' ' | b'\t' | b'\n' | b'\r') {
        p.i += 1;
    }
}

fn json_val(vm: &mut Vm, p: &mut JsonParser) -> R<Value> {
    json_ws(p);
    if p.i >= p.s.len() {
        return json_err(vm, "Expecting value", p);
    }
    match p.s[p.i] {
        b'{' => {
            p.i += 1;
            let mut d = Dict::default();
            json_ws(p);
            if p.i < p.s.len() && p.s[p.i] == b'}' {
                p.i += 1;
                return Ok(vm.alloc(Obj::Dict(d)));
            }
            loop {
                json_ws(p);
                if p.i >= p.s.len() || p.s[p.i] != b'"' {
                    return json_err(vm, "Expecting property name enclosed in double quotes", p);
                }
                let k = json_val(vm, p)?;
                json_ws(p);
                if p.i >= p.s.len() || p.s[p.i] != b':' {
                    return json_err(vm, "Expecting ':' delimiter", p);
                }
                p.i += 1;
                let v = json_val(vm, p)?;
                let h = vm.hkey(&k)?;
                d.insert(h, k, v);
                json_ws(p);
                match p.s.get(p.i) {
                    Some(b',') => p.i += 1,
                    Some(b'}') => {
                        p.i += 1;
                        return Ok(vm.alloc(Obj::Dict(d)));
                    }
                    _ => return json_err(vm, "Expecting ',' delimiter", p),
                }
            }
        }
        b'[' => {
            p.i += 1;
            let mut items = vec![];
            json_ws(p);
            if p.i < p.s.len() && p.s[p.i] == b']' {
                p.i += 1;
                return Ok(vm.new_list(items));
            }
            loop {
                items.push(json_val(vm, p)?);
                json_ws(p);
                match p.s.get(p.i) {
                    Some(b',') => p.i += 1,
                    Some(b']') => {
                        p.i += 1;
                        return Ok(vm.new_list(items));
                    }
                    _ => return json_err(vm, "Expecting ',' delimiter", p),
                }
            }
        }
        b'"' => {
            p.i += 1;
            let mut out: Vec<u16> = vec![];
            let mut s = String::new();
            loop {
                if p.i >= p.s.len() {
                    return json_err(vm, "Unterminated string starting at", p);
                }
                let b = p.s[p.i];
                if b == b'"' {
                    p.i += 1;
                    break;
                }
                if b == b'\\' {
                    let e = p.s.get(p.i + 1).copied().unwrap_or(b'?');
                    p.i += 2;
                    match e {
                        b'n' => s.push('\n'),
                        b't' => s.push('\t'),
                        b'r' => s.push('\r'),
                        b'b' => s.push('\u{8}'),
                        b'f' => s.push('\u{c}'),
                        b'/' => s.push('/'),
                        b'\\' => s.push('\\'),
                        b'"' => s.push('"'),
                        b'u' => {
                            let hex = std::str::from_utf8(&p.s[p.i..(p.i + 4).min(p.s.len())])
                                .unwrap_or("0");
                            let u = u16::from_str_radix(hex, 16).unwrap_or(0xfffd);
                            p.i += 4;
                            out.push(u);
                            if !(0xd800..0xdc00).contains(&u) {
                                s.push_str(&String::from_utf16_lossy(&out));
                                out.clear();
                            }
                        }
                        _ => return json_err(vm, "Invalid \\escape", p),
                    }
                    continue;
                }
                if !out.is_empty() {
                    s.push_str(&String::from_utf16_lossy(&out));
                    out.clear();
                }
                let rest = std::str::from_utf8(&p.s[p.i..]).unwrap_or("");
                let c = rest.chars().next().unwrap_or('?');
                s.push(c);
                p.i += c.len_utf8();
            }
            Ok(Value::str(&s))
        }
        b't' if p.s[p.i..].starts_with(b"true") => {
            p.i += 4;
            Ok(Value::Bool(true))
        }
        b'f' if p.s[p.i..].starts_with(b"false") => {
            p.i += 5;
            Ok(Value::Bool(false))
        }
        b'n' if p.s[p.i..].starts_with(b"null") => {
            p.i += 4;
            Ok(Value::None)
        }
        b'N' if p.s[p.i..].starts_with(b"NaN") => {
            p.i += 3;
            Ok(Value::Float(f64::NAN))
        }
        b'I' if p.s[p.i..].starts_with(b"Infinity") => {
            p.i += 8;
            Ok(Value::Float(f64::INFINITY))
        }
        b'-' | b'0'..=b'9' => {
            let st = p.i;
            if p.s[p.i] == b'-' {
                p.i += 1;
            }
            if p.s[p.i..].starts_with(b"Infinity") {
                p.i += 8;
                return Ok(Value::Float(f64::NEG_INFINITY));
            }
            let mut is_float = false;
            while p.i < p.s.len()
                && (p.s[p.i].is_ascii_digit()
                    || matches!(p.s[p.i], b'.' | b'e' | b'E' | b'+' | b'-'))
            {
                if matches!(p.s[p.i], b'.' | b'e' | b'E') {
                    is_float = true;
                }
                p.i += 1;
            }
            let t = std::str::from_utf8(&p.s[st..p.i]).unwrap_or("0");
            if is_float {
                Ok(Value::Float(t.parse().unwrap_or(0.0)))
            } else {
                builtins::parse_int_str(vm, t, 10)
            }
        }
        _ => json_err(vm, "Expecting value", p),
    }
}

pub fn json_loads(vm: &mut Vm, a: Args) -> R<Value> {
    let s = match a.a.first() {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            let t = vm.type_name(v);
            return vm.type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                t
            ));
        }
        None => return vm.type_error("loads() missing 1 required positional argument: 's'"),
    };
    let mut p = JsonParser {
        s: s.as_bytes(),
        i: 0,
    };
    let v = json_val(vm, &mut p)?;
    json_ws(&mut p);
    if p.i < p.s.len() {
        return json_err(vm, "Extra data", &p);
    }
    Ok(v)
}

pub fn json_load(vm: &mut Vm, a: Args) -> R<Value> {
    let f = a.a.first().cloned().unwrap_or(Value::None);
    let text = f_read(
        vm,
        Args {
            a: vec![f],
            kw: vec![],
        },
    )?;
    json_loads(
        vm,
        Args {
            a: vec![text],
            kw: vec![],
        },
    )
}

// ----- random -----

fn pyerr(vm: &mut Vm, e: crate::pyfmt::PyErrMsg) -> Flow {
    Flow::Exc(vm.new_exc(e.kind, &e.msg))
}

pub fn r_seed(vm: &mut Vm, a: Args) -> R<Value> {
    vm.rng = match a.a.first() {
        None | Some(Value::None) => Rng::seed_from_u64(vm.icount ^ 0x9e37_79b9),
        Some(Value::Str(s)) => Rng::seed_from_bytes(s.as_bytes()),
        Some(Value::Float(f)) => Rng::seed_from_u64(f.to_bits()),
        Some(v) => match num::big(v) {
            Some(b) => Rng::seed_from_int(&b),
            None => {
                let t = vm.type_name(v);
                return vm.type_error(format!("The only supported seed types are: None,\nint, float, str, bytes, and bytearray. Not {}", t));
            }
        },
    };
    Ok(Value::None)
}
pub fn r_random(vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::Float(vm.rng.random()))
}
pub fn r_randint(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() != 2 {
        return vm.type_error(format!(
            "Random.randint() missing {} required positional argument",
            2 - a.a.len().min(2)
        ));
    }
    let (Some(x), Some(y)) = (num::big(&a.a[0]), num::big(&a.a[1])) else {
        return vm.type_error("randint() arguments must be integers");
    };
    match vm.rng.randint(&x, &y) {
        Ok(v) => Ok(num::norm(v)),
        Err(e) => Err(pyerr(vm, e)),
    }
}
pub fn r_randrange(vm: &mut Vm, a: Args) -> R<Value> {
    let ints: Vec<num_bigint::BigInt> = a.a.iter().filter_map(num::big).collect();
    if ints.len() != a.a.len() || ints.is_empty() {
        return vm.type_error("randrange() arguments must be integers");
    }
    let r = match ints.len() {
        1 => vm.rng.randrange(&ints[0], None, None),
        2 => vm.rng.randrange(&ints[0], Some(&ints[1]), None),
        _ => vm.rng.randrange(&ints[0], Some(&ints[1]), Some(&ints[2])),
    };
    match r {
        Ok(v) => Ok(num::norm(v)),
        Err(e) => Err(pyerr(vm, e)),
    }
}
pub fn r_choice(vm: &mut Vm, a: Args) -> R<Value> {
    let seq = a.a.first().cloned().unwrap_or(Value::None);
    let items = vm.collect(&seq)?;
    match vm.rng.choice_index(items.len()) {
        Ok(i) => Ok(items[i].clone()),
        Err(e) => Err(pyerr(vm, e)),
    }
}
pub fn r_shuffle(vm: &mut Vm, a: Args) -> R<Value> {
    let Some(id) = a.a.first().and_then(|v| v.obj()) else {
        return vm.type_error("shuffle() argument must be a list");
    };
    let mut items = match vm.get(id) {
        Obj::List(l) => l.clone(),
        _ => return vm.type_error("shuffle() argument must be a list"),
    };
    vm.rng.shuffle(&mut items);
    if let Obj::List(l) = vm.get_mut(id) {
        *l = items;
    }
    Ok(Value::None)
}
pub fn r_uniform(vm: &mut Vm, a: Args) -> R<Value> {
    let x = fl(vm, &a, 0)?;
    let y = fl(vm, &a, 1)?;
    Ok(Value::Float(vm.rng.uniform(x, y)))
}
pub fn r_sample(vm: &mut Vm, mut a: Args) -> R<Value> {
    let k = match a.arg_k(vm, 1, "k") {
        Some(v) => int_of(vm, &v)?,
        None => return vm.type_error("sample() missing 1 required positional argument: 'k'"),
    };
    let pop = a.a.first().cloned().unwrap_or(Value::None);
    let items = vm.collect(&pop)?;
    match vm.rng.sample_indices(items.len(), k) {
        Ok(idx) => {
            let v = idx.into_iter().map(|i| items[i].clone()).collect();
            Ok(vm.new_list(v))
        }
        Err(e) => Err(pyerr(vm, e)),
    }
}
pub fn r_choices(vm: &mut Vm, mut a: Args) -> R<Value> {
    let pop = a.a.first().cloned().unwrap_or(Value::None);
    let items = vm.collect(&pop)?;
    let weights = a.arg_k(vm, 1, "weights").filter(|w| !w.is_none());
    let cum = kw_take(vm, &mut a, "cum_weights").filter(|w| !w.is_none());
    let k = match kw_take(vm, &mut a, "k") {
        Some(v) => int_of(vm, &v)?,
        None => 1,
    };
    let n = items.len();
    let cum: Option<Vec<f64>> = match (weights, cum) {
        (_, Some(c)) => Some(
            vm.collect(&c)?
                .iter()
                .map(|x| num::to_f64(x).unwrap_or(0.0))
                .collect(),
        ),
        (Some(w), None) => {
            let mut acc = 0.0;
            let mut out = vec![];
            for x in vm.collect(&w)? {
                acc += num::to_f64(&x).unwrap_or(0.0);
                out.push(acc);
            }
            Some(out)
        }
        _ => None,
    };
    let mut out = vec![];
    for _ in 0..k.max(0) {
        let r = vm.rng.random();
        let i = match &cum {
            None => (r * n as f64).floor() as usize,
            Some(c) => {
                if c.len() != n {
                    return vm.err(
                        "ValueError",
                        "The number of weights does not match the population",
                    );
                }
                let x = r * c[n - 1];
                c[..n - 1].partition_point(|&w| w <= x)
            }
        };
        match items.get(i) {
            Some(v) => out.push(v.clone()),
            None => return vm.err("IndexError", "list index out of range"),
        }
    }
    Ok(vm.new_list(out))
}
pub fn r_gauss(vm: &mut Vm, a: Args) -> R<Value> {
    let mu = a.a.first().and_then(|v| num::to_f64(v).ok()).unwrap_or(0.0);
    let sigma = a.a.get(1).and_then(|v| num::to_f64(v).ok()).unwrap_or(1.0);
    let x2pi = vm.rng.random() * std::f64::consts::TAU;
    let g2rad = (-2.0 * (1.0 - vm.rng.random()).ln()).sqrt();
    Ok(Value::Float(mu + x2pi.cos() * g2rad * sigma))
}
pub fn r_getrandbits(vm: &mut Vm, a: Args) -> R<Value> {
    let k = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))?;
    match vm.rng.getrandbits(k) {
        Ok(v) => Ok(num::norm(v)),
        Err(e) => Err(pyerr(vm, e)),
    }
}

impl Args {
    fn arg_k(&mut self, vm: &Vm, i: usize, name: &str) -> Option<Value> {
        match self.a.get(i) {
            Some(v) => Some(v.clone()),
            None => kw_take(vm, self, name),
        }
    }
}

// ----- _proclab: the hooks the Python prelude builds on -----

pub fn pl_fork(vm: &mut Vm, a: Args) -> R<Value> {
    let name = match a.a.first() {
        Some(Value::Str(s)) => s.to_string(),
        _ => String::new(),
    };
    let mut flag = |i: usize| a.a.get(i).map_or(Ok(false), |v| vm.truthy(v));
    let (daemon, top_only) = (flag(1)?, flag(2)?);
    vm.fork_top_only = top_only;
    sys(Syscall::Fork { name, daemon })
}
pub fn pl_join(vm: &mut Vm, a: Args) -> R<Value> {
    let pid = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))? as u32;
    let timeout = match a.a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(num::to_f64(v).unwrap_or(0.0).max(0.0)),
    };
    sys(Syscall::Join { pid, timeout })
}
pub fn pl_poll(vm: &mut Vm, a: Args) -> R<Value> {
    let pid = int_of(vm, a.a.first().unwrap_or(&Value::Int(0)))? as u32;
    sys(Syscall::Poll { pid })
}
pub fn pl_print_exc(vm: &mut Vm, a: Args) -> R<Value> {
    let e = a.a.first().cloned().unwrap_or(Value::None);
    let text = format_exc(vm, &e);
    vm.write(Stream::Stderr, &text);
    Ok(Value::None)
}
pub fn pl_format_exc(vm: &mut Vm, a: Args) -> R<Value> {
    let e = match a.a.first() {
        Some(e) if !e.is_none() => e.clone(),
        _ => match vm.threads[vm.cur].exc_stack.last() {
            Some(e) => e.clone(),
            None => return Ok(Value::str("NoneType: None\n")),
        },
    };
    let text = format_exc(vm, &e);
    Ok(Value::str(&text))
}
pub fn pl_strftime(vm: &mut Vm, a: Args) -> R<Value> {
    let f = str_arg(vm, &a, 0)?;
    let ts = a.a.get(1).and_then(|v| num::to_f64(v).ok()).unwrap_or(0.0);
    Ok(Value::str(&crate::timefmt::strftime(&f, ts, 0)))
}
pub fn pl_broken_down(vm: &mut Vm, a: Args) -> R<Value> {
    let secs = a.a.first().and_then(|v| num::to_f64(v).ok()).unwrap_or(0.0);
    let t = crate::timefmt::broken_down(secs, 0);
    let v = [
        t.year,
        t.month as i64,
        t.day as i64,
        t.hour as i64,
        t.minute as i64,
        t.second as i64,
        t.weekday as i64,
        t.yday as i64,
        0,
    ]
    .iter()
    .map(|&x| Value::Int(x))
    .collect();
    Ok(vm.new_tuple(v))
}
pub fn pl_ctime(_vm: &mut Vm, a: Args) -> R<Value> {
    let secs = a.a.first().and_then(|v| num::to_f64(v).ok()).unwrap_or(0.0);
    Ok(Value::str(&crate::timefmt::ctime(secs, 0)))
}
/// A new generator for a `random.Random` instance; returns its handle.
pub fn pl_rng_new(vm: &mut Vm, _a: Args) -> R<Value> {
    vm.rngs.push(Rng::seed_from_u64(0));
    Ok(Value::Int(vm.rngs.len() as i64 - 1))
}
pub fn pl_write_stderr(vm: &mut Vm, a: Args) -> R<Value> {
    let s = vm.to_str(a.a.first().unwrap_or(&Value::None))?;
    vm.write(Stream::Stderr, &s);
    Ok(Value::None)
}

// ----- files (a per-process virtual file system) -----

fn file_of(vm: &Vm, v: &Value) -> Option<(u32, FileObj)> {
    let id = v.obj()?;
    match vm.get(id) {
        Obj::File(f) => Some((id, (**f).clone())),
        _ => None,
    }
}

pub fn open_file(vm: &mut Vm, path: &str, mode: &str) -> R<Value> {
    let m = mode.replace(['t', 'b'], "");
    let (readable, writable) = match m.as_str() {
        "r" => (true, false),
        "w" | "a" | "x" => (false, true),
        "r+" | "w+" | "a+" => (true, true),
        _ => return vm.err("ValueError", format!("invalid mode: '{}'", mode)),
    };
    let exists = vm.vfs.contains_key(path);
    if m.starts_with('r') && !exists {
        return vm.err(
            "FileNotFoundError",
            format!(
                "[Errno 2] No such file or directory: {}",
                super::format::str_repr(path)
            ),
        );
    }
    if m.starts_with('x') && exists {
        return vm.err(
            "FileExistsError",
            format!("[Errno 17] File exists: {}", super::format::str_repr(path)),
        );
    }
    if m.starts_with('w') || m.starts_with('x') {
        vm.vfs.insert(path.to_string(), String::new());
    }
    if m.starts_with('a') && !exists {
        vm.vfs.insert(path.to_string(), String::new());
    }
    let pos = if m.starts_with('a') {
        vm.vfs[path].len()
    } else {
        0
    };
    Ok(vm.alloc(Obj::File(Box::new(FileObj {
        path: Rc::from(path),
        mode: Rc::from(mode),
        pos,
        closed: false,
        writable,
        readable,
    }))))
}

fn check_open(vm: &mut Vm, f: &FileObj, reading: bool) -> R<()> {
    if f.closed {
        return vm.err("ValueError", "I/O operation on closed file.");
    }
    if reading && !f.readable {
        return vm.err("io.UnsupportedOperation", "not readable");
    }
    if !reading && !f.writable {
        return vm.err("io.UnsupportedOperation", "not writable");
    }
    Ok(())
}

pub fn file_write(vm: &mut Vm, f: &Value, text: &str) -> R<usize> {
    if let Some(s) = builtins::stream_of(vm, f).filter(|_| {
        file_of(vm, f)
            .map(|x| x.1.path.starts_with('<'))
            .unwrap_or(false)
    }) {
        vm.write(s, text);
        return Ok(text.chars().count());
    }
    let Some((id, fo)) = file_of(vm, f) else {
        // Any object with a write method.
        let s = vm.intern("write");
        let m = vm.getattr(f, s)?;
        vm.call_sync(m, vec![Value::str(text)], vec![])?;
        return Ok(text.len());
    };
    check_open(vm, &fo, false)?;
    let data = vm.vfs.entry(fo.path.to_string()).or_default();
    let mut pos = fo.pos.min(data.len());
    if fo.mode.starts_with('a') {
        pos = data.len();
    }
    while !data.is_char_boundary(pos) {
        pos -= 1;
    }
    let mut end = (pos + text.len()).min(data.len());
    while !data.is_char_boundary(end) {
        end += 1;
    }
    data.replace_range(pos..end, text);
    if let Obj::File(f) = vm.get_mut(id) {
        f.pos = pos + text.len();
    }
    Ok(text.chars().count())
}

pub fn f_write(vm: &mut Vm, a: Args) -> R<Value> {
    let f = a.a[0].clone();
    if let Some((_, fo)) = file_of(vm, &f).filter(|(_, fo)| is_binary(fo)) {
        let data = match a.a.get(1).map(|v| (v, vm.get_opt(v))) {
            Some((_, Some(Obj::Bytes(b)))) => b.clone(),
            Some((v, _)) => {
                let t = vm.type_name(v);
                return vm.type_error(format!("a bytes-like object is required, not '{t}'"));
            }
            None => return vm.type_error("write() takes exactly one argument (0 given)"),
        };
        let _ = fo;
        let n = data.len();
        file_write(vm, &f, &bytes_to_file_text(&data))?;
        return Ok(Value::Int(n as i64));
    }
    let text = match a.a.get(1) {
        Some(Value::Str(s)) => s.clone(),
        Some(v) => {
            let t = vm.type_name(v);
            return vm.type_error(format!("write() argument must be str, not {}", t));
        }
        None => return vm.type_error("write() takes exactly one argument (0 given)"),
    };
    file_write(vm, &f, &text).map(|n| Value::Int(n as i64))
}

pub fn f_writelines(vm: &mut Vm, a: Args) -> R<Value> {
    let f = a.a[0].clone();
    let items = vm.collect(a.a.get(1).unwrap_or(&Value::None))?;
    for it in items {
        let s = vm.to_str(&it)?;
        file_write(vm, &f, &s)?;
    }
    Ok(Value::None)
}

/// Whether a file was opened in binary mode (`'rb'`, `'wb'`...): reads give bytes.
fn is_binary(f: &FileObj) -> bool {
    f.mode.contains('b')
}

/// Text for the shared file system (which stores strings) from bytes written in binary mode:
/// UTF-8 when they are, else one char per byte (Latin-1) so no byte is lost.
pub fn bytes_to_file_text(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b.iter().map(|&c| c as char).collect(),
    }
}

/// Reads from the file position: everything, or up to `limit` (chars in text mode, bytes in
/// binary mode), stopping after a newline when `line`. Positions are byte offsets into the
/// file's UTF-8 text, which is also what CPython's `tell()` reports for a UTF-8 text file.
fn read_raw(vm: &mut Vm, f: &Value, limit: Option<usize>, line: bool) -> R<(Vec<u8>, bool)> {
    let Some((id, fo)) = file_of(vm, f) else {
        return vm.type_error("not a file");
    };
    check_open(vm, &fo, true)?;
    let binary = is_binary(&fo);
    let data = vm.vfs.get(&*fo.path).cloned().unwrap_or_default();
    let bytes = data.as_bytes();
    let start = fo.pos.min(bytes.len());
    let rest = &bytes[start..];
    let mut end = match (line, rest.iter().position(|&c| c == b'\n')) {
        (true, Some(i)) => i + 1,
        _ => rest.len(),
    };
    if let Some(n) = limit {
        let cut = if binary {
            n.min(rest.len())
        } else {
            // The byte offset of the n-th char (continuation bytes are 0b10xxxxxx).
            rest.iter()
                .enumerate()
                .filter(|(_, &c)| c & 0xC0 != 0x80)
                .nth(n)
                .map(|(i, _)| i)
                .unwrap_or(rest.len())
        };
        end = end.min(cut);
    }
    let out = rest[..end].to_vec();
    if let Obj::File(f) = vm.get_mut(id) {
        f.pos = start + end;
    }
    Ok((out, binary))
}

/// A read's result as the file's mode wants it: bytes, or str.
fn read_value(vm: &mut Vm, (b, binary): (Vec<u8>, bool)) -> Value {
    if binary {
        vm.alloc(Obj::Bytes(b))
    } else {
        Value::str(&String::from_utf8_lossy(&b))
    }
}

/// A `size` argument: `None` or negative means no limit.
fn size_arg(v: Option<&Value>) -> Option<usize> {
    match v {
        Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
        _ => None,
    }
}

pub fn f_read(vm: &mut Vm, a: Args) -> R<Value> {
    let r = read_raw(vm, &a.a[0], size_arg(a.a.get(1)), false)?;
    Ok(read_value(vm, r))
}

pub fn f_readline(vm: &mut Vm, a: Args) -> R<Value> {
    let r = read_raw(vm, &a.a[0], size_arg(a.a.get(1)), true)?;
    Ok(read_value(vm, r))
}

/// All remaining lines; `hint` stops once that many chars/bytes have been read.
pub fn file_lines_hint(vm: &mut Vm, id: u32, hint: Option<usize>) -> R<Vec<Value>> {
    let f = Value::Obj(id);
    let mut out = vec![];
    let mut total = 0;
    loop {
        let r = read_raw(vm, &f, None, true)?;
        if r.0.is_empty() {
            return Ok(out);
        }
        total += r.0.len();
        out.push(read_value(vm, r));
        if hint.is_some_and(|h| h > 0 && total >= h) {
            return Ok(out);
        }
    }
}

pub fn file_lines(vm: &mut Vm, id: u32) -> R<Vec<Value>> {
    file_lines_hint(vm, id, None)
}

/// `f.seek(offset, whence=0)`: returns the new absolute position.
pub fn f_seek(vm: &mut Vm, a: Args) -> R<Value> {
    let Some((id, fo)) = file_of(vm, &a.a[0]) else {
        return vm.type_error("not a file");
    };
    if fo.closed {
        return vm.err("ValueError", "I/O operation on closed file.");
    }
    let offset = match a.a.get(1) {
        Some(Value::Int(n)) => *n,
        Some(v) => {
            let t = vm.type_name(v);
            return vm.type_error(format!("an integer is required (got type {t})"));
        }
        None => return vm.type_error("seek() takes at least 1 argument (0 given)"),
    };
    let whence = match a.a.get(2) {
        Some(Value::Int(n)) => *n,
        _ => 0,
    };
    let len = vm.vfs.get(&*fo.path).map_or(0, |d| d.len()) as i64;
    let binary = is_binary(&fo);
    let pos = match whence {
        0 if offset < 0 => {
            return vm.err("ValueError", format!("negative seek position {offset}"));
        }
        0 => offset,
        1 | 2 if !binary && offset != 0 => {
            return vm.err(
                "io.UnsupportedOperation",
                "can't do nonzero cur-relative seeks",
            );
        }
        1 => fo.pos as i64 + offset,
        2 => len + offset,
        _ => {
            return vm.err(
                "ValueError",
                format!("invalid whence ({whence}, should be 0, 1 or 2)"),
            )
        }
    }
    .max(0);
    if let Obj::File(f) = vm.get_mut(id) {
        f.pos = pos as usize;
    }
    Ok(Value::Int(pos))
}

pub fn f_tell(vm: &mut Vm, a: Args) -> R<Value> {
    let Some((_, fo)) = file_of(vm, &a.a[0]) else {
        return vm.type_error("not a file");
    };
    if fo.closed {
        return vm.err("ValueError", "I/O operation on closed file.");
    }
    Ok(Value::Int(fo.pos as i64))
}

/// `f.truncate(size=None)`: cuts the file at `size` (default: the position).
pub fn f_truncate(vm: &mut Vm, a: Args) -> R<Value> {
    let Some((_, fo)) = file_of(vm, &a.a[0]) else {
        return vm.type_error("not a file");
    };
    check_open(vm, &fo, false)?;
    let size = size_arg(a.a.get(1)).unwrap_or(fo.pos);
    if let Some(d) = vm.vfs.get_mut(&*fo.path) {
        let mut cut = size.min(d.len());
        while !d.is_char_boundary(cut) {
            cut -= 1;
        }
        d.truncate(cut);
    }
    Ok(Value::Int(size as i64))
}

pub fn f_readlines(vm: &mut Vm, a: Args) -> R<Value> {
    let id = a.a[0].obj().unwrap();
    let lines = file_lines_hint(vm, id, size_arg(a.a.get(1)))?;
    Ok(vm.new_list(lines))
}

pub fn f_close(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(id) = a.a[0].obj() {
        if let Obj::File(f) = vm.get_mut(id) {
            if !f.path.starts_with('<') && !f.closed {
                f.closed = true;
                let f = (**f).clone();
                // Shared files: the buffer goes to the kernel at close.
                if let Some(call) = super::ipc::flush_file(vm, &f) {
                    return super::ipc::sys_none(vm, call);
                }
            }
        }
    }
    Ok(Value::None)
}

pub fn f_fileno(_vm: &mut Vm, a: Args) -> R<Value> {
    let _ = a;
    Ok(Value::Int(3))
}

pub fn f_exit(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.get(1).is_some_and(|e| !e.is_none()) {
        // Called from an exception unwinding the with-block (not resumable): close now, send
        // the buffer at the next syscall point.
        return super::ipc::close_deferred(vm, &a.a[0]);
    }
    f_close(
        vm,
        Args {
            a: vec![a.a[0].clone()],
            kw: vec![],
        },
    )?;
    Ok(Value::Bool(false))
}

pub fn call_native(vm: &mut Vm, name: &str, args: Vec<Value>) -> R<Value> {
    call_builtin(vm, builtins::id_of(name), args, vec![])
}
