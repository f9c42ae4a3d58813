//! The front end's cross-module tests: whole programs through lexer, parser and compiler together. The
//! lexer's, parser's and compiler's own unit tests stay beside them (`lexer/tests.rs`, `parser/tests/`,
//! `compile/tests/`).
//!
//! - [`corpus`]: every program of the differential corpus parses, or fails as CPython fails at compile time.
//! - [`fuzz`]: random mutations of the corpus programs never panic the front end.

mod corpus;
mod fuzz;
