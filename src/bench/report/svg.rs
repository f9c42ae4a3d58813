//! One SVG per workload (`<workload>.svg`), drawn with plotters' SVG backend.
//!
//! Throughput mode: two panels side by side, ops/s vs threads and speedup vs threads, one line with points
//! per runtime, a legend, and in the speedup panel the ideal weak-scaling line y = x, dashed grey. Latency
//! mode: p50 and p99 request latency (ms) vs threads. The x axis ticks are the thread counts swept. Failed
//! points are left out. A runtime's colour is fixed by its position in `config.runtimes`, so it is the same in
//! every file of a run.
//!
//! plotters is built without font features: its SVG backend writes text as `<text>` elements that the viewer
//! renders in its own sans-serif, so no system font is read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{find, is_ok, runtimes, si, sig, svg_name, thread_counts, workloads};
use crate::bench::flags;
use crate::bench::record::{Record, Results};

/// Tableau 10: distinct, colour-blind-friendlier than the primaries, readable on white.
const PALETTE: [RGBColor; 10] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xed, 0xc9, 0x48),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0xff, 0x9d, 0xa7),
    RGBColor(0x9c, 0x75, 0x5f),
    RGBColor(0xba, 0xb0, 0xac),
];

/// Width and height of a file, pixels (two panels of 600 × 460 under a title).
const SIZE: (u32, u32) = (1200, 500);

/// What one panel plots: a y value per record, its axis name, how its ticks read, and the ideal line.
struct Panel {
    /// Caption above the panel.
    caption: &'static str,
    /// The y axis description.
    y_desc: &'static str,
    /// The plotted value of an ok record (None: the point is left out).
    value: fn(&Record) -> Option<f64>,
    /// Tick label formatter.
    ticks: fn(&f64) -> String,
    /// Draw y = x (the speedup panel).
    ideal: bool,
}

/// One runtime's line: its colour, its name (the legend text) and its (threads, value, flag codes) points.
type Series = (RGBColor, String, Vec<(u32, f64, String)>);

/// Writes `<workload>.svg` into `dir` (created if needed) for every workload of the run, and returns the paths.
pub fn write_svgs(dir: &Path, results: &Results) -> io::Result<Vec<PathBuf>> {
    fs::create_dir_all(dir)?;
    let panels = if results.config.mode == "latency" {
        [
            Panel {
                caption: "p50 latency",
                y_desc: "p50 latency (ms)",
                value: |r| r.latency.map(|l| l.p50_ms),
                ticks: ms,
                ideal: false,
            },
            Panel {
                caption: "p99 latency",
                y_desc: "p99 latency (ms)",
                value: |r| r.latency.map(|l| l.p99_ms),
                ticks: ms,
                ideal: false,
            },
        ]
    } else {
        [
            Panel {
                caption: "throughput",
                y_desc: "ops/s (all threads)",
                value: |r| r.ops_per_s,
                ticks: |v| trim(si(*v)),
                ideal: false,
            },
            Panel {
                caption: "speedup (weak scaling: N × t1 / tN)",
                y_desc: "speedup",
                value: |r| r.speedup,
                ticks: times,
                ideal: true,
            },
        ]
    };
    let mut written = Vec::new();
    for workload in workloads(results) {
        let mut svg = String::new();
        render(&mut svg, results, &workload, &panels).map_err(io::Error::other)?;
        let path = dir.join(svg_name(&workload));
        fs::write(&path, svg)?;
        written.push(path);
    }
    Ok(written)
}

