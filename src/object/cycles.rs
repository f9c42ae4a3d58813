//! Trial deletion (Bacon and Rajan, "Concurrent Cycle Collection in Reference Counted Systems", ECOOP 2001;
//! the algorithm of CPython's `gc` module) over every tracked container of a runtime, at a stop-the-world.
//!
//! 1. Snapshot: every object in every table; each gets its index in its link for the duration.
//! 2. `refs[i]` = the object's reference count ([`Strategy::cycle_count`]; objects whose count says nothing
//!    about their references, such as `biased`'s deferred and queued ones, count as referenced from
//!    outside).
//! 3. Subtract every reference a tracked object holds to another: what is left is the number of references
//!    from outside the tracked set (stacks, frames, Rust code, untracked objects).
//! 4. Everything with outside references, and everything reachable from it, survives; the rest is garbage:
//!    objects referenced only by each other.
//!    Garbage that awaits a finalizer (`__del__`, [`finalize`](super::finalize)) is kept too, with
//!    everything it reaches, and queued for its finalizer: the next collection frees what is still garbage.
//! 5. The tables are rewritten with the survivors (the links get their new slots), then the garbage is
//!    freed as one batch: each is made immortal (so the references the batch holds to each other no
//!    longer count), its payload dropped (releasing what it refers to outside the batch), its memory
//!    retired.
//!
//! **Deferred objects** (`biased`'s functions, classes, modules, code and frozen objects) are counted by
//! nobody ([`Strategy::cycle_deferred`]), so their count says nothing. When the collector is given every
//! thread's roots (`held`), a deferred object starts at zero outside references, references to it are not
//! subtracted, and step 4 also keeps whatever the roots hold; reachability then runs through untracked
//! containers too (built while no table was current), whose references to deferred objects no count
//! records. Without roots, deferred objects count as referenced from outside and are kept.
//!
//! No half-built object can be met: an object is tracked once its payload is written, and the world only
//! stops at safepoints. A payload whose [`Trace`](super::Trace) reported a reference it does not own would
//! make some count go negative in step 3; such an object is kept (and debug builds assert).

use std::collections::HashSet;
use std::ptr::NonNull;

use super::alloc::{Obj, free_batch, link_of};
use super::trace::Tracer;
use crate::strategy::gc::trial::table::Table;
use crate::strategy::{RefCount, Strategy};
use crate::sync::Arc;
use crate::sync::statics::Ordering;

/// What a collection found.
#[derive(Debug, Clone, Copy, Default)]
pub struct Collected {
    /// Objects freed.
    pub freed: usize,
    /// Tracked objects that survived.
    pub live: usize,
    /// Their bytes.
    pub live_bytes: usize,
}

/// A count that marks an object as referenced from outside whatever is subtracted.
const OUTSIDE: isize = isize::MAX / 2;

/// The index of a tracked object during a collection (its link holds index + 1).
#[inline]
fn index_of<S: Strategy>(obj: NonNull<Obj<S>>) -> Option<usize> {
    // SAFETY: children reported by `trace` are live objects.
    let link = link_of(unsafe { obj.as_ref() })?;
    link.load(Ordering::Relaxed).checked_sub(1)
}

