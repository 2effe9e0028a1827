//! Native functions: the builtins module, methods of built-in types, and module functions, all
//! in one table so that a function is a plain `Value::Builtin(index)` (serializable, no pointer).

use super::code::CmpK;
use super::num;
use super::ops::{compare, range_len};
use super::value::*;
use super::{modules, sym, Flow, Vm, R};
use num_bigint::BigInt;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::cmp::Ordering;
use std::rc::Rc;

pub struct Args {
    pub a: Vec<Value>,
    pub kw: Vec<(Sym, Value)>,
}

pub type BFn = fn(&mut Vm, Args) -> R<Value>;

/// `owner`: "" for builtins, a type name for its methods, "mod:<name>" for module functions.
pub struct Entry {
    pub owner: &'static str,
    pub name: &'static str,
    pub f: BFn,
}

macro_rules! e {
    ($o:expr, $n:expr, $f:expr) => {
        Entry {
            owner: $o,
            name: $n,
            f: $f,
        }
    };
}

/// `range` is first so that the `for i in range(..)` fast path can test for it cheaply.
pub const RANGE: u16 = 0;
pub const PRINT: u16 = 1;
pub const REPR: u16 = 3;

pub static TABLE: &[Entry] = &[
    e!("", "range", bi_range),
    e!("", "print", bi_print),
    e!("", "len", bi_len),
    e!("", "repr", bi_repr),
    e!("", "abs", bi_abs),
    e!("", "min", bi_min),
    e!("", "max", bi_max),
    e!("", "sum", bi_sum),
    e!("", "sorted", bi_sorted),
    e!("", "reversed", bi_reversed),
    e!("", "enumerate", bi_enumerate),
    e!("", "zip", bi_zip),
    e!("", "map", bi_map),
    e!("", "filter", bi_filter),
    e!("", "any", bi_any),
    e!("", "all", bi_all),
    e!("", "isinstance", bi_isinstance),
    e!("", "issubclass", bi_issubclass),
    e!("", "hasattr", bi_hasattr),
    e!("", "getattr", bi_getattr),
    e!("", "__import__", bi_import),
    e!("", "setattr", bi_setattr),
    e!("", "delattr", bi_delattr),
    e!("", "id", bi_id),
    e!("", "hash", bi_hash),
    e!("", "iter", bi_iter),
    e!("", "next", bi_next),
    e!("", "chr", bi_chr),
    e!("", "ord", bi_ord),
    e!("", "hex", bi_hex),
    e!("", "oct", bi_oct),
    e!("", "bin", bi_bin),
    e!("", "divmod", bi_divmod),
    e!("", "pow", bi_pow),
    e!("", "round", bi_round),
    e!("", "input", bi_input),
    e!("", "open", bi_open),
    e!("", "globals", bi_globals),
    e!("", "locals", bi_globals),
    e!("", "vars", bi_vars),
    e!("", "callable", bi_callable),
    e!("", "format", bi_format),
    e!("", "ascii", bi_ascii),
    e!("", "super", bi_super),
    e!("", "property", bi_property),
    e!("", "staticmethod", bi_staticmethod),
    e!("", "classmethod", bi_classmethod),
    e!("", "exit", bi_exit),
    e!("", "quit", bi_exit),
    e!("", "dir", bi_dir),
    e!("", "slice", bi_slice),
    e!("", "eval", bi_eval),
    e!("", "exec", bi_exec),
    e!("str", "istitle", s_istitle),
    e!("str", "isascii", s_isascii),
    e!("str", "isprintable", s_isprintable),
    e!("str", "removeprefix", s_removeprefix),
    e!("str", "removesuffix", s_removesuffix),
    e!("str", "format_map", s_format_map),
    e!("str", "maketrans", s_maketrans),
    e!("str", "translate", s_translate),
    e!("generator", "throw", g_throw),
    e!("mod:random", "choices", modules::r_choices),
    e!("mod:random", "gauss", modules::r_gauss),
    e!("", "__build_class__", bi_none),
    // object / exceptions
    e!("object", "__init__", bi_none),
    e!("objectm", "__setattr__", obj_setattr),
    // What `super().__getitem__` & co. reach in a built-in base (bound to the payload).
    e!("slot", "__getitem__", slot_getitem),
    e!("slot", "__setitem__", slot_setitem),
    e!("slot", "__delitem__", slot_delitem),
    e!("slot", "__len__", slot_len),
    e!("slot", "__contains__", slot_contains),
    e!("slot", "__iter__", slot_iter),
    e!("slot", "__repr__", slot_repr),
    e!("slot", "__str__", slot_str),
    e!("slot", "__eq__", slot_eq),
    e!("slot", "__objrepr__", slot_object_repr),
    e!("objectm", "__payload_init__", payload_init),
    e!("objectm", "__new__", obj_new),
    e!("exc", "__init__", exc_init),
    e!("exc", "__str__", exc_str),
    e!("exc", "__repr__", exc_repr),
    e!("exc", "with_traceback", exc_with_tb),
    e!("keyerror", "__str__", keyerror_str),
    // property
    e!("property", "setter", prop_setter),
    e!("property", "getter", prop_getter),
    e!("property", "deleter", prop_deleter),
    // str
    e!("str", "join", s_join),
    e!("str", "split", s_split),
    e!("str", "rsplit", s_rsplit),
    e!("str", "strip", s_strip),
    e!("str", "lstrip", s_lstrip),
    e!("str", "rstrip", s_rstrip),
    e!("str", "upper", s_upper),
    e!("str", "lower", s_lower),
    e!("str", "casefold", s_casefold),
    e!("str", "replace", s_replace),
    e!("str", "startswith", s_startswith),
    e!("str", "endswith", s_endswith),
    e!("str", "find", s_find),
    e!("str", "rfind", s_rfind),
    e!("str", "index", s_index),
    e!("str", "rindex", s_rindex),
    e!("str", "count", s_count),
    e!("str", "format", s_format),
    e!("str", "isdigit", s_isdigit),
    e!("str", "isdecimal", s_isdigit),
    e!("str", "isnumeric", s_isdigit),
    e!("str", "isalpha", s_isalpha),
    e!("str", "isalnum", s_isalnum),
    e!("str", "isspace", s_isspace),
    e!("str", "isupper", s_isupper),
    e!("str", "islower", s_islower),
    e!("str", "isidentifier", s_isidentifier),
    e!("str", "title", s_title),
    e!("str", "capitalize", s_capitalize),
    e!("str", "swapcase", s_swapcase),
    e!("str", "center", s_center),
    e!("str", "ljust", s_ljust),
    e!("str", "rjust", s_rjust),
    e!("str", "zfill", s_zfill),
    e!("str", "splitlines", s_splitlines),
    e!("str", "partition", s_partition),
    e!("str", "rpartition", s_rpartition),
    e!("str", "encode", s_encode),
    e!("bytes", "decode", b_decode),
    e!("complex", "conjugate", c_conjugate),
    e!("int", "from_bytes", i_from_bytes),
    e!("bytes", "fromhex", b_fromhex),
    e!("bytes", "upper", b_upper),
    e!("bytes", "lower", b_lower),
    e!("bytes", "split", b_split),
    e!("int", "to_bytes", i_to_bytes),
    e!("float", "as_integer_ratio", f_as_integer_ratio),
    e!("bytes", "hex", b_hex),
    e!("bytes", "strip", b_strip),
    e!("bytes", "lstrip", b_lstrip),
    e!("bytes", "rstrip", b_rstrip),
    e!("bytes", "join", b_join),
    e!("bytes", "startswith", b_startswith),
    e!("bytes", "endswith", b_endswith),
    e!("bytes", "find", b_find),
    e!("bytes", "count", b_count),
    e!("bytes", "index", b_index),
    e!("bytes", "replace", b_replace),
    e!("bytes", "isdigit", b_isdigit),
    e!("bytes", "isalpha", b_isalpha),
    e!("bytes", "isspace", b_isspace),
    e!("bytearray", "decode", b_decode),
    e!("bytearray", "upper", b_upper),
    e!("bytearray", "lower", b_lower),
    e!("bytearray", "split", b_split),
    e!("bytearray", "hex", b_hex),
    e!("bytearray", "strip", b_strip),
    e!("bytearray", "lstrip", b_lstrip),
    e!("bytearray", "rstrip", b_rstrip),
    e!("bytearray", "join", b_join),
    e!("bytearray", "startswith", b_startswith),
    e!("bytearray", "endswith", b_endswith),
    e!("bytearray", "find", b_find),
    e!("bytearray", "count", b_count),
    e!("bytearray", "index", b_index),
    e!("bytearray", "replace", b_replace),
    e!("bytearray", "isdigit", b_isdigit),
    e!("bytearray", "isalpha", b_isalpha),
    e!("bytearray", "isspace", b_isspace),
    e!("bytearray", "append", ba_append),
    e!("bytearray", "extend", ba_extend),
    e!("bytearray", "pop", ba_pop),
    e!("bytearray", "clear", ba_clear),
    e!("bytearray", "copy", ba_copy),
    e!("str", "expandtabs", s_expandtabs),
    // list
    e!("list", "append", l_append),
    e!("list", "extend", l_extend),
    e!("list", "pop", l_pop),
    e!("list", "insert", l_insert),
    e!("list", "remove", l_remove),
    e!("list", "index", l_index),
    e!("list", "count", l_count),
    e!("list", "sort", l_sort),
    e!("list", "reverse", l_reverse),
    e!("list", "copy", l_copy),
    e!("list", "clear", l_clear),
    e!("tuple", "index", l_index),
    e!("tuple", "count", l_count),
    // dict
    e!("dict", "get", d_get),
    e!("dict", "keys", d_keys),
    e!("dict", "values", d_values),
    e!("dict", "items", d_items),
    e!("dict", "pop", d_pop),
    e!("dict", "setdefault", d_setdefault),
    e!("dict", "update", d_update),
    e!("dict", "copy", d_copy),
    e!("dict", "clear", d_clear),
    e!("dict", "popitem", d_popitem),
    e!("dict", "fromkeys", d_fromkeys),
    // set
    e!("set", "add", set_add),
    e!("set", "remove", set_remove),
    e!("set", "discard", set_discard),
    e!("set", "pop", set_pop),
    e!("set", "clear", set_clear),
    e!("set", "copy", set_copy),
    e!("set", "update", set_update),
    e!("set", "union", set_union),
    e!("set", "intersection", set_intersection),
    e!("set", "difference", set_difference),
    e!("set", "symmetric_difference", set_symdiff),
    e!("set", "issubset", set_issubset),
    e!("set", "issuperset", set_issuperset),
    e!("set", "isdisjoint", set_isdisjoint),
    e!("set", "difference_update", set_difference_update),
    e!("set", "intersection_update", set_intersection_update),
    e!("set", "symmetric_difference_update", set_symdiff_update),
    e!("frozenset", "union", set_union),
    e!("frozenset", "intersection", set_intersection),
    e!("frozenset", "difference", set_difference),
    e!("frozenset", "issubset", set_issubset),
    e!("frozenset", "issuperset", set_issuperset),
    e!("frozenset", "copy", set_copy),
    // numbers
    e!("int", "bit_length", i_bit_length),
    e!("int", "bit_count", i_bit_count),
    e!("int", "conjugate", i_self),
    e!("float", "is_integer", f_is_integer),
    e!("float", "conjugate", i_self),
    // generators
    e!("generator", "send", g_send),
    e!("generator", "close", g_close),
    e!("generator", "__next__", g_next),
    e!("iterator", "__next__", g_next),
    // files
    e!("file", "read", modules::f_read),
    e!("file", "readline", modules::f_readline),
    e!("file", "readlines", modules::f_readlines),
    e!("file", "write", modules::f_write),
    e!("file", "writelines", modules::f_writelines),
    e!("file", "close", modules::f_close),
    e!("file", "flush", super::ipc::flush),
    e!("file", "fileno", modules::f_fileno),
    e!("file", "seek", modules::f_seek),
    e!("file", "tell", modules::f_tell),
    e!("file", "truncate", modules::f_truncate),
    e!("file", "__enter__", i_self),
    e!("file", "__exit__", modules::f_exit),
    // modules
    e!("mod:os", "getpid", modules::os_getpid),
    e!("mod:os", "getppid", modules::os_getppid),
    e!("mod:os", "fork", modules::os_fork),
    e!("mod:os", "_exit", modules::os_exit),
    e!("mod:os", "kill", modules::os_kill),
    e!("mod:os", "getcwd", modules::os_getcwd),
    e!("mod:os", "cpu_count", modules::os_cpu_count),
    e!("mod:os", "waitpid", modules::os_waitpid),
    e!("mod:os", "wait", modules::os_wait),
    e!("mod:os", "getenv", modules::os_getenv),
    e!("mod:os", "listdir", modules::os_listdir),
    e!("mod:os", "system", modules::os_system),
    e!("mod:os", "remove", modules::os_remove),
    e!("mod:os", "WEXITSTATUS", modules::os_wexitstatus),
    e!("mod:os", "WIFEXITED", modules::os_wifexited),
    e!("mod:os", "WIFSIGNALED", modules::os_wifsignaled),
    e!("mod:os", "WTERMSIG", modules::os_wtermsig),
    e!(
        "mod:os",
        "waitstatus_to_exitcode",
        modules::os_waitstatus_to_exitcode
    ),
    e!("mod:_proclab", "fork_children", modules::pl_fork_children),
    e!("mod:_proclab", "forget_child", modules::pl_forget_child),
    e!("mod:os.path", "exists", modules::path_exists),
    e!("mod:os.path", "isdir", modules::path_isdir),
    e!("mod:os.path", "isfile", modules::path_isfile),
    e!("mod:os.path", "getsize", modules::path_getsize),
    e!("mod:os.path", "splitext", modules::path_splitext),
    e!("mod:os.path", "split", modules::path_split),
    e!("mod:os.path", "isabs", modules::path_isabs),
    e!("mod:os.path", "abspath", modules::path_abspath),
    e!("mod:os", "mkdir", modules::os_mkdir),
    e!("mod:os", "makedirs", modules::os_makedirs),
    e!("mod:os", "rmdir", modules::os_rmdir),
    e!("mod:os.path", "join", modules::path_join),
    e!("mod:os.path", "basename", modules::path_basename),
    e!("mod:os.path", "dirname", modules::path_dirname),
    e!("mod:time", "sleep", modules::time_sleep),
    e!("mod:time", "time", modules::time_time),
    e!("mod:time", "perf_counter", modules::time_mono),
    e!("mod:time", "monotonic", modules::time_mono),
    e!("mod:time", "process_time", modules::time_mono),
    e!("mod:time", "time_ns", modules::time_ns),
    e!("mod:time", "perf_counter_ns", modules::time_mono_ns),
    e!("mod:time", "monotonic_ns", modules::time_mono_ns),
    e!("mod:time", "ctime", modules::time_ctime),
    e!("mod:time", "strftime", modules::time_strftime),
    e!("mod:time", "localtime", modules::time_time),
    e!("mod:sys", "exit", modules::sys_exit),
    e!(
        "mod:sys",
        "getrecursionlimit",
        modules::sys_getrecursionlimit
    ),
    e!(
        "mod:sys",
        "setrecursionlimit",
        modules::sys_setrecursionlimit
    ),
    e!(
        "mod:sys",
        "getswitchinterval",
        super::threads::sys_getswitchinterval
    ),
    e!(
        "mod:sys",
        "setswitchinterval",
        super::threads::sys_setswitchinterval
    ),
    e!("mod:sys", "getsizeof", modules::sys_getsizeof),
    e!("mod:math", "sqrt", modules::m_sqrt),
    e!("mod:math", "floor", modules::m_floor),
    e!("mod:math", "ceil", modules::m_ceil),
    e!("mod:math", "trunc", modules::m_trunc),
    e!("mod:math", "pow", modules::m_pow),
    e!("mod:math", "exp", modules::m_exp),
    e!("mod:math", "log", modules::m_log),
    e!("mod:math", "log2", modules::m_log2),
    e!("mod:math", "log10", modules::m_log10),
    e!("mod:math", "sin", modules::m_sin),
    e!("mod:math", "cos", modules::m_cos),
    e!("mod:math", "tan", modules::m_tan),
    e!("mod:math", "atan", modules::m_atan),
    e!("mod:math", "atan2", modules::m_atan2),
    e!("mod:math", "hypot", modules::m_hypot),
    e!("mod:math", "fabs", modules::m_fabs),
    e!("mod:math", "factorial", modules::m_factorial),
    e!("mod:math", "gcd", modules::m_gcd),
    e!("mod:math", "isqrt", modules::m_isqrt),
    e!("mod:math", "isclose", modules::m_isclose),
    e!("mod:math", "isnan", modules::m_isnan),
    e!("mod:math", "isinf", modules::m_isinf),
    e!("mod:math", "prod", modules::m_prod),
    e!("mod:math", "fsum", modules::m_fsum),
    e!("mod:math", "comb", modules::m_comb),
    e!("mod:math", "perm", modules::m_perm),
    e!("mod:math", "degrees", modules::m_degrees),
    e!("mod:math", "radians", modules::m_radians),
    e!("mod:json", "dumps", modules::json_dumps),
    e!("mod:json", "loads", modules::json_loads),
    e!("mod:json", "dump", modules::json_dump),
    e!("mod:json", "load", modules::json_load),
    e!("mod:random", "seed", modules::r_seed),
    e!("mod:random", "random", modules::r_random),
    e!("mod:random", "randint", modules::r_randint),
    e!("mod:random", "randrange", modules::r_randrange),
    e!("mod:random", "choice", modules::r_choice),
    e!("mod:random", "shuffle", modules::r_shuffle),
    e!("mod:random", "uniform", modules::r_uniform),
    e!("mod:random", "sample", modules::r_sample),
    e!("mod:random", "getrandbits", modules::r_getrandbits),
    e!("mod:_proclab", "fork", modules::pl_fork),
    e!("mod:_proclab", "exit", modules::os_exit),
    e!("mod:_proclab", "join", modules::pl_join),
    e!("mod:_proclab", "poll", modules::pl_poll),
    e!("mod:_proclab", "kill", modules::os_kill),
    e!("mod:_proclab", "print_exc", modules::pl_print_exc),
    e!("mod:_proclab", "write_stderr", modules::pl_write_stderr),
    e!("mod:_proclab", "format_exc", modules::pl_format_exc),
    e!("mod:_proclab", "strftime", modules::pl_strftime),
    e!("mod:_proclab", "broken_down", modules::pl_broken_down),
    e!("mod:_proclab", "ctime", modules::pl_ctime),
    e!("mod:_proclab", "rng_new", modules::pl_rng_new),
    // green threads (vm::threads)
    e!("mod:_proclab", "th_start", super::threads::thread_start),
    e!("mod:_proclab", "th_ident", super::threads::thread_ident),
    e!(
        "mod:_proclab",
        "th_set_name",
        super::threads::thread_set_name
    ),
    e!("mod:_proclab", "th_alive", super::threads::thread_alive),
    e!("mod:_proclab", "th_idents", super::threads::thread_idents),
    e!("mod:_proclab", "th_label", super::threads::thread_label),
    e!("mod:_proclab", "th_lock_new", super::threads::lock_new),
    e!(
        "mod:_proclab",
        "th_lock_acquire",
        super::threads::lock_acquire
    ),
    e!(
        "mod:_proclab",
        "th_lock_release",
        super::threads::lock_release
    ),
    e!(
        "mod:_proclab",
        "th_lock_locked",
        super::threads::lock_locked
    ),
    e!("mod:_proclab", "th_lock_owned", super::threads::lock_owned),
    e!("mod:_proclab", "th_cond_new", super::threads::cond_new),
    e!("mod:_proclab", "th_cond_wait", super::threads::cond_wait),
    e!(
        "mod:_proclab",
        "th_cond_notify",
        super::threads::cond_notify
    ),
    e!("mod:_proclab", "th_sem_new", super::threads::sem_new),
    e!(
        "mod:_proclab",
        "th_sem_acquire",
        super::threads::sem_acquire
    ),
    e!(
        "mod:_proclab",
        "th_sem_release",
        super::threads::sem_release
    ),
    e!("mod:_proclab", "th_sem_value", super::threads::sem_value),
    // Shared objects and files (vm::ipc).
    e!("mod:os", "nice", super::ipc::nice),
    e!("mod:_proclab", "create", super::ipc::create),
    e!("mod:_proclab", "put", super::ipc::put),
    e!("mod:_proclab", "put_async", super::ipc::put_async),
    e!("mod:_proclab", "get", super::ipc::get),
    e!("mod:_proclab", "get_many", super::ipc::get_many),
    e!("mod:_proclab", "query", super::ipc::query),
    e!("mod:_proclab", "task_done", super::ipc::task_done),
    e!("mod:_proclab", "queue_join", super::ipc::queue_join),
    e!("mod:_proclab", "close", super::ipc::close),
    e!("mod:_proclab", "acquire", super::ipc::acquire),
    e!("mod:_proclab", "release", super::ipc::release),
    e!("mod:_proclab", "event_set", super::ipc::event_set),
    e!("mod:_proclab", "event_clear", super::ipc::event_clear),
    e!("mod:_proclab", "event_is_set", super::ipc::event_is_set),
    e!("mod:_proclab", "event_wait", super::ipc::event_wait),
    e!("mod:_proclab", "cond_wait", super::ipc::cond_wait),
    e!("mod:_proclab", "cond_notify", super::ipc::cond_notify),
    e!("mod:_proclab", "barrier_wait", super::ipc::barrier_wait),
    e!("mod:_proclab", "load", super::ipc::load),
    e!("mod:_proclab", "store", super::ipc::store),
    e!("mod:_proclab", "cell_get", super::ipc::cell_get),
    e!("mod:_proclab", "cell_set", super::ipc::cell_set),
    e!("mod:_proclab", "array_getitem", super::ipc::array_getitem),
    e!("mod:_proclab", "array_setitem", super::ipc::array_setitem),
    e!("mod:_proclab", "mgr_call", super::ipc::mgr_call),
    e!("mod:_proclab", "mgr_getitem", super::ipc::mgr_getitem),
    e!("mod:_proclab", "mgr_setitem", super::ipc::mgr_setitem),
    e!("mod:_proclab", "mgr_delitem", super::ipc::mgr_delitem),
    e!("mod:_proclab", "mgr_len", super::ipc::mgr_len),
    e!("mod:_proclab", "mgr_iadd", super::ipc::mgr_iadd),
    e!("mod:_proclab", "mgr_value_get", super::ipc::mgr_value_get),
    e!("mod:_proclab", "mgr_value_set", super::ipc::mgr_value_set),
    e!("mod:_proclab", "mgr_getattr", super::ipc::mgr_getattr),
    e!("mod:_proclab", "mgr_setattr", super::ipc::mgr_setattr),
    // hidden helpers of `match` statements (see crate::patterns)
    e!("", "$match_seq", match_seq),
    e!("", "$match_map", match_map),
    e!("", "$match_rest", match_rest),
    e!("", "$match_class", match_class),
];