/// Draws one workload's file into `svg`.
fn render(svg: &mut String, results: &Results, workload: &str, panels: &[Panel; 2]) -> Result<(), String> {
    let root = SVGBackend::with_string(svg, SIZE).into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;
    let title = format!("{workload} ({} mode, {})", results.config.mode, results.machine.cpu);
    let root = root.titled(&title, ("sans-serif", 20)).map_err(|e| e.to_string())?;
    for (area, panel) in root.split_evenly((1, 2)).iter().zip(panels) {
        draw_panel(area, results, workload, panel).map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

/// One panel: axes over the swept thread counts, a line with points per runtime, the legend.
fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    results: &Results,
    workload: &str,
    panel: &Panel,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let threads = thread_counts(results);
    let x_max = threads.last().copied().unwrap_or(1) as u32;
    let series: Vec<Series> = runtimes(results)
        .into_iter()
        .enumerate()
        .filter_map(|(i, runtime)| {
            let points: Vec<(u32, f64, String)> = threads
                .iter()
                .filter_map(|&t| find(results, workload, &runtime, t).filter(|r| is_ok(r)))
                .filter_map(|r| {
                    let codes: Vec<&str> = r.flags.iter().map(|f| flags::code(f)).collect();
                    Some((r.threads as u32, (panel.value)(r)?, codes.join(",")))
                })
                .collect();
            (!points.is_empty()).then(|| (PALETTE[i % PALETTE.len()], runtime, points))
        })
        .collect();
    let highest = series.iter().flat_map(|(_, _, p)| p.iter().map(|(_, y, _)| *y)).fold(0.0, f64::max);
    let any_flagged = series.iter().any(|(_, _, p)| p.iter().any(|(_, _, c)| !c.is_empty()));
    let y_max = if panel.ideal { highest.max(f64::from(x_max)) } else { highest };
    // Headroom for the legend: each of its rows takes about 4.5% of the plot's height, so the data stays below it.
    let legend = 0.06 + 0.045 * (series.len() + usize::from(panel.ideal) + usize::from(any_flagged)) as f64;
    let y_max = if y_max > 0.0 { y_max / (1.0 - legend.min(0.5)) } else { 1.0 };

    let mut chart = ChartBuilder::on(area)
        .caption(panel.caption, ("sans-serif", 16))
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(75)
        .build_cartesian_2d(
            (0..x_max + x_max.div_ceil(20)).with_key_points(threads.iter().map(|&t| t as u32).collect()),
            0.0..y_max,
        )?;
    chart
        .configure_mesh()
        .x_desc("threads")
        .y_desc(panel.y_desc)
        .x_label_formatter(&|x| x.to_string())
        .y_label_formatter(&panel.ticks)
        .bold_line_style(RGBColor(0xdd, 0xdd, 0xdd))
        .light_line_style(TRANSPARENT)
        .draw()?;
    if panel.ideal {
        let grey = RGBColor(0x88, 0x88, 0x88);
        let line = threads.iter().map(|&t| (t as u32, t as f64));
        chart
            .draw_series(DashedLineSeries::new(line, 6, 4, grey.stroke_width(1)))?
            .label("ideal (y = x)")
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], grey.stroke_width(1)));
    }
    for (color, runtime, points) in series {
        let line: Vec<(u32, f64)> = points.iter().map(|(x, y, _)| (*x, *y)).collect();
        chart
            .draw_series(LineSeries::new(line, color.stroke_width(2)))?
            .label(runtime)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2)));
        for (x, y, codes) in points {
            if codes.is_empty() {
                chart.draw_series(std::iter::once(Circle::new((x, y), 4, color.filled())))?;
            } else {
                // A flagged point: hollow, with its flag codes beside it.
                chart.draw_series(std::iter::once(Circle::new((x, y), 5, WHITE.filled())))?;
                chart.draw_series(std::iter::once(Circle::new((x, y), 5, color.stroke_width(2))))?;
                chart.draw_series(std::iter::once(Text::new(format!(" {codes}"), (x, y), ("sans-serif", 12))))?;
            }
        }
    }
    if any_flagged {
        chart
            .draw_series(std::iter::empty::<Circle<(u32, f64), i32>>())?
            .label(format!("hollow: flagged ({})", flags::codes()))
            .legend(|(x, y)| Circle::new((x + 10, y), 5, BLACK.stroke_width(1)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font(("sans-serif", 13))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .draw()
}

/// Latency ticks, milliseconds.
fn ms(v: &f64) -> String {
    trim(sig(*v))
}

/// Speedup ticks: `1.5×`.
fn times(v: &f64) -> String {
    format!("{}×", trim(sig(*v)))
}

/// A tick label without trailing fractional zeros: `1.50k` → `1.5k`, `2.00` → `2`.
fn trim(label: String) -> String {
    let end = label.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-')).unwrap_or(label.len());
    let (number, suffix) = label.split_at(end);
    match number.contains('.') {
        true => format!("{}{suffix}", number.trim_end_matches('0').trim_end_matches('.')),
        false => label,
    }
}

#[cfg(test)]
mod tests {
    use super::write_svgs;
    use crate::bench::report::fixture::{sample, sample_latency, temp_dir};

    #[test]
    fn one_svg_per_workload_with_labels_legend_and_ideal_line() {
        let dir = temp_dir("svg");
        let paths = write_svgs(&dir, &sample()).expect("write the SVGs");
        let names: Vec<_> =
            paths.iter().map(|p| p.file_name().expect("a name").to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["float_arith.svg", "shared_dict_read.svg"]);
        for path in &paths {
            let svg = std::fs::read_to_string(path).expect("read it back");
            assert!(svg.starts_with("<svg"), "{}", &svg[..svg.len().min(80)]);
            assert!(svg.trim_end().ends_with("</svg>"));
            for text in ["gilfree:gil", "gilfree:atomic", "threads", "ops/s", "speedup", "ideal (y = x)"] {
                assert!(svg.contains(text), "{} lacks {text:?}", path.display());
            }
        }
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn flagged_points_are_hollow_with_their_codes() {
        let mut results = sample();
        let r = results.records.iter_mut().find(|r| r.runtime == "gilfree:atomic" && r.threads == 2).unwrap();
        r.flags = vec!["superlinear".into()];
        let dir = temp_dir("svg-flagged");
        write_svgs(&dir, &results).expect("write the SVGs");
        let svg = std::fs::read_to_string(dir.join("float_arith.svg")).expect("read it back");
        assert!(svg.contains("hollow: flagged") && svg.contains("\n S\n</text>"), "{svg}");
        let clean = std::fs::read_to_string(dir.join("shared_dict_read.svg")).expect("read it back");
        assert!(!clean.contains("hollow: flagged"));
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn failed_points_are_left_out() {
        let mut results = sample();
        for r in
            results.records.iter_mut().filter(|r| r.workload == "shared_dict_read" && r.runtime == "gilfree:atomic")
        {
            r.status = "failed".into();
        }
        let dir = temp_dir("svg-failed");
        write_svgs(&dir, &results).expect("write the SVGs");
        let svg = std::fs::read_to_string(dir.join("shared_dict_read.svg")).expect("read it back");
        assert!(svg.contains("gilfree:gil"));
        assert!(!svg.contains("gilfree:atomic"), "a runtime with only failed points is in the legend");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn latency_mode_plots_p50_and_p99() {
        let dir = temp_dir("svg-latency");
        write_svgs(&dir, &sample_latency()).expect("write the SVGs");
        let svg = std::fs::read_to_string(dir.join("float_arith.svg")).expect("read it back");
        assert!(svg.contains("p50 latency (ms)") && svg.contains("p99 latency (ms)"));
        assert!(!svg.contains("ideal (y = x)"));
        std::fs::remove_dir_all(dir).ok();
    }
}
