//! The Markdown section `papers/` quotes for one or more runs: the machine, the exact command, throughput
//! with its confidence interval, speedup with its interval and efficiency, the single-thread tax against
//! `gilfree:gil`, counters, pauses, latency, failures, the validity flags and the plots. Every figure is read
//! or derived from the `Results`; every flagged number carries its flags' codes, and the flags are listed
//! with their reasons.

use super::table::{counter_grid, times, with_codes};
use super::{find, is_ok, runtimes, si, sig, svg_name, thread_counts, workloads};
use crate::bench::flags;
use crate::bench::record::{Percentiles, Record, Results};

use crate::bench::stats::BASELINE;

/// The Markdown for `runs`, each a (run directory name, results) pair; plot links are `<name>/<workload>.svg`,
/// relative to wherever the Markdown is written.
pub fn markdown(runs: &[(String, Results)]) -> String {
    let mut out = Vec::new();
    for (name, results) in runs {
        section(&mut out, name, results);
    }
    out.join("\n")
}

/// One run's section.
fn section(out: &mut Vec<String>, name: &str, r: &Results) {
    let (m, c) = (&r.machine, &r.config);
    out.push(format!("## Run `{name}`{}\n", if r.complete { "" } else { " (incomplete: interrupted)" }));
    let cores = format!("{} logical / {} physical cores", m.cores_logical, m.cores_physical);
    out.push(format!("- Machine: {}, {cores}, {}, kernel {}", m.cpu, m.os, m.kernel));
    let dirty = if m.dirty { " (dirty)" } else { "" };
    let mimalloc = m.mimalloc_version.as_deref().map(|v| format!(" {v}")).unwrap_or_default();
    out.push(format!("- Build: {}, commit `{}`{dirty}, allocator {}{mimalloc}", m.rustc, m.commit, m.allocator));
    let iters = c.iters.map_or_else(|| "each workload's default".to_owned(), |n| n.to_string());
    let latency_mode = c.mode == "latency";
    if latency_mode {
        let requests = c.requests.map_or_else(|| "?".to_owned(), |k| k.to_string());
        let iters = c.iters.map_or_else(|| "a hundredth of the workload's `# iters:`".to_owned(), |n| n.to_string());
        out.push(format!(
            "- Run: latency mode, started {}, {requests} requests per point (1 ms sleep, then `request()`) while the \
             other N-1 threads run `work`, iters per background call {iters}, pinned {}\n",
            c.started, c.pinned
        ));
    } else {
        match c.rounds {
            Some(rounds) => out.push(format!(
                "- Run: {} mode, started {}, {rounds} rounds of one visit per point ({} warm-up + {} timed call{} per \
                 visit), n calibrated to a {} ms minimum sample{}, pinned {}, counters {}\n",
                c.mode,
                c.started,
                c.warmup,
                c.repeat,
                if c.repeat == 1 { "" } else { "s" },
                c.min_sample_s.map_or_else(|| "?".to_owned(), |m| format!("{:.0}", m * 1e3)),
                calibrated_iters(r),
                c.pinned,
                c.counters
            )),
            None => out.push(format!(
                "- Run: {} mode, started {}, {} timed + {} warm-up repetitions per point, iters {iters}, pinned {}, \
                 counters {} (made before calibration and interleaved rounds: every point is flagged `legacy`)\n",
                c.mode, c.started, c.repeat, c.warmup, c.pinned, c.counters
            )),
        }
    }
    out.push(format!("```sh\n{}\n```\n", c.command));
    if latency_mode {
        out.push(
            "A request's latency is its completion time minus the scheduled end of its 1 ms sleep, so the time a \
             woken thread waits for a GIL counts.\n"
                .to_owned(),
        );
    } else {
        out.push(
            "Weak scaling: each of the N threads runs the same `iters` iterations, so ideal throughput grows N-fold \
         while the wall time stays t1. speedup = N × t1 / tN (median wall times of the same workload and runtime \
         at 1 and N threads), efficiency = speedup / N; a runtime scales at N threads when its speedup is at least \
         (N + 1) / 2, halfway from serial to ideal. Intervals are bootstrap 95% intervals over rounds (a speedup's \
         from the 1- and N-thread samples of the same rounds). Codes after a number are its validity flags (see \
         Flags below).\n"
                .to_owned(),
        );
    }
    let threads = thread_counts(r);
    let heads = || threads.iter().map(|t| format!("{t} thr.")).collect::<Vec<_>>();
    if r.records.iter().any(|x| x.ops_per_s.is_some()) {
        out.push("### Throughput (ops/s, median [95% interval])\n".to_owned());
        out.push(table(&["workload", "runtime"], &heads(), points(r, &threads, ops)));
        out.push("### Speedup [95% interval] (efficiency)\n".to_owned());
        out.push(table(&["workload", "runtime"], &heads(), points(r, &threads, speedup)));
    }
    if !latency_mode {
        tax(out, r);
    }
    if let Some((top, header, rows)) = counter_grid(r) {
        out.push(format!("### Counters per iteration at {top} threads\n"));
        out.push(table(&header.iter().map(String::as_str).collect::<Vec<_>>(), &[], rows));
    }
    distribution(out, r, "Collector pauses (ms)", |x| x.pauses);
    distribution(out, r, "Request latency (ms)", |x| x.latency);
    flag_list(out, r);
    let failed: Vec<&Record> = r.records.iter().filter(|x| !is_ok(x)).collect();
    if !failed.is_empty() {
        out.push("### Failed points\n".to_owned());
        for x in failed {
            let why = x
                .error
                .as_deref()
                .and_then(|e| e.lines().rev().find(|l| !l.trim().is_empty()))
                .unwrap_or("no error recorded");
            out.push(format!("- {} / {} / {} threads: {}", x.workload, x.runtime, x.threads, why.trim()));
        }
        out.push(String::new());
    }
    out.push("### Plots\n".to_owned());
    for w in workloads(r) {
        out.push(format!("![{w}]({name}/{})\n", svg_name(&w)));
    }
}

