//! Reports written from a run's `results.json`: a flat CSV, one SVG plot per workload, the terminal summary
//! table, and the Markdown section that `papers/` quotes.
//!
//! Every number in a report comes from a [`Results`]; the writers only select, convert (median seconds to
//! ops/s, a ratio to a percentage) and format. Speedup is weak scaling, `threads × t1 / tN`, as the harness
//! computed it; a runtime "scales" at N threads when its speedup is at least N/2 (CPython's ftscalingbench).
//!
//! - [`write_csv`] (`csv.rs`): one row per record.
//! - [`write_svgs`] (`svg.rs`): `<workload>.svg`, throughput and speedup (or p50 and p99 latency) vs threads.
//! - [`summary_table`], [`counters_table`] (`table.rs`): the tables `gilfree scale` prints at the end.
//! - [`markdown()`] (`markdown.rs`): the section for `papers/`.
//! - [`run`] (here): `gilfree report DIR... [--into papers/]`.
//!
//! `run` with `--into P` writes, for each run directory `D` with base name `name`, `P/results/name/`
//! (`results.json` as it was, a regenerated `results.csv`, the regenerated SVGs), and one Markdown file: `P/results/name.md`
//! for one run, `P/results/name-and-N-more.md` when `name` is the first of N + 1 runs. The Markdown links the
//! plots as `name/<workload>.svg`, relative to itself. A folder already holding a different run (another
//! `machine.commit` or `config.started`) is never overwritten.

mod csv;
#[cfg(test)]
pub(crate) mod fixture;
mod markdown;
mod merge;
mod svg;
mod table;

use std::fs;
use std::path::{Path, PathBuf};

pub use self::csv::write_csv;
pub use self::markdown::markdown;
pub use self::merge::merge;
pub use self::svg::write_svgs;
pub use self::table::{counters_table, summary_table};

use super::record::{Record, Results};

/// How `gilfree report` treats its runs.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Publish flagged points (`--allow-flagged`).
    pub allow_flagged: bool,
    /// Merge the runs into one (`--merge`).
    pub merge: bool,
    /// The merged run's name.
    pub name: Option<String>,
}

/// Runs `gilfree report DIR... [--into DIR]`: without `into`, returns the Markdown for the runs (links point
/// at each run's own directory, as given); with `into`, copies each run under `into/results/` with its CSV
/// and SVGs regenerated, writes the Markdown next to them, and returns a one-line summary of what it wrote.
/// Every run's statistics and flags are recomputed from its samples first, so an old file is judged by
/// today's rules; `into` refuses flagged points unless `allow_flagged`.
pub fn run(dirs: &[PathBuf], into: Option<&Path>, opts: &Options) -> Result<String, String> {
    if dirs.is_empty() {
        return Err("give at least one run directory (the one holding results.json)".into());
    }
    let mut runs: Vec<(PathBuf, String, Results)> = Vec::with_capacity(dirs.len());
    for dir in dirs {
        let (_, mut results) = load_results(dir)?;
        super::sweep::refresh(&mut results);
        runs.push((dir.clone(), run_name(dir)?, results));
    }
    if opts.merge {
        let named: Vec<(String, Results)> = runs.iter().map(|(_, n, r)| (n.clone(), r.clone())).collect();
        let mut merged = merge(&named)?;
        super::sweep::refresh(&mut merged);
        let name = opts.name.clone().unwrap_or_else(|| runs[0].1.clone());
        let dir = runs[0].0.clone();
        runs = vec![(dir, name, merged)];
    }
    let Some(into) = into else {
        let named: Vec<(String, Results)> = runs.into_iter().map(|(dir, _, r)| (run_dir_name(&dir), r)).collect();
        return Ok(markdown(&named));
    };
    if !opts.allow_flagged {
        let flagged: Vec<String> = runs
            .iter()
            .flat_map(|(_, name, r)| r.records.iter().filter(|x| !x.flags.is_empty()).map(move |x| (name, x)))
            .map(|(name, x)| {
                format!("  {name}: {} / {} / {} thr.: {}", x.workload, x.runtime, x.threads, x.flag_notes.join("; "))
            })
            .collect();
        if !flagged.is_empty() {
            let shown: Vec<&String> = flagged.iter().take(12).collect();
            return Err(format!(
                "refusing to publish {} flagged point(s) (not fit to cite as they stand):\n{}{}\nRe-measure them, or \
                 publish with --allow-flagged, which prints every flag next to its number.",
                flagged.len(),
                shown.iter().map(|l| l.as_str()).collect::<Vec<_>>().join("\n"),
                if flagged.len() > shown.len() {
                    format!("\n  ... and {} more", flagged.len() - shown.len())
                } else {
                    String::new()
                }
            ));
        }
    }
    let base = into.join("results");
    let mut named: Vec<(String, Results)> = Vec::with_capacity(runs.len());
    let mut svgs = 0;
    for (_, name, results) in runs {
        if named.iter().any(|(n, _)| *n == name) {
            return Err(format!("two runs are named {name:?}; give them distinct directory names"));
        }
        let target = base.join(&name);
        refuse_other_run(&target, &results)?;
        fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
        let io = |what: &Path, e: std::io::Error| format!("cannot write {}: {e}", what.display());
        let json = target.join("results.json");
        super::sweep::write_json(&json, &results).map_err(|e| io(&json, e))?;
        let csv = target.join("results.csv");
        write_csv(&csv, &results).map_err(|e| io(&csv, e))?;
        svgs += write_svgs(&target, &results).map_err(|e| io(&target, e))?.len();
        named.push((name, results));
    }
    let md_name = match named.len() {
        1 => format!("{}.md", named[0].0),
        n => format!("{}-and-{}-more.md", named[0].0, n - 1),
    };
    let md = base.join(md_name);
    fs::write(&md, markdown(&named)).map_err(|e| format!("cannot write {}: {e}", md.display()))?;
    Ok(format!(
        "wrote {} and {} run folder(s) under {} (results.json, results.csv, {svgs} SVG(s))",
        md.display(),
        named.len(),
        base.display()
    ))
}

