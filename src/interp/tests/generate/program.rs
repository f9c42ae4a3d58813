//! A proptest generator of random, deterministic Python programs in gilfree's subset, for the differential
//! property tests of `tests/random.rs`.
//!
//! The grammar is typed and table driven: [`OPS`] lists the expression productions of each [`Ty`] and
//! [`SIMPLE`] the simple statements, as templates whose holes `{0}`, `{1}`, ... take sub-expressions of the
//! listed types. Scoping is resolved when rendering: an [`Expr::Var`] indexes the names of its type in scope
//! (globals `v0`..`v5`, `xs`, `d`, loop and comprehension variables, parameters), `break`/`continue`/
//! `return` outside a loop or function render as `pass`, and a call names a function defined before it. So
//! every value proptest draws is a valid program, and shrinking (shorter vectors, earlier `prop_oneof`
//! arms, index 0) keeps it valid.
//!
//! Nothing overflows gilfree's 64-bit ints (CPython would grow them): every int stored (assignments,
//! appends, `d[k] = ...`, arguments, return values) is reduced `% 1000003` unless it is a leaf, so names
//! and items stay below ~1e6; `xs` stays under ~45 items; an expression is at most [`EXPR_DEPTH`]
//! productions deep and one production multiplies magnitudes by at most ~180 (`sum` of a list of at most
//! 4 × 45 items; `<< 3`, `* 9`): below 1e6 × 180³ ≈ 6e12. Loops are bounded, nothing recurses, strings are
//! truncated when stored, and the text of `v5` (which holds any type) is cut to 40 characters wherever it
//! becomes a string (else `v5 = list(enumerate(repr(v5)))` in a loop grows it tenfold per pass: a found
//! program reached 10 GB in a minute, under CPython too). Nothing printed depends on hashing order, ids or
//! addresses (no sets, no printed functions, dict views only through `list`/`sorted`).

use proptest::prelude::*;
use proptest::strategy::Union;

use super::grammar::{
    COMP_SRC, EXPR_DEPTH, FOR_SRC, FTEXT, LITS, OPS, PRINT_TAIL, SAFE_STRS, SIMPLE, SPECS, TYS, Ty, WRAP,
};
use super::threads::{SHARED, Threads, shared_stmt, threads};
use Ty::{Any as A, Bool as B, Float as F, Int as I, List as L, Str as T};
use Ty::{Target as V, Wrap as W};

/// An expression; see [`OPS`] and [`LITS`].
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A literal of the type (index modulo its table).
    Lit(Ty, u8),
    /// A name of the type in scope (index modulo the names; a literal when there is none).
    Var(Ty, u8),
    /// A production of [`OPS`] and its holes.
    Op(u16, Vec<Expr>),
    /// A call of a user function (`abs` when none is callable): which, keyword style, 1 or 2 arguments.
    Call(u8, bool, Vec<Expr>),
    /// `[elem for c in COMP_SRC[src] if cond]`, binding a fresh int name.
    Comp(u8, Box<Expr>, Option<Box<Expr>>),
    /// An f-string: (text, spec, field) per field.
    FStr(Vec<(u8, u8, Expr)>),
}

/// A statement. Blocks are `Vec<Stmt>`; an `If` whose else-block is one `If` renders as `elif`.
#[derive(Clone, Debug)]
pub(crate) enum Stmt {
    /// A statement of [`SIMPLE`] and its holes.
    Simple(u16, Vec<Expr>),
    /// `print(args...)` with one of [`PRINT_TAIL`].
    Print(Vec<Expr>, u8),
    /// A call as a statement.
    Call(Expr),
    /// `if cond: then else: otherwise`.
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// A `while` loop of at most `n` iterations (the counter goes first, so `continue` is safe).
    While(u8, Option<Expr>, Vec<Stmt>),
    /// `for targets in FOR_SRC[src]: body else: orelse`.
    For(u8, Vec<Stmt>, Vec<Stmt>),
    /// `if cond: continue` (true) or `if cond: break` (false).
    Jump(bool, Expr),
    /// `if cond: return value`.
    Return(Expr, Expr),
    /// An operation on the shared state of a thread program ([`SHARED`](super::threads::SHARED)); only
    /// in the bodies of thread targets (`pass` anywhere else).
    Shared(u16, Vec<Expr>),
}

/// `def fK(...)`: the parameters (0: `a`, 1: `a, b`, 2: `a, b=3`), the body, the returned int.
#[derive(Clone, Debug)]
pub(crate) struct Func {
    shape: u8,
    body: Vec<Stmt>,
    ret: Expr,
}

