//! The front end: Python source → tokens → AST (→ bytecode, with the compiler). Strategy-free: nothing
//! here knows how objects are counted or shared.
//!
//! - [`lexer`]: tokens with INDENT/DEDENT, implicit line joining inside brackets, string and number
//!   literals.
//! - [`compile`]: AST → [`bytecode::CodeUnit`]s, CPython 3.11-style instructions with a zero-cost
//!   exception table; [`bytecode`] is the contract with the VM.
//! - [`parser`]: recursive descent over the tokens into [`ast`] nodes, following CPython's grammar for the
//!   subset (ARCHITECTURE.md, "The language subset"). Valid Python outside the subset is a `NotImplementedError` naming the construct
//!   and its line; invalid Python is a `SyntaxError`/`IndentationError` with CPython's line.

pub mod ast;
pub mod bytecode;
pub mod compile;
pub mod error;
pub mod lexer;
pub mod parser;
pub mod peephole;
pub mod token;

pub use error::{CompileError, ErrorKind};

/// Parse and compile a whole file.
pub fn compile_source(src: &str, filename: &str) -> Result<std::sync::Arc<bytecode::CodeUnit>, CompileError> {
    let mut unit = compile::compile(&parse(src)?, filename)?;
    peephole::optimize(&mut unit);
    Ok(unit)
}

/// Parse a whole file.
pub fn parse(src: &str) -> Result<ast::Module, CompileError> {
    let tokens = lexer::tokenize(src)?;
    parser::parse_module(&tokens)
}

#[cfg(test)]
mod tests;
