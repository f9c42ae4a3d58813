//! `range` and `slice`.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// A `range` payload (step is never zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// First value.
    pub start: i64,
    /// Exclusive bound.
    pub stop: i64,
    /// Step.
    pub step: i64,
}

impl Range {
    /// The number of values.
    pub fn len(&self) -> i64 {
        let (lo, hi, step) = if self.step > 0 {
            (self.start as i128, self.stop as i128, self.step as i128)
        } else {
            (self.stop as i128, self.start as i128, -(self.step as i128))
        };
        if lo >= hi { 0 } else { ((hi - lo - 1) / step + 1) as i64 }
    }

    /// Whether there are no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<S: Strategy> Trace<S> for Range {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Range {
    const KIND: TypeKind = TypeKind::Range;
    const NAME: &'static str = "range";
    const LEAF: bool = true;
}

/// A `slice` payload; missing parts are `None` objects.
#[derive(Debug)]
pub struct Slice<S: Strategy> {
    /// `start`
    pub start: ObjRef<S>,
    /// `stop`
    pub stop: ObjRef<S>,
    /// `step`
    pub step: ObjRef<S>,
}

impl<S: Strategy> Trace<S> for Slice<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.start);
        tracer.visit(&self.stop);
        tracer.visit(&self.step);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Slice<S> {
    const KIND: TypeKind = TypeKind::Slice;
    const NAME: &'static str = "slice";
}

/// `super(cls, obj)`: attribute lookup that starts after `cls` in `obj`'s class chain.
#[derive(Debug)]
pub struct Super<S: Strategy> {
    /// The class whose base starts the lookup.
    pub class: ObjRef<S>,
    /// The object methods bind to.
    pub obj: ObjRef<S>,
}

impl<S: Strategy> Trace<S> for Super<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        tracer.visit(&self.class);
        tracer.visit(&self.obj);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Super<S> {
    const KIND: TypeKind = TypeKind::Super;
    const NAME: &'static str = "super";
}
