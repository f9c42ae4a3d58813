//! The bytecode: the contract between the compiler ([`super::compile`]) and the virtual machine that runs it
//! (a layer above this one, which nothing in `lang` names).
//!
//! It follows CPython 3.11's instruction set closely (a stack machine with a zero-cost exception table), so
//! the refcount traffic per instruction is CPython's, but an instruction is one Rust enum value of 8 bytes
//! (an opcode byte and a `u32` argument) matched by the eval loop: no decoding, no per-instruction allocation.
//!
//! Stack effects below are written `[before] -> [after]`, top of stack last. "Jump to `t`" means set the
//! program counter to instruction index `t` of the same [`CodeUnit`].
//!
//! A [`CodeUnit`] is strategy-free: the VM turns it into a `code` object (its constants become objects) once
//! per unit.

use std::sync::Arc;

use super::ast::{BinOp, CmpOp};

/// One instruction. Arguments are indices into the [`CodeUnit`]'s tables, counts, or jump targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Instr {
    /// Does nothing.
    Nop,
    /// `[] -> [consts[i]]`
    LoadConst(u32),
    /// `[] -> [locals[i]]`; an unbound local raises `UnboundLocalError: cannot access local variable 'x'
    /// where it is not associated with a value` (x = `varnames[i]`).
    LoadFast(u32),
    /// `[v] -> []`, `locals[i] = v`
    StoreFast(u32),
    /// `[] -> []`, unbinds `locals[i]` (unbound: `UnboundLocalError` as for `LoadFast`).
    DeleteFast(u32),
    /// `[] -> [cells[i].value]`. The frame's cells are `cellvars` followed by `freevars`, so `i` indexes that
    /// concatenation. Empty cell: `NameError: cannot access free variable 'x' where it is not associated
    /// with a value in enclosing scope` for a free variable, `UnboundLocalError` as for `LoadFast` for a
    /// cellvar.
    LoadDeref(u32),
    /// `[v] -> []`, `cells[i].value = v`
    StoreDeref(u32),
    /// `[] -> [cells[i]]`: the cell object itself, to build a closure tuple for [`Instr::MakeFunction`].
    LoadClosure(u32),
    /// `[] -> [v]`: `names[i]` looked up in the function's globals, then builtins; missing: `NameError: name
    /// 'x' is not defined`.
    LoadGlobal(u32),
    /// `[v] -> []`, `globals[names[i]] = v`
    StoreGlobal(u32),
    /// `[] -> []`, `del globals[names[i]]` (missing: `NameError`).
    DeleteGlobal(u32),
    /// `[] -> [v]`: `names[i]` looked up in the frame's locals dict (class bodies, module level), then
    /// globals, then builtins.
    LoadName(u32),
    /// `[v] -> []`: store into the frame's locals dict (the module's globals at module level).
    StoreName(u32),
    /// `[] -> []`: delete from the frame's locals dict (missing: `NameError`).
    DeleteName(u32),
    /// `[obj] -> [obj.names[i]]`
    LoadAttr(u32),
    /// `[v, obj] -> []`, `obj.names[i] = v`
    StoreAttr(u32),
    /// `[obj] -> []`, `del obj.names[i]`
    DeleteAttr(u32),
    /// `[obj] -> [meth, obj]` when `obj.names[i]` is a function found on the class (the method is then
    /// called unbound with `obj` as first argument), else `[obj] -> [attr, NULL]` with the ordinary
    /// attribute value; see [`Instr::CallMethod`]. (The VM represents NULL however it likes.)
    LoadMethod(u32),
    /// `[meth, self_or_null, arg1 .. argN] -> [result]`: after [`Instr::LoadMethod`]. If the second slot is
    /// a real object, call `meth(self, arg1..argN)`; if NULL, call `meth(arg1..argN)`.
    CallMethod(u32),
    /// `[f, arg1 .. argN] -> [result]`: positional call with N arguments.
    Call(u32),
    /// `[f, arg1 .. argN, kwnames] -> [result]`: `kwnames` is a constant tuple of K strs; the last K of the
    /// N arguments are passed by those keywords, the first N−K positionally.
    CallKw(u32),
    /// `[f, args_tuple] -> [result]` if the argument is 0, `[f, args_tuple, kwargs_dict] -> [result]` if 1:
    /// calls with `*args` (and `**kwargs`) already collected into a tuple (and a dict).
    CallEx(u32),
    /// `[v] -> []`
    PopTop,
    /// `[v] -> [v, v]`
    DupTop,
    /// `[a, b] -> [a, b, a, b]`
    DupTopTwo,
    /// `[a, b] -> [b, a]`
    RotTwo,
    /// `[a, b, c] -> [c, a, b]`
    RotThree,
    /// `[a, b, c, d] -> [d, a, b, c]`
    RotFour,
    /// `[a, b] -> [a op b]`. Augmented assignment uses [`Instr::InplaceOp`].
    BinaryOp(BinOp),
    /// `[a, b] -> [a op= b]`: like `BinaryOp` except that lists extend in place for `+=`.
    InplaceOp(BinOp),
    /// `[a] -> [-a]`
    UnaryNegative,
    /// `[a] -> [+a]`
    UnaryPositive,
    /// `[a] -> [not a]`
    UnaryNot,
    /// `[a] -> [~a]`
    UnaryInvert,
    /// `[a, b] -> [a op b]` for `Eq NotEq Lt LtE Gt GtE`; `Is`/`IsNot`/`In`/`NotIn` too (the compiler may
    /// emit them here; the VM handles all ten).
    CompareOp(CmpOp),
    /// `[container, key] -> [container[key]]`
    BinarySubscr,
    /// `[v, container, key] -> []`, `container[key] = v`
    StoreSubscr,
    /// `[container, key] -> []`, `del container[key]`
    DeleteSubscr,
    /// `[lower, upper] -> [slice]` if 2, `[lower, upper, step] -> [slice]` if 3 (missing parts are `None`).
    BuildSlice(u32),
    /// `[v1 .. vN] -> [(v1, .., vN)]`
    BuildTuple(u32),
    /// `[v1 .. vN] -> [[v1, .., vN]]`
    BuildList(u32),
    /// `[k1, v1 .. kN, vN] -> [{k1: v1, ..}]`
    BuildMap(u32),
    /// `[s1 .. sN] -> [s1 + .. + sN]`: concatenates N strs (f-strings).
    BuildString(u32),
    /// `[list, x1 .. x(i-1), v] -> [list, x1 .. x(i-1)]`: appends `v` to the list `i` slots down from the top
    /// once `v` is popped (so `ListAppend(1)` appends to the item just below `v`). Comprehensions.
    ListAppend(u32),
    /// `[dict, x1 .. x(i-1), k, v] -> [dict, x1 .. x(i-1)]`: `dict[k] = v`, the dict `i` slots below `k`
    /// once `k, v` are popped.
    MapAdd(u32),
    /// `[list, x1 .. x(i-1), iterable] -> [list, x1 .. x(i-1)]`: extends the list with the iterable
    /// (starred items in list/tuple displays and call arguments).
    ListExtend(u32),
    /// `[list] -> [tuple]`
    ListToTuple,
    /// `[dict, x1 .. x(i-1), mapping] -> [dict, x1 .. x(i-1)]`: `dict.update(mapping)` (`**` in calls).
    DictMerge(u32),
    /// `[v] -> [str]` if bit 2 of the argument is 0, `[v, spec] -> [str]` if it is 1; bits 0–1 pick the
    /// conversion first: 0 none, 1 `!s`, 2 `!r`, 3 `!a`. Then `format(v, spec)`.
    FormatValue(u32),
    /// `[seq] -> [vN .. v1]`: unpacks exactly N items, the first on top. Wrong count: `ValueError: too many
    /// values to unpack (expected N)` / `not enough values to unpack (expected N, got M)`.
    UnpackSequence(u32),
    /// `[seq] -> [vlast .. list, .. v1]`: starred unpacking; the low 8 bits are the count before the star,
    /// the next 8 the count after; the starred part becomes a list. Items come out first on top.
    UnpackEx(u32),
    /// `[iterable] -> [iter(iterable)]`
    GetIter,
    /// `[it] -> [it, next(it)]`, or when the iterator is exhausted `[it] -> []` and jump to `t`.
    ForIter(u32),
    /// Jump to `t` (forward).
    Jump(u32),
    /// Jump to `t`, which is backward: the VM polls its safepoint here (loops).
    JumpBackward(u32),
    /// `[v] -> []`, jump to `t` if `v` is false.
    PopJumpIfFalse(u32),
    /// `[v] -> []`, jump to `t` if `v` is true.
    PopJumpIfTrue(u32),
    /// `[v] -> [v]` and jump to `t` if `v` is false, else `[v] -> []` (`and`).
    JumpIfFalseOrPop(u32),
    /// `[v] -> [v]` and jump to `t` if `v` is true, else `[v] -> []` (`or`).
    JumpIfTrueOrPop(u32),
    /// `[v] -> (returns v)`
    ReturnValue,
    /// `[v] -> (suspends the generator, yielding v)`; when resumed: `[] -> [sent]` (`None` for `next`).
    YieldValue,
    /// Build a function: `[defaults?, kwdefaults?, closure?, code] -> [function]`, where bit 0 of the argument
    /// says a tuple of positional defaults is present, bit 1 a dict of keyword-only defaults, bit 3 a tuple
    /// of cells (the new function's `freevars`, in order). The function's name is the code's name and its
    /// globals the current frame's globals.
    MakeFunction(u32),
    /// `[body_function, name, base1 .. baseN] -> [class]` (N is 0 or 1): runs the class body function with a
    /// fresh namespace dict as its locals (`LoadName`/`StoreName`), then builds the class from the namespace.
    /// If the body returns a cell (its `__class__` cellvar, via `LoadClosure; ReturnValue`), the new class is
    /// stored in it, so zero-argument `super()` in methods works; otherwise it returns `None`.
    BuildClass(u32),
    /// `[] -> [super(cls, obj)]`: zero-argument `super()` inside a method. `cls` is in `cells[i]` (the
    /// method's `__class__` free variable) and `obj` is `locals[0]` (the first parameter).
    LoadSuper(u32),
    /// `[] -> [module]`: `import names[i]` (built-in modules only: `threading`, `time`, ...).
    ImportName(u32),
    /// `[module] -> [module, module.names[i]]`: `from m import x`.
    ImportFrom(u32),
    /// `[] -> [AssertionError]` (the class, as `LOAD_ASSERTION_ERROR`).
    LoadAssertionError,
    /// Raise: argument 0 re-raises the exception being handled (`RuntimeError: No active exception to
    /// reraise` if none); 1 is `[exc] -> raise exc`; 2 is `[exc, cause] -> raise exc from cause`. `exc` may
    /// be a class (instantiated with no arguments) or an instance.
    Raise(u32),
    /// `[exc] -> (re-raise exc)`, keeping its traceback and adding no entry (the end of a `finally` or of a
    /// handler that did not match).
    Reraise,
    /// `[exc] -> [previous, exc]`: the start of an `except`/`finally` handler. `previous` is the exception
    /// that was being handled before (or `None`), saved so [`Instr::PopExcept`] can restore it; `exc` becomes
    /// the exception being handled (for a bare `raise` and `__context__`).
    PushExcInfo,
    /// `[previous] -> []`: restores the exception being handled to `previous`.
    PopExcept,
    /// `[exc, type] -> [exc, bool]`: whether `exc` is an instance of `type` (a class or a tuple of classes;
    /// anything else: `TypeError: catching classes that do not inherit from BaseException is not allowed`).
    CheckExcMatch,
    /// `[mgr] -> [exit, mgr.__enter__()]`: `exit` is the bound `__exit__` method.
    BeforeWith,
    /// `[exit, prev, exc] -> [exit, prev, exc, exit(type(exc), exc, None)]`: calls `__exit__` for an exception
    /// leaving a `with` body (`prev` is what [`Instr::PushExcInfo`] saved; it is not touched).
    WithExceptStart,
    // Superinstructions, written by the peephole pass (`super::peephole`) over the first instruction of a
    // pair. The second instruction stays in place (a jump may land on it); the fused one executes both and
    // skips it. An error in the second half is reported at the second instruction, as if unfused.
    /// `LoadFast(a)` then `LoadFast(b)`.
    LoadFastLoadFast(u16, u16),
    /// `LoadFast(a)` then `LoadConst(b)`.
    LoadFastLoadConst(u16, u16),
    /// `StoreFast(a)` then `LoadFast(b)`.
    StoreFastLoadFast(u16, u16),
    /// `LoadFast(a)` then `LoadAttr(b)`.
    LoadFastLoadAttr(u16, u16),
    /// `CompareOp(op)` then `PopJumpIfFalse`/`PopJumpIfTrue` (read from the next instruction): the
    /// comparison's truth decides the jump without making a bool object.
    CompareJump(CmpOp),
}

