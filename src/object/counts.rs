//! Allocation accounting for tests: a per-thread count of live objects, and a per-run [`Ledger`] over all
//! of a run's threads.
//!
//! Under `cfg(test)` every allocation adds one to the allocating thread's count and every free subtracts
//! one from the freeing thread's count, so the sum over the threads of a test is the number of objects that
//! test leaked. Shared singletons (`None`, small ints, interned strings: [`alloc_static`]) are not counted.
//!
//! A whole interpreter run spreads its objects over several threads: the main VM thread, the threads of
//! Python's `threading`, and any thread that happens to drop a runtime's last reference. Objects born on one
//! die on another, so no single thread's count says whether the run leaked. A [`Ledger`] does: opened on a
//! thread, it receives every allocation and free of that thread and of every thread spawned from it through
//! [`inherit`]/[`Inherited::enter`] (the interpreter passes it on from the caller of `run_with` to its main
//! thread, and from a thread to the `threading.Thread`s it starts). Once every one of those threads has
//! exited, its balance is the run's leak: zero when every object was freed exactly once, positive for leaked
//! objects, negative for objects freed twice.
//!
//! Outside tests all of this compiles to nothing ([`Inherited`] is zero-sized), so timed runs pay nothing.
//!
//! [`alloc_static`]: super::alloc

#[cfg(test)]
use std::cell::RefCell;
#[cfg(test)]
use std::sync::Arc;

#[cfg(test)]
use crate::sync::statics::{AtomicIsize, Ordering};

/// The shared balance of a ledger. A std `Arc` and atomic even under loom: loom's types work only inside a
/// model, and the accounting is not what a loom model checks.
#[cfg(test)]
type Balance = Arc<AtomicIsize>;

#[cfg(test)]
thread_local! {
    static LIVE: crate::sync::Cell<i64> = const { crate::sync::Cell::new(0) };
    /// The ledger this thread counts into, if any. A thread that entered one keeps it (and so keeps the
    /// ledger open) until its thread-locals are destroyed at exit.
    static LEDGER: RefCell<Option<Balance>> = const { RefCell::new(None) };
}

/// Add `n` to this thread's ledger, if it has one. `try_with`: a thread-local destructor that frees an
/// object after the ledger's slot is gone is not counted (none does today; the balance would show it).
#[cfg(test)]
fn post(n: isize) {
    // Relaxed: the balance is read only after every poster exited (`Ledger::close`), which orders it.
    let _ = LEDGER.try_with(|l| {
        if let Some(b) = &*l.borrow() {
            b.fetch_add(n, Ordering::Relaxed);
        }
    });
}

/// An object was allocated on this thread.
#[inline(always)]
pub(crate) fn on_alloc() {
    #[cfg(test)]
    {
        LIVE.with(|c| c.set(c.get() + 1));
        post(1);
    }
}

/// An object was freed on this thread.
#[inline(always)]
pub(crate) fn on_free() {
    #[cfg(test)]
    {
        LIVE.with(|c| c.set(c.get() - 1));
        post(-1);
    }
}

/// Objects allocated minus objects freed on this thread so far.
#[cfg(test)]
pub(crate) fn live_on_this_thread() -> i64 {
    LIVE.with(|c| c.get())
}

/// The ledger of the thread that is spawning another, to [`enter`](Inherited::enter) on the new thread.
/// Zero-sized, and entering it does nothing, outside tests.
#[derive(Debug)]
#[must_use = "enter it on the spawned thread"]
pub struct Inherited {
    #[cfg(test)]
    ledger: Option<Balance>,
}

/// Take the calling thread's ledger (if any) along to a thread about to be spawned.
#[inline(always)]
pub fn inherit() -> Inherited {
    Inherited {
        #[cfg(test)]
        ledger: LEDGER.with(|l| l.borrow().clone()),
    }
}

impl Inherited {
    /// Count the calling thread into the inherited ledger for the rest of its life. Call it first thing on
    /// the new thread, before it allocates.
    #[inline(always)]
    pub fn enter(self) {
        #[cfg(test)]
        LEDGER.with(|l| *l.borrow_mut() = self.ledger);
    }
}

/// A run's count of live objects across all of its threads (see the module docs).
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Ledger {
    balance: Balance,
    /// The ledger the opening thread counted into before, restored by [`close`](Ledger::close).
    outer: Option<Balance>,
}

#[cfg(test)]
impl Ledger {
    /// How long [`close`](Ledger::close) waits for the run's threads to exit before it gives up.
    const EXIT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

    /// Open a fresh ledger on the calling thread: from now until [`close`](Ledger::close), this thread's
    /// allocations and frees, and those of the threads that inherit it, count into it.
    pub(crate) fn open() -> Ledger {
        let balance = Balance::default();
        let outer = LEDGER.with(|l| l.borrow_mut().replace(balance.clone()));
        Ledger { balance, outer }
    }

    /// Stop counting the calling thread, wait until every thread that inherited the ledger has exited, and
    /// return objects allocated minus objects freed. Panics if a thread still holds it after a minute.
    pub(crate) fn close(self) -> i64 {
        LEDGER.with(|l| *l.borrow_mut() = self.outer);
        let mut balance = self.balance;
        let start = std::time::Instant::now();
        loop {
            // `try_unwrap` succeeds once every other holder dropped its clone (at its thread's exit), and
            // synchronizes with those drops (an acquire fence), so every post is visible to the load.
            match Arc::try_unwrap(balance) {
                Ok(b) => return b.into_inner() as i64,
                Err(b) if start.elapsed() < Self::EXIT_WAIT => {
                    balance = b;
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
                Err(_) => panic!("a thread of the run still holds its ledger after {:?}", Self::EXIT_WAIT),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// A ledger sums every thread that inherited it, not those that did not, and `close` waits for an
    /// inheriting thread nobody joins: its frees, made after the opener stopped counting, are in the balance.
    #[test]
    fn a_ledger_sums_the_threads_that_inherit_it_and_waits_for_them() {
        let ledger = Ledger::open();
        on_alloc();
        on_alloc();
        let inherited = inherit();
        std::thread::spawn(move || {
            inherited.enter();
            (0..5).for_each(|_| on_alloc());
            on_free();
            // A grandchild inherits too.
            let inherited = inherit();
            std::thread::spawn(move || {
                inherited.enter();
                on_alloc();
            })
            .join()
            .expect("the grandchild runs");
        })
        .join()
        .expect("the child runs");
        // Not inherited: not counted.
        std::thread::spawn(|| (0..7).for_each(|_| on_alloc())).join().expect("the stranger runs");
        let (go, wait) = mpsc::channel::<()>();
        let inherited = inherit();
        // Detached: after `go` it frees the eight objects counted by then (2 + 4 + 1 + 1), and `close` must
        // wait for it.
        drop(std::thread::spawn(move || {
            inherited.enter();
            wait.recv().expect("go");
            (0..8).for_each(|_| on_free());
        }));
        on_alloc();
        go.send(()).expect("the detached thread waits");
        assert_eq!(ledger.close(), 0);
        // Closed: this thread counts into no ledger any more.
        assert!(LEDGER.with(|l| l.borrow().is_none()));
    }
}
