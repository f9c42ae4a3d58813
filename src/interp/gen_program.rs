//! A proptest generator of random, deterministic Python programs in gilfree's subset, for the differential
//! property tests of `random_tests.rs`.
//!
//! The grammar is typed and table driven: [`OPS`] lists the productions of each [`Ty`] as templates whose
//! holes `{0}`, `{1}`, ... are filled by sub-expressions of the listed types. Scoping is resolved at render
//! time: a [`Expr::Var`] is an index into the names of its type in scope (globals `v0`..`v5`, `xs`, `d`,
//! loop and comprehension variables, a function's parameters), `break`/`continue`/`return` outside a loop
//! or function render as `pass`, and a call names one of the functions defined before it. So every value
//! proptest draws is a valid program, and shrinking (smaller vectors, earlier `prop_oneof` arms, index 0)
//! keeps it valid.
//!
//! No i64 overflow can happen (gilfree's ints are 64-bit): every int store (assignment, augmented
//! assignment, append, `d[k] = ...`, call argument, return value) of a non-leaf expression is wrapped
//! `% 1000003`, so variables and container items stay below ~1e6 and loop variables below that too; an
//! expression is at most [`EXPR_DEPTH`] productions deep and a production multiplies magnitudes by at most
//! ~200 (`sum` of a list of at most ~45 + 4 items, `* 9`, `+`), and `**` only applies to `(e % 1000)`:
//! at most ~1e8 * 200^3 ≈ 1e15. Lists stay short (appends are guarded by `len(xs) < 40`, loops run over
//! `range(small)` or slices), strings are truncated on store, loops are bounded, nothing recurses, and no
//! output depends on hashing, ids or addresses.

use proptest::prelude::*;
use proptest::strategy::Union;

/// A static type of the grammar; `Small`, `Tiny`, `Cmp`, `Key` are literal-only helper types and `Risky`
/// expressions may raise (they appear only inside `try`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Int,
    Float,
    Str,
    Bool,
    List,
    Any,
    Key,
    Small,
    Tiny,
    Cmp,
    Risky,
}

/// Every type, in the order of `Ty as usize`.
const TYS: [Ty; 11] =
    [Ty::Int, Ty::Float, Ty::Str, Ty::Bool, Ty::List, Ty::Any, Ty::Key, Ty::Small, Ty::Tiny, Ty::Cmp, Ty::Risky];

/// How deep an expression's productions nest (bounds int magnitudes, see the module comment).
pub(crate) const EXPR_DEPTH: usize = 3;
/// The modulus every stored int is reduced by.
const WRAP: &str = "1000003";

use Ty::{Any as A, Bool as B, Cmp as C, Float as F, Int as I, Key as K, List as L, Small as S, Str as T, Tiny as N};