/// A program: the initial values of the globals, the functions, the statements, and in some programs a
/// part that runs threads ([`threads`](super::threads)). Its `Debug` is the rendered source, so
/// that shrunk failures read as Python.
#[derive(Clone)]
pub(crate) struct Program {
    init: [u8; 8],
    funcs: Vec<Func>,
    body: Vec<Stmt>,
    threads: Option<Threads>,
}

/// The fraction of programs that end with a part that runs threads.
const THREADED: f64 = 0.35;

/// Expression strategies by depth and type: `levels[d][ty as usize]`.
pub(super) type Levels = Vec<Vec<BoxedStrategy<Expr>>>;

fn expr_levels() -> Levels {
    let base = |t: Ty| if t == W { I } else { t };
    let leaf = move |t: Ty| {
        let t = base(t);
        prop_oneof![any::<u8>().prop_map(move |i| Expr::Lit(t, i)), any::<u8>().prop_map(move |i| Expr::Var(t, i))]
            .boxed()
    };
    let mut levels: Levels = vec![TYS.iter().map(|&t| leaf(t)).collect()];
    for _ in 0..EXPR_DEPTH {
        let prev = levels.last().expect("level 0 exists").clone();
        let p = |t: Ty| prev[t as usize].clone();
        let next = TYS.iter().map(|&ty| {
            let ty = base(ty);
            let mut arms: Vec<(u32, BoxedStrategy<Expr>)> = vec![(12, leaf(ty))];
            for (i, (_, _, holes)) in OPS.iter().enumerate().filter(|(_, op)| op.0 == ty) {
                let parts: Vec<_> = holes.iter().map(|&h| p(h)).collect();
                arms.push((1, parts.prop_map(move |v| Expr::Op(i as u16, v)).boxed()));
            }
            let call = (any::<u8>(), any::<bool>(), prop::collection::vec(p(I), 1..3));
            let comp = (any::<u8>(), p(I), prop::option::of(p(B)));
            let fields = prop::collection::vec((any::<u8>(), any::<u8>(), prop_oneof![p(I), p(F), p(T), p(B)]), 1..4);
            match ty {
                I => arms.push((3, call.prop_map(|(f, kw, args)| Expr::Call(f, kw, args)).boxed())),
                L => arms.push((3, comp.prop_map(|(s, e, c)| Expr::Comp(s, Box::new(e), c.map(Box::new))).boxed())),
                T => arms.push((4, fields.prop_map(Expr::FStr).boxed())),
                _ => {}
            }
            Union::new_weighted(arms).boxed()
        });
        levels.push(next.collect());
    }
    levels
}

/// Statements nested at most `depth` blocks deep; with `shared`, operations on a thread program's shared
/// state ([`Stmt::Shared`]) among them.
pub(super) fn stmt(e: &Levels, depth: usize, shared: bool) -> BoxedStrategy<Stmt> {
    let x = |t: Ty| e[EXPR_DEPTH][t as usize].clone();
    let simple = SIMPLE.iter().enumerate().map(|(i, (_, holes))| {
        let parts: Vec<_> = holes.iter().map(|&h| x(h)).collect();
        (1, parts.prop_map(move |v| Stmt::Simple(i as u16, v)).boxed())
    });
    let call = (any::<u8>(), any::<bool>(), prop::collection::vec(x(I), 1..3));
    let flat = prop_oneof![
        14 => Union::new_weighted(simple.collect()),
        5 => (prop::collection::vec(x(A), 1..4), any::<u8>()).prop_map(|(a, t)| Stmt::Print(a, t)),
        1 => call.prop_map(|(f, kw, a)| Stmt::Call(Expr::Call(f, kw, a))),
        1 => (any::<bool>(), x(B)).prop_map(|(c, b)| Stmt::Jump(c, b)),
        1 => (x(B), x(I)).prop_map(|(c, v)| Stmt::Return(c, v)),
    ];
    let flat = if shared { prop_oneof![2 => flat, 3 => shared_stmt(e)].boxed() } else { flat.boxed() };
    if depth == 0 {
        return flat.boxed();
    }
    let block = |n: usize| prop::collection::vec(stmt(e, depth - 1, shared), n..4);
    prop_oneof![
        8 => flat,
        2 => (x(B), block(1), block(0)).prop_map(|(c, a, b)| Stmt::If(c, a, b)),
        1 => (0..6u8, prop::option::of(x(B)), block(1)).prop_map(|(n, c, b)| Stmt::While(n, c, b)),
        2 => (any::<u8>(), block(1), prop::collection::vec(stmt(e, 0, shared), 0..2))
            .prop_map(|(s, b, o)| Stmt::For(s, b, o)),
    ]
    .boxed()
}

