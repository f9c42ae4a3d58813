//! Formatting: every way a Python program turns values into text by a format, in one place.
//!
//! - [`format()`](spec::format) (`spec.rs`): `format(value, spec)`, the format-spec mini-language
//!   (`format()`, f-strings' `{x:>8.3f}`, and the spec of each `str.format` field), with `__format__` for
//!   user classes.
//! - [`str_format`](fn@str_format) (`str_format.rs`): the replacement fields of `str.format`.
//! - [`percent_format`] (`percent.rs`): `str % args`, printf-style.
//! - [`ascii_escape`]: `ascii()`'s escaping of a repr (`%a`, `!a`, `ascii()`).
//!
//! The number and string formatting core these build on (float repr, str repr, parsing a format spec and
//! laying out ints, floats and strs by it) sees Rust values, not objects, and lives below the interpreter in
//! [`crate::object::format`]. `repr()`/`str()` of objects is an object protocol: [`ops::repr`](super::ops::repr).
//!
//! Layering: formatting belongs with the protocols (`ops`), not with the built-ins: `str % x` is an operator
//! ([`ops::binary_op`](super::ops::binary_op)) and f-strings are an instruction (`FORMAT_VALUE`), and both
//! call in here. Formatting calls back into the protocols (`%r` is `repr`, `{0.attr}` is `getattr`,
//! `__format__` is a call), the same recursion as between `eval` and `ops`. Nothing here calls into
//! [`builtins`](super::builtins); `str.format`, `format()` and `ascii()` there are thin wrappers.

mod percent;
mod spec;
mod str_format;

pub use percent::percent_format;
pub use spec::format;
pub use str_format::str_format;

/// `ascii()` of a repr: non-ASCII characters escaped as `\xNN`, `\uNNNN` or `\UNNNNNNNN`.
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        match c as u32 {
            v if v < 0x80 => out.push(c),
            v if v < 0x100 => out.push_str(&format!("\\x{v:02x}")),
            v if v < 0x10000 => out.push_str(&format!("\\u{v:04x}")),
            v => out.push_str(&format!("\\U{v:08x}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::ascii_escape;

    #[test]
    fn ascii_escapes_non_ascii() {
        assert_eq!(ascii_escape("'a\u{e9}\u{263a}\u{1f600}'"), "'a\\xe9\\u263a\\U0001f600'");
    }
}
