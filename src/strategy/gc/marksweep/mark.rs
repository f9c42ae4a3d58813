//! The mark phase, shared with the stopped threads by work stealing.
//!
//! The collector reports every thread's roots, marks them, and starts tracing alone. Once its mark stack
//! holds [`SHARE_AT`] objects and some thread is parked in this stop, it turns the stack into a
//! [`MarkJob`]: one Chase-Lev deque per participant (crossbeam-deque, as in rayon), the collector's seeded
//! with the stack. Parked threads wait in [`Helpers::serve`] instead of sleeping; each claims a deque and
//! traces from it, stealing batches from the others' when its own runs dry. A small heap is marked by the
//! collector alone, without waking anyone.
//!
//! - **Marking** is the header's `fetch_or` ([`TraceWord::mark`](super::header::TraceWord::mark)): exactly
//!   one thread marks an object, and only that thread pushes it, so every reached object is traced once.
//!   Tracing runs with the world stopped, where no thread holds a container lock, so several threads may
//!   trace different containers at once.
//! - **Termination**: one word counts the participants that joined and those idle. A participant goes
//!   idle only with its own deque and private stack empty, and an idle one pushes nothing, so when every participant that
//!   joined is idle every deque is empty and the mark is complete; the first to see it sets `done`. An idle
//!   participant that sees a non-empty deque becomes busy again and steals. A helper that joins late finds
//!   `done` set, or joins a count that is not all idle any more.

use std::ptr::NonNull;

use crossbeam_deque::{Steal, Stealer, Worker};

use crate::object::{Obj, Tracer};
use crate::strategy::designs::Tracing;
use crate::sync::{Arc, AtomicBool, AtomicU64, AtomicUsize, Condvar, Mutex, Ordering};

/// The collector's stack size at which it shares the mark with the parked threads.
pub(super) const SHARE_AT: usize = 1024;

/// What a mark found.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Marked {
    /// Objects reached.
    pub(super) objects: usize,
    /// Their bytes.
    pub(super) bytes: usize,
    /// Parked threads that joined the mark.
    pub(super) helpers: usize,
}

/// A marked object whose children are not traced yet.
#[derive(Debug, Clone, Copy)]
pub(super) struct Grey(pub(super) NonNull<Obj<Tracing>>);

// SAFETY: a grey object is only dereferenced by the marking threads while the world is stopped (it is
// alive and no thread mutates it meanwhile, see `trace_one`); the pointer itself carries no thread affinity.
unsafe impl Send for Grey {}

/// Mark `obj`; `true` if this call marked it.
#[inline]
fn mark(obj: NonNull<Obj<Tracing>>, marked: &mut Marked) -> bool {
    // SAFETY: a reported reference points to a live object: it is held by a root or by a marked (live)
    // object, and nothing is freed before the sweep.
    let o = unsafe { obj.as_ref() };
    let first = o.rc().mark();
    if first {
        marked.objects += 1;
        marked.bytes += o.vtable().size();
    }
    first
}

/// Mark what `tracer` found, pushing the newly marked through `push`, and empty it.
#[inline]
pub(super) fn mark_found(tracer: &mut Tracer<Tracing>, marked: &mut Marked, mut push: impl FnMut(Grey)) {
    for &obj in tracer.found() {
        if mark(obj, marked) {
            push(Grey(obj));
        }
    }
    tracer.clear();
}

/// Report the children of a grey object into `tracer`.
#[inline]
pub(super) fn trace_one(g: Grey, tracer: &mut Tracer<Tracing>) {
    // SAFETY: a marked object is reachable, hence alive until the sweep; the world is stopped, so no thread
    // mutates it or holds its lock, and its payload is fully built (objects are listed once initialized).
    unsafe { g.0.as_ref() }.trace(tracer);
}

/// A participant's private mark stack above this size shares its older half (see [`MarkJob::run`]).
const SHARE_BATCH: usize = 64;

/// Participants that joined, in the high half of [`MarkJob::state`].
const JOINED: u64 = 1 << 32;
/// Participants idle, in the low half.
const IDLE: u64 = 1;

/// One mark shared by work stealing.
#[derive(Debug)]
pub(super) struct MarkJob {
    /// The stop this mark belongs to.
    pub(super) stop: u64,
    /// One per participant, in deque order.
    stealers: Vec<Stealer<Grey>>,
    /// Deques not claimed yet, with their index.
    unclaimed: Mutex<Vec<(usize, Worker<Grey>)>>,
    /// `joined × JOINED + idle`.
    state: AtomicU64,
    /// Every participant was idle at once: the mark is complete.
    done: AtomicBool,
    objects: AtomicUsize,
    bytes: AtomicUsize,
    /// Helpers that joined before the mark was complete.
    helpers: AtomicUsize,
}

impl MarkJob {
    /// A job for the collector and up to `helpers` parked threads, seeded with the collector's `stack`.
    /// Returns the job and the collector's own deque (index 0), the collector counted as joined.
    pub(super) fn new(stop: u64, helpers: usize, stack: Vec<Grey>) -> (Arc<Self>, Worker<Grey>) {
        let workers: Vec<Worker<Grey>> = (0..=helpers).map(|_| Worker::new_lifo()).collect();
        let stealers = workers.iter().map(Worker::stealer).collect();
        let mut unclaimed: Vec<(usize, Worker<Grey>)> = workers.into_iter().enumerate().collect();
        let (_, mine) = unclaimed.remove(0);
        for g in stack {
            mine.push(g);
        }
        let job = Self {
            stop,
            stealers,
            unclaimed: Mutex::new(unclaimed),
            state: AtomicU64::new(JOINED),
            done: AtomicBool::new(false),
            objects: AtomicUsize::new(0),
            bytes: AtomicUsize::new(0),
            helpers: AtomicUsize::new(0),
        };
        (Arc::new(job), mine)
    }

