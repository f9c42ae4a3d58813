//! Validity flags: what the harness checks about every point before its numbers may be cited.
//!
//! A flag does not change a number; it says why the number should not be quoted as it stands. The flags,
//! with the thresholds below:
//!
//! | flag | raised when |
//! |---|---|
//! | `superlinear` | the speedup is above T × 1.10: weak scaling cannot beat the thread count, so the 1-thread baseline or the machine was off |
//! | `short` | the median sample is below the run's minimum sample (`--min-sample`), or any sample is below 50 ms |
//! | `unstable` | the 95% interval of the median time reaches beyond ±10% of the median, or there are too few samples for one |
//! | `busy` | the machine lent less CPU than the point needed: steal above 10% of a CPU, other processes using more than the CPUs the point left free (+ 0.25), or the workers waiting in the run queue for over 10% of their time while each had a CPU of its own |
//! | `control` | `gilfree:isolated` and `gilfree:gil` (the same code at one thread) differ by more than 10% on this workload: the machine's process-to-process noise is above what single-thread ratios of this workload may claim; every record of the workload carries it |
//! | `legacy` | the run predates calibration and interleaved rounds |
//!
//! [`apply`] recomputes every flag of a run from its records, so a report of an old file flags it by
//! today's rules.

use std::collections::HashMap;

use super::record::{Record, Results};

/// The default minimum sample, seconds (`--min-sample`).
pub const DEFAULT_MIN_SAMPLE: f64 = 0.25;
/// No sample below this is trusted, whatever `--min-sample` says.
pub const SHORT_FLOOR: f64 = 0.05;
/// The speedup above which a point is `superlinear`: T × this.
pub const SUPERLINEAR: f64 = 1.10;
/// The half-width of the median's interval, relative, above which a point is `unstable`.
pub const UNSTABLE: f64 = 0.10;
/// Busy: steal, in CPUs on average during a visit.
pub const BUSY_STEAL_CPUS: f64 = 0.10;
/// Busy: other processes' load beyond the free CPUs, in CPUs.
pub const BUSY_OTHERS_CPUS: f64 = 0.25;
/// Busy: the workers' run-queue wait over their wall time.
pub const BUSY_WAIT: f64 = 0.10;
/// Control: the largest accepted isolated/gil ratio at one thread (and its inverse).
pub const CONTROL: f64 = 1.10;

/// Every flag name, in the order they are listed.
pub const ALL: [&str; 6] = ["superlinear", "short", "unstable", "busy", "control", "legacy"];

/// A flag's one-letter code for narrow table cells.
pub fn code(flag: &str) -> &'static str {
    match flag {
        "superlinear" => "S",
        "short" => "s",
        "unstable" => "u",
        "busy" => "b",
        "control" => "c",
        "legacy" => "L",
        _ => "?",
    }
}

/// The codes and their flags: `S superlinear, s short, ...`.
pub fn codes() -> String {
    ALL.iter().map(|f| format!("{} {f}", code(f))).collect::<Vec<_>>().join(", ")
}

/// The legend of the codes, for under a table.
pub fn legend() -> String {
    format!("flags: {} (see `gilfree scale --help`)", codes())
}

/// Recompute `flags` and `flag_notes` of every record of `results`.
pub fn apply(results: &mut Results) {
    let min_sample = results.config.min_sample_s.unwrap_or(DEFAULT_MIN_SAMPLE);
    let legacy = results.config.rounds.is_none();
    let logical = results.machine.cores_logical.max(1);
    let controls = control_ratios(&results.records);
    for r in results.records.iter_mut() {
        let mut found: Vec<(&str, String)> = Vec::new();
        if r.status == "ok" {
            check_point(r, min_sample, &mut found);
            if let Some(why) = busy(r, logical) {
                found.push(("busy", why));
            }
            if let Some(ratio) = controls.get(&r.workload) {
                found.push((
                    "control",
                    format!(
                        "isolated/gil at 1 thread is {ratio:.2} on this workload (beyond 1/{CONTROL:.2}–{CONTROL:.2})"
                    ),
                ));
            }
            if legacy {
                found.push(("legacy", "measured before calibration and interleaved rounds existed".into()));
            }
        }
        r.flags = found.iter().map(|(f, _)| (*f).to_owned()).collect();
        r.flag_notes = found.into_iter().map(|(f, why)| format!("{f}: {why}")).collect();
    }
}

