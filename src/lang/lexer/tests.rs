//! Lexer tests: token sequences rendered compactly (`NL` newline, `IN` indent, `DE` dedent, `END` end
//! marker, strings in quotes after escape processing, f-strings as `f"raw body"`), positions, and errors.

use super::tokenize;
use crate::lang::error::{CompileError, ErrorKind};
use crate::lang::token::{Tok, Token};

fn render(t: &Tok) -> String {
    match t {
        Tok::Name(n) => n.clone(),
        Tok::Int(i) => i.to_string(),
        Tok::Float(f) => format!("{f:?}"),
        Tok::Str(s) => format!("{s:?}"),
        Tok::FString { body, raw } => format!("{}f{body:?}", if *raw { "r" } else { "" }),
        Tok::Newline => "NL".into(),
        Tok::Indent => "IN".into(),
        Tok::Dedent => "DE".into(),
        Tok::EndMarker => "END".into(),
        Tok::Kw(kw) => format!("{kw:?}").to_lowercase(),
        Tok::Op(op) => op.spelling().into(),
    }
}

fn lex(src: &str) -> Vec<Token> {
    tokenize(src).unwrap_or_else(|e| panic!("{src:?}: {e}"))
}

/// The tokens of `src`, rendered and joined by spaces.
fn toks(src: &str) -> String {
    lex(src).iter().map(|t| render(&t.tok)).collect::<Vec<_>>().join(" ")
}

#[track_caller]
fn check(src: &str, expected: &str) {
    assert_eq!(toks(src), expected, "tokens of {src:?}");
}

#[track_caller]
fn error(src: &str, kind: ErrorKind, line: u32) -> CompileError {
    match tokenize(src) {
        Ok(t) => panic!("{src:?} lexed: {:?}", t.iter().map(|t| render(&t.tok)).collect::<Vec<_>>()),
        Err(e) => {
            assert_eq!((e.kind, e.line), (kind, line), "{src:?}: {e}");
            e
        }
    }
}

#[test]
fn simple_lines() {
    check("x = 1\n", "x = 1 NL END");
    check("x = 1", "x = 1 NL END");
    check("", "END");
    check("\n\n", "END");
    check("# just a comment\n   \n\t\n", "END");
    check("a\nb\n", "a NL b NL END");
    check("a; b\r\nc\rd", "a ; b NL c NL d NL END");
    check("\u{feff}x", "x NL END");
}

#[test]
fn indentation() {
    check("if x:\n    y\nz\n", "if x : NL IN y NL DE z NL END");
    check("if a:\n  if b:\n    if c:\n      d\ne\n", "if a : NL IN if b : NL IN if c : NL IN d NL DE DE DE e NL END");
    check("if a:\n  if b:\n    c\n  d\n", "if a : NL IN if b : NL IN c NL DE d NL DE END");
    // Dedents at end of input, with and without a final newline.
    check("if a:\n  if b:\n    c\n", "if a : NL IN if b : NL IN c NL DE DE END");
    check("if a:\n  if b:\n    c", "if a : NL IN if b : NL IN c NL DE DE END");
    // Blank and comment-only lines, at any indentation, change nothing.
    check("if a:\n\n  b\n# c\n      # d\n\n  e\n", "if a : NL IN b NL e NL DE END");
    // A tab advances to the next multiple of 8.
    check("if a:\n\tb\n\tc\n", "if a : NL IN b NL c NL DE END");
    // Line breaks inside brackets and after a backslash do not end the line or indent.
    check("x = (1,\n       2,\n  3)\ny\n", "x = ( 1 , 2 , 3 ) NL y NL END");
    check("x = [\n    1,\n]\n", "x = [ 1 , ] NL END");
    check("f(a,\n  # comment\n  b)\n", "f ( a , b ) NL END");
    check("x = 1 + \\\n        2\n", "x = 1 + 2 NL END");
    check("if a:\n    x = \\\n1\n    y\n", "if a : NL IN x = 1 NL y NL DE END");
    // A backslash inside indentation: the first backslash's column is the indentation.
    check("if 1:\n  \\\n  x = 1\n", "if 1 : NL IN x = 1 NL DE END");
}

