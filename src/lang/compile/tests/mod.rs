//! Compiler tests: the whole corpus checked for jump targets, exception entries and consistent stack depths
//! (here), instruction shapes of key constructs (`shapes`, `flow`), errors, folding, lines and the
//! disassembler (`misc`).

mod flow;
mod misc;
mod random;
mod shapes;

use std::sync::Arc;

use super::stackdepth::verify;
use crate::lang::bytecode::{CodeUnit, ConstValue, Instr};
use crate::lang::{CompileError, compile_source};

/// The compiler's own output for `src` (without the peephole pass of `compile_source`), verified.
pub(super) fn compile(src: &str) -> Arc<CodeUnit> {
    let unit = raw(src, "t.py").unwrap_or_else(|e| panic!("{e}\n{src}"));
    verify(&unit).unwrap_or_else(|e| panic!("{e}\n{}", super::disassemble(&unit)));
    unit
}

fn raw(src: &str, filename: &str) -> Result<Arc<CodeUnit>, CompileError> {
    super::compile(&crate::lang::parse(src)?, filename)
}

pub(super) fn error(src: &str) -> CompileError {
    compile_source(src, "t.py").expect_err("a compile error")
}

/// The first nested code unit named `name` (depth first).
pub(super) fn find<'u>(unit: &'u CodeUnit, name: &str) -> Option<&'u CodeUnit> {
    unit.consts.iter().find_map(|c| match c {
        ConstValue::Code(inner) if inner.name == name => Some(&**inner),
        ConstValue::Code(inner) => find(inner, name),
        _ => None,
    })
}

pub(super) fn func<'u>(unit: &'u CodeUnit, name: &str) -> &'u CodeUnit {
    find(unit, name).unwrap_or_else(|| panic!("no code unit {name}\n{}", super::disassemble(unit)))
}

fn corpus() -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp/programs");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the corpus folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n != "record.py" && !n.starts_with("e05") && !n.starts_with("e06")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_corpus_compiles_and_verifies() {
    let files = corpus();
    assert!(files.len() >= 55, "{} programs", files.len());
    for path in files {
        let src = std::fs::read_to_string(&path).expect("a program");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        // The compiler's output, and what the VM runs after the peephole pass.
        for unit in [raw(&src, &name), compile_source(&src, &name)] {
            let unit = unit.unwrap_or_else(|e| panic!("{name}: {e}"));
            verify(&unit).unwrap_or_else(|e| panic!("{name}: {e}\n{}", super::disassemble(&unit)));
        }
    }
}

/// Whether `needle` occurs as a contiguous run in `unit`'s instructions.
pub(super) fn has_run(unit: &CodeUnit, needle: &[Instr]) -> bool {
    unit.instrs.windows(needle.len()).any(|w| w == needle)
}

pub(super) fn consts_of(unit: &CodeUnit) -> Vec<ConstValue> {
    unit.consts.iter().filter(|c| !matches!(c, ConstValue::Code(_))).cloned().collect()
}

/// A debugging aid, not a check: `DIS_SRC=file.py cargo test --lib lang::compile::tests::dis_file -- --ignored
/// --nocapture` prints the disassembly of a file (or of `DIS_SRC` itself as source).
#[test]
#[ignore = "prints the disassembly of $DIS_SRC"]
fn dis_file() {
    if let Ok(src) = std::env::var("DIS_SRC") {
        let src = std::fs::read_to_string(&src).unwrap_or(src);
        println!("{}", super::disassemble(&compile(&src)));
    }
}

/// Every corpus program with one line deleted (every third line): whatever still parses either compiles to
/// verified code or fails with an error, never a panic (deleting lines strands `break`s, `return`s,
/// `nonlocal`s and indented blocks in odd places).
#[test]
fn corpus_with_a_line_deleted_compiles_or_fails_cleanly() {
    for path in corpus() {
        let src = std::fs::read_to_string(&path).expect("a program");
        let lines: Vec<&str> = src.lines().collect();
        for skip in (0..lines.len()).step_by(3) {
            let mutated: String =
                (lines.iter().enumerate()).filter(|(i, _)| *i != skip).map(|(_, l)| format!("{l}\n")).collect();
            let Ok(module) = crate::lang::parse(&mutated) else { continue };
            if let Ok(unit) = super::compile(&module, "m.py") {
                verify(&unit).unwrap_or_else(|e| panic!("{path:?} without line {}: {e}", skip + 1));
            }
        }
    }
}
