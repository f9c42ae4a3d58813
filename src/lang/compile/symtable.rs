//! The symbol table: a first pass over the tree that finds every scope (module, function, lambda, class
//! body, comprehension) and decides for each name whether it is local, global, a cell (a local captured by
//! an inner scope) or free (a cell of an enclosing function), following CPython 3.11's `symtable.c`.

use std::collections::{HashMap, HashSet};

use crate::lang::ast::{Arg, Comprehension, Expr, ExprKind, FStringPart, Params, Stmt, StmtKind};
use crate::lang::error::CompileError;

/// Which kind of block a scope is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScopeKind {
    /// The module.
    Module,
    /// A `def` or a `lambda`.
    Function,
    /// A class body.
    Class,
    /// A list/dict/set comprehension or a generator expression (a function scope, as in 3.11).
    Comprehension,
}

/// Where a name lives, as the code generator needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NameScope {
    /// Bound in this scope.
    Local,
    /// Declared `global` in this scope.
    GlobalExplicit,
    /// Not bound anywhere enclosing: a global or builtin.
    GlobalImplicit,
    /// A cell of an enclosing function scope.
    Free,
    /// A local captured by an inner scope.
    Cell,
}

const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;
/// A free variable of a method that the class body also binds: the class passes the cell through.
const DEF_FREE_CLASS: u8 = 32;
const DEF_BOUND: u8 = DEF_LOCAL | DEF_PARAM;

/// One scope's names.
#[derive(Debug)]
pub(super) struct Scope {
    /// What kind of block it is.
    pub kind: ScopeKind,
    /// Flags of each name, in order of first appearance.
    symbols: Vec<(String, u8)>,
    index: HashMap<String, usize>,
    /// Line of the `global`/`nonlocal` statement of each declared name (for error positions).
    directives: HashMap<String, u32>,
    /// Resolved scope of each name (after analysis).
    resolved: HashMap<String, NameScope>,
    /// Parameters in slot order: positional, keyword-only, `*args`, `**kwargs`.
    pub params: Vec<String>,
    /// Cells owned by this scope (sorted).
    pub cellvars: Vec<String>,
    /// Cells received from enclosing scopes (sorted).
    pub freevars: Vec<String>,
    /// Contains `yield`.
    pub generator: bool,
    /// For a comprehension: what CPython calls it in "'yield' inside list comprehension".
    comp_what: &'static str,
    /// A class body whose methods use `__class__` (zero-argument `super()`).
    pub needs_class_closure: bool,
    children: Vec<usize>,
}

impl Scope {
    fn new(kind: ScopeKind) -> Self {
        Self {
            kind,
            symbols: Vec::new(),
            index: HashMap::new(),
            directives: HashMap::new(),
            resolved: HashMap::new(),
            params: Vec::new(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            generator: false,
            comp_what: "",
            needs_class_closure: false,
            children: Vec::new(),
        }
    }

    fn flags(&self, name: &str) -> u8 {
        self.index.get(name).map_or(0, |&i| self.symbols[i].1)
    }

    fn add(&mut self, name: &str, flag: u8) {
        match self.index.get(name) {
            Some(&i) => self.symbols[i].1 |= flag,
            None => {
                self.index.insert(name.to_owned(), self.symbols.len());
                self.symbols.push((name.to_owned(), flag));
            }
        }
    }

    /// The resolved scope of `name` (a name never seen in this scope is an implicit global).
    pub fn lookup(&self, name: &str) -> NameScope {
        self.resolved.get(name).copied().unwrap_or(NameScope::GlobalImplicit)
    }

    /// Whether this scope's locals are fast slots.
    pub fn optimized(&self) -> bool {
        matches!(self.kind, ScopeKind::Function | ScopeKind::Comprehension)
    }
}

/// All scopes of a module, the module's scope first.
#[derive(Debug)]
pub(super) struct SymbolTable {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

/// The key of a scope-defining node: its address (the tree is borrowed, unmoved, by both passes).
pub(super) fn node_key<T>(node: &T) -> usize {
    std::ptr::from_ref(node).addr()
}

impl SymbolTable {
    /// Build and analyze the table of a module.
    pub fn build(body: &[Stmt]) -> Result<Self, CompileError> {
        let mut b = Builder {
            table: SymbolTable { scopes: vec![Scope::new(ScopeKind::Module)], by_node: HashMap::new() },
            stack: vec![0],
        };
        b.stmts(body)?;
        let mut table = b.table;
        table.analyze(0, None, HashSet::new())?;
        Ok(table)
    }

    /// The module's scope id.
    pub const MODULE: usize = 0;

