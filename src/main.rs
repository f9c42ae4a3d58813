//! The `gilfree` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use gilfree::bench::cli::{CheckArgs, CompareArgs, LatencyArgs, PointArgs, ReportArgs, ScaleArgs, parse_strategy};
use gilfree::bench::commands;
use gilfree::strategy::STRATEGIES;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// gilfree: run the same Python-like program under every GIL-free runtime design and compare them.
#[derive(Debug, Parser)]
#[command(name = "gilfree", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the available strategies: name, a tab, a one-line description.
    Strategies,
    /// Run a program like `python PROGRAM.py`, under one strategy.
    Run {
        /// The strategy (see `gilfree strategies`); NAME:POLICY also picks the contention policy of the
        /// container mutex (adaptive, spin, fair, restrict) for atomic, biased, locks and tracing.
        #[arg(long, short, default_value = "gil", value_name = "NAME[:POLICY]", value_parser = parse_strategy)]
        strategy: String,
        /// Collectors (`tracing`): collect once this many bytes of objects were allocated since the last
        /// collection, at least (the trigger also grows with the live heap). Tiny values collect at almost
        /// every safepoint, a stress test.
        #[arg(long, value_name = "BYTES", default_value_t = gilfree::strategy::GC_MIN_BYTES)]
        gc_min_bytes: usize,
        /// Cycle collection (the reference-counting strategies): collect once this many more containers
        /// were allocated than freed since the last collection, and more than a quarter of those that
        /// survived it (CPython's `gc.set_threshold`); 0 collects only on `gc.collect()`.
        #[arg(long, value_name = "CONTAINERS", default_value_t = gilfree::strategy::GC_THRESHOLD)]
        gc_threshold: usize,
        /// The program.
        program: std::path::PathBuf,
    },
    /// The scaling sweep: calibrated, interleaved rounds over workloads × runtimes × thread counts; writes
    /// results.json, results.csv and one SVG per workload into the out dir, and prints a speedup table.
    /// Without flags: the default suite (five workloads), every strategy but locks-rw, under 5 minutes on 2
    /// cores.
    Scale(ScaleArgs),
    /// Request latency under load: one thread sleeps 1 ms and serves a request, N-1 threads run CPU-bound
    /// Python (the convoy effect); p50/p99/max per runtime and thread count.
    Latency(LatencyArgs),
    /// Turn results directories into a Markdown section (and, with --into, copy them under papers/).
    Report(ReportArgs),
    /// Two runs point by point: the ratio of their medians with its interval, and whether it is significant.
    Compare(CompareArgs),
    /// List the validity flags of runs (exit 1 if any point is flagged); --write stores them in the files.
    Check(CheckArgs),
    /// Measure one point in this process and print it as one JSON line (used by `scale`).
    #[command(name = "__point", hide = true)]
    Point(PointArgs),
}

/// One line per strategy: its CLI name, a tab, its one-line description.
fn strategies_listing() -> String {
    STRATEGIES.iter().map(|s| format!("{}\t{}\n", s.name, s.summary)).collect()
}

/// `gilfree run`: a missing or unreadable program is a usage error (exit code 2).
fn run_program(strategy: &str, program: &std::path::Path, config: gilfree::interp::VmConfig) -> u8 {
    let src = match std::fs::read_to_string(program) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gilfree run: cannot read '{}': {e}", program.display());
            return 2;
        }
    };
    let name = program.display().to_string();
    let outcome = gilfree::strategy::select(strategy).and_then(|strategy| {
        gilfree::with_strategy!(strategy, S => gilfree::interp::run_with::<S>(&src, &name, config.clone()).0)
            .map_err(|e| e.to_string())
    });
    match outcome {
        Ok(o) => o.exit_code.clamp(0, 255) as u8,
        Err(e) => {
            eprintln!("gilfree run: {e}");
            2
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run { strategy, gc_min_bytes, gc_threshold, program } => {
            let config = gilfree::interp::VmConfig { gc_min_bytes, gc_threshold, ..Default::default() };
            ExitCode::from(run_program(&strategy, &program, config))
        }
        Command::Strategies => {
            // A closed pipe (`gilfree strategies | head -1`) is not worth a panic.
            let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), strategies_listing().as_bytes());
            ExitCode::SUCCESS
        }
        Command::Scale(a) => ExitCode::from(commands::scale(a)),
        Command::Latency(a) => ExitCode::from(commands::latency(a)),
        Command::Report(a) => ExitCode::from(commands::report(a)),
        Command::Compare(a) => ExitCode::from(commands::compare(a)),
        Command::Check(a) => ExitCode::from(commands::check(a)),
        Command::Point(a) => ExitCode::from(commands::point(a)),
    }
}

