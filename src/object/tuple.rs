//! `tuple`: an immutable sequence of owned references.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A `tuple` payload.
#[derive(Debug)]
pub struct Tuple<S: Strategy> {
    items: Box<[ObjRef<S>]>,
}

impl<S: Strategy> Tuple<S> {
    /// A tuple of `items`.
    pub fn new(items: Vec<ObjRef<S>>) -> Self {
        Self { items: items.into_boxed_slice() }
    }

    /// The items.
    #[inline]
    pub fn items(&self) -> &[ObjRef<S>] {
        &self.items
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether the tuple is empty.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<S: Strategy> Trace<S> for Tuple<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        self.items.iter().for_each(|i| tracer.visit(i));
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Tuple<S> {
    const KIND: TypeKind = TypeKind::Tuple;
    const NAME: &'static str = "tuple";
}
