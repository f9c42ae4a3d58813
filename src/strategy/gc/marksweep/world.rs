//! The world of one mark-sweep runtime: its threads, their object lists, and the stop-the-world handshake.
//!
//! Every thread of the runtime has a [`Record`]: the list of objects it allocated (linked through the
//! header word, [`header`](super::header)) and where its roots are while it is stopped. The [`Global`]
//! holds the records, the orphaned lists of exited threads, the allocation trigger and one flag word that
//! every safepoint polls.
//!
//! The handshake is the crate's one ([`World`](crate::strategy::gc::world::World)), with this collector's
//! state under its lock:
//!
//! 1. A thread that allocated past the trigger sets `WANT` in the poll word. The next thread to poll it at
//!    a safepoint where it can report its roots becomes the collector: it stops the world (`STOP` in the
//!    poll word) and waits until it is the only running thread.
//! 2. A thread that polls `STOP` parks: it publishes its roots ([`RootSet`]), leaves the running count and
//!    waits for `stopping` to clear. A detached thread (blocked in join, acquire or sleep) counts as stopped;
//!    it published its roots when it detached ([`Collector::detach`](crate::strategy::Collector)), and it
//!    cannot reattach while the world is stopped.
//! 3. With every other thread parked or detached, the collector checks that every thread's roots are known
//!    and collectable ([`RootSet::collectable`]); if one is not (a frame entered from a caller that may
//!    hold unrooted objects, or a thread stopped at a plain safepoint), it gives up and backs the trigger
//!    off. Otherwise it marks ([`collect`](super::collect)), sets the lists of the threads that will run
//!    again aside for them to sweep, sweeps the rest, restarts the world and records the pause. Each
//!    restarted thread (the collector too) then sweeps its own list.
//!
//! The collector holds the mutex from the moment every thread is stopped until the restart, so records
//! cannot come or go during a collection.

use std::cell::{Cell, UnsafeCell};
use std::ptr::NonNull;
use std::time::Instant;

use super::collect;
use super::mark::Helpers;
use crate::object::{Obj, RootSet, free_unreachable};
use crate::strategy::designs::Tracing;
use crate::strategy::gc::roots::Published;
use crate::strategy::gc::world::{Guard, World};
use crate::strategy::{GcStats, StrategyConfig};
use crate::sync::{Arc, AtomicUsize, Ordering};

/// Largest batch of allocated bytes a thread keeps before adding it to the runtime's count.
const CHUNK: usize = 64 << 10;

/// A list of objects linked through their headers.
#[derive(Debug)]
pub(super) struct ObjList {
    pub(super) head: *mut Obj<Tracing>,
    pub(super) len: usize,
}

impl ObjList {
    const fn new() -> Self {
        Self { head: std::ptr::null_mut(), len: 0 }
    }

    #[inline(always)]
    pub(super) fn push(&mut self, obj: NonNull<Obj<Tracing>>) {
        // SAFETY: `obj` is a fully built object that only this list will link (the caller's `track`).
        unsafe { obj.as_ref() }.rc().set_next(self.head);
        self.head = obj.as_ptr();
        self.len += 1;
    }

    /// Move every object of `other` to this list.
    fn append(&mut self, other: &mut ObjList) {
        let mut cur = std::mem::replace(&mut other.head, std::ptr::null_mut());
        other.len = 0;
        while let Some(obj) = NonNull::new(cur) {
            // SAFETY: listed objects are alive until a sweep frees them, which cannot run concurrently
            // (callers hold the world lock).
            cur = unsafe { obj.as_ref() }.rc().next();
            self.push(obj);
        }
    }

    /// Every listed object, emptying the list.
    pub(super) fn take_all(&mut self) -> Vec<NonNull<Obj<Tracing>>> {
        let mut out = Vec::with_capacity(self.len);
        let mut cur = std::mem::replace(&mut self.head, std::ptr::null_mut());
        self.len = 0;
        while let Some(obj) = NonNull::new(cur) {
            // SAFETY: as in `append`.
            cur = unsafe { obj.as_ref() }.rc().next();
            out.push(obj);
        }
        out
    }
}

