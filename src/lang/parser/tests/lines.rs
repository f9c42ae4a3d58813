//! Every statement and expression of a module with its line, for checking that each node records the
//! line where it starts.

use crate::lang::ast::*;

/// `(node kind, line)` for every statement, except handler and expression in `m`, sorted.
pub(super) fn lines(m: &Module) -> Vec<(&'static str, u32)> {
    let mut out = Vec::new();
    m.body.iter().for_each(|s| stmt(s, &mut out));
    out.sort_unstable();
    out
}

fn stmt(s: &Stmt, out: &mut Vec<(&'static str, u32)>) {
    let e = |x: &Expr, out: &mut Vec<_>| expr(x, out);
    let name = match &s.kind {
        StmtKind::Expr(x) => {
            e(x, out);
            "Expr"
        }
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| e(t, out));
            e(value, out);
            "Assign"
        }
        StmtKind::AugAssign { target, value, .. } => {
            e(target, out);
            e(value, out);
            "AugAssign"
        }
        StmtKind::Delete(ts) => {
            ts.iter().for_each(|t| e(t, out));
            "Delete"
        }
        StmtKind::Pass => "Pass",
        StmtKind::Break => "Break",
        StmtKind::Continue => "Continue",
        StmtKind::Return(v) => {
            v.iter().for_each(|x| e(x, out));
            "Return"
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().chain(cause).for_each(|x| e(x, out));
            "Raise"
        }
        StmtKind::Assert { test, msg } => {
            e(test, out);
            msg.iter().for_each(|x| e(x, out));
            "Assert"
        }
        StmtKind::Global(_) => "Global",
        StmtKind::Nonlocal(_) => "Nonlocal",
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test, out);
            body.iter().chain(orelse).for_each(|s| stmt(s, out));
            if matches!(s.kind, StmtKind::If { .. }) { "If" } else { "While" }
        }
        StmtKind::For { target, iter, body, orelse } => {
            e(target, out);
            e(iter, out);
            body.iter().chain(orelse).for_each(|s| stmt(s, out));
            "For"
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            body.iter().chain(orelse).chain(finalbody).for_each(|s| stmt(s, out));
            for h in handlers {
                out.push(("ExceptHandler", h.line));
                h.typ.iter().for_each(|x| e(x, out));
                h.body.iter().for_each(|s| stmt(s, out));
            }
            "Try"
        }
        StmtKind::With { items, body } => {
            for i in items {
                e(&i.context, out);
                i.target.iter().for_each(|x| e(x, out));
            }
            body.iter().for_each(|s| stmt(s, out));
            "With"
        }
        StmtKind::FunctionDef(f) => {
            f.decorators.iter().for_each(|x| e(x, out));
            params(&f.params, out);
            f.body.iter().for_each(|s| stmt(s, out));
            "FunctionDef"
        }
        StmtKind::ClassDef(c) => {
            c.decorators.iter().chain(&c.bases).for_each(|x| e(x, out));
            c.body.iter().for_each(|s| stmt(s, out));
            "ClassDef"
        }
        StmtKind::Import(_) => "Import",
        StmtKind::ImportFrom { .. } => "ImportFrom",
    };
    out.push((name, s.line));
}

fn params(p: &Params, out: &mut Vec<(&'static str, u32)>) {
    p.args.iter().chain(&p.kwonly).filter_map(|p| p.default.as_ref()).for_each(|d| expr(d, out));
}

fn parts(ps: &[FStringPart], out: &mut Vec<(&'static str, u32)>) {
    for p in ps {
        if let FStringPart::Field { expr: x, spec, .. } = p {
            expr(x, out);
            parts(spec, out);
        }
    }
}

fn gens(gs: &[Comprehension], out: &mut Vec<(&'static str, u32)>) {
    for g in gs {
        expr(&g.target, out);
        expr(&g.iter, out);
        g.ifs.iter().for_each(|x| expr(x, out));
    }
}

fn expr(e: &Expr, out: &mut Vec<(&'static str, u32)>) {
    let name = match &e.kind {
        ExprKind::Const(_) => "Const",
        ExprKind::FString(ps) => {
            parts(ps, out);
            "FString"
        }
        ExprKind::Name(_) => "Name",
        ExprKind::Tuple(es) | ExprKind::List(es) | ExprKind::Set(es) => {
            es.iter().for_each(|x| expr(x, out));
            match e.kind {
                ExprKind::Tuple(_) => "Tuple",
                ExprKind::List(_) => "List",
                _ => "Set",
            }
        }
        ExprKind::Dict(items) => {
            for (k, v) in items {
                k.iter().for_each(|x| expr(x, out));
                expr(v, out);
            }
            "Dict"
        }
        ExprKind::BinOp { left, right, .. } => {
            expr(left, out);
            expr(right, out);
            "BinOp"
        }
        ExprKind::UnaryOp { operand, .. } => {
            expr(operand, out);
            "UnaryOp"
        }
        ExprKind::BoolOp { values, .. } => {
            values.iter().for_each(|x| expr(x, out));
            "BoolOp"
        }
        ExprKind::Compare { left, comparators, .. } => {
            expr(left, out);
            comparators.iter().for_each(|x| expr(x, out));
            "Compare"
        }
        ExprKind::Call { func, args } => {
            expr(func, out);
            for a in args {
                match a {
                    Arg::Positional(x) | Arg::Keyword(_, x) | Arg::DoubleStar(x) => expr(x, out),
                    Arg::Star(x) => {
                        out.push(("Starred", x.line));
                        expr(x, out);
                    }
                }
            }
            "Call"
        }
        ExprKind::Attribute { value, .. } => {
            expr(value, out);
            "Attribute"
        }
        ExprKind::Subscript { value, index } => {
            expr(value, out);
            expr(index, out);
            "Subscript"
        }
        ExprKind::Slice { lower, upper, step } => {
            lower.iter().chain(upper).chain(step).for_each(|x| expr(x, out));
            "Slice"
        }
        ExprKind::Starred(v) => {
            expr(v, out);
            "Starred"
        }
        ExprKind::IfExp { test, body, orelse } => {
            [test, body, orelse].into_iter().for_each(|x| expr(x, out));
            "IfExp"
        }
        ExprKind::Lambda { params: p, body } => {
            params(p, out);
            expr(body, out);
            "Lambda"
        }
        ExprKind::ListComp { elt, generators } | ExprKind::SetComp { elt, generators } => {
            expr(elt, out);
            gens(generators, out);
            if matches!(e.kind, ExprKind::ListComp { .. }) { "ListComp" } else { "SetComp" }
        }
        ExprKind::GeneratorExp { elt, generators } => {
            expr(elt, out);
            gens(generators, out);
            "GeneratorExp"
        }
        ExprKind::DictComp { key, value, generators } => {
            expr(key, out);
            expr(value, out);
            gens(generators, out);
            "DictComp"
        }
        ExprKind::Yield(v) => {
            v.iter().for_each(|x| expr(x, out));
            "Yield"
        }
        ExprKind::YieldFrom(v) => {
            expr(v, out);
            "YieldFrom"
        }
    };
    out.push((name, e.line));
}
