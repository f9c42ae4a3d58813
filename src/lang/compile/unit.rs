//! One code unit under construction: instructions with their lines and exception handlers, labels and their
//! patching, the constant and name tables, and the frame-block stack (what a `break`, `continue` or
//! `return` must unwind).

use std::collections::HashMap;
use std::sync::Arc;

use super::fold::ConstKey;
use super::stackdepth;
use crate::lang::ast::Stmt;
use crate::lang::bytecode::{CodeFlags, CodeUnit, ConstValue, ExcEntry, Instr};

/// A position in the instruction stream, bound once; jumps name it until the unit is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Label(pub u32);

/// An exception handler in effect: where to go and the stack depth to unwind to.
pub(super) type Handler = (Label, u32);

/// What a frame block is (CPython's `fblocktype`).
#[derive(Debug, Clone, Copy)]
pub(super) enum FKind<'a> {
    /// A `while` loop: `continue` jumps to `start`, `break` to `exit`.
    While { start: Label, exit: Label },
    /// A `for` loop; its iterator is on the stack.
    For { start: Label, exit: Label },
    /// The body of a `try` with `except` handlers.
    TryExcept,
    /// The body (and handlers) of a `try` with a `finally`, which unwinding runs inline.
    FinallyTry(&'a [Stmt]),
    /// A `finally` body run for an exception: `[prev, exc]` are on the stack.
    FinallyEnd,
    /// A `with` body: the `__exit__` method is on the stack.
    With,
    /// The matching part of `except` clauses: `[prev, exc]` are on the stack (no statements run here).
    ExceptionHandler,
    /// An `except` body: `prev` is on the stack; the name is the `as` target to clear on the way out.
    HandlerCleanup(Option<&'a str>),
    /// A `return` value kept on the stack while a `finally` body runs inline.
    PopValue,
}

impl FKind<'_> {
    /// How many values this block keeps on the stack.
    pub fn items(self) -> u32 {
        match self {
            FKind::For { .. } | FKind::With | FKind::HandlerCleanup(_) | FKind::PopValue => 1,
            FKind::FinallyEnd => 2,
            _ => 0,
        }
    }
}

/// A frame block: its kind and the exception handler it installs, if any.
#[derive(Debug, Clone, Copy)]
pub(super) struct FBlock<'a> {
    /// What it is.
    pub kind: FKind<'a>,
    /// The handler in effect inside it.
    pub handler: Option<Handler>,
}

/// A code unit being built.
#[derive(Debug)]
pub(super) struct Unit<'a> {
    /// The symbol-table scope it compiles.
    pub scope: usize,
    pub name: String,
    pub qualname: String,
    pub firstline: u32,
    /// The line that emitted instructions get.
    pub line: u32,
    pub instrs: Vec<Instr>,
    pub lines: Vec<u32>,
    handlers: Vec<Option<Handler>>,
    labels: Vec<Option<u32>>,
    /// Whether some emitted jump or covered instruction leads to each label.
    referenced: Vec<bool>,
    pub consts: Vec<ConstValue>,
    const_index: HashMap<ConstKey, u32>,
    pub names: Vec<String>,
    name_index: HashMap<String, u32>,
    pub varnames: Vec<String>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub argcount: u32,
    pub kwonlyargcount: u32,
    pub flags: CodeFlags,
    /// Frame blocks, innermost last.
    pub fblocks: Vec<FBlock<'a>>,
    /// False right after an unconditional jump, return or raise, until a label that something leads to is
    /// bound: instructions emitted there could never run and are dropped.
    reachable: bool,
}

impl<'a> Unit<'a> {
    /// An empty unit for `scope`.
    pub fn new(scope: usize, name: &str, qualname: String, firstline: u32) -> Self {
        Self {
            scope,
            name: name.to_owned(),
            qualname,
            firstline,
            line: firstline,
            instrs: Vec::new(),
            lines: Vec::new(),
            handlers: Vec::new(),
            labels: Vec::new(),
            referenced: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            argcount: 0,
            kwonlyargcount: 0,
            flags: CodeFlags::default(),
            fblocks: Vec::new(),
            reachable: true,
        }
    }

