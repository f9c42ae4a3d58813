//! The parser: recursive descent over [`Token`]s into [`ast`](super::ast) nodes, following CPython's grammar
//! and precedence for gilfree's subset.
//!
//! - `stmt` and `compound`: simple statements (assignments, `del`, `import`, ...) and compound ones
//!   (`if`, loops, `try`, `with`, `def`, `class`), blocks and their indentation errors.
//! - `expr`: the precedence levels from `lambda` down to unary operators and `**`.
//! - `atom`: atoms and trailers: displays, comprehensions, calls, subscripts, string concatenation.
//! - `params`: parameter lists of `def` and `lambda`.
//! - `fstring`: splitting f-string bodies into literal parts and fields.
//! - `target`: which expressions can be assigned to or deleted, with CPython's messages.
//! - `report`: the error for an unexpected token, with CPython's hints.
//!
//! Every node records the line where it starts. Invalid Python is a `SyntaxError` (or `IndentationError`)
//! at CPython's line; valid Python outside the subset (`async`, `await`, `:=`, annotations, `match`, ...)
//! is a `NotImplementedError` naming the first such construct. The parser parses past those constructs
//! (skipping a `match` statement's block), so that, as in CPython, a syntax error anywhere wins; CPython's
//! compile-time checks (starred targets, duplicate parameters, a bare `except:` not last) come after both.

mod atom;
mod compound;
mod expr;
mod fstring;
mod params;
mod report;
mod stmt;
mod target;
#[cfg(test)]
mod tests;

use std::cell::Cell;

use super::ast::Module;
use super::error::CompileError;
use super::token::{Kw, Op, Tok, Token};

/// Parse a token stream (ending in `EndMarker`) into a module.
pub fn parse_module(tokens: &[Token]) -> Result<Module, CompileError> {
    on_parse_stack(&|| parse_tokens(tokens).0)
}

/// For ranking a lexical error against a parser error before it (see the lexer's `order`): parse `tokens`,
/// which stop early, `cut` being the index of the first of the `Newline` and `EndMarker` put after them.
/// Returns the parser's error if it failed without looking at those two (so it found a real error before
/// the cut), with the line of the furthest token it looked at (CPython's "current error line").
pub(crate) fn prefix_error(tokens: &[Token], cut: usize) -> Option<(CompileError, u32)> {
    on_parse_stack(&|| match parse_tokens(tokens) {
        (Err(e), furthest) if furthest < cut => Some((e, tokens[furthest].line)),
        _ => None,
    })
}

/// Run `parse` on a thread with [`PARSE_STACK`] bytes of stack (reserved, not committed), whatever thread
/// calls it: recursive descent takes stack in proportion to nesting, up to ~11 KiB per level of
/// parentheses in an unoptimized build. If that thread cannot be started, run it here.
fn on_parse_stack<T: Send>(parse: &(dyn Fn() -> T + Sync)) -> T {
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().name("gilfree-parse".into()).stack_size(PARSE_STACK);
        match thread.spawn_scoped(scope, parse) {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => parse(),
        }
    })
}

/// Stack for the parsing thread: four times what [`MAX_NESTING`] levels of the worst kind (nested lambdas or
/// conditionals) take in an unoptimized build.
const PARSE_STACK: usize = 64 << 20;

/// Parse `tokens` (an `EndMarker` is added if missing); also return the index of the furthest token
/// looked at.
fn parse_tokens(tokens: &[Token]) -> (Result<Module, CompileError>, usize) {
    let owned;
    let tokens = if matches!(tokens.last(), Some(Token { tok: Tok::EndMarker, .. })) {
        tokens
    } else {
        let line = tokens.last().map_or(1, |t| t.line);
        owned = [tokens, &[Token { tok: Tok::EndMarker, line, col: 1 }]].concat();
        &owned
    };
    let mut p = Parser::new(tokens);
    let result = p.module();
    (result, p.furthest.get())
}

/// The deepest expression nesting accepted: about where CPython's compiler gives up with a
/// `RecursionError` (its parser and tokenizer stop 200 brackets and 100 indentation levels deep).
const MAX_NESTING: u32 = 3000;

/// A cursor over the tokens. The last token is always `EndMarker`, and the cursor never moves past it.
#[derive(Debug)]
pub(super) struct Parser<'t> {
    toks: &'t [Token],
    pos: usize,
    /// The first error that CPython finds only when compiling the parsed tree (a starred assignment
    /// target outside a tuple, two starred targets, a duplicate parameter, a bare `except:` before another
    /// handler): reported only if the whole file parses.
    deferred: Option<CompileError>,
    /// The first construct outside the subset that the parser could parse past (an annotation, `async`,
    /// `:=`, ...): reported only if the file has no syntax error, as CPython would parse on.
    unsupported: Option<CompileError>,
    /// How deeply the expression being parsed nests (an over-estimate of its tree's depth), bounded by
    /// [`MAX_NESTING`] so that neither this parser nor the passes after it run out of stack.
    nesting: u32,
    /// Token indexes where the last disjunction parsed starts and ends (for CPython's "Perhaps you forgot a
    /// comma?", which points at the expression before the one that follows it).
    last_disjunction: (usize, usize),
    /// The index of the furthest token looked at (CPython's `p->fill`, which decides whether its lazy
    /// tokenizer reached a lexical error).
    furthest: Cell<usize>,
}

