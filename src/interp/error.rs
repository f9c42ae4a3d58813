//! Python exceptions in Rust: [`PyErr`] carries an exception object; constructors for the built-in ones;
//! printing tracebacks as CPython does.

use std::fmt::Write as _;

use super::thread::ThreadState;
use super::types::Exc;
use crate::object::{Exception, ObjError, ObjRef, TbEntry, str_obj, tuple_obj};
use crate::strategy::{Attached, Strategy};

/// A raised exception: an owned reference to an exception object (its traceback lives in the object).
pub struct PyErr<S: Strategy> {
    /// The exception instance.
    pub exc: ObjRef<S>,
}

impl<S: Strategy> std::fmt::Debug for PyErr<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyErr({:?})", self.exc)
    }
}

/// The result of anything that may raise.
pub type PyResult<S> = Result<ObjRef<S>, PyErr<S>>;

impl<S: Strategy> ThreadState<'_, S> {
    /// A new exception of class `e` with `args`.
    pub fn new_exc(&self, e: Exc, args: Vec<ObjRef<S>>) -> PyErr<S> {
        let class = self.vm.types.exc(e).clone();
        PyErr { exc: ObjRef::new(Exception::new(class, tuple_obj(args))) }
    }

    /// A new exception of class `e` with one str argument.
    pub fn err(&self, e: Exc, msg: impl AsRef<str>) -> PyErr<S> {
        self.new_exc(e, vec![str_obj(msg.as_ref())])
    }

    /// `TypeError(msg)`
    pub fn type_error(&self, msg: impl AsRef<str>) -> PyErr<S> {
        self.err(Exc::TypeError, msg)
    }

    /// `ValueError(msg)`
    pub fn value_error(&self, msg: impl AsRef<str>) -> PyErr<S> {
        self.err(Exc::ValueError, msg)
    }

    /// The exception an object-layer error names.
    pub fn obj_err(&self, e: ObjError) -> PyErr<S> {
        let kind = match e {
            ObjError::Type(_) => Exc::TypeError,
            ObjError::Overflow(_) => Exc::OverflowError,
            ObjError::Index(_) => Exc::IndexError,
            ObjError::ZeroDivision(_) => Exc::ZeroDivisionError,
            ObjError::Value(_) => Exc::ValueError,
        };
        self.err(kind, e.message())
    }

    /// Whether `err` is an instance of the built-in exception `e` (or a subclass).
    pub fn err_matches(&self, err: &PyErr<S>, e: Exc) -> bool {
        let class = self.vm.class_of(&err.exc);
        super::ops::is_subclass(class, self.vm.types.exc(e))
    }
}

/// The exception's traceback, outermost frame first.
fn traceback_of<S: Strategy>(exc: &Exception<S>, pin: &Attached<'_, S>) -> Vec<TbEntry> {
    let mut tb = exc.traceback.with(pin, |t| t.clone());
    tb.reverse();
    tb
}

/// Format an exception the way CPython's default hook prints it to stderr: `Traceback (most recent call
/// last):`, one `File ..., line N, in name` per frame (repeats collapsed as CPython does), then
/// `Type: message`. Chained exceptions (`__context__`/`__cause__`) are printed first.
pub fn print_exception<S: Strategy>(ts: &mut ThreadState<'_, S>, exc: &ObjRef<S>) -> String {
    let mut out = String::new();
    format_chain(ts, exc, &mut out, 0);
    out
}

fn format_chain<S: Strategy>(ts: &mut ThreadState<'_, S>, exc: &ObjRef<S>, out: &mut String, depth: usize) {
    let Some(payload) = exc.downcast::<Exception<S>>() else {
        let _ = writeln!(out, "{}", ts.vm.type_name(exc));
        return;
    };
    if depth < 32 {
        if let Some(cause) = payload.cause.get(&ts.pin) {
            format_chain(ts, &cause, out, depth + 1);
            out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
        } else if let Some(ctx) = payload.context.get(&ts.pin)
            && !ctx.is(exc)
        {
            format_chain(ts, &ctx, out, depth + 1);
            out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
        }
    }
    let tb = traceback_of(payload, &ts.pin);
    if !tb.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let mut i = 0;
        while i < tb.len() {
            let e = &tb[i];
            let mut j = i + 1;
            while j < tb.len() && tb[j] == *e {
                j += 1;
            }
            let repeats = j - i;
            let source = ts.vm.source_line(&e.filename, e.line);
            for _ in 0..repeats.min(3) {
                let _ = writeln!(out, "  File \"{}\", line {}, in {}", e.filename, e.line, e.name);
                if let Some(src) = &source {
                    let _ = writeln!(out, "    {src}");
                }
            }
            if repeats > 3 {
                let more = repeats - 3;
                let _ =
                    writeln!(out, "  [Previous line repeated {more} more time{}]", if more == 1 { "" } else { "s" });
            }
            i = j;
        }
    }
    let line = exception_line(ts, exc);
    out.push_str(&line);
    out.push('\n');
}

/// `Type: message` (or just `Type` when `str(exc)` is empty), as the last line of a traceback.
pub fn exception_line<S: Strategy>(ts: &mut ThreadState<'_, S>, exc: &ObjRef<S>) -> String {
    let name = ts.vm.type_name(exc);
    let msg = match super::ops::str_of(ts, exc) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".to_owned(),
    };
    if msg.is_empty() { name } else { format!("{name}: {msg}") }
}