/// A run given on the command line: a directory holding `results.json`, or a results JSON file. Returns the
/// bytes as they were and the parsed results.
pub fn load_results(path: &Path) -> Result<(Vec<u8>, Results), String> {
    let file = results_file(path);
    let raw = fs::read(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let results = serde_json::from_slice(&raw).map_err(|e| format!("malformed {}: {e}", file.display()))?;
    Ok((raw, results))
}

/// The results file a command-line path names: the path itself for a JSON file, else `results.json` in it.
pub fn results_file(path: &Path) -> PathBuf {
    if path.is_dir() || path.extension().is_none_or(|e| e != "json") {
        path.join("results.json")
    } else {
        path.to_path_buf()
    }
}

/// What the Markdown's plot links point at for a run printed in place: its directory as given.
fn run_dir_name(path: &Path) -> String {
    if path.extension().is_some_and(|e| e == "json") {
        path.parent().map(|p| p.display().to_string()).unwrap_or_default()
    } else {
        path.display().to_string()
    }
}

/// The base name of a run directory (`.` and `..` resolved first); for a JSON file, its stem.
fn run_name(dir: &Path) -> Result<String, String> {
    let resolved = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    if resolved.is_file() {
        let stem = resolved.file_stem().and_then(|n| n.to_str()).map(str::to_owned);
        let parent = resolved.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).map(str::to_owned);
        return match (parent, stem) {
            (Some(p), Some(s)) if s != "results" => Ok(format!("{p}-{s}")),
            (Some(p), _) => Ok(p),
            _ => Err(format!("cannot name the run in {}", dir.display())),
        };
    }
    resolved
        .file_name()
        .and_then(|n| n.to_str())
        .map(str::to_owned)
        .ok_or_else(|| format!("cannot name the run in {} (no UTF-8 base name)", dir.display()))
}

/// Errors when `target` already holds a `results.json` from another run (commit or start time differ).
fn refuse_other_run(target: &Path, results: &Results) -> Result<(), String> {
    let existing = target.join("results.json");
    if !existing.exists() {
        return Ok(());
    }
    let (_, old) = load_results(target)?;
    let same = old.machine.commit == results.machine.commit && old.config.started == results.config.started;
    if same {
        return Ok(());
    }
    Err(format!(
        "refusing to overwrite {}: it holds another run (commit {}, started {}), not this one (commit {}, started {})",
        existing.display(),
        old.machine.commit,
        old.config.started,
        results.machine.commit,
        results.config.started
    ))
}

