//! Statistics of a run: each point's median and its interval, and the figures computed across points:
//! speedup, efficiency and the single-thread ratio to `gilfree:gil`, each with its interval.
//!
//! Timing samples on shared machines are skewed (interference only ever adds time), so the harness reports
//! medians, not means. Every interval is a bootstrap over rounds ([`bootstrap`](super::bootstrap)): a
//! speedup's from the 1-thread and N-thread samples of the same rounds, resampled together.

use std::collections::BTreeMap;

use super::bootstrap::{independent_ci, median_ci, paired_ci, seed};
use super::record::Record;

pub use super::bootstrap::median;

/// The runtime every single-thread ratio is taken against.
pub const BASELINE: &str = "gilfree:gil";

/// A record's samples grouped by round (each sample its own group in a run made before rounds existed).
pub fn by_round(rec: &Record) -> BTreeMap<usize, Vec<f64>> {
    let mut out: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
    if rec.sample_rounds.len() == rec.samples_s.len() {
        for (&r, &x) in rec.sample_rounds.iter().zip(&rec.samples_s) {
            out.entry(r).or_default().push(x);
        }
    } else {
        for (i, &x) in rec.samples_s.iter().enumerate() {
            out.insert(i, vec![x]);
        }
    }
    out
}

/// Whether a record's samples carry their rounds.
fn has_rounds(rec: &Record) -> bool {
    !rec.samples_s.is_empty() && rec.sample_rounds.len() == rec.samples_s.len()
}

fn key(rec: &Record, what: &str) -> u64 {
    seed(&format!("{}|{}|{}|{what}", rec.workload, rec.runtime, rec.threads))
}

/// Fill in `median_s`, `ci95`, `ops_per_s` and `ops_per_s_ci95` of one record from its samples.
pub fn summarize(rec: &mut Record) {
    rec.median_s = median(&rec.samples_s);
    let groups: Vec<Vec<f64>> = by_round(rec).into_values().collect();
    rec.ci95 = median_ci(&groups, key(rec, "time"));
    let work = (rec.threads as u64 * rec.iters) as f64;
    rec.ops_per_s = rec.median_s.filter(|m| *m > 0.0).map(|m| work / m);
    rec.ops_per_s_ci95 = rec.ci95.filter(|[lo, _]| *lo > 0.0).map(|[lo, hi]| [work / hi, work / lo]);
}

/// The interval of `f(median(a), median(b))`: paired by round when both records carry rounds, else the two
/// resampled apart.
fn ratio_ci(a: &Record, b: &Record, f: impl Fn(f64, f64) -> f64, seed: u64) -> Option<[f64; 2]> {
    let (ra, rb) = (by_round(a), by_round(b));
    if has_rounds(a) && has_rounds(b) {
        let pairs: Vec<(Vec<f64>, Vec<f64>)> =
            ra.iter().filter_map(|(r, xa)| Some((xa.clone(), rb.get(r)?.clone()))).collect();
        paired_ci(&pairs, f, seed)
    } else {
        let ga: Vec<Vec<f64>> = ra.into_values().collect();
        let gb: Vec<Vec<f64>> = rb.into_values().collect();
        independent_ci(&ga, &gb, f, seed)
    }
}

/// Fill in `speedup` (= T · t1 / tT, weak scaling), `speedup_ci95` and `efficiency` of every record from the
/// 1-thread record of the same workload and runtime, and `t1_vs_gil` (with its interval) of every 1-thread
/// record from `gilfree:gil`'s. Records without their baseline get `None`.
pub fn fill_scaling(records: &mut [Record]) {
    fill_scaling_where(records, None);
}

/// [`fill_scaling`] for the records of one workload only (the others are left as they are): what a new
/// sample of that workload can change.
pub fn fill_scaling_of(records: &mut [Record], workload: &str) {
    fill_scaling_where(records, Some(workload));
}

