//! Text formatting of the primitive types, exactly as CPython 3.11 prints them: `repr(float)` (shortest
//! round-trip digits, `1e+16` exponents), `repr(str)` (quote choice and escapes), and the format-spec
//! mini-language of `format()`, f-strings and `str.format` for ints, floats and strs.
//!
//! Strategy-free: these functions see Rust values, not objects.

use super::error::ObjError;

/// `repr(x)` (and `str(x)`) of a float: CPython's `float_repr_style = 'short'`.
///
/// The digits are the shortest that round-trip; the layout is fixed-point when the decimal exponent is in
/// `-4 <= exp < 16`, scientific otherwise, and a fixed-point integer gets `.0`.
pub fn float_repr(x: f64) -> String {
    if let Some(s) = non_finite(x, false) {
        return s;
    }
    let (neg, digits, decpt) = shortest_digits(x);
    let mut out = String::with_capacity(24);
    if neg {
        out.push('-');
    }
    if (-4..16).contains(&(decpt - 1)) {
        fixed_from_digits(&mut out, &digits, decpt, None);
        if !out.contains('.') {
            out.push_str(".0");
        }
    } else {
        sci_from_digits(&mut out, &digits, decpt - 1, None, false);
    }
    out
}

/// `inf`, `-inf`, `nan` (upper-case for the `E`/`F`/`G` presentation types).
fn non_finite(x: f64, upper: bool) -> Option<String> {
    let s = if x.is_nan() {
        "nan"
    } else if x == f64::INFINITY {
        "inf"
    } else if x == f64::NEG_INFINITY {
        "-inf"
    } else {
        return None;
    };
    Some(if upper { s.to_uppercase() } else { s.to_owned() })
}

/// The shortest round-trip digits of a finite `x`: `(negative, digits, decpt)` with
/// `|x| = 0.d1d2... * 10^decpt`. Zero is `("0", 1)`.
fn shortest_digits(x: f64) -> (bool, String, i32) {
    let neg = x.is_sign_negative();
    // Rust's `{:e}` prints the shortest round-trip digits as `d.ddde±N`.
    let s = format!("{:e}", x.abs());
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    if digits.bytes().all(|b| b == b'0') {
        return (neg, "0".to_owned(), 1);
    }
    (neg, break_tie_to_even(x.abs(), digits, exp), exp + 1)
}

/// When `x` lies exactly halfway between two shortest round-trip candidates, CPython (David Gay's
/// algorithm) picks the one with the even last digit; Rust's shortest formatting may pick the other. `digits`
/// are Rust's, for `d.ddd × 10^exp`.
fn break_tie_to_even(x: f64, digits: String, exp: i32) -> String {
    let last = digits.as_bytes()[digits.len() - 1] - b'0';
    if last.is_multiple_of(2) {
        return digits;
    }
    let n = digits.len();
    for neighbour in [last.checked_sub(1), (last < 9).then_some(last + 1)].into_iter().flatten() {
        let mut other = digits.clone().into_bytes();
        other[n - 1] = b'0' + neighbour;
        let other = String::from_utf8(other).expect("ASCII digits");
        let text = format!("{}.{}e{exp}", &other[..1], &other[1..]);
        if text.parse::<f64>() != Ok(x) {
            continue;
        }
        // Both round-trip: a tie when x's exact expansion is the midpoint, i.e. one more digit, a 5, then
        // nothing (Rust's fixed-precision formatting is exact).
        let exact = format!("{:.1100e}", x);
        let exact_digits: Vec<u8> = exact.split('e').next().unwrap_or("").bytes().filter(u8::is_ascii_digit).collect();
        let low = if neighbour < last { &other } else { &digits };
        let is_midpoint = exact_digits.len() > n
            && &exact_digits[..n] == low.as_bytes()
            && exact_digits[n] == b'5'
            && exact_digits[n + 1..].iter().all(|&d| d == b'0');
        if is_midpoint {
            return other;
        }
    }
    digits
}

