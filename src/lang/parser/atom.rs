//! Primaries and atoms: names, literals, string concatenation, parenthesized forms, displays and
//! comprehensions, and the trailers `.name`, `(args)`, `[subscript]`.

use super::{Parser, fstring};
use crate::lang::ast::{Arg, Comprehension, Const, Expr, ExprKind, FStringPart};
use crate::lang::error::CompileError;
use crate::lang::token::{Kw, Op, Tok};

type PResult<T> = Result<T, CompileError>;

impl<'t> Parser<'t> {
    /// An atom followed by any number of trailers.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let (line, saved) = (self.line(), self.nesting);
        let mut e = self.atom()?;
        loop {
            let kind = match self.tok() {
                Tok::Op(Op::Dot) => {
                    self.bump();
                    ExprKind::Attribute { value: Box::new(e), attr: self.expect_name()? }
                }
                Tok::Op(Op::LPar) => ExprKind::Call { func: Box::new(e), args: self.call_args()? },
                Tok::Op(Op::LSqb) => ExprKind::Subscript { value: Box::new(e), index: Box::new(self.subscript()?) },
                _ => {
                    self.nesting = saved;
                    return Ok(e);
                }
            };
            e = Expr { line, kind };
            self.nest()?;
        }
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let kind = match &t.tok {
            Tok::Name(name) => ExprKind::Name(name.clone()),
            Tok::Int(i) => ExprKind::Const(Const::Int(*i)),
            Tok::Float(f) => ExprKind::Const(Const::Float(*f)),
            Tok::Kw(Kw::None) => ExprKind::Const(Const::None),
            Tok::Kw(Kw::True) => ExprKind::Const(Const::Bool(true)),
            Tok::Kw(Kw::False) => ExprKind::Const(Const::Bool(false)),
            Tok::Str(_) | Tok::FString { .. } => return self.strings(),
            Tok::Op(Op::LPar) => return self.paren(),
            Tok::Op(Op::LSqb) => return self.list(),
            Tok::Op(Op::LBrace) => return self.brace(),
            Tok::Op(Op::Dot) if self.at_ellipsis() => {
                self.bump();
                self.bump();
                ExprKind::Const(Const::Ellipsis)
            }
            _ => return Err(self.error()),
        };
        self.bump();
        Ok(Expr { line: t.line, kind })
    }

    /// Whether the next three tokens are adjacent dots (the lexer has no `...` token).
    fn at_ellipsis(&self) -> bool {
        let dot_at = |n: usize| self.toks.get(self.pos + n).filter(|t| t.tok == Tok::Op(Op::Dot));
        match (dot_at(0), dot_at(1), dot_at(2)) {
            (Some(a), Some(b), Some(c)) => {
                a.line == c.line && b.line == a.line && b.col == a.col + 1 && c.col == a.col + 2
            }
            _ => false,
        }
    }

    /// Adjacent string literals, concatenated; if any is an f-string the result is one f-string.
    fn strings(&mut self) -> PResult<Expr> {
        let line = self.line();
        let count =
            self.toks[self.pos..].iter().take_while(|t| matches!(t.tok, Tok::Str(_) | Tok::FString { .. })).count();
        // CPython reports errors in the f-strings' literal text and braces at the token after them.
        let after = &self.toks[(self.pos + count).min(self.toks.len() - 1)];
        let mut parts = Vec::new();
        let mut is_fstring = false;
        for _ in 0..count {
            let t = self.bump();
            match &t.tok {
                Tok::Str(s) => push_literal(&mut parts, s.clone()),
                Tok::FString { body, raw } => {
                    is_fstring = true;
                    let (fields, unsupported) = fstring::parse(body, *raw, t.line, after)?;
                    if let Some(e) = unsupported {
                        self.unsupported.get_or_insert(e);
                    }
                    for part in fields {
                        match part {
                            FStringPart::Literal(s) => push_literal(&mut parts, s),
                            field => parts.push(field),
                        }
                    }
                }
                _ => unreachable!("counted string tokens"),
            }
        }
        if is_fstring {
            return Ok(Expr { line, kind: ExprKind::FString(parts) });
        }
        let text = match parts.pop() {
            Some(FStringPart::Literal(s)) => s,
            _ => String::new(),
        };
        Ok(Expr { line, kind: ExprKind::Const(Const::Str(text)) })
    }

    /// `()`, `(expr)`, `(a, b)`, `(x for ...)`, `(yield ...)`.
    fn paren(&mut self) -> PResult<Expr> {
        let line = self.bump().line;
        if self.eat_op(Op::RPar) {
            return Ok(Expr { line, kind: ExprKind::Tuple(Vec::new()) });
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect_op(Op::RPar)?;
            return Ok(e);
        }
        let start = self.peek();
        let first = self.star_named_expression()?;
        if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, Op::RPar)?;
            return Ok(Expr { line, kind: ExprKind::GeneratorExp { elt: Box::new(elt), generators } });
        }
        if self.at_op(Op::Comma) {
            let elts = self.elements(first, Op::RPar)?;
            return Ok(Expr { line, kind: ExprKind::Tuple(elts) });
        }
        self.expect_op(Op::RPar)?;
        if matches!(first.kind, ExprKind::Starred(_)) {
            return Err(CompileError::syntax("cannot use starred expression here", first.line, start.col));
        }
        Ok(first)
    }

    /// `[...]`: a list display or a list comprehension.
    fn list(&mut self) -> PResult<Expr> {
        let line = self.bump().line;
        if self.eat_op(Op::RSqb) {
            return Ok(Expr { line, kind: ExprKind::List(Vec::new()) });
        }
        let first = self.star_named_expression()?;
        if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, Op::RSqb)?;
            return Ok(Expr { line, kind: ExprKind::ListComp { elt: Box::new(elt), generators } });
        }
        let elts = self.elements(first, Op::RSqb)?;
        Ok(Expr { line, kind: ExprKind::List(elts) })
    }

    /// `{...}`: a dict or set display, or a dict or set comprehension.
    fn brace(&mut self) -> PResult<Expr> {
        let line = self.bump().line;
        if self.eat_op(Op::RBrace) {
            return Ok(Expr { line, kind: ExprKind::Dict(Vec::new()) });
        }
        if self.eat_op(Op::DoubleStar) {
            let first = (None, self.bitwise_or()?);
            return Ok(Expr { line, kind: ExprKind::Dict(self.dict_items(first)?) });
        }
        let first = self.star_named_expression()?;
        if !matches!(first.kind, ExprKind::Starred(_)) && self.at_op(Op::Colon) {
            let value = self.dict_value()?;
            if self.at_comp_for() {
                let generators = self.comp_for()?;
                self.expect_op(Op::RBrace)?;
                let kind = ExprKind::DictComp { key: Box::new(first), value: Box::new(value), generators };
                return Ok(Expr { line, kind });
            }
            return Ok(Expr { line, kind: ExprKind::Dict(self.dict_items((Some(first), value))?) });
        }
        if self.at_comp_for() {
            let (elt, generators) = self.comprehension(first, Op::RBrace)?;
            return Ok(Expr { line, kind: ExprKind::SetComp { elt: Box::new(elt), generators } });
        }
        Ok(Expr { line, kind: ExprKind::Set(self.elements(first, Op::RBrace)?) })
    }

    /// The rest of a dict display after its first item, through the `}`.
    fn dict_items(&mut self, first: (Option<Expr>, Expr)) -> PResult<Vec<(Option<Expr>, Expr)>> {
        let mut items = vec![first];
        loop {
            if self.eat_op(Op::RBrace) {
                return Ok(items);
            }
            if !self.eat_op(Op::Comma) {
                return Err(self.error());
            }
            if self.eat_op(Op::RBrace) {
                return Ok(items);
            }
            let start = self.peek();
            if self.eat_op(Op::DoubleStar) {
                items.push((None, self.bitwise_or()?));
            } else {
                let key = self.expression()?;
                if !self.at_op(Op::Colon) {
                    let msg = "':' expected after dictionary key";
                    return Err(CompileError::syntax(msg, key.line, start.col));
                }
                items.push((Some(key), self.dict_value()?));
            }
        }
    }

    /// `: value` of a dict item, with CPython's messages for a missing or starred value.
    fn dict_value(&mut self) -> PResult<Expr> {
        let colon = self.bump();
        if self.at_op(Op::RBrace) || self.at_op(Op::Comma) {
            let msg = "expression expected after dictionary key and ':'";
            return Err(CompileError::syntax(msg, colon.line, colon.col));
        }
        if self.at_op(Op::Star) {
            return Err(self.error_msg("cannot use a starred expression in a dictionary value"));
        }
        self.expression()
    }

    /// The rest of a comma-separated display after its first element, through `close`.
    fn elements(&mut self, first: Expr, close: Op) -> PResult<Vec<Expr>> {
        let mut elts = vec![first];
        loop {
            if self.eat_op(close) {
                return Ok(elts);
            }
            if !self.eat_op(Op::Comma) {
                return Err(self.error());
            }
            if self.eat_op(close) {
                return Ok(elts);
            }
            elts.push(self.star_named_expression()?);
        }
    }

    /// Whether a comprehension clause starts here.
    fn at_comp_for(&self) -> bool {
        self.at_kw(Kw::For) || (self.at_kw(Kw::Async) && *self.nth(1) == Tok::Kw(Kw::For))
    }

    /// The clauses of a comprehension whose element is `elt`, through `close`.
    fn comprehension(&mut self, elt: Expr, close: Op) -> PResult<(Expr, Vec<Comprehension>)> {
        if matches!(elt.kind, ExprKind::Starred(_)) {
            return Err(CompileError::syntax("iterable unpacking cannot be used in comprehension", elt.line, 0));
        }
        let generators = self.comp_for()?;
        self.expect_op(close)?;
        Ok((elt, generators))
    }

    /// `for target in iter [if cond]*` clauses, one or more.
    fn comp_for(&mut self) -> PResult<Vec<Comprehension>> {
        let mut generators = Vec::new();
        while self.at_comp_for() {
            if self.at_kw(Kw::Async) {
                self.defer_unsupported("asynchronous comprehension", self.peek());
                self.bump();
            }
            self.bump();
            let target = self.target_list()?;
            self.expect_kw(Kw::In)?;
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Comprehension { target, iter, ifs });
        }
        Ok(generators)
    }

    /// A comma-separated assignment target list (of `for` statements and comprehensions), up to `in`;
    /// with a comma, a tuple.
    pub(super) fn target_list(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.star_target()?;
        let e = if self.at_op(Op::Comma) {
            let mut elts = vec![first];
            while self.eat_op(Op::Comma) {
                if !self.starts_expr() {
                    break;
                }
                elts.push(self.star_target()?);
            }
            Expr { line, kind: ExprKind::Tuple(elts) }
        } else {
            first
        };
        self.check_target(&e, false)?;
        Ok(e)
    }

    /// One target: `'*' bitwise_or | bitwise_or` (checked by the caller).
    pub(super) fn star_target(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let line = self.bump().line;
            let value = self.bitwise_or()?;
            return Ok(Expr { line, kind: ExprKind::Starred(Box::new(value)) });
        }
        self.bitwise_or()
    }

    /// `(args)`: positional, `*it`, `name=value`, `**m`, or one bare generator expression.
    pub(super) fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let open_line = self.bump().line;
        let first = self.peek();
        let mut args = Vec::new();
        let (mut keyword, mut unpacked) = (false, false);
        // A positional argument after keywords: CPython reports it at the token after the arguments.
        let mut misplaced = None;
        loop {
            if self.at_op(Op::RPar) {
                let close = self.bump();
                return match misplaced {
                    Some(msg) => Err(CompileError::syntax(msg, close.line, close.col)),
                    None => Ok(args),
                };
            }
            let start = self.peek();
            if self.eat_op(Op::Star) {
                if unpacked {
                    let msg = "iterable argument unpacking follows keyword argument unpacking";
                    return Err(CompileError::syntax(msg, first.line, first.col));
                }
                args.push(Arg::Star(self.expression()?));
            } else if self.eat_op(Op::DoubleStar) {
                unpacked = true;
                args.push(Arg::DoubleStar(self.expression()?));
            } else if let Tok::Name(name) = self.tok()
                && *self.nth(1) == Tok::Op(Op::Eq)
            {
                self.bump();
                self.bump();
                keyword = true;
                args.push(Arg::Keyword(name.clone(), self.expression()?));
            } else {
                let e = self.expression()?;
                let mut e = self.walrus(e)?;
                if self.at_comp_for() {
                    let generators = self.comp_for()?;
                    e = Expr { line: open_line, kind: ExprKind::GeneratorExp { elt: Box::new(e), generators } };
                    if !args.is_empty() || self.at_op(Op::Comma) {
                        let msg = "Generator expression must be parenthesized";
                        return Err(CompileError::syntax(msg, start.line, start.col));
                    }
                    if !self.at_op(Op::RPar) {
                        return Err(self.error());
                    }
                } else if self.at_op(Op::Eq) {
                    let msg = "expression cannot contain assignment, perhaps you meant \"==\"?";
                    return Err(CompileError::syntax(msg, start.line, start.col));
                }
                let msg = match (unpacked, keyword) {
                    (true, _) => Some("positional argument follows keyword argument unpacking"),
                    (false, true) => Some("positional argument follows keyword argument"),
                    _ => None,
                };
                misplaced = misplaced.or(msg);
                args.push(Arg::Positional(e));
            }
            if !self.at_op(Op::RPar) && !self.eat_op(Op::Comma) {
                return Err(self.error());
            }
        }
    }

    /// `[index]`: one expression or slice, or a tuple of them.
    fn subscript(&mut self) -> PResult<Expr> {
        self.bump();
        let line = self.line();
        let first = self.slice()?;
        if self.eat_op(Op::RSqb) {
            if matches!(first.kind, ExprKind::Starred(_)) {
                return Ok(Expr { line, kind: ExprKind::Tuple(vec![first]) });
            }
            return Ok(first);
        }
        let mut elts = vec![first];
        loop {
            if !self.eat_op(Op::Comma) {
                return Err(self.error());
            }
            if self.eat_op(Op::RSqb) {
                break;
            }
            elts.push(self.slice()?);
            if self.eat_op(Op::RSqb) {
                break;
            }
        }
        Ok(Expr { line, kind: ExprKind::Tuple(elts) })
    }

    /// One subscript element: an expression, or `[lower]:[upper][:[step]]`.
    fn slice(&mut self) -> PResult<Expr> {
        let line = self.line();
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.star_named_expression()?;
            if !self.at_op(Op::Colon) || matches!(e.kind, ExprKind::Starred(_)) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.bump();
        let ends = |p: &Self| p.at_op(Op::Colon) || p.at_op(Op::Comma) || p.at_op(Op::RSqb);
        let upper = if ends(self) { None } else { Some(Box::new(self.expression()?)) };
        let step = if self.eat_op(Op::Colon) && !ends(self) { Some(Box::new(self.expression()?)) } else { None };
        Ok(Expr { line, kind: ExprKind::Slice { lower, upper, step } })
    }
}

/// Append literal text to f-string parts, merging with a preceding literal and dropping empty text.
fn push_literal(parts: &mut Vec<FStringPart>, s: String) {
    if s.is_empty() {
        return;
    }
    if let Some(FStringPart::Literal(last)) = parts.last_mut() {
        last.push_str(&s);
    } else {
        parts.push(FStringPart::Literal(s));
    }
}
