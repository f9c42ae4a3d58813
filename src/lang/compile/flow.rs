//! `try`/`except`/`finally`, `with`, and leaving blocks early (`break`, `continue`, `return`).
//!
//! The exception table comes from frame blocks: each instruction is covered by the handler of the innermost
//! frame block that has one when it is emitted. The layouts (d = the stack depth at the statement):
//!
//! - `try`/`except`: body (handler `L_exc`, depth d); `else`; `Jump end`. `L_exc: PushExcInfo` →
//!   `[prev, exc]`, then up to the final `Reraise` the cleanup handler (`L_cleanup`, depth d+1) is in
//!   effect. Each clause: `<type>; CheckExcMatch; PopJumpIfFalse next` (`CheckExcMatch` keeps the exception,
//!   so there is no `DupTop`), then `Store name` or `PopTop` → `[prev]`, the body, `PopExcept`, and for a
//!   named clause `name = None; del name`, `Jump end`. A named clause's body is covered by its own handler
//!   (depth d+1) that clears the name and `Reraise`s into the cleanup. No match: `Reraise`.
//!   `L_cleanup: RotTwo; PopExcept; Reraise`.
//! - `try`/`finally`: the body (with any handlers and `else`) has handler `L_fin` (depth d); the normal path
//!   runs the `finally` body inline and jumps past. `L_fin: PushExcInfo`, the `finally` body and `Reraise`
//!   under the cleanup handler (depth d+1); `L_cleanup: RotTwo; PopExcept; Reraise`.
//! - `with`: `<mgr>; BeforeWith` → `[exit, value]`; storing the value (or `PopTop`) and the body have
//!   handler `L_exc` (depth d+1). Normal exit: `LoadConst None; DupTop; DupTop; Call(3); PopTop`.
//!   `L_exc: PushExcInfo; WithExceptStart; PopJumpIfTrue L_suppress; Reraise` under the cleanup handler
//!   (depth d+2); `L_suppress: PopTop; PopExcept; PopTop`; `L_cleanup: RotTwo; PopExcept; Reraise`.
//!
//! Jumps and returns that leave a block are emitted after the unwinding, with the blocks left still popped,
//! so they are covered only by the handlers outside those blocks (like the code CPython emits after its
//! `POP_BLOCK`s). No two entries of the exception table overlap.
//!
//! `break`, `continue` and `return` unwind the frame blocks they leave, innermost first, as CPython's
//! `compiler_unwind_fblock` does; a `return` value being kept is on top, so each block's values are reached
//! with `RotTwo` first: a `for` pops its iterator, a `with` calls `exit(None, None, None)`, an `except` body
//! `PopExcept`s (and clears its name), a `finally` body being run for an exception pops the exception and
//! `PopExcept`s, and a `try` with `finally` runs the `finally` body inline, outside its own handler.

use super::unit::{FBlock, FKind, Label};
use super::{Compiler, Ctx};
use crate::lang::ast::{ExceptHandler, Stmt, WithItem};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

/// What [`Compiler::unwind`] found: the loop it stopped at, and the blocks it popped (innermost first).
pub(super) type Unwound<'a> = (Option<FKind<'a>>, Vec<FBlock<'a>>);

impl<'a> Compiler<'a> {
    fn push_block(&mut self, kind: FKind<'a>, handler: Option<(Label, u32)>) {
        self.u().fblocks.push(FBlock { kind, handler });
    }

