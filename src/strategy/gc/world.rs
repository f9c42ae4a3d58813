//! The stop-the-world handshake, one for both collectors ([`World`]): what lets a collector read counts
//! and headers that no other thread changes meanwhile.
//!
//! Every attached thread is *running*; a thread at a safepoint that sees the poll flag parks (stops
//! running until the collector restarts the world); a detached thread (blocked in `join`, `acquire`,
//! `sleep`) is not running and cannot reattach while the world is stopped. The collector raises the flag
//! and waits until it is the only running thread, then holds the world's lock until it restarts the
//! world, so the collector's own state in the lock (mark-sweep's thread records, for instance) cannot
//! change under it. Stopped threads publish their roots first ([`roots`](super::roots)).
//!
//! 1. A thread that wants a collection stops the world ([`World::stop`]) from a running state: it sets
//!    `stopping` and [`STOP`] in the poll word, then waits until `running` is one (itself). If another
//!    collector got there first it parks instead and reports that it did not collect.
//! 2. A thread that polls [`STOP`] parks ([`World::park`]): it leaves the running count, wakes the
//!    collector, and waits for `stopping` to clear, optionally serving the collector meanwhile (mark-sweep's
//!    parallel mark).
//! 3. [`World::restart`] clears `stopping` and the flag and wakes everyone.
//!
//! The designs with a GIL do not stop the world: the thread holding the GIL is the only one touching
//! objects, so their collector runs without stopping anyone.

use crate::sync::{AtomicU8, Condvar, Mutex, MutexGuard, Ordering};

/// Poll bit: a collector is stopping the world; park at the next safepoint.
pub const STOP: u8 = 1;
/// Poll bit: a collection is wanted (set by a collector's trigger); the next safepoint that can collect
/// does.
pub const WANT: u8 = 2;

/// The world lock's contents: the handshake's counts and the collector's own state `T`.
#[derive(Debug)]
pub struct State<T> {
    /// A collector is stopping (or has stopped) the world.
    stopping: bool,
    /// How many times the world was stopped (the current stop's number while `stopping`).
    stop: u64,
    /// Attached threads not parked.
    running: usize,
    /// The collector's state, which changes only under this lock.
    pub data: T,
}

impl<T> State<T> {
    /// The current (or last) stop's number.
    pub fn stop(&self) -> u64 {
        self.stop
    }

    /// Whether a collector is stopping or has stopped the world.
    pub fn stopping(&self) -> bool {
        self.stopping
    }
}

/// A runtime's stop-the-world handshake, with the collector state `T` under its lock.
#[derive(Debug)]
pub struct World<T> {
    /// `STOP | WANT`, polled at every safepoint.
    poll: AtomicU8,
    state: Mutex<State<T>>,
    /// Signalled when `running` drops (for the collector) and when the world restarts (for parked and
    /// attaching threads).
    changed: Condvar,
}

/// The world lock, held.
pub type Guard<'a, T> = MutexGuard<'a, State<T>>;

impl<T> World<T> {
    /// A world with no thread attached.
    pub fn new(data: T) -> Self {
        Self {
            poll: AtomicU8::new(0),
            state: Mutex::new(State { stopping: false, stop: 0, running: 0, data }),
            changed: Condvar::new(),
        }
    }

    /// Take the world lock.
    pub fn lock(&self) -> Guard<'_, T> {
        // A panic under this lock leaves whole fields behind; the state stays usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait<'a>(&self, guard: Guard<'a, T>) -> Guard<'a, T> {
        self.changed.wait(guard).unwrap_or_else(|p| p.into_inner())
    }

    /// The collector state, with the lock held by nobody (the runtime is going away).
    pub fn data_mut(&mut self) -> &mut T {
        &mut self.state.get_mut().unwrap_or_else(|p| p.into_inner()).data
    }

    /// Whether a safepoint has anything to do (a hint, read relaxed: the lock orders everything the
    /// collector and the parked threads do; a thread that misses the flag parks at its next safepoint).
    #[inline(always)]
    pub fn polled(&self) -> bool {
        self.poll.load(Ordering::Relaxed) != 0
    }

    /// Whether a collection is wanted.
    #[inline]
    pub fn wanted(&self) -> bool {
        self.poll.load(Ordering::Relaxed) & WANT != 0
    }

    /// Ask for a collection: the next safepoint that can collect does.
    #[cold]
    pub fn want(&self) {
        self.poll.fetch_or(WANT, Ordering::Relaxed);
    }

    /// The collection is done (or given up): no longer wanted.
    pub fn unwant(&self) {
        self.poll.fetch_and(!WANT, Ordering::Relaxed);
    }

    /// The calling thread starts running (attach): waits while the world is stopped; returns the lock,
    /// for the caller's own bookkeeping.
    pub fn attach(&self) -> Guard<'_, T> {
        let mut st = self.lock();
        while st.stopping {
            st = self.wait(st);
        }
        st.running += 1;
        st
    }

    /// The calling thread stops running (detach), with the lock `st` (after its own bookkeeping).
    pub fn detach(&self, mut st: Guard<'_, T>) {
        st.running -= 1;
        let stopping = st.stopping;
        drop(st);
        if stopping {
            self.changed.notify_all();
        }
    }

    /// Park a running thread until the world restarts (a no-op if it is not stopping). `serve` runs with
    /// the lock released while the thread waits, until the stop it is given ends (mark-sweep's helpers);
    /// without it the thread sleeps on the condvar.
    pub fn park<'a>(&'a self, mut st: Guard<'a, T>, serve: Option<&dyn Fn(u64)>) -> Guard<'a, T> {
        if !st.stopping {
            return st;
        }
        st.running -= 1;
        self.changed.notify_all();
        while st.stopping {
            match serve {
                Some(serve) => {
                    let stop = st.stop;
                    drop(st);
                    serve(stop);
                    st = self.lock();
                }
                None => st = self.wait(st),
            }
        }
        st.running += 1;
        st
    }

    /// Stop the world from a running thread: `Ok` with the lock once every other thread is parked or
    /// detached (hold it until [`World::restart`]); `Err` if another collector got there first, in which
    /// case this thread parked (serving with `serve`) until that collection ended.
    pub fn stop<'a>(&'a self, mut st: Guard<'a, T>, serve: Option<&dyn Fn(u64)>) -> Result<Guard<'a, T>, Guard<'a, T>> {
        if st.stopping {
            return Err(self.park(st, serve));
        }
        st.stopping = true;
        st.stop += 1;
        self.poll.fetch_or(STOP, Ordering::Relaxed);
        while st.running > 1 {
            st = self.wait(st);
        }
        Ok(st)
    }

    /// Restart the world after [`World::stop`] returned `Ok`, releasing the lock.
    pub fn restart(&self, mut st: Guard<'_, T>) {
        st.stopping = false;
        self.poll.fetch_and(!STOP, Ordering::Relaxed);
        drop(st);
        self.changed.notify_all();
    }
}
