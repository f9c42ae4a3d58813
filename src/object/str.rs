//! `str`: immutable UTF-8 text with a lazily cached hash (as CPython caches `ob_shash`).

use super::alloc::{Payload, TypeKind};
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;
use crate::sync::{AtomicI64, Ordering};

/// Marks a hash not computed yet (a Python hash is never -1).
const UNHASHED: i64 = -1;

/// A `str` payload.
#[derive(Debug)]
pub struct Str {
    hash: AtomicI64,
    text: Box<str>,
}

impl Str {
    /// A str holding `text`.
    pub fn new(text: &str) -> Self {
        Self { hash: AtomicI64::new(UNHASHED), text: text.into() }
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The hash, computed on first use. Racing threads compute the same value, so a Relaxed cache suffices.
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != UNHASHED {
            return h;
        }
        let h = super::hash::hash_str(&self.text);
        self.hash.store(h, Ordering::Relaxed);
        h
    }
}

impl<S: Strategy> Trace<S> for Str {
    #[inline]
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Str {
    const KIND: TypeKind = TypeKind::Str;
    const NAME: &'static str = "str";
    const LEAF: bool = true;
}
