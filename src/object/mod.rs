//! The object model: every value is a pointer to a heap object with a header, as in CPython.
//!
//! ```text
//!  ObjRef<S> ──► +──────────────────────────+  ◄── Obj<S>: the header, the same for every type
//!               | S::Rc   (strategy's count) |
//!               | &'static TypeVTable<S>     |──► kind, name, drop/free/trace functions of the type
//!               +──────────────────────────+
//!               | payload T                  |  ◄── ObjBox<S, T> = header + payload, one allocation
//!               +──────────────────────────+
//! ```
//!
//! - A reference is one word ([`ObjRef`]); its `Drop` decrefs, its `Clone` increfs. A borrowed reference is
//!   `&Obj<S>`; a typed owned reference is [`Typed<S, T>`].
//! - Each payload type implements [`Payload`], which gives it a static [`TypeVTable`]. The type test is one
//!   load and compare of [`TypeKind`], with no `dyn` anywhere.
//! - When a count reaches zero the payload is dropped at once (releasing its children), and the memory goes
//!   to [`Strategy::free_object`]: freed immediately under a GIL; under lock-free reads kept for the next
//!   object of the same size on that thread (type-stable memory, [`crate::strategy::recycle`]) or retired
//!   through an epoch. Replaced item arrays and dict tables go to [`Strategy::retire`].
//! - Shared singletons (`None`, `True`, `False`, small ints −5..=256, interned strings) live in
//!   [`Statics`]; strategies with `CONSTRAINTS.immortal` make them immortal.
//! - Everything reachable is visited by one [`Trace`] trait.
//!
//! Payload access from a borrowed `&Obj<S>` casts the header pointer back to the whole allocation (the
//! `container_of` pattern); this relies on the header being the first field of a `#[repr(C)]` box.

mod alloc;
pub mod cell;
pub mod class;
pub mod code;
pub mod counts;
mod cycles;
pub mod dict;
mod dict_table;
pub mod error;
pub mod exception;
mod finalize;
pub mod format;
pub mod function;
pub mod generator;
mod handle;
pub mod hash;
pub mod instance;
pub mod iter;
pub mod list;
mod locked;
#[cfg(all(test, loom))]
mod loom_slot;
pub mod method;
pub mod module;
pub mod native;
#[cfg(test)]
pub(crate) mod probe;
pub mod pysync;
pub mod range;
mod roots;
pub mod scalar;
mod slot;
mod statics;
pub mod str;
mod trace;
mod trashcan;
pub mod tuple;

#[cfg(test)]
mod tests;

pub use alloc::{Obj, Payload, TypeKind, TypeVTable};
pub(crate) use alloc::{free_batch, free_obj, free_unreachable, obj_of_rc};
pub use cell::Cell;
pub use class::Class;
pub use code::Code;
pub(crate) use cycles::collect_cycles;
pub use dict::Dict;
pub use error::ObjError;
pub use exception::{Exception, TbEntry};
pub use finalize::Finalizers;
pub(crate) use finalize::{collector_can_finalize, enqueue_finalizer, needs_finalizer};
pub use function::Function;
pub use generator::{GenState, Generator};
pub use handle::{ObjRef, Typed};
pub use instance::Instance;
pub use iter::{Iter, IterState};
pub use list::List;
pub use locked::Locked;
pub use method::BoundMethod;
pub use module::Module;
pub use native::Native;
pub use pysync::{PyLocal, PyLock, PyThread};
pub use range::{Range, Slice, Super};
pub use roots::{ExplicitRoots, RootSet, RootStack, with_root};
pub use scalar::{Bool, Float, Int, NoneType};
pub use statics::{SMALL_INT_MAX, SMALL_INT_MIN, Statics, bool_obj, int_obj, intern, none};
pub use str::Str;
pub use trace::{Trace, Tracer, children};
pub use tuple::Tuple;

use crate::strategy::Strategy;

/// A float object (floats are never cached, as in CPython).
pub fn float_obj<S: Strategy>(v: f64) -> ObjRef<S> {
    ObjRef::new(Float(v))
}

/// A new (not interned) str object.
pub fn str_obj<S: Strategy>(s: &str) -> ObjRef<S> {
    ObjRef::new(Str::new(s))
}

/// A tuple object.
pub fn tuple_obj<S: Strategy>(items: Vec<ObjRef<S>>) -> ObjRef<S> {
    ObjRef::new(Tuple::new(items))
}

/// A list object.
pub fn list_obj<S: Strategy>(items: Vec<ObjRef<S>>) -> Typed<S, List<S>> {
    Typed::new(List::from_vec(items))
}

/// An empty dict object.
pub fn dict_obj<S: Strategy>() -> Typed<S, Dict<S>> {
    Typed::new(Dict::new())
}
