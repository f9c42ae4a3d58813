//! Stop-the-world for the parallel reference-counting strategies (`atomic`, `biased`, `locks`): what the
//! cycle collector needs so that no count or container changes while it reads them.
//!
//! Every attached thread is *running*; a thread at a safepoint that sees the poll flag parks (stops
//! running until the collector restarts the world); a detached thread (blocked in `join`, `acquire`,
//! `sleep`) is not running and cannot reattach while the world is stopped. The collector sets the flag and
//! waits until it is the only running thread. This is the tracing collector's handshake without its
//! roots: trial deletion reads reference counts, so it needs no thread's stack.
//!
//! The strategies with a GIL (`gil`, `isolated`) do not use this: the thread holding the GIL is the only
//! one touching objects, so it collects without stopping anyone.

use crate::sync::statics::{AtomicBool, Ordering};
use crate::sync::{Condvar, Mutex, MutexGuard};

#[derive(Debug, Default)]
struct State {
    /// Attached threads not parked.
    running: usize,
    /// A collector has stopped, or is stopping, the world.
    stopping: bool,
}

/// A runtime's stop-the-world handshake.
#[derive(Debug, Default)]
pub struct Stw {
    /// Raised while the world is stopping or stopped; running threads poll it at safepoints.
    poll: AtomicBool,
    state: Mutex<State>,
    /// Signalled when `running` drops (for the collector) and when the world restarts (for parked and
    /// attaching threads).
    changed: Condvar,
}

impl Stw {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wait<'a>(&self, guard: MutexGuard<'a, State>) -> MutexGuard<'a, State> {
        self.changed.wait(guard).unwrap_or_else(|p| p.into_inner())
    }

    /// The calling thread starts running (attach): waits while the world is stopped.
    pub fn attach(&self) {
        let mut s = self.lock();
        while s.stopping {
            s = self.wait(s);
        }
        s.running += 1;
    }

    /// The calling thread stops running (detach).
    pub fn detach(&self) {
        let mut s = self.lock();
        s.running -= 1;
        if s.stopping {
            self.changed.notify_all();
        }
    }

    /// Whether a collector wants this thread to park. A relaxed load: the mutex orders everything the
    /// collector and the parked thread do; a thread that misses the flag parks at its next safepoint.
    #[inline(always)]
    pub fn polled(&self) -> bool {
        self.poll.load(Ordering::Relaxed)
    }

    /// Park until the world restarts.
    #[cold]
    pub fn park(&self) {
        let mut s = self.lock();
        if !s.stopping {
            return;
        }
        s.running -= 1;
        self.changed.notify_all();
        while s.stopping {
            s = self.wait(s);
        }
        s.running += 1;
    }

    /// Stop the world from a running thread: `true` once every other thread is parked or detached (then
    /// call [`Stw::restart`]); `false` if another collector got there first, in which case this thread
    /// parked until that collection ended.
    pub fn stop(&self) -> bool {
        let mut s = self.lock();
        if s.stopping {
            drop(s);
            self.park();
            return false;
        }
        s.stopping = true;
        self.poll.store(true, Ordering::Relaxed);
        s.running -= 1;
        while s.running > 0 {
            s = self.wait(s);
        }
        s.running += 1;
        true
    }

    /// Restart the world after [`Stw::stop`] returned `true`.
    pub fn restart(&self) {
        let mut s = self.lock();
        s.stopping = false;
        self.poll.store(false, Ordering::Relaxed);
        self.changed.notify_all();
    }
}
