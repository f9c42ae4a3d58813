//! Collectors ([`Collector`](super::Collector) implementations) and what they share: the stop-the-world
//! handshake ([`world`]) and the publication of stopped threads' roots ([`roots`]).
//!
//! - [`TrialDeletion`] ([`trial`]): cycle collection for the designs that count references, plus the
//!   runtime's deferred objects ([`deferred`]).
//! - [`MarkSweep`](marksweep::MarkSweep) ([`marksweep`]): the collector of the design without counts.
//!
//! The algorithms that walk objects (trial deletion's subtraction and rescue, finalization) are in the
//! object layer (`object::cycles`, `object::finalize`), which owns the object layout.

pub mod deferred;
pub mod marksweep;
pub mod roots;
pub mod trial;
pub mod world;

pub use trial::TrialDeletion;
