//! `gilfree compare A B`: two runs (two commits, or two machines) point by point, as `pyperf compare_to`
//! does.
//!
//! For every point both runs measured: the median time per iteration of each (the runs may have calibrated
//! different `n`, so sample times are divided by each record's `iters`), the ratio B/A with its bootstrap 95%
//! interval (each run's rounds resampled on its own: the runs are independent), and a verdict. The verdict
//! is "not significant" when the two medians' own 95% intervals overlap; otherwise B is "faster" or
//! "slower". The speedups of both runs are shown too, and each side's flags.

use comfy_table::{Table, presets};

use super::bootstrap::{independent_ci, seed};
use super::record::{Record, Results};
use super::report::sig;
use super::stats::by_round;

/// One compared point.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Workload.
    pub workload: String,
    /// Runtime.
    pub runtime: String,
    /// Threads.
    pub threads: usize,
    /// Median seconds per iteration in A and in B.
    pub medians: [f64; 2],
    /// B / A.
    pub ratio: f64,
    /// Its 95% interval.
    pub ratio_ci95: Option<[f64; 2]>,
    /// `faster`, `slower` or `not significant`.
    pub verdict: &'static str,
}

/// The verdict on two medians' intervals and their ratio.
pub fn verdict(a_ci: Option<[f64; 2]>, b_ci: Option<[f64; 2]>, ratio: f64) -> &'static str {
    match (a_ci, b_ci) {
        (Some([alo, ahi]), Some([blo, bhi])) if bhi < alo || blo > ahi => {
            if ratio < 1.0 {
                "faster"
            } else {
                "slower"
            }
        }
        _ => "not significant",
    }
}

/// The points both runs measured successfully, compared.
pub fn rows(a: &Results, b: &Results) -> Vec<Row> {
    let mut out = Vec::new();
    for ra in a.records.iter().filter(|r| r.status == "ok") {
        let Some(rb) = b.records.iter().find(|r| {
            r.status == "ok" && r.workload == ra.workload && r.runtime == ra.runtime && r.threads == ra.threads
        }) else {
            continue;
        };
        let (Some(ma), Some(mb)) = (ra.median_s, rb.median_s) else { continue };
        // Per iteration: each run calibrated its own `n`.
        let per = |r: &Record| r.iters.max(1) as f64;
        let (ia, ib) = (per(ra), per(rb));
        let (ma, mb) = (ma / ia, mb / ib);
        let groups = |r: &Record, it: f64| {
            by_round(r).into_values().map(|g| g.into_iter().map(|x| x / it).collect()).collect::<Vec<Vec<f64>>>()
        };
        let name = format!("{}|{}|{}|compare", ra.workload, ra.runtime, ra.threads);
        let ratio_ci95 = independent_ci(&groups(ra, ia), &groups(rb, ib), |x, y| y / x, seed(&name));
        let scaled = |ci: Option<[f64; 2]>, it: f64| ci.map(|[lo, hi]| [lo / it, hi / it]);
        out.push(Row {
            workload: ra.workload.clone(),
            runtime: ra.runtime.clone(),
            threads: ra.threads,
            medians: [ma, mb],
            ratio: mb / ma,
            ratio_ci95,
            verdict: verdict(scaled(ra.ci95, ia), scaled(rb.ci95, ib), mb / ma),
        });
    }
    out
}