/// Productions: (result type, template, hole types). Templates use single quotes only and no backslash, so
/// they may appear inside f-string expressions.
#[rustfmt::skip]
const OPS: &[(Ty, &str, &[Ty])] = &[
    (I, "({0} + {1})", &[I, I]), (I, "({0} - {1})", &[I, I]), (I, "({0} * {1})", &[I, S]),
    (I, "({0} // {1})", &[I, S]), (I, "({0} % {1})", &[I, S]), (I, "(-{0})", &[I]), (I, "abs({0})", &[I]),
    (I, "min({0}, {1})", &[I, I]), (I, "max({0}, {1}, {2})", &[I, I, S]), (I, "len({0})", &[T]),
    (I, "len({0})", &[L]), (I, "sum({0})", &[L]), (I, "xs[{0} % len(xs)]", &[I]), (I, "d.get({0}, {1})", &[K, S]),
    (I, "({0} if {1} else {2})", &[I, B, I]), (I, "int({0})", &[B]), (I, "(({0} % 1000) ** 2)", &[I]),
    (I, "min({0}, default={1})", &[L, S]), (I, "d.pop({0}, {1})", &[K, S]), (I, "len(d)", &[]),
    (I, "({0} and {1})", &[I, I]), (I, "({0} or {1})", &[I, I]), (I, "int(str({0}))", &[I]),
    (I, "divmod({0}, {1})[1]", &[I, S]), (I, "{0}.count({1})", &[L, I]), (I, "({0} % 1000) ** 3", &[I]),
    (F, "({0} + {1})", &[F, F]), (F, "({0} - {1})", &[F, F]), (F, "({0} * {1})", &[F, F]),
    (F, "({0} / {1})", &[F, S]), (F, "({0} / {1})", &[I, S]), (F, "({0} + {1})", &[I, F]),
    (F, "({0} * {1})", &[F, I]), (F, "float({0})", &[I]), (F, "(-{0})", &[F]), (F, "abs({0})", &[F]),
    (F, "min({0}, {1})", &[F, F]), (F, "max({0}, {1})", &[F, I]), (F, "round({0}, {1})", &[F, N]),
    (F, "({0} if {1} else {2})", &[F, B, F]), (F, "round({0}, -1)", &[F]),
    (T, "({0} + {1})", &[T, T]), (T, "({0} * {1})", &[T, N]), (T, "str({0})", &[I]), (T, "str({0})", &[F]),
    (T, "repr({0})", &[F]), (T, "repr({0})", &[T]), (T, "str({0})", &[B]), (T, "str({0})", &[L]),
    (T, "repr(v5)", &[]), (T, "{0}.upper()", &[T]), (T, "{0}[{1}:{2}]", &[T, N, N]), (T, "{0}[::-1]", &[T]),
    (T, "({0} if {1} else {2})", &[T, B, T]), (T, "('%d|%s' % ({0}, {1}))", &[I, T]),
    (T, "('%.2f' % {0})", &[F]), (T, "('%5d' % {0})", &[I]), (T, "('%r' % ({0},))", &[T]),
    (T, "('%x' % {0})", &[I]), (T, "('%-6s|%e' % ({0}, {1}))", &[T, F]), (T, "{0}.replace('a', '-')", &[T]),
    (T, "'-'.join([str(c) for c in {0}])", &[L]), (T, "{0}.strip()", &[T]), (T, "str(({0}, {1}))", &[I, T]),
    (B, "({0} {1} {2})", &[I, C, I]), (B, "({0} {1} {2})", &[F, C, F]), (B, "({0} {1} {2})", &[I, C, F]),
    (B, "({0} {1} {2})", &[T, C, T]), (B, "({0} {1} {2} {3} {4})", &[I, C, I, C, I]), (B, "({0} in {1})", &[I, L]),
    (B, "({0} in d)", &[T]), (B, "({0} in {1})", &[T, T]), (B, "(not {0})", &[B]), (B, "({0} and {1})", &[B, B]),
    (B, "({0} or {1})", &[B, B]), (B, "({0} if {1} else {2})", &[B, B, B]), (B, "(v5 is None)", &[]),
    (B, "bool({0})", &[I]), (B, "bool({0})", &[T]), (B, "({0} == {1})", &[L, L]), (B, "({0} < {1})", &[L, L]),
    (B, "isinstance(v5, int)", &[]), (B, "{0}.startswith({1})", &[T, T]),
    (L, "{0}[{1}:{2}]", &[L, N, N]), (L, "sorted({0})", &[L]), (L, "sorted({0}, reverse=True)", &[L]),
    (L, "[{0}, {1}]", &[I, I]), (L, "[{0}]", &[I]), (L, "({0} + {1})", &[L, L]), (L, "list(range({0}, {1}))", &[N, S]),
    (L, "list(reversed({0}))", &[L]),
    (A, "{0}", &[I]), (A, "{0}", &[F]), (A, "{0}", &[T]), (A, "{0}", &[B]), (A, "{0}", &[L]), (A, "None", &[]),
    (A, "({0}, {1})", &[I, T]), (A, "({0},)", &[F]), (A, "d", &[]), (A, "sorted(d.items())", &[]),
    (A, "list(d.values())", &[]), (A, "[{0}, {1}]", &[T, F]), (A, "{'k': {0}, 'v': {1}}", &[T, I]),
    (A, "divmod({0}, {1})", &[I, S]), (K, "str({0} % 3)", &[I]),
    (Ty::Risky, "({0} // ({1} % 3))", &[I, I]), (Ty::Risky, "({0} % ({1} - {2}))", &[I, I, I]),
    (Ty::Risky, "xs[{0} % 9 - 4]", &[I]), (Ty::Risky, "d[{0}]", &[K]), (Ty::Risky, "({0} / ({1} % 2))", &[F, I]),
    (Ty::Risky, "{0}[{1}]", &[T, N]), (Ty::Risky, "({0} / ({1} % 2))", &[I, I]),
];

