//! Count words ([`RefCount`](crate::strategy::RefCount) implementations). The bit diagrams are in each
//! file; every one keeps the count at offset 0 of the header, which type-stable memory relies on.

mod atomic;
pub mod biased;
mod plain;

pub use atomic::AtomicRc;
pub use biased::{BiasedRc, BiasedThreads, FreesMerged};
pub use plain::PlainRc;