/// The comparison as text: what A and B are, then one table row per point.
pub fn compare(a: &Results, b: &Results, a_name: &str, b_name: &str) -> String {
    let side = |r: &Results, name: &str| {
        format!(
            "{name}: commit {}{}, {} ({} CPUs), started {}",
            r.machine.commit,
            if r.machine.dirty { " (dirty)" } else { "" },
            r.machine.cpu,
            r.machine.cores_logical,
            r.config.started
        )
    };
    let rows = rows(a, b);
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).force_no_tty();
    table.set_header([
        "workload",
        "runtime",
        "thr.",
        "A s/iter",
        "B s/iter",
        "B/A [95%]",
        "verdict",
        "speedup A → B",
        "flags A | B",
    ]);
    let find = |r: &Results, row: &Row| {
        r.records
            .iter()
            .find(|x| x.workload == row.workload && x.runtime == row.runtime && x.threads == row.threads)
            .cloned()
    };
    for row in &rows {
        let (ra, rb) = (find(a, row).unwrap_or_default(), find(b, row).unwrap_or_default());
        let ci = row.ratio_ci95.map(|[lo, hi]| format!(" [{lo:.3}, {hi:.3}]")).unwrap_or_default();
        let speedup =
            |r: &Record| r.speedup.filter(|_| r.threads > 1).map_or_else(|| "-".into(), |s| format!("{s:.2}"));
        table.add_row([
            row.workload.clone(),
            row.runtime.clone(),
            row.threads.to_string(),
            sig(row.medians[0]),
            sig(row.medians[1]),
            format!("{:.3}{ci}", row.ratio),
            row.verdict.to_owned(),
            format!("{} → {}", speedup(&ra), speedup(&rb)),
            format!("{} | {}", ra.flags.join(","), rb.flags.join(",")),
        ]);
    }
    let counts = ["faster", "slower", "not significant"]
        .map(|v| format!("{} {v}", rows.iter().filter(|r| r.verdict == v).count()))
        .join(", ");
    format!(
        "A = {}\nB = {}\n{} points in both runs: {counts} (B against A; not significant where the medians' 95% \
         intervals overlap)\n{table}",
        side(a, a_name),
        side(b, b_name),
        rows.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::report::fixture::sample;
    use crate::bench::sweep::refresh;

    #[test]
    fn overlapping_intervals_are_not_significant() {
        assert_eq!(verdict(Some([1.0, 1.2]), Some([1.1, 1.3]), 1.1), "not significant");
        assert_eq!(verdict(Some([1.0, 1.2]), Some([1.3, 1.4]), 1.2), "slower");
        assert_eq!(verdict(Some([1.0, 1.2]), Some([0.7, 0.9]), 0.8), "faster");
        assert_eq!(verdict(None, Some([0.7, 0.9]), 0.8), "not significant");
    }

    #[test]
    fn a_run_compared_with_a_slower_copy_of_itself() {
        let mut a = sample();
        refresh(&mut a);
        let mut b = a.clone();
        for r in &mut b.records {
            r.samples_s.iter_mut().for_each(|x| *x *= 1.5);
        }
        refresh(&mut b);
        let compared = rows(&a, &b);
        assert_eq!(compared.len(), 7, "the failed point is left out");
        for row in &compared {
            assert!((row.ratio - 1.5).abs() < 1e-9);
            assert_eq!(row.verdict, "slower", "{row:?}");
            let [lo, hi] = row.ratio_ci95.expect("an interval");
            assert!(lo <= 1.5 && 1.5 <= hi, "{row:?}");
        }
        let text = compare(&a, &b, "a", "b");
        assert!(text.contains("7 points in both runs: 0 faster, 7 slower"), "{text}");
        assert_eq!(rows(&a, &a).iter().filter(|r| r.verdict == "not significant").count(), 7);
    }

    /// Two runs that calibrated different `n` compare per iteration: twice the iterations in twice the time
    /// is the same speed.
    #[test]
    fn runs_with_different_calibrations_compare_per_iteration() {
        let mut a = sample();
        refresh(&mut a);
        let mut b = a.clone();
        for r in &mut b.records {
            r.iters *= 2;
            r.samples_s.iter_mut().for_each(|x| *x *= 2.0);
        }
        refresh(&mut b);
        for row in rows(&a, &b) {
            assert!((row.ratio - 1.0).abs() < 1e-9, "{row:?}");
            assert_eq!(row.verdict, "not significant", "{row:?}");
        }
    }
}