/// Literals of each type (by `Ty as usize`); strings marked unsafe (quotes, backslashes) come last.
const LITS: [&[&str]; 11] = [
    &["0", "1", "2", "3", "7", "-1", "-5", "10", "42", "100", "-12", "255", "65536", "999983"],
    &["0.0", "0.1", "0.5", "1.5", "-2.25", "3.0", "1e-07", "1e16", "123.456", "-0.0", "2.675", "1e300", "0.3"],
    &["''", "'a'", "'bc'", "'x y'", "'abc'", "'é'", "'Zz9'", "'\\'q\\''", "'say \"hi\"'", "'tab\\t'"],
    &["True", "False"],
    &["[1, 2, 3]", "[]", "[5]", "[-1, 0, 1]", "[3, 1, 2, 3]"],
    &["None", "()", "0", "''"],
    &["'a'", "'b'", "'c'", "'k'", "'zz'"],
    &["1", "2", "3", "-1", "5", "7", "-3", "9", "4", "-7"],
    &["0", "1", "2", "3", "-1"],
    &["<", "<=", "==", "!=", ">", ">="],
    &["(1 // 0)", "[][0]", "{}['x']", "(1.5 / 0)", "'abc'[5]", "(0 % 0)"],
];
/// How many `LITS[Str]` entries are safe inside an f-string expression (Python 3.11: no backslash, no `"`).
const SAFE_STRS: usize = 7;
/// Iteration sources of `for`: (template, types of the targets).
const FOR_SRC: &[(&str, &[Ty])] = &[
    ("range(4)", &[I]),
    ("range(2, 9, 3)", &[I]),
    ("xs[:5]", &[I]),
    ("sorted(xs)[-3:]", &[I]),
    ("v3[:6]", &[T]),
    ("list(d.items())", &[T, I]),
    ("enumerate(xs[:4])", &[I, I]),
    ("zip(range(3), 'xyz')", &[I, T]),
    ("range(0)", &[I]),
];
/// Sources of list comprehensions (all of int items below ~1e6).
const COMP_SRC: &[&str] = &["range(5)", "xs", "xs[-4:]", "sorted(xs)", "range(-2, 3)"];
/// Format specs of f-string fields, by the field's type.
const SPECS: [&[&str]; 4] = [
    &["", ":>5", ":<4", ":05", ":+", ":,"],
    &["", ":.3f", ":>10.2f", ":.2e", ":g"],
    &["", ":>5", ":<6", ":^7", "!r"],
    &[""],
];
/// Literal text between f-string fields.
const FTEXT: &[&str] = &["", " ", "x=", " | ", "[", "]"];
/// Statements on `xs` (which must stay non-empty and short).
const LIST_OPS: &[&str] = &[
    "xs.sort()",
    "xs.reverse()",
    "xs = xs[-6:]",
    "xs = sorted(xs, reverse=True)",
    "xs += xs[:2]",
    "xs.insert(1, len(xs))",
    "if len(xs) > 1: del xs[0]",
    "if len(xs) > 1: xs.pop()",
];
/// The optional arguments of `print`.
const PRINT_TAIL: &[&str] = &["", ", sep=''", ", sep=' | '", ", end=' ;\\n'"];

