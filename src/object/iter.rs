//! Built-in iterators: over ranges, lists, tuples, strs, snapshots (dict views), and the `enumerate`/`zip`
//! adapters. One payload type whose state is an enum, so `FOR_ITER` is one type test and one match.

use super::alloc::{Payload, TypeKind};
use super::handle::ObjRef;
use super::locked::Locked;
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;

/// Where an iterator is.
#[derive(Debug)]
pub enum IterState<S: Strategy> {
    /// `range` iteration: the next value, the bound and the step.
    Range {
        /// Next value.
        cur: i64,
        /// Exclusive bound.
        stop: i64,
        /// Step (non-zero).
        step: i64,
    },
    /// A list, read live (appends during iteration are seen, as in CPython).
    List {
        /// The list.
        list: ObjRef<S>,
        /// Next index.
        idx: usize,
    },
    /// A tuple.
    Tuple {
        /// The tuple.
        tuple: ObjRef<S>,
        /// Next index.
        idx: usize,
    },
    /// A str, by characters.
    Str {
        /// The str.
        s: ObjRef<S>,
        /// Next byte offset.
        pos: usize,
    },
    /// A snapshot of items (dict keys, values or items; `reversed`).
    Items {
        /// The items.
        items: Vec<ObjRef<S>>,
        /// Next index.
        idx: usize,
    },
    /// `enumerate(inner, start)`.
    Enumerate {
        /// The inner iterator.
        inner: ObjRef<S>,
        /// The next count.
        n: i64,
    },
    /// `zip(a, b, ...)`.
    Zip {
        /// The inner iterators.
        inners: Vec<ObjRef<S>>,
    },
    /// Exhausted.
    Done,
}

impl<S: Strategy> Trace<S> for IterState<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        match self {
            IterState::List { list: o, .. }
            | IterState::Tuple { tuple: o, .. }
            | IterState::Str { s: o, .. }
            | IterState::Enumerate { inner: o, .. } => tracer.visit(o),
            IterState::Items { items: v, .. } | IterState::Zip { inners: v } => v.iter().for_each(|o| tracer.visit(o)),
            IterState::Range { .. } | IterState::Done => {}
        }
    }
}

/// An iterator payload.
#[derive(Debug)]
pub struct Iter<S: Strategy> {
    /// Its state.
    pub state: Locked<S, IterState<S>>,
}

impl<S: Strategy> Iter<S> {
    /// An iterator starting in `state`.
    pub fn new(state: IterState<S>) -> Self {
        Self { state: Locked::new(state) }
    }
}

impl<S: Strategy> Trace<S> for Iter<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        self.state.trace_state(tracer);
    }
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Iter<S> {
    const KIND: TypeKind = TypeKind::Iter;
    const NAME: &'static str = "iterator";
}
