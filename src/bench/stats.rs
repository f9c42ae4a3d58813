//! Statistics of a point: the median of its repetitions, a distribution-free confidence interval of that
//! median, and the scaling figures computed across points.
//!
//! Timing samples on shared machines are skewed (interference only ever adds time), so the harness reports
//! medians, not means, and an order-statistic interval that assumes nothing about the distribution: the
//! interval `[x(j), x(n+1-j)]` of the sorted samples covers the true median with probability
//! `1 - 2·P(Binomial(n, 1/2) < j)`. The largest `j` with coverage ≥ 95% is used; with fewer than six samples
//! no `j` reaches 95%, and the interval is the full range `[min, max]` (coverage 1 − 2/2ⁿ: 93.75% at n = 5).

use super::record::Record;

/// The median of `samples` (mean of the middle two for an even count); `None` when empty.
pub fn median(samples: &[f64]) -> Option<f64> {
    let s = sorted(samples)?;
    let n = s.len();
    Some(if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 })
}

fn sorted(samples: &[f64]) -> Option<Vec<f64>> {
    if samples.is_empty() || samples.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    Some(s)
}

/// `P(Binomial(n, 1/2) < j)`.
fn binom_below(n: usize, j: usize) -> f64 {
    // C(n, i) / 2^n, summed; n is a repetition count (small), so f64 is exact enough.
    let mut c = 1.0_f64;
    let mut sum = 0.0;
    for i in 0..j.min(n + 1) {
        if i > 0 {
            c = c * (n + 1 - i) as f64 / i as f64;
        }
        sum += c;
    }
    sum / 2f64.powi(n as i32)
}

/// The order-statistic 95% interval of the median, `[lo, hi]`, and its exact coverage.
pub fn median_ci95(samples: &[f64]) -> Option<([f64; 2], f64)> {
    let s = sorted(samples)?;
    let n = s.len();
    let mut j = 1;
    while j < n / 2 && 1.0 - 2.0 * binom_below(n, j + 1) >= 0.95 {
        j += 1;
    }
    let coverage = 1.0 - 2.0 * binom_below(n, j);
    Some(([s[j - 1], s[n - j]], coverage))
}

/// Fill in `median_s`, `ops_per_s`, `ci95` of one record from its samples.
pub fn summarize(rec: &mut Record) {
    rec.median_s = median(&rec.samples_s);
    rec.ci95 = median_ci95(&rec.samples_s).map(|(ci, _)| ci);
    rec.ops_per_s = rec.median_s.filter(|m| *m > 0.0).map(|m| (rec.threads as u64 * rec.iters) as f64 / m);
}

/// Fill in `speedup` (= T · t1 / tT, weak scaling) and `efficiency` (= speedup / T) of every record from the
/// 1-thread record of the same workload and runtime. Records without a 1-thread baseline get `None`.
pub fn fill_scaling(records: &mut [Record]) {
    let baselines: Vec<(String, String, f64)> = records
        .iter()
        .filter(|r| r.threads == 1 && r.status == "ok")
        .filter_map(|r| r.median_s.map(|m| (r.workload.clone(), r.runtime.clone(), m)))
        .collect();
    for r in records.iter_mut() {
        let t1 = baselines.iter().find(|(w, rt, _)| *w == r.workload && *rt == r.runtime).map(|b| b.2);
        r.speedup = match (t1, r.median_s) {
            (Some(t1), Some(tn)) if tn > 0.0 && r.status == "ok" => Some(r.threads as f64 * t1 / tn),
            _ => None,
        };
        r.efficiency = r.speedup.map(|s| s / r.threads as f64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn small_samples_get_the_full_range_with_its_true_coverage() {
        let (ci, cov) = median_ci95(&[5.0, 1.0, 3.0, 2.0, 4.0]).unwrap();
        assert_eq!(ci, [1.0, 5.0]);
        assert!((cov - 0.9375).abs() < 1e-12, "{cov}");
    }

    #[test]
    fn larger_samples_trim_to_the_binomial_ranks() {
        // n = 20: P(Bin(20, .5) < 6) = 0.0207, P(< 7) = 0.0577, so j = 6: [x(6), x(15)].
        let xs: Vec<f64> = (1..=20).map(f64::from).collect();
        let (ci, cov) = median_ci95(&xs).unwrap();
        assert_eq!(ci, [6.0, 15.0]);
        assert!((0.95..0.96).contains(&cov), "{cov}");
    }

    fn rec(workload: &str, runtime: &str, threads: usize, samples: &[f64]) -> Record {
        let mut r = Record {
            workload: workload.into(),
            runtime: runtime.into(),
            threads,
            iters: 100,
            samples_s: samples.to_vec(),
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
    }
}