/// An expression; see [`OPS`] and [`LITS`].
#[derive(Clone, Debug)]
pub(crate) enum Expr {
    /// A literal of the type (index modulo the table).
    Lit(Ty, u8),
    /// A variable of the type in scope (index modulo the names; a literal when there is none).
    Var(Ty, u8),
    /// A production of [`OPS`] and its holes.
    Op(u16, Vec<Expr>),
    /// A call of a user function (or `abs` when none is callable): index, keyword style, 1 or 2 arguments.
    Call(u8, bool, Vec<Expr>),
    /// `[elem for c in COMP_SRC[src] if cond]`, binding a fresh int name.
    Comp(u8, Box<Expr>, Option<Box<Expr>>),
    /// An f-string: (text before, spec, field) per field.
    FStr(Vec<(u8, u8, Expr)>),
}

/// A statement. Blocks are `Vec<Stmt>`; an `If` whose else-block is a single `If` renders as `elif`.
#[derive(Clone, Debug)]
pub(crate) enum Stmt {
    /// `target = value` for an Int/Float/Str/Bool/Any variable (target index modulo the assignable names).
    Assign(Ty, u8, Expr),
    /// `target op= value` (`+=`, `-=`, `*=`, `/=`), Int/Float/Str.
    Aug(Ty, u8, u8, Expr),
    /// `v0, v3 = int, str`.
    Unpack(Expr, Expr),
    /// `v0, v1 = v1, v0`.
    Swap,
    /// `xs.append(value)` (guarded by the length of `xs`).
    Append(Expr),
    /// `xs[i % len(xs)] = value`.
    SetItem(Expr, Expr),
    /// One of [`LIST_OPS`].
    ListOp(u8),
    /// `d[key] = value`.
    DictSet(Expr, Expr),
    /// `d.pop(key, None)`.
    DictPop(Expr),
    /// `print(args...)` with one of [`PRINT_TAIL`].
    Print(Vec<Expr>, u8),
    /// A call as a statement.
    Call(Expr),
    /// `if cond: then else: otherwise`.
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    /// A `while` loop of at most `n` iterations (counter first, so `continue` is safe), with an extra condition.
    While(u8, Option<Expr>, Vec<Stmt>),
    /// `for targets in FOR_SRC[src]: body else: orelse`.
    For(u8, Vec<Stmt>, Vec<Stmt>),
    /// `if cond: continue` (true) or `if cond: break` (false).
    Jump(bool, Expr),
    /// `if cond: return value` (inside functions).
    Return(Expr, Expr),
    /// `try: print(risky)` with one of four handler shapes.
    Try(u8, Expr),
}

/// A function `def fK(a[, b[=default]])`: its parameter shape (0: `a`, 1: `a, b`, 2: `a, b=3`), body, result.
#[derive(Clone, Debug)]
pub(crate) struct Func {
    shape: u8,
    body: Vec<Stmt>,
    ret: Expr,
}

/// A whole program: the initial values of the globals, the functions, the statements.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    init: [u8; 8],
    funcs: Vec<Func>,
    body: Vec<Stmt>,
}

/// Expression strategies by depth and type: `levels[d][ty as usize]`.
type Levels = Vec<Vec<BoxedStrategy<Expr>>>;

