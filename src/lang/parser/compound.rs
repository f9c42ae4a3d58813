//! Compound statements: `if`/`elif`/`else`, `while`, `for`, `try`, `with`, `def`, `class`, decorators, and
//! their blocks.

use super::Parser;
use crate::lang::ast::{Arg, ClassDef, ExceptHandler, Expr, FunctionDef, Stmt, StmtKind, WithItem};
use crate::lang::error::CompileError;
use crate::lang::token::{Kw, Op, Tok};

type PResult<T> = Result<T, CompileError>;

impl Parser<'_> {
    /// A compound statement (the current token is its keyword, or `@`).
    pub(super) fn compound(&mut self) -> PResult<Stmt> {
        match self.tok() {
            Tok::Kw(Kw::If) => self.if_stmt(),
            Tok::Kw(Kw::While) => self.while_stmt(),
            Tok::Kw(Kw::For) => self.for_stmt(),
            Tok::Kw(Kw::Try) => self.try_stmt(),
            Tok::Kw(Kw::With) => self.with_stmt(),
            Tok::Kw(Kw::Def) => self.funcdef(Vec::new()),
            Tok::Kw(Kw::Class) => self.classdef(Vec::new()),
            Tok::Op(Op::At) => self.decorated(),
            _ => Err(self.error()),
        }
    }

    /// `':' block`: an indented block, or simple statements on the header's line. `what` names the header
    /// in CPython's IndentationError ("'if' statement", "function definition") and `line` is its line.
    fn block(&mut self, what: &str, line: u32) -> PResult<Vec<Stmt>> {
        self.expect_colon()?;
        if !self.at(&Tok::Newline) {
            return self.simple_stmts();
        }
        self.bump();
        if !self.at(&Tok::Indent) {
            let t = self.peek();
            let msg = format!("expected an indented block after {what} on line {line}");
            return Err(CompileError::indentation(msg, t.line, t.col));
        }
        self.bump();
        let mut body = Vec::new();
        while !self.at(&Tok::Dedent) && !self.at(&Tok::EndMarker) {
            body.extend(self.statement()?);
        }
        if self.at(&Tok::Dedent) {
            self.bump();
        }
        Ok(body)
    }

    /// `else: block`, if present.
    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if self.at_kw(Kw::Else) {
            let line = self.bump().line;
            self.block("'else' statement", line)
        } else {
            Ok(Vec::new())
        }
    }

    /// `if` or `elif`: an `elif` nests as an `If` alone in `orelse`.
    fn if_stmt(&mut self) -> PResult<Stmt> {
        let t = self.bump();
        let what = if t.tok == Tok::Kw(Kw::Elif) { "'elif' statement" } else { "'if' statement" };
        let test = self.named_expression()?;
        let body = self.block(what, t.line)?;
        let orelse = if self.at_kw(Kw::Elif) { vec![self.if_stmt()?] } else { self.else_block()? };
        Ok(Stmt { line: t.line, kind: StmtKind::If { test, body, orelse } })
    }

    fn while_stmt(&mut self) -> PResult<Stmt> {
        let line = self.bump().line;
        let test = self.named_expression()?;
        let body = self.block("'while' statement", line)?;
        let orelse = self.else_block()?;
        Ok(Stmt { line, kind: StmtKind::While { test, body, orelse } })
    }

    fn for_stmt(&mut self) -> PResult<Stmt> {
        let line = self.bump().line;
        let target = self.target_list()?;
        self.expect_kw(Kw::In)?;
        let iter = self.star_expressions()?;
        let body = self.block("'for' statement", line)?;
        let orelse = self.else_block()?;
        Ok(Stmt { line, kind: StmtKind::For { target, iter, body, orelse } })
    }

    fn try_stmt(&mut self) -> PResult<Stmt> {
        let line = self.bump().line;
        let body = self.block("'try' statement", line)?;
        let mut handlers: Vec<ExceptHandler> = Vec::new();
        while self.at_kw(Kw::Except) {
            let t = self.bump();
            if let Some(bare) = handlers.iter().find(|h| h.typ.is_none()) {
                self.defer(CompileError::syntax("default 'except:' must be last", bare.line, 1));
            }
            if self.at_op(Op::Star) {
                self.defer_unsupported("'except*'", t);
                self.bump();
            }
            let (mut typ, mut name) = (None, None);
            if !self.at_op(Op::Colon) {
                let start = self.peek();
                typ = Some(self.expression()?);
                if self.at_op(Op::Comma) {
                    let msg = "multiple exception types must be parenthesized";
                    return Err(CompileError::syntax(msg, start.line, start.col));
                }
                if self.eat_kw(Kw::As) {
                    name = Some(self.expect_name()?);
                }
            }
            let body = self.block("'except' statement", t.line)?;
            handlers.push(ExceptHandler { line: t.line, typ, name, body });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let finalbody = if self.at_kw(Kw::Finally) {
            let l = self.bump().line;
            self.block("'finally' statement", l)?
        } else if handlers.is_empty() {
            return Err(self.error_msg("expected 'except' or 'finally' block"));
        } else {
            Vec::new()
        };
        Ok(Stmt { line, kind: StmtKind::Try { body, handlers, orelse, finalbody } })
    }

    /// `with a [as b], ...:`, the items possibly in parentheses (tried first, as CPython does, so
    /// `with (a, b):` is two items).
    fn with_stmt(&mut self) -> PResult<Stmt> {
        let line = self.bump().line;
        let save = (self.pos, self.nesting);
        let items = match self.with_items_parenthesized() {
            Ok(items) if self.at_op(Op::Colon) => items,
            _ => {
                (self.pos, self.nesting) = save;
                self.with_items()?
            }
        };
        let body = self.block("'with' statement", line)?;
        Ok(Stmt { line, kind: StmtKind::With { items, body } })
    }

    fn with_items_parenthesized(&mut self) -> PResult<Vec<WithItem>> {
        self.expect_op(Op::LPar)?;
        let mut items = Vec::new();
        loop {
            items.push(self.with_item()?);
            if !self.eat_op(Op::Comma) || self.at_op(Op::RPar) {
                break;
            }
        }
        self.expect_op(Op::RPar)?;
        Ok(items)
    }

    fn with_items(&mut self) -> PResult<Vec<WithItem>> {
        let mut items = vec![self.with_item()?];
        while self.eat_op(Op::Comma) {
            items.push(self.with_item()?);
        }
        Ok(items)
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.expression()?;
        let target = if self.eat_kw(Kw::As) {
            let t = self.star_target()?;
            self.check_target(&t, false)?;
            Some(t)
        } else {
            None
        };
        Ok(WithItem { context, target })
    }

    /// `@decorator` lines, then a `def` or `class`.
    fn decorated(&mut self) -> PResult<Stmt> {
        let mut decorators: Vec<Expr> = Vec::new();
        while self.eat_op(Op::At) {
            decorators.push(self.named_expression()?);
            self.expect_newline()?;
        }
        match self.tok() {
            Tok::Kw(Kw::Def) => self.funcdef(decorators),
            Tok::Kw(Kw::Class) => self.classdef(decorators),
            Tok::Kw(Kw::Async) if *self.nth(1) == Tok::Kw(Kw::Def) => {
                self.defer_unsupported("'async def'", self.peek());
                self.bump();
                self.funcdef(decorators)
            }
            _ => Err(self.error()),
        }
    }

    /// `def name(params) [-> annotation]: block`
    fn funcdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let line = self.bump().line;
        let name = self.expect_name()?;
        if !self.eat_op(Op::LPar) {
            return Err(self.error_msg("expected '('"));
        }
        let params = self.params(Op::RPar)?;
        self.expect_op(Op::RPar)?;
        if self.eat_op(Op::Arrow) {
            self.expression()?;
        }
        let body = self.block("function definition", line)?;
        let def = FunctionDef { name, params, body, decorators };
        Ok(Stmt { line, kind: StmtKind::FunctionDef(Box::new(def)) })
    }

    /// `class name[(bases)]: block`
    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<Stmt> {
        let class = self.bump();
        let line = class.line;
        let name = self.expect_name()?;
        let mut bases = Vec::new();
        if self.at_op(Op::LPar) {
            for arg in self.call_args()? {
                match arg {
                    Arg::Positional(e) => bases.push(e),
                    Arg::Keyword(..) => self.defer_unsupported("class keyword arguments", class),
                    Arg::Star(_) | Arg::DoubleStar(_) => self.defer_unsupported("unpacking in class bases", class),
                }
            }
        }
        let body = self.block("class definition", line)?;
        let def = ClassDef { name, bases, body, decorators };
        Ok(Stmt { line, kind: StmtKind::ClassDef(Box::new(def)) })
    }
}