pub fn builtin_name(id: u16) -> &'static str {
    TABLE.get(id as usize).map(|e| e.name).unwrap_or("?")
}

/// Index of a table entry by "owner.name" (or plain name for builtins). Init-time only.
/// The index of builtin `owner.name`, if there is one.
pub fn try_id_of(full: &str) -> Option<u16> {
    let (owner, name) = full.rsplit_once('.').unwrap_or(("", full));
    TABLE
        .iter()
        .position(|e| e.owner == owner && e.name == name)
        .map(|i| i as u16)
}

pub fn id_of(full: &str) -> u16 {
    if full == "range" {
        return RANGE;
    }
    let (owner, name) = full.rsplit_once('.').unwrap_or(("", full));
    TABLE
        .iter()
        .position(|e| e.owner == owner && e.name == name)
        .expect("builtin exists") as u16
}

pub fn call_builtin(vm: &mut Vm, id: u16, a: Vec<Value>, kw: Vec<(Sym, Value)>) -> R<Value> {
    let e = &TABLE[id as usize];
    // A method of a built-in type called unbound (`str.upper(5)`) must get the right `self`:
    // the native code relies on it.
    let class_method = matches!(e.name, "fromkeys" | "from_bytes" | "fromhex" | "maketrans");
    if let Some(tag) = modules::owner_tag(e.owner).filter(|t| *t != Tag::Object && !class_method) {
        let ok = match a.first() {
            None => false,
            Some(v) => match vm.class_id_of(v).map(|c| vm.get(c)) {
                Some(Obj::Class(c)) => {
                    c.tag == Some(tag)
                        || (tag == Tag::Int && c.tag == Some(Tag::Bool))
                        || (tag == Tag::Iterator
                            && matches!(
                                c.tag,
                                Some(Tag::Map | Tag::Filter | Tag::Zip | Tag::Enumerate)
                            ))
                }
                _ => false,
            },
        };
        if !ok {
            let tname = modules::tag_name(tag);
            return match a.first() {
                None => vm.type_error(format!(
                    "unbound method {}.{}() needs an argument",
                    tname, e.name
                )),
                Some(v) => {
                    let t = vm.type_name(v);
                    vm.type_error(format!(
                        "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
                        e.name, tname, t
                    ))
                }
            };
        }
    }
    if e.owner == "mod:random" {
        // `_h=` selects a `random.Random` instance's generator for this call.
        if let Some(i) = kw.iter().position(|(s, _)| vm.syms.name(*s) == "_h") {
            let mut kw = kw;
            let h = int_of(vm, &kw.remove(i).1)? as usize;
            if h >= vm.rngs.len() {
                return vm.err("ValueError", "bad generator handle");
            }
            std::mem::swap(&mut vm.rng, &mut vm.rngs[h]);
            let r = (e.f)(vm, Args { a, kw });
            std::mem::swap(&mut vm.rng, &mut vm.rngs[h]);
            return r;
        }
    }
    (e.f)(vm, Args { a, kw })
}

impl Args {
    fn kw(&mut self, vm: &Vm, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(s, _)| vm.syms.name(*s) == name)?;
        Some(self.kw.remove(i).1)
    }
    fn get(&self, i: usize) -> Option<&Value> {
        self.a.get(i)
    }
    pub fn arg_or_kw(&mut self, vm: &Vm, i: usize, name: &str) -> Option<Value> {
        match self.a.get(i) {
            Some(v) => Some(v.clone()),
            None => self.kw(vm, name),
        }
    }
}

fn need(vm: &mut Vm, a: &Args, n: usize, name: &str) -> R<()> {
    if a.a.len() < n {
        let count = if n == 1 {
            "one argument".to_string()
        } else {
            format!("{} arguments", n)
        };
        return vm.type_error(format!(
            "{}() takes exactly {} ({} given)",
            name,
            count,
            a.a.len()
        ));
    }
    Ok(())
}

fn s_of(v: &Value) -> Rc<str> {
    match v {
        Value::Str(s) => s.clone(),
        _ => Rc::from(""),
    }
}

pub fn int_of(vm: &mut Vm, v: &Value) -> R<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::Big(_) => vm.err(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        ),
        _ => {
            let t = vm.type_name(v);
            vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                t
            ))
        }
    }
}

fn bi_none(_vm: &mut Vm, _a: Args) -> R<Value> {
    Ok(Value::None)
}

fn i_self(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(a.a.into_iter().next().unwrap_or(Value::None))
}

fn bi_range(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.is_empty() {
        return vm.type_error("range expected at least 1 argument, got 0");
    }
    let mut ints = vec![];
    for v in &a.a {
        match v {
            Value::Int(_) | Value::Bool(_) => ints.push(int_of(vm, v)?),
            _ => {
                let t = vm.type_name(v);
                return vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    t
                ));
            }
        }
    }
    let (start, stop, step) = match ints.len() {
        1 => (0, ints[0], 1),
        2 => (ints[0], ints[1], 1),
        3 => (ints[0], ints[1], ints[2]),
        n => return vm.type_error(format!("range expected at most 3 arguments, got {}", n)),
    };
    if step == 0 {
        return vm.err("ValueError", "range() arg 3 must not be zero");
    }
    Ok(vm.alloc(Obj::Range { start, stop, step }))
}

/// Where `print(file=...)`/`f.write` text goes: stdout, stderr, or a VFS file.
pub fn stream_of(vm: &Vm, f: &Value) -> Option<proclab_abi::Stream> {
    match vm.get_opt(f) {
        Some(Obj::File(fo)) => match &*fo.path {
            "<stdout>" => Some(proclab_abi::Stream::Stdout),
            "<stderr>" => Some(proclab_abi::Stream::Stderr),
            _ => None,
        },
        _ => Some(proclab_abi::Stream::Stdout),
    }
}

fn bi_print(vm: &mut Vm, mut a: Args) -> R<Value> {
    let sep = a
        .kw(vm, "sep")
        .filter(|v| !v.is_none())
        .map(|v| s_of(&v))
        .unwrap_or(Rc::from(" "));
    let end = a
        .kw(vm, "end")
        .filter(|v| !v.is_none())
        .map(|v| s_of(&v))
        .unwrap_or(Rc::from("\n"));
    let file = a.kw(vm, "file").unwrap_or(Value::None);
    let _ = a.kw(vm, "flush");
    let mut out = String::new();
    for (i, v) in a.a.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match v {
            Value::Str(s) => out.push_str(s),
            _ => out.push_str(&vm.to_str(v)?),
        }
    }
    out.push_str(&end);
    if file.is_none() {
        vm.write(proclab_abi::Stream::Stdout, &out);
        return Ok(Value::None);
    }
    match stream_of(vm, &file) {
        Some(s) => vm.write(s, &out),
        None => {
            modules::file_write(vm, &file, &out)?;
        }
    }
    Ok(Value::None)
}

fn bi_len(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() != 1 {
        return vm.type_error(format!(
            "len() takes exactly one argument ({} given)",
            a.a.len()
        ));
    }
    vm.len(&a.a[0]).map(|n| Value::Int(n as i64))
}

fn bi_repr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "repr")?;
    vm.repr(&a.a[0]).map(|s| Value::Str(Rc::from(s)))
}

fn bi_ascii(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "ascii")?;
    let r = vm.repr(&a.a[0])?;
    Ok(Value::str(&ascii_of(&r)))
}

pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c)
        } else if n < 256 {
            out.push_str(&format!("\\x{:02x}", n))
        } else if n < 65536 {
            out.push_str(&format!("\\u{:04x}", n))
        } else {
            out.push_str(&format!("\\U{:08x}", n))
        }
    }
    out
}

fn bi_abs(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "abs")?;
    let v = &a.a[0];
    if let Some(Obj::Complex(re, im)) = vm.get_opt(v) {
        return Ok(Value::Float(re.hypot(*im)));
    }
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(x) => Value::Int(x),
            None => num::norm(num::big(v).unwrap().abs()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::Big(b) => num::norm(b.abs()),
        Value::Float(f) => Value::Float(f.abs()),
        _ => {
            let s = vm.intern("__abs__");
            if let Some(m) = vm.lookup_class_attr(v, s) {
                return vm.call_sync(m, vec![v.clone()], vec![]);
            }
            let t = vm.type_name(v);
            return vm.type_error(format!("bad operand type for abs(): '{}'", t));
        }
    })
}

/// `a < b` with Python's rules (used by sorting, min, max).
pub fn less(vm: &mut Vm, a: &Value, b: &Value) -> R<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Ok(x < y),
        (Value::Str(x), Value::Str(y)) => Ok(x < y),
        _ => compare(vm, CmpK::Lt, a, b),
    }
}

fn minmax(vm: &mut Vm, mut a: Args, is_max: bool) -> R<Value> {
    let name = if is_max { "max" } else { "min" };
    let key = a.kw(vm, "key").filter(|k| !k.is_none());
    let default = a.kw(vm, "default");
    let items = if a.a.len() == 1 {
        vm.collect(&a.a[0])?
    } else if a.a.is_empty() {
        return vm.type_error(format!("{} expected at least 1 argument, got 0", name));
    } else {
        a.a.clone()
    };
    if items.is_empty() {
        return match default {
            Some(d) => Ok(d),
            None => vm.err("ValueError", format!("{}() arg is an empty sequence", name)),
        };
    }
    let mut best = items[0].clone();
    let mut best_k = match &key {
        Some(k) => vm.call_sync(k.clone(), vec![best.clone()], vec![])?,
        None => best.clone(),
    };
    for x in items.into_iter().skip(1) {
        let kx = match &key {
            Some(k) => vm.call_sync(k.clone(), vec![x.clone()], vec![])?,
            None => x.clone(),
        };
        let better = if is_max {
            less(vm, &best_k, &kx)?
        } else {
            less(vm, &kx, &best_k)?
        };
        if better {
            best = x;
            best_k = kx;
        }
    }
    Ok(best)
}

fn bi_min(vm: &mut Vm, a: Args) -> R<Value> {
    minmax(vm, a, false)
}
fn bi_max(vm: &mut Vm, a: Args) -> R<Value> {
    minmax(vm, a, true)
}

fn bi_sum(vm: &mut Vm, mut a: Args) -> R<Value> {
    need(vm, &a, 1, "sum")?;
    let start = a.arg_or_kw(vm, 1, "start").unwrap_or(Value::Int(0));
    if let Value::Str(_) = start {
        return vm.type_error("sum() can't sum strings [use ''.join(seq) instead]");
    }
    let items = vm.collect(&a.a[0])?;
    let mut acc = start;
    for x in items {
        acc = match (&acc, &x) {
            (Value::Int(p), Value::Int(q)) if p.checked_add(*q).is_some() => Value::Int(p + q),
            _ => super::ops::binary(vm, super::code::BinOpK::Add, acc, x, false)?,
        };
    }
    Ok(acc)
}

