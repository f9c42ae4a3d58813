//! The interpreter's cross-module tests: whole programs run through the front end, the VM and a strategy,
//! under every strategy. Unit tests of one module stay beside it (`#[cfg(test)] mod tests`).
//!
//! - [`corpus`]: the differential corpus (`src/interp/programs/`) against CPython 3.11's recorded output,
//!   with a zero object ledger.
//! - [`random`]: differential property tests on random programs ([`generate`]), against `gil` and CPython.
//! - [`pair`]: two-object operations in both orders from several threads (no deadlock, right answers).
//! - [`lifecycle`]: concurrent whole object life cycles: every object finalized exactly once.
//! - [`gc`]: `gc.collect()` from Python: cycles, definitions and finalizers under several threads.
//! - [`isolated`]: two interpreters of the `isolated` design running side by side.
//! - [`generate`]: the proptest generator of the random programs that [`random`] runs.
//! - [`layers`]: no file of the protocols or the runtime names the built-ins or the entry points.

mod corpus;
mod gc;
mod generate;
mod isolated;
mod layers;
mod lifecycle;
mod pair;
mod random;
