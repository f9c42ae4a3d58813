//! Parameter lists of `def` (with annotations, parsed and discarded) and `lambda`.

use super::Parser;
use crate::lang::ast::{Param, Params};
use crate::lang::error::CompileError;
use crate::lang::token::{Op, Token};

impl Parser<'_> {
    /// Parameters up to (not including) `close`: `)` for `def`, where annotations are allowed, or `:` for
    /// `lambda`.
    pub(super) fn params(&mut self, close: Op) -> Result<Params, CompileError> {
        let annotations = close == Op::RPar;
        let mut params = Params::default();
        let mut names = Vec::new();
        let mut star = false;
        while !self.at_op(close) {
            let start = self.peek();
            let err = |msg: &str| CompileError::syntax(msg, start.line, start.col);
            if self.eat_op(Op::Slash) {
                self.defer_unsupported("positional-only parameters ('/')", start);
                if !self.eat_op(Op::Comma) {
                    break;
                }
                continue;
            }
            if self.eat_op(Op::DoubleStar) {
                params.kwarg = Some(self.param_name(annotations, &mut names)?);
                self.eat_op(Op::Comma);
                if !self.at_op(close) {
                    return Err(self.error_msg("arguments cannot follow var-keyword argument"));
                }
                break;
            }
            if self.eat_op(Op::Star) {
                if star {
                    return Err(err("* argument may appear only once"));
                }
                star = true;
                if self.at_op(Op::Comma) || self.at_op(close) {
                    let next = self.nth(1);
                    if self.at_op(close) || *next == close_tok(close) || *next == close_tok(Op::DoubleStar) {
                        return Err(err("named arguments must follow bare *"));
                    }
                } else {
                    params.vararg = Some(self.param_name(annotations, &mut names)?);
                }
            } else {
                let name = self.param_name(annotations, &mut names)?;
                let default = if self.eat_op(Op::Eq) { Some(self.expression()?) } else { None };
                // CPython checks the order only of complete parameters.
                if !self.at_op(Op::Comma) && !self.at_op(close) {
                    return Err(self.error());
                }
                if star {
                    params.kwonly.push(Param { name, default });
                } else {
                    if default.is_none() && params.args.last().is_some_and(|p| p.default.is_some()) {
                        return Err(err("non-default argument follows default argument"));
                    }
                    params.args.push(Param { name, default });
                }
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(params)
    }

    /// A parameter's name, with its annotation (discarded) when `annotations` is set.
    fn param_name(&mut self, annotations: bool, names: &mut Vec<String>) -> Result<String, CompileError> {
        let t: &Token = self.peek();
        let name = self.expect_name()?;
        if names.contains(&name) {
            let msg = format!("duplicate argument '{name}' in function definition");
            self.defer(CompileError::syntax(msg, t.line, t.col));
        }
        names.push(name.clone());
        if annotations && self.eat_op(Op::Colon) {
            self.expression()?;
        }
        Ok(name)
    }
}

fn close_tok(op: Op) -> crate::lang::token::Tok {
    crate::lang::token::Tok::Op(op)
}
