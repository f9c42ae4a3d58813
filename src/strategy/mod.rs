//! The strategy seam: one `unsafe trait Strategy`, implemented by a zero-sized type per design.
//!
//! A strategy decides three things for every object in the runtime (DESIGN.md, strategy table):
//!
//! 1. **Reference counts**: the header fields ([`Strategy::Rc`]) and the `incref`/`decref`/`try_incref`
//!    operations on them.
//! 2. **Container synchronization**: the per-container lock ([`Strategy::Lock`]) and whether reads take it
//!    ([`Constraints::locks_reads`]), skip it optimistically ([`Constraints::lockfree_reads`]) or need nothing
//!    because a GIL serializes everything.
//! 3. **Reclamation**: whether memory that a racing reader may still hold is freed at once or retired until
//!    no reader can hold it ([`Strategy::retire`]).
//!
//! The shape follows mmtk's `VMBinding`: associated types plus `const` data, so that every branch on a
//! strategy property (`if S::CONSTRAINTS.lockfree_reads { .. }`) folds away at monomorphization. Code
//! downstream is generic over `S: Strategy`; the only runtime dispatch is [`with_strategy!`](crate::with_strategy),
//! which turns a CLI name into a monomorphized call once, at the entry point.
//!
//! Thread protocol state is a token. A thread gets a [`Thread`] from its [`Runtime`], and
//! [`Thread::attach`] returns an [`Attached`] borrow: holding one proves the GIL is held (`gil`) or an epoch
//! is pinned (`atomic`), or the runtime's own GIL is held (`isolated`). Container operations (reads and writes) take `&Attached`; a safepoint takes `&mut Attached`, so the borrow
//! checker proves that no read borrowed before a safepoint survives it.

pub mod atomic;
pub mod biased;
pub mod counters;
pub mod cycles;
mod dispatch;
pub mod gil;
pub mod heap;
pub mod isolated;
mod lock;
pub mod locks;
pub mod mutex;
pub mod recycle;
mod thread;
pub mod tracing;

use std::alloc::Layout;
use std::time::Duration;

pub use dispatch::{STRATEGIES, StrategyInfo, UnknownStrategy, info, parse_spec, select};
pub use lock::{ContainerLock, LockGuard, NoLock, ParkingLock, ParkingRwLock, SharedGuard};
pub use thread::{Attached, Runtime, Thread};

use crate::object::{Obj, RootSet, Statics};

/// Compile-time properties of a strategy. Code branches on these, never on type names; each is a `const`
/// so the untaken branch disappears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraints {
    /// Several threads may run Python code at the same time (false only under a GIL).
    pub parallel: bool,
    /// The threads of a scaling run share one runtime and its objects (false only for `isolated`, where
    /// each thread gets its own runtime and only immortal statics are shared; within one runtime, its GIL
    /// still serializes the runtime's threads).
    pub shares_objects: bool,
    /// incref/decref are atomic read-modify-writes.
    pub atomic_rc: bool,
    /// Biased reference counting: an owner thread and a shared count.
    pub biased: bool,
    /// Shared singletons and interned strings are immortal: refcount operations skip them.
    pub immortal: bool,
    /// Functions, classes, modules and code objects take no refcount ops from the eval stack.
    pub deferred_rc: bool,
    /// Container reads take the per-container lock (Gilectomy).
    pub locks_reads: bool,
    /// Container reads are lock-free: `try_incref` plus re-validation of the slot.
    pub lockfree_reads: bool,
    /// Memory that a lock-free reader may still hold is retired through crossbeam-epoch.
    pub epoch_reclaim: bool,
    /// Objects are reclaimed by a tracing collector instead of reference counts.
    pub traces: bool,
    /// A global interpreter lock serializes all object access.
    pub has_gil: bool,
}

