//! Shared singletons and the interning table of one strategy's object world.
//!
//! `None`, `True`, `False`, the small ints −5..=256 and interned strings exist once per strategy and are
//! shared by every thread and runtime. They are allocated immortal (PEP 683) where the strategy supports it,
//! so incref/decref only read their header; otherwise their static owner holds a reference forever.

use dashmap::DashMap;

use super::alloc::alloc_static;
use super::handle::ObjRef;
use super::scalar::{Bool, Int, NoneType};
use super::str::Str;
use crate::strategy::Strategy;

/// Smallest cached int.
pub const SMALL_INT_MIN: i64 = -5;
/// Largest cached int.
pub const SMALL_INT_MAX: i64 = 256;

/// The singletons of one strategy. Reached through [`Strategy::statics`].
pub struct Statics<S: Strategy> {
    none: ObjRef<S>,
    true_: ObjRef<S>,
    false_: ObjRef<S>,
    small_ints: Box<[ObjRef<S>]>,
    interned: DashMap<Box<str>, ObjRef<S>>,
}

impl<S: Strategy> std::fmt::Debug for Statics<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Statics").field("strategy", &S::NAME).field("interned", &self.interned.len()).finish()
    }
}

fn singleton<S: Strategy, T: super::Payload<S>>(payload: T) -> ObjRef<S> {
    // SAFETY: `alloc_static` returns a fresh object carrying one reference, handed to the new `ObjRef`.
    unsafe { ObjRef::from_raw(alloc_static::<S, T>(payload)) }
}

impl<S: Strategy> Statics<S> {
    /// Build every singleton (called once per strategy, lazily).
    pub fn new() -> Self {
        Self {
            none: singleton(NoneType),
            true_: singleton(Bool(true)),
            false_: singleton(Bool(false)),
            small_ints: (SMALL_INT_MIN..=SMALL_INT_MAX).map(|v| singleton(Int(v))).collect(),
            interned: DashMap::new(),
        }
    }
}

impl<S: Strategy> Default for Statics<S> {
    fn default() -> Self {
        Self::new()
    }
}

/// `None`.
#[inline]
pub fn none<S: Strategy>() -> ObjRef<S> {
    S::statics().none.clone()
}

/// `True` or `False`.
#[inline]
pub fn bool_obj<S: Strategy>(v: bool) -> ObjRef<S> {
    let st = S::statics();
    if v { st.true_.clone() } else { st.false_.clone() }
}

/// An int object: the shared one for −5..=256, a new one otherwise.
#[inline]
pub fn int_obj<S: Strategy>(v: i64) -> ObjRef<S> {
    if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&v) {
        S::statics().small_ints[(v - SMALL_INT_MIN) as usize].clone()
    } else {
        ObjRef::new(Int(v))
    }
}

/// The interned str for `text`: one shared immortal object per distinct text (identifiers, attribute names,
/// dict keys of code constants). The table is a `DashMap` shared by all threads.
pub fn intern<S: Strategy>(text: &str) -> ObjRef<S> {
    let table = &S::statics().interned;
    if let Some(found) = table.get(text) {
        return found.clone();
    }
    table.entry(text.into()).or_insert_with(|| singleton(Str::new(text))).clone()
}
