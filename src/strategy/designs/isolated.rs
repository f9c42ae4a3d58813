//! Strategy `isolated`: subinterpreters with a per-interpreter GIL (PEP 684, CPython 3.12; the
//! `concurrent.interpreters` API of PEP 734, 3.14).
//!
//! A [`Runtime<Isolated>`](crate::strategy::Runtime) is one interpreter with its own GIL. The scaling
//! harness gives each benchmark thread its **own** runtime and VM (its own modules, its own `setup()`), so
//! no mutable object is shared between the threads and every GIL is uncontended: the threads run in
//! parallel exactly as subinterpreters on separate OS threads do. Within one runtime (e.g. `gilfree run
//! --strategy isolated prog.py` starting `threading.Thread`s) the threads are serialized by that runtime's
//! GIL, exactly as the threads of one subinterpreter are.
//!
//! - Refcounts are non-atomic (`gil`'s [`PlainRc`], the same type), immortal for the shared singletons.
//! - Containers have no locks of their own ([`NoLock`]): the runtime's GIL protects them, and no other
//!   runtime can reach them.
//! - Objects are freed the moment their count reaches zero.
//! - The GIL is `gil`'s ([`GilThreads`]: switch interval, drop request, forced switching), one per runtime:
//!   every type is `gil`'s; only `shares_objects` and the name differ.
//!
//! **What is shared between runtimes.** The [`Statics`](crate::object::Statics) of a strategy are
//! process-wide per strategy type, so every `Runtime<Isolated>` sees the same `None`, `True`, `False`,
//! small ints and interned strings. That is sound only because all of them are immortal (they are built by
//! `alloc_static` with an immortal count): refcount operations on an immortal [`PlainRc`] only read
//! it, their payloads are immutable (`str` caches its hash in an atomic), and the interning table is a
//! `DashMap`, safe to use from any thread. The same reasoning is why CPython made static objects immortal
//! (PEP 683) before per-interpreter GILs. Compared with `gil`, this strategy isolates the cost of the lock
//! itself: same counts, same containers, but no thread ever waits for another thread's interpreter.

use super::gil::GIL;
use crate::object::Statics;
use crate::strategy::gc::TrialDeletion;
use crate::strategy::parts::Immediate;
use crate::strategy::parts::gil::GilThreads;
use crate::strategy::parts::lock::NoLock;
use crate::strategy::parts::rc::PlainRc;
use crate::strategy::{Constraints, Strategy};
use crate::sync::OnceLock;

/// The `isolated` strategy (a zero-sized type).
#[derive(Debug, Clone, Copy, Default)]
pub struct Isolated;

/// `isolated`: `gil` without sharing. Every use of a constraint in the crate, and why this value makes it
/// correct:
///
/// - `shares_objects: false`: the harness builds one runtime, VM and `setup()` per benchmark thread.
///   The race property test (`object::tests::races`) shares objects between threads of *one* runtime,
///   which is sound because the GIL serializes them (one subinterpreter's threads).
/// - `reads: Serialized`: within one runtime the GIL serializes threads; threads of *different* runtimes
///   run in parallel but share only immortal objects. Container reads take no lock and retired memory is
///   freed at once.
/// - `immortal: true`: the statics shared by all runtimes must be immortal for the sharing to be sound;
///   the per-thread lookup caches (`interp::cache`) key on immortal names, whose addresses are never
///   reused.
pub const ISOLATED: Constraints = Constraints { shares_objects: false, ..GIL };

// SAFETY: every type is `Gil`'s, so (2, 3, 4) hold as they do for `Gil`. (1) Within a runtime every object
// access of its threads happens with that runtime's GIL held. Objects are never handed from one runtime to
// another (`shares_objects` is false), with one exception: the process-wide `Statics` (singletons and
// interned strings), which every runtime reaches under a different GIL. Those are all immortal, whose
// count incref/decref/try_incref only read, their payloads are immutable (the `str` hash cache is atomic),
// and the interning table is a thread-safe `DashMap`, so using them from several runtimes at once is a set
// of concurrent reads.
unsafe impl Strategy for Isolated {
    const NAME: &'static str = "isolated";
    const SUMMARY: &'static str =
        "subinterpreters (PEP 684): non-atomic refcounts, one GIL per runtime, one runtime per thread, nothing shared";
    const CONSTRAINTS: Constraints = ISOLATED;

    type Rc = PlainRc;
    type Lock = NoLock;
    type Memory = Immediate;
    type Threads = GilThreads;
    type Collector = TrialDeletion;

    fn statics() -> &'static Statics<Isolated> {
        static STATICS: OnceLock<Statics<Isolated>> = OnceLock::new();
        STATICS.get_or_init(Statics::new)
    }
}
