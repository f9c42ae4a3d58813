//! The `biased` thread protocol ([`BiasedThreads`]): the epoch protocol of the lock-free readers, plus an
//! ownership period and its merge queue ([`merge`](super::merge)), merged at attach and at every safepoint.

use super::merge::{self, FreeDead, Owner};
use crate::strategy::parts::epoch::EpochLocal;
use crate::strategy::{StrategyConfig, Threads};
use crate::sync::Arc;

/// How the object layer frees an object whose merged count reached zero (the design gives it).
pub trait FreesMerged: 'static {
    /// Free the object whose count is `rc`: its merged count just reached zero.
    const FREE: FreeDead;
}

/// The `biased` thread protocol, freeing merged-dead objects with `F`.
#[derive(Debug)]
pub struct BiasedThreads<F>(std::marker::PhantomData<F>);

/// A thread's `biased` state: its epoch participation and its ownership period.
#[derive(Debug)]
pub struct BiasedLocal {
    epoch: EpochLocal,
    owner: Arc<Owner>,
}

impl BiasedLocal {
    /// This thread's owner id.
    pub fn tid(&self) -> u32 {
        self.owner.tid()
    }

    /// Merge the queue if another thread handed us objects.
    #[inline(always)]
    fn merge_pending(&self) {
        if self.owner.pending() {
            self.owner.process();
        }
    }
}

impl Drop for BiasedLocal {
    fn drop(&mut self) {
        self.epoch.unpin();
        merge::leave();
    }
}

// SAFETY: attach/detach pin and unpin idempotently, and an attached thread stays pinned until its next
// safepoint or detach (the epoch protocol); queue merging runs on the owner's thread only.
unsafe impl<F: FreesMerged> Threads for BiasedThreads<F> {
    type Global = ();
    type Local = BiasedLocal;

    fn new_global(_config: &StrategyConfig) {}

    fn new_local(_global: &Arc<()>) -> BiasedLocal {
        BiasedLocal { epoch: EpochLocal::new(), owner: merge::enter(F::FREE) }
    }

    fn attach(local: &mut BiasedLocal) {
        local.epoch.pin();
        local.merge_pending();
    }

    fn detach(local: &mut BiasedLocal) {
        local.epoch.unpin();
    }

    #[inline(always)]
    fn safepoint(local: &mut BiasedLocal) {
        local.epoch.quiescent();
        local.merge_pending();
    }
}
