//! The first pass of the symbol table: every scope's names with how each is used (bound, a parameter,
//! declared `global`/`nonlocal`, read), in source order, as CPython's `symtable_visit_*` functions record
//! them.

use super::{DEF_GLOBAL, DEF_LOCAL, DEF_NONLOCAL, DEF_PARAM, Scope, ScopeKind, SymbolTable, USE, node_key};
use crate::lang::ast::{Arg, Comprehension, Expr, ExprKind, FStringPart, Params, Stmt, StmtKind};
use crate::lang::error::CompileError;

/// The first pass: records every name's uses and definitions per scope.
pub(super) struct Builder {
    pub table: SymbolTable,
    pub stack: Vec<usize>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().expect("a scope");
        &mut self.table.scopes[id]
    }

    fn enter(&mut self, kind: ScopeKind, key: usize) {
        let id = self.table.scopes.len();
        self.table.scopes.push(Scope::new(kind));
        self.cur().children.push(id);
        self.table.by_node.insert(key, id);
        self.stack.push(id);
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn params(&mut self, params: &Params) {
        let names = params.args.iter().chain(&params.kwonly).map(|p| &p.name);
        for name in names.chain(&params.vararg).chain(&params.kwarg) {
            self.cur().add(name, DEF_PARAM);
            self.cur().params.push(name.clone());
        }
    }

    fn defaults(&mut self, params: &Params) -> Result<(), CompileError> {
        for p in params.args.iter().chain(&params.kwonly) {
            if let Some(d) = &p.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    pub fn stmts(&mut self, body: &[Stmt]) -> Result<(), CompileError> {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn declare(&mut self, names: &[String], line: u32, global: bool) -> Result<(), CompileError> {
        let (what, flag) = if global { ("global", DEF_GLOBAL) } else { ("nonlocal", DEF_NONLOCAL) };
        for name in names {
            let cur = self.cur().flags(name);
            let problem = if cur & DEF_PARAM != 0 {
                Some(format!("name '{name}' is parameter and {what}"))
            } else if cur & USE != 0 {
                Some(format!("name '{name}' is used prior to {what} declaration"))
            } else if cur & DEF_LOCAL != 0 {
                Some(format!("name '{name}' is assigned to before {what} declaration"))
            } else {
                None
            };
            if let Some(msg) = problem {
                return Err(CompileError::syntax(msg, line, 0));
            }
            self.cur().add(name, flag);
            self.cur().directives.entry(name.clone()).or_insert(line);
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), CompileError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                targets.iter().try_for_each(|t| self.target(t))?;
                self.expr(value)
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.target(target)?;
                self.expr(value)
            }
            StmtKind::Delete(targets) => targets.iter().try_for_each(|t| self.target(t)),
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(v) => v.iter().try_for_each(|e| self.expr(e)),
            StmtKind::Raise { exc, cause } => exc.iter().chain(cause).try_for_each(|e| self.expr(e)),
            StmtKind::Assert { test, msg } => std::iter::once(test).chain(msg).try_for_each(|e| self.expr(e)),
            StmtKind::Global(names) => self.declare(names, s.line, true),
            StmtKind::Nonlocal(names) => self.declare(names, s.line, false),
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For { target, iter, body, orelse } => {
                self.target(target)?;
                self.expr(iter)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::Try { body, handlers, orelse, finalbody } => {
                self.stmts(body)?;
                self.stmts(orelse)?;
                for h in handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.cur().add(n, DEF_LOCAL);
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(finalbody)
            }
            StmtKind::With { items, body } => {
                for item in items {
                    self.expr(&item.context)?;
                    if let Some(t) = &item.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::FunctionDef(f) => {
                f.decorators.iter().try_for_each(|d| self.expr(d))?;
                self.defaults(&f.params)?;
                self.cur().add(&f.name, DEF_LOCAL);
                self.enter(ScopeKind::Function, node_key(&**f));
                self.params(&f.params);
                self.stmts(&f.body)?;
                self.leave();
                Ok(())
            }
            StmtKind::ClassDef(c) => {
                c.decorators.iter().chain(&c.bases).try_for_each(|d| self.expr(d))?;
                self.cur().add(&c.name, DEF_LOCAL);
                self.enter(ScopeKind::Class, node_key(&**c));
                self.stmts(&c.body)?;
                self.leave();
                Ok(())
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let stored = a.asname.as_deref().unwrap_or_else(|| a.name.split('.').next().unwrap_or(&a.name));
                    self.cur().add(stored, DEF_LOCAL);
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    self.cur().add(a.asname.as_ref().unwrap_or(&a.name), DEF_LOCAL);
                }
                Ok(())
            }
        }
    }

    /// An assignment or deletion target.
    fn target(&mut self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.cur().add(n, DEF_LOCAL);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().try_for_each(|t| self.target(t)),
            ExprKind::Starred(inner) => self.target(inner),
            _ => self.expr(e),
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<(), CompileError> {
        match &e.kind {
            ExprKind::Const(_) => Ok(()),
            ExprKind::Name(n) => {
                self.cur().add(n, USE);
                if n == "super" && self.cur().optimized() {
                    self.cur().add("__class__", USE);
                }
                Ok(())
            }
            ExprKind::FString(parts) => self.fstring(parts),
            ExprKind::Tuple(items) | ExprKind::List(items) | ExprKind::Set(items) => {
                items.iter().try_for_each(|i| self.expr(i))
            }
            ExprKind::Dict(items) => {
                items.iter().try_for_each(|(k, v)| k.iter().chain([v]).try_for_each(|x| self.expr(x)))
            }
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. } => values.iter().try_for_each(|v| self.expr(v)),
            ExprKind::Compare { left, comparators, .. } => {
                self.expr(left)?;
                comparators.iter().try_for_each(|c| self.expr(c))
            }
            ExprKind::Call { func, args } => {
                self.expr(func)?;
                args.iter().try_for_each(|a| match a {
                    Arg::Positional(v) | Arg::Star(v) | Arg::Keyword(_, v) | Arg::DoubleStar(v) => self.expr(v),
                })
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                lower.iter().chain(upper).chain(step).try_for_each(|x| self.expr(x))
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Lambda { params, body } => {
                self.defaults(params)?;
                self.enter(ScopeKind::Function, node_key(e));
                self.params(params);
                self.expr(body)?;
                self.leave();
                Ok(())
            }
            ExprKind::ListComp { elt, generators } => self.comprehension(e, generators, &[elt], "list comprehension"),
            ExprKind::SetComp { elt, generators } => self.comprehension(e, generators, &[elt], "set comprehension"),
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, &[elt], "generator expression")
            }
            ExprKind::DictComp { key, value, generators } => {
                self.comprehension(e, generators, &[key, value], "dict comprehension")
            }
            ExprKind::Yield(v) => {
                v.iter().try_for_each(|x| self.expr(x))?;
                self.mark_generator(e)
            }
            ExprKind::YieldFrom(v) => {
                self.expr(v)?;
                self.mark_generator(e)
            }
        }
    }

    fn mark_generator(&mut self, e: &Expr) -> Result<(), CompileError> {
        if self.cur().kind == ScopeKind::Comprehension {
            let msg = format!("'yield' inside {}", self.cur().comp_what);
            return Err(CompileError::syntax(msg, e.line, 0));
        }
        self.cur().generator = true;
        Ok(())
    }

    fn fstring(&mut self, parts: &[FStringPart]) -> Result<(), CompileError> {
        for part in parts {
            if let FStringPart::Field { expr, spec, .. } = part {
                self.expr(expr)?;
                self.fstring(spec)?;
            }
        }
        Ok(())
    }

    /// A comprehension: the first iterable belongs to the enclosing scope, the rest to a new one with the
    /// parameter `.0`.
    fn comprehension(
        &mut self,
        e: &Expr,
        gens: &[Comprehension],
        elts: &[&Expr],
        what: &'static str,
    ) -> Result<(), CompileError> {
        let Some(first) = gens.first() else { return Ok(()) };
        self.expr(&first.iter)?;
        self.enter(ScopeKind::Comprehension, node_key(e));
        self.cur().generator = what == "generator expression";
        self.cur().comp_what = what;
        self.cur().add(".0", DEF_PARAM);
        self.cur().params.push(".0".to_owned());
        for (i, g) in gens.iter().enumerate() {
            self.target(&g.target)?;
            if i > 0 {
                self.expr(&g.iter)?;
            }
            g.ifs.iter().try_for_each(|c| self.expr(c))?;
        }
        elts.iter().try_for_each(|x| self.expr(x))?;
        self.leave();
        Ok(())
    }
}
