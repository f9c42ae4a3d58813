//! The error for an unexpected token: "invalid syntax", or CPython 3.11's more specific message where
//! gilfree can match it (constructs outside the subset are named instead).

use super::Parser;
use crate::lang::error::CompileError;
use crate::lang::token::{Op, Tok};

impl Parser<'_> {
    /// A `SyntaxError` with `msg` at the current token.
    pub(super) fn error_msg(&self, msg: &str) -> CompileError {
        let t = self.peek();
        CompileError::syntax(msg, t.line, t.col)
    }

    /// The error for an unexpected current token: "invalid syntax", except that an `Indent` or `Dedent` is
    /// an `IndentationError`, and an expression right after another gets CPython's hints (see
    /// [`Parser::adjacent_expression_error`]).
    pub(super) fn error(&self) -> CompileError {
        if let Some(e) = self.adjacent_expression_error() {
            return e;
        }
        let t = self.peek();
        match &t.tok {
            Tok::Indent => CompileError::indentation("unexpected indent", t.line, t.col),
            Tok::Dedent => CompileError::indentation("unexpected unindent", t.line, t.col),
            _ => CompileError::syntax("invalid syntax", t.line, t.col),
        }
    }

    /// CPython's errors for an expression directly after a disjunction `a`: "Missing parentheses in call to
    /// 'print'" when `a` is `print` or `exec`, else, inside brackets, "Perhaps you forgot a comma?" at `a`
    /// (not when `a` starts with a name before a string, a mistyped prefix, or with a soft keyword, which
    /// CPython tests with `strncmp` over the name's length, so that any prefix of one counts).
    fn adjacent_expression_error(&self) -> Option<CompileError> {
        let (start, end) = self.last_disjunction;
        if end != self.pos || start >= end || !self.starts_expr() {
            return None;
        }
        let a = &self.toks[start];
        if let Tok::Name(name) = &a.tok {
            if end == start + 1 && (name == "print" || name == "exec") {
                let msg = format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?");
                return Some(CompileError::syntax(msg, a.line, a.col));
            }
            let before_string = matches!(self.toks[start + 1].tok, Tok::Str(_) | Tok::FString { .. });
            let soft_keyword = ["match", "case", "_"].iter().any(|k| k.starts_with(name.as_str()));
            if before_string || soft_keyword {
                return None;
            }
        }
        if self.bracket_depth() <= 0 {
            return None;
        }
        // CPython's rule needs the expression that follows to parse (with PEG backtracking, at least its
        // first primary), reading one token past it, and reports a lexical error met on the way instead.
        // The sub-parser starts with no disjunction behind it, so its own errors cannot come back here for
        // the same position (which recursed without end on input like `(""not nonlocal`).
        let mut b = Parser {
            deferred: None,
            unsupported: None,
            furthest: self.furthest.clone(),
            last_disjunction: (0, 0),
            ..*self
        };
        let parsed = b.expression().map(drop).or_else(|_| {
            b.pos = self.pos;
            b.primary().map(drop)
        });
        b.peek();
        self.furthest.set(b.furthest.get());
        let msg = "invalid syntax. Perhaps you forgot a comma?";
        Some(parsed.map_or_else(|e| e, |()| CompileError::syntax(msg, a.line, a.col)))
    }

    /// How many brackets are open at the current token (counted from the start of its logical line).
    pub(super) fn bracket_depth(&self) -> i32 {
        let end = self.pos.min(self.toks.len());
        let line_start = self.toks[..end]
            .iter()
            .rposition(|t| matches!(t.tok, Tok::Newline | Tok::Indent | Tok::Dedent))
            .map_or(0, |i| i + 1);
        self.toks[line_start..end]
            .iter()
            .map(|t| match t.tok {
                Tok::Op(Op::LPar | Op::LSqb | Op::LBrace) => 1,
                Tok::Op(Op::RPar | Op::RSqb | Op::RBrace) => -1,
                _ => 0,
            })
            .sum()
    }
}