pub fn sort_values(
    vm: &mut Vm,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> R<()> {
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for x in items.drain(..) {
        let k = match &key {
            Some(f) => vm.call_sync(f.clone(), vec![x.clone()], vec![])?,
            None => x.clone(),
        };
        keyed.push((k, x));
    }
    if reverse {
        keyed.reverse();
    }
    let mut err = None;
    keyed.sort_by(|p, q| {
        if err.is_some() {
            return Ordering::Equal;
        }
        match less(vm, &q.0, &p.0) {
            Ok(true) => Ordering::Greater,
            Ok(false) => match less(vm, &p.0, &q.0) {
                Ok(true) => Ordering::Less,
                Ok(false) => Ordering::Equal,
                Err(e) => {
                    err = Some(e);
                    Ordering::Equal
                }
            },
            Err(e) => {
                err = Some(e);
                Ordering::Equal
            }
        }
    });
    if let Some(e) = err {
        return Err(e);
    }
    if reverse {
        keyed.reverse();
    }
    items.extend(keyed.into_iter().map(|e| e.1));
    Ok(())
}

fn bi_sorted(vm: &mut Vm, mut a: Args) -> R<Value> {
    need(vm, &a, 1, "sorted")?;
    let key = a.kw(vm, "key").filter(|k| !k.is_none());
    let rev = match a.kw(vm, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let mut items = vm.collect(&a.a[0])?;
    sort_values(vm, &mut items, key, rev)?;
    Ok(vm.new_list(items))
}

fn bi_reversed(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "reversed")?;
    let v = &a.a[0];
    let s = vm.intern("__reversed__");
    if vm.lookup_class_attr(v, s).is_none() {
        if let Some(p) = vm.payload(v) {
            return bi_reversed(
                vm,
                Args {
                    a: vec![p],
                    kw: vec![],
                },
            );
        }
    }
    if let Some(m) = vm.lookup_class_attr(v, s) {
        return vm.call_sync(m, vec![v.clone()], vec![]);
    }
    let ok = matches!(v, Value::Str(_))
        || matches!(
            vm.get_opt(v),
            Some(
                Obj::List(_) | Obj::Tuple(_) | Obj::Range { .. } | Obj::Dict(_) | Obj::View { .. }
            )
        )
        || vm.lookup_class_attr(v, sym::GETITEM).is_some();
    if !ok {
        let t = vm.type_name(v);
        return vm.type_error(format!("'{}' object is not reversible", t));
    }
    let mut items = vm.collect(v)?;
    items.reverse();
    Ok(vm.alloc(Obj::Iter(Box::new(IterState::Values { items, idx: 0 }))))
}

fn bi_enumerate(vm: &mut Vm, mut a: Args) -> R<Value> {
    need(vm, &a, 1, "enumerate")?;
    let start = match a.arg_or_kw(vm, 1, "start") {
        Some(v) => int_of(vm, &v)?,
        None => 0,
    };
    let it = vm.get_iter(&a.a[0])?;
    if vm.steps_as_frames(&it) {
        // A generator, or an iterator with a Python `__next__`: stepped by a generator of the
        // prelude, as frames, so that it may block (`enumerate(pool.imap(...))`).
        let helper = vm.py_helper("_enumerate")?;
        return vm.call_sync(helper, vec![it, Value::Int(start)], vec![]);
    }
    Ok(vm.alloc(Obj::Iter(Box::new(IterState::Enumerate { it, n: start }))))
}

fn bi_zip(vm: &mut Vm, a: Args) -> R<Value> {
    let mut its = vec![];
    for x in &a.a {
        its.push(vm.get_iter(x)?);
    }
    if its.iter().any(|it| vm.steps_as_frames(it)) {
        let helper = vm.py_helper("_zip")?;
        return vm.call_sync(helper, its, vec![]);
    }
    Ok(vm.alloc(Obj::Iter(Box::new(IterState::Zip { its }))))
}

fn bi_map(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() < 2 {
        return vm.type_error("map() must have at least two arguments.");
    }
    let mut its = vec![];
    for x in &a.a[1..] {
        its.push(vm.get_iter(x)?);
    }
    Ok(vm.alloc(Obj::Iter(Box::new(IterState::Map {
        f: a.a[0].clone(),
        its,
    }))))
}

fn bi_filter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "filter")?;
    let it = vm.get_iter(&a.a[1])?;
    Ok(vm.alloc(Obj::Iter(Box::new(IterState::Filter {
        f: a.a[0].clone(),
        it,
    }))))
}

fn bi_any(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "any")?;
    let it = vm.get_iter(&a.a[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn bi_all(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "all")?;
    let it = vm.get_iter(&a.a[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn class_list(vm: &mut Vm, t: &Value, fname: &str) -> R<Vec<u32>> {
    match as_type(vm, t) {
        Value::Obj(id) => match vm.get(id) {
            Obj::Class(_) => Ok(vec![id]),
            Obj::Tuple(items) => {
                let items = items.clone();
                let mut out = vec![];
                for x in &items {
                    out.extend(class_list(vm, x, fname)?);
                }
                Ok(out)
            }
            _ => vm.type_error(format!(
                "{}() arg 2 must be a type, a tuple of types, or a union",
                fname
            )),
        },
        _ => vm.type_error(format!(
            "{}() arg 2 must be a type, a tuple of types, or a union",
            fname
        )),
    }
}

/// The class a builtin function stands for (`range`, `slice`), else `v` itself.
pub fn as_type(vm: &Vm, v: &Value) -> Value {
    match v {
        Value::Builtin(RANGE) => Value::Obj(vm.types[&Tag::Range]),
        Value::Builtin(b) if builtin_name(*b) == "slice" => Value::Obj(vm.types[&Tag::Slice]),
        _ => v.clone(),
    }
}

fn bi_isinstance(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "isinstance")?;
    let cls = class_list(vm, &a.a[1], "isinstance")?;
    Ok(Value::Bool(cls.iter().any(|&c| vm.isinstance(&a.a[0], c))))
}

fn bi_issubclass(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "issubclass")?;
    let cls = class_list(vm, &a.a[1], "issubclass")?;
    let Some(c) = a.a[0].obj().filter(|&c| matches!(vm.get(c), Obj::Class(_))) else {
        return vm.type_error("issubclass() arg 1 must be a class");
    };
    Ok(Value::Bool(cls.iter().any(|&k| vm.is_subclass(c, k))))
}

fn name_arg(vm: &mut Vm, v: &Value) -> R<Sym> {
    match v {
        Value::Str(s) => Ok(vm.intern(s)),
        _ => {
            let t = vm.type_name(v);
            vm.type_error(format!("attribute name must be string, not '{}'", t))
        }
    }
}

fn bi_hasattr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "hasattr")?;
    let s = name_arg(vm, &a.a[1])?;
    match vm.getattr_opt(&a.a[0], s) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(Flow::Exc(e)) if vm.exc_is(&e, "AttributeError") => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn bi_getattr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "getattr")?;
    let s = name_arg(vm, &a.a[1])?;
    match vm.getattr(&a.a[0], s) {
        Err(Flow::Exc(e)) if a.a.len() > 2 && vm.exc_is(&e, "AttributeError") => Ok(a.a[2].clone()),
        r => r,
    }
}

/// `__import__(name, globals, locals, fromlist, level)`: the module, or for a dotted name and an
/// empty `fromlist` its top-level package (what `import a.b` binds).
fn bi_import(vm: &mut Vm, mut a: Args) -> R<Value> {
    let name = match a.arg_or_kw(vm, 0, "name") {
        Some(Value::Str(s)) => s,
        Some(v) => {
            let t = vm.type_name(&v);
            return vm.type_error(format!("__import__() argument 1 must be str, not {}", t));
        }
        None => return vm.type_error("__import__() missing required argument 'name' (pos 1)"),
    };
    let module = super::modules::import(vm, &name)?;
    let from = match a.arg_or_kw(vm, 3, "fromlist") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    match name.split_once('.') {
        Some((top, _)) if !from => super::modules::import(vm, top),
        _ => Ok(module),
    }
}

fn bi_setattr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 3, "setattr")?;
    let s = name_arg(vm, &a.a[1])?;
    vm.setattr(&a.a[0], s, a.a[2].clone())?;
    Ok(Value::None)
}

fn bi_delattr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "delattr")?;
    let s = name_arg(vm, &a.a[1])?;
    vm.delattr(&a.a[0], s)?;
    Ok(Value::None)
}

fn bi_id(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "id")?;
    Ok(Value::Int(match &a.a[0] {
        Value::Obj(id) => 139_870_000_000_000 + *id as i64 * 48,
        Value::None => 9_484_992,
        Value::Int(i) => 9_500_000 + i.wrapping_mul(32),
        Value::Bool(b) => 9_480_000 + *b as i64 * 32,
        _ => 139_000_000_000_000,
    }))
}

pub fn hash_of(vm: &mut Vm, v: &Value) -> R<i64> {
    let k = vm.hkey(v)?;
    Ok(hkey_hash(&k))
}

fn bi_hash(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "hash")?;
    hash_of(vm, &a.a[0]).map(Value::Int)
}

fn bi_iter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "iter")?;
    if let [f, sentinel] = &a.a[..] {
        // iter(callable, sentinel): a generator of the prelude, so that a callable that
        // blocks (`iter(q.get, None)`) runs as frames.
        let args = Args {
            a: vec![f.clone()],
            kw: vec![],
        };
        if !matches!(bi_callable(vm, args)?, Value::Bool(true)) {
            return vm.type_error("iter(v, w): v must be callable");
        }
        let helper = vm.py_helper("_iter_until")?;
        return vm.call_sync(helper, vec![f.clone(), sentinel.clone()], vec![]);
    }
    vm.get_iter(&a.a[0])
}

fn bi_next(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "next")?;
    match vm.get_opt(&a.a[0]) {
        Some(Obj::Iter(_) | Obj::Gen(_) | Obj::Inst(_)) => {}
        _ => {
            let t = vm.type_name(&a.a[0]);
            return vm.type_error(format!("'{}' object is not an iterator", t));
        }
    }
    match vm.next(&a.a[0])? {
        Some(v) => Ok(v),
        None => match a.a.get(1) {
            Some(d) => Ok(d.clone()),
            None => vm.err("StopIteration", ""),
        },
    }
}

fn bi_chr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "chr")?;
    let i = int_of(vm, &a.a[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(Value::str(&c.to_string())),
        None => vm.err("ValueError", "chr() arg not in range(0x110000)"),
    }
}

fn bi_ord(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "ord")?;
    match &a.a[0] {
        Value::Str(s) if s.chars().count() == 1 => Ok(Value::Int(s.chars().next().unwrap() as i64)),
        Value::Str(s) => {
            let n = s.chars().count();
            vm.type_error(format!(
                "ord() expected a character, but string of length {} found",
                n
            ))
        }
        v => {
            let t = vm.type_name(v);
            vm.type_error(format!(
                "ord() expected string of length 1, but {} found",
                t
            ))
        }
    }
}

fn radix(vm: &mut Vm, a: &Args, base: u32, prefix: &str) -> R<Value> {
    let Some(b) = a.get(0).and_then(num::big) else {
        let t = a.get(0).map(|v| vm.type_name(v)).unwrap_or_default();
        return vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            t
        ));
    };
    let neg = b.is_negative();
    let s = b.abs().to_str_radix(base);
    Ok(Value::str(&format!(
        "{}{}{}",
        if neg { "-" } else { "" },
        prefix,
        s
    )))
}

fn bi_hex(vm: &mut Vm, a: Args) -> R<Value> {
    radix(vm, &a, 16, "0x")
}
fn bi_oct(vm: &mut Vm, a: Args) -> R<Value> {
    radix(vm, &a, 8, "0o")
}
fn bi_bin(vm: &mut Vm, a: Args) -> R<Value> {
    radix(vm, &a, 2, "0b")
}

fn bi_divmod(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "divmod")?;
    let q = super::ops::binary(
        vm,
        super::code::BinOpK::FloorDiv,
        a.a[0].clone(),
        a.a[1].clone(),
        false,
    )?;
    let r = super::ops::binary(
        vm,
        super::code::BinOpK::Mod,
        a.a[0].clone(),
        a.a[1].clone(),
        false,
    )?;
    Ok(vm.new_tuple(vec![q, r]))
}

fn bi_pow(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "pow")?;
    if let Some(m) = a.a.get(2).filter(|m| !m.is_none()) {
        let (Some(b), Some(e), Some(m)) = (num::big(&a.a[0]), num::big(&a.a[1]), num::big(m))
        else {
            return vm
                .type_error("pow() 3rd argument not allowed unless all arguments are integers");
        };
        if m.is_zero() {
            return vm.err("ValueError", "pow() 3rd argument cannot be 0");
        }
        let (b, e) = if e.is_negative() {
            // A negative exponent means the modular inverse (Python 3.8+).
            let ext =
                num_integer::Integer::extended_gcd(&num_integer::Integer::mod_floor(&b, &m), &m);
            if !ext.gcd.abs().is_one() {
                return vm.err("ValueError", "base is not invertible for the given modulus");
            }
            (ext.x, -e)
        } else {
            (b, e)
        };
        let b = num_integer::Integer::mod_floor(&b, &m);
        let r = b.modpow(&e, &m);
        let r = if r.is_negative() != m.is_negative() && !r.is_zero() {
            r + &m
        } else {
            r
        };
        return Ok(num::norm(r));
    }
    super::ops::binary(
        vm,
        super::code::BinOpK::Pow,
        a.a[0].clone(),
        a.a[1].clone(),
        false,
    )
}

fn bi_round(vm: &mut Vm, mut a: Args) -> R<Value> {
    need(vm, &a, 1, "round")?;
    let nd = a.arg_or_kw(vm, 1, "ndigits").filter(|v| !v.is_none());
    match (&a.a[0], nd) {
        (Value::Float(f), None) => {
            let r = crate::pyfmt::round_float(*f, 0).unwrap_or(*f);
            num::float_to_int(r).map_err(|(k, m)| Flow::Exc(vm.new_exc(k, &m)))
        }
        (Value::Float(f), Some(n)) => {
            let n = int_of(vm, &n)?;
            crate::pyfmt::round_float(*f, n)
                .map(Value::Float)
                .map_err(|m| Flow::Exc(vm.new_exc("OverflowError", &m)))
        }
        (v @ (Value::Int(_) | Value::Big(_) | Value::Bool(_)), nd) => {
            let b = num::big(v).unwrap();
            match nd {
                Some(n) => {
                    let n = int_of(vm, &n)?;
                    if n >= 0 {
                        return Ok(num::norm(b));
                    }
                    let p = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u32);
                    let (q, r) = num_integer::Integer::div_mod_floor(&b, &p);
                    let twice: BigInt = &r * 2;
                    let q = match twice.cmp(&p) {
                        Ordering::Greater => q + 1,
                        Ordering::Equal if num_integer::Integer::is_odd(&q) => q + 1,
                        _ => q,
                    };
                    Ok(num::norm(q * p))
                }
                None => Ok(num::norm(b)),
            }
        }
        (v, _) => {
            let s = vm.intern("__round__");
            if let Some(m) = vm.lookup_class_attr(v, s) {
                return vm.call_sync(m, vec![v.clone()], vec![]);
            }
            let t = vm.type_name(v);
            vm.type_error(format!("type {} doesn't define __round__ method", t))
        }
    }
}

fn bi_input(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(p) = a.get(0) {
        let s = vm.to_str(p)?;
        vm.write(proclab_abi::Stream::Stdout, &s);
    }
    vm.err("EOFError", "EOF when reading a line")
}

fn bi_open(vm: &mut Vm, mut a: Args) -> R<Value> {
    need(vm, &a, 1, "open")?;
    let mode = a
        .arg_or_kw(vm, 1, "mode")
        .map(|v| s_of(&v))
        .unwrap_or(Rc::from("r"));
    let path = match &a.a[0] {
        Value::Str(s) => s.clone(),
        v => {
            let t = vm.type_name(v);
            return vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                t
            ));
        }
    };
    super::ipc::open(vm, &path, &mode)
}

fn bi_globals(vm: &mut Vm, _a: Args) -> R<Value> {
    let m = &vm.modules[vm.cur_module as usize];
    let pairs: Vec<(Sym, Value)> = m
        .table
        .names
        .iter()
        .zip(m.slots.iter())
        .filter(|e| !matches!(e.1, Value::Undef))
        .map(|(a, b)| (*a, b.clone()))
        .collect();
    Ok(vm.attrs_to_dict(&pairs))
}

fn bi_vars(vm: &mut Vm, a: Args) -> R<Value> {
    match a.get(0) {
        None => bi_globals(vm, a),
        Some(v) => {
            let v = v.clone();
            vm.getattr(&v, sym::DICT)
        }
    }
}

fn bi_callable(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "callable")?;
    let v = &a.a[0];
    Ok(Value::Bool(match v {
        Value::Builtin(_) => true,
        Value::Obj(id) => match vm.get(*id) {
            Obj::Func(_) | Obj::Class(_) | Obj::Bound { .. } => true,
            Obj::Inst(_) => vm.lookup_class_attr(v, sym::CALL).is_some(),
            _ => false,
        },
        _ => false,
    }))
}

fn bi_format(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "format")?;
    let spec = a.get(1).map(s_of).unwrap_or(Rc::from(""));
    vm.format_value(&a.a[0], &spec).map(|s| Value::str(&s))
}

fn bi_super(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() < 2 {
        return vm.err("RuntimeError", "super(): no arguments");
    }
    let Some(cls) = a.a[0].obj().filter(|&c| matches!(vm.get(c), Obj::Class(_))) else {
        return vm.type_error("super() argument 1 must be a type");
    };
    Ok(vm.alloc(Obj::Super {
        class: cls,
        obj: a.a[1].clone(),
    }))
}

fn bi_property(vm: &mut Vm, mut a: Args) -> R<Value> {
    let fget = a.arg_or_kw(vm, 0, "fget").unwrap_or(Value::None);
    let fset = a.arg_or_kw(vm, 1, "fset").unwrap_or(Value::None);
    let fdel = a.arg_or_kw(vm, 2, "fdel").unwrap_or(Value::None);
    Ok(vm.alloc(Obj::Property { fget, fset, fdel }))
}

fn prop_parts(vm: &Vm, v: &Value) -> (Value, Value, Value) {
    match vm.get_opt(v) {
        Some(Obj::Property { fget, fset, fdel }) => (fget.clone(), fset.clone(), fdel.clone()),
        _ => (Value::None, Value::None, Value::None),
    }
}

