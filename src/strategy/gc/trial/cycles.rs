//! The cycle collector's state: its trigger, its threads' tables, and its collection.

use std::time::Instant;

use super::table::Table;
use crate::object::RootSet;
use crate::strategy::gc::roots;
use crate::strategy::gc::world::World;
use crate::strategy::{GcStats, Strategy, StrategyConfig};
use crate::sync::statics::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use crate::sync::{Arc, Cell, Mutex};

/// Per-thread counts are flushed to the trigger in batches of this many (CPython 3.13t's
/// `LOCAL_ALLOC_COUNT_THRESHOLD`), or of the threshold if smaller.
const FLUSH: usize = 512;

thread_local! {
    /// The calling thread's table while it is attached to a runtime that collects cycles, else null.
    static CURRENT: Cell<*const Table> = const { Cell::new(std::ptr::null()) };
}

/// When a collection is wanted.
#[derive(Debug)]
pub struct Trigger {
    /// A collection is wanted; threads poll this at safepoints.
    want: AtomicBool,
    /// Tracked allocations minus frees since the last collection (flushed counts).
    count: AtomicIsize,
    /// [`StrategyConfig::gc_threshold`] (0: never automatically).
    threshold: isize,
    /// Batch size of the per-thread counts.
    pub(super) flush: isize,
    /// Containers that survived the last collection.
    live: AtomicUsize,
}

impl Trigger {
    /// Add a thread's net count; raise `want` past the threshold.
    #[cold]
    pub(super) fn add(&self, net: isize) {
        let count = self.count.fetch_add(net, Ordering::Relaxed) + net;
        let live = self.live.load(Ordering::Relaxed) as isize;
        if self.threshold > 0 && count > self.threshold && count > live / 4 {
            self.want.store(true, Ordering::Relaxed);
        }
    }
}

/// A runtime's cycle collector: its trigger, its threads' tables, its stop-the-world and its statistics.
#[derive(Debug)]
pub struct Cycles {
    trigger: Arc<Trigger>,
    /// The stop-the-world handshake (parallel designs only; the GIL designs collect under their GIL).
    world: World<()>,
    /// Every table of the runtime, including those of threads that are gone until a collection empties
    /// them.
    tables: Mutex<Vec<Arc<Table>>>,
    stats: Mutex<GcStats>,
    /// Where a tracked object's link lies, from its header (the header size of the strategy).
    link_offset: usize,
}

impl Cycles {
    /// The collector of a new runtime of strategy `S`.
    pub fn new<S: Strategy>(config: &StrategyConfig) -> Self {
        let threshold = config.gc_threshold;
        Cycles {
            trigger: Arc::new(Trigger {
                want: AtomicBool::new(false),
                count: AtomicIsize::new(0),
                threshold: isize::try_from(threshold).unwrap_or(isize::MAX),
                flush: FLUSH.min(threshold.max(1)) as isize,
                live: AtomicUsize::new(0),
            }),
            world: World::new(()),
            tables: Mutex::new(Vec::new()),
            stats: Mutex::new(GcStats::default()),
            link_offset: size_of::<crate::object::Obj<S>>(),
        }
    }

    fn tables(&self) -> crate::sync::MutexGuard<'_, Vec<Arc<Table>>> {
        self.tables.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A table for a new thread of the runtime.
    pub fn register(&self) -> CyclesLocal {
        let table = Arc::new(Table::new(Arc::clone(&self.trigger)));
        self.tables().push(Arc::clone(&table));
        CyclesLocal { table, prev: std::ptr::null() }
    }