/// `config` order first, then any name only the records mention (an edited or older file).
fn ordered(configured: &[String], seen: impl Iterator<Item = String>) -> Vec<String> {
    let mut out = configured.to_vec();
    for name in seen {
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

/// The workloads of a run, in run order.
pub(crate) fn workloads(results: &Results) -> Vec<String> {
    ordered(&results.config.workloads, results.records.iter().map(|r| r.workload.clone()))
}

/// The runtimes of a run, in run order (this order fixes each runtime's plot colour).
pub(crate) fn runtimes(results: &Results) -> Vec<String> {
    ordered(&results.config.runtimes, results.records.iter().map(|r| r.runtime.clone()))
}

/// The thread counts of a run, ascending.
pub(crate) fn thread_counts(results: &Results) -> Vec<usize> {
    let mut out: Vec<usize> =
        results.config.threads.iter().copied().chain(results.records.iter().map(|r| r.threads)).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The record for one point, if the run has it (the last one wins if a point was measured twice).
pub(crate) fn find<'a>(results: &'a Results, workload: &str, runtime: &str, threads: usize) -> Option<&'a Record> {
    results.records.iter().rev().find(|r| r.workload == workload && r.runtime == runtime && r.threads == threads)
}

/// Whether a record measured successfully.
pub(crate) fn is_ok(record: &Record) -> bool {
    record.status == "ok"
}

/// The file name of a workload's plot: the name with anything but `[A-Za-z0-9_.-]` replaced by `_`.
pub(crate) fn svg_name(workload: &str) -> String {
    let stem: String =
        workload.chars().map(|c| if c.is_ascii_alphanumeric() || "_.-".contains(c) { c } else { '_' }).collect();
    format!("{stem}.svg")
}

/// Three significant digits, without an exponent unless the value is tiny (`1234567`, `12.3`, `0.00123`).
pub(crate) fn sig(v: f64) -> String {
    if v == 0.0 || !v.is_finite() {
        return format!("{v}");
    }
    let magnitude = v.abs().log10().floor() as i32;
    match 2 - magnitude {
        d if d > 6 => format!("{v:.2e}"),
        d => format!("{v:.*}", d.max(0) as usize),
    }
}

/// A rate with an SI suffix and three significant digits: `850`, `12.5k`, `3.20M`, `1.10G`.
pub(crate) fn si(v: f64) -> String {
    match v.abs() {
        a if a >= 1e9 => format!("{}G", sig(v / 1e9)),
        a if a >= 1e6 => format!("{}M", sig(v / 1e6)),
        a if a >= 1e3 => format!("{}k", sig(v / 1e3)),
        _ => sig(v),
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{sample, temp_dir};
    use super::{Options, run};

    fn opts() -> Options {
        Options::default()
    }

    #[test]
    fn run_copies_the_run_writes_markdown_and_refuses_another_run() {
        let tmp = temp_dir("run");
        let dir = tmp.join("2025-01-01-scale");
        std::fs::create_dir_all(&dir).expect("a run dir");
        let results = sample();
        std::fs::write(dir.join("results.json"), serde_json::to_vec_pretty(&results).expect("JSON")).expect("write");

        let md = run(std::slice::from_ref(&dir), None, &opts()).expect("a report");
        assert!(md.contains(&format!("![float_arith]({}/float_arith.svg)", dir.display())), "{md}");

        let papers = tmp.join("papers");
        let summary = run(std::slice::from_ref(&dir), Some(&papers), &opts()).expect("a report into papers/");
        assert!(summary.contains("2 SVG(s)"), "{summary}");
        let out = papers.join("results").join("2025-01-01-scale");
        for file in ["results.json", "results.csv", "float_arith.svg", "shared_dict_read.svg"] {
            assert!(out.join(file).is_file(), "missing {file}");
        }
        let md = std::fs::read_to_string(papers.join("results").join("2025-01-01-scale.md")).expect("the Markdown");
        assert!(md.contains("![float_arith](2025-01-01-scale/float_arith.svg)"), "{md}");
        // The same run again is fine; another run in the same folder is refused.
        run(std::slice::from_ref(&dir), Some(&papers), &opts()).expect("same run again");
        let mut other = results.clone();
        other.config.started = "2025-02-02T00:00:00Z".into();
        std::fs::write(dir.join("results.json"), serde_json::to_vec(&other).expect("JSON")).expect("write");
        let err = run(std::slice::from_ref(&dir), Some(&papers), &opts()).expect_err("a different run");
        assert!(err.contains("refusing to overwrite") && err.contains("2025-02-02"), "{err}");
        std::fs::remove_dir_all(tmp).ok();
    }

    #[test]
    fn run_names_the_missing_or_malformed_file() {
        let tmp = temp_dir("run-missing");
        let err = run(&[tmp.join("nope")], None, &opts()).expect_err("no such run");
        assert!(err.contains("cannot read") && err.contains("nope/results.json"), "{err}");
        std::fs::write(tmp.join("results.json"), "{ not json").expect("write");
        let err = run(std::slice::from_ref(&tmp), None, &opts()).expect_err("malformed");
        assert!(err.contains("malformed") && err.contains("results.json"), "{err}");
        std::fs::remove_dir_all(tmp).ok();
    }

    #[test]
    fn several_runs_share_one_markdown_file() {
        let tmp = temp_dir("run-several");
        let dirs: Vec<_> = ["a", "b", "c"].iter().map(|n| tmp.join(n)).collect();
        for (i, d) in dirs.iter().enumerate() {
            let mut results = sample();
            results.config.started = format!("2025-01-0{}T00:00:00Z", i + 1);
            std::fs::create_dir_all(d).expect("a run dir");
            std::fs::write(d.join("results.json"), serde_json::to_vec(&results).expect("JSON")).expect("write");
        }
        run(&dirs, Some(&tmp.join("papers")), &opts()).expect("a report");
        let md = std::fs::read_to_string(tmp.join("papers/results/a-and-2-more.md")).expect("the Markdown");
        assert!(md.contains("## Run `a`") && md.contains("## Run `c`") && md.contains("(c/shared_dict_read.svg)"));
        std::fs::remove_dir_all(tmp).ok();
    }

    #[test]
    fn flagged_runs_are_published_only_when_allowed_and_then_with_their_flags() {
        let tmp = temp_dir("flagged");
        let dir = tmp.join("2025-01-02-scale");
        std::fs::create_dir_all(&dir).expect("a run dir");
        let mut results = sample();
        // The 2-thread gil point of float_arith runs twice as fast as its 1-thread point: superlinear.
        let r = results.records.iter_mut().find(|r| r.runtime == "gilfree:gil" && r.threads == 2).unwrap();
        r.samples_s = vec![0.49, 0.5, 0.51];
        std::fs::write(dir.join("results.json"), serde_json::to_vec(&results).expect("JSON")).expect("write");
        let papers = tmp.join("papers");
        let err = run(std::slice::from_ref(&dir), Some(&papers), &opts()).expect_err("flagged");
        assert!(err.contains("refusing to publish 1 flagged point") && err.contains("superlinear"), "{err}");
        assert!(!papers.join("results").exists(), "nothing written");
        let allow = Options { allow_flagged: true, ..opts() };
        run(std::slice::from_ref(&dir), Some(&papers), &allow).expect("published");
        let md = std::fs::read_to_string(papers.join("results/2025-01-02-scale.md")).expect("the Markdown");
        assert!(md.contains("4.00×") && md.contains(" S"), "{md}");
        assert!(md.contains("1 of 7 points are flagged") && md.contains("superlinear: speedup 4.00"), "{md}");
        let json: serde_json::Value =
            serde_json::from_slice(&std::fs::read(papers.join("results/2025-01-02-scale/results.json")).unwrap())
                .unwrap();
        let flagged =
            json["records"].as_array().unwrap().iter().filter(|r| r["flags"] != serde_json::json!([])).count();
        assert_eq!(flagged, 1, "the published JSON carries the flags");
        std::fs::remove_dir_all(tmp).ok();
    }

    #[test]
    fn merged_runs_make_one_section() {
        let tmp = temp_dir("merge");
        let dirs: Vec<_> = ["part-1", "part-2"].iter().map(|n| tmp.join(n)).collect();
        for d in &dirs {
            std::fs::create_dir_all(d).expect("a run dir");
            std::fs::write(d.join("results.json"), serde_json::to_vec(&sample()).expect("JSON")).expect("write");
        }
        let merged = Options { merge: true, name: Some("whole".into()), ..opts() };
        run(&dirs, Some(&tmp.join("papers")), &merged).expect("merged");
        let md = std::fs::read_to_string(tmp.join("papers/results/whole.md")).expect("one Markdown file");
        assert_eq!(md.matches("## Run `").count(), 1, "{md}");
        assert!(md.contains("6 rounds"), "{md}");
        std::fs::remove_dir_all(tmp).ok();
    }
}
