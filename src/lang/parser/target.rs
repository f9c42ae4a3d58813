//! Assignment and deletion targets: which expressions can be assigned to or deleted, with CPython's
//! messages ("cannot assign to function call", "cannot delete literal", ...).

use crate::lang::ast::{Const, Expr, ExprKind, UnaryOp};
use crate::lang::error::CompileError;

/// How CPython names an expression in its target errors.
pub(super) fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Const(Const::None) => "None",
        ExprKind::Const(Const::Bool(true)) => "True",
        ExprKind::Const(Const::Bool(false)) => "False",
        ExprKind::Const(Const::Ellipsis) => "ellipsis",
        ExprKind::Const(_) => "literal",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The first sub-expression of `e` that cannot be a target (a starred element is allowed in assignments,
/// not in deletions).
fn invalid(e: &Expr, del: bool) -> Option<&Expr> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
        ExprKind::Tuple(elts) | ExprKind::List(elts) => elts.iter().find_map(|x| invalid(x, del)),
        ExprKind::Starred(inner) if !del => invalid(inner, del),
        _ => Some(e),
    }
}

/// Check an assignment target (of `=`, `for`, `with ... as`, or a comprehension). `suggest_eq` adds
/// CPython's "Maybe you meant '=='" hint when the whole target of a single `=` is a plain expression.
pub(super) fn check_assign(e: &Expr, suggest_eq: bool) -> Result<(), CompileError> {
    if let Some(bad) = invalid(e, false) {
        if matches!(bad.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_)) {
            return Err(CompileError::syntax("assignment to yield expression not possible", bad.line, 0));
        }
        let mut msg = format!("cannot assign to {}", describe(bad));
        let plain = !matches!(
            bad.kind,
            ExprKind::Compare { .. }
                | ExprKind::BoolOp { .. }
                | ExprKind::UnaryOp { op: UnaryOp::Not, .. }
                | ExprKind::IfExp { .. }
                | ExprKind::Lambda { .. }
                | ExprKind::GeneratorExp { .. }
                | ExprKind::Const(Const::None | Const::Bool(_))
        );
        if suggest_eq && std::ptr::eq(bad, e) && plain {
            msg.push_str(" here. Maybe you meant '==' instead of '='?");
        }
        return Err(CompileError::syntax(msg, bad.line, 0));
    }
    Ok(())
}

/// The starred-target rules CPython checks when compiling: a starred target only inside a tuple or list,
/// and at most one per tuple or list.
pub(super) fn check_stars(e: &Expr) -> Result<(), CompileError> {
    if matches!(e.kind, ExprKind::Starred(_)) {
        return Err(CompileError::syntax("starred assignment target must be in a list or tuple", e.line, 0));
    }
    nested_stars(e)
}

fn nested_stars(e: &Expr) -> Result<(), CompileError> {
    match &e.kind {
        ExprKind::Tuple(elts) | ExprKind::List(elts) => {
            if elts.iter().filter(|x| matches!(x.kind, ExprKind::Starred(_))).count() > 1 {
                return Err(CompileError::syntax("multiple starred expressions in assignment", e.line, 0));
            }
            elts.iter().try_for_each(nested_stars)
        }
        ExprKind::Starred(inner) => nested_stars(inner),
        _ => Ok(()),
    }
}

/// Check a `del` target.
pub(super) fn check_del(e: &Expr) -> Result<(), CompileError> {
    match invalid(e, true) {
        Some(bad) => Err(CompileError::syntax(format!("cannot delete {}", describe(bad)), bad.line, 0)),
        None => Ok(()),
    }
}

/// Check the target of an augmented assignment: a name, attribute or subscript.
pub(super) fn check_aug(e: &Expr) -> Result<(), CompileError> {
    match e.kind {
        ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => Ok(()),
        _ => {
            let msg = format!("'{}' is an illegal expression for augmented assignment", describe(e));
            Err(CompileError::syntax(msg, e.line, 0))
        }
    }
}
