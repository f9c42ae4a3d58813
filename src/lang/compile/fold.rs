//! Constant folding (what CPython's AST optimizer does for the subset, minus anything that could raise) and
//! the identity of constants for de-duplication.

use crate::lang::ast::{BinOp, Const, Expr, ExprKind, UnaryOp};
use crate::lang::bytecode::ConstValue;

/// A hashable identity for a constant: 1, 1.0 and True differ; floats compare by bits (so 0.0 and -0.0
/// differ, and a NaN equals itself); code units by address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum ConstKey {
    None,
    Bool(bool),
    Int(i64),
    Float(u64),
    Str(String),
    Ellipsis,
    Tuple(Vec<ConstKey>),
    Code(usize),
}

impl ConstKey {
    /// The key of `value`.
    pub fn of(value: &ConstValue) -> Self {
        match value {
            ConstValue::None => ConstKey::None,
            ConstValue::Bool(b) => ConstKey::Bool(*b),
            ConstValue::Int(i) => ConstKey::Int(*i),
            ConstValue::Float(f) => ConstKey::Float(f.to_bits()),
            ConstValue::Str(s) => ConstKey::Str(s.clone()),
            ConstValue::Ellipsis => ConstKey::Ellipsis,
            ConstValue::Tuple(items) => ConstKey::Tuple(items.iter().map(ConstKey::of).collect()),
            ConstValue::Code(c) => ConstKey::Code(std::sync::Arc::as_ptr(c).addr()),
        }
    }
}

/// A literal as a constant.
pub(super) fn literal(c: &Const) -> ConstValue {
    match c {
        Const::None => ConstValue::None,
        Const::Bool(b) => ConstValue::Bool(*b),
        Const::Int(i) => ConstValue::Int(*i),
        Const::Float(f) => ConstValue::Float(*f),
        Const::Str(s) => ConstValue::Str(s.clone()),
        Const::Ellipsis => ConstValue::Ellipsis,
    }
}

/// The value of `e` if it folds to a constant: literals, `-`/`+` of numbers, `~` of ints, `+ - *` of two
/// ints (unless the result overflows) or two floats (exact IEEE, as CPython), and tuples of constants.
/// Division, modulo and powers are left to run time, where their errors belong.
pub(super) fn fold(e: &Expr) -> Option<ConstValue> {
    match &e.kind {
        ExprKind::Const(c) => Some(literal(c)),
        ExprKind::UnaryOp { op, operand } => {
            let v = fold_number(operand)?;
            match (op, v) {
                (UnaryOp::USub, ConstValue::Int(i)) => i.checked_neg().map(ConstValue::Int),
                (UnaryOp::USub, ConstValue::Float(f)) => Some(ConstValue::Float(-f)),
                (UnaryOp::UAdd, v @ (ConstValue::Int(_) | ConstValue::Float(_))) => Some(v),
                (UnaryOp::Invert, ConstValue::Int(i)) => Some(ConstValue::Int(!i)),
                _ => None,
            }
        }
        ExprKind::BinOp { op, left, right } => {
            let (a, b) = (fold_number(left)?, fold_number(right)?);
            match (a, b) {
                (ConstValue::Int(x), ConstValue::Int(y)) => match op {
                    BinOp::Add => x.checked_add(y),
                    BinOp::Sub => x.checked_sub(y),
                    BinOp::Mult => x.checked_mul(y),
                    _ => None,
                }
                .map(ConstValue::Int),
                (ConstValue::Float(x), ConstValue::Float(y)) => match op {
                    BinOp::Add => Some(x + y),
                    BinOp::Sub => Some(x - y),
                    BinOp::Mult => Some(x * y),
                    _ => None,
                }
                .map(ConstValue::Float),
                _ => None,
            }
        }
        ExprKind::Tuple(items) => items.iter().map(fold).collect::<Option<Vec<_>>>().map(ConstValue::Tuple),
        _ => None,
    }
}

/// Like [`fold`], for the operands of arithmetic: only ints and floats (not bools, whose arithmetic CPython
/// also folds, but which nobody writes).
fn fold_number(e: &Expr) -> Option<ConstValue> {
    if matches!(e.kind, ExprKind::Tuple(_)) {
        return None;
    }
    fold(e).filter(|v| matches!(v, ConstValue::Int(_) | ConstValue::Float(_)))
}

/// Whether a literal is true (for `while True:`, whose test needs no code).
pub(super) fn truthy(c: &Const) -> bool {
    match c {
        Const::None => false,
        Const::Bool(b) => *b,
        Const::Int(i) => *i != 0,
        Const::Float(f) => *f != 0.0,
        Const::Str(s) => !s.is_empty(),
        Const::Ellipsis => true,
    }
}