    /// The collector's part: mark until the job is complete; returns what every participant marked.
    pub(super) fn run_collector(&self, mine: &Worker<Grey>, marked: Marked) -> Marked {
        self.run(0, mine, marked);
        // `run` returns only once `done` was seen (Acquire), after every participant's last flush. A helper
        // joining from now on finds `done` set and marks nothing.
        Marked {
            objects: self.objects.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            helpers: self.helpers.load(Ordering::Relaxed),
        }
    }

    /// A parked thread's part: claim a deque, if one is left, and mark until the job is complete.
    pub(super) fn help(&self) {
        let Some((index, mine)) = self.unclaimed.lock().unwrap_or_else(|p| p.into_inner()).pop() else {
            return;
        };
        // Relaxed: joining only has to be counted before this thread can go idle, which is later in its
        // own order; the termination test reads the whole word at once.
        self.state.fetch_add(JOINED, Ordering::Relaxed);
        // Acquire: pairs with the Release that set `done`; a late joiner then has nothing to do.
        if self.done.load(Ordering::Acquire) {
            return;
        }
        // Relaxed: published to the collector with this thread's counts (`run`).
        self.helpers.fetch_add(1, Ordering::Relaxed);
        self.run(index, &mine, Marked::default());
    }

    /// Trace until every participant is idle: from a private stack, then this thread's deque, then by
    /// stealing. The private stack costs no atomics (a deque's pop is a fence); its older half moves to
    /// the deque whenever the deque is empty and the stack holds more than [`SHARE_BATCH`], so that idle
    /// participants can steal it.
    fn run(&self, me: usize, mine: &Worker<Grey>, mut marked: Marked) {
        let mut tracer = Tracer::new();
        let mut private: Vec<Grey> = Vec::new();
        loop {
            while let Some(g) = private.pop().or_else(|| mine.pop()).or_else(|| self.steal(me, mine)) {
                trace_one(g, &mut tracer);
                mark_found(&mut tracer, &mut marked, |c| private.push(c));
                if private.len() > SHARE_BATCH && mine.is_empty() {
                    let half = private.len() / 2;
                    private.drain(..half).for_each(|g| mine.push(g));
                }
            }
            self.objects.fetch_add(marked.objects, Ordering::Relaxed);
            self.bytes.fetch_add(marked.bytes, Ordering::Relaxed);
            marked = Marked::default();
            // Release: this thread's marks and counts happen-before the termination test of whichever
            // thread sees every participant idle (its Acquire load of `state`).
            self.state.fetch_add(IDLE, Ordering::Release);
            if !self.wait_for_work(me) {
                return;
            }
        }
    }

    /// Steal a batch from another participant's deque into `mine`, returning one object of it.
    fn steal(&self, me: usize, mine: &Worker<Grey>) -> Option<Grey> {
        loop {
            let mut retry = false;
            for (i, s) in self.stealers.iter().enumerate() {
                if i == me {
                    continue;
                }
                match s.steal_batch_and_pop(mine) {
                    Steal::Success(g) => return Some(g),
                    Steal::Retry => retry = true,
                    Steal::Empty => {}
                }
            }
            if !retry {
                return None;
            }
        }
    }

    /// An idle participant: `true` once it is busy again (some deque has work), `false` when the mark is
    /// complete.
    fn wait_for_work(&self, me: usize) -> bool {
        let mut spins = 0u32;
        loop {
            // Acquire: pairs with the Release that set `done`.
            if self.done.load(Ordering::Acquire) {
                return false;
            }
            // Acquire: pairs with every participant's Release as it went idle, so their marks and counts
            // are visible to this thread, and through `done` to the collector.
            let s = self.state.load(Ordering::Acquire);
            if s % JOINED == s / JOINED {
                // Release: pairs with the Acquire loads of `done` (the collector's among them).
                self.done.store(true, Ordering::Release);
                return false;
            }
            if self.stealers.iter().enumerate().any(|(i, s)| i != me && !s.is_empty()) {
                // Relaxed: only the count matters; the work itself is handed over by the deque.
                self.state.fetch_sub(IDLE, Ordering::Relaxed);
                return true;
            }
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}

/// Where parked threads wait for a mark to join, for the length of one stop of the world.
#[derive(Debug, Default)]
pub(super) struct Helpers {
    state: Mutex<HelpState>,
    cv: Condvar,
}

#[derive(Debug, Default)]
struct HelpState {
    /// The mark of the current stop, once the collector shares it.
    job: Option<Arc<MarkJob>>,
    /// The last stop that ended.
    ended: u64,
}

impl Helpers {
    /// A parked thread: help with the marks of stop `stop` until it ends. The caller holds no world lock.
    pub(super) fn serve(&self, stop: u64) {
        let mut h = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let mut helped = false;
        while h.ended < stop {
            match &h.job {
                Some(job) if job.stop == stop && !helped => {
                    let job = Arc::clone(job);
                    drop(h);
                    job.help();
                    helped = true;
                    h = self.state.lock().unwrap_or_else(|p| p.into_inner());
                }
                _ => h = self.cv.wait(h).unwrap_or_else(|p| p.into_inner()),
            }
        }
    }

    /// The collector shares its mark.
    pub(super) fn post(&self, job: &Arc<MarkJob>) {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).job = Some(Arc::clone(job));
        self.cv.notify_all();
    }

    /// Stop `stop` ended: release its helpers.
    pub(super) fn end(&self, stop: u64) {
        let mut h = self.state.lock().unwrap_or_else(|p| p.into_inner());
        h.ended = stop;
        h.job = None;
        drop(h);
        self.cv.notify_all();
    }
}
