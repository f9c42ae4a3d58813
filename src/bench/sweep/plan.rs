//! The order of a run's visits, what each is expected to cost, and how many rounds fit a budget.
//!
//! A round visits every point (runtime × thread count) of every workload once. Within a workload the points
//! start from a different place each round (round r of R starts at point ⌊r·P/R⌋ of P, wrapping around), so
//! no point is always the first after a calibration or always the last, and the machine's slow phases fall
//! on different points in different rounds. The CPUs rotate too: in round r worker i runs on
//! `cpus[(i + r) mod len]`, so every CPU takes its turn with worker 0, the only worker of a 1-thread point.

use std::collections::HashMap;

use crate::bench::child::RuntimeSpec;

/// One visit: which workload (index), runtime (index), thread count and round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Visit {
    /// Index into the sweep's workloads.
    pub workload: usize,
    /// Index into the sweep's runtimes.
    pub runtime: usize,
    /// Threads.
    pub threads: usize,
    /// Round, 0-based.
    pub round: usize,
}

/// Every visit of round `round` of `rounds`, workload by workload, each workload's points rotated.
pub fn round_order(workloads: usize, runtimes: usize, threads: &[usize], round: usize, rounds: usize) -> Vec<Visit> {
    let mut out = Vec::new();
    for w in 0..workloads {
        let points: Vec<(usize, usize)> = threads.iter().flat_map(|&t| (0..runtimes).map(move |rt| (rt, t))).collect();
        let start = if points.is_empty() { 0 } else { round * points.len() / rounds.max(1) % points.len() };
        for &(runtime, threads) in points[start..].iter().chain(&points[..start]) {
            out.push(Visit { workload: w, runtime, threads, round });
        }
    }
    out
}

/// The CPUs of a visit in round `round`: the pinning list rotated by the round.
pub fn cpus_for_round(cpus: &[usize], round: usize) -> Vec<usize> {
    if cpus.is_empty() {
        return Vec::new();
    }
    let k = round % cpus.len();
    cpus[k..].iter().chain(&cpus[..k]).copied().collect()
}

/// Whether a runtime runs one thread at a time (a GIL): its N-thread sample is about N one-thread samples.
fn serializes(runtime: &RuntimeSpec) -> bool {
    match runtime {
        RuntimeSpec::Strategy(s) => s == "gil" || s.starts_with("gil:"),
        // An external interpreter: assume a GIL (free-threaded builds and PyPy's are the exception).
        RuntimeSpec::Python(_) => true,
    }
}

/// What visits are expected to cost, seconds: from the calibration at first, from the last visit of the same
/// point once there is one.
#[derive(Debug, Default)]
pub struct Estimates {
    /// One-thread sample time per (workload, runtime), at the calibrated `n`.
    t1: HashMap<(usize, usize), f64>,
    /// The last measured wall time of a visit per (workload, runtime, threads).
    measured: HashMap<(usize, usize, usize), f64>,
    /// Process start-up and setup, seconds, added to every estimate.
    pub overhead: f64,
    /// Timed plus warm-up calls per visit.
    pub calls: usize,
}

impl Estimates {
    /// Estimates for visits of `calls` calls each.
    pub fn new(calls: usize) -> Estimates {
        Estimates { overhead: 0.05, calls, ..Estimates::default() }
    }

    /// A runtime's calibrated one-thread time for a workload.
    pub fn set_t1(&mut self, workload: usize, runtime: usize, seconds: f64) {
        self.t1.insert((workload, runtime), seconds);
    }

    /// A visit's measured wall time.
    pub fn measured(&mut self, v: Visit, wall_s: f64) {
        self.measured.insert((v.workload, v.runtime, v.threads), wall_s);
    }

    /// The expected wall time of a visit: as measured last time, else `overhead + calls × t1 × f(T)` with
    /// f(T) = T for a runtime with a GIL and (T + 1) / 2 otherwise (neither ideal nor serial).
    pub fn visit(&self, v: Visit, runtime: &RuntimeSpec) -> f64 {
        if let Some(&m) = self.measured.get(&(v.workload, v.runtime, v.threads)) {
            return m;
        }
        let t1 = self.t1.get(&(v.workload, v.runtime)).copied().unwrap_or(0.25);
        let t = v.threads as f64;
        let factor = if serializes(runtime) { t } else { (t + 1.0) / 2.0 };
        self.overhead + self.calls as f64 * t1 * factor
    }
}

