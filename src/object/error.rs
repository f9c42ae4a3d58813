//! Errors raised by object operations; the interpreter turns each into the Python exception it names.

/// An error from an object operation, named after the Python exception it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ObjError {
    /// `TypeError`, e.g. an unhashable key.
    Type(String),
    /// `OverflowError`: gilfree's `int` is an i64 (a documented divergence from CPython).
    Overflow(String),
    /// `IndexError`
    Index(String),
    /// `ZeroDivisionError`
    ZeroDivision(String),
    /// `ValueError`
    Value(String),
}

impl ObjError {
    /// The Python exception class name.
    pub fn py_name(&self) -> &'static str {
        match self {
            ObjError::Type(_) => "TypeError",
            ObjError::Overflow(_) => "OverflowError",
            ObjError::Index(_) => "IndexError",
            ObjError::ZeroDivision(_) => "ZeroDivisionError",
            ObjError::Value(_) => "ValueError",
        }
    }

    /// The message.
    pub fn message(&self) -> &str {
        match self {
            ObjError::Type(m)
            | ObjError::Overflow(m)
            | ObjError::Index(m)
            | ObjError::ZeroDivision(m)
            | ObjError::Value(m) => m,
        }
    }
}

impl std::fmt::Display for ObjError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.py_name(), self.message())
    }
}

impl std::error::Error for ObjError {}
