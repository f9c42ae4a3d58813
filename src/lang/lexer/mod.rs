//! The lexer: source text → [`Token`]s, following CPython's `tokenize`.
//!
//! - Logical lines end in a `Newline` token. At the start of each logical line the indentation is compared
//!   with a stack of levels, giving `Indent` or one `Dedent` per level left (tabs advance to the next
//!   multiple of 8). Blank and comment-only lines produce nothing.
//! - Inside `()`, `[]` and `{}` line breaks are ignored (implicit line joining); a backslash before a line
//!   break joins lines anywhere.
//! - The stream ends with a `Newline` (if the last logical line had content), a `Dedent` per open level,
//!   and `EndMarker`.
//!
//! Numbers and strings are in `literal`; `unescape` is shared with the parser's f-string splitter.
//!
//! Errors come in three strengths. A hard error stops the lexer. A soft error, one CPython raises in its
//! parser (a bad escape, a stray `?`), and a literal outside the subset (bytes, complex, a 64-bit overflow)
//! are noted and lexing goes on. Since CPython tokenizes lazily, the error reported is then chosen by
//! `order`, which parses the tokens before the error to see whether a syntax error comes first.

mod literal;
mod order;
#[cfg(test)]
mod tests;

pub(crate) use literal::unescape;

use super::error::CompileError;
use super::token::{Kw, Op, Tok, Token};

/// Columns a tab advances to the next multiple of (CPython's `TABSIZE`).
const TABSIZE: u32 = 8;

/// The most brackets open at once (CPython's `MAXLEVEL`).
const MAX_BRACKETS: usize = 200;

/// The most indentation levels, the outermost included (CPython's `MAXINDENT`).
const MAX_INDENTS: usize = 100;

/// Split `src` into tokens.
///
/// On an error this returns the one CPython 3.11 would report, which is not always the first lexical
/// error: see `order`.
pub fn tokenize(src: &str) -> Result<Vec<Token>, CompileError> {
    match tokenize_noting_unsupported(src)? {
        (toks, None) => Ok(toks),
        (toks, unsupported) => Err(order::first_error(toks, None, unsupported, None, None)),
    }
}

/// Like [`tokenize`], but the first literal outside the subset (bytes, complex, ...; lexed as a placeholder)
/// comes back beside the tokens instead of as the error, for a caller that parses on: the parser, for the
/// expressions in f-strings.
pub(crate) fn tokenize_noting_unsupported(src: &str) -> Result<(Vec<Token>, Option<CompileError>), CompileError> {
    let mut lexer = Lexer::new(src);
    let hard = lexer.run().err();
    if hard.is_none() && lexer.soft.is_none() {
        return Ok((lexer.toks, lexer.unsupported));
    }
    let bracket = lexer.brackets.last().copied();
    Err(order::first_error(lexer.toks, lexer.soft, lexer.unsupported, hard, bracket))
}

/// One indentation level: the column with tabs to multiples of 8, and with tabs as one column (CPython's
/// "altcol", compared to detect inconsistent tabs and spaces).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Level {
    col: u32,
    alt: u32,
}

/// The lexer's state over one source text.
#[derive(Debug)]
pub(super) struct Lexer {
    /// The source, line breaks normalized to `\n`.
    chars: Vec<char>,
    /// Index of the next character.
    pos: usize,
    /// 1-based line of `pos`.
    line: u32,
    /// Index of the first character of the current line.
    line_start: usize,
    /// The last line of the file (where CPython reports errors found at end of input).
    last_line: u32,
    /// Tokens so far.
    toks: Vec<Token>,
    /// Indentation stack; the bottom level is column 0.
    indents: Vec<Level>,
    /// Open brackets: the character and where it is.
    brackets: Vec<(char, u32, u32)>,
    /// A bad escape in a string literal. CPython decodes strings in its parser, once it has read the token
    /// after the string (and any adjacent ones), and reports the error there; so does this lexer.
    bad_escape: Option<CompileError>,
    /// The first error that CPython raises in its parser though it is found here (a bad escape, a stray
    /// `?`, `$`, `!` or backtick), and how many tokens come before it. Lexing goes on after it.
    soft: Option<(CompileError, usize)>,
    /// The first literal outside the subset (bytes, complex, a 64-bit overflow, `\N{...}`). Lexing goes on
    /// with a placeholder token, so a syntax error anywhere in the file still wins, as in CPython.
    unsupported: Option<CompileError>,
}

