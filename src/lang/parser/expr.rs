//! Expressions by precedence, lowest first: `lambda`, conditional, `or`, `and`, `not`, comparisons, `|`, `^`,
//! `&`, shifts, `+ -`, `* / // % @`, unary `- + ~`, `**` (right-associative, binding tighter than a unary
//! operator on its left), then primaries (in [`atom`](super::atom)).
//!
//! CPython's `named_expression` is [`Parser::named_expression`], where `name := value` is parsed (and noted
//! as outside the subset).

use super::{Parser, target};
use crate::lang::ast::{BinOp, BoolOp, CmpOp, Const, Expr, ExprKind, UnaryOp};
use crate::lang::error::CompileError;
use crate::lang::token::{Kw, Op, Tok, Token};

type PResult<T> = Result<T, CompileError>;

/// One precedence level's parser.
type Level<'t> = fn(&mut Parser<'t>) -> PResult<Expr>;

impl<'t> Parser<'t> {
    /// `star_expressions`: one or more possibly starred expressions; with a comma (a trailing one too), a
    /// tuple.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut elts = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expr() {
                break;
            }
            elts.push(self.star_expression()?);
        }
        Ok(Expr { line, kind: ExprKind::Tuple(elts) })
    }

    /// `'*' bitwise_or | expression`
    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let line = self.bump().line;
            let start = self.pos;
            let value = self.bitwise_or()?;
            self.last_disjunction = (start, self.pos);
            return Ok(Expr { line, kind: ExprKind::Starred(Box::new(value)) });
        }
        self.expression()
    }

    /// `'*' bitwise_or | named_expression` (elements of displays, parentheses and subscripts).
    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) { self.star_expression() } else { self.named_expression() }
    }

    /// `named_expression`: an expression, or `name := value` (outside the subset: parsed, and replaced by
    /// the value); an `=` in place of `:=` gets CPython's messages.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        let start = self.peek();
        let e = self.expression()?;
        if self.at_op(Op::Eq) {
            return Err(self.misused_eq(&e, start));
        }
        self.walrus(e)
    }

    /// After `e`: if `:=` follows a plain name, parse the value and return it.
    pub(super) fn walrus(&mut self, e: Expr) -> PResult<Expr> {
        if !self.at_op(Op::Walrus) || !matches!(e.kind, ExprKind::Name(_)) {
            return Ok(e);
        }
        self.defer_unsupported("the assignment expression ':='", self.peek());
        self.bump();
        self.expression()
    }

    /// The error for `a = b` where an expression is expected (CPython's `invalid_named_expression`): when
    /// `b` is a bitwise_or not followed by `=` or `:=`, a hint at `a` (which starts at `start`).
    fn misused_eq(&mut self, a: &Expr, start: &Token) -> CompileError {
        let saved = (self.pos, self.deferred.clone(), self.last_disjunction, self.nesting);
        self.bump();
        let value_ok = self.bitwise_or().is_ok() && !self.at_op(Op::Eq) && !self.at_op(Op::Walrus);
        (self.pos, self.deferred, self.last_disjunction, self.nesting) = saved;
        let plain = !matches!(
            a.kind,
            ExprKind::List(_)
                | ExprKind::Tuple(_)
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Const(Const::None | Const::Bool(_))
                | ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda { .. }
        );
        let msg = match a.kind {
            _ if !value_ok => return self.error(),
            ExprKind::Name(_) => "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".to_string(),
            _ if plain => {
                format!("cannot assign to {} here. Maybe you meant '==' instead of '='?", target::describe(a))
            }
            _ => return self.error(),
        };
        CompileError::syntax(msg, start.line, start.col)
    }

    /// The value of an assignment: a `yield` expression or `star_expressions`.
    pub(super) fn assign_value(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Yield) { self.yield_expr() } else { self.star_expressions() }
    }

    /// `yield [star_expressions]` or `yield from expression`.
    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let line = self.bump().line;
        let kind = if self.eat_kw(Kw::From) {
            ExprKind::YieldFrom(Box::new(self.expression()?))
        } else if self.starts_expr() {
            ExprKind::Yield(Some(Box::new(self.star_expressions()?)))
        } else {
            ExprKind::Yield(None)
        };
        Ok(Expr { line, kind })
    }

    /// `expression`: a lambda, or a disjunction with an optional `if test else orelse`.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        let saved = self.nesting;
        self.nest()?;
        let e = self.unnested_expression();
        self.nesting = saved;
        e
    }

    fn unnested_expression(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Lambda) {
            return self.lambda();
        }
        let (line, start) = (self.line(), self.pos);
        let body = self.disjunction()?;
        self.last_disjunction = (start, self.pos);
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        self.bump();
        let test = self.disjunction()?;
        if !self.eat_kw(Kw::Else) {
            if self.at_op(Op::Colon) {
                return Err(self.error());
            }
            return Err(CompileError::syntax("expected 'else' after 'if' expression", line, 0));
        }
        let orelse = self.expression()?;
        let kind = ExprKind::IfExp { test: Box::new(test), body: Box::new(body), orelse: Box::new(orelse) };
        Ok(Expr { line, kind })
    }

    /// `lambda params: expression`
    fn lambda(&mut self) -> PResult<Expr> {
        let line = self.bump().line;
        let params = self.params(Op::Colon)?;
        self.expect_op(Op::Colon)?;
        let body = self.expression()?;
        Ok(Expr { line, kind: ExprKind::Lambda { params: Box::new(params), body: Box::new(body) } })
    }

    /// `a or b or ...`
    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        self.bool_op(Kw::Or, BoolOp::Or, Self::conjunction)
    }

    /// `a and b and ...`
    fn conjunction(&mut self) -> PResult<Expr> {
        self.bool_op(Kw::And, BoolOp::And, Self::inversion)
    }

    fn bool_op(&mut self, kw: Kw, op: BoolOp, next: Level<'t>) -> PResult<Expr> {
        let line = self.line();
        let first = next(self)?;
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(next(self)?);
        }
        Ok(Expr { line, kind: ExprKind::BoolOp { op, values } })
    }

    /// `not inversion | comparison`
    fn inversion(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Not) {
            let line = self.bump().line;
            let saved = self.nesting;
            self.nest()?;
            let operand = self.inversion()?;
            self.nesting = saved;
            return Ok(Expr { line, kind: ExprKind::UnaryOp { op: UnaryOp::Not, operand: Box::new(operand) } });
        }
        self.comparison()
    }

    /// A chain of comparisons: `a < b <= c`.
    fn comparison(&mut self) -> PResult<Expr> {
        let line = self.line();
        let left = self.bitwise_or()?;
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        while let Some(op) = self.cmp_op() {
            ops.push(op);
            comparators.push(self.bitwise_or()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        Ok(Expr { line, kind: ExprKind::Compare { left: Box::new(left), ops, comparators } })
    }

    /// Consume a comparison operator (`not in` and `is not` are two tokens).
    fn cmp_op(&mut self) -> Option<CmpOp> {
        let op = match self.tok() {
            Tok::Op(Op::EqEq) => CmpOp::Eq,
            Tok::Op(Op::NotEq) => CmpOp::NotEq,
            Tok::Op(Op::Lt) => CmpOp::Lt,
            Tok::Op(Op::LtE) => CmpOp::LtE,
            Tok::Op(Op::Gt) => CmpOp::Gt,
            Tok::Op(Op::GtE) => CmpOp::GtE,
            Tok::Kw(Kw::In) => CmpOp::In,
            Tok::Kw(Kw::Is) if *self.nth(1) == Tok::Kw(Kw::Not) => {
                self.bump();
                CmpOp::IsNot
            }
            Tok::Kw(Kw::Is) => CmpOp::Is,
            Tok::Kw(Kw::Not) if *self.nth(1) == Tok::Kw(Kw::In) => {
                self.bump();
                CmpOp::NotIn
            }
            _ => return None,
        };
        self.bump();
        Some(op)
    }

    /// `a | b`
    pub(super) fn bitwise_or(&mut self) -> PResult<Expr> {
        self.binary(&[(Op::Pipe, BinOp::BitOr)], Self::bitwise_xor)
    }

    fn bitwise_xor(&mut self) -> PResult<Expr> {
        self.binary(&[(Op::Caret, BinOp::BitXor)], Self::bitwise_and)
    }

    fn bitwise_and(&mut self) -> PResult<Expr> {
        self.binary(&[(Op::Amp, BinOp::BitAnd)], Self::shift)
    }

    fn shift(&mut self) -> PResult<Expr> {
        self.binary(&[(Op::LShift, BinOp::LShift), (Op::RShift, BinOp::RShift)], Self::sum)
    }

    fn sum(&mut self) -> PResult<Expr> {
        self.binary(&[(Op::Plus, BinOp::Add), (Op::Minus, BinOp::Sub)], Self::term)
    }

    fn term(&mut self) -> PResult<Expr> {
        const OPS: [(Op, BinOp); 5] = [
            (Op::Star, BinOp::Mult),
            (Op::Slash, BinOp::Div),
            (Op::DoubleSlash, BinOp::FloorDiv),
            (Op::Percent, BinOp::Mod),
            (Op::At, BinOp::MatMult),
        ];
        self.binary(&OPS, Self::factor)
    }

    /// A left-associative level: `next (op next)*`.
    fn binary(&mut self, ops: &[(Op, BinOp)], next: Level<'t>) -> PResult<Expr> {
        let (line, saved) = (self.line(), self.nesting);
        let mut left = next(self)?;
        while let Some(&(_, op)) = ops.iter().find(|(o, _)| self.at_op(*o)) {
            self.bump();
            self.nest()?;
            let right = next(self)?;
            left = Expr { line, kind: ExprKind::BinOp { op, left: Box::new(left), right: Box::new(right) } };
        }
        self.nesting = saved;
        Ok(left)
    }

    /// Unary `- + ~`.
    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.tok() {
            Tok::Op(Op::Minus) => UnaryOp::USub,
            Tok::Op(Op::Plus) => UnaryOp::UAdd,
            Tok::Op(Op::Tilde) => UnaryOp::Invert,
            _ => return self.power(),
        };
        let (line, saved) = (self.bump().line, self.nesting);
        self.nest()?;
        let operand = self.factor()?;
        self.nesting = saved;
        Ok(Expr { line, kind: ExprKind::UnaryOp { op, operand: Box::new(operand) } })
    }

    /// `[await] primary ['**' factor]` (`await` is outside the subset).
    fn power(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Await) {
            self.defer_unsupported("'await'", self.peek());
            self.bump();
        }
        let line = self.line();
        let base = self.primary()?;
        if !self.eat_op(Op::DoubleStar) {
            return Ok(base);
        }
        let saved = self.nesting;
        self.nest()?;
        let exp = self.factor()?;
        self.nesting = saved;
        Ok(Expr { line, kind: ExprKind::BinOp { op: BinOp::Pow, left: Box::new(base), right: Box::new(exp) } })
    }
}
