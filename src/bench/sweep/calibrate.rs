//! Calibration: choosing each workload's `n` before anything is timed, as pyperf chooses its loop count.
//!
//! Every runtime runs `work(0, n)` alone in a child ([`PointArgs::calibrate`]), `n` growing until one call
//! lasts `--min-sample` plus a 10% margin. The workload's `n` is the largest any runtime needed, so that
//! every 1-thread sample of every runtime lasts at least the minimum, and every point of the workload (each
//! runtime, each thread count) runs the same work: speedups and ratios compare like with like. Each runtime
//! starts from the `n` the previous one settled on, so after the first runtime a calibration is usually one
//! or two calls.

use std::path::Path;
use std::time::Duration;

use super::Sweep;
use super::plan::Estimates;
use crate::bench::child::{Ended, run_point};
use crate::bench::record::{Calibration, CalibrationStep};
use crate::bench::workloads::Workload;

/// The margin calibration adds to `--min-sample`, so that a faster later sample still reaches the minimum.
pub const MARGIN: f64 = 1.10;

/// What calibrating one workload gave.
#[derive(Debug)]
pub struct Calibrated {
    /// The record for `results.json` (its `iters` is 0 when no runtime could be calibrated).
    pub calibration: Calibration,
    /// Whether the sweep was interrupted meanwhile (the calibration is then incomplete and not kept).
    pub interrupted: bool,
}

/// The timeout of a calibrating child: `--point-timeout`, else a minute or 40 minimum samples.
pub fn timeout(sweep: &Sweep) -> Duration {
    Duration::from_secs_f64(sweep.point_timeout.unwrap_or((40.0 * sweep.min_sample).max(60.0)))
}

/// Calibrate workload number `wi` under every runtime, noting each runtime's 1-thread time in `est`.
pub fn calibrate(
    sweep: &Sweep,
    wi: usize,
    w: &Workload,
    file: &Path,
    driver: &Path,
    est: &mut Estimates,
) -> Calibrated {
    let target = sweep.min_sample * MARGIN;
    let mut start = (w.default_iters() / 100).max(1);
    let mut steps = Vec::with_capacity(sweep.runtimes.len());
    for rt in &sweep.runtimes {
        let mut args = sweep.point_args(w, file, 1, 0, 1, 0);
        args.iters = start;
        args.calibrate = Some(target);
        let res = run_point(&sweep.exe, driver, rt, &args, timeout(sweep));
        if res.ended == Ended::Interrupted {
            return Calibrated { calibration: Calibration::default(), interrupted: true };
        }
        let step = match (res.output.calibrated, res.output.error) {
            (Some((n, t)), None) => {
                start = start.max(n);
                CalibrationStep {
                    runtime: rt.label(),
                    iters: Some(n),
                    sample_s: Some(t),
                    wall_s: res.wall_s,
                    error: None,
                }
            }
            (_, error) => {
                let mut why = error.unwrap_or_else(|| "no calibration in the answer".into());
                if !res.stderr.trim().is_empty() && !why.contains(res.stderr.trim()) {
                    why = format!("{}\n{why}", res.stderr.trim_end());
                }
                CalibrationStep {
                    runtime: rt.label(),
                    iters: None,
                    sample_s: None,
                    wall_s: res.wall_s,
                    error: Some(why),
                }
            }
        };
        let line = match (&step.iters, &step.sample_s, &step.error) {
            (Some(n), Some(t), _) => format!("n = {n} ({:.3} s)", t),
            (_, _, Some(e)) => format!("FAILED: {}", e.lines().last().unwrap_or("")),
            _ => String::new(),
        };
        sweep.say(&format!("calibrating {:<24} {:<22} {line}", w.name, rt.label()));
        steps.push(step);
    }
    let iters = steps.iter().filter_map(|s| s.iters).max().unwrap_or(0);
    for (ri, s) in steps.iter().enumerate() {
        if let (Some(n), Some(t)) = (s.iters, s.sample_s) {
            est.set_t1(wi, ri, t * iters as f64 / n as f64);
        }
    }
    let calibration = Calibration { workload: w.name.clone(), iters, target_s: target, runtimes: steps };
    Calibrated { calibration, interrupted: false }
}
