//! `results.csv`: one row per record, the fields of `results.json` flattened for spreadsheets and pandas.
//!
//! Columns: the record's scalar fields in schema order; the per-sample lists (`samples_s`, `sample_rounds`,
//! `cpu_s`, `wait_s`) and `flags` joined with `;`; every interval as `<field>_lo` and `<field>_hi`;
//! `pauses` and `latency` as `<field>_p50_ms`, `_p99_ms`, `_max_ms`, `_count`; then one `counters.<name>`
//! column per counter name any record has, sorted by name. A null is an empty cell.

use std::collections::BTreeSet;
use std::path::Path;

use crate::bench::record::{Percentiles, Results};

/// Writes `results` to `path` as CSV, one row per record (see the module docs for the columns).
pub fn write_csv(path: &Path, results: &Results) -> std::io::Result<()> {
    let counters: BTreeSet<&str> =
        results.records.iter().filter_map(|r| r.counters.as_ref()).flat_map(|c| c.keys().map(String::as_str)).collect();
    let mut header: Vec<String> = [
        "workload",
        "runtime",
        "threads",
        "iters",
        "samples_s",
        "sample_rounds",
        "cpu_s",
        "wait_s",
        "median_s",
        "ci95_lo",
        "ci95_hi",
        "ops_per_s",
        "ops_per_s_ci95_lo",
        "ops_per_s_ci95_hi",
        "speedup",
        "speedup_ci95_lo",
        "speedup_ci95_hi",
        "efficiency",
        "t1_vs_gil",
        "t1_vs_gil_ci95_lo",
        "t1_vs_gil_ci95_hi",
        "flags",
        "peak_rss_bytes",
    ]
    .map(String::from)
    .to_vec();
    for field in ["pauses", "latency"] {
        header.extend(["p50_ms", "p99_ms", "max_ms", "count"].map(|p| format!("{field}_{p}")));
    }
    header.extend(["status", "error"].map(String::from));
    header.extend(counters.iter().map(|c| format!("counters.{c}")));

    let mut out = ::csv::Writer::from_path(path)?;
    out.write_record(&header)?;
    for r in &results.records {
        let mut row = vec![
            r.workload.clone(),
            r.runtime.clone(),
            r.threads.to_string(),
            r.iters.to_string(),
            list(&r.samples_s),
            list(&r.sample_rounds),
            list(&r.cpu_s),
            list(&r.wait_s),
            opt(r.median_s),
            opt(r.ci95.map(|c| c[0])),
            opt(r.ci95.map(|c| c[1])),
            opt(r.ops_per_s),
            opt(r.ops_per_s_ci95.map(|c| c[0])),
            opt(r.ops_per_s_ci95.map(|c| c[1])),
            opt(r.speedup),
            opt(r.speedup_ci95.map(|c| c[0])),
            opt(r.speedup_ci95.map(|c| c[1])),
            opt(r.efficiency),
            opt(r.t1_vs_gil),
            opt(r.t1_vs_gil_ci95.map(|c| c[0])),
            opt(r.t1_vs_gil_ci95.map(|c| c[1])),
            r.flags.join(";"),
            opt(r.peak_rss_bytes),
        ];
        row.extend(percentiles(r.pauses));
        row.extend(percentiles(r.latency));
        row.push(r.status.clone());
        row.push(r.error.clone().unwrap_or_default());
        row.extend(counters.iter().map(|c| opt(r.counters.as_ref().and_then(|m| m.get(*c)))));
        out.write_record(&row)?;
    }
    out.flush()
}

/// A list's values joined with `;`.
fn list<T: ToString>(values: &[T]) -> String {
    values.iter().map(T::to_string).collect::<Vec<_>>().join(";")
}

/// A value's `Display`, or an empty cell for null.
fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The four cells of a distribution: p50, p99, max, count.
fn percentiles(p: Option<Percentiles>) -> [String; 4] {
    [opt(p.map(|p| p.p50_ms)), opt(p.map(|p| p.p99_ms)), opt(p.map(|p| p.max_ms)), opt(p.map(|p| p.count))]
}

#[cfg(test)]
mod tests {
    use super::write_csv;
    use crate::bench::report::fixture::{sample, temp_dir};

    #[test]
    fn one_row_per_record_with_flattened_columns() {
        let results = sample();
        let dir = temp_dir("csv");
        let path = dir.join("results.csv");
        write_csv(&path, &results).expect("write the CSV");
        let mut reader = ::csv::Reader::from_path(&path).expect("read it back");
        let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
        assert_eq!(&header[..4], ["workload", "runtime", "threads", "iters"]);
        for column in
            ["ci95_lo", "ci95_hi", "speedup_ci95_lo", "flags", "pauses_p99_ms", "latency_count", "status", "error"]
        {
            assert!(header.iter().any(|h| h == column), "missing {column} in {header:?}");
        }
        assert_eq!(header[header.len() - 2..], ["counters.atomic_rmw", "counters.lock_contended"]);
        let rows: Vec<::csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
        assert_eq!(rows.len(), results.records.len());
        let col = |name: &str| header.iter().position(|h| h == name).expect("a column");

        // The 2-thread atomic float_arith point: counters, pauses and a parsed speedup.
        let counted = &rows[3];
        assert_eq!(&counted[col("runtime")], "gilfree:atomic");
        let speedup: f64 = counted[col("speedup")].parse().expect("a number");
        assert!((speedup - 2.0 * 1.25 / 1.3).abs() < 1e-12);
        assert_eq!(&counted[col("counters.atomic_rmw")], "12.5");
        assert_eq!(&counted[col("pauses_count")], "4");
        assert_eq!(counted[col("samples_s")].split(';').count(), 3);
        // Nulls are empty cells; the failed point keeps its error, newline and all.
        assert_eq!(&rows[0][col("counters.atomic_rmw")], "");
        assert_eq!(&rows[0][col("latency_p50_ms")], "");
        let failed = &rows[7];
        assert_eq!(&failed[col("status")], "failed");
        assert_eq!(&failed[col("median_s")], "");
        assert!(failed[col("error")].ends_with("RuntimeError: boom"));
        std::fs::remove_dir_all(dir).ok();
    }
}
