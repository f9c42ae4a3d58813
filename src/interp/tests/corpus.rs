//! The differential corpus (`programs/`): every program runs under every strategy and must reproduce what
//! CPython 3.11 printed (recorded by `programs/record.py`): stdout byte for byte, the exit status, and for
//! programs that fail, the last stderr line (the exception), the traceback's line numbers in the program,
//! and the `Exception in thread ...` header. The run's object ledger must end at exactly zero under every
//! strategy: nothing freed twice, nothing leaked (see [`check_program_with`]).

use std::path::{Path, PathBuf};

use crate::interp::VmConfig;
use crate::interp::run::run_counted;
use crate::strategy::Strategy;

fn programs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp/programs")
}

/// Every program of the corpus, sorted by name.
pub(crate) fn corpus() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(programs_dir())
        .expect("the corpus folder exists")
        .map(|e| e.expect("a readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py") && p.file_stem().is_some_and(|s| s != "record"))
        .collect();
    out.sort();
    out
}

/// The lines a traceback reports in the program itself (`File "NAME.py", line N`).
fn traceback_lines(stderr: &str, file: &str) -> Vec<String> {
    let needle = format!("File \"{file}\", line ");
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix(&needle))
        .map(|rest| rest.split(',').next().unwrap_or("").to_owned())
        .collect()
}

/// Run one program under `S`; `Err` describes how it differs from CPython.
pub(crate) fn check_program<S: Strategy>(path: &Path) -> Result<(), String> {
    check_program_with::<S>(path, VmConfig::default())
}

/// [`check_program`] with interpreter knobs (a tiny collector trigger).
pub(crate) fn check_program_with<S: Strategy>(path: &Path, config: VmConfig) -> Result<(), String> {
    let file = path.file_name().and_then(|f| f.to_str()).expect("a file name").to_owned();
    let src = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let want_out = std::fs::read(path.with_extension("out")).map_err(|e| e.to_string())?;
    let want_code: i32 = std::fs::read_to_string(path.with_extension("code"))
        .map_err(|e| e.to_string())?
        .trim()
        .parse()
        .map_err(|e| format!("bad .code file: {e}"))?;
    let want_err = std::fs::read_to_string(path.with_extension("err")).unwrap_or_default();
    let ((outcome, out, err), live) = run_counted::<S>(&src, &file, VmConfig { capture: true, ..config });
    let err = String::from_utf8_lossy(&err).into_owned();
    let mut problems = Vec::new();
    if out != want_out {
        let (got, want) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&want_out));
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        problems.push(format!(
            "stdout differs at line {}: got {:?}, want {:?}",
            first + 1,
            got.lines().nth(first).unwrap_or("<end>"),
            want.lines().nth(first).unwrap_or("<end>")
        ));
    }
    if outcome.exit_code != want_code {
        problems.push(format!("exit code {} (want {want_code})", outcome.exit_code));
    }
    let last = |s: &str| s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").to_owned();
    if last(&err) != last(&want_err) {
        problems.push(format!("last stderr line {:?} (want {:?})", last(&err), last(&want_err)));
    }
    if traceback_lines(&err, &file) != traceback_lines(&want_err, &file) {
        problems.push(format!(
            "traceback lines {:?} (want {:?})",
            traceback_lines(&err, &file),
            traceback_lines(&want_err, &file)
        ));
    }
    let header = |s: &str| s.lines().find(|l| l.starts_with("Exception in thread")).map(str::to_owned);
    if header(&err) != header(&want_err) {
        problems.push(format!("thread header {:?} (want {:?})", header(&err), header(&want_err)));
    }
    // The run's ledger (object/counts.rs): every object the run made is freed by its end, cycles too (the
    // run ends with a last collection, as CPython's `Py_FinalizeEx` does). Negative: objects freed twice.
    if live != 0 {
        problems.push(format!("{live} objects left alive after the run (negative: freed twice)"));
    }
    if problems.is_empty() { Ok(()) } else { Err(format!("{file} [{}]: {}", S::NAME, problems.join("; "))) }
}

/// Run the whole corpus under `S`, reporting every mismatch at once.
fn check_corpus<S: Strategy>() {
    let programs = corpus();
    assert!(programs.len() >= 40, "the corpus has {} programs", programs.len());
    let failures: Vec<String> = programs.iter().filter_map(|p| check_program::<S>(p).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython:\n{}",
        failures.len(),
        programs.len(),
        failures.join("\n")
    );
}

macro_rules! corpus_test {
    ($name:ident, $S:ty) => {
        /// Every corpus program matches CPython 3.11 under this strategy.
        #[test]
        fn $name() {
            check_corpus::<$S>();
        }
    };
}

crate::for_each_strategy!(corpus_test);

/// The corpus under `tracing` with a tiny collector trigger (16 KiB of objects), so that collections run
/// at almost every safepoint, in every kind of frame: the stress test of the rooting rules (a missed root
/// shows as a changed output, a crash, or under AddressSanitizer as a use after free).
#[test]
fn tracing_with_constant_collections() {
    use crate::strategy::designs::Tracing;
    let config = VmConfig { gc_min_bytes: 16 << 10, ..VmConfig::default() };
    let failures: Vec<String> =
        corpus().iter().filter_map(|p| check_program_with::<Tracing>(p, config.clone()).err()).collect();
    assert!(failures.is_empty(), "{} programs differ from CPython:\n{}", failures.len(), failures.join("\n"));
}