/// The flags a point's own numbers raise: superlinear, short, unstable.
fn check_point(r: &Record, min_sample: f64, found: &mut Vec<(&str, String)>) {
    let t = r.threads as f64;
    if let Some(s) = r.speedup.filter(|s| r.threads > 1 && *s > t * SUPERLINEAR) {
        found.push(("superlinear", format!("speedup {s:.2} at {} threads is above {:.2}", r.threads, t * SUPERLINEAR)));
    }
    let shortest = r.samples_s.iter().copied().min_by(f64::total_cmp);
    match (r.median_s, shortest) {
        (Some(m), _) if m < min_sample => found.push((
            "short",
            format!("median sample {:.0} ms is below the minimum {:.0} ms", m * 1e3, min_sample * 1e3),
        )),
        (_, Some(s)) if s < SHORT_FLOOR => {
            found.push(("short", format!("a sample of {:.1} ms is below {:.0} ms", s * 1e3, SHORT_FLOOR * 1e3)))
        }
        _ => {}
    }
    match (r.median_s, r.ci95) {
        (Some(m), Some([lo, hi])) if m > 0.0 && (hi > m * (1.0 + UNSTABLE) || lo < m * (1.0 - UNSTABLE)) => {
            found.push((
                "unstable",
                format!(
                    "95% interval of the median [{:+.1}%, {:+.1}%]",
                    (lo / m - 1.0) * 100.0,
                    (hi / m - 1.0) * 100.0
                ),
            ))
        }
        (Some(_), None) if r.latency.is_none() => {
            found.push(("unstable", format!("{} sample(s): too few for an interval", r.samples_s.len())))
        }
        _ => {}
    }
}

/// Why the machine was busy during the point, if it was.
fn busy(r: &Record, logical: usize) -> Option<String> {
    for v in &r.visits {
        let wall = v.wall_s.max(1e-9);
        if let Some(steal) = v.steal_s.filter(|s| s / wall > BUSY_STEAL_CPUS) {
            return Some(format!("round {}: {:.2} CPUs stolen by the hypervisor on average", v.round, steal / wall));
        }
        let used = if v.cpus.is_empty() { r.threads.min(logical) } else { distinct(&v.cpus, r.threads) };
        let free = logical.saturating_sub(used) as f64;
        if let Some(others) = v.others_cpu_s.filter(|o| o / wall > free + BUSY_OTHERS_CPUS) {
            return Some(format!(
                "round {}: other processes used {:.2} CPUs while {free} were free",
                v.round,
                others / wall
            ));
        }
    }
    let own_cpus = r.visits.iter().all(|v| v.cpus.is_empty() || distinct(&v.cpus, r.threads) >= r.threads);
    if own_cpus && r.wait_s.len() == r.samples_s.len() && r.threads <= logical {
        let waited: f64 = r.wait_s.iter().sum();
        let ran: f64 = r.samples_s.iter().map(|s| s * r.threads as f64).sum();
        if ran > 0.0 && waited / ran > BUSY_WAIT {
            return Some(format!("the workers waited in the run queue {:.0}% of the time", waited / ran * 100.0));
        }
    }
    None
}

/// CPUs a visit's `threads` workers were pinned to, counted once each.
fn distinct(cpus: &[usize], threads: usize) -> usize {
    let mut used: Vec<usize> = (0..threads).map(|i| cpus[i % cpus.len()]).collect();
    used.sort_unstable();
    used.dedup();
    used.len()
}