/// Random programs: 0–2 functions, then 1–9 statements nested up to two blocks deep; in a fraction
/// [`THREADED`] of them, then a part that runs 2–4 threads ([`threads`]).
pub(crate) fn program() -> impl Strategy<Value = Program> {
    let e = expr_levels();
    let func = (0..3u8, prop::collection::vec(stmt(&e, 1, false), 0..4), e[EXPR_DEPTH][I as usize].clone())
        .prop_map(|(shape, body, ret)| Func { shape, body, ret });
    let body = prop::collection::vec(stmt(&e, 2, false), 1..10);
    (any::<[u8; 8]>(), prop::collection::vec(func, 0..3), body, prop::option::weighted(THREADED, threads(&e)))
        .prop_map(|(init, funcs, body, threads)| Program { init, funcs, body, threads })
}

impl Expr {
    /// The expression's static type.
    fn ty(&self) -> Ty {
        match self {
            Expr::Lit(t, _) | Expr::Var(t, _) => *t,
            Expr::Op(i, _) => OPS[*i as usize].0,
            Expr::Call(..) => I,
            Expr::Comp(..) => L,
            Expr::FStr(_) => T,
        }
    }
}

/// Fill the holes `{0}`..`{9}` of `tpl` (other braces are kept).
fn fill(tpl: &str, args: &[String]) -> String {
    let mut out = String::new();
    let mut rest = tpl;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        match tail.as_bytes().get(1).filter(|b| b.is_ascii_digit() && tail.as_bytes().get(2) == Some(&b'}')) {
            Some(&b) => {
                out.push_str(&args[usize::from(b - b'0')]);
                rest = &tail[3..];
            }
            None => {
                out.push('{');
                rest = &tail[1..];
            }
        }
    }
    out + rest
}

/// Pick `i` modulo the table.
pub(super) fn pick<'t>(table: &[&'t str], i: u8) -> &'t str {
    table[usize::from(i) % table.len()]
}

/// Render state: the text, the indentation, the names in scope and where we are.
pub(super) struct Render<'p> {
    pub(super) out: String,
    pub(super) ind: usize,
    /// Names in scope and their types; the ints among the first `base` are assignment targets.
    pub(super) vars: Vec<(Ty, String)>,
    pub(super) base: usize,
    pub(super) loops: usize,
    /// Inside the function of this index (which may call only the functions before it).
    pub(super) func: Option<usize>,
    funcs: &'p [Func],
    fresh: usize,
    /// Rendering an f-string field: no backslash or double quote, no nested f-string.
    fmode: bool,
    /// Rendering the target of a thread program: `print(...)` becomes `say(tid, ...)` (appending to the
    /// thread's own log, see [`threads`](super::threads)), and [`Stmt::Shared`] renders.
    pub(super) thread: bool,
}

/// The globals of the single-threaded part (thread targets have locals of the same names and types).
pub(super) const GLOBALS: [(Ty, &str); 7] =
    [(I, "v0"), (I, "v1"), (F, "v2"), (T, "v3"), (B, "v4"), (A, "v5"), (L, "xs")];

impl<'p> Render<'p> {
    /// Empty render state for a program with functions `funcs`.
    fn new(funcs: &'p [Func]) -> Self {
        let (out, vars) = (String::new(), Vec::new());
        Render { out, ind: 0, vars, base: 0, loops: 0, func: None, funcs, fresh: 0, fmode: false, thread: false }
    }

    /// In a thread target, `print(` becomes `say(tid, `: a thread's output goes to its own log.
    fn output(&self, line: String) -> String {
        if self.thread { line.replace("print(", "say(tid, ") } else { line }
    }

    pub(super) fn name(&mut self, t: Ty) -> String {
        self.fresh += 1;
        format!("{}{}", if t == T { 's' } else { 'i' }, self.fresh)
    }

    /// Append the lines of `text` at the current indentation.
    pub(super) fn line(&mut self, text: &str) {
        text.lines().for_each(|l| self.out += &format!("{}{l}\n", "    ".repeat(self.ind)));
    }