fn expr_levels() -> Levels {
    let leaf = |ty: Ty| {
        prop_oneof![any::<u8>().prop_map(move |i| Expr::Lit(ty, i)), any::<u8>().prop_map(move |i| Expr::Var(ty, i))]
            .boxed()
    };
    let mut levels: Levels = vec![TYS.iter().map(|&t| leaf(t)).collect()];
    for _ in 0..EXPR_DEPTH {
        let prev = levels.last().expect("level 0 exists").clone();
        let next = TYS.iter().map(|&ty| {
            let mut arms: Vec<(u32, BoxedStrategy<Expr>)> = vec![(12, leaf(ty))];
            for (i, (_, _, holes)) in OPS.iter().enumerate().filter(|(_, op)| op.0 == ty) {
                let parts: Vec<_> = holes.iter().map(|&h| prev[h as usize].clone()).collect();
                arms.push((1, parts.prop_map(move |v| Expr::Op(i as u16, v)).boxed()));
            }
            let p = |t: Ty| prev[t as usize].clone();
            match ty {
                Ty::Int => arms.push((2, (any::<u8>(), any::<bool>(), prop::collection::vec(p(I), 1..3))
                    .prop_map(|(f, kw, args)| Expr::Call(f, kw, args)).boxed())),
                Ty::List => arms.push((2, (any::<u8>(), p(I), prop::option::of(p(B)))
                    .prop_map(|(s, e, c)| Expr::Comp(s, Box::new(e), c.map(Box::new))).boxed())),
                Ty::Str => {
                    let field = prop_oneof![p(I), p(F), p(T), p(B)];
                    let fields = prop::collection::vec((any::<u8>(), any::<u8>(), field), 1..4);
                    arms.push((2, fields.prop_map(Expr::FStr).boxed()));
                }
                _ => {}
            }
            Union::new_weighted(arms).boxed()
        });
        levels.push(next.collect());
    }
    levels
}

/// Statements nested at most `depth` blocks deep.
fn stmt(e: &Levels, depth: usize) -> BoxedStrategy<Stmt> {
    let x = |t: Ty| e[EXPR_DEPTH][t as usize].clone();
    let assign = |t: Ty| (any::<u8>(), x(t)).prop_map(move |(v, ex)| Stmt::Assign(t, v, ex));
    let aug = |t: Ty| (any::<u8>(), 0..4u8, x(t)).prop_map(move |(v, op, ex)| Stmt::Aug(t, v, op, ex));
    let call = (any::<u8>(), any::<bool>(), prop::collection::vec(x(I), 1..3));
    let simple = prop_oneof![
        4 => prop_oneof![assign(I), assign(F), assign(T), assign(B), assign(A)],
        3 => prop_oneof![aug(I), aug(F), aug(T)],
        1 => (x(I), x(T)).prop_map(|(a, b)| Stmt::Unpack(a, b)),
        1 => Just(Stmt::Swap),
        2 => x(I).prop_map(Stmt::Append),
        1 => (x(I), x(I)).prop_map(|(a, b)| Stmt::SetItem(a, b)),
        1 => any::<u8>().prop_map(Stmt::ListOp),
        2 => (x(K), x(I)).prop_map(|(k, v)| Stmt::DictSet(k, v)),
        1 => x(K).prop_map(Stmt::DictPop),
        5 => (prop::collection::vec(x(A), 1..4), any::<u8>()).prop_map(|(a, t)| Stmt::Print(a, t)),
        1 => call.prop_map(|(f, kw, a)| Stmt::Call(Expr::Call(f, kw, a))),
        1 => (any::<bool>(), x(B)).prop_map(|(c, b)| Stmt::Jump(c, b)),
        1 => (x(B), x(I)).prop_map(|(c, v)| Stmt::Return(c, v)),
        2 => (any::<u8>(), x(Ty::Risky)).prop_map(|(h, r)| Stmt::Try(h, r)),
    ];
    if depth == 0 {
        return simple.boxed();
    }
    let block = || prop::collection::vec(stmt(e, depth - 1), 1..4);
    let opt_block = || prop::collection::vec(stmt(e, depth - 1), 0..3);
    prop_oneof![
        8 => simple,
        2 => (x(B), block(), opt_block()).prop_map(|(c, a, b)| Stmt::If(c, a, b)),
        1 => (0..6u8, prop::option::of(x(B)), block()).prop_map(|(n, c, b)| Stmt::While(n, c, b)),
        2 => (any::<u8>(), block(), prop::collection::vec(stmt(e, 0), 0..2))
            .prop_map(|(s, b, o)| Stmt::For(s, b, o)),
    ]
    .boxed()
}