impl Constraints {
    /// Whether a collector needs the threads' roots ([`RootSet`](crate::object::RootSet)): a tracing
    /// collector for everything, the cycle collector for deferred objects. The interpreter then registers
    /// its running frames and reports its roots at safepoints and blocking calls.
    pub const fn reports_roots(&self) -> bool {
        self.traces || (self.deferred_rc && !self.has_gil)
    }
}

/// Memory for a new object, from [`Strategy::alloc_object`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObjectMemory {
    /// Fresh from the allocator (null on failure): nothing else can see it.
    Fresh(*mut u8),
    /// A dead object's memory of the same layout, which racing lock-free readers may still reach: its count
    /// must be set with [`Strategy::rc_reinit`], after the rest of the object.
    Recycled(*mut u8),
}

/// [`Strategy::freeze`] was refused: other threads of the runtime exist (how many).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FreezeRefused(pub usize);

/// Run-time knobs a strategy's global state is built from.
#[derive(Debug, Clone)]
pub struct StrategyConfig {
    /// `gil` only: how long a waiting thread waits before it asks the holder to drop the GIL
    /// (CPython's `sys.setswitchinterval`, default 5 ms).
    pub switch_interval: Duration,
    /// Collectors: object bytes allocated since the last collection that trigger the next one, at least.
    pub gc_min_bytes: usize,
    /// Collectors: the trigger also grows with the heap: `max(gc_min_bytes, gc_growth × bytes live after the
    /// last collection)`.
    pub gc_growth: f64,
    /// Cycle collection of the reference-counting strategies: net container allocations since the last
    /// collection that trigger the next one (CPython's `gc.set_threshold`; 0 disables automatic
    /// collection, `gc.collect()` still works).
    pub gc_threshold: usize,
}

/// Default [`StrategyConfig::gc_min_bytes`]: 4 MiB of objects (about 100,000 small ones; CPython's
/// youngest generation triggers at 2,000 container allocations, PyPy's nursery is a few MiB).
pub const GC_MIN_BYTES: usize = 4 << 20;

impl Default for StrategyConfig {
    fn default() -> Self {
        Self {
            switch_interval: Duration::from_millis(5),
            gc_min_bytes: GC_MIN_BYTES,
            gc_growth: 1.0,
            gc_threshold: cycles::GC_THRESHOLD,
        }
    }
}

/// What a strategy's collector did so far (`gc.collect()`, the harness's `pauses`).
#[derive(Debug, Clone)]
pub struct GcStats {
    /// Collections run.
    pub collections: u64,
    /// Collections given up because some thread ran a frame entered unsafely
    /// ([`RootSet::collectable`]).
    pub abandoned: u64,
    /// Objects freed by collections.
    pub freed: u64,
    /// Collections whose mark the parked threads helped with (`tracing`'s parallel mark).
    pub shared_marks: u64,
    /// Stop-the-world pauses (collections and abandoned attempts), in microseconds from the request to
    /// the restart.
    pub pauses: hdrhistogram::Histogram<u64>,
    /// Object bytes live after the last collection.
    pub live_bytes: usize,
}

impl Default for GcStats {
    fn default() -> Self {
        Self {
            collections: 0,
            abandoned: 0,
            freed: 0,
            shared_marks: 0,
            // 1 µs to 1 hour, fixed: `saturating_record` on an auto-sizing histogram clamps to its initial
            // range instead of growing it.
            pauses: hdrhistogram::Histogram::new_with_bounds(1, 3_600_000_000, 3).expect("valid bounds"),
            live_bytes: 0,
        }
    }
}