/// One thread's part of the world.
pub(super) struct Record {
    /// The objects this thread allocated and the collector has not freed.
    pub(super) list: UnsafeCell<ObjList>,
    /// The objects of `list` when the last mark ran, for this thread to sweep when it runs again.
    to_sweep: UnsafeCell<ObjList>,
    /// Attached (running or parked), as opposed to detached or never attached.
    attached: Cell<bool>,
    /// Allocated bytes not yet added to the runtime's count.
    pending: Cell<usize>,
    /// How many pending bytes make a report.
    chunk: usize,
    /// Where this thread's roots are while it is stopped.
    pub(super) roots: Published,
    /// Objects with a finalizer this thread allocated, not found dead yet (see [`collect::finalize`]).
    pub(super) finalizers: UnsafeCell<Vec<NonNull<Obj<Tracing>>>>,
    global: *const Global,
}

impl Record {
    /// Sweep this thread's share of the last collection (on the owning thread, running).
    fn sweep_own(&self) -> usize {
        // SAFETY: the owner is running (not stopped), so no collector touches its lists; `to_sweep` holds
        // objects listed at the last mark, and new objects went to `list`.
        unsafe {
            let from = &mut *self.to_sweep.get();
            if from.head.is_null() {
                return 0;
            }
            collect::sweep(from, &mut *self.list.get())
        }
    }

    #[inline(always)]
    fn push(&self, obj: NonNull<Obj<Tracing>>, size: usize) {
        // SAFETY: only the owning thread (the one whose `CURRENT` this is) pushes, and the collector touches
        // the list only while that thread is stopped.
        unsafe { (*self.list.get()).push(obj) };
        let p = self.pending.get() + size;
        if p < self.chunk {
            self.pending.set(p);
        } else {
            self.pending.set(0);
            // SAFETY: the record's owner holds an `Arc` of the global state for the record's whole life.
            unsafe { &*self.global }.report(p);
        }
    }
}

/// This collector's state under the world lock.
pub(super) struct State {
    /// Every thread's record (owned by its [`TracingLocal`]).
    pub(super) records: Vec<NonNull<Record>>,
    /// Objects of exited threads.
    pub(super) orphans: ObjList,
    /// Objects with a finalizer among them, not found dead yet.
    pub(super) orphan_finalizers: Vec<NonNull<Obj<Tracing>>>,
    /// What the collector did so far.
    stats: GcStats,
}

// SAFETY: the raw pointers in `State` (records, listed objects) are only dereferenced with the world lock
// held, by a collector with every other thread stopped, or by a record's owner; moving the state between
// threads moves no thread-affine data.
unsafe impl Send for State {}

/// The global state of a `tracing` runtime.
pub struct Global {
    /// The handshake, with this collector's state under its lock.
    world: World<State>,
    /// Where parked threads wait to help mark.
    helpers: Helpers,
    /// Object bytes reported since the last collection.
    allocated: AtomicUsize,
    /// `allocated` at which `WANT` is set.
    trigger: AtomicUsize,
    min_bytes: usize,
    growth: f64,
}

impl std::fmt::Debug for Global {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("tracing::Global").field("allocated", &self.allocated.load(Ordering::Relaxed)).finish()
    }
}

impl Global {
    pub(super) fn new(config: &StrategyConfig) -> Self {
        let min_bytes = config.gc_min_bytes.max(1);
        Self {
            world: World::new(State {
                records: Vec::new(),
                orphans: ObjList::new(),
                orphan_finalizers: Vec::new(),
                stats: GcStats::default(),
            }),
            helpers: Helpers::default(),
            allocated: AtomicUsize::new(0),
            trigger: AtomicUsize::new(min_bytes),
            min_bytes,
            growth: config.gc_growth.max(0.0),
        }
    }

