//! The symbol table: a first pass over the tree that finds every scope (module, function, lambda, class
//! body, comprehension) and decides for each name whether it is local, global, a cell (a local captured by
//! an inner scope) or free (a cell of an enclosing function), following CPython 3.11's `symtable.c`.

mod builder;

use std::collections::{HashMap, HashSet};

use crate::lang::ast::Stmt;
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
        let mut b = builder::Builder {
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
