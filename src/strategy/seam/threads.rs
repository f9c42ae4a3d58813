//! The thread protocol: what a thread does to start and stop touching objects, and at safepoints
//! ([`Threads`]): take and yield a GIL, pin and repin an epoch, merge a biased-count queue.

use super::StrategyConfig;
use crate::sync::Arc;

/// A design's attach protocol. Implemented in [`parts`](crate::strategy::parts): `Gil`, `Epoch`,
/// `BiasedOwner` and `Free` (no protocol).
///
/// # Safety
///
/// `attach`/`detach`/`safepoint` are called on the thread that owns the `Local`, and leave it attached
/// exactly when the caller's token says so: `attach` after `attach` and `detach` after `detach` are no-ops.
/// Under a GIL protocol, an attached thread holds the GIL, so no two threads of a runtime touch objects at
/// once. Under an epoch protocol, an attached thread stays pinned until its next safepoint or detach.
pub unsafe trait Threads: 'static {
    /// An attached thread holds a GIL (a design's `CONSTRAINTS.reads` is then `Serialized`).
    const GIL: bool = false;

    /// Process-wide state shared by every thread of one runtime (e.g. the GIL).
    type Global: Send + Sync + 'static;
    /// Per-thread state (e.g. a pinned epoch guard).
    type Local: 'static;

    /// Build the global state of one runtime.
    fn new_global(config: &StrategyConfig) -> Self::Global;
    /// Build a thread's state; it starts detached.
    fn new_local(global: &Arc<Self::Global>) -> Self::Local;
    /// Start running Python code on this thread: take the GIL, pin the epoch.
    fn attach(local: &mut Self::Local);
    /// Stop running Python code on this thread (before blocking): drop the GIL, unpin.
    fn detach(local: &mut Self::Local);
    /// Polled by the eval loop at backward jumps and calls: yield the GIL if asked, repin the epoch, merge.
    fn safepoint(local: &mut Self::Local);
}