/// Random programs: 0–2 functions, then 1–9 statements nested up to two blocks deep.
pub(crate) fn program() -> impl Strategy<Value = Program> {
    let e = expr_levels();
    let func = (0..3u8, prop::collection::vec(stmt(&e, 1), 0..4), e[EXPR_DEPTH][I as usize].clone())
        .prop_map(|(shape, body, ret)| Func { shape, body, ret });
    (any::<[u8; 8]>(), prop::collection::vec(func, 0..3), prop::collection::vec(stmt(&e, 2), 1..10))
        .prop_map(|(init, funcs, body)| Program { init, funcs, body })
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
fn pick<'t>(table: &[&'t str], i: u8) -> &'t str {
    table[usize::from(i) % table.len()]
}

/// Render state: the text, the indentation, the names in scope and where we are.
struct Render<'p> {
    out: String,
    ind: usize,
    /// Int names in scope; the first `assignable` are assignment targets.
    ints: Vec<String>,
    assignable: usize,
    /// Str names in scope (`v3` and loop variables).
    strs: Vec<String>,
    loops: usize,
    /// Inside the function of this index.
    func: Option<usize>,
    funcs: &'p [Func],
    fresh: usize,
    /// Rendering an f-string field: no backslashes or double quotes, no nested f-string.
    fmode: bool,
}