fn prop_setter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "setter")?;
    let (g, _, d) = prop_parts(vm, &a.a[0]);
    Ok(vm.alloc(Obj::Property {
        fget: g,
        fset: a.a[1].clone(),
        fdel: d,
    }))
}
fn prop_getter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "getter")?;
    let (_, s, d) = prop_parts(vm, &a.a[0]);
    Ok(vm.alloc(Obj::Property {
        fget: a.a[1].clone(),
        fset: s,
        fdel: d,
    }))
}
fn prop_deleter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "deleter")?;
    let (g, s, _) = prop_parts(vm, &a.a[0]);
    Ok(vm.alloc(Obj::Property {
        fget: g,
        fset: s,
        fdel: a.a[1].clone(),
    }))
}

fn bi_staticmethod(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "staticmethod")?;
    Ok(vm.alloc(Obj::StaticMethod(a.a[0].clone())))
}

fn bi_classmethod(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "classmethod")?;
    Ok(vm.alloc(Obj::ClassMethod(a.a[0].clone())))
}

fn bi_exit(vm: &mut Vm, a: Args) -> R<Value> {
    let cls = vm.exc_classes["SystemExit"];
    Err(Flow::Exc(vm.make_exc(cls, a.a)))
}

fn eval_exec(vm: &mut Vm, a: Args, is_eval: bool) -> R<Value> {
    let src = match a.a.first() {
        Some(Value::Str(s)) => s.clone(),
        _ => {
            return vm.type_error(format!(
                "{}() arg 1 must be a string, bytes or code object",
                if is_eval { "eval" } else { "exec" }
            ))
        }
    };
    let stmts = match crate::parser::parse_module(src.trim_start()) {
        Ok(s) => s,
        Err(e) => return vm.err(e.kind, &e.msg),
    };
    vm.files.push((Rc::from("<string>"), src.clone()));
    let file = (vm.files.len() - 1) as u32;
    let module = vm.cur_module;
    let md = &mut vm.modules[module as usize];
    let r = crate::compiler::compile_eval(
        &stmts,
        is_eval,
        file,
        &mut vm.syms,
        &mut md.table,
        &mut vm.codes,
    );
    let code = match r {
        Ok(c) => c,
        Err(e) => return vm.err("SyntaxError", e.msg),
    };
    let md = &mut vm.modules[module as usize];
    let n = md.table.names.len();
    md.slots.resize(n, Value::Undef);
    let fr = modules::module_frame(vm, module, code);
    vm.run_nested(fr)
}

fn bi_eval(vm: &mut Vm, a: Args) -> R<Value> {
    eval_exec(vm, a, true)
}

fn bi_exec(vm: &mut Vm, a: Args) -> R<Value> {
    eval_exec(vm, a, false)
}

fn s_casefold(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::str(&crate::strops::casefold(&this_str(&a))))
}

fn s_istitle(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Bool(crate::strops::istitle(&this_str(&a))))
}
fn s_isascii(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Bool(crate::strops::isascii(&this_str(&a))))
}
fn s_isprintable(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Bool(crate::strops::isprintable(&this_str(&a))))
}
fn s_removeprefix(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "removeprefix")?;
    let s = this_str(&a);
    let p = s_of(&a.a[1]);
    Ok(Value::str(s.strip_prefix(&*p).unwrap_or(&s)))
}
fn s_removesuffix(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "removesuffix")?;
    let s = this_str(&a);
    let p = s_of(&a.a[1]);
    Ok(Value::str(s.strip_suffix(&*p).unwrap_or(&s)))
}
/// `str.maketrans(dict)`, `(from, to)` or `(from, to, delete)`: a dict of code points. Called
/// on an instance (`"".maketrans(..)`), the arguments start with that string.
fn s_maketrans(vm: &mut Vm, a: Args) -> R<Value> {
    let dict_at_1 = matches!(a.a.get(1).and_then(|v| vm.get_opt(v)), Some(Obj::Dict(_)));
    let n = |i: usize| a.a.get(i).map_or(0, |v| s_of(v).chars().count());
    let skip = match a.a.len() {
        2 => dict_at_1,
        3 => n(0) != n(1) && n(1) == n(2),
        l => l == 4,
    } as usize;
    let x = &a.a[skip..];
    let mut d = Dict::default();
    if x.len() == 1 {
        let Some(Obj::Dict(src)) = vm.get_opt(&x[0]) else {
            return vm.type_error("if you give only one argument to maketrans it must be a dict");
        };
        for (k, v) in src.iter().cloned().collect::<Vec<_>>() {
            let k = match &k {
                Value::Str(s) if s.chars().count() == 1 => {
                    Value::Int(s.chars().next().unwrap() as i64)
                }
                Value::Str(_) => {
                    return vm.err(
                        "ValueError",
                        "string keys in translate table must be of length 1",
                    )
                }
                Value::Int(_) | Value::Big(_) | Value::Bool(_) => k,
                _ => return vm.type_error("keys in translate table must be strings or integers"),
            };
            let h = vm.hkey(&k)?;
            d.insert(h, k, v);
        }
        return Ok(vm.alloc(Obj::Dict(d)));
    }
    if x.is_empty() || x.len() > 3 {
        return vm.type_error(format!(
            "maketrans expected at least 1 argument, got {}",
            x.len()
        ));
    }
    if !matches!(x[0], Value::Str(_)) {
        return vm
            .type_error("first maketrans argument must be a string if there is a second argument");
    }
    for (i, v) in x.iter().enumerate().skip(1) {
        if !matches!(v, Value::Str(_)) {
            let t = vm.type_name(v);
            return vm.type_error(format!(
                "maketrans() argument {} must be str, not {}",
                i + 1,
                t
            ));
        }
    }
    let (from, to) = (s_of(&x[0]), s_of(&x[1]));
    if from.chars().count() != to.chars().count() {
        return vm.err(
            "ValueError",
            "the first two maketrans arguments must have equal length",
        );
    }
    let pairs = from.chars().zip(to.chars().map(|c| Value::Int(c as i64)));
    let dels = x.get(2).map(s_of).unwrap_or_default();
    for (c, v) in pairs.chain(dels.chars().map(|c| (c, Value::None))) {
        d.insert(HKey::Int(c as i64), Value::Int(c as i64), v);
    }
    Ok(vm.alloc(Obj::Dict(d)))
}

/// `str.translate(table)`: each character's code point looked up in `table` (missing: kept).
fn s_translate(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() != 2 {
        return vm.type_error(format!(
            "str.translate() takes exactly one argument ({} given)",
            a.a.len().saturating_sub(1)
        ));
    }
    let table = &a.a[1];
    let mut out = String::new();
    for c in this_str(&a).chars() {
        let key = Value::Int(c as i64);
        let v = match vm.get_opt(table) {
            Some(Obj::Dict(d)) => d.get(&HKey::Int(c as i64)).cloned(),
            _ => match vm.subscr(table, &key) {
                Ok(v) => Some(v),
                Err(Flow::Exc(e)) if vm.exc_is(&e, "LookupError") => None,
                Err(e) => return Err(e),
            },
        };
        match v {
            None => out.push(c),
            Some(Value::None) => {}
            Some(Value::Str(s)) => out.push_str(&s),
            Some(v @ (Value::Int(_) | Value::Bool(_) | Value::Big(_))) => {
                match num::big(&v)
                    .and_then(|b| b.to_u32())
                    .and_then(char::from_u32)
                {
                    Some(ch) => out.push(ch),
                    None => {
                        return vm.err("ValueError", "character mapping must be in range(0x110000)")
                    }
                }
            }
            _ => return vm.type_error("character mapping must return integer, None or str"),
        }
    }
    Ok(Value::str(&out))
}

fn s_format_map(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "format_map")?;
    let s = this_str(&a);
    let pairs: Vec<(Value, Value)> = match vm.get_opt(&a.a[1]) {
        Some(Obj::Dict(d)) => d.iter().cloned().collect(),
        _ => vec![],
    };
    let mut kw = vec![];
    for (k, v) in pairs {
        if let Value::Str(k) = k {
            kw.push((vm.intern(&k), v));
        }
    }
    str_format(vm, &s, &[], &kw).map(|r| Value::str(&r))
}

fn g_throw(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "throw")?;
    let e = vm.to_exception(a.a[1].clone())?;
    let id = a.a[0].obj().unwrap();
    let Obj::Gen(g) = vm.get_mut(id) else {
        return vm.type_error("throw() needs a generator");
    };
    if g.done || !g.started {
        g.done = true;
        return Err(Flow::Exc(e));
    }
    let Some(mut fr) = g.frame.take() else {
        return vm.err("ValueError", "generator already executing");
    };
    fr.ret = super::Ret::GenNative;
    fr.gen = Some(id);
    vm.gen_returned = false;
    vm.pending_exc = Some(e);
    let v = vm.run_nested(fr)?;
    if vm.gen_returned {
        vm.gen_returned = false;
        return vm.err("StopIteration", "");
    }
    Ok(v)
}

/// `list.__init__` / `dict.__init__` / `set.__init__` on an instance of a subclass: (re)fills
/// its native payload from the arguments.
fn payload_init(vm: &mut Vm, a: Args) -> R<Value> {
    let Some(slf) = a.a.first().cloned() else {
        return Ok(Value::None);
    };
    let Some(p) = vm.payload(&slf) else {
        return Ok(Value::None);
    };
    let tag = match vm.get_opt(&p) {
        Some(Obj::List(_)) => Tag::List,
        Some(Obj::Dict(_)) => Tag::Dict,
        Some(Obj::Set(_)) => Tag::Set,
        _ => return Ok(Value::None),
    };
    let fresh = construct(vm, tag, vm.types[&tag], a.a[1..].to_vec(), a.kw)?;
    let obj = std::mem::replace(vm.get_mut(fresh.obj().unwrap()), Obj::Free);
    vm.free.push(fresh.obj().unwrap());
    *vm.get_mut(p.obj().unwrap()) = obj;
    Ok(Value::None)
}

/// `object.__new__(cls, ...)`: a fresh, uninitialised instance of `cls`; for a subclass of an
/// immutable built-in (`tuple.__new__(cls, items)` reaches here too) it holds the built-in value
/// made from the other arguments.
fn obj_new(vm: &mut Vm, a: Args) -> R<Value> {
    match a.a.first() {
        Some(Value::Obj(c)) if matches!(vm.get(*c), Obj::Class(_)) => {
            let cls = *c;
            let tag = vm.builtin_base(cls).filter(|t| {
                matches!(
                    t,
                    Tag::Tuple | Tag::Str | Tag::Int | Tag::Float | Tag::FrozenSet
                )
            });
            let attrs = match tag {
                Some(tag) => {
                    let t = vm.types[&tag];
                    let payload = construct(vm, tag, t, a.a[1..].to_vec(), a.kw)?;
                    vec![(sym::PAYLOAD, payload)]
                }
                None => vec![],
            };
            Ok(vm.alloc(Obj::Inst(Box::new(Inst {
                class: cls,
                attrs,
                exc: None,
            }))))
        }
        _ => vm.type_error("object.__new__(X): X is not a type object"),
    }
}

/// `object.__setattr__(obj, name, value)`: the store that bypasses a class `__setattr__` (a
/// property's setter still runs).
fn slot_getitem(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "__getitem__")?;
    vm.subscr(&a.a[0], &a.a[1])
}
fn slot_setitem(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 3, "__setitem__")?;
    vm.store_subscr(&a.a[0], &a.a[1], a.a[2].clone())
        .map(|_| Value::None)
}
fn slot_delitem(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "__delitem__")?;
    vm.del_subscr(&a.a[0], &a.a[1]).map(|_| Value::None)
}
fn slot_len(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "__len__")?;
    vm.len(&a.a[0]).map(|n| Value::Int(n as i64))
}
fn slot_contains(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "__contains__")?;
    vm.contains(&a.a[0], &a.a[1]).map(Value::Bool)
}
fn slot_iter(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "__iter__")?;
    vm.get_iter(&a.a[0])
}
fn slot_repr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "__repr__")?;
    vm.repr(&a.a[0]).map(|s| Value::str(&s))
}
fn slot_str(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "__str__")?;
    vm.to_str(&a.a[0]).map(|s| Value::str(&s))
}
fn slot_eq(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "__eq__")?;
    vm.eq(&a.a[0], &a.a[1]).map(Value::Bool)
}

/// object.__repr__: `<module.Class object at 0x...>`, whatever the class's own `__repr__`.
fn slot_object_repr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 1, "__repr__")?;
    match a.a[0].obj() {
        Some(id) => Ok(Value::str(&vm.object_repr(id))),
        None => slot_repr(vm, a),
    }
}

fn obj_setattr(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 3, "__setattr__")?;
    let s = name_arg(vm, &a.a[1])?;
    match a.a[0].obj().map(|id| vm.get(id)) {
        Some(Obj::Inst(i)) => {
            let found = vm.lookup_in_class(i.class, s);
            vm.store_attr(&a.a[0], s, a.a[2].clone(), found)?;
            Ok(Value::None)
        }
        _ => {
            let v = a.a[0].clone();
            vm.setattr(&v, s, a.a[2].clone()).map(|_| Value::None)
        }
    }
}

fn bi_slice(vm: &mut Vm, a: Args) -> R<Value> {
    let (x, y, z) = match a.a.len() {
        1 => (Value::None, a.a[0].clone(), Value::None),
        2 => (a.a[0].clone(), a.a[1].clone(), Value::None),
        3 => (a.a[0].clone(), a.a[1].clone(), a.a[2].clone()),
        n => return vm.type_error(format!("slice expected at most 3 arguments, got {}", n)),
    };
    Ok(vm.alloc(Obj::Slice(x, y, z)))
}

fn bi_dir(vm: &mut Vm, a: Args) -> R<Value> {
    let mut names: Vec<String> = vec![];
    match a.get(0) {
        None => {
            let m = &vm.modules[vm.cur_module as usize];
            for (n, v) in m.table.names.iter().zip(m.slots.iter()) {
                if !matches!(v, Value::Undef) {
                    names.push(vm.syms.name(*n).to_string());
                }
            }
        }
        Some(v) => {
            if let Value::Obj(id) = v {
                vm.absorb_dict(*id);
            }
            if let Some(Obj::Inst(i)) = vm.get_opt(v) {
                names.extend(i.attrs.iter().map(|e| vm.syms.name(e.0).to_string()));
            }
            if let Some(c) = vm.class_id_of(v) {
                if let Obj::Class(k) = vm.get(c) {
                    for &m in &k.mro {
                        if let Obj::Class(mc) = vm.get(m) {
                            names.extend(mc.attrs.iter().map(|e| vm.syms.name(e.0).to_string()));
                        }
                    }
                }
            }
        }
    }
    proclab_abi::sort_by(&mut names, |a, b| a.cmp(b));
    names.dedup();
    let v = names.iter().map(|n| Value::str(n)).collect();
    Ok(vm.new_list(v))
}

// ----- exceptions -----

fn exc_args(vm: &Vm, v: &Value) -> Vec<Value> {
    match vm.get_opt(v) {
        Some(Obj::Inst(i)) => match attr_get(&i.attrs, sym::ARGS).and_then(|t| vm.get_opt(t)) {
            Some(Obj::Tuple(t)) => t.clone(),
            _ => vec![],
        },
        _ => vec![],
    }
}

fn exc_init(vm: &mut Vm, a: Args) -> R<Value> {
    let mut it = a.a.into_iter();
    let slf = it.next().unwrap_or(Value::None);
    let mut args: Vec<Value> = it.collect();
    // OSError(errno, strerror, filename): args keep two; filename becomes an attribute.
    if args.len() >= 3 && matches!(args[0], Value::Int(_)) && vm.exc_is(&slf, "OSError") {
        let fname = args[2].clone();
        args.truncate(2);
        let s = vm.intern("filename");
        if let Some(Obj::Inst(i)) = slf.obj().map(|id| vm.get_mut(id)) {
            attr_set(&mut i.attrs, s, fname);
        }
    }
    let t = vm.new_tuple(args);
    if let Some(Obj::Inst(i)) = slf.obj().map(|id| vm.get_mut(id)) {
        attr_set(&mut i.attrs, sym::ARGS, t);
    }
    Ok(Value::None)
}

fn exc_str(vm: &mut Vm, a: Args) -> R<Value> {
    let args = exc_args(vm, &a.a[0]);
    if args.len() == 2 && num::is_int(&args[0]) && vm.exc_is(&a.a[0], "OSError") {
        let msg = vm.to_str(&args[1])?;
        let fname_sym = vm.intern("filename");
        let fname = match vm.get_opt(&a.a[0]) {
            Some(Obj::Inst(i)) => attr_get(&i.attrs, fname_sym).cloned(),
            _ => None,
        };
        let suffix = match fname {
            Some(f) if !f.is_none() => format!(": {}", vm.repr(&f)?),
            _ => String::new(),
        };
        return Ok(Value::str(&format!(
            "[Errno {}] {}{}",
            vm.repr(&args[0])?,
            msg,
            suffix
        )));
    }
    let s = match args.len() {
        0 => String::new(),
        1 => vm.to_str(&args[0])?,
        _ => {
            let t = vm.new_tuple(args);
            vm.repr(&t)?
        }
    };
    Ok(Value::str(&s))
}

fn keyerror_str(vm: &mut Vm, a: Args) -> R<Value> {
    let args = exc_args(vm, &a.a[0]);
    if args.len() == 1 {
        return vm.repr(&args[0]).map(|s| Value::str(&s));
    }
    exc_str(vm, a)
}

fn exc_repr(vm: &mut Vm, a: Args) -> R<Value> {
    let args = exc_args(vm, &a.a[0]);
    let name = vm.type_name(&a.a[0]);
    let inner = if args.len() == 1 {
        vm.repr(&args[0])?
    } else {
        let t = vm.new_tuple(args);
        let r = vm.repr(&t)?;
        r[1..r.len() - 1].trim_end_matches(',').to_string()
    };
    Ok(Value::str(&format!("{}({})", name, inner)))
}

