//! The functions of the `builtins` namespace (`len`, `print`, `isinstance`, ...), one file per family:
//!
//! - [`text`]: `print`, `repr`, `ascii`, `format`, `chr`, `ord`, `bin`, `hex`, `oct`;
//! - [`objects`]: `len`, `isinstance`, `issubclass`, `hash`, `id`, `callable`, `getattr`, `setattr`,
//!   `hasattr`, `delattr`;
//! - [`numbers`]: `abs`, `round`, `divmod`, `pow`;
//! - [`iteration`]: `min`, `max`, `sum`, `sorted`, `enumerate`, `zip`, `any`, `all`, `iter`, `next`,
//!   `reversed`, `map`, `filter`.
//!
//! The built-in classes that are called like functions (`int`, `str`, `list`, `range`, ...) are not here:
//! calling a class is a protocol ([`ops::construct`](crate::interp::ops::construct)).

mod iteration;
mod numbers;
mod objects;
mod text;

use super::def;
use crate::object::Dict;
use crate::strategy::{Attached, Strategy};

/// Put the functions into the `builtins` namespace `b`.
pub fn install<S: Strategy>(b: &Dict<S>, pin: &Attached<'_, S>) {
    def(b, "print", text::print, pin);
    def(b, "len", objects::len, pin);
    def(b, "repr", text::repr, pin);
    def(b, "isinstance", objects::isinstance, pin);
    def(b, "min", iteration::min, pin);
    def(b, "max", iteration::max, pin);
    def(b, "sum", iteration::sum, pin);
    def(b, "sorted", iteration::sorted, pin);
    def(b, "enumerate", iteration::enumerate, pin);
    def(b, "zip", iteration::zip, pin);
    def(b, "any", iteration::any, pin);
    def(b, "all", iteration::all, pin);
    def(b, "iter", iteration::iter, pin);
    def(b, "next", iteration::next, pin);
    def(b, "reversed", iteration::reversed, pin);
    def(b, "map", iteration::map, pin);
    def(b, "filter", iteration::filter, pin);
    def(b, "abs", numbers::abs, pin);
    def(b, "round", numbers::round, pin);
    def(b, "divmod", numbers::divmod, pin);
    def(b, "pow", numbers::pow, pin);
    def(b, "hash", objects::hash, pin);
    def(b, "id", objects::id, pin);
    def(b, "callable", objects::callable, pin);
    def(b, "chr", text::chr, pin);
    def(b, "ord", text::ord, pin);
    def(b, "bin", text::bin, pin);
    def(b, "hex", text::hex, pin);
    def(b, "oct", text::oct, pin);
    def(b, "format", text::format, pin);
    def(b, "ascii", text::ascii, pin);
    def(b, "issubclass", objects::issubclass, pin);
    def(b, "getattr", objects::getattr, pin);
    def(b, "setattr", objects::setattr, pin);
    def(b, "hasattr", objects::hasattr, pin);
    def(b, "delattr", objects::delattr, pin);
}
