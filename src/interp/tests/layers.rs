//! The interpreter's layers (see the module docs of `interp`): no file of the protocols (`eval/`, `ops/`,
//! `format/`, `args.rs`) or of the runtime (`vm.rs`, `thread.rs`, ...) names the built-ins or the entry
//! points above them. Comments may explain the rule; code may not break it.

use std::path::{Path, PathBuf};

/// The files of layers 3 and 4, relative to `src/interp/`.
const BELOW_BUILTINS: &[&str] = &[
    "eval",
    "ops",
    "format",
    "args.rs",
    "vm.rs",
    "thread.rs",
    "frame.rs",
    "types.rs",
    "cache.rs",
    "error.rs",
    "finalize.rs",
];

/// Paths that name the built-ins (`vm.builtins`, the namespace dict, is runtime state and allowed).
const BUILTINS: &[&str] = &["builtins::", "super::builtins", "interp::builtins"];

/// Paths that name the entry points (`run.rs` and what `interp` re-exports from it).
const RUN: &[&str] = &[
    "super::run;",
    "super::run::",
    "super::super::run::",
    "interp::run::",
    "exec_module",
    "run_source",
    "run_file",
    "run_with",
    "run_captured",
    "RunOutcome",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for e in std::fs::read_dir(path).expect("a source folder") {
            rust_files(&e.expect("a directory entry").path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}

#[test]
fn protocols_and_runtime_name_neither_builtins_nor_entry_points() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp");
    let mut files = Vec::new();
    for p in BELOW_BUILTINS {
        rust_files(&root.join(p), &mut files);
    }
    assert!(files.len() > 20, "found only {} files under {}", files.len(), root.display());
    let mut bad = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a source file");
        for (i, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for needle in BUILTINS.iter().chain(RUN) {
                if code.contains(needle) {
                    bad.push(format!("{}:{}: `{needle}` in `{}`", f.display(), i + 1, line.trim()));
                }
            }
        }
    }
    assert!(bad.is_empty(), "upward references:\n{}", bad.join("\n"));
}
