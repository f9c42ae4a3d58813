//! `gilfree scale --resume DIR`: continue an interrupted run where it stopped.
//!
//! Everything the run needs is in `DIR`: the configuration and the calibration in `results.json`, the exact
//! workload files in `DIR/workloads/`. Visits already made (a point's record lists its rounds) are skipped,
//! and points that failed stay failed. A run is resumed only by a binary of the same commit, clean or dirty
//! alike, on the same machine: anything else would mix two programs' numbers in one table.

use std::path::{Path, PathBuf};

use super::{Rounds, Sweep};
use crate::bench::child::{RuntimeSpec, probe_python};
use crate::bench::record::{Machine, Results};
use crate::bench::workloads::Workload;

/// The sweep that continues the run in `dir`, for the binary `exe` running on `here`.
pub fn resume(dir: &Path, exe: PathBuf, here: &Machine) -> Result<Sweep, String> {
    let path = dir.join("results.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let results: Results = serde_json::from_str(&text).map_err(|e| format!("malformed {}: {e}", path.display()))?;
    check(&results, here, dir)?;
    let c = &results.config;
    let mut workloads = Vec::with_capacity(c.workloads.len());
    for name in &c.workloads {
        let file = dir.join("workloads").join(format!("{name}.py"));
        let source = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        workloads.push(Workload { name: name.clone(), path: file.display().to_string(), source });
    }
    let mut runtimes = Vec::with_capacity(c.runtimes.len());
    for label in &c.runtimes {
        runtimes.push(match (label.strip_prefix("gilfree:"), label.strip_prefix("python:")) {
            (Some(s), _) => RuntimeSpec::Strategy(s.to_owned()),
            (_, Some(p)) => {
                probe_python(p)?;
                RuntimeSpec::Python(p.to_owned())
            }
            _ => return Err(format!("{}: unknown runtime '{label}'", path.display())),
        });
    }
    let counters_exe = if c.counters {
        let p = exe.parent().and_then(|p| p.parent()).map(|t| t.join("counters/release/gilfree")).unwrap_or_default();
        if !p.is_file() {
            return Err(format!("the run counts (--counters), and the counters build is missing at {}", p.display()));
        }
        Some(p)
    } else {
        None
    };
    Ok(Sweep {
        workloads,
        runtimes,
        threads: c.threads.clone(),
        iters: c.iters,
        min_sample: c.min_sample_s.unwrap_or(crate::bench::flags::DEFAULT_MIN_SAMPLE),
        rounds: match (c.rounds, c.budget_s) {
            (Some(r), _) => Rounds::Fixed(r),
            (None, Some(b)) => Rounds::Budget(b),
            (None, None) => Rounds::Fixed(1),
        },
        warmup: c.warmup,
        quick: c.quick,
        suite: c.suite.clone().unwrap_or_else(|| "custom".into()),
        point_timeout: c.point_timeout_s,
        out: dir.to_path_buf(),
        cpus: c.cpus.clone(),
        exe,
        counters_exe,
        latency: c.requests,
        command: c.command.clone(),
        resume: Some(results),
    })
}

/// Refuse what cannot be continued: a finished run, a run from before rounds, another commit or machine.
fn check(results: &Results, here: &Machine, dir: &Path) -> Result<(), String> {
    let m = &results.machine;
    if results.complete {
        return Err(format!("{} holds a finished run: nothing to resume", dir.display()));
    }
    if results.config.rounds.is_none() && results.config.mode == "throughput" && results.config.budget_s.is_none() {
        return Err(format!("{} was written by a gilfree without rounds; it cannot be resumed", dir.display()));
    }
    if m.commit != here.commit || m.dirty != here.dirty {
        let side = |m: &Machine| format!("commit {}{}", m.commit, if m.dirty { " (dirty)" } else { "" });
        return Err(format!(
            "{} was measured by a binary of {}, and this one is of {}: build that commit to resume it",
            dir.display(),
            side(m),
            side(here)
        ));
    }
    if m.host != here.host || m.cpu != here.cpu || m.cores_logical != here.cores_logical {
        return Err(format!(
            "{} was measured on {} ({}, {} CPUs), not on this machine ({}, {}, {} CPUs)",
            dir.display(),
            m.host,
            m.cpu,
            m.cores_logical,
            here.host,
            here.cpu,
            here.cores_logical
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::record::Config;

    fn results(commit: &str, dirty: bool, complete: bool) -> Results {
        Results {
            machine: Machine { commit: commit.into(), dirty, host: "h".into(), cores_logical: 2, ..Machine::default() },
            config: Config { mode: "throughput".into(), rounds: Some(3), ..Config::default() },
            calibration: Vec::new(),
            records: Vec::new(),
            complete,
        }
    }

    #[test]
    fn only_an_unfinished_run_of_the_same_commit_and_machine_resumes() {
        let here = results("abc", false, false).machine;
        let dir = Path::new("/tmp/r");
        assert!(check(&results("abc", false, false), &here, dir).is_ok());
        let err = check(&results("def", false, false), &here, dir).unwrap_err();
        assert!(err.contains("commit def") && err.contains("commit abc"), "{err}");
        assert!(check(&results("abc", true, false), &here, dir).unwrap_err().contains("(dirty)"));
        assert!(check(&results("abc", false, true), &here, dir).unwrap_err().contains("finished run"));
        let mut legacy = results("abc", false, false);
        legacy.config.rounds = None;
        assert!(check(&legacy, &here, dir).unwrap_err().contains("without rounds"));
        let mut elsewhere = results("abc", false, false);
        elsewhere.machine.host = "other".into();
        assert!(check(&elsewhere, &here, dir).unwrap_err().contains("not on this machine"));
    }
}
