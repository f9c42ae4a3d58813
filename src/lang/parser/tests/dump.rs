//! A compact, Python-like rendering of the AST for assertions: binary, unary, boolean and comparison
//! operators fully parenthesized, so precedence is visible (`-2**2` → `(-(2 ** 2))`).

use crate::lang::ast::*;

/// Render statements, one per `\n`-separated line.
pub(super) fn stmts(body: &[Stmt]) -> String {
    body.iter().map(stmt).collect::<Vec<_>>().join("\n")
}

/// Render a block as `[s1; s2]`.
fn block(body: &[Stmt]) -> String {
    format!("[{}]", body.iter().map(stmt).collect::<Vec<_>>().join("; "))
}

fn list(es: &[Expr]) -> String {
    es.iter().map(expr).collect::<Vec<_>>().join(", ")
}

fn opt(e: &Option<Expr>) -> String {
    e.as_ref().map_or(String::new(), expr)
}

fn aliases(names: &[Alias]) -> String {
    let one = |a: &Alias| match &a.asname {
        Some(asname) => format!("{} as {asname}", a.name),
        None => a.name.clone(),
    };
    names.iter().map(one).collect::<Vec<_>>().join(", ")
}

fn decorators(ds: &[Expr]) -> String {
    ds.iter().map(|d| format!("@{} ", expr(d))).collect()
}

pub(super) fn stmt(s: &Stmt) -> String {
    match &s.kind {
        StmtKind::Expr(e) => expr(e),
        StmtKind::Assign { targets, value } => {
            let ts: String = targets.iter().map(|t| format!("{} = ", expr(t))).collect();
            format!("{ts}{}", expr(value))
        }
        StmtKind::AugAssign { target, op, value } => format!("{} {}= {}", expr(target), binop(*op), expr(value)),
        StmtKind::Delete(ts) => format!("del {}", list(ts)),
        StmtKind::Pass => "pass".into(),
        StmtKind::Break => "break".into(),
        StmtKind::Continue => "continue".into(),
        StmtKind::Return(v) => format!("return {}", opt(v)).trim_end().into(),
        StmtKind::Raise { exc, cause } => match cause {
            Some(c) => format!("raise {} from {}", opt(exc), expr(c)),
            None => format!("raise {}", opt(exc)).trim_end().into(),
        },
        StmtKind::Assert { test, msg } => match msg {
            Some(m) => format!("assert {}, {}", expr(test), expr(m)),
            None => format!("assert {}", expr(test)),
        },
        StmtKind::Global(names) => format!("global {}", names.join(", ")),
        StmtKind::Nonlocal(names) => format!("nonlocal {}", names.join(", ")),
        StmtKind::If { test, body, orelse } => format!("if {}: {} else: {}", expr(test), block(body), block(orelse)),
        StmtKind::While { test, body, orelse } => {
            format!("while {}: {} else: {}", expr(test), block(body), block(orelse))
        }
        StmtKind::For { target, iter, body, orelse } => {
            format!("for {} in {}: {} else: {}", expr(target), expr(iter), block(body), block(orelse))
        }
        StmtKind::Try { body, handlers, orelse, finalbody } => {
            let mut out = format!("try: {}", block(body));
            for h in handlers {
                out.push_str(" except");
                if let Some(t) = &h.typ {
                    out.push_str(&format!(" {}", expr(t)));
                }
                if let Some(n) = &h.name {
                    out.push_str(&format!(" as {n}"));
                }
                out.push_str(&format!(": {}", block(&h.body)));
            }
            format!("{out} else: {} finally: {}", block(orelse), block(finalbody))
        }
        StmtKind::With { items, body } => {
            let item = |i: &WithItem| match &i.target {
                Some(t) => format!("{} as {}", expr(&i.context), expr(t)),
                None => expr(&i.context),
            };
            format!("with {}: {}", items.iter().map(item).collect::<Vec<_>>().join(", "), block(body))
        }
        StmtKind::FunctionDef(f) => {
            format!("{}def {}({}): {}", decorators(&f.decorators), f.name, params(&f.params), block(&f.body))
        }
        StmtKind::ClassDef(c) => {
            format!("{}class {}({}): {}", decorators(&c.decorators), c.name, list(&c.bases), block(&c.body))
        }
        StmtKind::Import(names) => format!("import {}", aliases(names)),
        StmtKind::ImportFrom { module, names } => format!("from {module} import {}", aliases(names)),
    }
}

fn params(p: &Params) -> String {
    let one = |p: &Param| match &p.default {
        Some(d) => format!("{}={}", p.name, expr(d)),
        None => p.name.clone(),
    };
    let mut out: Vec<String> = p.args.iter().map(one).collect();
    match &p.vararg {
        Some(v) => out.push(format!("*{v}")),
        None if !p.kwonly.is_empty() => out.push("*".into()),
        None => {}
    }
    out.extend(p.kwonly.iter().map(one));
    if let Some(k) = &p.kwarg {
        out.push(format!("**{k}"));
    }
    out.join(", ")
}