    fn lock(&self) -> Guard<'_, State> {
        self.world.lock()
    }

    /// Add a thread's allocated bytes; past the trigger, ask for a collection.
    #[cold]
    fn report(&self, bytes: usize) {
        let total = self.allocated.fetch_add(bytes, Ordering::Relaxed) + bytes;
        if total >= self.trigger.load(Ordering::Relaxed) {
            self.world.want();
        }
    }

    /// Whether a safepoint has anything to do (a hint; the world lock has the truth).
    #[inline(always)]
    pub(super) fn polled(&self) -> bool {
        self.world.polled()
    }

    /// The collector's statistics so far.
    pub(super) fn stats(&self) -> GcStats {
        self.lock().data.stats.clone()
    }

    /// Park `me` while the world is stopped, with `roots` published (or unknown), helping the collector
    /// mark meanwhile.
    fn park<'a>(&'a self, st: Guard<'a, State>, me: &Record, roots: Option<&dyn RootSet<Tracing>>) -> Guard<'a, State> {
        me.roots.stopped(roots.as_ref());
        let st = self.world.park(st, Some(&|stop| self.helpers.serve(stop)));
        me.roots.running();
        st
    }

    /// Stop the world, collect if every thread's roots allow it, restart; returns the objects freed.
    fn stop_and_collect(&self, st: Guard<'_, State>, me: &Record, roots: &dyn RootSet<Tracing>) -> usize {
        let start = Instant::now();
        // Published in case another collector stops the world first and this thread parks.
        me.roots.stopped(Some(&roots));
        let stopped = self.world.stop(st, Some(&|stop| self.helpers.serve(stop)));
        me.roots.running();
        let mut st = match stopped {
            Ok(st) => st,
            Err(st) => {
                // Another thread collected meanwhile; this one parked through it.
                drop(st);
                me.sweep_own();
                return 0;
            }
        };
        let me_ptr: *const Record = me;
        let collectable = roots.collectable()
            && st.data.records.iter().all(|r| {
                // SAFETY: records are alive while listed (their owners unlist them under this lock), and
                // published roots stay valid until their thread restarts, after this collection.
                std::ptr::eq(r.as_ptr(), me_ptr) || unsafe { r.as_ref().roots.collectable::<Tracing>() }
            });
        let found = if collectable {
            let stop = st.stop();
            // SAFETY: every other thread is parked or detached with its roots published, the caller's roots
            // are `roots`, and the lock is held until the restart below.
            let found = unsafe { self.mark_and_set_aside(&mut st.data, stop, me_ptr, roots) };
            st.data.stats.collections += 1;
            st.data.stats.freed += found as u64;
            let live = st.data.stats.live_bytes;
            self.allocated.store(0, Ordering::Relaxed);
            self.trigger.store(self.min_bytes.max((live as f64 * self.growth) as usize), Ordering::Relaxed);
            found
        } else {
            st.data.stats.abandoned += 1;
            // Back off: try again after another trigger's worth of allocation.
            let next =
                self.allocated.load(Ordering::Relaxed) + self.trigger.load(Ordering::Relaxed).max(self.min_bytes);
            self.trigger.store(next, Ordering::Relaxed);
            0
        };
        self.helpers.end(st.stop());
        self.world.unwant();
        let pause = start.elapsed().as_micros().min(u64::MAX as u128) as u64;
        st.data.stats.pauses.saturating_record(pause.max(1));
        self.world.restart(st);
        me.sweep_own();
        found
    }

    /// Finish any sweep left from an earlier collection, mark, then set aside the lists of the threads
    /// that will run again (they sweep their own after the restart) and sweep the others; returns how many
    /// unreachable objects the mark found.
    ///
    /// # Safety
    ///
    /// As for [`collect::mark`]; `me` is the caller's record.
    unsafe fn mark_and_set_aside(
        &self,
        st: &mut State,
        stop: u64,
        me: *const Record,
        roots: &dyn RootSet<Tracing>,
    ) -> usize {
        let mut listed = st.orphans.len;
        for r in &st.records {
            // SAFETY: listed records are alive under the lock; their owners are stopped (or are the caller),
            // so nobody else touches their lists.
            let r = unsafe { r.as_ref() };
            // SAFETY: as above; an unfinished sweep of an earlier mark leaves marks set, so it goes first.
            unsafe {
                if !(*r.to_sweep.get()).head.is_null() {
                    collect::sweep(&mut *r.to_sweep.get(), &mut *r.list.get());
                }
                listed += (*r.list.get()).len;
            }
        }
        let parked = st
            .records
            .iter()
            // SAFETY: as above.
            .filter(|r| !std::ptr::eq(r.as_ptr(), me) && unsafe { r.as_ref() }.attached.get())
            .count();
        // SAFETY: forwarded contract; every mark bit is clear now; the attached threads other than the
        // caller are parked in this stop, in `helpers` until it ends (`park`).
        let mut marked = unsafe { collect::mark(st, stop, roots, &self.helpers, parked) };
        // SAFETY: the same stop, right after the mark.
        unsafe { collect::finalize(st, &mut marked) };
        st.stats.live_bytes = marked.bytes;
        st.stats.shared_marks += u64::from(marked.helpers > 0);
        for r in &st.records {
            // SAFETY: as above.
            let r = unsafe { r.as_ref() };
            // SAFETY: as above; every listed object was listed during the mark.
            unsafe {
                let list = &mut *r.list.get();
                if r.attached.get() || std::ptr::eq(r, me) {
                    *r.to_sweep.get() = std::mem::replace(list, ObjList::new());
                } else {
                    let mut from = std::mem::replace(list, ObjList::new());
                    collect::sweep(&mut from, list);
                }
            }
        }
        let mut orphans = std::mem::replace(&mut st.orphans, ObjList::new());
        // SAFETY: orphans were listed during the mark, and only touched under the lock.
        unsafe { collect::sweep(&mut orphans, &mut st.orphans) };
        // Objects allocated while no thread was attached are marked when reachable but never listed.
        listed.saturating_sub(marked.objects)
    }
}