/// One entry of the exception table: an exception raised by an instruction in `start..end` pops the value
/// stack down to `depth` items, pushes the exception, and jumps to `target`. Entries are searched in order
/// and the first one that covers the instruction wins, so the compiler lists inner ranges first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExcEntry {
    /// First covered instruction.
    pub start: u32,
    /// One past the last covered instruction.
    pub end: u32,
    /// The handler.
    pub target: u32,
    /// Stack depth to unwind to before pushing the exception.
    pub depth: u32,
}

/// A constant in a code unit.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstValue {
    /// `None`
    None,
    /// `True`/`False`
    Bool(bool),
    /// An int literal (or a folded constant expression).
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A str literal.
    Str(String),
    /// `...`
    Ellipsis,
    /// A tuple of constants (folded tuple displays, keyword-name tuples of [`Instr::CallKw`]).
    Tuple(Vec<ConstValue>),
    /// A nested code unit (function, lambda, comprehension, class body).
    Code(Arc<CodeUnit>),
}

/// Code flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CodeFlags {
    /// A function body (locals are fast slots), as opposed to module or class body (locals are a dict).
    pub optimized: bool,
    /// Has a `*args` parameter (the slot after the positional and keyword-only parameters).
    pub varargs: bool,
    /// Has a `**kwargs` parameter (the slot after `*args`, if any).
    pub varkeywords: bool,
    /// Contains `yield`: calling it makes a generator.
    pub generator: bool,
}

