//! Bootstrap confidence intervals over rounds.
//!
//! A run's samples come in rounds: one visit of every point per round, each visit its own process. Samples of
//! one round share that moment's machine (a slow phase of a CPU, a neighbour's burst), so the unit of
//! resampling is the round, not the sample (a cluster bootstrap): a replicate draws R rounds with
//! replacement and recomputes the statistic from the samples of the rounds drawn. For a speedup or a ratio
//! the two points' samples of the same round are drawn together (paired), so a round in which the machine
//! was slow for both counts once, as it happened, instead of widening the interval twice.
//!
//! The interval is the percentile interval of [`RESAMPLES`] replicates, 2.5% to 97.5%. With fewer than three
//! rounds there is nothing to resample, and the samples themselves are resampled instead (the interval
//! then ignores their correlation and is too narrow: such points are flagged `unstable` unless they have
//! three samples). The random numbers are a seeded xorshift (`rand_xorshift`), the seed derived from the
//! point's name, so a report always prints the same interval for the same data.

use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;

/// Replicates per interval.
pub const RESAMPLES: usize = 2000;

/// A seed from a point's name (FNV-1a), so every interval is reproducible.
pub fn seed(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The median (mean of the middle two for an even count); `None` when empty or not finite.
pub fn median(samples: &[f64]) -> Option<f64> {
    if samples.is_empty() || samples.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    Some(if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 })
}

/// The 2.5% and 97.5% points of `values` (sorted in place), by linear interpolation between ranks.
fn percentile_interval(values: &mut [f64]) -> Option<[f64; 2]> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let at = |q: f64| {
        let pos = q * (values.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        values[lo] + (values[hi] - values[lo]) * (pos - lo as f64)
    };
    Some([at(0.025), at(0.975)])
}

/// The groups to resample: the rounds when there are three or more, else every sample on its own.
fn units(groups: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let rounds: Vec<Vec<f64>> = groups.iter().filter(|g| !g.is_empty()).cloned().collect();
    if rounds.len() >= 3 { rounds } else { rounds.into_iter().flatten().map(|x| vec![x]).collect() }
}

/// The interval of the median of all samples, resampling `groups` (one group of samples per round).
pub fn median_ci(groups: &[Vec<f64>], seed: u64) -> Option<[f64; 2]> {
    let units = units(groups);
    if units.len() < 2 {
        return None;
    }
    let mut rng = XorShiftRng::seed_from_u64(seed);
    let mut stats = Vec::with_capacity(RESAMPLES);
    let mut drawn = Vec::new();
    for _ in 0..RESAMPLES {
        drawn.clear();
        for _ in 0..units.len() {
            drawn.extend_from_slice(&units[index(&mut rng, units.len())]);
        }
        stats.extend(median(&drawn));
    }
    percentile_interval(&mut stats)
}

/// The interval of `f(median(a), median(b))`, resampling the rounds of `pairs` (the samples of point a and
/// of point b in the same round) together. With fewer than three pairs, a and b are resampled apart.
pub fn paired_ci(pairs: &[(Vec<f64>, Vec<f64>)], f: impl Fn(f64, f64) -> f64, seed: u64) -> Option<[f64; 2]> {
    let pairs: Vec<&(Vec<f64>, Vec<f64>)> = pairs.iter().filter(|(a, b)| !a.is_empty() && !b.is_empty()).collect();
    let mut rng = XorShiftRng::seed_from_u64(seed);
    let mut stats = Vec::with_capacity(RESAMPLES);
    if pairs.len() >= 3 {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..RESAMPLES {
            a.clear();
            b.clear();
            for _ in 0..pairs.len() {
                let (pa, pb) = pairs[index(&mut rng, pairs.len())];
                a.extend_from_slice(pa);
                b.extend_from_slice(pb);
            }
            if let (Some(ma), Some(mb)) = (median(&a), median(&b)) {
                stats.push(f(ma, mb));
            }
        }
    } else {
        let a: Vec<f64> = pairs.iter().flat_map(|p| p.0.iter().copied()).collect();
        let b: Vec<f64> = pairs.iter().flat_map(|p| p.1.iter().copied()).collect();
        if a.len() < 2 || b.len() < 2 {
            return None;
        }
        let (mut ra, mut rb) = (Vec::new(), Vec::new());
        for _ in 0..RESAMPLES {
            ra.clear();
            rb.clear();
            ra.extend((0..a.len()).map(|_| a[index(&mut rng, a.len())]));
            rb.extend((0..b.len()).map(|_| b[index(&mut rng, b.len())]));
            if let (Some(ma), Some(mb)) = (median(&ra), median(&rb)) {
                stats.push(f(ma, mb));
            }
        }
    }
    percentile_interval(&mut stats)
}