impl Render<'_> {
    fn name(&mut self, prefix: &str) -> String {
        self.fresh += 1;
        format!("{prefix}{}", self.fresh)
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(&"    ".repeat(self.ind));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn lit(&self, t: Ty, i: u8) -> String {
        let table = LITS[t as usize];
        let n = if t == T && self.fmode { SAFE_STRS } else { table.len() };
        table[usize::from(i) % n].to_owned()
    }

    fn expr(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(t, i) => self.lit(*t, *i),
            Expr::Var(t, i) => {
                let names: &[String] = match t {
                    Ty::Int => &self.ints,
                    Ty::Str => &self.strs,
                    _ => &[],
                };
                let fixed = match t {
                    Ty::Float => "v2",
                    Ty::Bool => "v4",
                    Ty::List => "xs",
                    Ty::Any => "v5",
                    _ => "",
                };
                match names.len() {
                    0 if fixed.is_empty() => self.lit(*t, *i),
                    0 => fixed.to_owned(),
                    n => names[usize::from(*i) % n].clone(),
                }
            }
            Expr::Op(i, holes) => {
                let args: Vec<String> = holes.iter().map(|h| self.expr(h)).collect();
                fill(OPS[*i as usize].1, &args)
            }
            Expr::Call(f, kw, args) => {
                let a: Vec<String> = args.iter().map(|x| self.store(x)).collect();
                let callable = self.func.unwrap_or(self.funcs.len());
                if callable == 0 {
                    return format!("abs({})", a[0]);
                }
                let k = usize::from(*f) % callable;
                match (self.funcs[k].shape, a.len()) {
                    (0, _) => format!("f{k}({})", a[0]),
                    (1, 1) => format!("f{k}({}, 1)", a[0]),
                    (_, 1) => format!("f{k}({})", a[0]),
                    _ if *kw => format!("f{k}({}, b={})", a[0], a[1]),
                    _ => format!("f{k}({}, {})", a[0], a[1]),
                }
            }
            Expr::Comp(src, elem, cond) => {
                let c = self.name("c");
                self.ints.push(c.clone());
                let elem = self.expr(elem);
                let cond = cond.as_ref().map(|b| format!(" if {}", self.expr(b))).unwrap_or_default();
                self.ints.pop();
                format!("[{elem} for {c} in {}{cond}]", pick(COMP_SRC, *src))
            }
            Expr::FStr(_) if self.fmode => "'f'".to_owned(),
            Expr::FStr(fields) => {
                self.fmode = true;
                let mut s = String::from("f\"");
                for (text, spec, field) in fields {
                    let specs = SPECS[match field.ty() {
                        Ty::Int => 0,
                        Ty::Float => 1,
                        Ty::Str => 2,
                        _ => 3,
                    }];
                    let field = self.expr(field);
                    s += &format!("{}{{{field}{}}}", pick(FTEXT, *text), pick(specs, *spec));
                }
                self.fmode = false;
                s + "\""
            }
        }
    }

    /// An int about to be stored: leaves as they are, anything else reduced modulo [`WRAP`].
    fn store(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(..) | Expr::Var(..) => self.expr(e),
            _ => format!("({}) % {WRAP}", self.expr(e)),
        }
    }

    /// A str about to be stored: truncated unless a leaf.
    fn store_str(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(..) | Expr::Var(..) => self.expr(e),
            _ => format!("({})[:30]", self.expr(e)),
        }
    }

    fn target(&self, t: Ty, v: u8) -> String {
        match t {
            Ty::Int => self.ints[usize::from(v) % self.assignable].clone(),
            Ty::Float => "v2".into(),
            Ty::Str => "v3".into(),
            Ty::Bool => "v4".into(),
            _ => "v5".into(),
        }
    }

    fn block(&mut self, body: &[Stmt]) {
        self.ind += 1;
        if body.is_empty() {
            self.line("pass");
        }
        body.iter().for_each(|s| self.stmt(s));
        self.ind -= 1;
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
            Stmt::Assign(t, v, e) => {
                let val = match t {
                    Ty::Int => self.store(e),
                    Ty::Str => self.store_str(e),
                    _ => self.expr(e),
                };
                let target = self.target(*t, *v);
                self.line(&format!("{target} = {val}"));
            }
            Stmt::Aug(t, v, op, e) => {
                let target = self.target(*t, *v);
                let rhs = self.expr(e);
                let small = pick(LITS[S as usize], *v);
                match (t, op % 4) {
                    (Ty::Int, 2) => self.line(&format!("{target} *= {small}")),
                    (Ty::Int, o) => self.line(&format!("{target} {}= {rhs}", if o == 1 { '-' } else { '+' })),
                    (Ty::Float, 3) => self.line(&format!("{target} /= {small}")),
                    (Ty::Float, o) => self.line(&format!("{target} {}= {rhs}", ['+', '-', '*'][usize::from(o)])),
                    _ => self.line(&format!("{target} += {rhs}")),
                }
                match t {
                    Ty::Int => self.line(&format!("{target} %= {WRAP}")),
                    Ty::Str => self.line(&format!("{target} = {target}[-30:]")),
                    _ => {}
                }
            }
            Stmt::Unpack(a, b) => {
                let (a, b, t) = (self.store(a), self.store_str(b), self.target(I, 0));
                self.line(&format!("{t}, v3 = {a}, {b}"));
            }
            Stmt::Swap => {
                let (a, b) = (self.target(I, 0), self.target(I, 1));
                self.line(&format!("{a}, {b} = {b}, {a}"));
            }
            Stmt::Append(e) => {
                let v = self.store(e);
                self.line(&format!("if len(xs) < 40: xs.append({v})"));
            }
            Stmt::SetItem(i, e) => {
                let (i, v) = (self.expr(i), self.store(e));
                self.line(&format!("xs[{i} % len(xs)] = {v}"));
            }
            Stmt::ListOp(k) => self.line(pick(LIST_OPS, *k)),
            Stmt::DictSet(k, e) => {
                let (k, v) = (self.expr(k), self.store(e));
                self.line(&format!("d[{k}] = {v}"));
            }
            Stmt::DictPop(k) => {
                let k = self.expr(k);
                self.line(&format!("d.pop({k}, None)"));
            }
            Stmt::Print(args, tail) => {
                let args: Vec<String> = args.iter().map(|a| self.expr(a)).collect();
                self.line(&format!("print({}{})", args.join(", "), pick(PRINT_TAIL, *tail)));
            }
            Stmt::Call(e) => {
                let c = self.expr(e);
                self.line(&c);
            }
            Stmt::If(c, a, b) => self.if_chain("if", c, a, b),
            Stmt::While(n, cond, body) => {
                let w = self.name("w");
                let extra = cond.as_ref().map(|c| format!(" and {}", self.expr(c))).unwrap_or_default();
                self.line(&format!("{w} = 0"));
                self.line(&format!("while {w} < {n}{extra}:"));
                self.line(&format!("    {w} += 1"));
                self.ints.push(w);
                self.loops += 1;
                self.block(body);
                self.loops -= 1;
                self.ints.pop();
            }
            Stmt::For(src, body, orelse) => {
                let (src, tys) = FOR_SRC[usize::from(*src) % FOR_SRC.len()];
                let names: Vec<String> =
                    tys.iter().map(|&t| if t == T { self.name("s") } else { self.name("i") }).collect();
                self.line(&format!("for {} in {src}:", names.join(", ")));
                for (n, &t) in names.iter().zip(tys.iter()) {
                    if t == T { self.strs.push(n.clone()) } else { self.ints.push(n.clone()) }
                }
                self.loops += 1;
                self.block(body);
                self.loops -= 1;
                for &t in tys {
                    if t == T { self.strs.pop() } else { self.ints.pop() };
                }
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
            Stmt::Jump(..) | Stmt::Return(..) => self.line("pass"),
            Stmt::Try(h, r) => {
                let r = self.expr(r);
                self.line("try:");
                self.line(&format!("    print({r})"));
                let handler: &[&str] = match h % 4 {
                    0 => &["except (ZeroDivisionError, IndexError, KeyError) as e:", "    print(type(e).__name__, e)"],
                    1 => &[
                        "except ArithmeticError as e:",
                        "    print('arith', e.args)",
                        "except LookupError as e:",
                        "    print('lookup', type(e).__name__, e)",
                    ],
                    2 => &["except Exception as e:", "    print('caught', type(e).__name__)", "else:", "    print('ok')"],
                    _ => &["except (ZeroDivisionError, LookupError) as e:", "    print(e)", "finally:", "    print('fin')"],
                };
                handler.iter().for_each(|l| self.line(l));
            }
        }
    }
}

impl Program {
    /// The program as Python source.
    pub(crate) fn render(&self) -> String {
        let mut r = Render {
            out: String::new(),
            ind: 0,
            ints: Vec::new(),
            assignable: 0,
            strs: vec!["v3".into()],
            loops: 0,
            func: None,
            funcs: &self.funcs,
            fresh: 0,
            fmode: false,
        };
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
            r.ints = ["t", "a", "b", "v0", "v1"].iter().filter(|n| f.shape > 0 || **n != "b").map(|n| (*n).into()).collect();
            (r.assignable, r.func) = (r.ints.len(), Some(k));
            r.ind = 1;
            f.body.iter().for_each(|s| r.stmt(s));
            let ret = r.store(&f.ret);
            r.line(&format!("return {ret}"));
            r.ind = 0;
        }
        (r.ints, r.assignable, r.func) = (vec!["v0".into(), "v1".into()], 2, None);
        self.body.iter().for_each(|s| r.stmt(s));
        r.line("print(v0, v1, v2, v3, v4, v5)\nprint(len(xs), sum(xs), xs[-6:])\nprint(d)");
        r.out
    }
}