/// Rows of workload × runtime with one cell per thread count: `cell` of an ok record, `failed`, or `-`.
fn points(r: &Results, threads: &[usize], cell: fn(&Record) -> Option<String>) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for w in workloads(r) {
        for rt in runtimes(r) {
            let cells = threads.iter().map(|&t| match find(r, &w, &rt, t) {
                None => "-".to_owned(),
                Some(x) if !is_ok(x) => "failed".to_owned(),
                Some(x) => cell(x).unwrap_or_else(|| "-".to_owned()),
            });
            rows.push([w.clone(), rt.clone()].into_iter().chain(cells).collect());
        }
    }
    rows
}

/// `n = 12000 per thread` style summary of the calibrated iterations (`n` per workload).
fn calibrated_iters(r: &Results) -> String {
    if r.calibration.is_empty() {
        return String::new();
    }
    let each: Vec<String> = r.calibration.iter().map(|c| format!("{} {}", c.workload, c.iters)).collect();
    format!(" (n: {})", each.join(", "))
}

/// `1.23M [1.21M, 1.25M]`: median ops/s and its interval, then the point's flag codes.
fn ops(x: &Record) -> Option<String> {
    let median = si(x.ops_per_s?);
    let work = (x.threads as u64 * x.iters) as f64;
    let ci =
        x.ops_per_s_ci95.or(x.ci95.filter(|[lo, hi]| *lo > 0.0 && *hi > 0.0).map(|[lo, hi]| [work / hi, work / lo]));
    let text = match ci {
        Some([lo, hi]) => format!("{median} [{}, {}]", si(lo), si(hi)),
        None => median,
    };
    Some(with_codes(text, &x.flags))
}

/// `1.92× [1.85, 1.99] (96%)`, then the point's flag codes.
fn speedup(x: &Record) -> Option<String> {
    let ci = x.speedup_ci95.map(|[lo, hi]| format!(" [{lo:.2}, {hi:.2}]")).unwrap_or_default();
    Some(with_codes(format!("{}{ci} ({:.0}%)", times(x.speedup?), x.efficiency? * 100.0), &x.flags))
}

/// Every flagged point with its reasons.
fn flag_list(out: &mut Vec<String>, r: &Results) {
    let flagged: Vec<&Record> = r.records.iter().filter(|x| !x.flags.is_empty()).collect();
    if flagged.is_empty() {
        out.push("### Flags\n\nNo point is flagged.\n".to_owned());
        return;
    }
    out.push(format!(
        "### Flags\n\n{} of {} points are flagged ({}); their numbers above carry the codes.\n",
        flagged.len(),
        r.records.iter().filter(|x| is_ok(x)).count(),
        flags::legend()
    ));
    for x in flagged {
        out.push(format!("- {} / {} / {} thr.: {}", x.workload, x.runtime, x.threads, x.flag_notes.join("; ")));
    }
    out.push(String::new());
}

/// Single-thread tax of every runtime against `gilfree:gil`: per-iteration 1-thread time ratio − 1, per
/// workload, and the geometric mean over the workloads both measured.
fn tax(out: &mut Vec<String>, r: &Results) {
    let others: Vec<String> = runtimes(r).into_iter().filter(|rt| rt != BASELINE).collect();
    if others.is_empty() || !runtimes(r).iter().any(|rt| rt == BASELINE) {
        return;
    }
    let per_iter = |w: &str, rt: &str| {
        let x = find(r, w, rt, 1).filter(|x| is_ok(x) && x.iters > 0)?;
        Some(x.median_s? / x.iters as f64)
    };
    let mut logs = vec![Vec::new(); others.len()];
    let mut rows = Vec::new();
    for w in workloads(r) {
        let base = per_iter(&w, BASELINE);
        let cells = others.iter().zip(&mut logs).map(|(rt, logs)| match (per_iter(&w, rt), base) {
            (Some(t), Some(b)) if b > 0.0 => {
                logs.push((t / b).ln());
                let x = find(r, &w, rt, 1);
                let ci =
                    x.and_then(|x| x.t1_vs_gil_ci95).map(|[lo, hi]| format!(" [{}, {}]", percent(lo), percent(hi)));
                with_codes(percent(t / b) + &ci.unwrap_or_default(), x.map_or(&[][..], |x| &x.flags))
            }
            _ => "-".to_owned(),
        });
        rows.push([w.clone()].into_iter().chain(cells).collect());
    }
    let geomean = logs
        .iter()
        .map(|l| if l.is_empty() { "-".to_owned() } else { percent((l.iter().sum::<f64>() / l.len() as f64).exp()) });
    rows.push(["geometric mean".to_owned()].into_iter().chain(geomean).collect());
    out.push(format!(
        "### Single-thread tax vs `{BASELINE}`\n\nt1(runtime) / t1(gil) − 1, 1-thread median time per iteration, with its 95% interval \
         from the two runtimes' samples of the same rounds; positive is slower.\n"
    ));
    out.push(table(&["workload"], &others, rows));
}

