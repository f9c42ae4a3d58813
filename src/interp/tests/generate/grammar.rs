//! The grammar of random programs ([`program`](super::program)): static types, and the tables of
//! expression productions, literals and statement templates that the generator draws from and the renderer
//! fills in.

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
pub(super) const TYS: [Ty; 13] = [I, F, T, B, L, A, K, S, N, C, R, W, V];
/// How deep an expression's productions nest (bounds int magnitudes, see the module comment).
pub(super) const EXPR_DEPTH: usize = 3;
/// The modulus stored ints are reduced by.
pub(super) const WRAP: &str = "1000003";

/// Expression productions: (type, template, hole types). Single quotes only and no backslash, so that they
/// can appear inside f-string fields (Python 3.11).
#[rustfmt::skip]
pub(super) const OPS: &[(Ty, &str, &[Ty])] = &[
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
    (T, "repr({0})", &[F]), (T, "repr({0})", &[T]), (T, "str({0})", &[B]), (T, "str({0})", &[L]),
    (T, "repr(v5)[:40]", &[]),
    (T, "{0}.upper()", &[T]), (T, "{0}[{1}:{2}]", &[T, N, N]), (T, "{0}[::-1]", &[T]), (T, "{0}[{1}::{2}]", &[T, N, S]),
    (T, "({0} if {1} else {2})", &[T, B, T]), (T, "('%d|%s' % ({0}, {1}))", &[I, T]), (T, "('%.2f' % {0})", &[F]),
    (T, "('%5d' % {0})", &[I]), (T, "('%r' % ({0},))", &[T]), (T, "('%x' % {0})", &[I]), (T, "('%+d' % {0})", &[I]),
    (T, "('%-6s|%e' % ({0}, {1}))", &[T, F]), (T, "('%05.1f%%' % {0})", &[F]), (T, "('%s' % ({0},))[:40]", &[A]),
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
pub(super) const SAFE_STRS: usize = 7;

/// Simple statements: (template, hole types); a template's lines are indented together.
#[rustfmt::skip]
pub(super) const SIMPLE: &[(&str, &[Ty])] = &[
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
pub(super) const FOR_SRC: &[(&str, &[Ty])] = &[
    ("range(4)", &[I]), ("range(2, 9, 3)", &[I]), ("xs[:5]", &[I]), ("sorted(xs)[-3:]", &[I]), ("v3[:6]", &[T]),
    ("list(d.items())", &[T, I]), ("enumerate(xs[:4])", &[I, I]), ("zip(range(3), 'xyz')", &[I, T]),
    ("range(0)", &[I]), ("reversed(range(3))", &[I]), ("sorted(d)", &[T]),
];
/// Sources of list comprehensions (int items below ~1e6).
pub(super) const COMP_SRC: &[&str] = &["range(5)", "xs", "xs[-4:]", "sorted(xs)", "range(-2, 3)"];
/// Format specs of f-string fields, for Int, Float, Str and Bool fields.
pub(super) const SPECS: [&[&str]; 4] = [
    &["", ":>5", ":<4", ":05", ":+", ":,", ":x", ":#b", ":^7", ":e"],
    &["", ":.3f", ":>10.2f", ":.2e", ":g", ":%", ":+.1f", ":,.2f", ":.0f", "!r"],
    &["", ":>5", ":<6", ":^7", "!r", ":.2", ":*^9", "!s"],
    &["", "!r", ":>6"],
];
/// Literal text before f-string fields.
pub(super) const FTEXT: &[&str] = &["", " ", "x=", " | ", "[", "]"];
/// The optional arguments of `print`.
pub(super) const PRINT_TAIL: &[&str] = &["", ", sep=''", ", sep=' | '", ", end=' ;\\n'"];
