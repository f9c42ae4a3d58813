//! Expressions (calls and f-strings are in `call.rs`, comprehensions in `comprehension.rs`).

use super::fold::{fold, literal};
use super::symtable::ScopeKind;
use super::unit::Label;
use super::{Compiler, Ctx};
use crate::lang::ast::{BoolOp, CmpOp, Expr, ExprKind, UnaryOp};
use crate::lang::bytecode::{ConstValue, Instr};
use crate::lang::error::CompileError;

type R = Result<(), CompileError>;

impl<'a> Compiler<'a> {
    /// Compile an expression, leaving its value on the stack. Its instructions get its line (so a
    /// multi-line expression reports the line where the failing part starts).
    pub(super) fn expr(&mut self, e: &'a Expr) -> R {
        let saved = self.line();
        self.set_line(e.line);
        let result = self.expr_inner(e);
        self.set_line(saved);
        result
    }

    fn expr_inner(&mut self, e: &'a Expr) -> R {
        if matches!(e.kind, ExprKind::UnaryOp { .. } | ExprKind::BinOp { .. } | ExprKind::Tuple(_))
            && let Some(c) = fold(e)
        {
            self.load_const(c);
            return Ok(());
        }
        match &e.kind {
            ExprKind::Const(c) => self.load_const(literal(c)),
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::Name(n) => self.nameop(n, Ctx::Load)?,
            ExprKind::Tuple(items) => self.sequence(items, true)?,
            ExprKind::List(items) => self.sequence(items, false)?,
            ExprKind::Dict(items) => self.dict(items)?,
            ExprKind::Set(_) => return Err(CompileError::unsupported("set displays", e.line, 0)),
            ExprKind::SetComp { .. } => return Err(CompileError::unsupported("set comprehensions", e.line, 0)),
            ExprKind::BinOp { op, left, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instr::BinaryOp(*op));
            }
            ExprKind::UnaryOp { op, operand } => {
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Not => Instr::UnaryNot,
                    UnaryOp::USub => Instr::UnaryNegative,
                    UnaryOp::UAdd => Instr::UnaryPositive,
                    UnaryOp::Invert => Instr::UnaryInvert,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.u().label();
                let (last, rest) = values.split_last().expect("a boolean operation has operands");
                for v in rest {
                    self.expr(v)?;
                    self.emit(match op {
                        BoolOp::And => Instr::JumpIfFalseOrPop(end.0),
                        BoolOp::Or => Instr::JumpIfTrueOrPop(end.0),
                    });
                }
                self.expr(last)?;
                self.u().bind(end);
            }
            ExprKind::Compare { left, ops, comparators } => self.compare(left, ops, comparators)?,
            ExprKind::Call { func, args } => self.call(func, args)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.u().add_name(attr);
                self.emit(Instr::LoadAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)?;
                self.emit(Instr::BinarySubscr);
            }
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(ConstValue::None),
                    }
                }
                match step {
                    Some(x) => {
                        self.expr(x)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => self.emit(Instr::BuildSlice(2)),
                }
            }
            ExprKind::Starred(_) => {
                return Err(CompileError::syntax("can't use starred expression here", e.line, 0));
            }
            ExprKind::IfExp { test, body, orelse } => {
                let (other, end) = (self.u().label(), self.u().label());
                self.jump_if(test, other, false)?;
                self.expr(body)?;
                self.u().jump(end);
                self.u().bind(other);
                self.expr(orelse)?;
                self.u().bind(end);
            }
            ExprKind::Lambda { params, body } => self.lambda(e, params, body)?,
            ExprKind::ListComp { .. } | ExprKind::DictComp { .. } | ExprKind::GeneratorExp { .. } => {
                self.comprehension(e)?;
            }
            ExprKind::Yield(value) => {
                self.check_yield(e.line)?;
                match value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(ConstValue::None),
                }
                self.emit(Instr::YieldValue);
            }
            ExprKind::YieldFrom(value) => {
                // `yield from x` is compiled as `for v in x: yield v` with the value `None`: values sent in
                // or thrown in are not forwarded to a sub-generator, and its return value is dropped.
                self.check_yield(e.line)?;
                self.expr(value)?;
                self.emit(Instr::GetIter);
                let (start, done) = (self.u().label(), self.u().label());
                self.u().bind(start);
                self.emit(Instr::ForIter(done.0));
                self.emit(Instr::YieldValue);
                self.emit(Instr::PopTop);
                self.u().jump(start);
                self.u().bind(done);
                self.load_const(ConstValue::None);
            }
        }
        Ok(())
    }

    fn check_yield(&self, line: u32) -> R {
        match self.scope().kind {
            ScopeKind::Function | ScopeKind::Comprehension => Ok(()),
            ScopeKind::Module | ScopeKind::Class => Err(CompileError::syntax("'yield' outside function", line, 0)),
        }
    }

    /// A tuple or list display. With starred items: `BuildList` of the items before the first star, then
    /// `ListExtend(1)` per starred item and `ListAppend(1)` per other item (and `ListToTuple` for a tuple).
    fn sequence(&mut self, items: &'a [Expr], tuple: bool) -> R {
        let Some(first_star) = items.iter().position(|e| matches!(e.kind, ExprKind::Starred(_))) else {
            items.iter().try_for_each(|x| self.expr(x))?;
            let n = items.len() as u32;
            self.emit(if tuple { Instr::BuildTuple(n) } else { Instr::BuildList(n) });
            return Ok(());
        };
        items[..first_star].iter().try_for_each(|x| self.expr(x))?;
        self.emit(Instr::BuildList(first_star as u32));
        for item in &items[first_star..] {
            match &item.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(Instr::ListExtend(1));
                }
                _ => {
                    self.expr(item)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        if tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    /// A dict display: runs of `key: value` pairs become `BuildMap(n)`; with `**mapping` items, the runs and
    /// mappings are merged into the first dict with `DictMerge(1)`.
    fn dict(&mut self, items: &'a [(Option<Expr>, Expr)]) -> R {
        let (mut have_dict, mut pending) = (false, 0);
        for (key, value) in items {
            match key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !have_dict {
                        self.flush_map(&mut pending, &mut have_dict);
                    }
                    self.expr(value)?;
                    self.emit(Instr::DictMerge(1));
                }
            }
        }
        if pending > 0 || !have_dict {
            self.flush_map(&mut pending, &mut have_dict);
        }
        Ok(())
    }

    /// Build a dict of the `pending` pairs on the stack and merge it into the dict below, if there is one.
    pub(super) fn flush_map(&mut self, pending: &mut u32, have_dict: &mut bool) {
        self.emit(Instr::BuildMap(*pending));
        if *have_dict {
            self.emit(Instr::DictMerge(1));
        }
        *have_dict = true;
        *pending = 0;
    }

    /// `a < b < c`: each middle operand is evaluated once; a false comparison short-circuits, leaving its
    /// result (CPython's `DupTop; RotThree; CompareOp; JumpIfFalseOrPop` chain and `RotTwo; PopTop`
    /// cleanup).
    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> R {
        self.expr(left)?;
        let n = ops.len();
        if n == 1 {
            self.expr(&comparators[0])?;
            self.emit(Instr::CompareOp(ops[0]));
            return Ok(());
        }
        let cleanup = self.u().label();
        for (op, c) in ops[..n - 1].iter().zip(comparators) {
            self.expr(c)?;
            self.emit(Instr::DupTop);
            self.emit(Instr::RotThree);
            self.emit(Instr::CompareOp(*op));
            self.emit(Instr::JumpIfFalseOrPop(cleanup.0));
        }
        self.expr(&comparators[n - 1])?;
        self.emit(Instr::CompareOp(ops[n - 1]));
        let end = self.u().label();
        self.u().jump(end);
        self.u().bind(cleanup);
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopTop);
        self.u().bind(end);
        Ok(())
    }

    /// Evaluate `e` for its truth and jump to `target` if it is `cond`, without leaving a value (CPython's
    /// `compiler_jump_if`: `not` flips the condition, `and`/`or` short-circuit with jumps).
    pub(super) fn jump_if(&mut self, e: &'a Expr, target: Label, cond: bool) -> R {
        match &e.kind {
            ExprKind::UnaryOp { op: UnaryOp::Not, operand } => self.jump_if(operand, target, !cond),
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                let (last, rest) = values.split_last().expect("a boolean operation has operands");
                if is_or == cond {
                    for v in rest {
                        self.jump_if(v, target, cond)?;
                    }
                    self.jump_if(last, target, cond)
                } else {
                    let next = self.u().label();
                    for v in rest {
                        self.jump_if(v, next, !cond)?;
                    }
                    self.jump_if(last, target, cond)?;
                    self.u().bind(next);
                    Ok(())
                }
            }
            _ => {
                self.expr(e)?;
                let saved = self.line();
                self.set_line(e.line);
                self.emit(if cond { Instr::PopJumpIfTrue(target.0) } else { Instr::PopJumpIfFalse(target.0) });
                self.set_line(saved);
                Ok(())
            }
        }
    }
}
