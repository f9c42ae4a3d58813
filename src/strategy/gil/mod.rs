//! Strategy `gil`: CPython ≤ 3.12. Plain reference counts, and one global interpreter lock that serializes
//! all object access.
//!
//! - Refcounts are non-atomic ([`header`]), immortal for shared singletons (PEP 683, CPython 3.12).
//! - Containers have no locks of their own ([`NoLock`]): the GIL protects them.
//! - Objects are freed the moment their count reaches zero; nobody can be reading them concurrently.
//! - The GIL ([`lock`]) is the 3.2+ "new GIL" (Pitrou, after Beazley's "Understanding the Python GIL",
//!   PyCon 2010): a switch interval, a drop request, and forced switching.
//!
//! This is the baseline every free-threaded design pays its single-thread tax against, and, compared with
//! `isolated` (which also counts non-atomically), it isolates the cost of the lock itself.

pub mod header;
pub mod lock;
#[cfg(test)]
pub(crate) mod tests;

use crate::sync::statics::AtomicU64 as StdAtomicU64;

use self::header::GilRc;
use self::lock::GilLock;
use super::{Constraints, NoLock, Strategy, StrategyConfig, statics_for};
use crate::sync::Arc;

/// The `gil` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Gil;

/// Per-thread state: which thread this is and whether it holds the GIL.
#[derive(Debug)]
pub struct GilLocal {
    gil: Arc<GilLock>,
    id: u64,
    holds: bool,
}

impl GilLocal {
    /// The GIL this thread takes.
    pub fn gil(&self) -> &GilLock {
        &self.gil
    }

    #[cold]
    #[inline(never)]
    fn yield_gil(&mut self) {
        self.gil.release(self.id, true);
        self.gil.acquire(self.id);
    }
}

/// Thread ids start at 1 (0 means "nobody held the GIL yet").
static NEXT_THREAD_ID: StdAtomicU64 = StdAtomicU64::new(1);

// SAFETY: (1, 2) `GilRc` counts exactly, skips immortal counts, and `try_incref` fails at zero; the GIL's
// mutex orders every holder's accesses before the next holder's. (3) `parallel` is false: every object access
// happens with the GIL held, taken in `attach`. (4) Retirement frees at once, which is allowed because reads
// are not lock-free. (5) `NoLock` is sound because the GIL serializes access. (6) `attach`/`detach` track
// `holds`, so they are idempotent and match the token.
unsafe impl Strategy for Gil {
    const NAME: &'static str = "gil";
    const SUMMARY: &'static str =
        "CPython <= 3.12: non-atomic refcounts, one global lock (5 ms switch interval, forced switching)";
    const CONSTRAINTS: Constraints = Constraints {
        parallel: false,
        shares_objects: true,
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
        GilRc::new()
    }
    #[inline]
    fn rc_immortal() -> GilRc {
        GilRc::immortal()
    }
    #[inline(always)]
    fn incref(rc: &GilRc) {
        rc.incref();
    }
    #[inline(always)]
    fn decref(rc: &GilRc) -> bool {
        rc.decref()
    }
    #[inline(always)]
    fn try_incref(rc: &GilRc) -> bool {
        rc.try_incref()
    }
    fn refcount(rc: &GilRc) -> usize {
        rc.get()
    }
    #[inline]
    fn is_immortal(rc: &GilRc) -> bool {
        rc.is_immortal()
    }

    fn new_global(config: &StrategyConfig) -> GilLock {
        GilLock::new(config.switch_interval)
    }

    fn new_local(global: &Arc<GilLock>) -> GilLocal {
        GilLocal {
            gil: Arc::clone(global),
            id: NEXT_THREAD_ID.fetch_add(1, crate::sync::statics::Ordering::Relaxed),
            holds: false,
        }
    }

    fn attach(local: &mut GilLocal) {
        if !local.holds {
            local.gil.acquire(local.id);
            local.holds = true;
        }
    }

    fn detach(local: &mut GilLocal) {
        if local.holds {
            local.holds = false;
            local.gil.release(local.id, false);
        }
    }

    #[inline(always)]
    fn safepoint(local: &mut GilLocal) {
        if local.gil.drop_requested() {
            local.yield_gil();
        }
    }

    #[inline]
    unsafe fn retire(ptr: *mut u8, free: unsafe fn(*mut u8)) {
        // SAFETY: the caller guarantees `free(ptr)` is sound once; with the GIL held nobody else can be
        // reading `ptr`, so once can be now.
        unsafe { free(ptr) }
    }

    statics_for!(Gil);
}
