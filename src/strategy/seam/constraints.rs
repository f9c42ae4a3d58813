//! What a design does, as constants to branch on ([`Constraints`]). Code branches on these, never on type
//! names; each is a `const`, so the untaken branch disappears at monomorphization.
//!
//! Each design states its constraints as the design it differs from plus the fields it changes (e.g.
//! `biased` is `Constraints { rc: Counting::Biased, deferred: true, ..ATOMIC }`), so that the strategy
//! table of the README can be read off the code.

/// How references are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// A plain, non-atomic count (sound under a GIL or without sharing).
    Plain,
    /// Every count operation is an atomic read-modify-write.
    Atomic,
    /// Biased reference counting: an owner thread's plain count and a shared atomic one.
    Biased,
    /// No counts: a tracing collector finds the dead.
    None,
}

/// How threads read mutable containers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// A global interpreter lock serializes all object access (a runtime's threads never run Python code
    /// at the same time).
    Serialized,
    /// Reads take the container's lock (Gilectomy).
    Locked,
    /// Reads are lock-free: `try_incref` plus re-validation of the slot.
    LockFree,
}

/// When memory that a racing reader may still hold is given back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reclaim {
    /// At once: no reader can hold an uncounted pointer.
    Immediate,
    /// After every attached thread passed a safepoint (crossbeam-epoch, CPython's QSBR).
    Epoch,
    /// Only a stop-the-world collection frees objects (arrays and tables still go through the epoch).
    Trace,
}

/// Compile-time properties of a design.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraints {
    /// How references are counted (matches the design's `Rc` type).
    pub rc: Counting,
    /// How containers are read.
    pub reads: Reads,
    /// When retired memory is given back.
    pub reclaim: Reclaim,
    /// Shared singletons and interned strings are immortal: refcount operations skip them.
    pub immortal: bool,
    /// Functions, classes, modules and code objects take no refcount operations (PEP 703).
    pub deferred: bool,
    /// The threads of a scaling run share one runtime and its objects (false only for `isolated`, where
    /// each thread gets its own runtime and only immortal statics are shared; within one runtime, its GIL
    /// still serializes the runtime's threads).
    pub shares_objects: bool,
}

impl Constraints {
    /// Whether `S::CONSTRAINTS` describe `S`'s type choices: the count type's kind, a GIL protocol exactly
    /// with serialized reads and with a lock that excludes nothing, immediate reclamation exactly with a
    /// memory part that frees at once (never under lock-free reads), and tracing exactly without counts.
    /// Every design asserts it at compile time (`designs/mod.rs`).
    pub const fn describe<S: crate::strategy::Strategy>() -> bool {
        use crate::strategy::{ContainerLock, Memory, RefCount, Threads};
        let c = S::CONSTRAINTS;
        c.rc as u8 == <S::Rc as RefCount>::COUNTING as u8
            && c.has_gil() == <S::Threads as Threads>::GIL
            && c.has_gil() != <S::Lock as ContainerLock>::EXCLUDES
            && matches!(c.reclaim, Reclaim::Immediate) == <S::Memory as Memory>::AT_ONCE
            && !(c.lockfree_reads() && <S::Memory as Memory>::AT_ONCE)
            && c.traces() == matches!(c.rc, Counting::None)
    }

    /// A global interpreter lock serializes all object access (`Reads::Serialized`).
    pub const fn has_gil(&self) -> bool {
        matches!(self.reads, Reads::Serialized)
    }

    /// Container reads take the container lock.
    pub const fn locks_reads(&self) -> bool {
        matches!(self.reads, Reads::Locked)
    }

    /// Container reads are lock-free.
    pub const fn lockfree_reads(&self) -> bool {
        matches!(self.reads, Reads::LockFree)
    }

    /// Objects are reclaimed by a tracing collector instead of reference counts.
    pub const fn traces(&self) -> bool {
        matches!(self.reclaim, Reclaim::Trace)
    }

    /// Whether a collector needs the threads' roots ([`RootSet`](crate::object::RootSet)): a tracing
    /// collector for everything, the cycle collector for deferred objects. The interpreter then registers
    /// its running frames and reports its roots at safepoints and blocking calls.
    pub const fn reports_roots(&self) -> bool {
        self.traces() || (self.deferred && !self.has_gil())
    }
}
