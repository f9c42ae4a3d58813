//! Statement dispatch and simple statements: expression statements, assignments (chained, unpacking,
//! augmented), `del`, `pass`, `break`, `continue`, `return`, `raise`, `assert`, `global`, `nonlocal`,
//! `import` and `from ... import`.

use super::{Parser, target};
use crate::lang::ast::{Alias, BinOp, Expr, ExprKind, Stmt, StmtKind};
use crate::lang::error::CompileError;
use crate::lang::token::{Kw, Op, Tok};

type PResult<T> = Result<T, CompileError>;

impl Parser<'_> {
    /// One statement: a compound statement, or a line of simple statements separated by `;` (so possibly
    /// several).
    pub(super) fn statement(&mut self) -> PResult<Vec<Stmt>> {
        let t = self.peek();
        match &t.tok {
            Tok::Kw(Kw::If | Kw::While | Kw::For | Kw::Try | Kw::With | Kw::Def | Kw::Class) | Tok::Op(Op::At) => {
                Ok(vec![self.compound()?])
            }
            Tok::Kw(Kw::Async) => {
                let what = match self.nth(1) {
                    Tok::Kw(Kw::Def) => "'async def'",
                    Tok::Kw(Kw::For) => "'async for'",
                    Tok::Kw(Kw::With) => "'async with'",
                    _ => return Err(self.error()),
                };
                self.defer_unsupported(what, t);
                self.bump();
                Ok(vec![self.compound()?])
            }
            Tok::Name(name) if name == "match" && self.at_match_statement() => {
                self.skip_match_statement()?;
                Ok(Vec::new())
            }
            _ => self.simple_stmts(),
        }
    }

    /// Whether this logical line is a `match subject:` header: it starts with the soft keyword `match` and
    /// ends with `:`, which no simple statement does.
    fn at_match_statement(&self) -> bool {
        let rest = &self.toks[self.pos..];
        let end = rest.iter().position(|t| t.tok == Tok::Newline).unwrap_or(0);
        end > 2 && rest[end - 1].tok == Tok::Op(Op::Colon)
    }

    /// Note a `match` statement as outside the subset and skip it: its header line and indented block.
    fn skip_match_statement(&mut self) -> PResult<()> {
        let header = self.peek();
        self.defer_unsupported("the 'match' statement", header);
        while !self.at(&Tok::Newline) {
            self.bump();
        }
        self.bump();
        if !self.at(&Tok::Indent) {
            let t = self.peek();
            let msg = format!("expected an indented block after 'match' statement on line {}", header.line);
            return Err(CompileError::indentation(msg, t.line, t.col));
        }
        let mut depth = 0;
        loop {
            match self.tok() {
                Tok::Indent => depth += 1,
                Tok::Dedent => depth -= 1,
                Tok::EndMarker => return Ok(()),
                _ => {}
            }
            self.bump();
            if depth == 0 {
                return Ok(());
            }
        }
    }

    /// Simple statements separated by `;`, through the `Newline`.
    pub(super) fn simple_stmts(&mut self) -> PResult<Vec<Stmt>> {
        let mut out = vec![self.small_stmt()?];
        while self.eat_op(Op::Semi) {
            if self.at(&Tok::Newline) {
                break;
            }
            out.push(self.small_stmt()?);
        }
        self.expect_newline()?;
        Ok(out)
    }

    fn small_stmt(&mut self) -> PResult<Stmt> {
        let t = self.peek();
        let line = t.line;
        let kind = match &t.tok {
            Tok::Kw(Kw::Pass) => {
                self.bump();
                StmtKind::Pass
            }
            Tok::Kw(Kw::Break) => {
                self.bump();
                StmtKind::Break
            }
            Tok::Kw(Kw::Continue) => {
                self.bump();
                StmtKind::Continue
            }
            Tok::Kw(Kw::Return) => {
                self.bump();
                StmtKind::Return(if self.starts_expr() { Some(self.star_expressions()?) } else { None })
            }
            Tok::Kw(Kw::Raise) => {
                self.bump();
                let exc = if self.starts_expr() { Some(self.expression()?) } else { None };
                let cause = if exc.is_some() && self.eat_kw(Kw::From) { Some(self.expression()?) } else { None };
                StmtKind::Raise { exc, cause }
            }
            Tok::Kw(Kw::Assert) => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat_op(Op::Comma) { Some(self.expression()?) } else { None };
                StmtKind::Assert { test, msg }
            }
            Tok::Kw(Kw::Global) => {
                self.bump();
                StmtKind::Global(self.names()?)
            }
            Tok::Kw(Kw::Nonlocal) => {
                self.bump();
                StmtKind::Nonlocal(self.names()?)
            }
            Tok::Kw(Kw::Del) => self.del()?,
            Tok::Kw(Kw::Import) => self.import()?,
            Tok::Kw(Kw::From) => self.import_from()?,
            _ => self.expr_stmt()?,
        };
        Ok(Stmt { line, kind })
    }

    /// An expression statement or an (augmented) assignment.
    fn expr_stmt(&mut self) -> PResult<StmtKind> {
        let first = self.assign_value()?;
        if let Some(op) = self.aug_op() {
            self.bump();
            target::check_aug(&first)?;
            let value = self.assign_value()?;
            return Ok(StmtKind::AugAssign { target: first, op, value });
        }
        if self.at_op(Op::Walrus) {
            let t = self.peek();
            return Err(CompileError::syntax("invalid syntax", t.line, t.col));
        }
        if self.at_op(Op::Colon) {
            return self.annotation(&first);
        }
        if !self.at_op(Op::Eq) {
            return Ok(StmtKind::Expr(first));
        }
        let mut exprs = vec![first];
        while self.eat_op(Op::Eq) {
            if !self.starts_expr() && !self.at_kw(Kw::Yield) {
                // CPython names a bad target even when the value is missing (`f() =`).
                for t in &exprs {
                    target::check_assign(t, false)?;
                }
            }
            exprs.push(self.assign_value()?);
        }
        let value = exprs.pop().unwrap_or_else(|| unreachable!("at least two expressions"));
        let single = exprs.len() == 1;
        for t in &exprs {
            self.check_target(t, single)?;
        }
        Ok(StmtKind::Assign { targets: exprs, value })
    }

    /// An annotated assignment `target: annotation [= value]` (at the `:`), outside the subset: parsed, and
    /// replaced by `pass`.
    fn annotation(&mut self, target: &Expr) -> PResult<StmtKind> {
        let colon = self.bump();
        self.expression()?;
        let what = match target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Tuple(_) => Some("only single target (not tuple) can be annotated"),
            ExprKind::List(_) => Some("only single target (not list) can be annotated"),
            _ => Some("illegal target for annotation"),
        };
        if let Some(msg) = what {
            return Err(CompileError::syntax(msg, target.line, 0));
        }
        if self.eat_op(Op::Eq) {
            self.assign_value()?;
        }
        self.defer_unsupported("variable annotation", colon);
        Ok(StmtKind::Pass)
    }

    /// The operator of an augmented assignment token, if the current token is one.
    fn aug_op(&self) -> Option<BinOp> {
        let Tok::Op(op) = self.tok() else { return None };
        Some(match op {
            Op::PlusEq => BinOp::Add,
            Op::MinusEq => BinOp::Sub,
            Op::StarEq => BinOp::Mult,
            Op::SlashEq => BinOp::Div,
            Op::DoubleSlashEq => BinOp::FloorDiv,
            Op::PercentEq => BinOp::Mod,
            Op::DoubleStarEq => BinOp::Pow,
            Op::AmpEq => BinOp::BitAnd,
            Op::PipeEq => BinOp::BitOr,
            Op::CaretEq => BinOp::BitXor,
            Op::LShiftEq => BinOp::LShift,
            Op::RShiftEq => BinOp::RShift,
            Op::AtEq => BinOp::MatMult,
            _ => return None,
        })
    }

    /// `del t1, t2` (a parenthesized tuple stays one target, as in CPython).
    fn del(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut targets: Vec<Expr> = Vec::new();
        loop {
            let e = self.star_expression()?;
            target::check_del(&e)?;
            targets.push(e);
            if !self.eat_op(Op::Comma) || !self.starts_expr() {
                return Ok(StmtKind::Delete(targets));
            }
        }
    }

    /// `name, name, ...` of `global` and `nonlocal`.
    fn names(&mut self) -> PResult<Vec<String>> {
        let mut names = vec![self.expect_name()?];
        while self.eat_op(Op::Comma) {
            names.push(self.expect_name()?);
        }
        Ok(names)
    }

    /// `a.b.c`
    fn dotted_name(&mut self) -> PResult<String> {
        let mut name = self.expect_name()?;
        while self.eat_op(Op::Dot) {
            name.push('.');
            name.push_str(&self.expect_name()?);
        }
        Ok(name)
    }

    /// `import a.b [as c], d`
    fn import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let name = self.dotted_name()?;
            let asname = if self.eat_kw(Kw::As) { Some(self.expect_name()?) } else { None };
            names.push(Alias { name, asname });
            if !self.eat_op(Op::Comma) {
                return Ok(StmtKind::Import(names));
            }
        }
    }

    /// `from module import a [as b], c` or with the names in parentheses.
    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut module = String::new();
        if self.at_op(Op::Dot) {
            self.defer_unsupported("relative import", self.peek());
            while self.eat_op(Op::Dot) {
                module.push('.');
            }
        }
        if !self.at_kw(Kw::Import) || module.is_empty() {
            module.push_str(&self.dotted_name()?);
        }
        self.expect_kw(Kw::Import)?;
        if self.at_op(Op::Star) {
            let t = self.bump();
            self.defer_unsupported("'from ... import *'", t);
            return Ok(StmtKind::ImportFrom { module, names: Vec::new() });
        }
        let paren = self.eat_op(Op::LPar);
        let mut names = Vec::new();
        loop {
            let name = self.expect_name()?;
            let asname = if self.eat_kw(Kw::As) { Some(self.expect_name()?) } else { None };
            names.push(Alias { name, asname });
            if !self.eat_op(Op::Comma) || (paren && self.at_op(Op::RPar)) {
                break;
            }
            if !paren && self.at(&Tok::Newline) {
                return Err(self.error_msg("trailing comma not allowed without surrounding parentheses"));
            }
        }
        if paren {
            self.expect_op(Op::RPar)?;
        }
        Ok(StmtKind::ImportFrom { module, names })
    }
}
