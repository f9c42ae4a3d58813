//! Number and string literals, and the backslash-escape processing shared with f-strings.

use super::{Lexer, is_id_continue};
use crate::lang::error::{CompileError, ErrorKind};
use crate::lang::token::Tok;

/// Keywords that may directly follow a number (`1if x else 2`), as CPython's `verify_end_of_number` allows.
const KEYWORDS_AFTER_NUMBER: [&str; 8] = ["and", "else", "for", "if", "in", "is", "not", "or"];

impl Lexer {
    /// A number starting at the next character (a digit, or `.` followed by a digit).
    pub(super) fn number(&mut self) -> Result<(), CompileError> {
        let (line, col) = (self.line, self.col());
        if self.peek() == Some('0') {
            let radix = match self.peek_at(1) {
                Some('x' | 'X') => Some((16, "hexadecimal")),
                Some('o' | 'O') => Some((8, "octal")),
                Some('b' | 'B') => Some((2, "binary")),
                _ => None,
            };
            if let Some((radix, what)) = radix {
                self.bump();
                self.bump();
                return self.radix_int(radix, what, line, col);
            }
        }
        let mut text = String::new();
        self.digits(&mut text, "decimal")?;
        let mut is_float = false;
        if self.peek() == Some('.') {
            self.bump();
            text.push('.');
            is_float = true;
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.digits(&mut text, "decimal")?;
            }
        }
        let signed_digit =
            matches!(self.peek_at(1), Some('+' | '-')) && self.peek_at(2).is_some_and(|c| c.is_ascii_digit());
        if matches!(self.peek(), Some('e' | 'E'))
            && (self.peek_at(1).is_some_and(|c| c.is_ascii_digit()) || signed_digit)
        {
            self.bump();
            text.push('e');
            if let Some(sign @ ('+' | '-')) = self.peek() {
                self.bump();
                text.push(sign);
            }
            self.digits(&mut text, "decimal")?;
            is_float = true;
        }
        if matches!(self.peek(), Some('j' | 'J')) {
            self.bump();
            self.note_unsupported(CompileError::unsupported("complex literal", line, col));
        }
        self.end_of_number("decimal")?;
        let tok = if is_float {
            Tok::Float(text.parse().map_err(|_| CompileError::syntax("invalid decimal literal", line, col))?)
        } else {
            if text.starts_with('0') && text.chars().any(|c| c != '0') {
                return Err(CompileError::syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                    line,
                    col,
                ));
            }
            Tok::Int(self.parse_int(&text, 10, line, col))
        };
        self.push(tok, line, col);
        Ok(())
    }

    /// The digits of a `0x`/`0o`/`0b` literal, after the prefix.
    fn radix_int(&mut self, radix: u32, what: &str, line: u32, col: u32) -> Result<(), CompileError> {
        let mut text = String::new();
        loop {
            match self.peek() {
                Some('_') => {
                    self.bump();
                    if !self.peek().is_some_and(|c| c.is_digit(radix)) {
                        return Err(self.syntax(format!("invalid {what} literal")));
                    }
                }
                Some(c) if c.is_digit(radix) => {
                    text.push(c);
                    self.bump();
                }
                Some(c) if c.is_ascii_digit() => {
                    self.bump();
                    return Err(self.syntax(format!("invalid digit '{c}' in {what} literal")));
                }
                _ => break,
            }
        }
        if text.is_empty() {
            return Err(self.syntax(format!("invalid {what} literal")));
        }
        self.end_of_number(what)?;
        let value = self.parse_int(&text, radix, line, col);
        self.push(Tok::Int(value), line, col);
        Ok(())
    }

    /// Digits (no underscores, no prefix) as an i64; larger literals are outside the subset (0 stands in).
    fn parse_int(&mut self, text: &str, radix: u32, line: u32, col: u32) -> i64 {
        i64::from_str_radix(text, radix).unwrap_or_else(|_| {
            self.note_unsupported(CompileError::unsupported("integer literal larger than 64 bits", line, col));
            0
        })
    }

    /// A run of decimal digits with single underscores between them.
    fn digits(&mut self, text: &mut String, what: &str) -> Result<(), CompileError> {
        loop {
            match self.peek() {
                Some(c) if c.is_ascii_digit() => {
                    text.push(c);
                    self.bump();
                }
                Some('_') => {
                    self.bump();
                    if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        return Err(self.syntax(format!("invalid {what} literal")));
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// A number may not run into a name, except a keyword that may follow it (`1if x else 2`).
    fn end_of_number(&mut self, what: &str) -> Result<(), CompileError> {
        if !self.peek().is_some_and(is_id_continue) {
            return Ok(());
        }
        let rest: String = self.chars[self.pos..].iter().take(5).collect();
        if KEYWORDS_AFTER_NUMBER.iter().any(|kw| rest.starts_with(kw)) {
            return Ok(());
        }
        Err(self.syntax(format!("invalid {what} literal")))
    }

    /// A string literal whose (already consumed) prefix is `prefix` and which starts at `line`/`col`; the
    /// next character is its opening quote.
    pub(super) fn string(&mut self, prefix: &str, line: u32, col: u32) -> Result<(), CompileError> {
        let raw = prefix.contains(['r', 'R']);
        let fstring = prefix.contains(['f', 'F']);
        let quote = self.bump().unwrap_or('"');
        let triple = self.peek() == Some(quote) && self.peek_at(1) == Some(quote);
        if triple {
            self.bump();
            self.bump();
        }
        let mut body = String::new();
        loop {
            match self.peek() {
                None if triple => {
                    let msg =
                        format!("unterminated triple-quoted string literal (detected at line {})", self.last_line);
                    return Err(CompileError::syntax(msg, line, col));
                }
                None => {
                    let msg = format!("unterminated string literal (detected at line {})", self.line);
                    return Err(CompileError::syntax(msg, line, col));
                }
                Some('\n') if !triple => {
                    let msg = format!("unterminated string literal (detected at line {})", self.line);
                    return Err(CompileError::syntax(msg, line, col));
                }
                Some('\\') => {
                    body.push('\\');
                    self.bump();
                    if let Some(c) = self.bump() {
                        body.push(c);
                    }
                }
                Some(c) if c == quote => {
                    if !triple {
                        self.bump();
                        break;
                    }
                    if self.peek_at(1) == Some(quote) && self.peek_at(2) == Some(quote) {
                        for _ in 0..3 {
                            self.bump();
                        }
                        break;
                    }
                    body.push(c);
                    self.bump();
                }
                Some(c) => {
                    body.push(c);
                    self.bump();
                }
            }
        }
        let tok = if fstring {
            Tok::FString { body, raw }
        } else if raw {
            Tok::Str(body)
        } else {
            match unescape(&body, line, col) {
                Ok(s) => Tok::Str(s),
                Err(e) if e.kind == ErrorKind::NotImplemented => {
                    self.note_unsupported(e);
                    Tok::Str(String::new())
                }
                Err(e) => {
                    self.bad_escape.get_or_insert(e);
                    Tok::Str(String::new())
                }
            }
        };
        self.push(tok, line, col);
        Ok(())
    }
}

/// Process the backslash escapes of a non-raw string body, as CPython does: `\\ \' \" \a \b \f \n \r \t \v`,
/// octal `\ooo`, `\xhh`, `\uXXXX`, `\UXXXXXXXX`, and backslash-newline (dropped). Unknown escapes keep their
/// backslash. Errors are reported at `line`/`col`, the string's position.
pub(crate) fn unescape(body: &str, line: u32, col: u32) -> Result<String, CompileError> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        let simple = match e {
            '\n' => continue,
            '\\' | '\'' | '"' => e,
            'a' => '\x07',
            'b' => '\x08',
            'f' => '\x0c',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0b',
            '0'..='7' => {
                let mut value = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(8)) {
                        Some(d) => {
                            value = value * 8 + d;
                            chars.next();
                        }
                        None => break,
                    }
                }
                char::from_u32(value).unwrap_or('\0')
            }
            'x' | 'u' | 'U' => {
                let (len, name) = match e {
                    'x' => (2, "\\xXX"),
                    'u' => (4, "\\uXXXX"),
                    _ => (8, "\\UXXXXXXXX"),
                };
                let mut value = 0u32;
                for i in 0..len {
                    match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                        Some(d) => {
                            value = value * 16 + d;
                            chars.next();
                        }
                        None => {
                            let msg = format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {at}-{}: truncated {name} escape",
                                at + 1 + i
                            );
                            return Err(CompileError::syntax(msg, line, col));
                        }
                    }
                }
                match char::from_u32(value) {
                    Some(ch) => ch,
                    None if (0xd800..0xe000).contains(&value) => {
                        return Err(CompileError::unsupported("a lone surrogate in a string literal", line, col));
                    }
                    None => {
                        let msg = format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in position {at}-{}: illegal Unicode character",
                            at + 1 + len
                        );
                        return Err(CompileError::syntax(msg, line, col));
                    }
                }
            }
            'N' if chars.peek().is_some_and(|&(_, c)| c == '{') => {
                return Err(CompileError::unsupported("the \\N{...} escape", line, col));
            }
            'N' => {
                let msg = format!(
                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {at}-{}: malformed \\N character escape",
                    at + 1
                );
                return Err(CompileError::syntax(msg, line, col));
            }
            other => {
                out.push('\\');
                other
            }
        };
        out.push(simple);
    }
    Ok(out)
}