impl Drop for Global {
    fn drop(&mut self) {
        let st = self.world.data_mut();
        debug_assert!(st.records.is_empty(), "every thread's state holds the runtime alive");
        let objs = st.orphans.take_all();
        // SAFETY: the runtime is gone: its last thread state and handle were dropped, so no thread can reach
        // its objects any more; each is listed once.
        unsafe { free_unreachable(&objs) };
    }
}

thread_local! {
    /// The record of the runtime this thread is attached to (null when detached).
    static CURRENT: Cell<*const Record> = const { Cell::new(std::ptr::null()) };
}

/// Objects allocated by a thread attached to no `tracing` runtime: no collector will ever see them.
static UNTRACKED: crate::sync::statics::AtomicUsize = crate::sync::statics::AtomicUsize::new(0);

/// How many objects were allocated outside any attached thread (and so will never be freed).
pub fn untracked() -> usize {
    UNTRACKED.load(crate::sync::statics::Ordering::Relaxed)
}

/// Put a new object in the current thread's list.
#[inline(always)]
pub(super) fn track(obj: NonNull<Obj<Tracing>>, size: usize) {
    let r = CURRENT.with(Cell::get);
    if r.is_null() {
        UNTRACKED.fetch_add(1, crate::sync::statics::Ordering::Relaxed);
    } else {
        // SAFETY: `CURRENT` is set to a live record while its thread is attached, and cleared at detach,
        // before the record can go.
        unsafe { &*r }.push(obj, size);
    }
}

/// Remember a new object with a finalizer in the current thread's record.
pub(super) fn register_finalizer(obj: NonNull<Obj<Tracing>>) {
    let r = CURRENT.with(Cell::get);
    if !r.is_null() {
        // SAFETY: as in `track`; only the owner pushes, and the collector reads the list only while the
        // owner is stopped.
        unsafe { (*(*r).finalizers.get()).push(obj) };
    }
}

