//! Folding one visit's answer into its point's record: the samples with their round, the per-sample CPU and
//! wait columns, and the machine's state around the visit.

use crate::bench::child::ChildResult;
use crate::bench::load::Snapshot;
use crate::bench::record::{Percentiles, Record, Results, Visit};

/// What the sweep knows about a visit besides the child's answer.
#[derive(Debug, Clone)]
pub struct VisitInfo {
    /// Workload name.
    pub workload: String,
    /// Runtime label.
    pub runtime: String,
    /// Threads.
    pub threads: usize,
    /// The `n` it ran.
    pub iters: u64,
    /// Round.
    pub round: usize,
    /// CPUs, worker 0 first.
    pub cpus: Vec<usize>,
    /// The machine before and after.
    pub before: Option<Snapshot>,
    /// After.
    pub after: Option<Snapshot>,
    /// The timeout it ran under, seconds.
    pub timeout_s: f64,
}

/// The record of a point, created (empty, `ok`) on its first visit.
pub fn record_mut<'a>(results: &'a mut Results, workload: &str, runtime: &str, threads: usize) -> &'a mut Record {
    let at =
        results.records.iter().position(|r| r.workload == workload && r.runtime == runtime && r.threads == threads);
    let i = at.unwrap_or_else(|| {
        results.records.push(Record {
            workload: workload.to_owned(),
            runtime: runtime.to_owned(),
            threads,
            status: "ok".into(),
            ..Record::default()
        });
        results.records.len() - 1
    });
    &mut results.records[i]
}

/// Whether the point was already visited in `round`.
pub fn visited(results: &Results, workload: &str, runtime: &str, threads: usize, round: usize) -> bool {
    results.records.iter().any(|r| {
        r.workload == workload
            && r.runtime == runtime
            && r.threads == threads
            && r.visits.iter().any(|v| v.round == round)
    })
}

/// Whether the point failed in an earlier round (it is not visited again).
pub fn failed(results: &Results, workload: &str, runtime: &str, threads: usize) -> bool {
    results
        .records
        .iter()
        .any(|r| r.workload == workload && r.runtime == runtime && r.threads == threads && r.status != "ok")
}

/// Add a visit's answer to its record.
pub fn fold(results: &mut Results, info: &VisitInfo, res: ChildResult) {
    let rec = record_mut(results, &info.workload, &info.runtime, info.threads);
    rec.iters = info.iters;
    let out = res.output;
    let delta = |f: fn(&Snapshot) -> f64| Some(f(info.after.as_ref()?) - f(info.before.as_ref()?));
    let busy = delta(|s| s.busy);
    rec.visits.push(Visit {
        round: info.round,
        cpus: info.cpus.iter().copied().take(info.threads.min(info.cpus.len())).collect(),
        wall_s: res.wall_s,
        child_cpu_s: out.process_cpu_s,
        steal_s: delta(|s| s.steal),
        iowait_s: delta(|s| s.iowait),
        others_cpu_s: busy.zip(out.process_cpu_s).map(|(b, c)| (b - c).max(0.0)),
        loadavg: info.before.zip(info.after).map(|(b, a)| [b.loadavg, a.loadavg]),
        timeout_s: Some(info.timeout_s),
    });
    rec.peak_rss_bytes = rec.peak_rss_bytes.max(out.peak_rss_bytes);
    rec.pauses = Percentiles::merge(rec.pauses, out.pauses);
    if rec.latency.is_none() {
        rec.latency = out.latency;
    }
    if let Some(err) = out.error {
        rec.status = "failed".into();
        rec.error = Some(err);
        return;
    }
    let rounds = vec![info.round; out.samples_s.len()];
    rec.add_samples(&out.samples_s, &rounds, &out.cpu_s, &out.wait_s);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::child::Ended;
    use crate::bench::record::PointOutput;

    fn answer(samples: &[f64], cpu: &[f64]) -> ChildResult {
        ChildResult {
            output: PointOutput {
                samples_s: samples.to_vec(),
                cpu_s: cpu.to_vec(),
                wait_s: vec![0.001; samples.len()],
                process_cpu_s: Some(0.5),
                ..PointOutput::default()
            },
            stderr: String::new(),
            wall_s: 1.0,
            ended: Ended::Exited,
        }
    }

    fn info(round: usize) -> VisitInfo {
        let snap = |busy: f64| Some(Snapshot { busy, iowait: 0.0, steal: 0.01, loadavg: 1.0 });
        VisitInfo {
            workload: "w".into(),
            runtime: "gilfree:gil".into(),
            threads: 2,
            iters: 10,
            round,
            cpus: vec![1, 0],
            before: snap(10.0),
            after: snap(11.5),
            timeout_s: 60.0,
        }
    }

    #[test]
    fn visits_append_samples_with_their_round_and_the_machine() {
        let mut results: Results = serde_json::from_str(
            r#"{"machine":{"cpu":"","cores_logical":2,"cores_physical":2,
            "os":"","kernel":"","rustc":"","commit":"","dirty":false,"allocator":"","mimalloc_version":null},
            "config":{"command":"","mode":"throughput","workloads":[],"runtimes":[],"threads":[],"iters":null,
            "repeat":1,"warmup":1,"quick":false,"counters":false,"pinned":true,"started":""},"records":[]}"#,
        )
        .expect("a minimal results file");
        fold(&mut results, &info(0), answer(&[0.3], &[0.6]));
        fold(&mut results, &info(1), answer(&[0.31], &[]));
        let r = &results.records[0];
        assert_eq!(r.samples_s, [0.3, 0.31]);
        assert_eq!(r.sample_rounds, [0, 1]);
        assert!(r.cpu_s.is_empty(), "the second visit had no CPU column");
        assert_eq!(r.wait_s.len(), 2);
        assert_eq!(r.visits.len(), 2);
        let v = &r.visits[1];
        assert_eq!(v.round, 1);
        assert_eq!(v.cpus, [1, 0]);
        assert!((v.others_cpu_s.unwrap() - 1.0).abs() < 1e-9, "1.5 s busy less the child's 0.5 s");
        assert!(visited(&results, "w", "gilfree:gil", 2, 1) && !visited(&results, "w", "gilfree:gil", 2, 2));
        let mut bad = answer(&[], &[]);
        bad.output.error = Some("timeout: killed".into());
        fold(&mut results, &info(2), bad);
        assert!(failed(&results, "w", "gilfree:gil", 2));
        assert_eq!(results.records[0].samples_s.len(), 2, "a failed visit keeps the earlier samples");
    }
}
