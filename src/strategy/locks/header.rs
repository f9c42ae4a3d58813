//! `locks` header: the `atomic` count word, unchanged ([`AtomicRc`]; bit diagram in
//! [`atomic::header`](crate::strategy::atomic::header)).
//!
//! ```text
//!  63 62 61                                                0
//! +--+--+---------------------------------------------------+
//! | 0|IM|                    count                          |
//! +--+--+---------------------------------------------------+
//! ```
//!
//! Gilectomy made every incref and decref an atomic read-modify-write, exactly as `atomic` does. Reusing
//! the type, rather than a copy, keeps `atomic` vs `locks` a one-axis comparison: they differ only in how
//! containers are read (lock-free there, under the container's mutex here) and, following from that, in
//! reclamation (no reader can hold an unlocked pointer here, so dead objects are freed at once).

pub use crate::strategy::atomic::header::{AtomicRc, IMMORTAL_BIT};

/// The `locks` count word: the `atomic` one.
pub type LocksRc = AtomicRc;

/// The header size, pinned as for every strategy: the count word plus the vtable pointer.
const _: () = assert!(std::mem::size_of::<crate::object::Obj<super::Locks>>() == 16);
const _: () = assert!(std::mem::size_of::<crate::object::Obj<super::LocksRw>>() == 16);