    /// Append an instruction (dropped in unreachable code).
    pub fn emit(&mut self, instr: Instr) {
        if !self.reachable {
            return;
        }
        let handler = self.fblocks.iter().rev().find_map(|b| b.handler);
        if let Some((label, _)) = handler {
            self.referenced[label.0 as usize] = true;
        }
        if let Some(target) = stackdepth::jump_target(instr) {
            self.referenced[target as usize] = true;
        }
        self.instrs.push(instr);
        self.lines.push(self.line);
        self.handlers.push(handler);
        if matches!(
            instr,
            Instr::Jump(_) | Instr::JumpBackward(_) | Instr::ReturnValue | Instr::Raise(_) | Instr::Reraise
        ) {
            self.reachable = false;
        }
    }

    /// A new unbound label.
    pub fn label(&mut self) -> Label {
        self.labels.push(None);
        self.referenced.push(false);
        Label(self.labels.len() as u32 - 1)
    }

    /// Bind `label` to the next instruction. Code after it is reachable if code before it was or if some
    /// jump or handler leads to it (only backward jumps can come later, from code that follows it, which
    /// is unreachable too if the label is).
    pub fn bind(&mut self, label: Label) {
        debug_assert!(self.labels[label.0 as usize].is_none(), "label bound twice");
        self.labels[label.0 as usize] = Some(self.instrs.len() as u32);
        self.reachable |= self.referenced[label.0 as usize];
    }

    /// An unconditional jump: `JumpBackward` to a bound label, `Jump` forward otherwise.
    pub fn jump(&mut self, label: Label) {
        if self.labels[label.0 as usize].is_some() {
            self.emit(Instr::JumpBackward(label.0));
        } else {
            self.emit(Instr::Jump(label.0));
        }
    }

    /// The index of a constant, added if new (equal constants of the same type share a slot).
    pub fn add_const(&mut self, value: ConstValue) -> u32 {
        let key = ConstKey::of(&value);
        if let Some(&i) = self.const_index.get(&key) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.consts.push(value);
        self.const_index.insert(key, i);
        i
    }

    /// The index of a name in `names`, added if new.
    pub fn add_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.names.push(name.to_owned());
        self.name_index.insert(name.to_owned(), i);
        i
    }

    /// The slot of a local variable, added if new.
    pub fn varname(&mut self, name: &str) -> u32 {
        match self.varnames.iter().position(|v| v == name) {
            Some(i) => i as u32,
            None => {
                self.varnames.push(name.to_owned());
                self.varnames.len() as u32 - 1
            }
        }
    }

    /// The index of a cell (cellvars, then freevars), if `name` has one.
    pub fn cell_index(&self, name: &str) -> Option<u32> {
        let cell = self.cellvars.iter().position(|c| c == name);
        let free = || self.freevars.iter().position(|c| c == name).map(|i| i + self.cellvars.len());
        cell.or_else(free).map(|i| i as u32)
    }

    /// The stack depth at statement level: the values the enclosing frame blocks keep.
    pub fn stack_base(&self) -> u32 {
        self.fblocks.iter().map(|b| b.kind.items()).sum()
    }

    /// Resolve labels, build the exception table, compute the stack size.
    pub fn finish(mut self, filename: Arc<str>) -> CodeUnit {
        let pos = |labels: &[Option<u32>], l: u32| labels[l as usize].expect("every jump target is bound");
        for instr in &mut self.instrs {
            if let Some(t) = stackdepth::jump_target_mut(instr) {
                *t = pos(&self.labels, *t);
            }
        }
        let mut exc_table: Vec<ExcEntry> = Vec::new();
        for (pc, h) in self.handlers.iter().enumerate() {
            let Some((label, depth)) = *h else { continue };
            let target = pos(&self.labels, label.0);
            match exc_table.last_mut() {
                Some(e) if e.end == pc as u32 && e.target == target && e.depth == depth => e.end += 1,
                _ => exc_table.push(ExcEntry { start: pc as u32, end: pc as u32 + 1, target, depth }),
            }
        }
        // A failure here is a code generation bug: fatal in debug builds, a generous guess otherwise.
        let stacksize = stackdepth::max_depth(&self.instrs, &exc_table).unwrap_or_else(|e| {
            if cfg!(debug_assertions) {
                panic!("inconsistent stack in {}: {e}", self.qualname);
            }
            64
        });
        CodeUnit {
            name: self.name,
            qualname: self.qualname,
            filename,
            firstline: self.firstline,
            instrs: self.instrs,
            lines: self.lines,
            consts: self.consts,
            names: self.names,
            varnames: self.varnames,
            cellvars: self.cellvars,
            freevars: self.freevars,
            argcount: self.argcount,
            kwonlyargcount: self.kwonlyargcount,
            flags: self.flags,
            stacksize,
            exc_table,
        }
    }
}
