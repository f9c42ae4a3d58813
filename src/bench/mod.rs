//! The scaling harness behind `gilfree scale`, `gilfree latency` and `gilfree report`.
//!
//! A run sweeps workloads × runtimes × thread counts. Each point runs in a fresh child process (`gilfree
//! __point` for a strategy, `benches/workloads/driver.py` for an external interpreter), so that every point
//! starts from an empty heap, gets its own peak RSS, and a crash or a raising workload fails only that point.
//! Both kinds of child print one [`record::PointOutput`] line; the parent turns points into
//! [`record::Record`]s, fills in the statistics ([`stats`]) and writes the reports ([`report`]).
//!
//! - [`workloads`]: the embedded suite (`benches/workloads/*.py`, `include_str!`), name or path resolution.
//! - [`point`]: one point in-process: setup, `work(tid, n)` in T threads behind a barrier, timing.
//! - [`record`]: the JSON schema of `results.json` and of a point's output.
//! - [`stats`]: median, confidence interval of the median, speedup and efficiency.
//! - [`machine`]: CPU, cores, kernel, rustc, commit, allocator.
//! - [`report`]: CSV, SVG plots, the terminal table and the Markdown section for `papers/`.

pub mod child;
pub mod cli;
pub mod clock;
pub mod machine;
pub mod point;
mod point_worker;
pub mod record;
pub mod report;
pub mod stats;
pub mod sweep;
pub mod workloads;
