//! Several results files of one commit and one machine as one run: a sweep split over several calls (a
//! device lent ten minutes at a time), or extra rounds measured later.
//!
//! Records of the same point are joined: their samples, visits and rounds are kept, each file's rounds
//! renumbered after the previous file's, so a speedup still pairs samples of the same round (of the same
//! file). Points must have run the same `n` in every file.

use crate::bench::record::{Percentiles, Results};

/// Merge `runs` (name, results) into one; refused across commits, machines or differing `n`.
pub fn merge(runs: &[(String, Results)]) -> Result<Results, String> {
    let Some((first_name, first)) = runs.first() else { return Err("nothing to merge".into()) };
    let mut out = first.clone();
    let mut offset = rounds_used(first);
    for (name, r) in &runs[1..] {
        let (a, b) = (&out.machine, &r.machine);
        if a.commit != b.commit || a.dirty != b.dirty {
            return Err(format!(
                "cannot merge {name} into {first_name}: commit {}{} against {}{}",
                b.commit,
                if b.dirty { " (dirty)" } else { "" },
                a.commit,
                if a.dirty { " (dirty)" } else { "" }
            ));
        }
        if a.host != b.host || a.cpu != b.cpu || a.cores_logical != b.cores_logical {
            return Err(format!(
                "cannot merge {name} into {first_name}: measured on another machine ({}, {})",
                b.host, b.cpu
            ));
        }
        if a.allocator != b.allocator {
            return Err(format!(
                "cannot merge {name} into {first_name}: allocator {} against {}",
                b.allocator, a.allocator
            ));
        }
        let c = &mut out.config;
        c.command = format!("{} ; {}", c.command, r.config.command);
        for w in &r.config.workloads {
            if !c.workloads.contains(w) {
                c.workloads.push(w.clone());
            }
        }
        for rt in &r.config.runtimes {
            if !c.runtimes.contains(rt) {
                c.runtimes.push(rt.clone());
            }
        }
        c.threads.extend(&r.config.threads);
        c.threads.sort_unstable();
        c.threads.dedup();
        c.rounds = Some(c.rounds.unwrap_or(0) + r.config.rounds.unwrap_or(0));
        for cal in &r.calibration {
            if !out.calibration.iter().any(|x| x.workload == cal.workload) {
                out.calibration.push(cal.clone());
            }
        }
        for rec in &r.records {
            let mut rec = rec.clone();
            rec.sample_rounds.iter_mut().for_each(|x| *x += offset);
            rec.visits.iter_mut().for_each(|v| v.round += offset);
            let same = |x: &&mut crate::bench::record::Record| {
                x.workload == rec.workload && x.runtime == rec.runtime && x.threads == rec.threads
            };
            match out.records.iter_mut().find(|x| same(x)) {
                None => out.records.push(rec),
                Some(x) if x.iters != rec.iters => {
                    return Err(format!(
                        "cannot merge {name}: {} / {} / {} thr. ran n = {} there and n = {} in {first_name}",
                        rec.workload, rec.runtime, rec.threads, rec.iters, x.iters
                    ));
                }
                Some(x) => {
                    x.add_samples(&rec.samples_s, &rec.sample_rounds, &rec.cpu_s, &rec.wait_s);
                    x.visits.extend(rec.visits);
                    x.peak_rss_bytes = x.peak_rss_bytes.max(rec.peak_rss_bytes);
                    x.pauses = Percentiles::merge(x.pauses, rec.pauses);
                    if rec.status != "ok" {
                        x.status = rec.status.clone();
                        x.error = rec.error.clone();
                    }
                }
            }
        }
        offset += rounds_used(r);
        out.complete &= r.complete;
    }
    Ok(out)
}

/// One past the highest round a run used.
fn rounds_used(r: &Results) -> usize {
    let seen =
        r.records.iter().flat_map(|x| x.sample_rounds.iter().copied().chain(x.visits.iter().map(|v| v.round))).max();
    seen.map_or(0, |m| m + 1).max(r.config.rounds.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::merge;
    use crate::bench::report::fixture::sample;

    #[test]
    fn runs_of_one_commit_merge_with_their_rounds_kept_apart() {
        let mut a = sample();
        a.config.rounds = Some(3);
        for r in &mut a.records {
            r.sample_rounds = (0..r.samples_s.len()).collect();
        }
        let mut b = a.clone();
        b.config.workloads.push("extra".into());
        let merged = merge(&[("a".into(), a.clone()), ("b".into(), b)]).expect("merged");
        let rec = &merged.records[0];
        assert_eq!(rec.samples_s.len(), 2 * a.records[0].samples_s.len());
        assert_eq!(rec.sample_rounds, [0, 1, 2, 3, 4, 5]);
        assert_eq!(merged.config.rounds, Some(6));
        assert!(merged.config.workloads.contains(&"extra".to_owned()));

        let mut other = a.clone();
        other.machine.commit = "fff".into();
        assert!(merge(&[("a".into(), a.clone()), ("o".into(), other)]).unwrap_err().contains("commit fff"));
        let mut other_n = a.clone();
        other_n.records[0].iters = 7;
        assert!(merge(&[("a".into(), a), ("n".into(), other_n)]).unwrap_err().contains("n = 7"));
    }
}
