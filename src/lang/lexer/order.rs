//! Which error to report when the lexer finds one: the error CPython 3.11 would report.
//!
//! CPython tokenizes lazily, as its parser asks for tokens, so a syntax error *before* a lexical error can
//! be the one reported; and after a parser error it tokenizes the rest of the file, where some lexical
//! errors take over (`_PyPegen_set_syntax_error` and `_PyPegen_tokenize_full_source_to_check_for_errors`
//! in CPython's `Parser/pegen_errors.c`):
//!
//! - A tokenizer error that raises at once (unterminated string, bad number, invalid character, unmatched
//!   closing bracket, too many brackets) wins over an earlier parser error.
//! - Other tokenizer errors (end of input, bad indentation, a stray character after a line continuation)
//!   only stop that scan: then, if a bracket is open that was opened on an earlier line than the last
//!   token the parser read, "'(' was never closed" wins; otherwise the parser's error stands.
//! - Nothing wins over the parser's "unexpected indent" or "unexpected unindent".

use super::super::error::{CompileError, ErrorKind};
use super::super::parser::prefix_error;
use super::super::token::{Tok, Token};

/// Whether CPython's tokenizer raises `e` at once (rather than only flagging it), so that it wins over an
/// earlier parser error.
fn raises_at_once(e: &CompileError) -> bool {
    const FLAGGED: [&str; 6] = [
        "unindent does not match",
        "inconsistent use of tabs",
        "too many levels of indentation",
        "unexpected character after line continuation",
        "unexpected EOF",
        "was never closed",
    ];
    e.kind == ErrorKind::Syntax && !FLAGGED.iter().any(|m| e.msg.starts_with(m) || e.msg.ends_with(m))
}

/// The error to report, given the tokens lexed; the first soft error (one CPython raises in its parser)
/// with the number of tokens before it; the first literal outside the subset; and the hard lexical error
/// that stopped the lexer, if any, with the innermost bracket then open.
pub(super) fn first_error(
    mut toks: Vec<Token>,
    soft: Option<(CompileError, usize)>,
    unsupported: Option<CompileError>,
    hard: Option<CompileError>,
    bracket: Option<(char, u32, u32)>,
) -> CompileError {
    let (soft, cut) = soft.map_or((None, toks.len()), |(e, cut)| (Some(e), cut));
    toks.truncate(cut);
    let (line, col) = toks.last().map_or((1, 1), |t| (t.line, t.col));
    toks.push(Token { tok: Tok::Newline, line, col });
    toks.push(Token { tok: Tok::EndMarker, line, col });
    // The soft error is where the parser stops, if it gets that far; its line is the last it reads.
    let soft = soft.map(|e| {
        let line = e.line;
        (e, line)
    });
    let (first, unsupported) = match prefix_error(&toks, cut) {
        // A construct outside the subset is valid Python: CPython would parse on, to the errors after it.
        Some((p, _)) if p.kind == ErrorKind::NotImplemented => {
            let earliest = match unsupported {
                Some(u) if u.line < p.line => u,
                _ => p,
            };
            (soft, Some(earliest))
        }
        Some(parsed) => (Some(parsed), unsupported),
        None => (soft, unsupported),
    };
    match (first, hard) {
        (Some((first, _)), _) if first.msg == "unexpected indent" || first.msg == "unexpected unindent" => first,
        (Some(_), Some(hard)) if raises_at_once(&hard) => hard,
        (Some((first, seen)), Some(_)) => match bracket {
            Some((open, line, col)) if seen > line => {
                CompileError::syntax(format!("'{open}' was never closed"), line, col)
            }
            _ => first,
        },
        (Some((first, _)), None) => first,
        (None, Some(hard)) => hard,
        (None, None) => unsupported.unwrap_or_else(|| CompileError::syntax("invalid syntax", line, col)),
    }
}
