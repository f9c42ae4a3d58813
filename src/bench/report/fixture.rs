//! The synthetic runs the report tests share: two workloads, `gilfree:gil` and `gilfree:atomic`, 1 and 2
//! threads, one failed point and one point with counters.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::bench::record::{Config, Machine, Percentiles, Record, Results};

/// An ok point of `iters = 1000` per thread with median `median_s`; `t1` is the runtime's 1-thread median.
fn point(workload: &str, runtime: &str, threads: usize, median_s: f64, t1: f64) -> Record {
    let speedup = threads as f64 * t1 / median_s;
    Record {
        workload: workload.into(),
        runtime: runtime.into(),
        threads,
        iters: 1000,
        samples_s: vec![median_s * 0.99, median_s, median_s * 1.01],
        sample_rounds: vec![0, 1, 2],
        median_s: Some(median_s),
        ops_per_s: Some(threads as f64 * 1000.0 / median_s),
        speedup: Some(speedup),
        efficiency: Some(speedup / threads as f64),
        ci95: Some([median_s * 0.99, median_s * 1.01]),
        peak_rss_bytes: Some(10 << 20),
        status: "ok".into(),
        ..Record::default()
    }
}

/// The throughput run. Single-thread tax of `atomic` vs `gil`: +25% on `float_arith`, −10% on
/// `shared_dict_read`, geometric mean √(1.25 × 0.9) − 1 = +6.1%. `atomic` on `float_arith` at 2 threads:
/// speedup 2 × 1.25 / 1.3 = 1.92×, with counters. `atomic` on `shared_dict_read` at 2 threads failed.
pub(crate) fn sample() -> Results {
    let mut counted = point("float_arith", "gilfree:atomic", 2, 1.3, 1.25);
    counted.counters = Some(BTreeMap::from([("atomic_rmw".to_owned(), 12.5), ("lock_contended".to_owned(), 0.25)]));
    counted.pauses = Some(Percentiles { count: 4, p50_ms: 0.5, p99_ms: 1.5, max_ms: 2.0 });
    let failed = Record {
        workload: "shared_dict_read".into(),
        runtime: "gilfree:atomic".into(),
        threads: 2,
        iters: 1000,
        status: "failed".into(),
        error: Some("Traceback (most recent call last):\nRuntimeError: boom".into()),
        ..Record::default()
    };
    Results {
        machine: Machine {
            cpu: "Test CPU 9000 @ 3.0GHz".into(),
            cores_logical: 4,
            cores_physical: 2,
            os: "linux (Test OS 1)".into(),
            kernel: "6.1.0-test".into(),
            rustc: "rustc 1.90.0".into(),
            commit: "abc1234".into(),
            dirty: true,
            allocator: "mimalloc".into(),
            mimalloc_version: Some("2.1.7".into()),
            host: "testhost".into(),
        },
        config: Config {
            command: "gilfree scale --threads 1,2 --runtimes gil,atomic".into(),
            mode: "throughput".into(),
            workloads: vec!["float_arith".into(), "shared_dict_read".into()],
            runtimes: vec!["gilfree:gil".into(), "gilfree:atomic".into()],
            threads: vec![1, 2],
            iters: Some(1000),
            repeat: 1,
            warmup: 1,
            rounds: Some(3),
            min_sample_s: Some(0.25),
            quick: false,
            counters: true,
            pinned: false,
            requests: None,
            started: "2025-01-01T00:00:00Z".into(),
            ..Config::default()
        },
        calibration: Vec::new(),
        records: vec![
            point("float_arith", "gilfree:gil", 1, 1.0, 1.0),
            point("float_arith", "gilfree:gil", 2, 2.0, 1.0),
            point("float_arith", "gilfree:atomic", 1, 1.25, 1.25),
            counted,
            point("shared_dict_read", "gilfree:gil", 1, 2.0, 2.0),
            point("shared_dict_read", "gilfree:gil", 2, 4.0, 2.0),
            point("shared_dict_read", "gilfree:atomic", 1, 1.8, 1.8),
            failed,
        ],
        complete: true,
    }
}

/// The same run in latency mode: every ok point gets a latency distribution (p99 = 3 × p50).
pub(crate) fn sample_latency() -> Results {
    let mut results = sample();
    results.config.mode = "latency".into();
    results.config.requests = Some(100);
    for r in results.records.iter_mut().filter(|r| r.status == "ok") {
        let p50 = r.median_s.unwrap_or(1.0);
        r.latency = Some(Percentiles { count: 100, p50_ms: p50, p99_ms: 3.0 * p50, max_ms: 4.0 * p50 });
    }
    results
}

/// A fresh, empty folder under the system temp dir, unique to this process and `name`.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilfree-report-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    dir
}