fn main() -> ExitCode {
    // clap prints usage and exits with code 2 on a bad flag or subcommand.
    run(Cli::parse())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strategies_lists_one_tab_separated_line_each() {
        let listing = strategies_listing();
        let names: Vec<&str> = listing.lines().map(|l| l.split_once('\t').expect("a tab").0).collect();
        assert_eq!(names, ["gil", "atomic", "biased", "locks", "locks-rw", "tracing", "isolated"]);
        assert!(listing.lines().all(|l| l.split_once('\t').is_some_and(|(_, d)| !d.is_empty())));
    }

    #[test]
    fn bad_flags_are_usage_errors_with_exit_code_2() {
        for args in [&["gilfree", "bogus"][..], &["gilfree", "strategies", "--nope"], &["gilfree"]] {
            let err = Cli::try_parse_from(args).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{args:?}");
        }
        assert!(matches!(Cli::try_parse_from(["gilfree", "strategies"]).unwrap().command, Command::Strategies));
    }

    #[test]
    fn run_rejects_an_unknown_strategy_as_a_usage_error() {
        let err = Cli::try_parse_from(["gilfree", "run", "--strategy", "nogil", "x.py"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("unknown strategy 'nogil'"), "{err}");
        let ok = Cli::try_parse_from(["gilfree", "run", "x.py"]).unwrap();
        assert!(matches!(ok.command, Command::Run { ref strategy, .. } if strategy == "gil"));
        let gc = Cli::try_parse_from(["gilfree", "run", "-s", "tracing", "--gc-min-bytes", "4096", "p.py"]).unwrap();
        assert!(matches!(gc.command, Command::Run { gc_min_bytes: 4096, .. }));
        let bad = Cli::try_parse_from(["gilfree", "run", "--gc-min-bytes", "lots", "p.py"]).map(drop).unwrap_err();
        assert_eq!(bad.exit_code(), 2);
        let cyc = Cli::try_parse_from(["gilfree", "run", "--gc-threshold", "0", "p.py"]).unwrap();
        assert!(matches!(cyc.command, Command::Run { gc_threshold: 0, .. }));
        let bad = Cli::try_parse_from(["gilfree", "run", "--gc-threshold", "-1", "p.py"]).map(drop).unwrap_err();
        assert_eq!(bad.exit_code(), 2);
    }

    #[test]
    fn run_of_a_missing_file_is_a_usage_error() {
        let config = gilfree::interp::VmConfig::default();
        assert_eq!(run_program("gil", std::path::Path::new("/nonexistent/gilfree/prog.py"), config), 2);
    }

    #[test]
    fn run_reports_program_errors_with_exit_code_1() {
        let dir = std::env::temp_dir().join(format!("gilfree-main-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ok = dir.join("ok.py");
        std::fs::write(&ok, "x = 1\n").unwrap();
        let bad = dir.join("bad.py");
        std::fs::write(&bad, "x = 1\ny = x + undefined_name\n").unwrap();
        let syntax = dir.join("syntax.py");
        std::fs::write(&syntax, "x = = 1\n").unwrap();
        let config = gilfree::interp::VmConfig::default;
        for strategy in ["gil", "atomic", "tracing"] {
            assert_eq!(run_program(strategy, &ok, config()), 0);
            assert_eq!(run_program(strategy, &bad, config()), 1);
            assert_eq!(run_program(strategy, &syntax, config()), 1);
        }
        // Tiny collector triggers change nothing a program can see.
        let tiny = gilfree::interp::VmConfig { gc_min_bytes: 1, gc_threshold: 1, ..config() };
        assert_eq!(run_program("tracing", &ok, tiny.clone()), 0);
        assert_eq!(run_program("atomic", &ok, tiny), 0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