fn fill_scaling_where(records: &mut [Record], only: Option<&str>) {
    let mine = |r: &Record| only.is_none_or(|w| r.workload == w);
    let ok_t1: Vec<Record> = records
        .iter()
        .filter(|r| mine(r) && r.threads == 1 && r.status == "ok" && r.median_s.is_some())
        .cloned()
        .collect();
    let find = |w: &str, rt: &str| ok_t1.iter().find(|b| b.workload == w && b.runtime == rt);
    for r in records.iter_mut().filter(|r| mine(r)) {
        let ok = r.status == "ok" && r.median_s.is_some_and(|m| m > 0.0);
        let base = find(&r.workload, &r.runtime).filter(|_| ok);
        let t = r.threads as f64;
        r.speedup = base.and_then(|b| Some(t * b.median_s? / r.median_s?));
        r.speedup_ci95 = match base {
            Some(b) if r.threads > 1 => ratio_ci(b, r, |t1, tn| t * t1 / tn, key(r, "speedup")),
            _ => None,
        };
        r.efficiency = r.speedup.map(|s| s / t);
        let gil = find(&r.workload, BASELINE).filter(|_| ok && r.threads == 1);
        r.t1_vs_gil = gil.and_then(|g| Some(r.median_s? / g.median_s?));
        r.t1_vs_gil_ci95 = gil.and_then(|g| ratio_ci(r, g, |a, b| a / b, key(r, "vs-gil")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(workload: &str, runtime: &str, threads: usize, samples: &[f64]) -> Record {
        let mut r = Record {
            workload: workload.into(),
            runtime: runtime.into(),
            threads,
            iters: 100,
            samples_s: samples.to_vec(),
            sample_rounds: (0..samples.len()).collect(),
            status: "ok".into(),
            ..Record::default()
        };
        summarize(&mut r);
        r
    }

    #[test]
    fn speedup_is_weak_scaling_against_the_same_runtime() {
        let mut rs = vec![
            rec("w", "gilfree:gil", 1, &[1.0]),
            rec("w", "gilfree:gil", 2, &[2.0]),
            rec("w", "gilfree:atomic", 1, &[1.0]),
            rec("w", "gilfree:atomic", 2, &[1.25]),
            rec("v", "gilfree:gil", 2, &[1.0]),
        ];
        fill_scaling(&mut rs);
        assert_eq!(rs[0].speedup, Some(1.0));
        assert_eq!(rs[1].speedup, Some(1.0));
        assert_eq!(rs[3].speedup, Some(1.6));
        assert_eq!(rs[3].efficiency, Some(0.8));
        assert_eq!(rs[4].speedup, None, "no 1-thread baseline");
        assert_eq!(rs[3].ops_per_s, Some(160.0));
        assert_eq!(rs[2].t1_vs_gil, Some(1.0));
        assert_eq!(rs[3].t1_vs_gil, None, "only at one thread");
    }

    #[test]
    fn intervals_come_from_rounds_and_pair_the_speedup() {
        // Round 3 is slow for both points: paired, the speedup is 2 in every round.
        let t1 = [1.0, 1.0, 1.6, 1.0, 1.02];
        let t2: Vec<f64> = t1.iter().map(|x| x * 1.0).collect();
        let mut rs = vec![rec("w", "gilfree:biased", 1, &t1), rec("w", "gilfree:biased", 2, &t2)];
        fill_scaling(&mut rs);
        let [lo, hi] = rs[1].speedup_ci95.expect("an interval");
        assert!((lo - 2.0).abs() < 1e-9 && (hi - 2.0).abs() < 1e-9, "[{lo}, {hi}]");
        let [lo, hi] = rs[0].ci95.expect("a time interval");
        assert!(lo >= 1.0 && hi <= 1.6 && lo < hi, "[{lo}, {hi}]");
        let [olo, ohi] = rs[0].ops_per_s_ci95.expect("ops interval");
        assert!((olo - 100.0 / hi).abs() < 1e-9 && (ohi - 100.0 / lo).abs() < 1e-9);
    }

    #[test]
    fn one_workload_is_filled_in_alone() {
        let mut rs = vec![
            rec("w", "gilfree:gil", 1, &[1.0]),
            rec("w", "gilfree:gil", 2, &[2.0]),
            rec("v", "gilfree:gil", 1, &[1.0]),
            rec("v", "gilfree:gil", 2, &[1.0]),
        ];
        fill_scaling_of(&mut rs, "v");
        assert_eq!(rs[1].speedup, None, "w was not touched");
        assert_eq!(rs[3].speedup, Some(2.0));
        fill_scaling(&mut rs);
        assert_eq!(rs[1].speedup, Some(1.0));
    }

    #[test]
    fn records_without_rounds_group_each_sample_alone() {
        let mut r = rec("w", "gilfree:gil", 1, &[1.0, 2.0, 3.0]);
        r.sample_rounds.clear();
        assert_eq!(by_round(&r).len(), 3);
        r.sample_rounds = vec![0, 0, 1];
        assert_eq!(by_round(&r)[&0], [1.0, 2.0]);
    }
}