/// A thread's state in a `tracing` runtime.
pub struct TracingLocal {
    record: Box<Record>,
    global: Arc<Global>,
    /// `CURRENT` before this thread attached (another runtime's record, or null).
    prev: *const Record,
    attached: bool,
}

impl std::fmt::Debug for TracingLocal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TracingLocal").field("attached", &self.attached).finish()
    }
}

impl TracingLocal {
    pub(super) fn new(global: &Arc<Global>) -> Self {
        let record = Box::new(Record {
            list: UnsafeCell::new(ObjList::new()),
            to_sweep: UnsafeCell::new(ObjList::new()),
            attached: Cell::new(false),
            pending: Cell::new(0),
            chunk: CHUNK.min(global.min_bytes),
            roots: Published::default(),
            finalizers: UnsafeCell::new(Vec::new()),
            global: Arc::as_ptr(global),
        });
        global.lock().data.records.push(NonNull::from(&*record));
        Self { record, global: Arc::clone(global), prev: std::ptr::null(), attached: false }
    }

    pub(super) fn attach(&mut self) {
        if self.attached {
            return;
        }
        let st = self.global.world.attach();
        self.record.roots.running();
        self.record.attached.set(true);
        drop(st);
        self.attached = true;
        self.prev = CURRENT.with(|c| c.replace(&*self.record));
        // Detached during a collection, this thread's list was swept by the collector; this is a no-op
        // then, and a safety net otherwise.
        self.record.sweep_own();
    }

    pub(super) fn detach(&mut self, roots: Option<&&dyn RootSet<Tracing>>) {
        if !self.attached {
            return;
        }
        CURRENT.with(|c| c.set(self.prev));
        self.attached = false;
        let g = &*self.global;
        let st = g.lock();
        self.record.roots.stopped(roots);
        self.record.attached.set(false);
        g.world.detach(st);
    }

    /// Whether the collector waits for this thread (see `Global::polled`).
    #[inline(always)]
    pub(super) fn polled(&self) -> bool {
        self.global.polled()
    }

    /// The slow path of a safepoint that [`TracingLocal::polled`]: park, or collect.
    #[cold]
    #[inline(never)]
    pub(super) fn poll_slow(&mut self, roots: Option<&dyn RootSet<Tracing>>) {
        let g = &*self.global;
        let st = g.lock();
        if st.stopping() {
            drop(g.park(st, &self.record, roots));
            // The world restarted: sweep this thread's share, in parallel with the others.
            self.record.sweep_own();
            return;
        }
        match roots {
            Some(r) if g.world.wanted() && r.collectable() => {
                g.stop_and_collect(st, &self.record, r);
            }
            _ => {}
        }
    }

    /// `gc.collect()`: a full collection now (after any collection in progress).
    pub(super) fn collect(&mut self, roots: &dyn RootSet<Tracing>) -> usize {
        let g = &*self.global;
        let mut st = g.lock();
        if st.stopping() {
            st = g.park(st, &self.record, Some(roots));
        }
        g.stop_and_collect(st, &self.record, roots)
    }
}

impl Drop for TracingLocal {
    fn drop(&mut self) {
        self.detach(None);
        let g = &*self.global;
        let mut st = g.lock();
        let me: *const Record = &*self.record;
        st.data.records.retain(|r| !std::ptr::eq(r.as_ptr(), me));
        // SAFETY: this thread is detached, so nobody pushes to the list, and the world lock is held. (Its
        // to-sweep list is empty: a thread sweeps it before it runs on; appending clears any mark.)
        unsafe {
            st.data.orphans.append(&mut *self.record.list.get());
            st.data.orphans.append(&mut *self.record.to_sweep.get());
            st.data.orphan_finalizers.append(&mut *self.record.finalizers.get());
        }
        let pending = self.record.pending.replace(0);
        drop(st);
        if pending > 0 {
            g.report(pending);
        }
    }
}