#[test]
fn positions() {
    let t = lex("if x:\n    y = 'a'\n");
    let pos: Vec<(String, u32, u32)> = t.iter().map(|t| (render(&t.tok), t.line, t.col)).collect();
    let expected = [
        ("if", 1, 1),
        ("x", 1, 4),
        (":", 1, 5),
        ("NL", 1, 6),
        ("IN", 2, 1),
        ("y", 2, 5),
        ("=", 2, 7),
        ("\"a\"", 2, 9),
        ("NL", 2, 12),
        ("DE", 2, 1),
        ("END", 2, 1),
    ];
    let expected: Vec<(String, u32, u32)> = expected.iter().map(|&(s, l, c)| (s.to_string(), l, c)).collect();
    assert_eq!(pos, expected);
    // A token after a multi-line string is on the line where it ends.
    let t = lex("x = '''a\nb''' + y\n");
    assert_eq!((t[3].tok.clone(), t[3].line, t[3].col), (Tok::Op(crate::lang::token::Op::Plus), 2, 6));
}

#[test]
fn names_and_keywords() {
    check("if elif else while for in not and or is", "if elif else while for in not and or is NL END");
    check("None True False lambda yield async await", "none true false lambda yield async await NL END");
    check("_x x1 match case _ print", "_x x1 match case _ print NL END");
    check("café = ñ + 名前", "café = ñ + 名前 NL END");
}

#[test]
fn numbers() {
    check("0 7 00 0_0 1_000_000 9223372036854775807", "0 7 0 0 1000000 9223372036854775807 NL END");
    check("0x1F 0XfF 0o17 0O7 0b101 0B1 0x_1 0b_1_0", "31 255 15 7 5 1 1 2 NL END");
    check("1.5 1. .5 1e10 1E-3 1.5e+2 1_000.5 0e0 012.5 00.0 1_0e1_0", {
        "1.5 1.0 0.5 10000000000.0 0.001 150.0 1000.5 0.0 12.5 0.0 100000000000.0 NL END"
    });
    // A keyword may directly follow a number, as in CPython.
    check("1if x else 2", "1 if x else 2 NL END");
    check("x.real 1 .real", "x . real 1 . real NL END");
    let e = error("012\n", ErrorKind::Syntax, 1);
    assert!(e.msg.starts_with("leading zeros"), "{e}");
    for bad in ["1abc", "1_", "1__0", "0x", "0b2", "0o8", "1e", "1.2.3e", "0x_"] {
        error(bad, ErrorKind::Syntax, 1);
    }
    error("9223372036854775808", ErrorKind::NotImplemented, 1);
    error("0xFFFFFFFFFFFFFFFF", ErrorKind::NotImplemented, 1);
    error("x = 1j", ErrorKind::NotImplemented, 1);
}