    /// What the collector did so far.
    pub fn stats(&self) -> GcStats {
        self.stats.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The calling thread starts touching objects (after the strategy's own attach has taken the GIL, if
    /// any): waits out a stopped world, and makes `local`'s table current.
    pub fn attach<S: Strategy>(&self, local: &mut CyclesLocal) {
        if !S::CONSTRAINTS.has_gil() {
            drop(self.world.attach());
        }
        local.table.roots.running();
        local.prev = CURRENT.with(|c| c.replace(Arc::as_ptr(&local.table)));
    }

    /// The calling thread stops touching objects, with what it holds meanwhile published (`Some`: a
    /// reference that stays on its stack until it attaches again) or unknown.
    pub fn detach<S: Strategy>(&self, local: &mut CyclesLocal, roots: Option<&&dyn RootSet<S>>) {
        local.table.roots.stopped(roots);
        CURRENT.with(|c| c.set(local.prev));
        if !S::CONSTRAINTS.has_gil() {
            self.world.detach(self.world.lock());
        }
    }

    /// Whether a safepoint has work for the collector: park for another thread's collection, or collect.
    #[inline(always)]
    pub fn polled(&self) -> bool {
        self.world.polled() || self.trigger.want.load(Ordering::Relaxed)
    }

    /// The slow path of a safepoint that [`Cycles::polled`], where the calling thread holds `roots` (if
    /// known).
    #[cold]
    #[inline(never)]
    pub fn safepoint<S: Strategy>(
        &self,
        local: &CyclesLocal,
        roots: Option<&dyn RootSet<S>>,
        forget: impl Fn(&[usize]),
    ) {
        if self.world.polled() {
            local.table.roots.stopped(roots.as_ref());
            drop(self.world.park(self.world.lock(), None));
            local.table.roots.running();
        }
        if self.trigger.want.load(Ordering::Relaxed) {
            self.collect::<S>(local, roots, forget);
        }
    }

    /// Collect now, from an attached thread of this runtime (holding the GIL, under `gil` and
    /// `isolated`) that holds `roots` (if known): the number of objects freed (0 if another thread's
    /// collection ran instead).
    pub fn collect<S: Strategy>(
        &self,
        local: &CyclesLocal,
        roots: Option<&dyn RootSet<S>>,
        forget: impl Fn(&[usize]),
    ) -> usize {
        let start = Instant::now();
        if !S::CONSTRAINTS.has_gil() {
            // Published in case another collector stops the world first and this thread parks.
            local.table.roots.stopped(roots.as_ref());
            // The world stays stopped without its lock: `stopping` keeps every other thread parked or
            // detached until `restart`, and the collection needs only the tables' own lock.
            let stopped = self.world.stop(self.world.lock(), None).is_ok();
            local.table.roots.running();
            if !stopped {
                return 0;
            }
        }
        let tables: Vec<Arc<Table>> = self.tables().clone();
        // Tables whose thread is gone are emptied into ours and dropped; decided once, here, since a
        // detached thread may go away while we collect.
        let orphans: Vec<bool> = tables.iter().map(|t| t.is_orphan() && !Arc::ptr_eq(t, &local.table)).collect();
        // Deferred objects are decided by reachability, which needs every thread's roots (published only
        // where the strategy reports them: deferred counts without a GIL).
        let held = if S::CONSTRAINTS.reports_roots() {
            let others = tables.iter().zip(&orphans).filter(|(t, gone)| !**gone && !Arc::ptr_eq(t, &local.table));
            // SAFETY: the world is stopped; every other thread published its `roots` word before it parked
            // or detached (or is fresh or gone), pointing at roots of this runtime, whose strategy is `S`.
            unsafe { roots::gather::<S>(roots, others.map(|(t, _)| &t.roots)) }.map(|mut t| t.take())
        } else {
            None
        };
        // SAFETY: the world is stopped (the GIL is held, or every other attached thread is parked), so no
        // thread tracks, untracks or changes a count until we restart it; `local.table` is this
        // thread's, and every table of the runtime is in `tables` (a table registered since holds nothing:
        // its thread has not attached); `held` is everything every thread's roots hold.
        let out =
            unsafe { crate::object::collect_cycles::<S>(&tables, &orphans, &local.table, held.as_deref(), forget) };
        let emptied: Vec<*const Table> =
            tables.iter().zip(&orphans).filter(|(_, o)| **o).map(|(t, _)| Arc::as_ptr(t)).collect();
        self.tables().retain(|t| !emptied.contains(&Arc::as_ptr(t)));
        self.trigger.count.store(0, Ordering::Relaxed);
        self.trigger.live.store(out.live, Ordering::Relaxed);
        self.trigger.want.store(false, Ordering::Relaxed);
        {
            let mut stats = self.stats.lock().unwrap_or_else(|p| p.into_inner());
            stats.collections += 1;
            stats.freed += out.freed as u64;
            stats.live_bytes = out.live_bytes;
            let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
            stats.pauses.saturating_record(micros.max(1));
        }
        if !S::CONSTRAINTS.has_gil() {
            self.world.restart(self.world.lock());
        }
        out.freed
    }
}

impl Drop for Cycles {
    fn drop(&mut self) {
        // Objects that outlive their runtime (leaked, or dropped later) must not write into its tables.
        let mut addrs = Vec::new();
        for t in self.tables().iter() {
            // SAFETY: no thread of the runtime is left (each holds the `Cycles`), so nothing else reads or
            // writes the tables.
            unsafe { t.live(&mut addrs) };
        }
        for a in addrs {
            // SAFETY: a live slot holds the address of an object that has not been freed (freeing
            // untracks first), whose link is the word `link_offset` past its header.
            unsafe { &*((a + self.link_offset) as *const AtomicUsize) }.store(0, Ordering::Relaxed);
        }
    }
}

/// A thread's part of the cycle collector: its table.
#[derive(Debug)]
pub struct CyclesLocal {
    table: Arc<Table>,
    /// `CURRENT` before this thread attached (another runtime's table, or null).
    prev: *const Table,
}

impl Drop for CyclesLocal {
    fn drop(&mut self) {
        self.table.set_orphan();
    }
}

/// Track a new container at `obj`: the link to store in it (zero if the calling thread is not attached to
/// a runtime that collects cycles: the object is then never collected).
#[inline]
pub fn track(obj: usize) -> usize {
    let t = CURRENT.with(Cell::get);
    if t.is_null() {
        return 0;
    }
    // SAFETY: `CURRENT` is the calling thread's own table while it is attached (the world is not stopped
    // for an attached running thread), and `obj` is a fresh object in no table.
    unsafe {
        let slot = (*t).push(obj);
        (*t).count(1);
        slot
    }
}

/// Untrack a container being freed, whose link is `link` (zero: untracked).
///
/// # Safety
///
/// `link` is the link of an object being freed, read once, by an attached thread of its runtime (or
/// after the runtime is gone, when links are zero).
#[inline]
pub unsafe fn untrack(link: usize) {
    if link == 0 {
        return;
    }
    let t = CURRENT.with(Cell::get);
    // SAFETY: the caller's contract; `t` is the calling thread's table (or null).
    unsafe {
        Table::release(link, t);
        if !t.is_null() {
            (*t).count(-1);
        }
    }
}
