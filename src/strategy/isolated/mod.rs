//! Strategy `isolated`: subinterpreters with a per-interpreter GIL (PEP 684, CPython 3.12; the
//! `concurrent.interpreters` API of PEP 734, 3.14).
//!
//! A [`Runtime<Isolated>`](crate::strategy::Runtime) is one interpreter with its own GIL. The scaling
//! harness gives each benchmark thread its **own** runtime and VM (its own modules, its own `setup()`), so
//! no mutable object is shared between the threads and every GIL is uncontended: the threads run in
//! parallel exactly as subinterpreters on separate OS threads do. Within one runtime (e.g. `gilfree run
//! --strategy isolated prog.py` starting `threading.Thread`s) the threads are serialized by that runtime's
//! GIL, exactly as the threads of one subinterpreter are.
//!
//! - Refcounts are non-atomic ([`header`]: `gil`'s [`GilRc`]), immortal for the shared singletons.
//! - Containers have no locks of their own ([`NoLock`]): the runtime's GIL protects them, and no other
//!   runtime can reach them.
//! - Objects are freed the moment their count reaches zero.
//! - The GIL is `gil`'s [`GilLock`] (switch interval, drop request, forced switching), one per runtime:
//!   everything except `CONSTRAINTS` and the name is delegated to [`Gil`].
//!
//! **What is shared between runtimes.** The [`Statics`](crate::object::Statics) of a strategy are
//! process-wide per strategy type, so every `Runtime<Isolated>` sees the same `None`, `True`, `False`,
//! small ints and interned strings. That is sound only because all of them are immortal (they are built by
//! `alloc_static` with [`Strategy::rc_immortal`]): refcount operations on an immortal [`GilRc`] only read
//! it, their payloads are immutable (`str` caches its hash in an atomic), and the interning table is a
//! `DashMap`, safe to use from any thread. The same reasoning is why CPython made static objects immortal
//! (PEP 683) before per-interpreter GILs. Compared with `gil`, this strategy isolates the cost of the lock
//! itself: same counts, same containers, but no thread ever waits for another thread's interpreter.

pub mod header;
#[cfg(test)]
mod tests;

use self::header::GilRc;
use super::gil::lock::GilLock;
use super::gil::{Gil, GilLocal};
use super::{Constraints, NoLock, Strategy, StrategyConfig, statics_for};
use crate::sync::Arc;

/// The `isolated` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Isolated;

// SAFETY: every operation is `Gil`'s, so (1, 2, 4, 5, 6) hold as they do for `Gil`. (3) `parallel` is false
// within a runtime: every object access of a runtime's threads happens with that runtime's GIL held (taken
// in `attach`). Objects are never handed from one runtime to another (`shares_objects` is false; the
// harness gives each thread its own runtime and VM), with one exception: the process-wide `Statics`
// (singletons and interned strings), which every runtime reaches under a different GIL. Those are all
// allocated with `rc_immortal`, whose count incref/decref/try_incref only read, their payloads are
// immutable (the `str` hash cache is atomic), and the interning table is a thread-safe `DashMap`, so using
// them from several runtimes at once is a set of concurrent reads.
unsafe impl Strategy for Isolated {
    const NAME: &'static str = "isolated";
    const SUMMARY: &'static str =
        "subinterpreters (PEP 684): non-atomic refcounts, one GIL per runtime, one runtime per thread, nothing shared";
    /// Every use of a constraint in the crate, and why this value makes it correct:
    ///
    /// - `parallel: false`: within one runtime the GIL serializes threads (trait contract 3); threads of
    ///   *different* runtimes run in parallel but share only immortal objects.
    /// - `shares_objects: false`: the harness builds one runtime, VM and `setup()` per benchmark thread.
    ///   The race property test (`object::race_tests`) shares objects between threads of *one* runtime,
    ///   which is sound because `has_gil` serializes them (one subinterpreter's threads).
    /// - `has_gil: true`, `atomic_rc: false`, `locks_reads: false`, `lockfree_reads: false`,
    ///   `epoch_reclaim: false`: as `gil`; container reads take no lock (`object::slot::read`) and retired
    ///   memory is freed at once.
    /// - `immortal: true`: the statics shared by all runtimes must be immortal for the sharing to be sound;
    ///   the per-thread lookup caches (`interp::cache`) key on immortal names, whose addresses are never
    ///   reused.
    const CONSTRAINTS: Constraints = Constraints {
        parallel: false,
        shares_objects: false,
        atomic_rc: false,
        biased: false,
        immortal: true,
        deferred_rc: false,
        locks_reads: false,
        lockfree_reads: false,
        epoch_reclaim: false,
        traces: false,
        has_gil: true,
    };

    type Rc = GilRc;
    type Lock = NoLock;
    type Global = GilLock;
    type Local = GilLocal;

    #[inline(always)]
    fn rc_new() -> GilRc {
        Gil::rc_new()
    }
    #[inline]
    fn rc_immortal() -> GilRc {
        Gil::rc_immortal()
    }
    #[inline(always)]
    fn incref(rc: &GilRc) {
        Gil::incref(rc);
    }
    #[inline(always)]
    fn decref(rc: &GilRc) -> bool {
        Gil::decref(rc)
    }
    #[inline(always)]
    fn try_incref(rc: &GilRc) -> bool {
        Gil::try_incref(rc)
    }
    fn refcount(rc: &GilRc) -> usize {
        Gil::refcount(rc)
    }
    #[inline]
    fn is_immortal(rc: &GilRc) -> bool {
        Gil::is_immortal(rc)
    }

    fn new_global(config: &StrategyConfig) -> GilLock {
        Gil::new_global(config)
    }

    fn new_local(global: &Arc<GilLock>) -> GilLocal {
        Gil::new_local(global)
    }

    fn attach(local: &mut GilLocal) {
        Gil::attach(local);
    }

    fn detach(local: &mut GilLocal) {
        Gil::detach(local);
    }

    #[inline(always)]
    fn safepoint(local: &mut GilLocal) {
        Gil::safepoint(local);
    }

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: forwarded contract; with the runtime's GIL held nobody else can be reading `ptr`, and no
        // other runtime can reach it, so `Gil`'s immediate free is sound here too.
        unsafe { Gil::retire(ptr, free) }
    }

    statics_for!(Isolated);
}
