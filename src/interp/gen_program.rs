//! A proptest generator of random, deterministic Python programs in gilfree's subset, for the differential
//! property tests of `random_tests.rs`.
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
//! truncated when stored, and nothing printed depends on hashing order, ids or addresses (no sets, no
//! printed functions, dict views only through `list`/`sorted`).

use proptest::prelude::*;
use proptest::strategy::Union;

use super::gen_threads::{SHARED, Threads, shared_stmt, threads};

/// A static type. `Key`, `Small` (non-zero), `Tiny`, `Cmp` are literal-only helpers; a `Wrap` hole is an
/// int that is stored (reduced modulo [`WRAP`]); a `Target` is an assignable int name; `Risky` expressions
/// may raise and appear only in `try`.
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
    Wrap,
    Target,
}

use Ty::{Any as A, Bool as B, Cmp as C, Float as F, Int as I, Key as K, List as L, Small as S, Str as T, Tiny as N};
use Ty::{Risky as R, Target as V, Wrap as W};

/// Every type, in the order of `Ty as usize`.
const TYS: [Ty; 13] = [I, F, T, B, L, A, K, S, N, C, R, W, V];
/// How deep an expression's productions nest (bounds int magnitudes, see the module comment).
pub(super) const EXPR_DEPTH: usize = 3;
/// The modulus stored ints are reduced by.
const WRAP: &str = "1000003";