fn exc_with_tb(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(a.a[0].clone())
}

// ----- str methods -----

fn this_str(a: &Args) -> Rc<str> {
    s_of(&a.a[0])
}

fn str_list(vm: &mut Vm, v: Vec<String>) -> Value {
    let items = v.into_iter().map(|s| Value::Str(Rc::from(s))).collect();
    vm.new_list(items)
}

fn s_join(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "join")?;
    let sep = this_str(&a);
    let items = vm.collect(&a.a[1])?;
    let mut out = String::new();
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match x {
            Value::Str(s) => out.push_str(s),
            other => {
                let t = vm.type_name(other);
                return vm.type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    i, t
                ));
            }
        }
    }
    Ok(Value::str(&out))
}

fn split_impl(vm: &mut Vm, mut a: Args, right: bool) -> R<Value> {
    let s = this_str(&a);
    let sep = a.arg_or_kw(vm, 1, "sep").filter(|v| !v.is_none());
    let maxsplit = match a.arg_or_kw(vm, 2, "maxsplit") {
        Some(v) => int_of(vm, &v)?,
        None => -1,
    };
    let parts: Vec<String> = match sep {
        None => {
            let words: Vec<&str> = s.split_whitespace().collect();
            if maxsplit < 0 || words.len() <= maxsplit as usize {
                words.into_iter().map(String::from).collect()
            } else if !right {
                let mut out = vec![];
                let mut rest = s.trim_start();
                for _ in 0..maxsplit {
                    let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                    out.push(rest[..end].to_string());
                    rest = rest[end..].trim_start();
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
                out
            } else {
                let mut out = vec![];
                let mut rest = s.trim_end();
                for _ in 0..maxsplit {
                    let start = rest.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
                    out.push(rest[start..].to_string());
                    rest = rest[..start].trim_end();
                }
                if !rest.is_empty() {
                    out.push(rest.to_string());
                }
                out.reverse();
                out
            }
        }
        Some(Value::Str(sep)) => {
            if sep.is_empty() {
                return vm.err("ValueError", "empty separator");
            }
            if maxsplit < 0 {
                s.split(&*sep).map(String::from).collect()
            } else if right {
                let mut v: Vec<String> = s
                    .rsplitn(maxsplit as usize + 1, &*sep)
                    .map(String::from)
                    .collect();
                v.reverse();
                v
            } else {
                s.splitn(maxsplit as usize + 1, &*sep)
                    .map(String::from)
                    .collect()
            }
        }
        Some(v) => {
            let t = vm.type_name(&v);
            return vm.type_error(format!("must be str or None, not {}", t));
        }
    };
    Ok(str_list(vm, parts))
}

fn s_split(vm: &mut Vm, a: Args) -> R<Value> {
    split_impl(vm, a, false)
}
fn s_rsplit(vm: &mut Vm, a: Args) -> R<Value> {
    split_impl(vm, a, true)
}

fn strip_impl(a: &Args, left: bool, right: bool) -> Value {
    let s = this_str(a);
    let chars: Option<Vec<char>> = match a.get(1) {
        Some(Value::Str(c)) => Some(c.chars().collect()),
        _ => None,
    };
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut t: &str = &s;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    Value::str(t)
}

fn s_strip(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(strip_impl(&a, true, true))
}
fn s_lstrip(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(strip_impl(&a, true, false))
}
fn s_rstrip(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(strip_impl(&a, false, true))
}
fn s_upper(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::str(&this_str(&a).to_uppercase()))
}
fn s_lower(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::str(&this_str(&a).to_lowercase()))
}
fn s_swapcase(_vm: &mut Vm, a: Args) -> R<Value> {
    let s: String = this_str(&a)
        .chars()
        .map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().next().unwrap()
            } else {
                c.to_uppercase().next().unwrap()
            }
        })
        .collect();
    Ok(Value::str(&s))
}

fn s_replace(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 3, "replace")?;
    let s = this_str(&a);
    let (old, new) = (s_of(&a.a[1]), s_of(&a.a[2]));
    let count = match a.get(3) {
        Some(v) => int_of(vm, v)?,
        None => -1,
    };
    Ok(Value::str(&if count < 0 {
        s.replace(&*old, &new)
    } else {
        s.replacen(&*old, &new, count as usize)
    }))
}

/// Char-index `start`/`end` arguments resolved to a byte range of `s`.
fn char_range(
    vm: &mut Vm,
    s: &str,
    start: Option<&Value>,
    end: Option<&Value>,
) -> R<(usize, usize)> {
    let n = s.chars().count() as i64;
    let fix = |vm: &mut Vm, v: Option<&Value>, d: i64| -> R<i64> {
        match v {
            None | Some(Value::None) => Ok(d),
            Some(x) => {
                let i = int_of(vm, x)?;
                Ok(if i < 0 { (i + n).max(0) } else { i.min(n) })
            }
        }
    };
    let st = fix(vm, start, 0)?;
    let en = fix(vm, end, n)?;
    let to_byte = |ci: i64| {
        s.char_indices()
            .nth(ci as usize)
            .map(|(b, _)| b)
            .unwrap_or(s.len())
    };
    if st > en {
        return Ok((1, 0));
    }
    Ok((to_byte(st), to_byte(en)))
}

fn affix(vm: &mut Vm, a: Args, ends: bool) -> R<Value> {
    need(vm, &a, 2, if ends { "endswith" } else { "startswith" })?;
    let s = this_str(&a);
    let (b0, b1) = char_range(vm, &s, a.get(2), a.get(3))?;
    if b0 > b1 {
        return Ok(Value::Bool(false));
    }
    let sub = &s[b0..b1];
    let cands: Vec<Value> = match vm.get_opt(&a.a[1]) {
        Some(Obj::Tuple(t)) => t.clone(),
        _ => vec![a.a[1].clone()],
    };
    for c in cands {
        match c {
            Value::Str(p) => {
                if (ends && sub.ends_with(&*p)) || (!ends && sub.starts_with(&*p)) {
                    return Ok(Value::Bool(true));
                }
            }
            other => {
                let t = vm.type_name(&other);
                return vm.type_error(format!(
                    "{} first arg must be str or a tuple of str, not {}",
                    if ends { "endswith" } else { "startswith" },
                    t
                ));
            }
        }
    }
    Ok(Value::Bool(false))
}

fn s_startswith(vm: &mut Vm, a: Args) -> R<Value> {
    affix(vm, a, false)
}
fn s_endswith(vm: &mut Vm, a: Args) -> R<Value> {
    affix(vm, a, true)
}

fn find_impl(vm: &mut Vm, a: &Args, rev: bool) -> R<i64> {
    need(vm, a, 2, "find")?;
    let s = this_str(a);
    let sub = s_of(&a.a[1]);
    let (b0, b1) = char_range(vm, &s, a.get(2), a.get(3))?;
    if b0 > b1 {
        return Ok(-1);
    }
    let hay = &s[b0..b1];
    let pos = if rev {
        hay.rfind(&*sub)
    } else {
        hay.find(&*sub)
    };
    Ok(match pos {
        Some(p) => s[..b0 + p].chars().count() as i64,
        None => -1,
    })
}

fn s_find(vm: &mut Vm, a: Args) -> R<Value> {
    find_impl(vm, &a, false).map(Value::Int)
}
fn s_rfind(vm: &mut Vm, a: Args) -> R<Value> {
    find_impl(vm, &a, true).map(Value::Int)
}
fn s_index(vm: &mut Vm, a: Args) -> R<Value> {
    match find_impl(vm, &a, false)? {
        -1 => vm.err("ValueError", "substring not found"),
        i => Ok(Value::Int(i)),
    }
}
fn s_rindex(vm: &mut Vm, a: Args) -> R<Value> {
    match find_impl(vm, &a, true)? {
        -1 => vm.err("ValueError", "substring not found"),
        i => Ok(Value::Int(i)),
    }
}

fn s_count(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "count")?;
    let s = this_str(&a);
    let sub = s_of(&a.a[1]);
    let (b0, b1) = char_range(vm, &s, a.get(2), a.get(3))?;
    if b0 > b1 {
        return Ok(Value::Int(0));
    }
    let hay = &s[b0..b1];
    if sub.is_empty() {
        return Ok(Value::Int(hay.chars().count() as i64 + 1));
    }
    Ok(Value::Int(hay.matches(&*sub).count() as i64))
}

fn s_format(vm: &mut Vm, mut a: Args) -> R<Value> {
    let s = this_str(&a);
    let pos: Vec<Value> = a.a.drain(1..).collect();
    let kw = std::mem::take(&mut a.kw);
    str_format(vm, &s, &pos, &kw).map(|r| Value::str(&r))
}

/// `str.format`: `{}`, `{0}`, `{name}`, `{x.attr}`, `{x[0]}`, `!r`/`!s`, `:spec` (nested `{}` in specs).
pub fn str_format(vm: &mut Vm, s: &str, pos: &[Value], kw: &[(Sym, Value)]) -> R<String> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut auto = 0usize;
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c == '{' {
            if i + 1 < cs.len() && cs[i + 1] == '{' {
                out.push('{');
                i += 2;
                continue;
            }
            let mut depth = 1;
            let mut j = i + 1;
            while j < cs.len() && depth > 0 {
                if cs[j] == '{' {
                    depth += 1;
                } else if cs[j] == '}' {
                    depth -= 1;
                }
                j += 1;
            }
            if depth > 0 {
                return vm.err("ValueError", "Single '{' encountered in format string");
            }
            let field: String = cs[i + 1..j - 1].iter().collect();
            let (head, spec) = match field.find(':') {
                Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
                None => (field.clone(), String::new()),
            };
            let (name, conv) = match head.find('!') {
                Some(p) => (head[..p].to_string(), head[p + 1..].chars().next()),
                None => (head.clone(), None),
            };
            let key_end = name.find(['.', '[']).unwrap_or(name.len());
            let key = &name[..key_end];
            let mut v = if key.is_empty() {
                let v = pos.get(auto).cloned();
                auto += 1;
                match v {
                    Some(v) => v,
                    None => {
                        return vm.err(
                            "IndexError",
                            format!(
                                "Replacement index {} out of range for positional args tuple",
                                auto - 1
                            ),
                        )
                    }
                }
            } else if let Ok(n) = key.parse::<usize>() {
                match pos.get(n) {
                    Some(v) => v.clone(),
                    None => {
                        return vm.err(
                            "IndexError",
                            format!(
                                "Replacement index {} out of range for positional args tuple",
                                n
                            ),
                        )
                    }
                }
            } else {
                match kw.iter().find(|(k, _)| vm.syms.name(*k) == key) {
                    Some((_, v)) => v.clone(),
                    None => {
                        let cls = vm.exc_classes["KeyError"];
                        return Err(Flow::Exc(vm.make_exc(cls, vec![Value::str(key)])));
                    }
                }
            };
            let mut rest = &name[key_end..];
            while !rest.is_empty() {
                if let Some(r) = rest.strip_prefix('.') {
                    let e = r.find(['.', '[']).unwrap_or(r.len());
                    let s = vm.intern(&r[..e]);
                    v = vm.getattr(&v, s)?;
                    rest = &r[e..];
                } else if let Some(r) = rest.strip_prefix('[') {
                    let e = r.find(']').unwrap_or(r.len());
                    let idx = &r[..e];
                    let iv = match idx.parse::<i64>() {
                        Ok(n) => Value::Int(n),
                        Err(_) => Value::str(idx),
                    };
                    v = vm.subscr(&v, &iv)?;
                    rest = &r[(e + 1).min(r.len())..];
                } else {
                    break;
                }
            }
            let spec = if spec.contains('{') {
                str_format(vm, &spec, pos, kw)?
            } else {
                spec
            };
            let v = match conv {
                Some('r') => Value::str(&vm.repr(&v)?),
                Some('s') => Value::str(&vm.to_str(&v)?),
                Some('a') => Value::str(&ascii_of(&vm.repr(&v)?)),
                _ => v,
            };
            out.push_str(&vm.format_value(&v, &spec)?);
            i = j;
        } else if c == '}' {
            if i + 1 < cs.len() && cs[i + 1] == '}' {
                out.push('}');
                i += 2;
                continue;
            }
            return vm.err("ValueError", "Single '}' encountered in format string");
        } else {
            out.push(c);
            i += 1;
        }
    }
    Ok(out)
}

fn s_pred(a: &Args, f: fn(&str) -> bool) -> R<Value> {
    let s = this_str(a);
    Ok(Value::Bool(!s.is_empty() && f(&s)))
}
fn s_isdigit(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| {
        s.chars().all(|c| c.is_ascii_digit() || c.is_numeric())
    })
}
fn s_isalpha(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| s.chars().all(char::is_alphabetic))
}
fn s_isalnum(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| s.chars().all(char::is_alphanumeric))
}
fn s_isspace(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| s.chars().all(char::is_whitespace))
}
fn s_isupper(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}
fn s_islower(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}
fn s_isidentifier(_vm: &mut Vm, a: Args) -> R<Value> {
    s_pred(&a, |s| {
        let mut cs = s.chars();
        let f = cs.next().unwrap();
        (f.is_alphabetic() || f == '_') && cs.all(|c| c.is_alphanumeric() || c == '_')
    })
}

fn s_title(_vm: &mut Vm, a: Args) -> R<Value> {
    let mut out = String::new();
    let mut prev_cased = false;
    for c in this_str(&a).chars() {
        if c.is_alphabetic() {
            if prev_cased {
                out.extend(c.to_lowercase());
            } else {
                out.extend(c.to_uppercase());
            }
            prev_cased = true;
        } else {
            out.push(c);
            prev_cased = false;
        }
    }
    Ok(Value::str(&out))
}

fn s_capitalize(_vm: &mut Vm, a: Args) -> R<Value> {
    let s = this_str(&a);
    let mut cs = s.chars();
    let out = match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
        None => String::new(),
    };
    Ok(Value::str(&out))
}

fn justify(vm: &mut Vm, a: Args, how: char) -> R<Value> {
    need(vm, &a, 2, "center")?;
    let s = this_str(&a);
    let w = int_of(vm, &a.a[1])?.max(0) as usize;
    super::ops::check_seq_size(vm, w as u64, 1)?;
    let fill = match a.get(2) {
        Some(Value::Str(f)) => f.chars().next().unwrap_or(' '),
        _ => ' ',
    };
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::Str(s));
    }
    let k = w - n;
    let f = |c: usize| std::iter::repeat_n(fill, c).collect::<String>();
    let out = match how {
        '<' => format!("{}{}", s, f(k)),
        '>' => format!("{}{}", f(k), s),
        _ => {
            // CPython's center: extra fill goes left when the width is odd and the text even.
            let left = k / 2 + (k & w & 1);
            format!("{}{}{}", f(left), s, f(k - left))
        }
    };
    Ok(Value::str(&out))
}
fn s_center(vm: &mut Vm, a: Args) -> R<Value> {
    justify(vm, a, '^')
}
fn s_ljust(vm: &mut Vm, a: Args) -> R<Value> {
    justify(vm, a, '<')
}
fn s_rjust(vm: &mut Vm, a: Args) -> R<Value> {
    justify(vm, a, '>')
}

fn s_zfill(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "zfill")?;
    let s = this_str(&a);
    let w = int_of(vm, &a.a[1])?.max(0) as usize;
    super::ops::check_seq_size(vm, w as u64, 1)?;
    let n = s.chars().count();
    if n >= w {
        return Ok(Value::Str(s));
    }
    let (sign, body) = if s.starts_with('-') || s.starts_with('+') {
        s.split_at(1)
    } else {
        ("", &*s)
    };
    Ok(Value::str(&format!(
        "{}{}{}",
        sign,
        "0".repeat(w - n),
        body
    )))
}

