//! Built-in functions beyond the core ones.

use crate::object::Dict;
use crate::strategy::{Attached, Strategy};

/// Register the functions.
pub fn install<S: Strategy>(_b: &Dict<S>, _pin: &Attached<'_, S>) {}
