//! List and dict comprehensions and generator expressions, each its own function (as in CPython 3.11)
//! taking the first iterator as its parameter `.0`.

use super::Compiler;
use super::symtable::node_key;
use crate::lang::ast::{Comprehension, Expr, ExprKind};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

/// What a comprehension builds.
#[derive(Debug, Clone, Copy)]
enum Kind<'a> {
    List(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

impl<'a> Compiler<'a> {
    /// The function is made (with a closure if it captures anything), the first iterable is evaluated here
    /// and `GetIter`'d, and the function is called with it: `Call(1)`.
    pub(super) fn comprehension(&mut self, e: &'a Expr) -> R {
        let (name, kind, generators) = match &e.kind {
            ExprKind::ListComp { elt, generators } => ("<listcomp>", Kind::List(elt), generators),
            ExprKind::DictComp { key, value, generators } => ("<dictcomp>", Kind::Dict(key, value), generators),
            ExprKind::GeneratorExp { elt, generators } => ("<genexpr>", Kind::Gen(elt), generators),
            _ => return Err(super::internal("not a comprehension", e.line)),
        };
        let Some(first) = generators.first() else {
            return Err(super::internal("a comprehension without a for clause", e.line));
        };
        let scope = self.table.scope_of(node_key(e));
        self.enter_unit(scope, name, e.line);
        self.u().argcount = 1;
        match kind {
            Kind::List(_) => self.emit(Instr::BuildList(0)),
            Kind::Dict(..) => self.emit(Instr::BuildMap(0)),
            Kind::Gen(_) => {}
        }
        self.comp_generator(generators, 0, kind)?;
        self.set_line(e.line);
        if let Kind::Gen(_) = kind {
            self.load_const(ConstValue::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.make_closure(code, 0)?;
        self.expr(&first.iter)?;
        self.emit(Instr::GetIter);
        self.emit(Instr::Call(1));
        Ok(())
    }

    /// The loop of clause `i` and, inside it, the following clauses or the element. A failed `if` jumps
    /// forward to the loop's `JumpBackward`. With `n` clauses, `n` iterators are on the stack above the list
    /// or dict, hence `ListAppend(n + 1)` / `MapAdd(n + 1)`.
    fn comp_generator(&mut self, gens: &'a [Comprehension], i: usize, kind: Kind<'a>) -> R {
        let g = &gens[i];
        let (start, if_cleanup, anchor) = (self.u().label(), self.u().label(), self.u().label());
        if i == 0 {
            self.emit(Instr::LoadFast(0));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instr::GetIter);
        }
        self.u().bind(start);
        self.emit(Instr::ForIter(anchor.0));
        self.store(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if i + 1 < gens.len() {
            self.comp_generator(gens, i + 1, kind)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match kind {
                Kind::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                Kind::Dict(key, value) => {
                    self.expr(key)?;
                    self.expr(value)?;
                    self.emit(Instr::MapAdd(depth));
                }
                Kind::Gen(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        self.u().bind(if_cleanup);
        self.u().jump(start);
        self.u().bind(anchor);
        Ok(())
    }
}