impl Lexer {
    fn new(src: &str) -> Self {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let chars: Vec<char> = src.replace("\r\n", "\n").replace('\r', "\n").chars().collect();
        let newlines = chars.iter().filter(|&&c| c == '\n').count();
        let unterminated = usize::from(chars.last().is_some_and(|&c| c != '\n'));
        let last_line = (newlines + unterminated).max(1) as u32;
        Self {
            chars,
            pos: 0,
            line: 1,
            line_start: 0,
            last_line,
            toks: Vec::new(),
            indents: vec![Level { col: 0, alt: 0 }],
            brackets: Vec::new(),
            bad_escape: None,
            soft: None,
            unsupported: None,
        }
    }

    /// The character `n` places ahead, if any.
    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    /// The next character, if any.
    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    /// Consume one character, keeping the line count.
    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
            self.line_start = self.pos;
        }
        Some(c)
    }

    /// 1-based column of the next character.
    fn col(&self) -> u32 {
        (self.pos - self.line_start) as u32 + 1
    }

    fn push(&mut self, tok: Tok, line: u32, col: u32) {
        self.toks.push(Token { tok, line, col });
    }

    fn syntax(&self, msg: impl Into<String>) -> CompileError {
        CompileError::syntax(msg, self.line, self.col())
    }

    fn run(&mut self) -> Result<(), CompileError> {
        let mut at_line_start = true;
        loop {
            self.settle_bad_escape();
            if at_line_start {
                if !self.indentation()? {
                    break;
                }
                at_line_start = false;
            }
            let Some(c) = self.peek() else { break };
            match c {
                ' ' | '\t' | '\x0c' => {
                    self.bump();
                }
                '#' => self.skip_comment(),
                '\n' => {
                    if self.brackets.is_empty() {
                        self.push(Tok::Newline, self.line, self.col());
                        at_line_start = true;
                    }
                    self.bump();
                }
                '\\' => self.continuation()?,
                '0'..='9' => self.number()?,
                '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit()) => self.number()?,
                '\'' | '"' => {
                    let (line, col) = (self.line, self.col());
                    self.string("", line, col)?;
                }
                c if is_id_start(c) => self.name()?,
                _ => self.operator()?,
            }
        }
        self.finish(at_line_start)
    }

    /// At the start of a logical line: skip blank and comment-only lines, then measure the indentation and
    /// emit `Indent`/`Dedent`s. Returns false at end of input.
    fn indentation(&mut self) -> Result<bool, CompileError> {
        loop {
            let (mut col, mut alt) = (0, 0);
            // Indentation cannot be split over lines with backslashes: as in CPython, the column of the
            // first backslash (when not 0) is the indentation.
            let mut continued = 0;
            while let Some(c) = self.peek() {
                match c {
                    ' ' => (col, alt) = (col + 1, alt + 1),
                    '\t' => (col, alt) = ((col / TABSIZE + 1) * TABSIZE, alt + 1),
                    '\x0c' => (col, alt) = (0, 0),
                    '\\' => {
                        if continued == 0 {
                            continued = col;
                        }
                        self.continuation()?;
                        continue;
                    }
                    _ => break,
                }
                self.bump();
            }
            if continued != 0 {
                (col, alt) = (continued, continued);
            }
            match self.peek() {
                None => return Ok(false),
                Some('#') => self.skip_comment(),
                Some('\n') => {}
                Some(_) => return self.indent_to(Level { col, alt }).map(|()| true),
            }
            self.bump();
        }
    }

    fn indent_to(&mut self, level: Level) -> Result<(), CompileError> {
        let line = self.line;
        let tab_error = || CompileError::indentation("inconsistent use of tabs and spaces in indentation", line, 1);
        let top = *self.indents.last().unwrap_or(&Level { col: 0, alt: 0 });
        if level.col > top.col {
            if level.alt <= top.alt {
                return Err(tab_error());
            }
            if self.indents.len() >= MAX_INDENTS {
                return Err(CompileError::indentation("too many levels of indentation", line, 1));
            }
            self.indents.push(level);
            self.push(Tok::Indent, self.line, 1);
            return Ok(());
        }
        // Check the level before emitting any Dedent, as CPython does.
        let keep = self.indents.iter().take_while(|l| l.col <= level.col).count().max(1);
        let top = self.indents[keep - 1];
        if level.col != top.col {
            return Err(CompileError::indentation(
                "unindent does not match any outer indentation level",
                self.line,
                self.col(),
            ));
        }
        if level.alt != top.alt {
            return Err(tab_error());
        }
        for _ in keep..self.indents.len() {
            self.push(Tok::Dedent, self.line, self.col());
        }
        self.indents.truncate(keep);
        Ok(())
    }

    /// Skip a comment up to (not including) the line break.
    fn skip_comment(&mut self) {
        while self.peek().is_some_and(|c| c != '\n') {
            self.bump();
        }
    }

    /// A backslash outside a string: it must end the line, joining it with the next.
    fn continuation(&mut self) -> Result<(), CompileError> {
        match self.peek_at(1) {
            Some('\n') => {
                let eof = self.unexpected_eof();
                self.bump();
                self.bump();
                if self.peek().is_none() {
                    return Err(eof);
                }
                Ok(())
            }
            None => Err(self.unexpected_eof()),
            Some(_) => {
                self.bump();
                Err(self.syntax("unexpected character after line continuation character"))
            }
        }
    }

    /// End of input right after a backslash: inside brackets, CPython reports the innermost one unclosed.
    fn unexpected_eof(&self) -> CompileError {
        match self.brackets.last() {
            Some(&(open, line, col)) => CompileError::syntax(format!("'{open}' was never closed"), line, col),
            None => self.syntax("unexpected EOF while parsing"),
        }
    }

    /// An identifier, a keyword, or the prefix of a string literal.
    fn name(&mut self) -> Result<(), CompileError> {
        let (line, col) = (self.line, self.col());
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|&c| is_id_continue(c)) {
            s.push(c);
            self.bump();
        }
        if matches!(self.peek(), Some('\'' | '"')) && is_string_prefix(&s) {
            if s.contains(['b', 'B']) {
                self.note_unsupported(CompileError::unsupported("bytes literal", line, col));
            }
            return self.string(&s, line, col);
        }
        let tok = Kw::lookup(&s).map_or(Tok::Name(s), Tok::Kw);
        self.push(tok, line, col);
        Ok(())
    }

    /// An operator or delimiter, longest match first.
    fn operator(&mut self) -> Result<(), CompileError> {
        let (line, col) = (self.line, self.col());
        let matched = Op::TABLE.iter().find(|(s, _)| s.chars().enumerate().all(|(i, ch)| self.peek_at(i) == Some(ch)));
        let Some(&(spelling, op)) = matched else {
            let c = self.peek().unwrap_or(' ');
            if !c.is_ascii() && !c.is_whitespace() {
                return Err(self.syntax(format!("invalid character '{c}' (U+{:04X})", u32::from(c))));
            }
            // CPython's tokenizer passes these on as operators, for its parser to reject.
            if let Some(mut e) = self.bad_escape.take() {
                (e.line, e.col) = (line, col);
                self.soft_error(e, self.toks.len());
            }
            self.soft_error(self.syntax("invalid syntax"), self.toks.len());
            self.bump();
            return Ok(());
        };
        for _ in spelling.chars() {
            self.bump();
        }
        match op {
            Op::LPar | Op::LSqb | Op::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(CompileError::syntax("too many nested parentheses", line, col));
                }
                self.brackets.push((spelling_char(spelling), line, col));
            }
            Op::RPar | Op::RSqb | Op::RBrace => {
                let close = spelling_char(spelling);
                let Some((open, open_line, _)) = self.brackets.pop() else {
                    return Err(CompileError::syntax(format!("unmatched '{close}'"), line, col));
                };
                if closer_of(open) != close {
                    let mut msg = format!("closing parenthesis '{close}' does not match opening parenthesis '{open}'");
                    if open_line != line {
                        msg.push_str(&format!(" on line {open_line}"));
                    }
                    return Err(CompileError::syntax(msg, line, col));
                }
            }
            _ => {}
        }
        self.push(Tok::Op(op), line, col);
        Ok(())
    }

    /// Once a token other than a string follows a bad escape, record it as a soft error at that token,
    /// cutting the tokens before it.
    fn settle_bad_escape(&mut self) {
        let Some(after) = self.toks.last().filter(|t| !matches!(t.tok, Tok::Str(_) | Tok::FString { .. })) else {
            return;
        };
        let (line, col) = (after.line, after.col);
        if let Some(mut e) = self.bad_escape.take() {
            (e.line, e.col) = (line, col);
            self.soft_error(e, self.toks.len() - 1);
        }
    }

    /// Record a soft error (the first one is kept), which the parser would report after `cut` tokens.
    fn soft_error(&mut self, e: CompileError, cut: usize) {
        self.soft.get_or_insert((e, cut));
    }

    /// Record a literal outside the subset (the first one is kept).
    fn note_unsupported(&mut self, e: CompileError) {
        self.unsupported.get_or_insert(e);
    }

    /// End of input: unclosed brackets are errors; otherwise close the last line and every open block.
    fn finish(&mut self, at_line_start: bool) -> Result<(), CompileError> {
        if let Some(&(open, line, col)) = self.brackets.last() {
            return Err(CompileError::syntax(format!("'{open}' was never closed"), line, col));
        }
        if !at_line_start {
            self.push(Tok::Newline, self.line, self.col());
        }
        self.settle_bad_escape();
        let end = self.last_line;
        for _ in 1..self.indents.len() {
            self.push(Tok::Dedent, end, 1);
        }
        self.push(Tok::EndMarker, end, 1);
        Ok(())
    }
}

fn spelling_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

/// The closing bracket of an opening one.
fn closer_of(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Whether `c` can start an identifier.
pub(super) fn is_id_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

/// Whether `c` can continue an identifier: `_`, letters and digits, and the common combining marks,
/// joiners and variation selectors of Unicode's `XID_Continue` that are not alphanumeric.
pub(super) fn is_id_continue(c: char) -> bool {
    c == '_'
        || c.is_alphanumeric()
        || matches!(
            c,
            '\u{300}'..='\u{36f}'
                | '\u{1ab0}'..='\u{1aff}'
                | '\u{1dc0}'..='\u{1dff}'
                | '\u{200c}'..='\u{200d}'
                | '\u{20d0}'..='\u{20ff}'
                | '\u{fe00}'..='\u{fe0f}'
                | '\u{fe20}'..='\u{fe2f}'
                | '\u{e0100}'..='\u{e01ef}'
        )
}

/// Whether `s` is a string prefix (`r`, `u`, `f`, `b` and the two-letter combinations, any case).
fn is_string_prefix(s: &str) -> bool {
    matches!(s.to_ascii_lowercase().as_str(), "r" | "u" | "f" | "b" | "br" | "rb" | "fr" | "rf")
}