/// A ratio as a signed percentage: 1.25 → `+25.0%`.
fn percent(ratio: f64) -> String {
    format!("{:+.1}%", (ratio - 1.0) * 100.0)
}

/// count, p50, p99, max of every ok record that has the distribution `get` picks.
fn distribution(out: &mut Vec<String>, r: &Results, title: &str, get: fn(&Record) -> Option<Percentiles>) {
    let rows: Vec<Vec<String>> = r
        .records
        .iter()
        .filter(|x| is_ok(x))
        .filter_map(|x| {
            let p = get(x)?;
            Some(vec![
                x.workload.clone(),
                x.runtime.clone(),
                x.threads.to_string(),
                p.count.to_string(),
                sig(p.p50_ms),
                sig(p.p99_ms),
                sig(p.max_ms),
            ])
        })
        .collect();
    if !rows.is_empty() {
        out.push(format!("### {title}\n"));
        out.push(table(&["workload", "runtime", "threads", "count", "p50", "p99", "max"], &[], rows));
    }
}

/// A GitHub-flavoured Markdown table (`|` in cells escaped), followed by a blank line.
fn table(first: &[&str], more: &[String], rows: Vec<Vec<String>>) -> String {
    let header: Vec<String> = first.iter().map(|s| s.to_string()).chain(more.iter().cloned()).collect();
    let line = |cells: &[String]| {
        format!("| {} |", cells.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "))
    };
    let mut text = vec![line(&header), format!("|{}", "---|".repeat(header.len()))];
    text.extend(rows.iter().map(|row| line(row)));
    text.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::markdown;
    use crate::bench::report::fixture::{sample, sample_latency};

    #[test]
    fn section_holds_machine_command_tables_and_links() {
        let md = markdown(&[("run-1".to_owned(), sample())]);
        assert!(md.contains("## Run `run-1`"), "{md}");
        assert!(md.contains("```sh\ngilfree scale --threads 1,2 --runtimes gil,atomic\n```"), "{md}");
        assert!(md.contains("Test CPU 9000 @ 3.0GHz, 4 logical / 2 physical cores"), "{md}");
        assert!(md.contains("commit `abc1234` (dirty), allocator mimalloc 2.1.7"), "{md}");
        assert!(md.contains("speedup = N × t1 / tN"), "{md}");
        // Throughput with the CI: 2 × 1000 / 1.3 s = 1538 ops/s, CI from [1.287, 1.313] s.
        assert!(md.contains("| float_arith | gilfree:atomic | 800 [792, 808] | 1.54k [1.52k, 1.55k] |"), "{md}");
        assert!(md.contains("1.92× (96%)") && md.contains("| failed |"), "{md}");
        // Tax: atomic vs gil is +25% and −10%, geometric mean √(1.25 × 0.9) − 1 = +6.1%.
        assert!(md.contains("| float_arith | +25.0% |"), "{md}");
        assert!(md.contains("| shared_dict_read | -10.0% |"), "{md}");
        assert!(md.contains("| geometric mean | +6.1% |"), "{md}");
        assert!(md.contains("| float_arith | gilfree:atomic | 12.5 | 0.250 |"), "{md}");
        assert!(md.contains("### Collector pauses (ms)") && !md.contains("### Request latency"), "{md}");
        assert!(md.contains("- shared_dict_read / gilfree:atomic / 2 threads: RuntimeError: boom"), "{md}");
        assert!(md.contains("![float_arith](run-1/float_arith.svg)"), "{md}");
        assert!(md.contains("![shared_dict_read](run-1/shared_dict_read.svg)"), "{md}");
    }

    #[test]
    fn several_runs_and_latency_mode() {
        let md = markdown(&[("a".to_owned(), sample()), ("b".to_owned(), sample_latency())]);
        assert!(md.contains("## Run `a`") && md.contains("## Run `b`"));
        assert!(md.contains("### Request latency (ms)") && md.contains("![float_arith](b/float_arith.svg)"));
        // gil float_arith at 2 threads: count 100, p50 2.00, p99 6.00, max 8.00 ms.
        assert!(md.contains("| float_arith | gilfree:gil | 2 | 100 | 2.00 | 6.00 | 8.00 |"), "{md}");
    }
}
