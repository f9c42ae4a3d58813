//! Test instrumentation: a payload that records its own drop, the oracle of the property tests.

use super::alloc::{Payload, TypeKind};
use super::trace::{Trace, Tracer};
use crate::strategy::Strategy;
use crate::sync::{Arc, AtomicU32, Ordering};

/// How many times each probe was dropped.
#[derive(Debug)]
pub(crate) struct ProbeLog {
    drops: Box<[AtomicU32]>,
}

impl ProbeLog {
    /// A log for probes `0..n`.
    pub(crate) fn new(n: usize) -> Arc<Self> {
        Arc::new(Self { drops: (0..n).map(|_| AtomicU32::new(0)).collect() })
    }

    /// Times probe `id` was dropped.
    pub(crate) fn drops(&self, id: usize) -> u32 {
        self.drops[id].load(Ordering::Relaxed)
    }
}

/// A payload that counts its drop in a [`ProbeLog`].
#[derive(Debug)]
pub(crate) struct Probe {
    pub(crate) id: usize,
    log: Arc<ProbeLog>,
}

impl Probe {
    /// Probe `id`, logging to `log`.
    pub(crate) fn new(id: usize, log: &Arc<ProbeLog>) -> Self {
        Self { id, log: Arc::clone(log) }
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.log.drops[self.id].fetch_add(1, Ordering::Relaxed);
    }
}

impl<S: Strategy> Trace<S> for Probe {
    fn trace(&self, _tracer: &mut Tracer<S>) {}
}

// SAFETY: no other payload type uses this `TypeKind`.
unsafe impl<S: Strategy> Payload<S> for Probe {
    const KIND: TypeKind = TypeKind::Probe;
    const NAME: &'static str = "probe";
}