/// The interval of `f(median(a), median(b))` for two independent sets of rounds (two runs): each resampled
/// on its own.
pub fn independent_ci(a: &[Vec<f64>], b: &[Vec<f64>], f: impl Fn(f64, f64) -> f64, seed: u64) -> Option<[f64; 2]> {
    let (ua, ub) = (units(a), units(b));
    if ua.len() < 2 || ub.len() < 2 {
        return None;
    }
    let mut rng = XorShiftRng::seed_from_u64(seed);
    let mut stats = Vec::with_capacity(RESAMPLES);
    let (mut ra, mut rb) = (Vec::new(), Vec::new());
    for _ in 0..RESAMPLES {
        ra.clear();
        rb.clear();
        for _ in 0..ua.len() {
            ra.extend_from_slice(&ua[index(&mut rng, ua.len())]);
        }
        for _ in 0..ub.len() {
            rb.extend_from_slice(&ub[index(&mut rng, ub.len())]);
        }
        if let (Some(ma), Some(mb)) = (median(&ra), median(&rb)) {
            stats.push(f(ma, mb));
        }
    }
    percentile_interval(&mut stats)
}

/// A uniform index below `len` (the modulo bias is below 2⁻⁵⁰ for the counts used here).
fn index(rng: &mut XorShiftRng, len: usize) -> usize {
    (rng.next_u64() % len as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[1.0, f64::NAN]), None);
    }

    #[test]
    fn the_same_seed_gives_the_same_interval_and_constant_data_a_point() {
        let rounds: Vec<Vec<f64>> = [1.0, 1.2, 0.9, 1.1, 1.05].iter().map(|x| vec![*x]).collect();
        let a = median_ci(&rounds, seed("w|gil|1")).expect("an interval");
        assert_eq!(Some(a), median_ci(&rounds, seed("w|gil|1")), "reproducible");
        assert!(a[0] >= 0.9 && a[1] <= 1.2 && a[0] < a[1], "{a:?}");
        let flat = vec![vec![2.0]; 5];
        assert_eq!(median_ci(&flat, 7), Some([2.0, 2.0]));
        assert_eq!(median_ci(&[vec![1.0]], 7), None, "one sample: no interval");
    }

    /// With a fixed seed the whole experiment is deterministic: 400 data sets of 9 rounds drawn from a
    /// skewed distribution whose median is known; the 95% interval must cover it in most of them (the
    /// percentile bootstrap of a median undercovers a little at this size, so 85% is required).
    #[test]
    fn the_interval_covers_the_true_median_about_95_percent_of_the_time() {
        let mut rng = XorShiftRng::seed_from_u64(20261207);
        let true_median = std::f64::consts::LN_2; // Exponential(1)
        let mut covered = 0;
        for trial in 0..400 {
            let rounds: Vec<Vec<f64>> = (0..9)
                .map(|_| {
                    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                    vec![-(1.0 - u).ln()]
                })
                .collect();
            let [lo, hi] = median_ci(&rounds, trial).expect("an interval");
            covered += usize::from(lo <= true_median && true_median <= hi);
        }
        assert!((340..=400).contains(&covered), "covered {covered} of 400");
    }

    #[test]
    fn paired_rounds_cancel_what_both_points_share() {
        // Round r slows both points by the same factor: the paired speedup is exactly 2 in every replicate,
        // while resampling the two points apart spreads it.
        let slow = [1.0, 1.5, 1.0, 1.3, 1.1];
        let pairs: Vec<(Vec<f64>, Vec<f64>)> = slow.iter().map(|s| (vec![1.0 * s], vec![1.0 * s])).collect();
        let speedup = |t1: f64, tn: f64| 2.0 * t1 / tn;
        let [lo, hi] = paired_ci(&pairs, speedup, 1).expect("an interval");
        assert!((lo - 2.0).abs() < 1e-12 && (hi - 2.0).abs() < 1e-12, "[{lo}, {hi}]");
        let a: Vec<Vec<f64>> = pairs.iter().map(|p| p.0.clone()).collect();
        let b: Vec<Vec<f64>> = pairs.iter().map(|p| p.1.clone()).collect();
        let [lo, hi] = independent_ci(&a, &b, speedup, 1).expect("an interval");
        assert!(lo < 1.9 && hi > 2.1, "[{lo}, {hi}]");
    }
}