/// Append `0.d1d2... * 10^decpt` in fixed-point notation, padded to `precision` fractional digits if given.
fn fixed_from_digits(out: &mut String, digits: &str, decpt: i32, precision: Option<usize>) {
    let n = digits.len() as i32;
    if decpt <= 0 {
        out.push('0');
        out.push('.');
        out.extend(std::iter::repeat_n('0', (-decpt) as usize));
        out.push_str(digits);
    } else if decpt >= n {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', (decpt - n) as usize));
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
    if let Some(p) = precision {
        let frac = out.split_once('.').map_or(0, |(_, f)| f.len());
        if frac < p {
            if !out.contains('.') {
                out.push('.');
            }
            out.extend(std::iter::repeat_n('0', p - frac));
        }
    }
}

/// Append `d.ddd e±XX` (at least two exponent digits, as C's printf).
fn sci_from_digits(out: &mut String, digits: &str, exp: i32, precision: Option<usize>, upper: bool) {
    out.push_str(&digits[..1]);
    let mut frac = digits[1..].to_owned();
    if let Some(p) = precision {
        while frac.len() < p {
            frac.push('0');
        }
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(&frac);
    }
    out.push(if upper { 'E' } else { 'e' });
    out.push(if exp < 0 { '-' } else { '+' });
    let e = exp.unsigned_abs();
    if e < 10 {
        out.push('0');
    }
    out.push_str(&e.to_string());
}

/// `repr(s)` of a str: single quotes unless the text has a `'` and no `"`; backslash, the quote, `\n`,
/// `\r`, `\t` and non-printable characters escaped.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if !is_printable(c) => {
                let v = c as u32;
                if v <= 0xff {
                    out.push_str(&format!("\\x{v:02x}"));
                } else if v <= 0xffff {
                    out.push_str(&format!("\\u{v:04x}"));
                } else {
                    out.push_str(&format!("\\U{v:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// An approximation of Python's `str.isprintable` for one character: control characters, the Latin-1
/// non-breaking space and soft hyphen, line/paragraph separators and unassigned-looking private ranges are
/// not printable.
fn is_printable(c: char) -> bool {
    !(c.is_control()
        || matches!(c as u32, 0xa0 | 0xad | 0x2028 | 0x2029 | 0x2000..=0x200f | 0x202a..=0x202f | 0xfeff)
        || (0xe000..=0xf8ff).contains(&(c as u32))
        || (0xd800..=0xdfff).contains(&(c as u32)))
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// Fill character (default space).
    pub fill: Option<char>,
    /// `<`, `>`, `^` or `=`.
    pub align: Option<char>,
    /// `+`, `-` or ` `.
    pub sign: Option<char>,
    /// `#`: alternate form (`0x` prefixes).
    pub alternate: bool,
    /// `0`: zero padding (sign-aware).
    pub zero: bool,
    /// Minimum width.
    pub width: Option<usize>,
    /// `,` or `_` thousands separator.
    pub grouping: Option<char>,
    /// Digits after the point (or significant digits for `g`, maximum length for strs).
    pub precision: Option<usize>,
    /// Presentation type.
    pub ty: Option<char>,
}

fn spec_error(spec: &str) -> ObjError {
    ObjError::Value(format!("Invalid format specifier '{spec}'"))
}

impl FormatSpec {
    /// Parse a spec as written after the `:` of a replacement field.
    pub fn parse(spec: &str) -> Result<FormatSpec, ObjError> {
        let chars: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let mut f = FormatSpec::default();
        let is_align = |c: char| matches!(c, '<' | '>' | '^' | '=');
        if chars.len() >= 2 && is_align(chars[1]) {
            f.fill = Some(chars[0]);
            f.align = Some(chars[1]);
            i = 2;
        } else if !chars.is_empty() && is_align(chars[0]) {
            f.align = Some(chars[0]);
            i = 1;
        }
        if let Some(&c) = chars.get(i)
            && matches!(c, '+' | '-' | ' ')
        {
            f.sign = Some(c);
            i += 1;
        }
        if chars.get(i) == Some(&'#') {
            f.alternate = true;
            i += 1;
        }
        if chars.get(i) == Some(&'0') {
            f.zero = true;
            i += 1;
        }
        let start = i;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
        if i > start {
            f.width = Some(chars[start..i].iter().collect::<String>().parse().map_err(|_| spec_error(spec))?);
        }
        if let Some(&c) = chars.get(i)
            && matches!(c, ',' | '_')
        {
            f.grouping = Some(c);
            i += 1;
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let start = i;
            while chars.get(i).is_some_and(char::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return Err(ObjError::Value("Format specifier missing precision".to_owned()));
            }
            f.precision = Some(chars[start..i].iter().collect::<String>().parse().map_err(|_| spec_error(spec))?);
        }
        if i < chars.len() {
            f.ty = Some(chars[i]);
            i += 1;
        }
        if i != chars.len() {
            return Err(spec_error(spec));
        }
        Ok(f)
    }

    /// Pad `body` (whose sign, if any, is `sign`) to the width; `default_right` for numbers.
    fn pad(&self, sign: &str, body: &str, default_right: bool) -> String {
        let width = self.width.unwrap_or(0);
        let len = sign.chars().count() + body.chars().count();
        if len >= width {
            return format!("{sign}{body}");
        }
        let fill_n = width - len;
        let (fill, align) = if self.zero && self.align.is_none() {
            ('0', '=')
        } else {
            (self.fill.unwrap_or(' '), self.align.unwrap_or(if default_right { '>' } else { '<' }))
        };
        let fills = |n: usize| std::iter::repeat_n(fill, n).collect::<String>();
        match align {
            '<' => format!("{sign}{body}{}", fills(fill_n)),
            '^' => format!("{}{sign}{body}{}", fills(fill_n / 2), fills(fill_n - fill_n / 2)),
            '=' => format!("{sign}{}{body}", fills(fill_n)),
            _ => format!("{}{sign}{body}", fills(fill_n)),
        }
    }

    fn sign_str(&self, negative: bool) -> &'static str {
        match (negative, self.sign) {
            (true, _) => "-",
            (false, Some('+')) => "+",
            (false, Some(' ')) => " ",
            _ => "",
        }
    }
}

/// Insert a thousands separator every three digits of the integer part of `digits`.
fn group(digits: &str, sep: Option<char>, every: usize) -> String {
    let Some(sep) = sep else { return digits.to_owned() };
    let (int, rest) = match digits.find(|c: char| !c.is_ascii_alphanumeric()) {
        Some(p) => digits.split_at(p),
        None => (digits, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out + rest
}

/// `format(v, spec)` for an int.
pub fn format_int(v: i64, spec: &FormatSpec) -> Result<String, ObjError> {
    let ty = spec.ty.unwrap_or('d');
    if matches!(ty, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') {
        return format_float(v as f64, spec);
    }
    if spec.precision.is_some() {
        return Err(ObjError::Value("Precision not allowed in integer format specifier".to_owned()));
    }
    let mag = v.unsigned_abs();
    let (body, prefix, every) = match ty {
        'd' | 'n' => (mag.to_string(), "", 3),
        'x' => (format!("{mag:x}"), "0x", 4),
        'X' => (format!("{mag:X}"), "0X", 4),
        'o' => (format!("{mag:o}"), "0o", 4),
        'b' => (format!("{mag:b}"), "0b", 4),
        'c' => {
            let c = u32::try_from(v)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| ObjError::Overflow("%c arg not in range(0x110000)".to_owned()))?;
            return Ok(spec.pad("", &c.to_string(), false));
        }
        other => {
            return Err(ObjError::Value(format!("Unknown format code '{other}' for object of type 'int'")));
        }
    };
    let body = group(&body, spec.grouping, every);
    let sign = format!("{}{}", spec.sign_str(v < 0), if spec.alternate { prefix } else { "" });
    Ok(spec.pad(&sign, &body, true))
}

/// `format(x, spec)` for a float.
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, ObjError> {
    let upper = matches!(spec.ty, Some('E' | 'F' | 'G'));
    let sign = spec.sign_str(x.is_sign_negative() && !x.is_nan());
    if let Some(s) = non_finite(x.abs(), upper) {
        let body = if spec.ty == Some('%') { format!("{s}%") } else { s };
        return Ok(spec.pad(sign, &body, true));
    }
    let a = x.abs();
    let body = match spec.ty {
        None if spec.precision.is_none() => {
            let r = float_repr(a);
            group(&r, spec.grouping, 3)
        }
        Some('f' | 'F') => {
            let p = spec.precision.unwrap_or(6);
            let body = group(&format!("{a:.p$}"), spec.grouping, 3);
            if spec.alternate && p == 0 { body + "." } else { body }
        }
        Some('%') => group(&format!("{:.*}%", spec.precision.unwrap_or(6), a * 100.0), spec.grouping, 3),
        Some('e' | 'E') => {
            let p = spec.precision.unwrap_or(6);
            let mut out = String::new();
            let s = format!("{:.*e}", p, a);
            let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let digits: String = mant.chars().filter(char::is_ascii_digit).collect();
            sci_from_digits(&mut out, &digits, exp.parse().unwrap_or(0), Some(p), upper);
            if spec.alternate && p == 0 {
                out.insert(1, '.');
            }
            out
        }
        Some('g' | 'G') | None => {
            let p = spec.precision.unwrap_or(6).max(1);
            general(a, p, spec.alternate, upper, spec.ty.is_none())
        }
        Some(other) => {
            return Err(ObjError::Value(format!("Unknown format code '{other}' for object of type 'float'")));
        }
    };
    Ok(spec.pad(sign, &body, true))
}

/// The `g` presentation: `p` significant digits, scientific when the exponent is `< -4` or `>= p`, trailing
/// zeros removed unless `alternate`. With `no_type` (a precision but no type), Python keeps at least one
/// digit after the point in fixed notation, like `repr`.
fn general(a: f64, p: usize, alternate: bool, upper: bool, no_type: bool) -> String {
    if a == 0.0 {
        return if alternate {
            format!("0.{}", "0".repeat(p - 1))
        } else if no_type {
            "0.0".to_owned()
        } else {
            "0".to_owned()
        };
    }
    let s = format!("{:.*e}", p - 1, a);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    if !alternate {
        while digits.len() > 1 && digits.ends_with('0') {
            digits.pop();
        }
    }
    let mut out = String::new();
    if exp < -4 || exp >= p as i32 {
        sci_from_digits(&mut out, &digits, exp, None, upper);
    } else {
        fixed_from_digits(&mut out, &digits, exp + 1, None);
        if no_type && !out.contains('.') {
            out.push_str(".0");
        }
        if alternate && !out.contains('.') {
            out.push('.');
        }
    }
    out
}

/// `format(s, spec)` for a str.
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, ObjError> {
    if let Some(ty) = spec.ty
        && ty != 's'
    {
        return Err(ObjError::Value(format!("Unknown format code '{ty}' for object of type 'str'")));
    }
    if spec.sign.is_some() {
        return Err(ObjError::Value("Sign not allowed in string format specifier".to_owned()));
    }
    if spec.align == Some('=') {
        return Err(ObjError::Value("'=' alignment not allowed in string format specifier".to_owned()));
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_owned(),
    };
    Ok(spec.pad("", &body, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Expected values printed by CPython 3.11 (`python3 -c 'print(repr(x))'` / `format(x, spec)`).
    #[test]
    fn float_repr_matches_cpython() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1.0, "1.0"),
            (0.1, "0.1"),
            (1.5, "1.5"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1.5e-7, "1.5e-07"),
            (1e300, "1e+300"),
            (2.5e-300, "2.5e-300"),
            (1.0 / 3.0, "0.3333333333333333"),
            (2.0 / 3.0, "0.6666666666666666"),
            (100.0, "100.0"),
            (-123.456, "-123.456"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
            (f64::NAN, "nan"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (9007199254740993.0, "9007199254740992.0"),
        ];
        for &(x, want) in cases {
            assert_eq!(float_repr(x), want, "repr({x:e})");
        }
    }

    #[test]
    fn str_repr_matches_cpython() {
        assert_eq!(str_repr("abc"), "'abc'");
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("say \"hi\""), "'say \"hi\"'");
        assert_eq!(str_repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(str_repr("a\nb\tc\\"), "'a\\nb\\tc\\\\'");
        assert_eq!(str_repr("\x00\x1f\x7f"), "'\\x00\\x1f\\x7f'");
        assert_eq!(str_repr("héllo ☃"), "'héllo ☃'");
        assert_eq!(str_repr("\u{a0}"), "'\\xa0'");
        assert_eq!(str_repr(""), "''");
    }

    fn fmt_f(x: f64, spec: &str) -> String {
        format_float(x, &FormatSpec::parse(spec).unwrap()).unwrap()
    }

    fn fmt_i(v: i64, spec: &str) -> String {
        format_int(v, &FormatSpec::parse(spec).unwrap()).unwrap()
    }

    #[test]
    fn float_format_specs_match_cpython() {
        let cases: &[(f64, &str, &str)] = &[
            (2.34567, ".3f", "2.346"),
            (2.5, ".0f", "2"),
            (3.5, ".0f", "4"),
            (-1.0, "+.2f", "-1.00"),
            (1.0, "+.2f", "+1.00"),
            (1234567.891, ",.2f", "1,234,567.89"),
            (2.34567, "10.3f", "     2.346"),
            (2.34567, "<10.3f", "2.346     "),
            (2.34567, "^10.3f", "  2.346   "),
            (-2.34567, "010.3f", "-00002.346"),
            (12345.678, ".3e", "1.235e+04"),
            (0.000123, "e", "1.230000e-04"),
            (12345.678, "g", "12345.7"),
            (0.0001, "g", "0.0001"),
            (0.00001, "g", "1e-05"),
            (1e16, "g", "1e+16"),
            (100.0, "g", "100"),
            (123456789.0, "g", "1.23457e+08"),
            (0.5, ".1%", "50.0%"),
            (1.0, "", "1.0"),
            (1e16, "", "1e+16"),
            (1.0, ".3", "1.0"),
            (1234.5, ".3", "1.23e+03"),
            (0.1, ".17g", "0.10000000000000001"),
            (f64::INFINITY, ".2f", "inf"),
            (f64::NAN, "F", "NAN"),
            (2.0, "#.0f", "2."),
            (1.5, "*>8.2f", "****1.50"),
            (-0.0, ".1f", "-0.0"),
        ];
        for &(x, spec, want) in cases {
            assert_eq!(fmt_f(x, spec), want, "format({x}, {spec:?})");
        }
    }

    #[test]
    fn int_and_str_format_specs_match_cpython() {
        assert_eq!(fmt_i(42, ""), "42");
        assert_eq!(fmt_i(42, "5d"), "   42");
        assert_eq!(fmt_i(-42, "05d"), "-0042");
        assert_eq!(fmt_i(1234567, ","), "1,234,567");
        assert_eq!(fmt_i(1234567, "_"), "1_234_567");
        assert_eq!(fmt_i(255, "x"), "ff");
        assert_eq!(fmt_i(255, "#X"), "0XFF");
        assert_eq!(fmt_i(-255, "#x"), "-0xff");
        assert_eq!(fmt_i(5, "b"), "101");
        assert_eq!(fmt_i(8, "#o"), "0o10");
        assert_eq!(fmt_i(42, "+d"), "+42");
        assert_eq!(fmt_i(42, "<5"), "42   ");
        assert_eq!(fmt_i(42, "^6"), "  42  ");
        assert_eq!(fmt_i(3, ".2f"), "3.00");
        assert_eq!(fmt_i(65, "c"), "A");
        let s = |v: &str, spec: &str| format_str(v, &FormatSpec::parse(spec).unwrap()).unwrap();
        assert_eq!(s("ab", "5"), "ab   ");
        assert_eq!(s("ab", ">5"), "   ab");
        assert_eq!(s("abcdef", ".3"), "abc");
        assert_eq!(s("ab", "-^6"), "--ab--");
        assert!(format_str("x", &FormatSpec::parse("d").unwrap()).is_err());
        assert!(format_int(1, &FormatSpec::parse(".2").unwrap()).is_err());
        assert!(FormatSpec::parse("5.").is_err());
        assert!(FormatSpec::parse("abc").is_err());
    }
}