/// Expression productions: (type, template, hole types). Single quotes only and no backslash, so that they
/// can appear inside f-string fields (Python 3.11).
#[rustfmt::skip]
const OPS: &[(Ty, &str, &[Ty])] = &[
    (I, "({0} + {1})", &[I, I]), (I, "({0} - {1})", &[I, I]), (I, "({0} * {1})", &[I, S]), (I, "(-{0})", &[I]),
    (I, "({0} // {1})", &[I, S]), (I, "({0} % {1})", &[I, S]), (I, "abs({0})", &[I]), (I, "min({0}, {1})", &[I, I]),
    (I, "max({0}, {1}, {2})", &[I, I, S]), (I, "len({0})", &[T]), (I, "len({0})", &[L]), (I, "sum({0})", &[L]),
    (I, "xs[{0} % len(xs)]", &[I]), (I, "d.get({0}, {1})", &[K, S]), (I, "({0} if {1} else {2})", &[I, B, I]),
    (I, "int({0})", &[B]), (I, "(({0} % 1000) ** 2)", &[I]), (I, "min({0}, default={1})", &[L, S]), (I, "len(d)", &[]),
    (I, "d.pop({0}, {1})", &[K, S]), (I, "({0} and {1})", &[I, I]), (I, "({0} or {1})", &[I, I]),
    (I, "int(str({0}))", &[I]), (I, "divmod({0}, {1})[1]", &[I, S]), (I, "{0}.count({1})", &[L, I]),
    (I, "({0} << 3)", &[I]), (I, "({0} >> 2)", &[I]), (I, "({0} & {1})", &[I, I]), (I, "({0} | {1})", &[I, I]),
    (I, "({0} ^ {1})", &[I, I]), (I, "(~{0})", &[I]), (I, "pow({0}, 3, 97)", &[I]), (I, "hash({0})", &[I]),
    (I, "ord({0}[:1] or 'a')", &[T]), (I, "{0}.find({1})", &[T, T]), (I, "{0}.count({1})", &[T, T]),
    (I, "sum({0}, {1})", &[L, I]), (I, "int(bin({0}), 2)", &[I]), (I, "int(oct({0}), 8)", &[I]),
    (I, "int(hex({0}), 0)", &[I]), (I, "(lambda q: q * 2 + 1)({0})", &[I]),
    (F, "({0} + {1})", &[F, F]), (F, "({0} - {1})", &[F, F]), (F, "({0} * {1})", &[F, F]), (F, "({0} / {1})", &[F, S]),
    (F, "({0} / {1})", &[I, S]), (F, "({0} + {1})", &[I, F]), (F, "({0} * {1})", &[F, I]), (F, "float({0})", &[I]),
    (F, "(-{0})", &[F]), (F, "abs({0})", &[F]), (F, "min({0}, {1})", &[F, F]), (F, "max({0}, float({1}))", &[F, I]),
    (F, "round({0}, {1})", &[F, N]), (F, "({0} if {1} else {2})", &[F, B, F]), (F, "round({0}, -1)", &[F]),
    (F, "({0} // {1})", &[F, S]), (F, "({0} % {1})", &[F, S]), (F, "divmod({0}, {1})[0]", &[F, S]),
    (F, "float(str({0}))", &[F]), (F, "(2.0 ** {0})", &[N]), (F, "(abs({0}) ** 0.5)", &[F]),
    (F, "(({0} + 9007199254740993) / {1})", &[I, S]),
    (T, "({0} + {1})", &[T, T]), (T, "({0} * {1})", &[T, N]), (T, "str({0})", &[I]), (T, "str({0})", &[F]),
    (T, "repr({0})", &[F]), (T, "repr({0})", &[T]), (T, "str({0})", &[B]), (T, "str({0})", &[L]), (T, "repr(v5)", &[]),
    (T, "{0}.upper()", &[T]), (T, "{0}[{1}:{2}]", &[T, N, N]), (T, "{0}[::-1]", &[T]), (T, "{0}[{1}::{2}]", &[T, N, S]),
    (T, "({0} if {1} else {2})", &[T, B, T]), (T, "('%d|%s' % ({0}, {1}))", &[I, T]), (T, "('%.2f' % {0})", &[F]),
    (T, "('%5d' % {0})", &[I]), (T, "('%r' % ({0},))", &[T]), (T, "('%x' % {0})", &[I]), (T, "('%+d' % {0})", &[I]),
    (T, "('%-6s|%e' % ({0}, {1}))", &[T, F]), (T, "('%05.1f%%' % {0})", &[F]), (T, "('%s' % ({0},))", &[A]),
    (T, "{0}.replace('a', '-')", &[T]), (T, "'-'.join([str(c) for c in {0}])", &[L]), (T, "{0}.strip()", &[T]),
    (T, "str(({0}, {1}))", &[I, T]), (T, "hex({0})", &[I]), (T, "bin({0})", &[I]), (T, "oct({0})", &[I]),
    (T, "chr(65 + {0} % 58)", &[I]), (T, "{0}.center(9, '*')", &[T]), (T, "{0}.zfill(6)", &[T]),
    (T, "{0}.title()", &[T]), (T, "{0}.swapcase()", &[T]), (T, "({0}.ljust(5) + '|')", &[T]),
    (T, "' '.join({0}.split())", &[T]), (T, "''.join(sorted({0}))", &[T]), (T, "format({0}, '>8')", &[I]),
    (T, "format({0}, '.3g')", &[F]), (T, "format({0}, ',')", &[I]), (T, "'{}|{:>4}'.format({0}, {1})", &[I, T]),
    (B, "({0} {1} {2})", &[I, C, I]), (B, "({0} {1} {2})", &[F, C, F]), (B, "({0} {1} {2})", &[I, C, F]),
    (B, "({0} {1} {2})", &[T, C, T]), (B, "({0} {1} {2} {3} {4})", &[I, C, I, C, I]), (B, "({0} in {1})", &[I, L]),
    (B, "({0} in d)", &[T]), (B, "({0} in {1})", &[T, T]), (B, "(not {0})", &[B]), (B, "({0} and {1})", &[B, B]),
    (B, "({0} or {1})", &[B, B]), (B, "({0} if {1} else {2})", &[B, B, B]), (B, "(v5 is None)", &[]),
    (B, "bool({0})", &[I]), (B, "bool({0})", &[T]), (B, "({0} == {1})", &[L, L]), (B, "({0} < {1})", &[L, L]),
    (B, "isinstance({0}, int)", &[A]), (B, "isinstance({0}, float)", &[A]), (B, "{0}.startswith({1})", &[T, T]),
    (B, "any({0})", &[L]), (B, "all({0})", &[L]), (B, "({0} in ({1}, {2}))", &[I, I, I]), (B, "{0}.isdigit()", &[T]),
    (B, "(({0}, {1}) < ({2}, {3}))", &[I, T, I, T]), (B, "({0} not in {1})", &[T, T]),
    (B, "(9007199254740993 {0} {1})", &[C, F]),
    (L, "{0}[{1}:{2}]", &[L, N, N]), (L, "sorted({0})", &[L]), (L, "sorted({0}, reverse=True)", &[L]),
    (L, "[{0}, {1}]", &[I, I]), (L, "[{0}]", &[I]), (L, "({0} + {1})", &[L, L]), (L, "list(range({0}, {1}))", &[N, S]),
    (L, "list(reversed({0}))", &[L]), (L, "sorted({0}, key=abs)", &[L]), (L, "{0}[::{1}]", &[L, S]),
    (L, "([{0}] * 3)", &[I]), (L, "list(map(abs, {0}))", &[L]), (L, "list(filter(None, {0}))", &[L]),
    (A, "{0}", &[I]), (A, "{0}", &[F]), (A, "{0}", &[T]), (A, "{0}", &[B]), (A, "{0}", &[L]), (A, "None", &[]),
    (A, "({0}, {1})", &[I, T]), (A, "({0},)", &[F]), (A, "d", &[]), (A, "sorted(d.items())", &[]),
    (A, "list(d.values())", &[]), (A, "[{0}, {1}]", &[T, F]), (A, "{'k': {0}, 'v': {1}}", &[T, I]),
    (A, "divmod({0}, {1})", &[I, S]), (A, "{0}.split()", &[T]), (A, "{0}.split('a')", &[T]), (A, "tuple({0})", &[L]),
    (A, "({0}, ({1}, {2}))", &[I, F, T]), (A, "[{0}, [{1}]]", &[T, L]), (A, "({0} * 2)", &[L]),
    (A, "dict(zip({0}, {1}))", &[T, L]), (A, "list(enumerate({0}))", &[T]), (A, "{0}.partition('a')", &[T]),
    (A, "(lambda q: (q, -q))({0})", &[F]), (K, "str({0} % 3)", &[I]),
    (R, "({0} // ({1} % 3))", &[I, I]), (R, "({0} % ({1} - {2}))", &[I, I, I]), (R, "xs[{0} % 9 - 4]", &[I]),
    (R, "d[{0}]", &[K]), (R, "({0} / ({1} % 2))", &[F, I]), (R, "{0}[{1}]", &[T, N]), (R, "({0} / ({1} % 2))", &[I, I]),
    (R, "({0} ** 2)", &[F]), (R, "float({0})", &[T]), (R, "int({0}[:18])", &[T]), (R, "int({0} % 1e6)", &[F]),
    (R, "round({0} % 1000.0)", &[F]), (R, "(({0} % 10) ** {1})", &[I, N]), (R, "{0}[{1}]", &[L, I]),
    (R, "(1, 2)[{0}]", &[I]), (R, "{0}.index({1})", &[T, T]), (R, "{0}.index({1})", &[L, I]), (R, "({0} + {1})", &[T, I]),
    (R, "({0} + {1})", &[I, T]), (R, "({0} < {1})", &[T, I]), (R, "len({0})", &[I]), (R, "d[{0}]", &[T]),
    (R, "({0} // ({1} % 2))", &[F, I]), (R, "({0} % ({1} % 2))", &[F, I]), (R, "divmod({0}, {1} % 2)", &[I, I]),
];

