//! Every program of the differential corpus (`src/interp/programs/`) goes through the front end: the valid
//! ones parse, and the ones CPython rejects at compile time fail with CPython's exception type and line
//! (read from the recorded `.err`).

use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp/programs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py") && p.file_name().is_some_and(|n| n != "record.py"))
        .collect();
    files.sort();
    files
}

/// CPython's compile-time verdict from a recorded `.err`: `Some((exception type, line))` when the
/// traceback has no `Traceback` header (a syntax-level error), `None` otherwise.
fn compile_error_in(err: &str) -> Option<(String, u32)> {
    if err.is_empty() || err.starts_with("Traceback") || err.starts_with("Exception in thread") {
        return None;
    }
    let line = err.lines().find_map(|l| l.trim().strip_prefix("File ").and_then(|r| r.rsplit_once("line ")))?;
    let kind = err.lines().last()?.split(':').next()?.to_owned();
    Some((kind, line.1.trim().parse().ok()?))
}

#[test]
fn the_corpus_parses_as_cpython_compiles_it() {
    let files = corpus();
    assert!(files.len() >= 40, "corpus has {} programs", files.len());
    for path in files {
        let src = std::fs::read_to_string(&path).expect("a program");
        let err = std::fs::read_to_string(path.with_extension("err")).unwrap_or_default();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        match (crate::lang::parse(&src), compile_error_in(&err)) {
            (Ok(_), None) => {}
            (Err(e), Some((kind, line))) => {
                assert_eq!((e.py_name(), e.line), (kind.as_str(), line), "{name}: {e}");
            }
            (Ok(_), Some((kind, line))) => panic!("{name}: parsed, but CPython reports {kind} at line {line}"),
            (Err(e), None) => panic!("{name}: {e}"),
        }
    }
}