/// A memory-management and synchronization design for the object runtime.
///
/// # Safety
///
/// Implementors guarantee, and the object layer relies on it for memory safety:
///
/// 1. **Counting.** `rc_new` starts a count of one owned reference. `incref` adds one reference; `decref`
///    removes one and returns `true` exactly once per object, when the last reference is gone, and never
///    for an immortal object. After `decref` has returned `true`, every other thread's earlier accesses to
///    the object happen-before the caller's subsequent accesses (so the caller may drop the payload).
/// 2. **try_incref.** `try_incref` returns `false` once the count has reached zero (the object is dying) and
///    otherwise adds one reference exactly like `incref`. A count never goes from zero back up. It may also
///    fail for a live object whose state it cannot tell from a dead one without racing (`biased`: an owner
///    frees on its fast path without a shared write); callers then read under the container lock with
///    [`Strategy::incref_locked`], as the slot protocol does after a few failed attempts.
/// 3. **Thread-safety.** If `CONSTRAINTS.parallel` and `CONSTRAINTS.shares_objects` are both true, every
///    operation on `Rc` and `Lock` is safe to call from several threads at once. If not, the strategy's
///    [`Strategy::attach`] protocol guarantees that no two threads touch the same object's header at once
///    (a GIL), or objects are never shared between threads (isolated heaps).
/// 4. **Retirement.** `retire(p, free)` calls `free(p)` exactly once, and, if `CONSTRAINTS.lockfree_reads`,
///    only after every thread that was attached (holding an [`Attached`] token) when `retire` was called has
///    passed a safepoint or detached. Without lock-free reads it may call `free` at once. `free_object` may
///    instead keep a dead object's memory and return it from a later `alloc_object` for the same layout as
///    [`ObjectMemory::Recycled`] (type-stable memory, see [`recycle`]), provided `try_incref` fails on the
///    dead object's count and succeeds on a recycled one only once `rc_reinit` gave it a live count.
/// 5. **Locks.** `Lock` is a mutual-exclusion lock (see [`ContainerLock`]), or [`NoLock`] only when the
///    strategy serializes all access by other means (a GIL, or no sharing).
/// 6. **Attachment.** `attach`/`detach`/`safepoint` are called on the thread that owns the `Local`, and
///    leave it attached exactly when the [`Attached`] token says so.
pub unsafe trait Strategy: Sized + Send + Sync + 'static {
    /// The CLI name, e.g. `"gil"`.
    const NAME: &'static str;
    /// One line for `gilfree strategies`.
    const SUMMARY: &'static str;
    /// What this design does, as constants to branch on.
    const CONSTRAINTS: Constraints;

    /// The reference-count fields of every object header.
    type Rc: Send + Sync;
    /// The per-container lock (list, dict, cell, instance dicts).
    type Lock: ContainerLock;
    /// Process-wide state shared by every thread of one runtime (e.g. the GIL).
    type Global: Send + Sync + 'static;
    /// Per-thread state (e.g. a pinned epoch guard).
    type Local: 'static;

    /// A fresh count holding one reference.
    fn rc_new() -> Self::Rc;
    /// A count for an object that lives forever. Strategies without immortality return a count of one that
    /// its static owner never releases.
    fn rc_immortal() -> Self::Rc;
    /// A count for an object with deferred reference counting (functions, classes, modules, code: PEP 703):
    /// refcount operations skip it and only [`Strategy::defer`]'s owner frees it. Strategies without
    /// deferral return an ordinary fresh count and ignore `defer`.
    #[inline]
    fn rc_deferred() -> Self::Rc {
        Self::rc_new()
    }
    /// Take over freeing `obj`, just allocated with [`Strategy::rc_deferred`], from now on: the runtime
    /// frees it when `global` is dropped (later: a collection). The default does nothing, matching the
    /// default `rc_deferred`, whose objects are freed by their count.
    #[inline]
    fn defer(global: &Self::Global, obj: std::ptr::NonNull<crate::object::Obj<Self>>) {
        let _ = (global, obj);
    }
    /// `gc.freeze()`: strategies with deferred reference counting make every counted object reachable from
    /// the runtime's deferred objects (modules, classes, top-level functions and so their module globals)
    /// deferred as well, so that reading them afterwards touches no count; they are freed with the
    /// runtime's other deferred objects. Returns how many objects it froze (the default: none, nothing to
    /// do). Refused while another thread of the runtime exists, whose counting would race with the change.
    fn freeze(local: &Self::Local, global: &Self::Global) -> Result<usize, FreezeRefused> {
        let _ = (local, global);
        Ok(0)
    }
    /// A new object has a finalizer (`__del__`, see `object::finalize`): a strategy whose collector finds
    /// dead objects without counts (`tracing`) remembers it, to find it dead before it is swept. The
    /// reference-counting strategies find it in the free path and need nothing.
    fn register_finalizer(obj: std::ptr::NonNull<Obj<Self>>) {
        let _ = obj;
    }
    /// Add a reference.
    fn incref(rc: &Self::Rc);
    /// Remove a reference; `true` means the caller must free the object now.
    fn decref(rc: &Self::Rc) -> bool;
    /// Add a reference unless the count already reached zero.
    fn try_incref(rc: &Self::Rc) -> bool;
    /// Add a reference to an object that a container slot owns, with that container's lock held (or under a
    /// GIL). A strategy may record that the object is read across threads (`biased`).
    #[inline(always)]
    fn incref_locked(rc: &Self::Rc) {
        Self::incref(rc);
    }
    /// The current count, for diagnostics and tests (racy under parallel strategies).
    fn refcount(rc: &Self::Rc) -> usize;
    /// Whether refcount operations skip this object.
    fn is_immortal(rc: &Self::Rc) -> bool;

    /// The count the cycle collector starts trial deletion from, read with the world stopped: the number
    /// of references to the object, or `None` if the count does not say (immortal objects, and `biased`'s
    /// deferred and queued ones), in which case the object is kept.
    fn cycle_count(rc: &Self::Rc) -> Option<usize> {
        (!Self::is_immortal(rc)).then(|| Self::refcount(rc))
    }

    /// Whether no reference to this object is counted (`biased`'s deferred and frozen objects): when every
    /// thread's roots are known, the cycle collector decides whether it lives by reachability from those
    /// roots and from the objects that live, like a tracing collector (CPython 3.13t scans the thread
    /// stacks for deferred references the same way). The default: none.
    fn cycle_deferred(_rc: &Self::Rc) -> bool {
        false
    }

    /// The cycle collector is about to free these deferred objects (addresses, each once): forget them, so
    /// that they are not freed again when the runtime goes. The default: nothing to forget.
    fn forget_deferred(_global: &Self::Global, _freed: &[usize]) {}

    /// Build the global state of one runtime.
    fn new_global(config: &StrategyConfig) -> Self::Global;
    /// Build a thread's state; it starts detached.
    fn new_local(global: &crate::sync::Arc<Self::Global>) -> Self::Local;
    /// Start running Python code on this thread: take the GIL, pin the epoch.
    fn attach(local: &mut Self::Local);
    /// Stop running Python code on this thread (before blocking): drop the GIL, unpin.
    fn detach(local: &mut Self::Local);
    /// Polled by the eval loop at backward jumps and calls: yield the GIL if asked, repin the epoch.
    fn safepoint(local: &mut Self::Local);

    /// A safepoint at which the caller can report its roots, so a collector may stop the world here (the
    /// eval loop's polls). A plain [`Strategy::safepoint`] never lets a collection run: its caller's roots
    /// are unknown. The default is the plain safepoint.
    #[inline(always)]
    fn safepoint_with(local: &mut Self::Local, roots: &dyn RootSet<Self>) {
        let _ = roots;
        Self::safepoint(local);
    }

    /// Whether this strategy's collector is waiting for this thread (stopping the world, or wanting a
    /// collection): the next safepoint should report the thread's roots. A hint, read relaxed. The
    /// default: no collector of its own.
    #[inline(always)]
    fn collector_polled(local: &Self::Local) -> bool {
        let _ = local;
        false
    }

    /// A safepoint's work without its collector's part (the eval loop's poll when
    /// [`Strategy::collector_polled`] said no: a collector that starts meanwhile is met at the next one).
    /// The default is the plain safepoint.
    #[inline(always)]
    fn safepoint_quiet(local: &mut Self::Local) {
        Self::safepoint(local);
    }

    /// Detach before blocking, publishing the thread's roots to collectors that run meanwhile. The default
    /// is the plain detach.
    ///
    /// # Safety
    ///
    /// `roots` stays valid, and its frames unchanged, until this thread's next [`Strategy::attach`].
    unsafe fn detach_with(local: &mut Self::Local, roots: &dyn RootSet<Self>) {
        let _ = roots;
        Self::detach(local);
    }

    /// `gc.collect()`: run a full collection now, with the caller's roots; returns how many objects it freed,
    /// or `None` if the strategy has no collector. The default has none.
    fn collect(local: &mut Self::Local, roots: &dyn RootSet<Self>) -> Option<usize> {
        let _ = (local, roots);
        None
    }

    /// What the collector did so far; `None` without a collector.
    fn gc_stats(global: &Self::Global) -> Option<GcStats> {
        let _ = global;
        None
    }

    /// Record a new object (not a shared singleton), fully built, for collectors that enumerate the heap;
    /// `size` is its allocation size. The default does nothing.
    #[inline(always)]
    fn track(obj: std::ptr::NonNull<Obj<Self>>, size: usize) {
        let _ = (obj, size);
    }

    /// Allocate object or array memory.
    #[inline]
    fn alloc(layout: Layout) -> *mut u8 {
        debug_assert!(layout.size() > 0);
        // SAFETY: every layout the object layer passes has a non-zero size (a header at least).
        unsafe { heap::alloc(layout) }
    }

    /// Allocate an object's memory. Strategies with type-stable memory may return a dead object's memory
    /// ([`ObjectMemory::Recycled`]); the default always allocates.
    #[inline(always)]
    fn alloc_object(layout: Layout) -> ObjectMemory {
        ObjectMemory::Fresh(Self::alloc(layout))
    }

    /// Free a dead object's memory: its payload is dropped and its count says dead. The default retires it.
    ///
    /// # Safety
    ///
    /// As for [`Strategy::retire`]; `ptr` heads an object of `layout` with its header intact.
    #[inline(always)]
    unsafe fn free_object(ptr: *mut u8, layout: Layout, free: unsafe fn(*mut u8)) {
        let _ = layout;
        // SAFETY: forwarded contract.
        unsafe { Self::retire(ptr, free) }
    }

    /// Give recycled object memory its new count. The default writes it: strategies that never recycle
    /// are never asked.
    ///
    /// # Safety
    ///
    /// `rc` is the count field of memory that [`Strategy::alloc_object`] returned, after the rest of the
    /// object is written; under [`ObjectMemory::Recycled`] it holds a dead object's count.
    #[inline(always)]
    unsafe fn rc_reinit(rc: *mut Self::Rc, fresh: Self::Rc) {
        // SAFETY: the caller's contract; strategies whose readers may race with this override it.
        unsafe { rc.write(fresh) }
    }

    /// Hand memory that racing readers may still reference to the reclamation scheme.
    ///
    /// # Safety
    ///
    /// `ptr` is no longer reachable from any shared location, nobody else will retire it, and `free(ptr)`
    /// is sound to call once from any thread.
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8));

    /// The shared singletons and interning table of this strategy's object world.
    fn statics() -> &'static Statics<Self>;
}

/// Defines `Strategy::statics` for a concrete strategy: one lazily built static per strategy (Rust has no
/// generic statics).
macro_rules! statics_for {
    ($S:ty) => {
        fn statics() -> &'static $crate::object::Statics<$S> {
            static STATICS: $crate::sync::OnceLock<$crate::object::Statics<$S>> = $crate::sync::OnceLock::new();
            STATICS.get_or_init($crate::object::Statics::new)
        }
    };
}
pub(crate) use statics_for;