fn binop(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mult => "*",
        BinOp::Div => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "**",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::BitOr => "|",
        BinOp::BitXor => "^",
        BinOp::BitAnd => "&",
        BinOp::MatMult => "@",
    }
}

fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

fn generators(gens: &[Comprehension]) -> String {
    let one = |g: &Comprehension| {
        let ifs: String = g.ifs.iter().map(|c| format!(" if {}", expr(c))).collect();
        format!(" for {} in {}{ifs}", expr(&g.target), expr(&g.iter))
    };
    gens.iter().map(one).collect()
}

fn fstring(parts: &[FStringPart]) -> String {
    let one = |p: &FStringPart| match p {
        FStringPart::Literal(s) => format!("{s:?}"),
        FStringPart::Field { expr: e, conversion, spec } => {
            let conv = conversion.map_or(String::new(), |c| format!("!{c}"));
            let spec = if spec.is_empty() { String::new() } else { format!(":{}", fstring(spec)) };
            format!("{{{}{conv}{spec}}}", expr(e))
        }
    };
    format!("[{}]", parts.iter().map(one).collect::<Vec<_>>().join(", "))
}

pub(super) fn expr(e: &Expr) -> String {
    let b = |e: &Expr| expr(e);
    let ob = |e: &Option<Box<Expr>>| e.as_ref().map_or(String::new(), |e| expr(e));
    match &e.kind {
        ExprKind::Const(c) => match c {
            Const::None => "None".into(),
            Const::Bool(true) => "True".into(),
            Const::Bool(false) => "False".into(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => format!("{f:?}"),
            Const::Str(s) => format!("{s:?}"),
            Const::Ellipsis => "...".into(),
        },
        ExprKind::FString(parts) => format!("f{}", fstring(parts)),
        ExprKind::Name(n) => n.clone(),
        ExprKind::Tuple(es) => format!("Tuple({})", list(es)),
        ExprKind::List(es) => format!("List({})", list(es)),
        ExprKind::Set(es) => format!("Set({})", list(es)),
        ExprKind::Dict(items) => {
            let one = |(k, v): &(Option<Expr>, Expr)| match k {
                Some(k) => format!("{}: {}", expr(k), expr(v)),
                None => format!("**{}", expr(v)),
            };
            format!("Dict({})", items.iter().map(one).collect::<Vec<_>>().join(", "))
        }
        ExprKind::BinOp { op, left, right } => format!("({} {} {})", b(left), binop(*op), b(right)),
        ExprKind::UnaryOp { op, operand } => {
            let op = match op {
                UnaryOp::Not => "not ",
                UnaryOp::USub => "-",
                UnaryOp::UAdd => "+",
                UnaryOp::Invert => "~",
            };
            format!("({op}{})", b(operand))
        }
        ExprKind::BoolOp { op, values } => {
            let sep = if *op == BoolOp::And { " and " } else { " or " };
            format!("({})", values.iter().map(expr).collect::<Vec<_>>().join(sep))
        }
        ExprKind::Compare { left, ops, comparators } => {
            let rest: String =
                ops.iter().zip(comparators).map(|(o, c)| format!(" {} {}", cmpop(*o), expr(c))).collect();
            format!("({}{rest})", b(left))
        }
        ExprKind::Call { func, args } => {
            let one = |a: &Arg| match a {
                Arg::Positional(e) => expr(e),
                Arg::Star(e) => format!("*{}", expr(e)),
                Arg::Keyword(k, e) => format!("{k}={}", expr(e)),
                Arg::DoubleStar(e) => format!("**{}", expr(e)),
            };
            format!("{}({})", b(func), args.iter().map(one).collect::<Vec<_>>().join(", "))
        }
        ExprKind::Attribute { value, attr } => format!("{}.{attr}", b(value)),
        ExprKind::Subscript { value, index } => format!("{}[{}]", b(value), b(index)),
        ExprKind::Slice { lower, upper, step } => match step {
            Some(s) => format!("{}:{}:{}", ob(lower), ob(upper), b(s)),
            None => format!("{}:{}", ob(lower), ob(upper)),
        },
        ExprKind::Starred(v) => format!("*{}", b(v)),
        ExprKind::IfExp { test, body, orelse } => format!("({} if {} else {})", b(body), b(test), b(orelse)),
        ExprKind::Lambda { params: p, body } => format!("(lambda {}: {})", params(p), b(body)),
        ExprKind::ListComp { elt, generators: g } => format!("ListComp({}{})", b(elt), generators(g)),
        ExprKind::SetComp { elt, generators: g } => format!("SetComp({}{})", b(elt), generators(g)),
        ExprKind::GeneratorExp { elt, generators: g } => format!("Gen({}{})", b(elt), generators(g)),
        ExprKind::DictComp { key, value, generators: g } => {
            format!("DictComp({}: {}{})", b(key), b(value), generators(g))
        }
        ExprKind::Yield(v) => format!("(yield {})", ob(v)).replace(" )", ")"),
        ExprKind::YieldFrom(v) => format!("(yield from {})", b(v)),
    }
}
