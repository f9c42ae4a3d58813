//! Mark-sweep ([`MarkSweep`]): the collector of the design without counts (`tracing`). Every object is
//! linked into its allocating thread's list ([`TraceWord`], [`world`]); when the bytes allocated since the
//! last collection pass a trigger, the next thread at a safepoint that can report its roots stops the
//! world, marks from every thread's roots ([`mark`], in parallel with the parked threads) and sweeps the
//! lists ([`collect`]).

mod collect;
mod mark;
mod word;
pub mod world;

use std::ptr::NonNull;

pub use self::word::{MARK, STATIC, TraceWord};
use self::world::{Global, TracingLocal};
use crate::object::{Obj, RootSet};
use crate::strategy::designs::Tracing;
use crate::strategy::{Collector, GcStats, StrategyConfig};
use crate::sync::Arc;
use crate::sync::statics::AtomicUsize;

/// The mark-sweep collector.
#[derive(Debug)]
pub struct MarkSweep;

// SAFETY: a collection runs only with every other attached thread parked or detached, all with their roots
// published and collectable; it frees only what the mark did not reach (see `world`). `attach` waits while
// the world is stopped.
unsafe impl Collector<Tracing> for MarkSweep {
    const LINKED: bool = false;
    type Global = Global;
    type Local = TracingLocal;

    fn new_global(config: &StrategyConfig) -> Global {
        Global::new(config)
    }

    fn new_local(global: &Arc<Global>) -> TracingLocal {
        TracingLocal::new(global)
    }

    fn attach(_global: &Global, local: &mut TracingLocal) {
        local.attach();
    }

    unsafe fn detach(_global: &Global, local: &mut TracingLocal, roots: Option<&&dyn RootSet<Tracing>>) {
        local.detach(roots);
    }

    #[inline(always)]
    fn polled(_global: &Global, local: &TracingLocal) -> bool {
        local.polled()
    }

    fn safepoint(_global: &Global, local: &mut TracingLocal, roots: Option<&dyn RootSet<Tracing>>) {
        local.poll_slow(roots);
    }

    fn collect(_global: &Global, local: &mut TracingLocal, roots: &dyn RootSet<Tracing>) -> usize {
        local.collect(roots)
    }

    fn stats(global: &Global) -> GcStats {
        global.stats()
    }

    #[inline(always)]
    fn track(obj: NonNull<Obj<Tracing>>, size: usize, _link: Option<&AtomicUsize>) {
        world::track(obj, size);
    }

    #[inline(always)]
    unsafe fn untrack(_link: usize) {}

    fn register_finalizer(obj: NonNull<Obj<Tracing>>) {
        world::register_finalizer(obj);
    }
}
