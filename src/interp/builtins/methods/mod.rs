//! The methods of the built-in types, one file per type: [`str`](mod@str) (a folder: case and predicates,
//! stripping and padding, searching and splitting), [`list`] (with the tuple methods it shares), [`dict`],
//! and [`object`] (`object.__init__` and `BaseException.__init__`). The methods of `threading`'s classes
//! are with their module ([`modules`](super::modules)).

mod dict;
mod list;
mod object;
mod str;

use crate::interp::types::Types;
use crate::strategy::{Attached, Strategy};

/// Put the methods into the built-in classes' dicts.
pub fn install<S: Strategy>(t: &Types<S>, pin: &Attached<'_, S>) {
    list::install_tuple(&t.tuple, pin);
    str::install(&t.str_, pin);
    list::install(&t.list, pin);
    dict::install(&t.dict, pin);
    object::install(t, pin);
}
