//! The compiler: AST → [`CodeUnit`]s, following CPython 3.11's `compile.c` (see `bytecode.rs` for the
//! contract with the VM).
//!
//! A first pass ([`symtable`]) decides where every name lives; code generation then walks each scope into
//! a [`unit::Unit`]: statements ([`stmt`]), control flow with frame blocks and the exception table
//! ([`flow`]), expressions ([`expr`]), calls and f-strings ([`call`]), functions, lambdas and classes
//! ([`func`]), comprehensions ([`comprehension`]), with constant folding ([`fold`]). Finishing a unit
//! resolves its labels, turns the handler in effect at each instruction into exception-table runs (which
//! never overlap, so their order cannot matter), and computes the stack size by abstract interpretation
//! ([`stackdepth`]).
//!
//! Deviations from CPython that the VM must know are documented where they are emitted: exception
//! handlers match with `<type>; CheckExcMatch; PopJumpIfFalse` (no `DupTop`: `CheckExcMatch` keeps the
//! exception), `yield from x` is a plain loop that yields each item (its value is `None`), a class body
//! that needs `__class__` ends `LoadClosure; ReturnValue`, and a free variable of a class body is read with
//! `LoadDeref` (CPython's `LOAD_CLASSDEREF` would try the class namespace first).

mod call;
mod comprehension;
mod dis;
mod expr;
mod flow;
mod fold;
mod func;
mod stackdepth;
mod stmt;
mod symtable;
#[cfg(test)]
mod tests;
mod unit;

use std::sync::Arc;

pub use dis::disassemble;

use super::ast;
use super::bytecode::{CodeUnit, ConstValue, Instr};
use super::error::CompileError;
use symtable::{NameScope, Scope, ScopeKind, SymbolTable};
use unit::Unit;

/// Compile a parsed module. `filename` is what tracebacks print.
pub fn compile(module: &ast::Module, filename: &str) -> Result<Arc<CodeUnit>, CompileError> {
    on_compile_stack(&|| compile_module(module, filename))
}

/// Run `f` on a thread with [`COMPILE_STACK`] bytes of stack (reserved, not committed): code generation
/// recurses once or twice per level of expression nesting, which the parser bounds at 3000. If that thread
/// cannot be started, run it here.
fn on_compile_stack<T: Send>(f: &(dyn Fn() -> T + Sync)) -> T {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().name("gilfree-compile".into()).stack_size(COMPILE_STACK);
        match thread.spawn_scoped(scope, f) {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => f(),
        }
    })
}

/// Stack for the compiling thread.
const COMPILE_STACK: usize = 256 << 20;

fn compile_module(module: &ast::Module, filename: &str) -> Result<Arc<CodeUnit>, CompileError> {
    let table = SymbolTable::build(&module.body)?;
    let mut c = Compiler { table, filename: Arc::from(filename), units: Vec::new() };
    c.units.push(Unit::new(SymbolTable::MODULE, "<module>", "<module>".to_owned(), 1));
    c.stmts(&module.body)?;
    c.load_const(ConstValue::None);
    c.emit(Instr::ReturnValue);
    Ok(c.leave_unit())
}

/// How a name is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Load,
    Store,
    Del,
}

/// The code generator: the symbol table and the stack of units being compiled (the innermost last).
#[derive(Debug)]
struct Compiler<'a> {
    table: SymbolTable,
    filename: Arc<str>,
    units: Vec<Unit<'a>>,
}

/// A compiler bug surfaced as an error rather than a panic.
fn internal(what: &str, line: u32) -> CompileError {
    CompileError::syntax(format!("internal compiler error: {what}"), line, 0)
}

impl<'a> Compiler<'a> {
    /// The unit being compiled.
    fn u(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("a unit is being compiled")
    }

    /// The scope of the unit being compiled.
    fn scope(&self) -> &Scope {
        self.table.get(self.units.last().expect("a unit is being compiled").scope)
    }

    fn emit(&mut self, instr: Instr) {
        self.u().emit(instr);
    }

    fn load_const(&mut self, value: ConstValue) {
        let i = self.u().add_const(value);
        self.emit(Instr::LoadConst(i));
    }

    /// The current line (what emitted instructions get).
    fn line(&mut self) -> u32 {
        self.u().line
    }

    fn set_line(&mut self, line: u32) {
        self.u().line = line;
    }

