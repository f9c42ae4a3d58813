//! The compiler: AST → [`CodeUnit`]s (being written; see `bytecode.rs` for the contract).

use std::sync::Arc;

use super::ast;
use super::bytecode::CodeUnit;
use super::error::{CompileError, ErrorKind};

/// Compile a parsed module. `filename` is what tracebacks print.
pub fn compile(module: &ast::Module, filename: &str) -> Result<Arc<CodeUnit>, CompileError> {
    let _ = (module, filename);
    Err(CompileError { kind: ErrorKind::NotImplemented, msg: "the compiler is not written yet".into(), line: 1, col: 0 })
}
