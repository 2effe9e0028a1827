//! Bytecode: the compiler's output, the VM's input.

use super::value::{Sym, Value};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// One instruction. Operands are resolved at compile time (local slots, global slots, interned
/// names, jump targets), so the dispatch loop never looks a name up by string. Kept at 8 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    Nop,
    Pop,
    Dup,
    Dup2,
    Rot2,
    Rot3,
    Rot4,
    LoadConst(u32),
    LoadNone,
    LoadSmall(i32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadDeref(u32),
    /// Pushes the cell object itself (to build a closure).
    LoadClosureCell(u32),
    StoreDeref(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Class bodies: namespace dict, then globals, then builtins.
    LoadName(Sym),
    StoreName(Sym),
    DeleteName(Sym),
    LoadAttr(Sym),
    StoreAttr(Sym),
    DeleteAttr(Sym),
    /// Pushes `[callable, self-or-Undef]` so that `CallMethod` needs no bound-method object.
    LoadMethod(Sym),
    CallMethod(u32),
    Call(u32),
    /// Positional args then keyword values; `kw` indexes a constant tuple of names in `Code::kwnames`.
    CallKw {
        argc: u16,
        kw: u16,
    },
    /// Stack: callable, args tuple, kwargs dict (or None).
    CallEx,
    Binary(BinOpK),
    InPlace(BinOpK),
    Compare(CmpK),
    Not,
    Neg,
    Pos,
    Invert,
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Top of stack: an iterator. Pushes the next item, or pops it and jumps when exhausted.
    ForIter(u32),
    /// Stack: callable, args...: if callable is builtin `range` with int args, pushes the three
    /// ints `[cur, stop, step]` (no heap object), else calls it and pushes `[iter, Undef, Undef]`.
    RangeSetup(u32),
    /// The loop over what `RangeSetup` pushed.
    ForRange(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    BuildDict(u32),
    BuildString(u32),
    BuildSlice(u32),
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    ListExtend(u32),
    SetUpdate(u32),
    DictUpdate(u32),
    ListToTuple,
    /// conversion: 0 none, 1 str, 2 repr, 3 ascii; +4 when a format spec is on the stack.
    FormatValue(u8),
    Subscr,
    StoreSubscr,
    DeleteSubscr,
    UnpackSeq(u32),
    UnpackEx {
        before: u16,
        after: u16,
    },
    /// flags: 1 defaults tuple, 2 kwdefaults dict, 4 closure tuple on the stack.
    MakeFunction {
        code: u32,
        flags: u8,
    },
    /// Stack: bases tuple, kwargs dict; runs class body `code` then builds the class.
    BuildClass {
        code: u32,
    },
    Return,
    Yield,
    SetupExcept(u32),
    SetupFinally(u32),
    PopBlock,
    /// Ends an `except` handler: forgets the exception being handled.
    PopExcept,
    /// 0: reraise current, 1: raise TOS, 2: raise TOS1 from TOS.
    Raise(u8),
    /// Re-raises the exception on top of the stack (end of a `finally` or unmatched handlers).
    Reraise,
    /// Stack: exc, type -> exc, bool.
    ExcMatch,
    /// Stack: context manager -> exit bound, enter result.
    WithEnter,
    /// Stack: exit, exc -> calls exit(type, exc, tb); pushes whether it suppressed.
    WithExit,
    Import(Sym),
    ImportFrom(Sym),
    ImportStar,
    LoadAssertionError,
    /// The return value of the generator the last exhausted `ForIter` ran (`yield from`).
    LoadGenReturn,
    /// A `b'...'` literal: the constant is a str of the bytes as Latin-1 characters.
    LoadBytes(u32),
    /// An imaginary literal `4j`: the constant is its float value.
    LoadImag(u32),
    ContainsOp(bool),
    IsOp(bool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BinOpK {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    Or,
    Xor,
    And,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpK {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// A compiled function, module or class body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Code {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    /// Index into the VM's source files.
    pub file: u32,
    pub ops: Vec<Op>,
    /// Source line of each op.
    pub lines: Vec<u32>,
    pub consts: Vec<Value>,
    pub kwnames: Vec<Vec<Sym>>,
    pub nlocals: u32,
    pub local_names: Vec<Sym>,
    /// Cells created by this frame (`cellvars`), then the closure's (`freevars`).
    pub cell_names: Vec<Sym>,
    pub ncellvars: u32,
    /// For each cellvar that is also a parameter: (local slot, cell index).
    pub cell_params: Vec<(u32, u32)>,
    pub argcount: u32,
    pub posonly: u32,
    pub kwonly: u32,
    pub varargs: bool,
    pub varkw: bool,
    pub is_gen: bool,
    /// Class body: names go to a namespace dict.
    pub is_class: bool,
    pub first_line: u32,
    /// The docstring (`__doc__`) of a function.
    #[serde(default)]
    pub doc: Option<Rc<str>>,
}

impl Code {
    pub fn param_names(&self) -> &[Sym] {
        &self.local_names[..(self.argcount + self.kwonly) as usize]
    }
}
