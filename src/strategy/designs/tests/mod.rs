//! Each design with the object layer and its runtime: counts, protocols, collectors (one file per design).

mod atomic;
mod biased;
mod gil;
mod isolated;
mod locks;
mod tracing;