    fn lit(&self, t: Ty, i: u8) -> String {
        let n = if t == T && self.fmode { SAFE_STRS } else { LITS[t as usize].len() };
        LITS[t as usize][usize::from(i) % n].to_owned()
    }

    pub(super) fn expr(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(V, i) | Expr::Var(V, i) => self.target(*i),
            Expr::Lit(t, i) => self.lit(*t, *i),
            Expr::Var(t, i) => {
                let names: Vec<&String> = self.vars.iter().filter(|v| v.0 == *t).map(|v| &v.1).collect();
                if names.is_empty() { self.lit(*t, *i) } else { names[usize::from(*i) % names.len()].clone() }
            }
            Expr::Op(i, holes) => {
                let args: Vec<String> = holes.iter().map(|h| self.expr(h)).collect();
                fill(OPS[usize::from(*i)].1, &args)
            }
            Expr::Call(f, kw, args) => {
                let a: Vec<String> = args.iter().map(|x| self.store(x)).collect();
                let callable = self.func.unwrap_or(self.funcs.len());
                if callable == 0 {
                    return format!("abs({})", a[0]);
                }
                let k = usize::from(*f) % callable;
                match (self.funcs[k].shape % 3, &a[..]) {
                    (0, [x, ..]) | (2, [x]) => format!("f{k}({x})"),
                    (_, [x]) => format!("f{k}({x}, 1)"),
                    (_, [x, y, ..]) if *kw => format!("f{k}({x}, b={y})"),
                    (_, [x, y, ..]) => format!("f{k}({x}, {y})"),
                    (_, []) => unreachable!("calls have one or two arguments"),
                }
            }
            Expr::Comp(src, elem, cond) => {
                self.fresh += 1;
                let c = format!("c{}", self.fresh);
                self.vars.push((I, c.clone()));
                let elem = self.expr(elem);
                let cond = cond.as_ref().map(|b| format!(" if {}", self.expr(b))).unwrap_or_default();
                self.vars.pop();
                format!("[{elem} for {c} in {}{cond}]", pick(COMP_SRC, *src))
            }
            Expr::FStr(_) if self.fmode => "'f'".to_owned(),
            Expr::FStr(fields) => {
                self.fmode = true;
                let mut s = String::from("f\"");
                for (text, spec, field) in fields {
                    let specs = SPECS[[I, F, T].iter().position(|&t| t == field.ty()).unwrap_or(3)];
                    let field = self.expr(field);
                    s += &format!("{}{{{field}{}}}", pick(FTEXT, *text), pick(specs, *spec));
                }
                self.fmode = false;
                s + "\""
            }
        }
    }

    /// An int about to be stored: leaves as they are, anything else reduced modulo [`WRAP`].
    pub(super) fn store(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(..) | Expr::Var(..) => self.expr(e),
            _ => format!("({}) % {WRAP}", self.expr(e)),
        }
    }

    fn target(&self, v: u8) -> String {
        let ints: Vec<&String> = self.vars[..self.base].iter().filter(|v| v.0 == I).map(|v| &v.1).collect();
        ints[usize::from(v) % ints.len()].clone()
    }

    pub(super) fn block(&mut self, body: &[Stmt]) {
        self.ind += 1;
        if body.is_empty() {
            self.line("pass");
        }
        body.iter().for_each(|s| self.stmt(s));
        self.ind -= 1;
    }

    /// A loop's body, then drop the `bound` loop names from scope.
    pub(super) fn loop_body(&mut self, body: &[Stmt], bound: usize) {
        self.loops += 1;
        self.block(body);
        self.loops -= 1;
        self.vars.truncate(self.vars.len() - bound);
    }

    fn if_chain(&mut self, kw: &str, cond: &Expr, then: &[Stmt], otherwise: &[Stmt]) {
        let c = self.expr(cond);
        self.line(&format!("{kw} {c}:"));
        self.block(then);
        match otherwise {
            [] => {}
            [Stmt::If(c, a, b)] => self.if_chain("elif", c, a, b),
            _ => {
                self.line("else:");
                self.block(otherwise);
            }
        }
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Simple(i, holes) => {
                let (tpl, tys) = SIMPLE[usize::from(*i)];
                let args = self.holes(holes, tys);
                let line = self.output(fill(tpl, &args));
                self.line(&line);
            }
            Stmt::Print(args, tail) => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                let line = self.output(format!("print({}{})", args.join(", "), pick(PRINT_TAIL, *tail)));
                self.line(&line);
            }
            Stmt::Shared(i, holes) if self.thread => {
                let (tpl, tys) = SHARED[usize::from(*i) % SHARED.len()];
                let args = self.holes(holes, tys);
                self.line(&fill(tpl, &args));
            }
            Stmt::Call(e) => {
                let c = self.expr(e);
                self.line(&c);
            }
            Stmt::If(c, a, b) => self.if_chain("if", c, a, b),
            Stmt::While(n, cond, body) => {
                let w = self.name(I);
                let extra = cond.as_ref().map(|c| format!(" and {}", self.expr(c))).unwrap_or_default();
                self.line(&format!("{w} = 0\nwhile {w} < {n}{extra}:"));
                self.line(&format!("    {w} += 1"));
                self.vars.push((I, w));
                self.loop_body(body, 1);
            }
            Stmt::For(src, body, orelse) => {
                let (src, tys) = FOR_SRC[usize::from(*src) % FOR_SRC.len()];
                let names: Vec<(Ty, String)> = tys.iter().map(|&t| (t, self.name(t))).collect();
                let targets: Vec<&str> = names.iter().map(|n| n.1.as_str()).collect();
                self.line(&format!("for {} in {src}:", targets.join(", ")));
                self.vars.extend(names);
                self.loop_body(body, tys.len());
                if !orelse.is_empty() {
                    self.line("else:");
                    self.block(orelse);
                }
            }
            Stmt::Jump(cont, c) if self.loops > 0 => {
                let c = self.expr(c);
                self.line(&format!("if {c}: {}", if *cont { "continue" } else { "break" }));
            }
            Stmt::Return(c, v) if self.func.is_some() => {
                let (c, v) = (self.expr(c), self.store(v));
                self.line(&format!("if {c}: return {v}"));
            }
            Stmt::Jump(..) | Stmt::Return(..) | Stmt::Shared(..) => self.line("pass"),
        }
    }

    /// The holes of a template of hole types `tys`, rendered (`Wrap` holes reduced, see [`Render::store`]).
    fn holes(&mut self, holes: &[Expr], tys: &[Ty]) -> Vec<String> {
        holes.iter().zip(tys).map(|(h, &t)| if t == W { self.store(h) } else { self.expr(h) }).collect()
    }
}