/// Literals by `Ty as usize` (`Wrap` and `Risky` leaves are ints and raising expressions); the strings
/// from [`SAFE_STRS`] on hold quotes or backslashes.
#[rustfmt::skip]
pub(super) const LITS: [&[&str]; 13] = [
    &["0", "1", "2", "3", "7", "-1", "-5", "10", "42", "100", "-12", "255", "65536", "999983"],
    &["0.0", "0.1", "0.5", "1.5", "-2.25", "3.0", "1e-07", "1e16", "123.456", "-0.0", "2.675", "1e300", "0.3",
      "9007199254740992.0"],
    &["''", "'a'", "'bc'", "'x y'", "'abc'", "'é'", "'Zz9'", "'\\'q\\''", "'say \"hi\"'", "'tab\\t'", "'a\\nb\\x01'"],
    &["True", "False"],
    &["[1, 2, 3]", "[]", "[5]", "[-1, 0, 1]", "[3, 1, 2, 3]"],
    &["None", "()", "0", "''"],
    &["'a'", "'b'", "'c'", "'k'", "'zz'"],
    &["1", "2", "3", "-1", "5", "7", "-3", "9", "4", "-7"],
    &["0", "1", "2", "3", "-1"],
    &["<", "<=", "==", "!=", ">", ">="],
    &["(1 // 0)", "[][0]", "{}['x']", "(1.5 / 0)", "'abc'[5]", "(0 % 0)", "[].pop()", "undefined_zz", "v5.zz"],
    &["0"],
    &["0"],
];
/// How many strings of `LITS` are safe inside an f-string field (Python 3.11: no backslash, no `"`).
const SAFE_STRS: usize = 7;

