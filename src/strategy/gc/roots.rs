//! The threads' roots, for the part of a cycle collection that frees deferred objects.
//!
//! Trial deletion needs no roots: counts say which containers are referenced from outside. `biased`'s
//! deferred objects (functions, classes, modules, code, and what `gc.freeze()` froze) have no count at
//! all, so whether one is alive is a tracing question: is it reached from some thread's roots, or from an
//! object that lives? As in the mark-sweep collector ([`marksweep`](super::marksweep)), every thread publishes its roots
//! ([`RootSet`]) while it is stopped, in its table's `roots` word:
//!
//! - [`FRESH`]: never attached, or gone: it holds nothing.
//! - [`RUNNING`]: attached and running (only the collector itself, during a collection).
//! - [`UNKNOWN`]: stopped without roots (a plain safepoint or detach).
//! - otherwise the address of a `&dyn RootSet<S>` on the stopped thread's stack, valid until it runs again.
//!
//! A collection frees deferred objects only if its own roots are given and collectable and every other
//! live thread's are published and collectable ([`RootSet::collectable`]: no frame entered from Rust code
//! that may hold unrooted objects); otherwise it keeps all of them, and frees counted cycles as before.

use std::ptr::NonNull;

use super::trial::table::Table;
use crate::object::{Obj, RootSet, Tracer};
use crate::strategy::Strategy;
use crate::sync::Arc;
use crate::sync::statics::Ordering;

/// Never attached, or gone: holds nothing.
pub const FRESH: usize = 0;
/// Attached and running.
pub const RUNNING: usize = 1;
/// Stopped without telling what it holds.
pub const UNKNOWN: usize = 2;

/// The `roots` word for a thread that stops now with `roots` (a reference that lives on its stack until it
/// runs again).
pub fn published<S: Strategy>(roots: Option<&&dyn RootSet<S>>) -> usize {
    roots.map_or(UNKNOWN, |r| std::ptr::from_ref(r) as usize)
}

/// Set the calling thread's `roots` word (before it stops, or once it runs again).
pub fn set(table: &Table, word: usize) {
    // Relaxed: the owner writes before it parks or detaches and the collector reads after every thread
    // stopped; both hold the stop-the-world mutex in between, which orders them.
    table.roots.store(word, Ordering::Relaxed);
}

/// Every object the threads' roots hold, or `None` if some live thread's roots are unknown or not
/// collectable. `mine` are the caller's roots; `gone[i]` says that table `i`'s thread is gone.
///
/// # Safety
///
/// The world is stopped (the caller collects): every thread of `tables` other than the caller's (`own`)
/// is parked or detached, or gone, and stays so until this returns; their published words point at live
/// `&dyn RootSet<S>` of this runtime's strategy `S`.
pub unsafe fn report<S: Strategy>(
    tables: &[Arc<Table>],
    gone: &[bool],
    own: &Table,
    mine: Option<&dyn RootSet<S>>,
) -> Option<Vec<NonNull<Obj<S>>>> {
    let mine = mine.filter(|r| r.collectable())?;
    let mut tracer = Tracer::new();
    mine.report(&mut tracer);
    for (t, &gone) in tables.iter().zip(gone) {
        if gone || std::ptr::eq(Arc::as_ptr(t), own) {
            continue;
        }
        match t.roots.load(Ordering::Relaxed) {
            FRESH => {}
            RUNNING | UNKNOWN => return None,
            addr => {
                // SAFETY: a published word is the address of a `&dyn RootSet<S>` that stays valid while its
                // thread is stopped (the caller's contract).
                let r: &dyn RootSet<S> = unsafe { *(addr as *const &dyn RootSet<S>) };
                if !r.collectable() {
                    return None;
                }
                r.report(&mut tracer);
            }
        }
    }
    Some(tracer.take())
}