    /// Start compiling the scope `scope` into a new unit: its qualified name, its cells and free
    /// variables, its parameters, and the copies of parameters that live in cells.
    fn enter_unit(&mut self, scope: usize, name: &str, line: u32) {
        let qualname = self.qualname(scope, name);
        let mut unit = Unit::new(scope, name, qualname, line);
        let s = self.table.get(scope);
        unit.cellvars = s.cellvars.clone();
        unit.freevars = s.freevars.clone();
        unit.varnames = s.params.clone();
        unit.flags.optimized = s.optimized();
        unit.flags.generator = s.generator && s.optimized();
        let copies: Vec<(u32, u32)> = (s.params.iter().enumerate())
            .filter_map(|(slot, p)| Some((slot as u32, unit.cellvars.iter().position(|c| c == p)? as u32)))
            .collect();
        for (slot, cell) in copies {
            unit.emit(Instr::LoadFast(slot));
            unit.emit(Instr::StoreDeref(cell));
        }
        self.units.push(unit);
    }

    /// CPython's `compiler_set_qualname`: nested in a function, `outer.<locals>.name`; in a class or a
    /// comprehension, `Outer.name`; at module level (or declared `global`), just the name.
    fn qualname(&self, scope: usize, name: &str) -> String {
        let Some(parent) = self.units.last().filter(|_| self.units.len() > 1) else { return name.to_owned() };
        let pscope = self.table.get(parent.scope);
        let is_def = matches!(self.table.get(scope).kind, ScopeKind::Class)
            || (self.table.get(scope).kind == ScopeKind::Function && name != "<lambda>");
        if is_def && pscope.lookup(name) == NameScope::GlobalExplicit {
            return name.to_owned();
        }
        match pscope.kind {
            ScopeKind::Function => format!("{}.<locals>.{name}", parent.qualname),
            _ => format!("{}.{name}", parent.qualname),
        }
    }

    /// Finish the innermost unit.
    fn leave_unit(&mut self) -> Arc<CodeUnit> {
        let unit = self.units.pop().expect("a unit is being compiled");
        Arc::new(unit.finish(self.filename.clone()))
    }

    /// Load, store or delete a variable (CPython's `compiler_nameop`).
    fn nameop(&mut self, name: &str, ctx: Ctx) -> Result<(), CompileError> {
        let scope = self.scope();
        let (optimized, ns) = (scope.optimized(), scope.lookup(name));
        let line = self.line();
        let u = self.u();
        let instr = match ns {
            NameScope::Free | NameScope::Cell => {
                let i = u.cell_index(name).ok_or_else(|| internal(&format!("no cell for '{name}'"), line))?;
                match ctx {
                    Ctx::Load => Instr::LoadDeref(i),
                    Ctx::Store => Instr::StoreDeref(i),
                    Ctx::Del => {
                        return Err(CompileError::unsupported(
                            "deleting a variable captured by an inner scope",
                            line,
                            0,
                        ));
                    }
                }
            }
            NameScope::Local if optimized => {
                let i = u.varname(name);
                match ctx {
                    Ctx::Load => Instr::LoadFast(i),
                    Ctx::Store => Instr::StoreFast(i),
                    Ctx::Del => Instr::DeleteFast(i),
                }
            }
            NameScope::GlobalExplicit | NameScope::GlobalImplicit if optimized || ns == NameScope::GlobalExplicit => {
                let i = u.add_name(name);
                match ctx {
                    Ctx::Load => Instr::LoadGlobal(i),
                    Ctx::Store => Instr::StoreGlobal(i),
                    Ctx::Del => Instr::DeleteGlobal(i),
                }
            }
            _ => {
                let i = u.add_name(name);
                match ctx {
                    Ctx::Load => Instr::LoadName(i),
                    Ctx::Store => Instr::StoreName(i),
                    Ctx::Del => Instr::DeleteName(i),
                }
            }
        };
        u.emit(instr);
        Ok(())
    }

    /// Set a variable to `None` and unbind it (the end of an `except ... as name:` clause). A variable in
    /// a cell is only set to `None`: the instruction set has no way to empty a cell.
    fn clear_name(&mut self, name: &str) -> Result<(), CompileError> {
        self.load_const(ConstValue::None);
        self.nameop(name, Ctx::Store)?;
        if !matches!(self.scope().lookup(name), NameScope::Free | NameScope::Cell) {
            self.nameop(name, Ctx::Del)?;
        }
        Ok(())
    }

    /// Push a function made of `code` (CPython's `compiler_make_closure`): the cells it captures as a
    /// tuple when it has free variables, then the code and `MakeFunction(flags)`; `flags` already says
    /// which defaults are on the stack.
    fn make_closure(&mut self, code: Arc<CodeUnit>, mut flags: u32) -> Result<(), CompileError> {
        if !code.freevars.is_empty() {
            for name in &code.freevars {
                let line = self.line();
                let i = self.u().cell_index(name).ok_or_else(|| internal(&format!("no cell for '{name}'"), line))?;
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        self.load_const(ConstValue::Code(code));
        self.emit(Instr::MakeFunction(flags));
        Ok(())
    }
}