fn s_splitlines(vm: &mut Vm, a: Args) -> R<Value> {
    let s = this_str(&a);
    let keep = match a.get(1) {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let mut out = vec![];
    let mut cur = String::new();
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\n' || c == '\r' {
            let mut end = c.to_string();
            if c == '\r' && it.peek() == Some(&'\n') {
                it.next();
                end.push('\n');
            }
            if keep {
                cur.push_str(&end);
            }
            out.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(str_list(vm, out))
}

fn partition(vm: &mut Vm, a: Args, rev: bool) -> R<Value> {
    need(vm, &a, 2, "partition")?;
    let s = this_str(&a);
    let sep = s_of(&a.a[1]);
    if sep.is_empty() {
        return vm.err("ValueError", "empty separator");
    }
    let pos = if rev { s.rfind(&*sep) } else { s.find(&*sep) };
    let parts = match pos {
        Some(p) => [
            s[..p].to_string(),
            sep.to_string(),
            s[p + sep.len()..].to_string(),
        ],
        None if rev => [String::new(), String::new(), s.to_string()],
        None => [s.to_string(), String::new(), String::new()],
    };
    let v = parts.iter().map(|p| Value::str(p)).collect();
    Ok(vm.new_tuple(v))
}
fn s_partition(vm: &mut Vm, a: Args) -> R<Value> {
    partition(vm, a, false)
}
fn s_rpartition(vm: &mut Vm, a: Args) -> R<Value> {
    partition(vm, a, true)
}
/// A character as CPython's codec errors show it: `\xe9`, `\u20ac`, `\U0001f600`.
fn char_escape(c: char) -> String {
    match c as u32 {
        n if n < 0x100 => format!("\\x{n:02x}"),
        n if n < 0x10000 => format!("\\u{n:04x}"),
        n => format!("\\U{n:08x}"),
    }
}

fn s_encode(vm: &mut Vm, mut a: Args) -> R<Value> {
    let s = this_str(&a);
    let enc = a
        .arg_or_kw(vm, 1, "encoding")
        .map(|v| s_of(&v).to_lowercase())
        .unwrap_or_else(|| "utf-8".into());
    let bytes = match enc.as_str() {
        "utf-8" | "utf8" => s.as_bytes().to_vec(),
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => {
            let limit = if enc == "ascii" { 128 } else { 256 };
            match s.chars().position(|c| c as u32 >= limit) {
                Some(pos) => {
                    let c = s.chars().nth(pos).unwrap();
                    let codec = if enc == "ascii" { "ascii" } else { "latin-1" };
                    return vm.err(
                        "UnicodeEncodeError",
                        format!("'{}' codec can't encode character '{}' in position {}: ordinal not in range({})", codec, char_escape(c), pos, limit),
                    );
                }
                None => s.chars().map(|c| c as u8).collect(),
            }
        }
        other => return vm.err("LookupError", format!("unknown encoding: {}", other)),
    };
    Ok(vm.alloc(Obj::Bytes(bytes)))
}

fn bytes_of(vm: &Vm, v: &Value) -> Vec<u8> {
    match vm.get_opt(v) {
        Some(Obj::Bytes(b) | Obj::ByteArray(b)) => b.clone(),
        _ => vec![],
    }
}

fn b_decode(vm: &mut Vm, mut a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let enc = a
        .arg_or_kw(vm, 1, "encoding")
        .map(|v| s_of(&v).to_lowercase())
        .unwrap_or_else(|| "utf-8".into());
    match enc.as_str() {
        "utf-8" | "utf8" => match String::from_utf8(b.clone()) {
            Ok(s) => Ok(Value::str(&s)),
            Err(e) => {
                let pos = e.utf8_error().valid_up_to();
                vm.err(
                    "UnicodeDecodeError",
                    format!("'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte", b[pos], pos),
                )
            }
        },
        "ascii" | "latin-1" | "latin1" | "iso-8859-1" => Ok(Value::str(
            &b.iter().map(|&c| c as char).collect::<String>(),
        )),
        other => vm.err("LookupError", format!("unknown encoding: {}", other)),
    }
}

/// `int.from_bytes(bytes, byteorder)` (a class method: no `self`).
fn i_from_bytes(vm: &mut Vm, mut a: Args) -> R<Value> {
    let b = match a.a.first() {
        Some(v) => bytes_of(vm, v),
        None => return vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"),
    };
    let big_endian = a
        .arg_or_kw(vm, 1, "byteorder")
        .map(|v| &*s_of(&v) != "little")
        .unwrap_or(true);
    let signed = match a.kw(vm, "signed") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let n = if big_endian {
        BigInt::from_bytes_be(num_bigint::Sign::Plus, &b)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &b)
    };
    let n = if signed
        && !b.is_empty()
        && (if big_endian { b[0] } else { b[b.len() - 1] }) & 0x80 != 0
    {
        n - (BigInt::from(1) << (8 * b.len()))
    } else {
        n
    };
    Ok(num::norm(n))
}

/// `bytes.fromhex(text)` (a class method: no `self`).
fn b_fromhex(vm: &mut Vm, a: Args) -> R<Value> {
    let s = a.a.first().map(s_of).unwrap_or(Rc::from(""));
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = vec![];
    for pair in digits.chunks(2) {
        let t: String = pair.iter().collect();
        match u8::from_str_radix(&t, 16) {
            Ok(b) if t.len() == 2 => out.push(b),
            _ => {
                return vm.err(
                    "ValueError",
                    "non-hexadecimal number found in fromhex() arg",
                )
            }
        }
    }
    Ok(vm.alloc(Obj::Bytes(out)))
}

/// A bytes-like result of the same type as `like` (bytearray methods return bytearrays).
fn same_bytes(vm: &mut Vm, like: &Value, b: Vec<u8>) -> Value {
    if let Some(Obj::ByteArray(_)) = vm.get_opt(like) {
        return vm.alloc(Obj::ByteArray(b));
    }
    vm.alloc(Obj::Bytes(b))
}

/// A bytes-like argument (`bytes` or `bytearray`), else CPython's TypeError.
fn bytes_arg(vm: &mut Vm, v: Option<&Value>) -> R<Vec<u8>> {
    match v {
        Some(v) if matches!(vm.get_opt(v), Some(Obj::Bytes(_) | Obj::ByteArray(_))) => {
            Ok(bytes_of(vm, v))
        }
        Some(v) => {
            let t = vm.type_name(v);
            vm.type_error(format!("a bytes-like object is required, not '{t}'"))
        }
        None => vm.type_error("function takes at least 1 argument (0 given)"),
    }
}

fn b_upper(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]).to_ascii_uppercase();
    Ok(same_bytes(vm, &a.a[0], b))
}

fn b_lower(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]).to_ascii_lowercase();
    Ok(same_bytes(vm, &a.a[0], b))
}

/// `strip`/`lstrip`/`rstrip`: `chars` defaults to ASCII whitespace.
fn b_strip_sides(vm: &mut Vm, a: &Args, left: bool, right: bool) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let chars = match a.a.get(1).filter(|v| !v.is_none()) {
        Some(v) => bytes_arg(vm, Some(v))?,
        None => b" \t\n\r\x0b\x0c".to_vec(),
    };
    let (mut i, mut j) = (0, b.len());
    while left && i < j && chars.contains(&b[i]) {
        i += 1;
    }
    while right && j > i && chars.contains(&b[j - 1]) {
        j -= 1;
    }
    Ok(same_bytes(vm, &a.a[0], b[i..j].to_vec()))
}
fn b_strip(vm: &mut Vm, a: Args) -> R<Value> {
    b_strip_sides(vm, &a, true, true)
}
fn b_lstrip(vm: &mut Vm, a: Args) -> R<Value> {
    b_strip_sides(vm, &a, true, false)
}
fn b_rstrip(vm: &mut Vm, a: Args) -> R<Value> {
    b_strip_sides(vm, &a, false, true)
}

fn b_join(vm: &mut Vm, a: Args) -> R<Value> {
    let sep = bytes_of(vm, &a.a[0]);
    let items = vm.collect(a.a.get(1).unwrap_or(&Value::None))?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        if !matches!(vm.get_opt(it), Some(Obj::Bytes(_) | Obj::ByteArray(_))) {
            let t = vm.type_name(it);
            return vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {t} found"
            ));
        }
        out.extend(bytes_of(vm, it));
    }
    Ok(same_bytes(vm, &a.a[0], out))
}

/// A `bytes` / int needle of `find`, `count`, `in`-like methods.
fn b_needle(vm: &mut Vm, v: Option<&Value>) -> R<Vec<u8>> {
    match v {
        Some(Value::Int(n)) if (0..256).contains(n) => Ok(vec![*n as u8]),
        Some(Value::Int(_)) => vm.err("ValueError", "byte must be in range(0, 256)"),
        v => bytes_arg(vm, v),
    }
}

fn b_find_at(b: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    b.windows(sub.len()).position(|w| w == sub)
}

fn b_find(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let sub = b_needle(vm, a.a.get(1))?;
    Ok(Value::Int(b_find_at(&b, &sub).map_or(-1, |i| i as i64)))
}

fn b_index(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let sub = b_needle(vm, a.a.get(1))?;
    match b_find_at(&b, &sub) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => vm.err("ValueError", "subsection not found"),
    }
}

fn b_count(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let sub = b_needle(vm, a.a.get(1))?;
    if sub.is_empty() {
        return Ok(Value::Int(b.len() as i64 + 1));
    }
    let (mut n, mut i) = (0, 0);
    while let Some(k) = b_find_at(&b[i..], &sub) {
        n += 1;
        i += k + sub.len();
    }
    Ok(Value::Int(n))
}

fn b_replace(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let old = bytes_arg(vm, a.a.get(1))?;
    let new = bytes_arg(vm, a.a.get(2))?;
    let mut out = Vec::new();
    let mut i = 0;
    if old.is_empty() {
        for &c in &b {
            out.extend_from_slice(&new);
            out.push(c);
        }
        out.extend_from_slice(&new);
        return Ok(same_bytes(vm, &a.a[0], out));
    }
    while let Some(k) = b_find_at(&b[i..], &old) {
        out.extend_from_slice(&b[i..i + k]);
        out.extend_from_slice(&new);
        i += k + old.len();
    }
    out.extend_from_slice(&b[i..]);
    Ok(same_bytes(vm, &a.a[0], out))
}

/// `startswith`/`endswith` with a bytes or a tuple of bytes.
fn b_affix(vm: &mut Vm, a: &Args, end: bool) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let options = match a.a.get(1).map(|v| (v.clone(), vm.get_opt(v).cloned())) {
        Some((_, Some(Obj::Tuple(items)))) => items,
        Some((v, _)) => vec![v],
        None => vec![],
    };
    for o in options {
        let p = bytes_arg(vm, Some(&o))?;
        if (end && b.ends_with(&p)) || (!end && b.starts_with(&p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}
fn b_startswith(vm: &mut Vm, a: Args) -> R<Value> {
    b_affix(vm, &a, false)
}
fn b_endswith(vm: &mut Vm, a: Args) -> R<Value> {
    b_affix(vm, &a, true)
}

fn b_is(vm: &mut Vm, a: &Args, f: fn(&u8) -> bool) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    Ok(Value::Bool(!b.is_empty() && b.iter().all(f)))
}
fn b_isdigit(vm: &mut Vm, a: Args) -> R<Value> {
    b_is(vm, &a, u8::is_ascii_digit)
}
fn b_isalpha(vm: &mut Vm, a: Args) -> R<Value> {
    b_is(vm, &a, u8::is_ascii_alphabetic)
}
fn b_isspace(vm: &mut Vm, a: Args) -> R<Value> {
    b_is(vm, &a, |c| b" \t\n\r\x0b\x0c".contains(c))
}

/// Mutates a bytearray in place.
fn with_bytearray<T>(vm: &mut Vm, v: &Value, f: impl FnOnce(&mut Vec<u8>) -> T) -> T {
    match vm.get_mut(v.obj().expect("bytearray self")) {
        Obj::ByteArray(b) => f(b),
        _ => panic!("not a bytearray"),
    }
}

fn byte_arg(vm: &mut Vm, v: Option<&Value>) -> R<u8> {
    match v {
        Some(Value::Int(n)) if (0..256).contains(n) => Ok(*n as u8),
        Some(Value::Bool(b)) => Ok(*b as u8),
        Some(Value::Int(_)) => vm.err("ValueError", "byte must be in range(0, 256)"),
        Some(v) => {
            let t = vm.type_name(v);
            vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
        }
        None => vm.type_error("append() takes exactly one argument (0 given)"),
    }
}

fn ba_append(vm: &mut Vm, a: Args) -> R<Value> {
    let c = byte_arg(vm, a.a.get(1))?;
    with_bytearray(vm, &a.a[0], |b| b.push(c));
    Ok(Value::None)
}

fn ba_extend(vm: &mut Vm, a: Args) -> R<Value> {
    let src = a.a.get(1).cloned().unwrap_or(Value::None);
    let more = if matches!(vm.get_opt(&src), Some(Obj::Bytes(_) | Obj::ByteArray(_))) {
        bytes_of(vm, &src)
    } else {
        let items = vm.collect(&src)?;
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            out.push(byte_arg(vm, Some(it))?);
        }
        out
    };
    with_bytearray(vm, &a.a[0], |b| b.extend(more));
    Ok(Value::None)
}

fn ba_pop(vm: &mut Vm, a: Args) -> R<Value> {
    let n = with_bytearray(vm, &a.a[0], |b| b.len());
    if n == 0 {
        return vm.err("IndexError", "pop from empty bytearray");
    }
    let i = match a.a.get(1) {
        Some(v) => vm.index_of(v, n, "bytearray")?,
        None => n - 1,
    };
    Ok(Value::Int(
        with_bytearray(vm, &a.a[0], |b| b.remove(i)) as i64
    ))
}

fn ba_clear(vm: &mut Vm, a: Args) -> R<Value> {
    with_bytearray(vm, &a.a[0], |b| b.clear());
    Ok(Value::None)
}

fn ba_copy(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    Ok(vm.alloc(Obj::ByteArray(b)))
}

fn b_split(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    let parts: Vec<Vec<u8>> = match a.a.get(1).filter(|v| !v.is_none()) {
        Some(sep) => {
            let sep = bytes_of(vm, sep);
            if sep.is_empty() {
                return vm.err("ValueError", "empty separator");
            }
            let mut out = vec![];
            let mut rest = &b[..];
            while let Some(i) = rest.windows(sep.len()).position(|w| w == &sep[..]) {
                out.push(rest[..i].to_vec());
                rest = &rest[i + sep.len()..];
            }
            out.push(rest.to_vec());
            out
        }
        None => b
            .split(|c| c.is_ascii_whitespace())
            .filter(|p| !p.is_empty())
            .map(|p| p.to_vec())
            .collect(),
    };
    let items = parts.into_iter().map(|p| vm.alloc(Obj::Bytes(p))).collect();
    Ok(vm.new_list(items))
}

fn c_conjugate(vm: &mut Vm, a: Args) -> R<Value> {
    match vm.get_opt(&a.a[0]) {
        Some(Obj::Complex(re, im)) => {
            let (re, im) = (*re, *im);
            Ok(vm.alloc(Obj::Complex(re, -im)))
        }
        _ => Ok(a.a[0].clone()),
    }
}

fn i_to_bytes(vm: &mut Vm, mut a: Args) -> R<Value> {
    let n = num::big(&a.a[0]).unwrap_or_default();
    let length = match a.arg_or_kw(vm, 1, "length") {
        Some(v) => int_of(vm, &v)?.max(0) as usize,
        None => 1,
    };
    let big_endian = a
        .arg_or_kw(vm, 2, "byteorder")
        .map(|v| &*s_of(&v) != "little")
        .unwrap_or(true);
    let (sign, mut bytes) = n.to_bytes_le();
    if sign == num_bigint::Sign::Minus {
        return vm.err("OverflowError", "can't convert negative int to unsigned");
    }
    if bytes.len() > length || (n.is_zero() && length == 0 && !bytes.is_empty() && bytes != [0]) {
        return vm.err("OverflowError", "int too big to convert");
    }
    bytes.resize(length, 0);
    if big_endian {
        bytes.reverse();
    }
    Ok(vm.alloc(Obj::Bytes(bytes)))
}

fn f_as_integer_ratio(vm: &mut Vm, a: Args) -> R<Value> {
    let Value::Float(x) = a.a[0] else {
        return vm.type_error("as_integer_ratio needs a float");
    };
    if !x.is_finite() {
        return vm.err(
            if x.is_nan() {
                "ValueError"
            } else {
                "OverflowError"
            },
            "cannot convert to integer ratio",
        );
    }
    // x = mantissa * 2^exp exactly; reduce by the common power of two.
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp == 0 {
        (frac as i128, -1074)
    } else {
        ((frac | (1u64 << 52)) as i128, exp - 1075)
    };
    if x < 0.0 {
        m = -m;
    }
    while m != 0 && m % 2 == 0 && e < 0 {
        m /= 2;
        e += 1;
    }
    let (num, den) = if e >= 0 {
        (BigInt::from(m) << e as usize, BigInt::from(1))
    } else {
        (BigInt::from(m), BigInt::from(1) << (-e) as usize)
    };
    let t = vec![num::norm(num), num::norm(den)];
    Ok(vm.new_tuple(t))
}

fn b_hex(vm: &mut Vm, a: Args) -> R<Value> {
    let b = bytes_of(vm, &a.a[0]);
    Ok(Value::str(
        &b.iter().map(|c| format!("{:02x}", c)).collect::<String>(),
    ))
}
fn s_expandtabs(vm: &mut Vm, a: Args) -> R<Value> {
    let s = this_str(&a);
    let ts = match a.get(1) {
        Some(v) => int_of(vm, v)?.max(0) as usize,
        None => 8,
    };
    let tabs = s.matches('\t').count() as u64;
    super::ops::check_seq_size(vm, s.len() as u64 + tabs.saturating_mul(ts as u64), 1)?;
    let mut out = String::new();
    let mut col = 0;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let k = ts - col % ts;
                    out.push_str(&" ".repeat(k));
                    col += k;
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
    Ok(Value::str(&out))
}

// ----- list methods -----

fn list_id(a: &Args) -> u32 {
    a.a[0].obj().expect("list self")
}

fn with_list<T>(vm: &mut Vm, id: u32, f: impl FnOnce(&mut Vec<Value>) -> T) -> T {
    match vm.get_mut(id) {
        Obj::List(l) => f(l),
        _ => panic!("not a list"),
    }
}

fn l_append(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() != 2 {
        return vm.type_error(format!(
            "list.append() takes exactly one argument ({} given)",
            a.a.len() - 1
        ));
    }
    let id = list_id(&a);
    let v = a.a.into_iter().nth(1).unwrap();
    with_list(vm, id, |l| l.push(v));
    Ok(Value::None)
}

fn l_extend(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "extend")?;
    let items = vm.collect(&a.a[1])?;
    with_list(vm, list_id(&a), |l| l.extend(items));
    Ok(Value::None)
}

fn l_pop(vm: &mut Vm, a: Args) -> R<Value> {
    let id = list_id(&a);
    let n = with_list(vm, id, |l| l.len());
    if n == 0 {
        return vm.err("IndexError", "pop from empty list");
    }
    let i = match a.get(1) {
        Some(v) => {
            let i = int_of(vm, v)?;
            let j = if i < 0 { i + n as i64 } else { i };
            if j < 0 || j >= n as i64 {
                return vm.err("IndexError", "pop index out of range");
            }
            j as usize
        }
        None => n - 1,
    };
    Ok(with_list(vm, id, |l| l.remove(i)))
}