    /// The scope of a scope-defining node (a `FunctionDef`, `ClassDef`, lambda or comprehension `Expr`).
    pub fn scope_of(&self, key: usize) -> usize {
        self.by_node[&key]
    }

    /// A scope by id.
    pub fn get(&self, id: usize) -> &Scope {
        &self.scopes[id]
    }

    /// CPython's `analyze_block`: resolve the names of scope `id` given the names bound by enclosing
    /// function scopes (`None` at module level) and the names known to be global; returns its free names.
    fn analyze(
        &mut self,
        id: usize,
        mut bound: Option<HashSet<String>>,
        mut global: HashSet<String>,
    ) -> Result<HashSet<String>, CompileError> {
        let kind = self.scopes[id].kind;
        let (mut local, mut free) = (HashSet::new(), HashSet::new());
        let (mut newbound, mut newglobal) = (HashSet::new(), HashSet::new());
        if kind == ScopeKind::Class {
            newglobal.extend(global.iter().cloned());
            newbound.extend(bound.iter().flatten().cloned());
        }
        let symbols = self.scopes[id].symbols.clone();
        for (name, flags) in &symbols {
            let line = self.scopes[id].directives.get(name).copied().unwrap_or(0);
            let scope = if flags & DEF_GLOBAL != 0 {
                if flags & DEF_NONLOCAL != 0 {
                    return Err(CompileError::syntax(format!("name '{name}' is nonlocal and global"), line, 0));
                }
                global.insert(name.clone());
                if let Some(b) = bound.as_mut() {
                    b.remove(name);
                }
                NameScope::GlobalExplicit
            } else if flags & DEF_NONLOCAL != 0 {
                match &bound {
                    None => {
                        return Err(CompileError::syntax("nonlocal declaration not allowed at module level", line, 0));
                    }
                    Some(b) if !b.contains(name) => {
                        return Err(CompileError::syntax(format!("no binding for nonlocal '{name}' found"), line, 0));
                    }
                    Some(_) => {}
                }
                free.insert(name.clone());
                NameScope::Free
            } else if flags & DEF_BOUND != 0 {
                local.insert(name.clone());
                global.remove(name);
                NameScope::Local
            } else if bound.as_ref().is_some_and(|b| b.contains(name)) {
                free.insert(name.clone());
                NameScope::Free
            } else {
                NameScope::GlobalImplicit
            };
            self.scopes[id].resolved.insert(name.clone(), scope);
        }
        if kind == ScopeKind::Class {
            newbound.insert("__class__".to_owned());
        } else {
            if kind != ScopeKind::Module {
                newbound.extend(local.iter().cloned());
            }
            newbound.extend(bound.iter().flatten().cloned());
            newglobal.extend(global.iter().cloned());
        }
        let mut newfree = HashSet::new();
        for child in self.scopes[id].children.clone() {
            newfree.extend(self.analyze(child, Some(newbound.clone()), newglobal.clone())?);
        }
        let scope = &mut self.scopes[id];
        match kind {
            ScopeKind::Function | ScopeKind::Comprehension => {
                for name in &local {
                    if newfree.remove(name) {
                        scope.resolved.insert(name.clone(), NameScope::Cell);
                    }
                }
            }
            ScopeKind::Class => scope.needs_class_closure = newfree.remove("__class__"),
            ScopeKind::Module => {}
        }
        for name in &newfree {
            if scope.index.contains_key(name) {
                if kind == ScopeKind::Class {
                    scope.add(name, DEF_FREE_CLASS);
                }
            } else if bound.as_ref().is_none_or(|b| b.contains(name)) {
                scope.add(name, 0);
                scope.resolved.insert(name.clone(), NameScope::Free);
            }
        }
        free.extend(newfree);
        let mut cells: Vec<String> =
            scope.resolved.iter().filter(|(_, s)| **s == NameScope::Cell).map(|(n, _)| n.clone()).collect();
        if scope.needs_class_closure {
            cells.push("__class__".to_owned());
        }
        cells.sort();
        let mut frees: Vec<String> = scope
            .symbols
            .iter()
            .filter(|(n, f)| f & DEF_FREE_CLASS != 0 || scope.resolved.get(n) == Some(&NameScope::Free))
            .map(|(n, _)| n.clone())
            .collect();
        frees.sort();
        scope.cellvars = cells;
        scope.freevars = frees;
        Ok(free)
    }
}

/// The first pass: records every name's uses and definitions per scope.
struct Builder {
    table: SymbolTable,
    stack: Vec<usize>,
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

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), CompileError> {
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
