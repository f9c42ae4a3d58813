//! Run-time knobs a runtime's state is built from ([`StrategyConfig`]).

use std::time::Duration;

/// Default [`StrategyConfig::gc_min_bytes`]: 4 MiB of objects (about 100,000 small ones; CPython's
/// youngest generation triggers at 2,000 container allocations, PyPy's nursery is a few MiB).
pub const GC_MIN_BYTES: usize = 4 << 20;

/// Default [`StrategyConfig::gc_threshold`]: CPython 3.13t's young-generation threshold.
pub const GC_THRESHOLD: usize = 2000;

/// Run-time knobs a strategy's global state is built from.
#[derive(Debug, Clone)]
pub struct StrategyConfig {
    /// GIL designs only: how long a waiting thread waits before it asks the holder to drop the GIL
    /// (CPython's `sys.setswitchinterval`, default 5 ms).
    pub switch_interval: Duration,
    /// Mark-sweep: object bytes allocated since the last collection that trigger the next one, at least.
    pub gc_min_bytes: usize,
    /// Mark-sweep: the trigger also grows with the heap: `max(gc_min_bytes, gc_growth × bytes live after
    /// the last collection)`.
    pub gc_growth: f64,
    /// Trial deletion (the reference-counting designs' cycle collector): net container allocations since
    /// the last collection that trigger the next one (CPython's `gc.set_threshold`; 0 disables automatic
    /// collection, `gc.collect()` still works).
    pub gc_threshold: usize,
}

impl Default for StrategyConfig {
    fn default() -> Self {
        Self {
            switch_interval: Duration::from_millis(5),
            gc_min_bytes: GC_MIN_BYTES,
            gc_growth: 1.0,
            gc_threshold: GC_THRESHOLD,
        }
    }
}
