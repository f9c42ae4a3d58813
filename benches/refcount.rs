//! Per-operation cost of reference counting, per strategy.
//!
//! Every benchmark is stamped once per strategy by [`gilfree::for_each_strategy!`], so the IDs of one
//! operation sit side by side: `incref_decref/single/gil`, `incref_decref/single/atomic`, ...
//!
//! - `incref_decref/single/<strategy>`: one attached thread clones and drops an `ObjRef` to a float (floats
//!   are never immortal, so both operations really touch the count). The figure is the time of one
//!   incref + decref pair: non-atomic under `gil`, two uncontended atomic read-modify-writes under `atomic`.
//! - `incref_decref/contended2/<strategy>`: two threads of one runtime clone and drop the **same** object,
//!   `iters` pairs each, with a safepoint every 1024 pairs (under `gil` the GIL changes hands only at
//!   safepoints; under `atomic` a safepoint lets the epoch advance). The clock runs from the barrier that
//!   releases both threads until both are done, and that wall time is reported for `iters` iterations, so
//!   the figure is **wall time per op pair per thread**: the time the pair of threads takes to do one
//!   incref + decref each. Under `gil` the threads take turns (about twice the single-thread figure, plus GIL
//!   hand-overs); under `atomic` they run in parallel but bounce the count's cache line between cores.
//!
//! Measurement times are short (1 s warm-up, 2 s measurement, 20 samples) so that `cargo bench` of the
//! whole crate finishes in a few minutes on a small machine; pass criterion's own flags to change them.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::sync::Barrier;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use gilfree::object::{ObjRef, float_obj};
use gilfree::strategy::{Runtime, Strategy};

/// Contending threads run a safepoint once per this many op pairs.
const SAFEPOINT_EVERY: u64 = 1024;

/// One thread, attached: clone + drop of a non-immortal object.
fn single<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    let mut th = rt.thread();
    let _at = th.attach();
    let obj: ObjRef<S> = float_obj::<S>(1.5);
    g.bench_function(format!("single/{name}"), |b| {
        b.iter(|| {
            let c = black_box(obj.clone());
            drop(c);
        });
    });
}

/// Two threads, each attached to the same runtime, clone + drop one shared object.
fn contended2<S: Strategy>(g: &mut BenchmarkGroup<'_, WallTime>, name: &str) {
    let rt = Runtime::<S>::default();
    // The main thread only creates and finally drops the shared object; it is detached in between, so that
    // under `gil` the workers can take the GIL.
    let mut main_th = rt.thread();
    let obj: ObjRef<S> = {
        let _at = main_th.attach();
        float_obj::<S>(1.5)
    };
    g.bench_function(format!("contended2/{name}"), |b| {
        b.iter_custom(|iters| {
            let barrier = Barrier::new(3);
            let (rt, obj, barrier) = (&rt, &obj, &barrier);
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..2)
                    .map(|_| {
                        s.spawn(move || {
                            let mut th = rt.thread();
                            barrier.wait();
                            // Attach after the barrier: under `gil` a worker blocked in `attach` could not
                            // reach the barrier while the other held the GIL.
                            let mut at = th.attach();
                            for i in 0..iters {
                                let c = black_box(obj.clone());
                                drop(c);
                                if i % SAFEPOINT_EVERY == SAFEPOINT_EVERY - 1 {
                                    at.safepoint();
                                }
                            }
                        })
                    })
                    .collect();
                barrier.wait();
                let start = Instant::now();
                for w in workers {
                    w.join().expect("worker panicked");
                }
                start.elapsed()
            })
        });
    });
    let _at = main_th.attach();
    drop(obj);
}

fn incref_decref(c: &mut Criterion) {
    let mut g = c.benchmark_group("incref_decref");
    macro_rules! stamp_single {
        ($name:ident, $S:ty) => {
            single::<$S>(&mut g, stringify!($name));
        };
    }
    macro_rules! stamp_contended {
        ($name:ident, $S:ty) => {
            contended2::<$S>(&mut g, stringify!($name));
        };
    }
    gilfree::for_each_strategy!(stamp_single);
    gilfree::for_each_strategy!(stamp_contended);
    g.finish();
}

fn config() -> Criterion {
    Criterion::default().warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(2)).sample_size(20)
}

criterion_group! {
    name = benches;
    config = config();
    targets = incref_decref
}
criterion_main!(benches);
