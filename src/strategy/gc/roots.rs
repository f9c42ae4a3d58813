//! Where a stopped thread's roots are, for both collectors ([`Published`]): one word per thread, written
//! by the thread before it stops and read by the collector while it is stopped.
//!
//! Mark-sweep needs every thread's roots for everything; trial deletion needs them only for `biased`'s
//! deferred objects (functions, classes, modules, code, and what `gc.freeze()` froze), which have no count,
//! so whether one is alive is a tracing question: is it reached from some thread's roots, or from an
//! object that lives? The word holds:
//!
//! - [`FRESH`]: never attached, or gone: it holds nothing.
//! - [`RUNNING`]: attached and running (only the collector itself, during a collection).
//! - [`UNKNOWN`]: stopped without roots (a plain safepoint or detach).
//! - otherwise the address of a `&dyn RootSet<S>` on the stopped thread's stack, valid until it runs again.
//!
//! A collection that needs roots runs only if its own roots are given and collectable and every other live
//! thread's are published and collectable ([`RootSet::collectable`]: no frame entered from Rust code that
//! may hold unrooted objects); otherwise mark-sweep gives up, and trial deletion keeps every deferred
//! object and frees counted cycles as before.

use crate::object::{RootSet, Tracer};
use crate::strategy::Strategy;
use crate::sync::statics::{AtomicUsize, Ordering};

/// Never attached, or gone: holds nothing.
pub const FRESH: usize = 0;
/// Attached and running.
pub const RUNNING: usize = 1;
/// Stopped without telling what it holds.
pub const UNKNOWN: usize = 2;

/// One thread's roots word, for a runtime of one design (whose `S` every method names).
#[derive(Debug)]
pub struct Published {
    word: AtomicUsize,
}

impl Default for Published {
    fn default() -> Self {
        Self { word: AtomicUsize::new(FRESH) }
    }
}

impl Published {
    /// The owning thread runs (again).
    pub fn running(&self) {
        self.set(RUNNING);
    }

    /// The owning thread stops, holding `roots` (a reference that lives on its stack until it runs again)
    /// or unknown roots.
    pub fn stopped<S: Strategy>(&self, roots: Option<&&dyn RootSet<S>>) {
        self.set(roots.map_or(UNKNOWN, |r| std::ptr::from_ref(r) as usize));
    }

    fn set(&self, word: usize) {
        // Relaxed: the owner writes before it parks or detaches and the collector reads after every thread
        // stopped; both hold the stop-the-world lock in between, which orders them.
        self.word.store(word, Ordering::Relaxed);
    }

    /// Report the roots to `tracer`: `false` (reporting nothing) if the thread runs, stopped without
    /// roots, or holds roots that are not collectable; `true` if it holds nothing or reported them.
    ///
    /// # Safety
    ///
    /// The owning thread is stopped (the caller collects with the world stopped) and stays so until the
    /// collection ends; a published word points at its live `&dyn RootSet<S>` of this `S`.
    pub unsafe fn report<S: Strategy>(&self, tracer: &mut Tracer<S>) -> bool {
        match self.word.load(Ordering::Relaxed) {
            FRESH => true,
            RUNNING | UNKNOWN => false,
            addr => {
                // SAFETY: a published word is the address of a `&dyn RootSet<S>` that stays valid while its
                // thread is stopped (the caller's contract).
                let r: &dyn RootSet<S> = unsafe { *(addr as *const &dyn RootSet<S>) };
                if !r.collectable() {
                    return false;
                }
                r.report(tracer);
                true
            }
        }
    }

    /// Whether the roots are known and collectable (what [`Published::report`] would return).
    ///
    /// # Safety
    ///
    /// As for [`Published::report`].
    pub unsafe fn collectable<S: Strategy>(&self) -> bool {
        match self.word.load(Ordering::Relaxed) {
            FRESH => true,
            RUNNING | UNKNOWN => false,
            // SAFETY: as in `report`.
            addr => unsafe { *(addr as *const &dyn RootSet<S>) }.collectable(),
        }
    }
}

/// Every root of the caller (`mine`) and of the stopped threads `others`, or `None` if some live thread's
/// roots are unknown or not collectable (then nothing that needs roots may be freed).
///
/// # Safety
///
/// The world is stopped: every thread of `others` is parked, detached or gone, and stays so until the
/// collection ends (the contract of [`Published::report`]).
pub unsafe fn gather<'a, S: Strategy + 'a>(
    mine: Option<&dyn RootSet<S>>,
    others: impl IntoIterator<Item = &'a Published>,
) -> Option<Tracer<S>> {
    let mine = mine.filter(|r| r.collectable())?;
    let mut tracer = Tracer::new();
    mine.report(&mut tracer);
    for p in others {
        // SAFETY: forwarded contract.
        if !unsafe { p.report::<S>(&mut tracer) } {
            return None;
        }
    }
    Some(tracer)
}