/// Simple statements: (template, hole types); a template's lines are indented together.
#[rustfmt::skip]
const SIMPLE: &[(&str, &[Ty])] = &[
    ("{0} = {1}", &[V, W]), ("{0} += {1}\n{0} %= 1000003", &[V, I]), ("{0} -= {1}\n{0} %= 1000003", &[V, I]),
    ("{0} *= {1}\n{0} %= 1000003", &[V, S]), ("{0}, v3 = {1}, ({2})[:30]", &[V, W, T]), ("{0}, {1} = {1}, {0}", &[V, V]),
    ("v2 = {0}", &[F]), ("v2 += {0}", &[F]), ("v2 -= {0}", &[F]), ("v2 *= {0}", &[F]), ("v2 /= {0}", &[S]),
    ("v3 = ({0})[:30]", &[T]), ("v3 += {0}\nv3 = v3[-30:]", &[T]), ("v4 = {0}", &[B]), ("v5 = {0}", &[A]),
    ("if len(xs) < 40: xs.append({0})", &[W]), ("xs[{0} % len(xs)] = {1}", &[I, W]), ("d[{0}] = {1}", &[K, W]),
    ("d.pop({0}, None)", &[K]), ("if {0} in d: del d[{0}]", &[K]), ("d.setdefault({0}, {1})", &[K, W]),
    ("d.update({{0}: {1}})", &[K, W]), ("xs.sort()", &[]), ("xs.reverse()", &[]), ("xs = xs[-6:]", &[]),
    ("xs = sorted(xs, reverse=True)", &[]), ("if len(xs) < 40: xs += xs[:2]", &[]), ("xs[:2] = xs[:2][::-1]", &[]),
    ("if len(xs) < 40: xs.insert(1, len(xs))", &[]), ("if len(xs) > 1: del xs[0]", &[]),
    ("if len(xs) > 1: xs.pop()", &[]), ("print(*xs[-3:], sep=',')", &[]),
    ("try:\n    print({0})\nexcept (ArithmeticError, LookupError, ValueError, TypeError, AttributeError, \
      NameError) as e:\n    print(type(e).__name__, e)", &[R]),
    ("try:\n    print({0})\nexcept ZeroDivisionError as e:\n    print('zero', e.args)\nexcept LookupError as e:\n    \
      print('lookup', type(e).__name__, e)\nexcept Exception as e:\n    print('other', type(e).__name__, e)", &[R]),
    ("try:\n    print({0})\nexcept Exception as e:\n    print('caught', type(e).__name__)\nelse:\n    print('ok')", &[R]),
    ("try:\n    print({0})\nexcept Exception as e:\n    print(repr(e))\nfinally:\n    print('fin')", &[R]),
];
/// Iteration sources of `for`: (template, types of the targets).
#[rustfmt::skip]
const FOR_SRC: &[(&str, &[Ty])] = &[
    ("range(4)", &[I]), ("range(2, 9, 3)", &[I]), ("xs[:5]", &[I]), ("sorted(xs)[-3:]", &[I]), ("v3[:6]", &[T]),
    ("list(d.items())", &[T, I]), ("enumerate(xs[:4])", &[I, I]), ("zip(range(3), 'xyz')", &[I, T]),
    ("range(0)", &[I]), ("reversed(range(3))", &[I]), ("sorted(d)", &[T]),
];
/// Sources of list comprehensions (int items below ~1e6).
const COMP_SRC: &[&str] = &["range(5)", "xs", "xs[-4:]", "sorted(xs)", "range(-2, 3)"];
/// Format specs of f-string fields, for Int, Float, Str and Bool fields.
const SPECS: [&[&str]; 4] = [
    &["", ":>5", ":<4", ":05", ":+", ":,", ":x", ":#b", ":^7", ":e"],
    &["", ":.3f", ":>10.2f", ":.2e", ":g", ":%", ":+.1f", ":,.2f", ":.0f", "!r"],
    &["", ":>5", ":<6", ":^7", "!r", ":.2", ":*^9", "!s"],
    &["", "!r", ":>6"],
];
/// Literal text before f-string fields.
const FTEXT: &[&str] = &["", " ", "x=", " | ", "[", "]"];
/// The optional arguments of `print`.
const PRINT_TAIL: &[&str] = &["", ", sep=''", ", sep=' | '", ", end=' ;\\n'"];

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
    /// An operation on the shared state of a thread program ([`SHARED`](super::gen_threads::SHARED)); only
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
/// part that runs threads ([`gen_threads`](super::gen_threads)). Its `Debug` is the rendered source, so
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
    /// thread's own log, see [`gen_threads`](super::gen_threads)), and [`Stmt::Shared`] renders.
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
