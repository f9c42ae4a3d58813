//! The `gilfree` command line.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
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
        /// The strategy (see `gilfree strategies`).
        #[arg(long, short, default_value = "gil", value_parser = parse_strategy)]
        strategy: String,
        /// The program.
        program: std::path::PathBuf,
    },
    /// Run the scaling benchmark suite (not built yet: it arrives with the harness issue).
    Scale,
}

/// One line per strategy: its CLI name, a tab, its one-line description.
fn strategies_listing() -> String {
    STRATEGIES.iter().map(|s| format!("{}\t{}\n", s.name, s.summary)).collect()
}

/// Accept only the names of built strategies (a usage error, exit code 2, otherwise).
fn parse_strategy(name: &str) -> Result<String, String> {
    if STRATEGIES.iter().any(|s| s.name == name) {
        Ok(name.to_owned())
    } else {
        let known: Vec<&str> = STRATEGIES.iter().map(|s| s.name).collect();
        Err(format!("unknown strategy '{name}' (available: {})", known.join(", ")))
    }
}

/// `gilfree run`: a missing or unreadable program is a usage error (exit code 2).
fn run_program(strategy: &str, program: &std::path::Path) -> u8 {
    let src = match std::fs::read_to_string(program) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gilfree run: cannot read '{}': {e}", program.display());
            return 2;
        }
    };
    let name = program.display().to_string();
    let outcome = gilfree::with_strategy!(strategy, S => gilfree::interp::run_source::<S>(&src, &name));
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
        Command::Run { strategy, program } => ExitCode::from(run_program(&strategy, &program)),
        Command::Strategies => {
            print!("{}", strategies_listing());
            ExitCode::SUCCESS
        }
        Command::Scale => {
            eprintln!(
                "gilfree scale: not built yet. The scaling harness arrives with the interpreter and harness \
                 issues; today `gilfree strategies` and `cargo bench` work."
            );
            ExitCode::FAILURE
        }
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
        assert_eq!(names, ["gil", "atomic"]);
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
    }

    #[test]
    fn run_of_a_missing_file_is_a_usage_error() {
        assert_eq!(run_program("gil", std::path::Path::new("/nonexistent/gilfree/prog.py")), 2);
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
        for strategy in ["gil", "atomic"] {
            assert_eq!(run_program(strategy, &ok), 0);
            assert_eq!(run_program(strategy, &bad), 1);
            assert_eq!(run_program(strategy, &syntax), 1);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
