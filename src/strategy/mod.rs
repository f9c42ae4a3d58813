//! The strategy seam: one `unsafe trait Strategy`, implemented by a zero-sized type per design.
//!
//! A design is a choice of one implementation per behaviour ([`seam`]), after mmtk's `VMBinding`:
//!
//! 1. **Counting** ([`Strategy::Rc`], a [`RefCount`]): the header fields and `incref`/`decref`/`try_incref`.
//! 2. **Container locking** ([`Strategy::Lock`], a [`ContainerLock`]), and how reads use it
//!    ([`Constraints::reads`]): under a GIL, with the lock, or lock-free.
//! 3. **Memory** ([`Strategy::Memory`], a [`Memory`]): whether memory a racing reader may still hold is
//!    freed at once, retired until no reader can hold it, or reused type-stably.
//! 4. **Thread protocol** ([`Strategy::Threads`], a [`Threads`]): what attach, detach and safepoints do (a
//!    GIL, an epoch pin, a biased merge queue).
//! 5. **Collector** ([`Strategy::Collector`], a [`Collector`]): trial deletion or mark-sweep ([`gc`]).
//!
//! Mechanisms live in [`parts`], collectors in [`gc`], and each design in one file of [`designs`], which
//! is mostly those type choices. Every branch on a design property (`if S::CONSTRAINTS.lockfree_reads()
//! { .. }`) folds away at monomorphization. Code downstream is generic over `S: Strategy`; the only runtime
//! dispatch is [`with_strategy!`](crate::with_strategy), which turns a CLI name into a monomorphized call
//! once, at the entry point.
//!
//! Thread protocol state is a token. A thread gets a [`Thread`] from its [`Runtime`], and
//! [`Thread::attach`] returns an [`Attached`] borrow: holding one proves the GIL is held (`gil`) or an
//! epoch is pinned (`atomic`), or the runtime's own GIL is held (`isolated`). Container operations take
//! `&Attached`; a safepoint takes `&mut Attached`, so the borrow checker proves that no read borrowed
//! before a safepoint survives it.

pub mod counters;
pub mod designs;
mod dispatch;
pub mod gc;
pub mod parts;
mod runtime;
pub mod seam;

pub use dispatch::{STRATEGIES, StrategyInfo, UnknownStrategy, info, parse_spec, select};
pub use runtime::{Attached, Runtime, Thread};
pub use seam::{
    Collector, Constraints, ContainerLock, Counting, FreezeRefused, GC_MIN_BYTES, GC_THRESHOLD, GcGlobal, GcStats,
    LockGuard, Memory, ObjectMemory, Reads, Reclaim, RefCount, SharedGuard, StrategyConfig, Threads,
};

use crate::object::Statics;

/// A memory-management and synchronization design for the object runtime: a choice of behaviours.
///
/// # Safety
///
/// Each behaviour type upholds its own trait's contract; the design guarantees that the choices fit:
///
/// 1. **Thread-safety.** Unless [`Constraints::has_gil`] or `!CONSTRAINTS.shares_objects`, every operation
///    on `Rc` and `Lock` is safe to call from several threads at once. With a GIL, `Threads` is a GIL
///    protocol, so no two threads touch the same object's header at once; without sharing, objects are
///    never handed between runtimes (only immortal statics are shared, whose counts are only read).
/// 2. **Reads and reclamation.** With lock-free reads, `Memory` retires through the epoch (or reuses
///    memory type-stably, with an `Rc` whose dead state fails `try_incref`) and `Threads` pins the epoch
///    while attached and repins only at safepoints. Without lock-free reads `Memory` may free at once.
/// 3. **Locks.** `Lock` is a mutual-exclusion lock, or `NoLock` only when a GIL (or not sharing)
///    serializes all access.
/// 4. **Collection.** `Collector` is `MarkSweep` exactly when `Rc` counts nothing
///    (`Counting::None`), and `CONSTRAINTS` describe the chosen types.
pub unsafe trait Strategy: Sized + Send + Sync + 'static {
    /// The CLI name, e.g. `"gil"`.
    const NAME: &'static str;
    /// One line for `gilfree strategies`.
    const SUMMARY: &'static str;
    /// What this design does, as constants to branch on.
    const CONSTRAINTS: Constraints;

    /// The reference-count fields of every object header.
    type Rc: RefCount;
    /// The per-container lock (list, dict, cell, instance dicts).
    type Lock: ContainerLock;
    /// Object, array and table memory: allocation, freeing, retirement.
    type Memory: Memory;
    /// What a thread does at attach, detach and safepoints.
    type Threads: Threads;
    /// What finds the dead objects that counts cannot.
    type Collector: Collector<Self>;

    /// The shared singletons and interning table of this design's object world: one lazily built static
    /// per design (Rust has no generic statics).
    fn statics() -> &'static Statics<Self>;
}