impl<'t> Parser<'t> {
    /// A parser at the start of `toks`, which must end in `EndMarker`.
    fn new(toks: &'t [Token]) -> Self {
        Self {
            toks,
            pos: 0,
            deferred: None,
            unsupported: None,
            nesting: 0,
            last_disjunction: (0, 0),
            furthest: Cell::new(0),
        }
    }

    /// A whole module: statements up to `EndMarker`, then any error deferred to the end.
    fn module(&mut self) -> Result<Module, CompileError> {
        let mut body = Vec::new();
        while !self.at(&Tok::EndMarker) {
            body.extend(self.statement()?);
        }
        match self.deferred.take().or_else(|| self.unsupported.take()) {
            Some(e) => Err(e),
            None => Ok(Module { body }),
        }
    }

    /// Note a construct outside the subset at `t` and parse on (the first one is kept).
    fn defer_unsupported(&mut self, construct: &str, t: &Token) {
        self.unsupported.get_or_insert_with(|| CompileError::unsupported(construct, t.line, t.col));
    }

    /// Enter one more level of expression nesting (the caller restores `nesting` when it is done).
    fn nest(&mut self) -> Result<(), CompileError> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            let t = self.peek();
            let what = format!("an expression nested more than {MAX_NESTING} levels deep");
            return Err(CompileError::unsupported(&what, t.line, t.col));
        }
        Ok(())
    }

    /// Record an error CPython reports at compile time (the first one is kept).
    fn defer(&mut self, e: CompileError) {
        self.deferred.get_or_insert(e);
    }

    /// Check an assignment target: an invalid target is an error now, starred-target errors are
    /// deferred.
    fn check_target(&mut self, e: &super::ast::Expr, suggest_eq: bool) -> Result<(), CompileError> {
        target::check_assign(e, suggest_eq)?;
        if let Err(err) = target::check_stars(e) {
            self.defer(err);
        }
        Ok(())
    }

    /// The token at `index` (clamped to the `EndMarker`), noting how far the parser has looked.
    fn look(&self, index: usize) -> &'t Token {
        let index = index.min(self.toks.len() - 1);
        self.furthest.set(self.furthest.get().max(index));
        &self.toks[index]
    }

    /// The current token.
    fn peek(&self) -> &'t Token {
        self.look(self.pos)
    }

    /// The current token's kind.
    fn tok(&self) -> &'t Tok {
        &self.peek().tok
    }

    /// The kind of the token `n` places ahead.
    fn nth(&self, n: usize) -> &'t Tok {
        &self.look(self.pos + n).tok
    }

    /// Consume and return the current token (never moving past `EndMarker`).
    fn bump(&mut self) -> &'t Token {
        let t = self.peek();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    /// Line of the current token.
    fn line(&self) -> u32 {
        self.peek().line
    }

    fn at(&self, tok: &Tok) -> bool {
        self.tok() == tok
    }

    fn at_op(&self, op: Op) -> bool {
        *self.tok() == Tok::Op(op)
    }

    fn at_kw(&self, kw: Kw) -> bool {
        *self.tok() == Tok::Kw(kw)
    }

    fn eat_op(&mut self, op: Op) -> bool {
        let yes = self.at_op(op);
        if yes {
            self.bump();
        }
        yes
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        let yes = self.at_kw(kw);
        if yes {
            self.bump();
        }
        yes
    }

    /// Consume `op` or fail with "invalid syntax".
    fn expect_op(&mut self, op: Op) -> Result<&'t Token, CompileError> {
        if self.at_op(op) { Ok(self.bump()) } else { Err(self.error()) }
    }

    /// Consume `kw` or fail with "invalid syntax".
    fn expect_kw(&mut self, kw: Kw) -> Result<&'t Token, CompileError> {
        if self.at_kw(kw) { Ok(self.bump()) } else { Err(self.error()) }
    }

    /// Consume the `:` of a compound statement's header.
    fn expect_colon(&mut self) -> Result<(), CompileError> {
        if self.eat_op(Op::Colon) { Ok(()) } else { Err(self.error_msg("expected ':'")) }
    }

    /// Consume a name.
    fn expect_name(&mut self) -> Result<String, CompileError> {
        match self.tok() {
            Tok::Name(name) => {
                self.bump();
                Ok(name.clone())
            }
            _ => Err(self.error()),
        }
    }

    /// Consume the `Newline` ending a simple statement.
    fn expect_newline(&mut self) -> Result<(), CompileError> {
        if self.at(&Tok::Newline) {
            self.bump();
            Ok(())
        } else {
            Err(self.error())
        }
    }

    /// Whether the current token can start an expression (used to end comma-separated lists that have a
    /// trailing comma).
    fn starts_expr(&self) -> bool {
        match self.tok() {
            Tok::Name(_) | Tok::Int(_) | Tok::Float(_) | Tok::Str(_) | Tok::FString { .. } => true,
            Tok::Kw(kw) => matches!(kw, Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await),
            Tok::Op(op) => {
                matches!(op, Op::LPar | Op::LSqb | Op::LBrace | Op::Minus | Op::Plus | Op::Tilde | Op::Star | Op::Dot)
            }
            _ => false,
        }
    }
}
