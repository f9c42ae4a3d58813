//! Compile-time errors: `SyntaxError`, `IndentationError`, and `NotImplementedError` for constructs
//! outside gilfree's subset. Each carries the position CPython would report.

/// Which Python exception a compile error becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError` in CPython)
    Indentation,
    /// `NotImplementedError`: valid Python that gilfree's subset does not cover; the message names the
    /// construct.
    NotImplemented,
}

/// A compile error at a source position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    /// The exception it becomes.
    pub kind: ErrorKind,
    /// The message, as CPython words it where gilfree can match it.
    pub msg: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (0 when unknown).
    pub col: u32,
}

impl CompileError {
    /// A `SyntaxError`.
    pub fn syntax(msg: impl Into<String>, line: u32, col: u32) -> Self {
        Self { kind: ErrorKind::Syntax, msg: msg.into(), line, col }
    }

    /// An `IndentationError`.
    pub fn indentation(msg: impl Into<String>, line: u32, col: u32) -> Self {
        Self { kind: ErrorKind::Indentation, msg: msg.into(), line, col }
    }

    /// A `NotImplementedError` naming a construct outside the subset.
    pub fn unsupported(construct: &str, line: u32, col: u32) -> Self {
        Self {
            kind: ErrorKind::NotImplemented,
            msg: format!("{construct} is not supported by gilfree (line {line})"),
            line,
            col,
        }
    }

    /// The Python exception class name.
    pub fn py_name(&self) -> &'static str {
        match self.kind {
            ErrorKind::Syntax => "SyntaxError",
            ErrorKind::Indentation => "IndentationError",
            ErrorKind::NotImplemented => "NotImplementedError",
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} (line {})", self.py_name(), self.msg, self.line)
    }
}

impl std::error::Error for CompileError {}
