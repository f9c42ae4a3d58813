//! The differential corpus under the container mutex's non-default contention policies.
//!
//! A policy is fixed once per process (`--strategy NAME:POLICY`), so the in-process corpus tests run only
//! the default (`adaptive`); this runs `gilfree run` once per program and policy and checks what CPython 3.11
//! printed (recorded next to each program): stdout byte for byte, the exit status, and for failing programs
//! the last stderr line.

use std::path::{Path, PathBuf};
use std::process::Command;

const SPECS: &[&str] = &["locks:spin", "locks:fair", "locks:restrict", "atomic:restrict", "biased:restrict"];

fn programs() -> (PathBuf, Vec<String>) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp/programs");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the corpus folder exists")
        .map(|e| e.expect("a readable entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && n != "record.py")
        .collect();
    names.sort();
    (dir, names)
}

fn last_line(text: &str) -> &str {
    text.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("").trim_end()
}

#[test]
fn the_corpus_prints_what_cpython_prints_under_every_lock_policy() {
    let (dir, names) = programs();
    assert!(names.len() >= 60, "the corpus is there: {names:?}");
    let mut failures = Vec::new();
    for spec in SPECS {
        for name in &names {
            let stem = name.trim_end_matches(".py");
            let want_out = std::fs::read(dir.join(format!("{stem}.out"))).unwrap();
            let want_code: i32 =
                std::fs::read_to_string(dir.join(format!("{stem}.code"))).unwrap().trim().parse().unwrap();
            let want_err = std::fs::read_to_string(dir.join(format!("{stem}.err"))).unwrap_or_default();
            let o = Command::new(env!("CARGO_BIN_EXE_gilfree"))
                .args(["run", "--strategy", spec, name])
                .current_dir(&dir)
                .output()
                .expect("the binary runs");
            let stderr = String::from_utf8_lossy(&o.stderr);
            if o.stdout != want_out || o.status.code() != Some(want_code) || last_line(&stderr) != last_line(&want_err)
            {
                failures.push(format!(
                    "{spec} {name}: exit {:?} (want {want_code}), stdout {}, last stderr line {:?} (want {:?})",
                    o.status.code(),
                    if o.stdout == want_out { "same" } else { "differs" },
                    last_line(&stderr),
                    last_line(&want_err)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{} differences:\n{}", failures.len(), failures.join("\n"));
}
