//! f-strings: splitting the body of an f-string token into literal text and `{expr!conversion:spec}`
//! fields, as CPython 3.11 does. Literal text has `{{`/`}}` collapsed and (unless raw) backslash escapes
//! processed with the lexer's [`unescape`]. A field's expression is tokenized and parsed on its own, with
//! the line it sits on; a format spec is itself split into parts and may hold nested fields (one level).

use super::Parser;
use crate::lang::ast::{Expr, FStringPart};
use crate::lang::error::{CompileError, ErrorKind};
use crate::lang::lexer::{tokenize_noting_unsupported, unescape};
use crate::lang::token::{Tok, Token};

/// Split the body of an f-string token on `line` into parts; also return the first construct in it outside
/// the subset, if any (parsed past). Errors in the literal text and the braces are reported at `after`, the
/// token after the string literals (where CPython 3.11 reports them); errors in a field's expression on the
/// field's line.
pub(super) fn parse(
    body: &str,
    raw: bool,
    line: u32,
    after: &Token,
) -> Result<(Vec<FStringPart>, Option<CompileError>), CompileError> {
    let chars = body.chars().collect();
    let mut splitter = Splitter { chars, pos: 0, raw, line, after_line: after.line, col: after.col, unsupported: None };
    let parts = splitter.parts(0)?;
    Ok((parts, splitter.unsupported))
}

/// A cursor over one f-string body.
#[derive(Debug)]
struct Splitter {
    chars: Vec<char>,
    pos: usize,
    raw: bool,
    /// Line of the f-string token.
    line: u32,
    /// Position of the token after the string literals, where format errors are reported.
    after_line: u32,
    col: u32,
    /// The first construct outside the subset.
    unsupported: Option<CompileError>,
}

impl Splitter {
    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn err(&self, msg: &str) -> CompileError {
        CompileError::syntax(msg, self.after_line, self.col)
    }