/// Run one cycle collection over `tables`; the survivors of those marked in `orphans` move to `home`.
/// With `held` (everything the threads' roots hold), deferred objects are collected too, and `forget`
/// is told which are freed before any is.
///
/// # Safety
///
/// The world is stopped: no other thread of the runtime runs until this returns, and the calling thread
/// holds no reference it has not counted. `tables` are all the runtime's tables, `home` among them and
/// not marked. `held`, if given, lists every object any thread of the runtime holds outside the heap
/// without a count (every root of every thread, as [`RootSet`](super::RootSet) reports them).
pub(crate) unsafe fn collect_cycles<S: Strategy>(
    tables: &[Arc<Table>],
    orphans: &[bool],
    home: &Table,
    held: Option<&[NonNull<Obj<S>>]>,
    forget: impl FnOnce(&[usize]),
) -> Collected {
    // 1. Snapshot.
    let mut addrs = Vec::new();
    let mut ends = Vec::with_capacity(tables.len());
    for t in tables {
        // SAFETY: the world is stopped.
        unsafe { t.live(&mut addrs) };
        ends.push(addrs.len());
    }
    let objs: Vec<NonNull<Obj<S>>> =
        addrs.iter().map(|&a| NonNull::new(a as *mut Obj<S>).expect("live slot")).collect();
    for (i, o) in objs.iter().enumerate() {
        // SAFETY: a live slot holds a live object's address; tracked objects are linked.
        link_of(unsafe { o.as_ref() }).expect("tracked").store(i + 1, Ordering::Relaxed);
    }

    // 2, 3. Counts minus internal references.
    let deferred: Vec<bool> = objs
        .iter()
        // SAFETY: live objects (as above).
        .map(|o| held.is_some() && RefCount::is_deferred(unsafe { o.as_ref() }.rc()))
        .collect();
    let mut refs: Vec<isize> = objs
        .iter()
        .zip(&deferred)
        .map(|(o, &d)| {
            if d {
                return 0;
            }
            // SAFETY: as above.
            RefCount::cycle_count(unsafe { o.as_ref() }.rc()).map_or(OUTSIDE, |n| isize::try_from(n).unwrap_or(OUTSIDE))
        })
        .collect();
    let mut tracer = Tracer::new();
    for o in &objs {
        tracer.clear();
        // SAFETY: live (as above); the world is stopped, so the payload holds still.
        unsafe { o.as_ref() }.trace(&mut tracer);
        for &c in tracer.found() {
            if let Some(j) = index_of(c)
                && !deferred[j]
            {
                refs[j] -= 1;
            }
        }
    }

    // 4. Reachability from outside references (and from the roots, with deferred objects).
    let mut keep = vec![false; objs.len()];
    let mut reach =
        Reach { keep: &mut keep, untracked: HashSet::new(), stack: Vec::new(), through_untracked: held.is_some() };
    for (i, &r) in refs.iter().enumerate() {
        // A negative count means some trace reported a reference it does not own; keeping the object (and
        // what it reaches) is safe, and debug builds say so.
        debug_assert!(r >= 0, "a trace reported more references to object {i} than it counts");
        if r != 0 {
            reach.visit(objs[i]);
        }
    }
    for &o in held.unwrap_or_default() {
        reach.visit(o);
    }
    reach.run(&mut tracer);

    // 4b. Garbage that awaits a finalizer survives, with everything it reaches, and goes to this thread's
    // finalizer inbox (PEP 442: every finalizer of the garbage runs before any of it is freed; what is
    // still garbage afterwards goes at the next collection).
    let finalize: Vec<NonNull<Obj<S>>> = if super::collector_can_finalize::<S>() {
        // SAFETY: live (as above).
        (0..objs.len())
            .filter(|&i| !reach.keep[i] && super::needs_finalizer(unsafe { objs[i].as_ref() }))
            .map(|i| objs[i])
            .collect()
    } else {
        Vec::new()
    };
    for &o in &finalize {
        reach.visit(o);
    }
    reach.run(&mut tracer);

    // 5. Rewrite the tables, then free the garbage.
    let mut out = Collected::default();
    let mut start = 0;
    let mut moved = Vec::new();
    for ((t, &end), &orphan) in tables.iter().zip(&ends).zip(orphans) {
        let survivors: Vec<usize> = (start..end).filter(|&i| keep[i]).collect();
        start = end;
        if orphan {
            moved.extend(survivors);
            // SAFETY: the world is stopped; every object of the table is pushed to `home` or untracked below.
            unsafe { t.reset(0) };
            continue;
        }
        // SAFETY: the world is stopped; the survivors are pushed back, the garbage is untracked below.
        unsafe { t.reset(survivors.len()) };
        relink(t, &objs, &survivors, &mut out);
    }
    relink(home, &objs, &moved, &mut out);
    let garbage: Vec<NonNull<Obj<S>>> = (0..objs.len()).filter(|&i| !keep[i]).map(|i| objs[i]).collect();
    out.freed = garbage.len();
    let freed_deferred: Vec<usize> =
        (0..objs.len()).filter(|&i| !keep[i] && deferred[i]).map(|i| objs[i].as_ptr() as usize).collect();
    if !freed_deferred.is_empty() {
        forget(&freed_deferred);
    }
    for &o in &garbage {
        // SAFETY: live, and nobody else touches its count: immortal from now on, so the drops in
        // `free_batch` that release references to it read the count and skip it. Its link is cleared: its
        // old slot now belongs to a survivor.
        unsafe {
            <S::Rc as RefCount>::reinit(o.as_ref().rc() as *const S::Rc as *mut S::Rc, <S::Rc as RefCount>::immortal());
            link_of(o.as_ref()).expect("tracked").store(0, Ordering::Relaxed);
        }
    }
    for &o in &finalize {
        // SAFETY: the world is stopped by this thread, the object survives (kept above), and the inbox
        // takes this strategy's objects.
        unsafe { super::enqueue_finalizer(o) };
    }
    // SAFETY: the garbage is referenced only by itself (steps 4 and 4b), its counts skip from now on,
    // nobody runs, and each is listed once.
    unsafe { free_batch(&garbage) };
    out
}

