//! The scaling harness behind `gilfree scale`, `gilfree latency` and `gilfree report`.
//!
//! A run sweeps workloads × runtimes × thread counts. Each point runs in a fresh child process (`gilfree
//! __point` for a strategy, `benches/workloads/driver.py` for an external interpreter), so that every point
//! starts from an empty heap, gets its own peak RSS, and a crash or a raising workload fails only that point.
//! Both kinds of child print one [`record::PointOutput`] line; the parent turns points into
//! [`record::Record`]s, fills in the statistics ([`stats`]) and writes the reports ([`report`]).
//!
//! - [`cli`], [`commands`]: the flags, and what each command does with them.
//! - [`workloads`]: the embedded suite (`benches/workloads/*.py`, `include_str!`), name or path resolution.
//! - [`sweep`]: calibration, the rounds, one visit per point per round, resume, the output folder's lock.
//! - [`child`]: one child process: spawn, timeout, interrupt, the answer checked.
//! - [`point`]: one point in-process (the child's side): setup, `work(tid, n)` in T threads behind a
//!   barrier, timing, with [`readings`] (CPU clock, run-queue wait) around each sample.
//! - [`record`]: the JSON schema of `results.json` and of a point's output.
//! - [`stats`], [`bootstrap`]: medians, speedup, efficiency, the ratio to `gil`, and their intervals.
//! - [`flags`]: the validity checks every point must pass before its numbers are cited.
//! - [`machine`], [`load`]: CPU, cores, kernel, rustc, commit, allocator; steal, load and thread limits.
//! - [`interrupt`]: Ctrl-C and SIGTERM during a sweep, and children that die with it.
//! - [`report`], [`compare`]: CSV, SVG plots, the terminal table and the Markdown section for `papers/`;
//!   two runs side by side.

pub mod bootstrap;
pub mod child;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod compare;
pub mod flags;
pub mod interrupt;
pub mod load;
pub mod machine;
pub mod point;
mod point_worker;
pub mod readings;
pub mod record;
pub mod report;
pub mod stats;
pub mod sweep;
pub mod workloads;
