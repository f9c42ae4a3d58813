//! Methods of the built-in `str` type.

use crate::object::Obj;
use crate::strategy::{Attached, Strategy};

/// Register the methods on the class.
pub fn install<S: Strategy>(_cls: &Obj<S>, _pin: &Attached<'_, S>) {}
