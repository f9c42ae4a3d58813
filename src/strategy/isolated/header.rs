//! `isolated` header: the `gil` count word, unchanged ([`GilRc`]; bit diagram in
//! [`gil::header`](crate::strategy::gil::header)).
//!
//! ```text
//!  63 62 61                                                0
//! +--+--+---------------------------------------------------+
//! | 0|IM|                    count                          |
//! +--+--+---------------------------------------------------+
//! ```
//!
//! A plain, non-atomic count is sound here for two reasons, one per kind of object:
//!
//! - **Objects of one runtime** are touched only by the threads of that runtime, and those hold its GIL
//!   while they do (as the threads of one subinterpreter hold its own GIL, PEP 684).
//! - **The shared statics** (`None`, `True`, `False`, small ints, interned strings) are reachable from every
//!   runtime of the process at once, under *different* GILs. They are immortal (`IM` set), and incref,
//!   decref and try_incref only *read* an immortal word, so concurrent use from several runtimes is a set
//!   of concurrent reads: no data race. This is why CPython made its static objects immortal (PEP 683)
//!   before it gave each interpreter its own GIL.
//!
//! Reusing the `gil` type, rather than a copy, keeps `gil` vs `isolated` a one-axis comparison: the only
//! difference between them is who else can be waiting for the lock.

pub use crate::strategy::gil::header::{GilRc, IMMORTAL_BIT};

/// The `isolated` count word: the `gil` one.
pub type IsolatedRc = GilRc;

/// The header size, pinned as for every strategy: the count word plus the vtable pointer.
const _: () = assert!(std::mem::size_of::<crate::object::Obj<super::Isolated>>() == 16);