    /// Parts up to the end of the body (`depth` 0) or up to the `}` that ends a format spec (`depth` > 0,
    /// the `}` left for the caller).
    fn parts(&mut self, depth: u32) -> Result<Vec<FStringPart>, CompileError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            match self.peek() {
                None if depth > 0 => return Err(self.err("f-string: expecting '}'")),
                None => break,
                // Doubled braces are literal text, but not in a format spec (as in CPython 3.11).
                Some('{') if depth == 0 && self.peek_at(1) == Some('{') => {
                    text.push('{');
                    self.pos += 2;
                }
                Some('{') => {
                    self.flush(&mut text, &mut parts)?;
                    if depth >= 2 {
                        return Err(self.err("f-string: expressions nested too deeply"));
                    }
                    self.pos += 1;
                    parts.push(self.field(depth)?);
                }
                Some('}') if depth > 0 => break,
                Some('}') if self.peek_at(1) == Some('}') => {
                    text.push('}');
                    self.pos += 2;
                }
                Some('}') => return Err(self.err("f-string: single '}' is not allowed")),
                Some('\\') if !self.raw && self.peek_at(1) == Some('N') && self.peek_at(2) == Some('{') => {
                    // `\N{NAME}`: its braces are not a field (the escape itself is outside the subset).
                    while let Some(c) = self.peek() {
                        text.push(c);
                        self.pos += 1;
                        if c == '}' {
                            break;
                        }
                    }
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        self.flush(&mut text, &mut parts)?;
        Ok(parts)
    }

    /// Turn pending literal text into a part.
    fn flush(&self, text: &mut String, parts: &mut Vec<FStringPart>) -> Result<(), CompileError> {
        if text.is_empty() {
            return Ok(());
        }
        let raw = std::mem::take(text);
        let s = if self.raw { raw } else { unescape(&raw, self.after_line, self.col)? };
        parts.push(FStringPart::Literal(s));
        Ok(())
    }

    /// A field, after its `{`, through its `}`.
    fn field(&mut self, depth: u32) -> Result<FStringPart, CompileError> {
        let start = self.pos;
        let self_documenting = self.scan_expression()?;
        let source: String = self.chars[start..self.pos].iter().collect();
        if source.trim().is_empty() {
            return Err(self.err("f-string: empty expression not allowed"));
        }
        let field_line = self.line + self.chars[..start].iter().filter(|&&c| c == '\n').count() as u32;
        let (expr, unsupported) = parse_field_expression(&source, field_line, self.col)?;
        if let Some(e) = unsupported {
            self.unsupported.get_or_insert(e);
        }
        if self_documenting {
            self.pos += 1;
            while self.peek().is_some_and(char::is_whitespace) {
                self.pos += 1;
            }
        }
        let mut conversion = None;
        if self.peek() == Some('!') {
            match self.peek_at(1) {
                Some(c @ ('r' | 's' | 'a')) => conversion = Some(c),
                _ => return Err(self.err("f-string: invalid conversion character: expected 's', 'r', or 'a'")),
            }
            self.pos += 2;
        }
        let spec = if self.peek() == Some(':') {
            self.pos += 1;
            self.parts(depth + 1)?
        } else {
            Vec::new()
        };
        if self.peek() != Some('}') {
            return Err(self.err("f-string: expecting '}'"));
        }
        self.pos += 1;
        if self_documenting {
            let e = CompileError::unsupported("the self-documenting f-string field '{expr=}'", field_line, 0);
            self.unsupported.get_or_insert(e);
        }
        Ok(FStringPart::Field { expr: Box::new(expr), conversion, spec })
    }

    /// Move to the end of a field's expression: a `!`, `:`, `}` or `=` (of a self-documenting field, then
    /// returning true) outside brackets and strings.
    fn scan_expression(&mut self) -> Result<bool, CompileError> {
        let mut nesting: Vec<char> = Vec::new();
        let mut quote: Option<char> = None;
        loop {
            let Some(c) = self.peek() else { return Err(self.err("f-string: expecting '}'")) };
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                self.pos += 1;
                continue;
            }
            let top = nesting.is_empty();
            match c {
                '\'' | '"' => quote = Some(c),
                '\\' => return Err(self.err("f-string expression part cannot include a backslash")),
                '#' => return Err(self.err("f-string expression part cannot include '#'")),
                '(' | '[' | '{' => nesting.push(c),
                ')' | ']' | '}' if !top => {
                    let open = nesting.pop().unwrap_or('(');
                    let expected = match open {
                        '(' => ')',
                        '[' => ']',
                        _ => '}',
                    };
                    if c != expected {
                        let msg =
                            format!("f-string: closing parenthesis '{c}' does not match opening parenthesis '{open}'");
                        return Err(self.err(&msg));
                    }
                }
                ')' | ']' => return Err(self.err(&format!("f-string: unmatched '{c}'"))),
                '}' | ':' if top => return Ok(false),
                '!' if top && self.peek_at(1) != Some('=') => return Ok(false),
                '=' if top && self.peek_at(1) != Some('=') && !self.follows_comparison_char() => return Ok(true),
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// Whether the character before the current `=` makes it part of `==`, `!=`, `<=` or `>=`.
    fn follows_comparison_char(&self) -> bool {
        self.pos > 0 && matches!(self.chars[self.pos - 1], '=' | '!' | '<' | '>')
    }
}

/// Parse a field's expression source, found on `line`, and note any construct in it outside the subset. It
/// is parsed in parentheses (as CPython does), so it may span lines and `a, b` is a tuple.
fn parse_field_expression(source: &str, line: u32, col: u32) -> Result<(Expr, Option<CompileError>), CompileError> {
    let prefixed = |mut e: CompileError| {
        e.col = col;
        if e.kind == ErrorKind::Syntax && !e.msg.starts_with("f-string") {
            e.msg = format!("f-string: {}", e.msg);
        }
        e
    };
    // Move an error of the lexer, which counts lines from the field, to the field's line.
    let relocate = |mut e: CompileError| {
        let old = format!("(line {})", e.line);
        e.line += line - 1;
        e.msg = e.msg.replace(&old, &format!("(line {})", e.line));
        prefixed(e)
    };
    let (mut toks, unsupported) = tokenize_noting_unsupported(&format!("({source})")).map_err(relocate)?;
    for t in &mut toks {
        t.line += line - 1;
        t.col = col;
    }
    let mut p = Parser::new(&toks);
    let expr = p.star_expressions().map_err(prefixed)?;
    if !p.at(&Tok::Newline) {
        return Err(prefixed(p.error()));
    }
    match p.deferred {
        Some(e) => Err(e),
        None => Ok((expr, unsupported.map(relocate).or(p.unsupported))),
    }
}