fn l_insert(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 3, "insert")?;
    let id = list_id(&a);
    let n = with_list(vm, id, |l| l.len()) as i64;
    let i = int_of(vm, &a.a[1])?;
    let j = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let v = a.a[2].clone();
    with_list(vm, id, |l| l.insert(j, v));
    Ok(Value::None)
}

fn seq_items(vm: &Vm, v: &Value) -> Vec<Value> {
    match vm.get_opt(v) {
        Some(Obj::List(x) | Obj::Tuple(x)) => x.clone(),
        _ => vec![],
    }
}

fn l_remove(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "remove")?;
    let items = seq_items(vm, &a.a[0]);
    for (i, x) in items.iter().enumerate() {
        if vm.eq(x, &a.a[1])? {
            with_list(vm, list_id(&a), |l| l.remove(i));
            return Ok(Value::None);
        }
    }
    vm.err("ValueError", "list.remove(x): x not in list")
}

fn l_index(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "index")?;
    let items = seq_items(vm, &a.a[0]);
    let start = match a.get(2) {
        Some(v) => int_of(vm, v)?.max(0) as usize,
        None => 0,
    };
    for (i, x) in items.iter().enumerate().skip(start) {
        if vm.eq(x, &a.a[1])? {
            return Ok(Value::Int(i as i64));
        }
    }
    let is_tuple = matches!(vm.get_opt(&a.a[0]), Some(Obj::Tuple(_)));
    if is_tuple {
        return vm.err("ValueError", "tuple.index(x): x not in tuple");
    }
    let r = vm.repr(&a.a[1])?;
    vm.err("ValueError", format!("{} is not in list", r))
}

fn l_count(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "count")?;
    let items = seq_items(vm, &a.a[0]);
    let mut n = 0;
    for x in &items {
        if vm.eq(x, &a.a[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn l_sort(vm: &mut Vm, mut a: Args) -> R<Value> {
    let key = a.kw(vm, "key").filter(|k| !k.is_none());
    let rev = match a.kw(vm, "reverse") {
        Some(v) => vm.truthy(&v)?,
        None => false,
    };
    let id = list_id(&a);
    let mut items = with_list(vm, id, std::mem::take);
    let r = sort_values(vm, &mut items, key, rev);
    with_list(vm, id, |l| *l = items);
    r.map(|_| Value::None)
}

fn l_reverse(vm: &mut Vm, a: Args) -> R<Value> {
    with_list(vm, list_id(&a), |l| l.reverse());
    Ok(Value::None)
}

fn l_copy(vm: &mut Vm, a: Args) -> R<Value> {
    let items = seq_items(vm, &a.a[0]);
    Ok(vm.new_list(items))
}

fn l_clear(vm: &mut Vm, a: Args) -> R<Value> {
    with_list(vm, list_id(&a), |l| l.clear());
    Ok(Value::None)
}

// ----- dict methods -----

fn dict_of(vm: &mut Vm, v: &Value) -> Dict {
    match vm.get_opt(v) {
        Some(Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d)) => d.clone(),
        _ => Dict::default(),
    }
}

fn with_dict<T>(vm: &mut Vm, v: &Value, f: impl FnOnce(&mut Dict) -> T) -> T {
    match vm.get_mut(v.obj().expect("dict")) {
        Obj::Dict(d) | Obj::Set(d) | Obj::FrozenSet(d) => f(d),
        _ => panic!("not a dict"),
    }
}

fn d_get(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "get")?;
    let h = vm.hkey(&a.a[1])?;
    let r = with_dict(vm, &a.a[0], |d| d.get(&h).cloned());
    Ok(r.unwrap_or_else(|| a.get(2).cloned().unwrap_or(Value::None)))
}

/// Whether `dict.keys()/values()/items()` return live views (`dict_items([...])`, as CPython)
/// or list snapshots. `vm/pickle.rs` pickles views as lists (CPython's managers register that
/// reducer), which manager dict proxies rely on: they pickle `items()` on the server side.
pub const DICT_VIEWS: bool = true;

fn d_view(vm: &mut Vm, a: &Args, kind: u8) -> R<Value> {
    let dict = a.a[0].obj().expect("dict self");
    if DICT_VIEWS {
        return Ok(vm.alloc(Obj::View { dict, kind }));
    }
    let d = dict_of(vm, &a.a[0]);
    let items = d
        .iter()
        .map(|(k, v)| match kind {
            0 => k.clone(),
            1 => v.clone(),
            _ => vm.new_tuple(vec![k.clone(), v.clone()]),
        })
        .collect();
    Ok(vm.new_list(items))
}

fn d_keys(vm: &mut Vm, a: Args) -> R<Value> {
    d_view(vm, &a, 0)
}
fn d_values(vm: &mut Vm, a: Args) -> R<Value> {
    d_view(vm, &a, 1)
}
fn d_items(vm: &mut Vm, a: Args) -> R<Value> {
    d_view(vm, &a, 2)
}

fn d_pop(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "pop")?;
    let h = vm.hkey(&a.a[1])?;
    match with_dict(vm, &a.a[0], |d| d.remove(&h)) {
        Some((_, v)) => Ok(v),
        None => match a.get(2) {
            Some(d) => Ok(d.clone()),
            None => {
                let cls = vm.exc_classes["KeyError"];
                Err(Flow::Exc(vm.make_exc(cls, vec![a.a[1].clone()])))
            }
        },
    }
}

fn d_setdefault(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "setdefault")?;
    let h = vm.hkey(&a.a[1])?;
    let dflt = a.get(2).cloned().unwrap_or(Value::None);
    let k = a.a[1].clone();
    Ok(with_dict(vm, &a.a[0], |d| match d.get(&h) {
        Some(v) => v.clone(),
        None => {
            d.insert(h, k, dflt.clone());
            dflt
        }
    }))
}

pub fn dict_update(vm: &mut Vm, target: &Value, src: &Value) -> R<()> {
    let payload = vm.payload(src);
    let src = payload.as_ref().unwrap_or(src);
    let keys_sym = vm.intern("keys");
    let has_keys = matches!(vm.get_opt(src), Some(Obj::Inst(_)))
        && vm.lookup_class_attr(src, keys_sym).is_some();
    let pairs: Vec<(Value, Value)> = match vm.get_opt(src) {
        Some(Obj::Dict(d)) => d.iter().cloned().collect(),
        _ if has_keys => {
            let m = vm.getattr(src, keys_sym)?;
            let ks = vm.call_sync(m, vec![], vec![])?;
            let ks = vm.collect(&ks)?;
            let mut out = vec![];
            for k in ks {
                let v = vm.subscr(src, &k)?;
                out.push((k, v));
            }
            out
        }
        _ => {
            let items = vm.collect(src)?;
            let mut out = vec![];
            for (i, it) in items.iter().enumerate() {
                let kv = vm.collect(it)?;
                if kv.len() != 2 {
                    return vm.err(
                        "ValueError",
                        format!(
                            "dictionary update sequence element #{} has length {}; 2 is required",
                            i,
                            kv.len()
                        ),
                    );
                }
                out.push((kv[0].clone(), kv[1].clone()));
            }
            out
        }
    };
    for (k, v) in pairs {
        let h = vm.hkey(&k)?;
        with_dict(vm, target, |d| d.insert(h, k, v));
    }
    Ok(())
}

fn d_update(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(src) = a.get(1) {
        dict_update(vm, &a.a[0], src)?;
    }
    for (k, v) in a.kw {
        let ks = vm.syms.rc(k);
        with_dict(vm, &a.a[0], |d| {
            d.insert(HKey::Str(ks.clone()), Value::Str(ks), v)
        });
    }
    Ok(Value::None)
}

fn d_copy(vm: &mut Vm, a: Args) -> R<Value> {
    let d = dict_of(vm, &a.a[0]);
    Ok(match vm.get_opt(&a.a[0]) {
        Some(Obj::Set(_)) => vm.alloc(Obj::Set(d)),
        Some(Obj::FrozenSet(_)) => vm.alloc(Obj::FrozenSet(d)),
        _ => vm.alloc(Obj::Dict(d)),
    })
}

fn d_clear(vm: &mut Vm, a: Args) -> R<Value> {
    with_dict(vm, &a.a[0], |d| d.clear());
    Ok(Value::None)
}

fn d_popitem(vm: &mut Vm, a: Args) -> R<Value> {
    let last = with_dict(vm, &a.a[0], |d| {
        d.entries.iter().rev().flatten().next().cloned()
    });
    match last {
        Some((k, v)) => {
            let h = vm.hkey(&k)?;
            with_dict(vm, &a.a[0], |d| d.remove(&h));
            Ok(vm.new_tuple(vec![k, v]))
        }
        None => {
            let cls = vm.exc_classes["KeyError"];
            Err(Flow::Exc(vm.make_exc(
                cls,
                vec![Value::str("popitem(): dictionary is empty")],
            )))
        }
    }
}

fn d_fromkeys(vm: &mut Vm, a: Args) -> R<Value> {
    // Called on the class (`dict.fromkeys(keys)`): no self.
    let (keys, v) = match vm.get_opt(&a.a[0]) {
        Some(Obj::Dict(_)) if a.a.len() > 1 => (a.a[1].clone(), a.get(2).cloned()),
        _ => (a.a[0].clone(), a.get(1).cloned()),
    };
    let items = vm.collect(&keys)?;
    let mut d = Dict::default();
    for k in items {
        let h = vm.hkey(&k)?;
        d.insert(h, k, v.clone().unwrap_or(Value::None));
    }
    Ok(vm.alloc(Obj::Dict(d)))
}

// ----- set methods -----

fn set_add(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "add")?;
    let h = vm.hkey(&a.a[1])?;
    let k = a.a[1].clone();
    with_dict(vm, &a.a[0], |d| d.insert(h, k, Value::None));
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "remove")?;
    let h = vm.hkey(&a.a[1])?;
    if with_dict(vm, &a.a[0], |d| d.remove(&h)).is_none() {
        let cls = vm.exc_classes["KeyError"];
        return Err(Flow::Exc(vm.make_exc(cls, vec![a.a[1].clone()])));
    }
    Ok(Value::None)
}

fn set_discard(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "discard")?;
    let h = vm.hkey(&a.a[1])?;
    with_dict(vm, &a.a[0], |d| d.remove(&h));
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, a: Args) -> R<Value> {
    let first = with_dict(vm, &a.a[0], |d| d.set_order().into_iter().next());
    match first {
        Some(k) => {
            let h = vm.hkey(&k)?;
            with_dict(vm, &a.a[0], |d| d.remove(&h));
            Ok(k)
        }
        None => {
            let cls = vm.exc_classes["KeyError"];
            Err(Flow::Exc(
                vm.make_exc(cls, vec![Value::str("pop from an empty set")]),
            ))
        }
    }
}

fn set_clear(vm: &mut Vm, a: Args) -> R<Value> {
    with_dict(vm, &a.a[0], |d| d.clear());
    Ok(Value::None)
}

fn set_copy(vm: &mut Vm, a: Args) -> R<Value> {
    d_copy(vm, a)
}

pub(crate) fn to_set(vm: &mut Vm, v: &Value) -> R<Dict> {
    if let Some(Obj::Set(d) | Obj::FrozenSet(d)) = vm.get_opt(v) {
        return Ok(d.clone());
    }
    let items = vm.collect(v)?;
    let mut d = Dict::new_set();
    for x in items {
        let h = vm.hkey(&x)?;
        d.insert(h, x, Value::None);
    }
    Ok(d)
}

fn set_update(vm: &mut Vm, a: Args) -> R<Value> {
    for other in &a.a[1..] {
        let o = to_set(vm, other)?;
        with_dict(vm, &a.a[0], |d| {
            for (h, &i) in o.index.iter() {
                let k = o.entries[i as usize].as_ref().unwrap().0.clone();
                d.insert(h.clone(), k, Value::None);
            }
        });
    }
    Ok(Value::None)
}

fn set_algebra(vm: &mut Vm, a: Args, k: super::code::BinOpK) -> R<Value> {
    let mut acc = a.a[0].clone();
    let frozen = matches!(vm.get_opt(&acc), Some(Obj::FrozenSet(_)));
    for other in &a.a[1..] {
        let o = to_set(vm, other)?;
        let ov = vm.alloc(Obj::Set(o));
        acc = super::ops::binary(vm, k, acc, ov, false)?;
    }
    if a.a.len() == 1 {
        let d = dict_of(vm, &acc);
        return Ok(vm.alloc(if frozen {
            Obj::FrozenSet(d)
        } else {
            Obj::Set(d)
        }));
    }
    Ok(acc)
}

fn set_difference_update(vm: &mut Vm, a: Args) -> R<Value> {
    for other in &a.a[1..] {
        let o = to_set(vm, other)?;
        with_dict(vm, &a.a[0], |d| {
            o.index.keys().for_each(|h| drop(d.remove(h)))
        });
    }
    Ok(Value::None)
}

fn set_intersection_update(vm: &mut Vm, a: Args) -> R<Value> {
    for other in &a.a[1..] {
        let o = to_set(vm, other)?;
        let ov = vm.alloc(Obj::Set(o));
        super::ops::binary(vm, super::code::BinOpK::And, a.a[0].clone(), ov, true)?;
    }
    Ok(Value::None)
}

/// In place, as CPython: each key of the other set (a dict: its keys in order) is removed
/// when present, else added.
fn set_symdiff_update(vm: &mut Vm, a: Args) -> R<Value> {
    if a.a.len() != 2 {
        return vm.type_error(format!(
            "set.symmetric_difference_update() takes exactly one argument ({} given)",
            a.a.len() - 1
        ));
    }
    let keys = match vm.get_opt(&a.a[1]) {
        Some(Obj::Dict(_)) => vm.collect(&a.a[1])?,
        _ => to_set(vm, &a.a[1])?.set_order(),
    };
    for k in keys {
        let h = vm.hkey(&k)?;
        with_dict(vm, &a.a[0], |d| {
            if d.remove(&h).is_none() {
                d.insert(h, k, Value::None);
            }
        });
    }
    Ok(Value::None)
}

fn set_union(vm: &mut Vm, a: Args) -> R<Value> {
    set_algebra(vm, a, super::code::BinOpK::Or)
}
fn set_intersection(vm: &mut Vm, a: Args) -> R<Value> {
    set_algebra(vm, a, super::code::BinOpK::And)
}
fn set_difference(vm: &mut Vm, a: Args) -> R<Value> {
    set_algebra(vm, a, super::code::BinOpK::Sub)
}
fn set_symdiff(vm: &mut Vm, a: Args) -> R<Value> {
    set_algebra(vm, a, super::code::BinOpK::Xor)
}

fn set_issubset(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "issubset")?;
    let p = dict_of(vm, &a.a[0]);
    let q = to_set(vm, &a.a[1])?;
    Ok(Value::Bool(p.index.keys().all(|h| q.index.contains_key(h))))
}
fn set_issuperset(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "issuperset")?;
    let p = dict_of(vm, &a.a[0]);
    let q = to_set(vm, &a.a[1])?;
    Ok(Value::Bool(q.index.keys().all(|h| p.index.contains_key(h))))
}
fn set_isdisjoint(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "isdisjoint")?;
    let p = dict_of(vm, &a.a[0]);
    let q = to_set(vm, &a.a[1])?;
    Ok(Value::Bool(
        !p.index.keys().any(|h| q.index.contains_key(h)),
    ))
}

// ----- numbers, generators -----

fn i_bit_length(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Int(
        num::big(&a.a[0]).map(|b| b.bits() as i64).unwrap_or(0),
    ))
}

fn i_bit_count(_vm: &mut Vm, a: Args) -> R<Value> {
    let n = num::big(&a.a[0]).map_or(0, |b| b.magnitude().count_ones());
    Ok(Value::Int(n as i64))
}

fn f_is_integer(_vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Bool(
        matches!(a.a[0], Value::Float(f) if f.fract() == 0.0),
    ))
}

fn g_next(vm: &mut Vm, a: Args) -> R<Value> {
    match vm.next(&a.a[0])? {
        Some(v) => Ok(v),
        None => vm.err("StopIteration", ""),
    }
}

fn g_send(vm: &mut Vm, a: Args) -> R<Value> {
    need(vm, &a, 2, "send")?;
    let id = a.a[0].obj().unwrap();
    // Push the sent value as the result of the pending `yield` by priming the frame.
    if let Obj::Gen(g) = vm.get_mut(id) {
        if !g.started && !a.a[1].is_none() {
            return vm.type_error("can't send non-None value to a just-started generator");
        }
        if g.started {
            if let Some(f) = &mut g.frame {
                f.regs.push(a.a[1].clone());
                g.started = false; // the value is in place; do not push None again
                let r = vm.next(&a.a[0]);
                if let Obj::Gen(g) = vm.get_mut(id) {
                    g.started = true;
                }
                return match r? {
                    Some(v) => Ok(v),
                    None => vm.err("StopIteration", ""),
                };
            }
        }
    }
    g_next(vm, a)
}