/// Workloads whose isolated/gil 1-thread ratio is beyond the control's bounds, with that ratio.
fn control_ratios(records: &[Record]) -> HashMap<String, f64> {
    records
        .iter()
        .filter(|r| r.runtime == "gilfree:isolated" && r.threads == 1 && r.status == "ok")
        .filter_map(|r| Some((r.workload.clone(), r.t1_vs_gil?)))
        .filter(|(_, ratio)| !(1.0 / CONTROL..=CONTROL).contains(ratio))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::record::{Config, Machine, Visit};
    use crate::bench::stats;

    /// A run of synthetic records on a 4-CPU machine, with rounds and a 0.25 s minimum sample.
    fn run(records: Vec<Record>) -> Results {
        let mut results = Results {
            machine: Machine { cores_logical: 4, ..Machine::default() },
            config: Config { rounds: Some(5), min_sample_s: Some(0.25), ..Config::default() },
            calibration: Vec::new(),
            records,
            complete: true,
        };
        for r in &mut results.records {
            stats::summarize(r);
        }
        stats::fill_scaling(&mut results.records);
        apply(&mut results);
        results
    }

    fn rec(runtime: &str, threads: usize, samples: &[f64]) -> Record {
        Record {
            workload: "w".into(),
            runtime: runtime.into(),
            threads,
            iters: 1000,
            samples_s: samples.to_vec(),
            sample_rounds: (0..samples.len()).collect(),
            visits: (0..samples.len())
                .map(|round| Visit {
                    round,
                    wall_s: 1.0,
                    steal_s: Some(0.0),
                    others_cpu_s: Some(0.0),
                    ..Visit::default()
                })
                .collect(),
            status: "ok".into(),
            ..Record::default()
        }
    }

    fn flags_of<'a>(results: &'a Results, runtime: &str, threads: usize) -> &'a [String] {
        &results.records.iter().find(|r| r.runtime == runtime && r.threads == threads).expect("a record").flags
    }

    const STEADY: [f64; 5] = [0.30, 0.30, 0.31, 0.30, 0.30];

    #[test]
    fn a_steady_point_passes_every_check() {
        let r = run(vec![rec("gilfree:atomic", 1, &STEADY), rec("gilfree:atomic", 2, &STEADY)]);
        assert!(flags_of(&r, "gilfree:atomic", 1).is_empty(), "{:?}", r.records[0].flag_notes);
        assert!(flags_of(&r, "gilfree:atomic", 2).is_empty(), "{:?}", r.records[1].flag_notes);
    }

    #[test]
    fn a_speedup_above_the_thread_count_is_superlinear() {
        let fast: Vec<f64> = STEADY.iter().map(|x| x / 1.5).collect();
        let r = run(vec![rec("gilfree:atomic", 1, &STEADY), rec("gilfree:atomic", 2, &fast)]);
        assert_eq!(flags_of(&r, "gilfree:atomic", 2), ["superlinear", "short"]);
        assert!(r.records[1].flag_notes[0].contains("speedup 3.00 at 2 threads"), "{:?}", r.records[1].flag_notes);
        assert!(flags_of(&r, "gilfree:atomic", 1).is_empty());
    }

    #[test]
    fn short_samples_are_flagged_against_the_minimum_and_the_floor() {
        let r = run(vec![rec("gilfree:gil", 1, &[0.2, 0.2, 0.21, 0.2, 0.2])]);
        assert_eq!(flags_of(&r, "gilfree:gil", 1), ["short"]);
        let mut quick = run(vec![rec("gilfree:gil", 1, &[0.06, 0.045, 0.06, 0.06, 0.06])]);
        quick.config.min_sample_s = Some(0.05);
        apply(&mut quick);
        assert!(flags_of(&quick, "gilfree:gil", 1).contains(&"short".to_owned()));
        assert!(quick.records[0].flag_notes[0].contains("45.0 ms is below 50 ms"), "{:?}", quick.records[0].flag_notes);
    }

    #[test]
    fn a_wide_interval_is_unstable() {
        let r = run(vec![rec("gilfree:gil", 1, &[0.30, 0.45, 0.30, 0.46, 0.31])]);
        assert_eq!(flags_of(&r, "gilfree:gil", 1), ["unstable"]);
        let one = run(vec![rec("gilfree:gil", 1, &[0.30])]);
        assert_eq!(flags_of(&one, "gilfree:gil", 1), ["unstable"], "one sample has no interval");
    }

    #[test]
    fn a_busy_machine_is_flagged_by_steal_others_or_waiting() {
        let mut stolen = rec("gilfree:atomic", 1, &STEADY);
        stolen.visits[2].steal_s = Some(0.3);
        let mut crowded = rec("gilfree:atomic", 2, &STEADY);
        crowded.visits[0].others_cpu_s = Some(2.4); // 2 of 4 CPUs free, 2.4 used by others
        let mut waited = rec("gilfree:tracing", 1, &STEADY);
        waited.wait_s = vec![0.05; 5];
        let r = run(vec![stolen, crowded, waited]);
        for (rt, t, why) in [
            ("gilfree:atomic", 1, "CPUs stolen"),
            ("gilfree:atomic", 2, "other processes used 2.40 CPUs while 2 were free"),
            ("gilfree:tracing", 1, "run queue 17%"),
        ] {
            let x = r.records.iter().find(|x| x.runtime == rt && x.threads == t).expect("a record");
            assert_eq!(x.flags, ["busy"], "{rt} {t}: {:?}", x.flag_notes);
            assert!(x.flag_notes[0].contains(why), "{:?}", x.flag_notes);
        }
    }

    #[test]
    fn two_threads_on_one_cpu_wait_by_design_and_are_not_busy() {
        let mut shared = rec("gilfree:atomic", 2, &STEADY);
        shared.wait_s = vec![0.3; 5];
        for v in &mut shared.visits {
            v.cpus = vec![0, 0];
        }
        let r = run(vec![rec("gilfree:atomic", 1, &STEADY), shared]);
        assert!(flags_of(&r, "gilfree:atomic", 2).is_empty(), "{:?}", r.records[1].flag_notes);
    }

    #[test]
    fn the_control_flags_the_workload_when_isolated_and_gil_disagree() {
        let slower: Vec<f64> = STEADY.iter().map(|x| x * 1.2).collect();
        let r = run(vec![
            rec("gilfree:gil", 1, &STEADY),
            rec("gilfree:isolated", 1, &slower),
            rec("gilfree:atomic", 2, &STEADY),
        ]);
        for x in &r.records {
            assert_eq!(x.flags, ["control"], "{} {}", x.runtime, x.threads);
        }
        assert!(r.records[0].flag_notes[0].contains("1.20"), "{:?}", r.records[0].flag_notes);
        let agree = run(vec![rec("gilfree:gil", 1, &STEADY), rec("gilfree:isolated", 1, &STEADY)]);
        assert!(agree.records.iter().all(|x| x.flags.is_empty()));
    }

    #[test]
    fn runs_without_rounds_are_legacy_and_failed_points_carry_no_flags() {
        let mut r =
            run(vec![rec("gilfree:gil", 1, &STEADY), Record { status: "failed".into(), ..rec("gilfree:gil", 2, &[]) }]);
        r.config.rounds = None;
        apply(&mut r);
        assert_eq!(r.records[0].flags, ["legacy"]);
        assert!(r.records[1].flags.is_empty());
    }
}