/// Step 4's walk: marks tracked objects in `keep`, and (with deferred objects) walks through untracked
/// containers as well, once each.
struct Reach<'a, S: Strategy> {
    keep: &'a mut [bool],
    untracked: HashSet<usize>,
    stack: Vec<NonNull<Obj<S>>>,
    through_untracked: bool,
}

impl<S: Strategy> Reach<'_, S> {
    /// Visit everything reachable from the objects visited so far.
    fn run(&mut self, tracer: &mut Tracer<S>) {
        while let Some(o) = self.stack.pop() {
            tracer.clear();
            // SAFETY: reached objects are live (tracked ones are in the snapshot; untracked ones are reached
            // through references that live objects or roots hold); the world is stopped.
            unsafe { o.as_ref() }.trace(tracer);
            for &c in tracer.found() {
                self.visit(c);
            }
        }
    }

    fn visit(&mut self, obj: NonNull<Obj<S>>) {
        match index_of(obj) {
            Some(j) if !self.keep[j] => {
                self.keep[j] = true;
                self.stack.push(obj);
            }
            Some(_) => {}
            None => {
                // SAFETY: a reported reference points to a live object.
                let o = unsafe { obj.as_ref() };
                // Immortal objects are shared by every runtime and hold none of its objects; leaves hold
                // nothing.
                if self.through_untracked
                    && !o.vtable().leaf
                    && !RefCount::is_immortal(o.rc())
                    && self.untracked.insert(obj.as_ptr() as usize)
                {
                    self.stack.push(obj);
                }
            }
        }
    }
}

/// Push `which` of `objs` into `table` and store their new links.
fn relink<S: Strategy>(table: &Table, objs: &[NonNull<Obj<S>>], which: &[usize], out: &mut Collected) {
    for &i in which {
        // SAFETY: a surviving object of the snapshot, live.
        let obj = unsafe { objs[i].as_ref() };
        // SAFETY: the world is stopped (the caller's contract), and the object is in no table after the
        // reset of its own.
        let slot = unsafe { table.push(objs[i].as_ptr() as usize) };
        link_of(obj).expect("tracked").store(slot, Ordering::Relaxed);
        out.live += 1;
        out.live_bytes += obj.vtable().size();
    }
}