/// The rounds that fit into `budget_s` seconds when `spent_s` are gone and one round costs `round_s`: at
/// least one.
pub fn rounds_for_budget(budget_s: f64, spent_s: f64, round_s: f64) -> usize {
    if round_s <= 0.0 {
        return 1;
    }
    (((budget_s - spent_s) / round_s).floor().max(1.0)) as usize
}

/// Seconds as `2m05s`, `45s`, `1h03m`.
pub fn human(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    match s {
        s if s >= 3600 => format!("{}h{:02}m", s / 3600, s % 3600 / 60),
        s if s >= 60 => format!("{}m{:02}s", s / 60, s % 60),
        s => format!("{s}s"),
    }
}

/// Parse a duration: `90`, `90s`, `30m`, `1h`, `1h30m`, `2m30s`.
pub fn parse_duration(text: &str) -> Result<f64, String> {
    let bad = || format!("'{text}' is not a duration (e.g. 90s, 30m, 1h30m)");
    let t = text.trim();
    if let Ok(secs) = t.parse::<f64>() {
        return if secs > 0.0 && secs.is_finite() { Ok(secs) } else { Err(bad()) };
    }
    let (mut total, mut number) = (0.0, String::new());
    for c in t.chars() {
        match c {
            '0'..='9' | '.' => number.push(c),
            'h' | 'm' | 's' => {
                let v: f64 = number.parse().map_err(|_| bad())?;
                total += v * match c {
                    'h' => 3600.0,
                    'm' => 60.0,
                    _ => 1.0,
                };
                number.clear();
            }
            _ => return Err(bad()),
        }
    }
    if !number.is_empty() || total <= 0.0 { Err(bad()) } else { Ok(total) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_round_visits_every_point_once_starting_elsewhere() {
        let rounds = 3;
        let firsts: Vec<Visit> = (0..rounds).map(|r| round_order(2, 3, &[1, 2], r, rounds)[0]).collect();
        for r in 0..rounds {
            let order = round_order(2, 3, &[1, 2], r, rounds);
            assert_eq!(order.len(), 2 * 3 * 2);
            let mut keys: Vec<(usize, usize, usize)> =
                order.iter().map(|v| (v.workload, v.runtime, v.threads)).collect();
            keys.sort_unstable();
            keys.dedup();
            assert_eq!(keys.len(), 12, "round {r} visits each point once");
            assert!(order.iter().all(|v| v.round == r));
            // Workloads stay together: all of workload 0 first.
            assert!(order[..6].iter().all(|v| v.workload == 0));
        }
        // Six points, three rounds: the rounds start at points 0, 2 and 4.
        assert_eq!(firsts.iter().map(|v| (v.runtime, v.threads)).collect::<Vec<_>>(), [(0, 1), (2, 1), (1, 2)]);
    }

    #[test]
    fn cpus_rotate_with_the_round() {
        assert_eq!(cpus_for_round(&[0, 1, 2], 0), [0, 1, 2]);
        assert_eq!(cpus_for_round(&[0, 1, 2], 1), [1, 2, 0]);
        assert_eq!(cpus_for_round(&[0, 1, 2], 5), [2, 0, 1]);
        assert!(cpus_for_round(&[], 3).is_empty());
    }

    #[test]
    fn estimates_start_from_calibration_and_follow_measurements() {
        let mut e = Estimates::new(2);
        e.set_t1(0, 0, 0.5);
        let gil = RuntimeSpec::Strategy("gil".into());
        let atomic = RuntimeSpec::Strategy("atomic".into());
        let v = Visit { workload: 0, runtime: 0, threads: 4, round: 0 };
        assert!((e.visit(v, &gil) - (0.05 + 2.0 * 0.5 * 4.0)).abs() < 1e-12);
        assert!((e.visit(v, &atomic) - (0.05 + 2.0 * 0.5 * 2.5)).abs() < 1e-12);
        e.measured(v, 1.25);
        assert_eq!(e.visit(Visit { round: 3, ..v }, &gil), 1.25);
    }

    #[test]
    fn budgets_and_durations() {
        assert_eq!(rounds_for_budget(1800.0, 60.0, 100.0), 17);
        assert_eq!(rounds_for_budget(60.0, 70.0, 100.0), 1, "at least one round");
        assert_eq!(parse_duration("30m"), Ok(1800.0));
        assert_eq!(parse_duration("1h30m"), Ok(5400.0));
        assert_eq!(parse_duration("90"), Ok(90.0));
        assert_eq!(parse_duration("2m30s"), Ok(150.0));
        for bad in ["", "m", "3x", "-5", "5m3"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
        assert_eq!(human(125.0), "2m05s");
        assert_eq!(human(3780.0), "1h03m");
        assert_eq!(human(4.4), "4s");
    }
}
