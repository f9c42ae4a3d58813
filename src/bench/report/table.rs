//! The tables `gilfree scale` and `gilfree latency` print when a run ends (comfy-table).
//!
//! Throughput mode: workloads × runtimes, each cell the speedup at the highest thread count N with its
//! efficiency and the codes of its validity flags, coloured red at ≤ 1.1× (serial), green from (N + 1) / 2
//! up (it "scales": at least halfway from serial to ideal, so that at 2 threads a serialized run, 1×, does
//! not pass, as it would against ftscalingbench's N/2), yellow between.
//! Latency mode: the same grid of p99 latency, then one of p50, in milliseconds.

use std::collections::BTreeSet;

use comfy_table::{Cell, Color, Table, presets};

use super::{find, is_ok, runtimes, sig, thread_counts, workloads};
use crate::bench::flags;
use crate::bench::record::{Record, Results};

/// The summary of a run at its highest thread count: speedup per workload and runtime (throughput mode),
/// or p99 and p50 latency in ms (latency mode). `color` adds terminal colours (throughput mode only).
pub fn summary_table(results: &Results, color: bool) -> String {
    let Some(&top) = thread_counts(results).last() else {
        return "no results".to_owned();
    };
    if results.config.mode == "latency" {
        let p99 = grid(results, top, &format!("p99 ms @ {top} threads"), |r| r.latency.map(|l| sig(l.p99_ms)), false);
        let p50 = grid(results, top, &format!("p50 ms @ {top} threads"), |r| r.latency.map(|l| sig(l.p50_ms)), false);
        return format!(
            "p99 request latency at {top} threads (ms)\n{p99}\np50 request latency at {top} threads (ms)\n{p50}"
        );
    }
    let speedup = grid(results, top, &format!("speedup @ {top} threads"), speedup_cell, color);
    let flagged = results.records.iter().any(|r| !r.flags.is_empty());
    format!(
        "speedup (efficiency) at {top} threads (weak scaling: {top} × t1 / t{top}; scales at ≥ {:.1}×, serial at ≤ \
         1.1×)\n{speedup}{}",
        scales_at(top),
        if flagged { format!("\n{}; details in results.json (flag_notes)", flags::legend()) } else { String::new() }
    )
}

/// The speedup from which a point scales at `threads`: halfway from serial (1×) to ideal (N×).
pub(crate) fn scales_at(threads: usize) -> f64 {
    (threads as f64 + 1.0) / 2.0
}

/// `1.92× (96%)`, then the codes of the record's flags: `2.43× (122%) S,b`.
fn speedup_cell(r: &Record) -> Option<String> {
    let text = format!("{} ({:.0}%)", times(r.speedup?), r.efficiency? * 100.0);
    Some(with_codes(text, &r.flags))
}

/// `text` followed by the one-letter codes of `flags`, if any.
pub(crate) fn with_codes(text: String, flags: &[String]) -> String {
    if flags.is_empty() {
        return text;
    }
    let codes: Vec<&str> = flags.iter().map(|f| flags::code(f)).collect();
    format!("{text} {}", codes.join(","))
}

/// Contention counters per iteration at the highest thread count, one row per workload and runtime that has
/// them, one column per counter name; None when no record of the run has counters.
pub fn counters_table(results: &Results) -> Option<String> {
    let (top, header, rows) = counter_grid(results)?;
    let mut table = new_table(false);
    table.set_header(header);
    table.add_rows(rows);
    Some(format!("counters per iteration at {top} threads\n{table}"))
}

/// The counters as text: the thread count, the header (`workload`, `runtime`, then the counter names,
/// sorted) and one row per workload and runtime whose record at that thread count has counters.
pub(crate) fn counter_grid(results: &Results) -> Option<(usize, Vec<String>, Vec<Vec<String>>)> {
    let top = *thread_counts(results).last()?;
    let at_top = |w: &str, rt: &str| find(results, w, rt, top).filter(|r| is_ok(r)).and_then(|r| r.counters.as_ref());
    let (workloads, runtimes) = (workloads(results), runtimes(results));
    let pairs: Vec<(&String, &String)> =
        workloads.iter().flat_map(|w| runtimes.iter().map(move |rt| (w, rt))).collect();
    let names: BTreeSet<&String> = pairs.iter().filter_map(|(w, rt)| at_top(w, rt)).flat_map(|c| c.keys()).collect();
    if names.is_empty() {
        return None;
    }
    let header =
        ["workload", "runtime"].map(String::from).into_iter().chain(names.iter().map(|n| n.to_string())).collect();
    let rows = pairs
        .iter()
        .filter_map(|&(w, rt)| {
            let counters = at_top(w, rt)?;
            let values = names.iter().map(|n| counters.get(*n).map_or_else(|| "-".to_owned(), |v| sig(*v)));
            Some([w.clone(), rt.clone()].into_iter().chain(values).collect())
        })
        .collect();
    Some((top, header, rows))
}