    fn pop_block(&mut self) -> FBlock<'a> {
        self.u().fblocks.pop().expect("a frame block")
    }

    pub(super) fn break_stmt(&mut self, line: u32) -> R {
        let (found, popped) = self.unwind(false, true)?;
        match found {
            Some(FKind::For { exit, .. }) => {
                self.emit(Instr::PopTop);
                self.u().jump(exit);
            }
            Some(FKind::While { exit, .. }) => self.u().jump(exit),
            _ => return Err(CompileError::syntax("'break' outside loop", line, 0)),
        }
        self.restore_blocks(popped);
        Ok(())
    }

    pub(super) fn continue_stmt(&mut self, line: u32) -> R {
        let (found, popped) = self.unwind(false, true)?;
        match found {
            Some(FKind::For { start, .. } | FKind::While { start, .. }) => self.u().jump(start),
            _ => return Err(CompileError::syntax("'continue' not properly in loop", line, 0)),
        }
        self.restore_blocks(popped);
        Ok(())
    }

    /// Emit the code that leaves the frame blocks, innermost first, up to the innermost loop if `to_loop`
    /// (returned, not unwound) or all of them. `preserve` keeps a return value on top of the stack. The
    /// blocks left stay popped, so that their handlers do not cover the jump or return that follows (as
    /// CPython's `POP_BLOCK`s do), until the caller puts them back with [`Compiler::restore_blocks`].
    pub(super) fn unwind(&mut self, preserve: bool, to_loop: bool) -> Result<Unwound<'a>, CompileError> {
        let mut popped = Vec::new();
        let found = loop {
            let Some(&top) = self.u().fblocks.last() else { break None };
            if to_loop && matches!(top.kind, FKind::For { .. } | FKind::While { .. }) {
                break Some(top.kind);
            }
            popped.push(self.pop_block());
            if matches!(top.kind, FKind::HandlerCleanup(_)) {
                // The matching part of the `except` ends with the clause: its cleanup must not cover this.
                popped.push(self.pop_block());
            }
            self.unwind_block(top.kind, preserve)?;
        };
        Ok((found, popped))
    }

    /// Put back the frame blocks that [`Compiler::unwind`] popped.
    pub(super) fn restore_blocks(&mut self, mut popped: Vec<FBlock<'a>>) {
        while let Some(b) = popped.pop() {
            self.u().fblocks.push(b);
        }
    }

    fn unwind_block(&mut self, kind: FKind<'a>, preserve: bool) -> R {
        let rot = |c: &mut Self| {
            if preserve {
                c.emit(Instr::RotTwo);
            }
        };
        match kind {
            FKind::While { .. } | FKind::TryExcept | FKind::ExceptionHandler => {}
            FKind::For { .. } | FKind::PopValue => {
                rot(self);
                self.emit(Instr::PopTop);
            }
            FKind::FinallyTry(body) => {
                if preserve {
                    self.push_block(FKind::PopValue, None);
                }
                let line = self.line();
                self.stmts(body)?;
                self.set_line(line);
                if preserve {
                    self.pop_block();
                }
            }
            FKind::FinallyEnd => {
                rot(self);
                self.emit(Instr::PopTop);
                rot(self);
                self.emit(Instr::PopExcept);
            }
            FKind::With => {
                rot(self);
                self.call_exit_with_nones();
            }
            FKind::HandlerCleanup(name) => {
                rot(self);
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.clear_name(n)?;
                }
            }
        }
        Ok(())
    }

    /// `[exit] -> []`: `exit(None, None, None)`, the result dropped.
    fn call_exit_with_nones(&mut self) {
        self.load_const(ConstValue::None);
        self.emit(Instr::DupTop);
        self.emit(Instr::DupTop);
        self.emit(Instr::Call(3));
        self.emit(Instr::PopTop);
    }

    /// `try` with `except` clauses (and maybe `else`), no `finally`.
    pub(super) fn try_except(&mut self, body: &'a [Stmt], handlers: &'a [ExceptHandler], orelse: &'a [Stmt]) -> R {
        let d = self.u().stack_base();
        let (exc, cleanup, end) = (self.u().label(), self.u().label(), self.u().label());
        self.push_block(FKind::TryExcept, Some((exc, d)));
        self.stmts(body)?;
        self.pop_block();
        self.stmts(orelse)?;
        self.u().jump(end);
        self.u().bind(exc);
        self.push_block(FKind::ExceptionHandler, Some((cleanup, d + 1)));
        self.emit(Instr::PushExcInfo);
        for (i, h) in handlers.iter().enumerate() {
            self.set_line(h.line);
            let next = self.u().label();
            match &h.typ {
                Some(t) => {
                    self.expr(t)?;
                    self.emit(Instr::CheckExcMatch);
                    self.emit(Instr::PopJumpIfFalse(next.0));
                }
                None if i + 1 < handlers.len() => {
                    return Err(CompileError::syntax("default 'except:' must be last", h.line, 0));
                }
                None => {}
            }
            match &h.name {
                Some(name) => {
                    self.nameop(name, Ctx::Store)?;
                    let cleanup_body = self.u().label();
                    self.push_block(FKind::HandlerCleanup(Some(name)), Some((cleanup_body, d + 1)));
                    self.stmts(&h.body)?;
                    self.pop_block();
                    self.set_line(h.line);
                    let eh = self.pop_block();
                    self.emit(Instr::PopExcept);
                    self.clear_name(name)?;
                    self.u().jump(end);
                    self.u().fblocks.push(eh);
                    self.u().bind(cleanup_body);
                    self.clear_name(name)?;
                    self.emit(Instr::Reraise);
                }
                None => {
                    self.emit(Instr::PopTop);
                    self.push_block(FKind::HandlerCleanup(None), None);
                    self.stmts(&h.body)?;
                    self.pop_block();
                    self.set_line(h.line);
                    let eh = self.pop_block();
                    self.emit(Instr::PopExcept);
                    self.u().jump(end);
                    self.u().fblocks.push(eh);
                }
            }
            self.u().bind(next);
        }
        self.emit(Instr::Reraise);
        self.pop_block();
        self.u().bind(cleanup);
        self.pop_except_and_reraise();
        self.u().bind(end);
        Ok(())
    }

    /// `[prev, exc] -> (restore prev, re-raise exc)`.
    fn pop_except_and_reraise(&mut self) {
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise);
    }

    /// `try` with `finally` (and maybe `except` clauses and `else`, compiled as a `try`/`except` inside).
    pub(super) fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> R {
        let d = self.u().stack_base();
        let line = self.line();
        let (fin, cleanup, exit) = (self.u().label(), self.u().label(), self.u().label());
        self.push_block(FKind::FinallyTry(finalbody), Some((fin, d)));
        if handlers.is_empty() {
            self.stmts(body)?;
            self.stmts(orelse)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.pop_block();
        self.stmts(finalbody)?;
        self.set_line(line);
        self.u().jump(exit);
        self.u().bind(fin);
        self.push_block(FKind::FinallyEnd, Some((cleanup, d + 1)));
        self.emit(Instr::PushExcInfo);
        self.stmts(finalbody)?;
        self.set_line(line);
        self.emit(Instr::Reraise);
        self.pop_block();
        self.u().bind(cleanup);
        self.pop_except_and_reraise();
        self.u().bind(exit);
        Ok(())
    }

    /// `with a as x, b as y: body`, compiled as nested `with` statements.
    pub(super) fn with_stmt(&mut self, items: &'a [WithItem], body: &'a [Stmt], line: u32) -> R {
        let Some((item, rest)) = items.split_first() else { return self.stmts(body) };
        let d = self.u().stack_base();
        let (exc, cleanup, suppress, end) = (self.u().label(), self.u().label(), self.u().label(), self.u().label());
        self.expr(&item.context)?;
        self.emit(Instr::BeforeWith);
        // As in CPython, storing the target is inside the block: if it fails, `__exit__` sees the error.
        self.push_block(FKind::With, Some((exc, d + 1)));
        match &item.target {
            Some(t) => self.store(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.with_stmt(rest, body, line)?;
        self.pop_block();
        self.set_line(line);
        self.call_exit_with_nones();
        self.u().jump(end);
        self.u().bind(exc);
        self.push_block(FKind::ExceptionHandler, Some((cleanup, d + 2)));
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::WithExceptStart);
        self.emit(Instr::PopJumpIfTrue(suppress.0));
        self.emit(Instr::Reraise);
        self.pop_block();
        self.u().bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.u().jump(end);
        self.u().bind(cleanup);
        self.pop_except_and_reraise();
        self.u().bind(end);
        Ok(())
    }
}
