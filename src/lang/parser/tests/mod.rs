//! Parser tests. Snippets are parsed and rendered with [`dump`]; the expected renderings were produced from
//! CPython 3.11's `ast` module with the same rendering, so they pin gilfree's trees to CPython's. Also:
//! node lines ([`lines`]), errors (kind and line), and a realistic program.

mod dump;
mod errors;
mod exprs;
mod lines;
mod positions;
mod program;
mod stmts;

use crate::lang::error::{CompileError, ErrorKind};
use crate::lang::{ast, parse};

/// Parse `src` and render it, panicking with the error if it fails.
fn show(src: &str) -> String {
    match parse(src) {
        Ok(m) => dump::stmts(&m.body),
        Err(e) => panic!("{src:?} failed: {e}"),
    }
}

/// Assert that `src` parses to the rendering `expected`.
#[track_caller]
fn check(src: &str, expected: &str) {
    assert_eq!(show(src), expected, "parsing {src:?}");
}

/// Assert that the nodes of `src` start on the given lines (`(kind, line)` pairs, sorted).
#[track_caller]
fn check_lines(src: &str, expected: &[(&str, u32)]) {
    let m = module(src);
    assert_eq!(lines::lines(&m), expected, "lines of {src:?}");
}

/// Parse `src` into a module.
fn module(src: &str) -> ast::Module {
    parse(src).unwrap_or_else(|e| panic!("{src:?} failed: {e}"))
}

/// Assert that `src` fails with a `kind` error on `line`, and return the error.
#[track_caller]
fn check_error(src: &str, kind: ErrorKind, line: u32) -> CompileError {
    match parse(src) {
        Ok(m) => panic!("{src:?} parsed: {}", dump::stmts(&m.body)),
        Err(e) => {
            assert_eq!((e.kind, e.line), (kind, line), "{src:?}: {e}");
            e
        }
    }
}

/// Assert that `src` fails with a `SyntaxError` on `line`.
#[track_caller]
fn syntax(src: &str, line: u32) -> CompileError {
    check_error(src, ErrorKind::Syntax, line)
}

/// Assert that `src` fails with an `IndentationError` on `line` saying `msg`.
#[track_caller]
fn indentation(src: &str, line: u32, msg: &str) {
    assert_eq!(check_error(src, ErrorKind::Indentation, line).msg, msg, "{src:?}");
}

/// Assert that `src` fails with a `NotImplementedError` on `line` naming `construct`.
#[track_caller]
fn unsupported(src: &str, line: u32, construct: &str) {
    let e = check_error(src, ErrorKind::NotImplemented, line);
    assert!(e.msg.contains(construct), "{src:?}: {e}");
}