/// Workloads × runtimes at `threads`: `cell` of an ok record, `failed`, or `-` for a point the run lacks.
fn grid(
    results: &Results,
    threads: usize,
    corner: &str,
    cell: impl Fn(&Record) -> Option<String>,
    color: bool,
) -> Table {
    let runtimes = runtimes(results);
    let mut table = new_table(color);
    table.set_header([corner.to_owned()].into_iter().chain(runtimes.iter().cloned()));
    for workload in workloads(results) {
        let mut row = vec![Cell::new(&workload)];
        for runtime in &runtimes {
            row.push(match find(results, &workload, runtime, threads) {
                None => Cell::new("-"),
                Some(r) if !is_ok(r) => paint(Cell::new("failed"), color, Color::Red),
                Some(r) => {
                    let text = cell(r).unwrap_or_else(|| "-".to_owned());
                    match r.speedup.filter(|_| threads > 1) {
                        Some(s) => paint(Cell::new(text), color, scaling_color(s, threads)),
                        None => Cell::new(text),
                    }
                }
            });
        }
        table.add_row(row);
    }
    table
}

/// Red at ≤ 1.1× (no gain), yellow below (N + 1) / 2, green when it scales.
fn scaling_color(speedup: f64, threads: usize) -> Color {
    if speedup <= 1.1 {
        Color::Red
    } else if speedup < scales_at(threads) {
        Color::Yellow
    } else {
        Color::Green
    }
}

/// `cell` in `fg` when colouring.
fn paint(cell: Cell, color: bool, fg: Color) -> Cell {
    if color { cell.fg(fg) } else { cell }
}

/// A table that does not look at the terminal (same text on a pipe), styled only when asked.
fn new_table(color: bool) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED).force_no_tty();
    if color {
        table.enforce_styling();
    }
    table
}

/// A speedup as the table shows it: `1.93×`.
pub(crate) fn times(speedup: f64) -> String {
    format!("{speedup:.2}×")
}

#[cfg(test)]
mod tests {
    use super::{counters_table, summary_table};
    use crate::bench::report::fixture::{sample, sample_latency};

    #[test]
    fn summary_shows_speedup_at_the_top_thread_count_and_failures() {
        let text = summary_table(&sample(), false);
        assert!(text.contains("speedup @ 2 threads"), "{text}");
        assert!(text.contains("1.92× (96%)"), "{text}");
        assert!(text.contains("1.00× (50%)"), "{text}");
        assert!(text.contains("scales at ≥ 1.5×"), "{text}");
        assert!(text.contains("failed"), "{text}");
        assert!(!text.contains('\u{1b}'), "colour escapes without color: {text}");
        let lines: Vec<&str> = text.lines().collect();
        let row = lines.iter().find(|l| l.contains("float_arith")).expect("a float_arith row");
        assert!(row.find("1.00×") < row.find("1.92×"), "runtime columns in config order: {row}");
    }

    #[test]
    fn colours_separate_serial_partial_and_scaling() {
        let text = summary_table(&sample(), true);
        // 1.92× at 2 threads scales (≥ (N + 1) / 2 = 1.5): green; 1.00× is red; failed is red.
        // crossterm's codes: 38;5;10 is Color::Green, 38;5;9 is Color::Red.
        assert!(text.contains("\u{1b}[38;5;10m 1.92×"), "{text:?}");
        assert!(text.contains("\u{1b}[38;5;9m 1.00×") && text.contains("\u{1b}[38;5;9m failed"), "{text:?}");
        assert_eq!(super::scaling_color(1.05, 8), comfy_table::Color::Red);
        assert_eq!(super::scaling_color(4.4, 8), comfy_table::Color::Yellow);
        assert_eq!(super::scaling_color(4.5, 8), comfy_table::Color::Green);
        // At 2 threads a serialized run (1.0×) is red and 1.4× (70%) does not yet scale.
        assert_eq!(super::scaling_color(1.4, 2), comfy_table::Color::Yellow);
        assert_eq!(super::scaling_color(1.5, 2), comfy_table::Color::Green);
    }

    #[test]
    fn flagged_cells_carry_their_codes_and_a_legend() {
        let mut results = sample();
        let r = results.records.iter_mut().find(|r| r.runtime == "gilfree:atomic" && r.threads == 2).unwrap();
        r.flags = vec!["superlinear".into(), "busy".into()];
        let text = summary_table(&results, false);
        assert!(text.contains("1.92× (96%) S,b"), "{text}");
        assert!(text.contains("S superlinear") && text.contains("b busy"), "{text}");
    }

    #[test]
    fn latency_mode_shows_p99_and_p50() {
        let text = summary_table(&sample_latency(), false);
        assert!(text.contains("p99 ms @ 2 threads") && text.contains("p50 ms @ 2 threads"), "{text}");
        // gil float_arith at 2 threads: median 2.0 s in the fixture → p50 2.00 ms, p99 6.00 ms.
        assert!(text.contains("6.00") && text.contains("2.00"), "{text}");
    }

    #[test]
    fn counters_table_lists_per_iteration_counts() {
        let text = counters_table(&sample()).expect("the fixture has counters");
        assert!(text.contains("atomic_rmw") && text.contains("lock_contended"), "{text}");
        assert!(text.contains("12.5") && text.contains("0.250"), "{text}");
        let mut none = sample();
        none.records.iter_mut().for_each(|r| r.counters = None);
        assert!(counters_table(&none).is_none());
    }
}
