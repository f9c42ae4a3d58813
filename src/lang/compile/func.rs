//! Functions, lambdas and classes.

use super::symtable::node_key;
use super::{Compiler, Ctx};
use crate::lang::ast::{ClassDef, Expr, FunctionDef, Params, Stmt};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    /// `def`: decorators, defaults, the function, the decorator calls (innermost first), the store.
    pub(super) fn function_def(&mut self, f: &'a FunctionDef, line: u32) -> R {
        f.decorators.iter().try_for_each(|d| self.expr(d))?;
        self.set_line(line);
        let flags = self.defaults(&f.params)?;
        let scope = self.table.scope_of(node_key(f));
        self.enter_unit(scope, &f.name, line);
        self.set_params(&f.params);
        self.stmts(&f.body)?;
        self.load_const(ConstValue::None);
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.set_line(line);
        self.make_closure(code, flags)?;
        for _ in &f.decorators {
            self.emit(Instr::Call(1));
        }
        self.nameop(&f.name, Ctx::Store)
    }

    /// `lambda params: body`, a function named `<lambda>` returning `body`.
    pub(super) fn lambda(&mut self, e: &'a Expr, params: &'a Params, body: &'a Expr) -> R {
        let flags = self.defaults(params)?;
        let scope = self.table.scope_of(node_key(e));
        self.enter_unit(scope, "<lambda>", e.line);
        self.set_params(params);
        self.expr(body)?;
        self.emit(Instr::ReturnValue);
        let code = self.leave_unit();
        self.make_closure(code, flags)
    }

    /// Push the default values: a tuple of the positional defaults (flag 1), then a dict of the keyword-only
    /// defaults by name (flag 2). Returns the `MakeFunction` flags.
    fn defaults(&mut self, params: &'a Params) -> Result<u32, CompileError> {
        let mut flags = 0;
        let positional: Vec<&'a Expr> = params.args.iter().filter_map(|p| p.default.as_ref()).collect();
        if !positional.is_empty() {
            positional.iter().try_for_each(|d| self.expr(d))?;
            self.emit(Instr::BuildTuple(positional.len() as u32));
            flags |= 1;
        }
        let mut kw = 0;
        for p in &params.kwonly {
            if let Some(d) = &p.default {
                self.load_const(ConstValue::Str(p.name.clone()));
                self.expr(d)?;
                kw += 1;
            }
        }
        if kw > 0 {
            self.emit(Instr::BuildMap(kw));
            flags |= 2;
        }
        Ok(flags)
    }

    /// The parameter counts and flags of the unit being compiled.
    fn set_params(&mut self, params: &Params) {
        let u = self.u();
        u.argcount = params.args.len() as u32;
        u.kwonlyargcount = params.kwonly.len() as u32;
        u.flags.varargs = params.vararg.is_some();
        u.flags.varkeywords = params.kwarg.is_some();
    }

    /// `class Name(Base): body`: `LoadConst(body code); MakeFunction`, `LoadConst(name)`, the base,
    /// `BuildClass(nbases)`, decorator calls, the store. The body runs with `LoadName`/`StoreName` on the
    /// class namespace and returns its `__class__` cell (`LoadClosure; ReturnValue`) when a method uses
    /// zero-argument `super()`, else `None`.
    pub(super) fn class_def(&mut self, c: &'a ClassDef, line: u32) -> R {
        if c.bases.len() > 1 {
            return Err(CompileError::unsupported("multiple inheritance", line, 0));
        }
        c.decorators.iter().try_for_each(|d| self.expr(d))?;
        self.set_line(line);
        let scope = self.table.scope_of(node_key(c));
        self.enter_unit(scope, &c.name, line);
        self.class_body(&c.body, line)?;
        let code = self.leave_unit();
        self.set_line(line);
        self.make_closure(code, 0)?;
        self.load_const(ConstValue::Str(c.name.clone()));
        c.bases.iter().try_for_each(|b| self.expr(b))?;
        self.set_line(line);
        self.emit(Instr::BuildClass(c.bases.len() as u32));
        for _ in &c.decorators {
            self.emit(Instr::Call(1));
        }
        self.nameop(&c.name, Ctx::Store)
    }

    fn class_body(&mut self, body: &'a [Stmt], line: u32) -> R {
        self.stmts(body)?;
        self.set_line(line);
        if self.scope().needs_class_closure {
            let i = self.u().cell_index("__class__").ok_or_else(|| super::internal("no __class__ cell", line))?;
            self.emit(Instr::LoadClosure(i));
        } else {
            self.load_const(ConstValue::None);
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }
}