impl std::fmt::Debug for Program {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\n{}", self.render())
    }
}

impl Program {
    /// The program as Python source.
    pub(crate) fn render(&self) -> String {
        let scope = |locals: &[&str]| -> Vec<(Ty, String)> {
            let locals = locals.iter().map(|n| (I, (*n).to_owned()));
            locals.chain(GLOBALS.iter().map(|(t, n)| (*t, (*n).to_owned()))).collect()
        };
        let mut r = Render::new(&self.funcs);
        let [a, b, c, s, t, x, y, z] = self.init;
        let lit = |t: Ty, i: u8| pick(LITS[t as usize], i);
        r.line(&format!("v0 = {}\nv1 = {}\nv2 = {}\nv3 = {}", lit(I, a), lit(I, b), lit(F, c), lit(T, s)));
        r.line(&format!("v4 = {}\nv5 = None\nxs = [{}, {}, {}]", lit(B, t), lit(I, x), lit(I, y), lit(I, z)));
        r.line(&format!("d = {{'a': 1, 'b': {}}}", lit(I, a ^ z)));
        for (k, f) in self.funcs.iter().enumerate() {
            let params = ["a", "a, b", "a, b=3"][usize::from(f.shape % 3)];
            r.line(&format!("def f{k}({params}):"));
            r.line("    global v0, v1, v2, v3, v4, v5, xs");
            r.line("    t = a");
            r.vars = scope(&["t", "a", "b"][..if f.shape % 3 == 0 { 2 } else { 3 }]);
            (r.base, r.func) = (r.vars.len(), Some(k));
            r.ind = 1;
            f.body.iter().for_each(|s| r.stmt(s));
            let ret = r.store(&f.ret);
            r.line(&format!("return {ret}"));
            r.ind = 0;
        }
        r.vars = scope(&[]);
        (r.base, r.func) = (r.vars.len(), None);
        self.body.iter().for_each(|s| r.stmt(s));
        r.line("print(v0, v1, v2, v3, v4, v5)\nprint(len(xs), sum(xs), xs[-6:])\nprint(d)");
        if let Some(t) = &self.threads {
            let mut tr = Render::new(&[]);
            t.render(&mut tr);
            r.out += &tr.out;
        }
        r.out
    }
}