/// Raises GeneratorExit at the paused `yield` (through `throw`); one that was never started
/// or has finished is just marked done.
fn g_close(vm: &mut Vm, a: Args) -> R<Value> {
    if let Some(Obj::Gen(g)) = a.a[0].obj().map(|id| vm.get_mut(id)) {
        if g.done || !g.started {
            g.done = true;
            g.frame = None;
            return Ok(Value::None);
        }
    }
    let e = vm.new_exc("GeneratorExit", "");
    let r = g_throw(
        vm,
        Args {
            a: vec![a.a[0].clone(), e],
            kw: vec![],
        },
    );
    match r {
        Ok(_) => vm.err("RuntimeError", "generator ignored GeneratorExit"),
        Err(Flow::Exc(e)) if vm.exc_is(&e, "GeneratorExit") || vm.exc_is(&e, "StopIteration") => {
            Ok(Value::None)
        }
        Err(e) => Err(e),
    }
}

// ----- constructors of built-in types -----

pub fn parse_int_str(vm: &mut Vm, s: &str, base: u32) -> R<Value> {
    match crate::pyfmt::parse_int(s, base) {
        Ok(crate::pyfmt::PyInt::Small(i)) => Ok(Value::Int(i)),
        Ok(crate::pyfmt::PyInt::Big(b)) => Ok(num::norm(b)),
        Err(m) => vm.err("ValueError", m),
    }
}

pub fn parse_float_str(vm: &mut Vm, s: &str) -> R<f64> {
    crate::pyfmt::parse_float(s).or_else(|m| vm.err("ValueError", m))
}

pub fn construct(
    vm: &mut Vm,
    tag: Tag,
    cls: u32,
    mut args: Vec<Value>,
    mut kw: Vec<(Sym, Value)>,
) -> R<Value> {
    let _ = cls;
    let mut a = Args {
        a: std::mem::take(&mut args),
        kw: std::mem::take(&mut kw),
    };
    let first = a.a.first().cloned();
    Ok(match tag {
        Tag::Int => {
            let base = a.arg_or_kw(vm, 1, "base");
            match (first, base) {
                (None, _) => Value::Int(0),
                (Some(Value::Str(s)), b) => {
                    let b = match b {
                        Some(v) => int_of(vm, &v)? as u32,
                        None => 10,
                    };
                    parse_int_str(vm, &s, b)?
                }
                (Some(v @ (Value::Int(_) | Value::Big(_))), _) => v,
                (Some(Value::Bool(b)), _) => Value::Int(b as i64),
                (Some(Value::Float(f)), _) => {
                    num::float_to_int(f).map_err(|(k, m)| Flow::Exc(vm.new_exc(k, &m)))?
                }
                (Some(v), _) => {
                    for name in ["__int__", "__index__", "__trunc__"] {
                        let s = vm.intern(name);
                        if let Some(m) = vm.lookup_class_attr(&v, s) {
                            return vm.call_sync(m, vec![v.clone()], vec![]);
                        }
                    }
                    let t = vm.type_name(&v);
                    return vm.type_error(format!("int() argument must be a string, a bytes-like object or a real number, not '{}'", t));
                }
            }
        }
        Tag::Float => match first {
            None => Value::Float(0.0),
            Some(Value::Str(s)) => Value::Float(parse_float_str(vm, &s)?),
            Some(v) if num::is_num(&v) => {
                Value::Float(num::to_f64(&v).map_err(|(k, m)| Flow::Exc(vm.new_exc(k, &m)))?)
            }
            Some(v) => {
                let s = vm.intern("__float__");
                if let Some(m) = vm.lookup_class_attr(&v, s) {
                    return vm.call_sync(m, vec![v.clone()], vec![]);
                }
                let t = vm.type_name(&v);
                return vm.type_error(format!(
                    "float() argument must be a string or a real number, not '{}'",
                    t
                ));
            }
        },
        Tag::Str => match first {
            None => Value::str(""),
            Some(v) => Value::str(&vm.to_str(&v)?),
        },
        Tag::Bool => match first {
            None => Value::Bool(false),
            Some(v) => Value::Bool(vm.truthy(&v)?),
        },
        Tag::List => {
            let items = match first {
                None => vec![],
                Some(v) => vm.collect(&v)?,
            };
            vm.new_list(items)
        }
        Tag::Tuple => {
            let items = match first {
                None => vec![],
                Some(v) => vm.collect(&v)?,
            };
            vm.new_tuple(items)
        }
        Tag::Set | Tag::FrozenSet => {
            let d = match first {
                None => Dict::new_set(),
                Some(v) => to_set(vm, &v)?,
            };
            vm.alloc(if tag == Tag::Set {
                Obj::Set(d)
            } else {
                Obj::FrozenSet(d)
            })
        }
        Tag::Dict => {
            let d = vm.alloc(Obj::Dict(Dict::default()));
            if let Some(src) = first {
                dict_update(vm, &d, &src)?;
            }
            for (k, v) in a.kw {
                let ks = vm.syms.rc(k);
                with_dict(vm, &d, |m| {
                    m.insert(HKey::Str(ks.clone()), Value::Str(ks), v)
                });
            }
            d
        }
        Tag::Object => vm.alloc(Obj::Inst(Box::new(Inst {
            class: cls,
            attrs: vec![],
            exc: None,
        }))),
        Tag::Type => match a.a.len() {
            1 => vm
                .class_id_of(&a.a[0])
                .map(Value::Obj)
                .unwrap_or(Value::None),
            3 => {
                let name = s_of(&a.a[0]);
                let bases: Vec<u32> = seq_items(vm, &a.a[1])
                    .iter()
                    .filter_map(|b| b.obj())
                    .collect();
                let ns = a.a[2].obj().unwrap_or(0);
                let code = std::rc::Rc::new(super::code::Code {
                    name: name.clone(),
                    qualname: name.clone(),
                    file: 0,
                    ops: vec![],
                    lines: vec![],
                    consts: vec![],
                    kwnames: vec![],
                    nlocals: 0,
                    local_names: vec![],
                    cell_names: vec![],
                    ncellvars: 0,
                    cell_params: vec![],
                    argcount: 0,
                    posonly: 0,
                    kwonly: 0,
                    varargs: false,
                    varkw: false,
                    is_gen: false,
                    is_class: true,
                    first_line: 0,
                    doc: None,
                });
                vm.codes.push(code);
                let ci = (vm.codes.len() - 1) as u32;
                let fr = super::Frame {
                    code: ci,
                    ..super::empty_frame()
                };
                super::ops::make_class(vm, &fr, bases, ns)?
            }
            _ => return vm.type_error("type() takes 1 or 3 arguments"),
        },
        Tag::Range => bi_range(vm, a)?,
        Tag::Complex => {
            let re = match &first {
                Some(v) => match vm.as_complex(v) {
                    Some(c) => c,
                    None => {
                        return vm
                            .type_error("complex() first argument must be a string or a number")
                    }
                },
                None => (0.0, 0.0),
            };
            let im = match a.get(1).cloned() {
                Some(v) => vm.as_complex(&v).unwrap_or((0.0, 0.0)),
                None => (0.0, 0.0),
            };
            vm.alloc(Obj::Complex(re.0 - im.1, re.1 + im.0))
        }
        Tag::Bytes | Tag::ByteArray => {
            let b = match (first, a.arg_or_kw(vm, 1, "encoding")) {
                (None, _) => vec![],
                (Some(Value::Str(s)), Some(enc)) => {
                    let encoded = s_encode(
                        vm,
                        Args {
                            a: vec![Value::Str(s), enc],
                            kw: vec![],
                        },
                    )?;
                    bytes_of(vm, &encoded)
                }
                (Some(Value::Str(_)), None) => {
                    return vm.type_error("string argument without an encoding")
                }
                (Some(Value::Int(n)), _) => {
                    if n < 0 {
                        return vm.err("ValueError", "negative count");
                    }
                    super::ops::check_seq_size(vm, n as u64, 1)?;
                    vec![0; n as usize]
                }
                (Some(v), _)
                    if matches!(vm.get_opt(&v), Some(Obj::Bytes(_) | Obj::ByteArray(_))) =>
                {
                    bytes_of(vm, &v)
                }
                (Some(v), _) => {
                    let items = vm.collect(&v)?;
                    let mut out = Vec::with_capacity(items.len());
                    for x in items {
                        match x {
                            Value::Int(n) if (0..256).contains(&n) => out.push(n as u8),
                            Value::Int(_) => {
                                return vm.err("ValueError", "bytes must be in range(0, 256)")
                            }
                            other => {
                                let t = vm.type_name(&other);
                                return vm.type_error(format!(
                                    "'{}' object cannot be interpreted as an integer",
                                    t
                                ));
                            }
                        }
                    }
                    out
                }
            };
            if tag == Tag::ByteArray {
                vm.alloc(Obj::ByteArray(b))
            } else {
                vm.alloc(Obj::Bytes(b))
            }
        }
        _ => {
            let n = vm.class_name(cls);
            return vm.type_error(format!("cannot create '{}' instances", n));
        }
    })
}

/// The VM's side of `fmt % args` (the formatting itself is `pyfmt::percent_format`).
struct PctArgs<'a> {
    vm: &'a mut Vm,
    args: Value,
    items: Option<Vec<Value>>,
}

impl PctArgs<'_> {
    fn arg(&mut self, a: crate::pyfmt::ArgRef) -> Result<Value, crate::pyfmt::PyErrMsg> {
        match a {
            crate::pyfmt::ArgRef::Pos(i) => Ok(match &self.items {
                Some(t) => t.get(i).cloned().unwrap_or(Value::None),
                None => self.args.clone(),
            }),
            crate::pyfmt::ArgRef::Key(k) => {
                let args = self.args.clone();
                self.vm
                    .subscr(&args, &Value::str(k))
                    .map_err(|e| self.exc_to_msg(e))
            }
        }
    }

    /// Turns a raised exception into the message form (`KeyError` keeps its repr'd key).
    fn exc_to_msg(&mut self, e: Flow) -> crate::pyfmt::PyErrMsg {
        let Flow::Exc(e) = e else {
            return crate::pyfmt::PyErrMsg::type_error(
                "blocking call inside a builtin callback is not supported",
            );
        };
        let kind = [
            "KeyError",
            "TypeError",
            "ValueError",
            "IndexError",
            "OverflowError",
        ]
        .into_iter()
        .find(|k| self.vm.exc_is(&e, k))
        .unwrap_or("TypeError");
        let msg = self.vm.to_str(&e).unwrap_or_default();
        crate::pyfmt::PyErrMsg { kind, msg }
    }
}

impl crate::pyfmt::PercentArgs for PctArgs<'_> {
    fn tuple_len(&self) -> Option<usize> {
        self.items.as_ref().map(|t| t.len())
    }
    fn is_mapping(&self) -> bool {
        match self.vm.get_opt(&self.args) {
            Some(Obj::Dict(_)) => true,
            Some(Obj::Inst(_)) => self
                .vm
                .lookup_class_attr(&self.args, sym::GETITEM)
                .is_some(),
            _ => false,
        }
    }
    fn value(
        &mut self,
        a: crate::pyfmt::ArgRef,
    ) -> Result<crate::pyfmt::PctValue, crate::pyfmt::PyErrMsg> {
        let v = self.arg(a)?;
        Ok(match &v {
            Value::Float(f) => crate::pyfmt::PctValue::Float(*f),
            Value::Str(s) => crate::pyfmt::PctValue::Str(s.to_string()),
            x if num::is_int(x) => crate::pyfmt::PctValue::Int(num::big(x).unwrap()),
            x => crate::pyfmt::PctValue::Other(self.vm.type_name(x)),
        })
    }
    fn str_of(&mut self, a: crate::pyfmt::ArgRef) -> Result<String, crate::pyfmt::PyErrMsg> {
        let v = self.arg(a)?;
        self.vm.to_str(&v).map_err(|e| self.exc_to_msg(e))
    }
    fn repr_of(&mut self, a: crate::pyfmt::ArgRef) -> Result<String, crate::pyfmt::PyErrMsg> {
        let v = self.arg(a)?;
        self.vm.repr(&v).map_err(|e| self.exc_to_msg(e))
    }
    fn ascii_of(&mut self, a: crate::pyfmt::ArgRef) -> Result<String, crate::pyfmt::PyErrMsg> {
        let r = self.repr_of(a)?;
        Ok(ascii_of(&r))
    }
}

/// `fmt % args`.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: &Value) -> R<String> {
    let items = match vm.get_opt(args) {
        Some(Obj::Tuple(t)) => Some(t.clone()),
        _ => None,
    };
    let mut pa = PctArgs {
        vm,
        args: args.clone(),
        items,
    };
    match crate::pyfmt::percent_format(fmt, &mut pa) {
        Ok(s) => Ok(s),
        Err(e) => {
            if e.kind == "KeyError" {
                let cls = vm.exc_classes["KeyError"];
                let key = e.msg.trim_matches('\'').to_string();
                return Err(Flow::Exc(vm.make_exc(cls, vec![Value::str(&key)])));
            }
            vm.err(e.kind, e.msg)
        }
    }
}

pub fn range_length(start: i64, stop: i64, step: i64) -> i64 {
    range_len(start, stop, step)
}

pub fn to_u64_lossy(b: &BigInt) -> u64 {
    b.to_u64().unwrap_or(u64::MAX)
}

/// Whether the class behind `tag` is a builtin type whose class pattern matches its single
/// positional sub-pattern against the subject itself (`case int(n):`).
fn matches_self(tag: Option<Tag>) -> bool {
    matches!(
        tag,
        Some(
            Tag::Bool
                | Tag::Bytes
                | Tag::Dict
                | Tag::Float
                | Tag::FrozenSet
                | Tag::Int
                | Tag::List
                | Tag::Set
                | Tag::Str
                | Tag::Tuple
        )
    )
}

/// `$match_seq(subject, n, starred)`: a sequence pattern's structure check (a list, tuple or
/// range — not a str, bytes or dict — of exactly `n` items, or at least `n - 1` with a star).
fn match_seq(vm: &mut Vm, a: Args) -> R<Value> {
    let is_seq = [Tag::List, Tag::Tuple, Tag::Range]
        .iter()
        .any(|t| vm.isinstance(&a.a[0], vm.types[t]));
    if !is_seq {
        return Ok(Value::Bool(false));
    }
    let n = match a.a[1] {
        Value::Int(n) => n as usize,
        _ => 0,
    };
    let len = vm.len(&a.a[0])?;
    let starred = matches!(a.a[2], Value::Bool(true));
    Ok(Value::Bool(if starred { len + 1 >= n } else { len == n }))
}

/// `$match_map(subject)`: a mapping pattern's type check.
fn match_map(vm: &mut Vm, a: Args) -> R<Value> {
    Ok(Value::Bool(vm.isinstance(&a.a[0], vm.types[&Tag::Dict])))
}

/// `$match_rest(subject, keys)`: the `**rest` of a mapping pattern, a new dict without `keys`.
fn match_rest(vm: &mut Vm, a: Args) -> R<Value> {
    let items = vm.collect(&a.a[0])?;
    let keys = vm.collect(&a.a[1])?;
    let mut skip = Vec::new();
    for k in &keys {
        skip.push(vm.hkey(k)?);
    }
    let mut d = Dict::default();
    for k in items {
        let hk = vm.hkey(&k)?;
        if skip.contains(&hk) {
            continue;
        }
        let v = vm.subscr(&a.a[0], &k)?;
        d.insert(hk, k, v);
    }
    Ok(vm.alloc(Obj::Dict(d)))
}

/// `$match_class(subject, cls, npos, kwnames)`: a class pattern's check. `None` when the
/// subject is not an instance or lacks an attribute; otherwise the tuple of the values the
/// sub-patterns match: the positional ones (named by `cls.__match_args__`), then `kwnames`.
fn match_class(vm: &mut Vm, a: Args) -> R<Value> {
    let (subj, cls) = (a.a[0].clone(), a.a[1].clone());
    let Some(cid) = cls.obj().filter(|&c| matches!(vm.get(c), Obj::Class(_))) else {
        let t = vm.type_name(&cls);
        return vm.type_error(format!("called match pattern must be a class (got {t})"));
    };
    if !vm.isinstance(&subj, cid) {
        return Ok(Value::None);
    }
    let npos = match a.a[2] {
        Value::Int(n) => n as usize,
        _ => 0,
    };
    let mut names: Vec<Value> = Vec::new();
    if npos > 0 {
        let ma = vm.intern("__match_args__");
        match vm.getattr_opt(&cls, ma)? {
            Some(args) => {
                let args = vm.collect(&args)?;
                let cname = vm.class_name(cid);
                if npos > args.len() {
                    return vm.type_error(format!(
                        "{cname}() accepts {} positional sub-pattern{} ({npos} given)",
                        args.len(),
                        if args.len() == 1 { "" } else { "s" }
                    ));
                }
                names.extend(args.into_iter().take(npos));
            }
            None => {
                let tag = match vm.get(cid) {
                    Obj::Class(c) => c.tag,
                    _ => None,
                };
                let cname = vm.class_name(cid);
                if !matches_self(tag) || npos > 1 {
                    let accepted = usize::from(matches_self(tag));
                    return vm.type_error(format!(
                        "{cname}() accepts {accepted} positional sub-pattern{} ({npos} given)",
                        if accepted == 1 { "" } else { "s" }
                    ));
                }
            }
        }
    }
    let mut out = Vec::new();
    if npos > 0 && names.is_empty() {
        out.push(subj.clone());
    }
    names.extend(vm.collect(&a.a[3])?);
    for n in names {
        let s = name_arg(vm, &n)?;
        match vm.getattr_opt(&subj, s) {
            Ok(Some(v)) => out.push(v),
            Ok(None) => return Ok(Value::None),
            Err(Flow::Exc(e)) if vm.exc_is(&e, "AttributeError") => return Ok(Value::None),
            Err(e) => return Err(e),
        }
    }
    Ok(vm.alloc(Obj::Tuple(out)))
}