#[test]
fn strings() {
    check(r#"'a' "b" '''c''' """d""""#, r#""a" "b" "c" "d" NL END"#);
    check(r#"u'a' U"b" r'\n' R"\d" Rb"#, r#""a" "b" "\\n" "\\d" Rb NL END"#);
    check(r#"'\\ \' \" \n \t \r \a \b \f \v \0'"#, r#""\\ ' \" \n \t \r \u{7} \u{8} \u{c} \u{b} \0" NL END"#);
    check(r"'\x41\u00e9\U0001F600 \101\7\1234 \08'", r#""Aé😀 A\u{7}S4 \08" NL END"#);
    // Unknown escapes keep their backslash; a backslash-newline continues the string.
    check(r"'\q\w\['", r#""\\q\\w\\[" NL END"#);
    check("'a\\\nb' x", r#""ab" x NL END"#);
    check("r'a\\\nb'", r#""a\\\nb" NL END"#);
    check("'''a\n'b'\n\"\"c'''", r#""a\n'b'\n\"\"c" NL END"#);
    check(r#"r'\'' r"\"""#, r#""\\'" "\\\"" NL END"#);
    check("'é''ß'", r#""é" "ß" NL END"#);
    // f-strings keep their raw body for the parser.
    check(r#"f'{a}\n' F"x" rf'\d{b}' fR'' Rf"{{""#, r#"f"{a}\\n" f"x" rf"\\d{b}" rf"" rf"{{" NL END"#);
    error("x = b'abc'", ErrorKind::NotImplemented, 1);
    error("x = rb'abc'", ErrorKind::NotImplemented, 1);
    error("x = '\\N{BULLET}'", ErrorKind::NotImplemented, 1);
}

#[test]
fn string_errors() {
    let e = error("x = 'abc\ny", ErrorKind::Syntax, 1);
    assert_eq!(e.msg, "unterminated string literal (detected at line 1)");
    error("x = 'abc", ErrorKind::Syntax, 1);
    error("x = 'abc\\", ErrorKind::Syntax, 1);
    let e = error("x = 1\ny = '''abc\n\nz\n", ErrorKind::Syntax, 2);
    assert_eq!(e.msg, "unterminated triple-quoted string literal (detected at line 4)");
    let e = error("x = '\\x4'\n", ErrorKind::Syntax, 1);
    assert!(e.msg.contains("truncated \\xXX escape"), "{e}");
    error("x = '\\U00110000'\n", ErrorKind::Syntax, 1);
    // Escape errors are reported where CPython decodes the string: at the token after it.
    error("x = ('a'\n '\\x4'\n )\n", ErrorKind::Syntax, 3);
}

#[test]
fn operators() {
    check("a**=b//=c>>=d<<=e", "a **= b //= c >>= d <<= e NL END");
    check("a->b:=c**d//e<<f>>g", "a -> b := c ** d // e << f >> g NL END");
    check("a<=b>=c==d!=e<f>g", "a <= b >= c == d != e < f > g NL END");
    check("a+=b-=c*=d/=e%=f&=g|=h^=i@=j", "a += b -= c *= d /= e %= f &= g |= h ^= i @= j NL END");
    check("a+b-c*d/e%f&g|h^i~j@k=l", "a + b - c * d / e % f & g | h ^ i ~ j @ k = l NL END");
    check("(a)[b]{c}:d,e;f.g", "( a ) [ b ] { c } : d , e ; f . g NL END");
    check("...", ". . . NL END");
    check("a = -1", "a = - 1 NL END");
}

#[test]
fn bracket_errors() {
    assert_eq!(error("x = (1,\n2\n", ErrorKind::Syntax, 1).msg, "'(' was never closed");
    assert_eq!(error("x = [(\n", ErrorKind::Syntax, 1).msg, "'(' was never closed");
    assert_eq!(error("x = 1)\n", ErrorKind::Syntax, 1).msg, "unmatched ')'");
    assert_eq!(error("x = }", ErrorKind::Syntax, 1).msg, "unmatched '}'");
    let e = error("x = (1]\n", ErrorKind::Syntax, 1);
    assert_eq!(e.msg, "closing parenthesis ']' does not match opening parenthesis '('");
    let e = error("x = (\n1]\n", ErrorKind::Syntax, 2);
    assert_eq!(e.msg, "closing parenthesis ']' does not match opening parenthesis '(' on line 1");
}

#[test]
fn other_errors() {
    let unindent = "unindent does not match any outer indentation level";
    assert_eq!(error("if x:\n    a\n  b\n", ErrorKind::Indentation, 3).msg, unindent);
    let e = error("if x:\n        a\n\tb\n", ErrorKind::Indentation, 3);
    assert_eq!(e.msg, "inconsistent use of tabs and spaces in indentation");
    for src in ["a ! b", "a $ b", "a ? b", "a ` b"] {
        assert_eq!(error(src, ErrorKind::Syntax, 1).msg, "invalid syntax");
    }
    assert_eq!(error("a € b", ErrorKind::Syntax, 1).msg, "invalid character '€' (U+20AC)");
    let e = error("x = \\ y", ErrorKind::Syntax, 1);
    assert_eq!(e.msg, "unexpected character after line continuation character");
    assert_eq!(error("x = 1 \\\n", ErrorKind::Syntax, 1).msg, "unexpected EOF while parsing");
    assert_eq!(error("x = 1 \\", ErrorKind::Syntax, 1).msg, "unexpected EOF while parsing");
}
