//! Thread sweeps of a few workloads under every strategy, with criterion's statistics: the in-process
//! counterpart of `gilfree scale` (same barrier protocol, `gilfree::bench::point`), for quick A/B checks of a
//! strategy change.
//!
//! IDs are `scaling/<workload>/<strategy>/<threads>`; the throughput is `threads` elements per iteration, so
//! criterion reports work-iterations per second across all threads (weak scaling: each thread runs `iters`
//! iterations of `work`). Threads go 1, 2, 4, ... up to `available_parallelism`.
//!
//! Each sample runs one point: the module is loaded and `setup()` run (untimed), then the clock covers only
//! the barrier-to-barrier section in which every thread calls `work(tid, iters)`.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use gilfree::bench::point::{PointSpec, run};
use gilfree::bench::workloads::Workload;
use gilfree::strategy::Strategy;

/// The workloads swept: no sharing (control), a shared function, read-mostly shared containers.
const WORKLOADS: &[&str] = &["float_arith", "shared_function", "shared_dict_read"];

fn thread_counts() -> Vec<usize> {
    let max = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    std::iter::successors(Some(1usize), |t| Some(t * 2)).take_while(|t| *t <= max).collect()
}

fn sweep<S: Strategy>(c: &mut Criterion) {
    for name in WORKLOADS {
        let workload = Workload::embedded(name).expect("an embedded workload");
        let mut g = c.benchmark_group(format!("scaling/{name}"));
        g.warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2)).sample_size(10);
        for threads in thread_counts() {
            g.throughput(Throughput::Elements(threads as u64));
            g.bench_with_input(BenchmarkId::new(S::NAME, threads), &threads, |b, &threads| {
                b.iter_custom(|iters| {
                    let spec = PointSpec::new(workload.clone(), S::NAME, threads, iters);
                    let out = run(&spec);
                    assert_eq!(out.error, None, "{name} under {}", S::NAME);
                    Duration::from_secs_f64(out.samples_s[0])
                });
            });
        }
        g.finish();
    }
}

fn all(c: &mut Criterion) {
    macro_rules! stamp {
        ($snake:ident, $S:ty) => {
            sweep::<$S>(c);
        };
    }
    gilfree::for_each_strategy!(stamp);
}

criterion_group!(benches, all);
criterion_main!(benches);
