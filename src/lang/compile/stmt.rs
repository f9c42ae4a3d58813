//! Simple statements, assignments and their targets, `if`, loops and imports.

use super::unit::{FBlock, FKind};
use super::{Compiler, Ctx, internal};
use crate::lang::ast::{Alias, Expr, ExprKind, Stmt, StmtKind};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    /// Compile statements in order.
    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &'a Stmt) -> R {
        self.set_line(s.line);
        match &s.kind {
            // A constant statement (a docstring) does nothing, as in CPython.
            StmtKind::Expr(Expr { kind: ExprKind::Const(_), .. }) => Ok(()),
            StmtKind::Expr(e) => {
                self.expr(e)?;
                self.emit(Instr::PopTop);
                Ok(())
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instr::DupTop);
                    }
                    self.store(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value),
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.delete(t)),
            StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
            StmtKind::Break => self.break_stmt(s.line),
            StmtKind::Continue => self.continue_stmt(s.line),
            StmtKind::Return(value) => self.return_stmt(value.as_ref(), s.line),
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                for e in exc.iter().chain(cause) {
                    self.expr(e)?;
                    n += 1;
                }
                self.emit(Instr::Raise(n));
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                let skip = self.u().label();
                self.jump_if(test, skip, true)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::Raise(1));
                self.u().bind(skip);
                Ok(())
            }
            StmtKind::If { test, body, orelse } => {
                let (next, end) = (self.u().label(), self.u().label());
                self.jump_if(test, next, false)?;
                self.stmts(body)?;
                if !orelse.is_empty() {
                    self.u().jump(end);
                }
                self.u().bind(next);
                self.stmts(orelse)?;
                self.u().bind(end);
                Ok(())
            }
            StmtKind::While { test, body, orelse } => self.while_stmt(test, body, orelse, s.line),
            StmtKind::For { target, iter, body, orelse } => self.for_stmt(target, iter, body, orelse, s.line),
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)
                }
            }
            StmtKind::With { items, body } => self.with_stmt(items, body, s.line),
            StmtKind::FunctionDef(f) => self.function_def(f, s.line),
            StmtKind::ClassDef(c) => self.class_def(c, s.line),
            StmtKind::Import(aliases) => aliases.iter().try_for_each(|a| self.import(a)),
            StmtKind::ImportFrom { module, names } => {
                let m = self.u().add_name(module);
                self.emit(Instr::ImportName(m));
                for a in names {
                    let i = self.u().add_name(&a.name);
                    self.emit(Instr::ImportFrom(i));
                    self.nameop(a.asname.as_ref().unwrap_or(&a.name), Ctx::Store)?;
                }
                self.emit(Instr::PopTop);
                Ok(())
            }
        }
    }

    /// `import a.b.c` binds `a` (the module `ImportName("a.b.c")` pushes must then be the top-level
    /// package); `import a.b.c as d` walks to `c` with `ImportFrom` and binds it, as CPython 3.11 does.
    fn import(&mut self, a: &Alias) -> R {
        let i = self.u().add_name(&a.name);
        self.emit(Instr::ImportName(i));
        let mut parts = a.name.split('.');
        let first = parts.next().unwrap_or(&a.name);
        match &a.asname {
            None => self.nameop(first, Ctx::Store),
            Some(asname) => {
                let rest: Vec<&str> = parts.collect();
                for (k, attr) in rest.iter().enumerate() {
                    let i = self.u().add_name(attr);
                    self.emit(Instr::ImportFrom(i));
                    if k + 1 < rest.len() {
                        self.emit(Instr::RotTwo);
                        self.emit(Instr::PopTop);
                    }
                }
                self.nameop(asname, Ctx::Store)?;
                if !rest.is_empty() {
                    self.emit(Instr::PopTop);
                }
                Ok(())
            }
        }
    }

    /// `while test: body else: orelse`. The test is at the top and jumps forward out of the loop; the end
    /// of the body jumps back to it (the only backward jumps are `JumpBackward`).
    fn while_stmt(&mut self, test: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt], line: u32) -> R {
        let (start, anchor, exit) = (self.u().label(), self.u().label(), self.u().label());
        self.u().bind(start);
        let always = matches!(&test.kind, ExprKind::Const(c) if super::fold::truthy(c));
        if !always {
            self.jump_if(test, anchor, false)?;
        }
        self.u().fblocks.push(FBlock { kind: FKind::While { start, exit }, handler: None });
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.set_line(line);
        self.u().jump(start);
        self.u().bind(anchor);
        self.stmts(orelse)?;
        self.u().bind(exit);
        Ok(())
    }

    /// `for target in iter: body else: orelse`: the iterator stays on the stack; `ForIter` pops it and
    /// jumps forward when it is exhausted.
    fn for_stmt(&mut self, target: &'a Expr, iter: &'a Expr, body: &'a [Stmt], orelse: &'a [Stmt], line: u32) -> R {
        let (start, anchor, exit) = (self.u().label(), self.u().label(), self.u().label());
        self.expr(iter)?;
        self.emit(Instr::GetIter);
        self.u().bind(start);
        self.emit(Instr::ForIter(anchor.0));
        self.store(target)?;
        self.u().fblocks.push(FBlock { kind: FKind::For { start, exit }, handler: None });
        self.stmts(body)?;
        self.u().fblocks.pop();
        self.set_line(line);
        self.u().jump(start);
        self.u().bind(anchor);
        self.stmts(orelse)?;
        self.u().bind(exit);
        Ok(())
    }

    /// Store the value on top of the stack into a target (popping it).
    pub(super) fn store(&mut self, t: &'a Expr) -> R {
        let saved = self.line();
        self.set_line(t.line);
        match &t.kind {
            ExprKind::Name(n) => self.nameop(n, Ctx::Store)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.u().add_name(attr);
                self.emit(Instr::StoreAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::StoreSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => self.unpack(items, t.line)?,
            _ => return Err(internal("an invalid assignment target got past the parser", t.line)),
        }
        self.set_line(saved);
        Ok(())
    }

    /// Unpack the value on top of the stack into `items`: `UnpackSequence(n)`, or with a starred item
    /// `UnpackEx(before | after << 8)`; both leave the first item on top, so the items are stored in order.
    fn unpack(&mut self, items: &'a [Expr], line: u32) -> R {
        let stars: Vec<usize> = (items.iter().enumerate())
            .filter(|(_, e)| matches!(e.kind, ExprKind::Starred(_)))
            .map(|(i, _)| i)
            .collect();
        match stars[..] {
            [] => self.emit(Instr::UnpackSequence(items.len() as u32)),
            [i] => {
                let (before, after) = (i, items.len() - i - 1);
                if before > 255 || after > 255 {
                    return Err(CompileError::syntax("too many expressions in star-unpacking assignment", line, 0));
                }
                self.emit(Instr::UnpackEx((before | (after << 8)) as u32));
            }
            _ => return Err(CompileError::syntax("multiple starred expressions in assignment", line, 0)),
        }
        for item in items {
            match &item.kind {
                ExprKind::Starred(inner) => self.store(inner)?,
                _ => self.store(item)?,
            }
        }
        Ok(())
    }

    fn delete(&mut self, t: &'a Expr) -> R {
        self.set_line(t.line);
        match &t.kind {
            ExprKind::Name(n) => self.nameop(n, Ctx::Del),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.u().add_name(attr);
                self.emit(Instr::DeleteAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|i| self.delete(i)),
            _ => Err(internal("an invalid deletion target got past the parser", t.line)),
        }
    }

    /// `target op= value`: the target's parts are evaluated once.
    fn aug_assign(&mut self, target: &'a Expr, op: crate::lang::ast::BinOp, value: &'a Expr) -> R {
        match &target.kind {
            ExprKind::Name(n) => {
                self.nameop(n, Ctx::Load)?;
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.nameop(n, Ctx::Store)
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                let i = self.u().add_name(attr);
                self.emit(Instr::DupTop);
                self.emit(Instr::LoadAttr(i));
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::RotTwo);
                self.emit(Instr::StoreAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value: container, index } => {
                self.expr(container)?;
                self.expr(index)?;
                self.emit(Instr::DupTopTwo);
                self.emit(Instr::BinarySubscr);
                self.expr(value)?;
                self.emit(Instr::InplaceOp(op));
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            _ => Err(internal("an invalid augmented assignment target got past the parser", target.line)),
        }
    }

    /// A `return` outside a function, or a value the unwinding keeps: see [`Compiler::unwind`].
    pub(super) fn return_stmt(&mut self, value: Option<&'a Expr>, line: u32) -> R {
        if !self.scope().optimized() {
            return Err(CompileError::syntax("'return' outside function", line, 0));
        }
        let folded = value.and_then(super::fold::fold);
        let preserve = value.is_some() && folded.is_none();
        if let (true, Some(v)) = (preserve, value) {
            self.expr(v)?;
        }
        let (_, popped) = self.unwind(preserve, false)?;
        self.set_line(line);
        if !preserve {
            self.load_const(folded.unwrap_or(ConstValue::None));
        }
        self.emit(Instr::ReturnValue);
        self.restore_blocks(popped);
        Ok(())
    }
}
