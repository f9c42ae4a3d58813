//! # gilfree: a laboratory for GIL-free object runtimes
//!
//! gilfree holds one small Python-like object model and one bytecode interpreter. The memory
//! management and synchronization design behind them is pluggable, so the same program runs under every
//! design, in one binary, at any thread count, and the designs can be compared one mechanism at a time.
//!
//! | strategy | the design it models | reference counts | mutable containers | reclaiming objects and arrays |
//! |---|---|---|---|---|
//! | `gil` | CPython ≤ 3.12 | non-atomic | protected by the GIL (5 ms switch interval, drop request, forced switching) | immediate on zero |
//! | `atomic` | `always_atomic` experiment | atomic on every op | per-object lock for writes, lock-free optimistic reads | zero → memory reused at once for the next object of its size (type-stable, as CPython's mimalloc pages); item arrays, dict tables and overflow freed after an epoch (crossbeam-epoch) |
//! | `biased` | PEP 703 / CPython 3.13t+ | biased, immortal, deferred | as `atomic` | as `atomic` |
//! | `locks` (`locks-rw`) | Gilectomy | atomic on every op | a mutex (reader-writer lock) on every access, reads too | immediate on zero |
//! | `tracing` | PyPy/JVM-style collector | none | as `atomic` | mark-sweep at safepoints |
//! | `isolated` | subinterpreters (PEP 684/734) | non-atomic | no sharing | immediate on zero |
//!
//! Every strategy of the table exists. The container mutex of `atomic`, `biased`, `locks` and `tracing` has
//! a contention policy (`adaptive`, `spin`, `fair`, `restrict`), chosen per process as `NAME:POLICY`
//! ([`strategy::parts::lock::policy`]). `tracing`'s collector finds its roots through [`object::RootSet`]; a collection
//! runs only while every frame on every thread was entered from a place that keeps what it holds reachable
//! (see [`object::RootStack`]).
//!
//! ## Where to look
//!
//! `ARCHITECTURE.md` in the repository has the layers, the seam, and where each kind of change goes.
//!
//! - [`strategy`]: the seam. `unsafe trait Strategy` and its behaviour traits ([`strategy::seam`]), the
//!   mechanisms ([`strategy::parts`]), the collectors ([`strategy::gc`]), one file per design
//!   ([`strategy::designs`]), and the [`with_strategy!`] dispatch.
//! - [`object`]: header + payload layout, vtables, handles, `Trace`, one file per type.
//! - [`lang`]: the strategy-free front end: lexer, parser, compiler to bytecode.
//! - [`interp`]: the VM, generic over the strategy: frames, the eval loop, built-ins, `threading`.
//! - [`bench`]: the scaling harness: the embedded workload suite, points measured in child processes,
//!   statistics, and the JSON/CSV/SVG/Markdown reports behind `gilfree scale`, `latency` and `report`.
//! - [`sync`]: the one place atomics, cells and locks come from (loom under `cfg(loom)`).
//!
//! ## How to run
//!
//! `cargo run --release -- scale` runs the scaling sweep (`--quick` for a short one);
//! `cargo run --release -- run [--strategy NAME] PROGRAM.py` runs a program;
//! `cargo run --release -- strategies` lists the strategies; `cargo test` runs the unit and property tests;
//! `cargo bench` runs the per-operation criterion benches.

#![deny(unsafe_code)]
#![warn(missing_docs)]

pub mod bench;
pub mod interp;
pub mod lang;
#[expect(unsafe_code, reason = "the object layout lives here: raw allocation, header casts, container slots")]
pub mod object;
#[expect(unsafe_code, reason = "strategies implement `unsafe trait Strategy` and reclaim memory")]
pub mod strategy;
pub mod sync;
#[cfg(test)]
mod testing;