/// A compiled function, lambda, comprehension, class body or module.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodeUnit {
    /// `__name__`: the function name, `<lambda>`, `<listcomp>`, `<dictcomp>`, `<genexpr>`, the class name, or
    /// `<module>`.
    pub name: String,
    /// `__qualname__` (e.g. `Point.norm`, `outer.<locals>.inner`).
    pub qualname: String,
    /// The source file as given on the command line.
    pub filename: Arc<str>,
    /// Line of the `def`/`class`/`lambda` (1 for a module).
    pub firstline: u32,
    /// The instructions.
    pub instrs: Vec<Instr>,
    /// The source line of each instruction (same length as `instrs`).
    pub lines: Vec<u32>,
    /// Constants (`LoadConst`, `CallKw` keyword names, nested code).
    pub consts: Vec<ConstValue>,
    /// Names (globals, attributes, `LoadName`/`StoreName`, imports).
    pub names: Vec<String>,
    /// Local variable slots: the positional parameters first, then keyword-only parameters, then `*args`,
    /// then `**kwargs`, then the other locals.
    pub varnames: Vec<String>,
    /// Variables of this scope captured by inner scopes (each lives in a cell). A parameter that is also a
    /// cellvar keeps its `varnames` slot too: the compiler copies it into the cell at the start of the body.
    pub cellvars: Vec<String>,
    /// Variables of enclosing scopes this one uses (cells passed in the closure tuple, in this order).
    pub freevars: Vec<String>,
    /// Number of positional parameters.
    pub argcount: u32,
    /// Number of keyword-only parameters.
    pub kwonlyargcount: u32,
    /// Flags.
    pub flags: CodeFlags,
    /// The most values the value stack holds at once.
    pub stacksize: u32,
    /// The exception table.
    pub exc_table: Vec<ExcEntry>,
}

impl CodeUnit {
    /// The source line of instruction `pc` (the first line for an out-of-range index).
    pub fn line_of(&self, pc: usize) -> u32 {
        self.lines.get(pc).copied().unwrap_or(self.firstline)
    }

    /// The first exception-table entry covering instruction `pc`.
    pub fn handler_for(&self, pc: usize) -> Option<&ExcEntry> {
        let pc = pc as u32;
        self.exc_table.iter().find(|e| e.start <= pc && pc < e.end)
    }
}

const _: () = assert!(std::mem::size_of::<Instr>() == 8);
