//! The front end never panics: random mutations of the corpus programs (deleted, inserted and replaced
//! characters, drawn from Python's punctuation and keywords) either parse or fail with a `CompileError`.

use proptest::prelude::*;

/// Fragments that stress the lexer and parser: brackets, quotes, operators, indentation, keywords.
const PIECES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    ".",
    "=",
    "==",
    "**",
    "*",
    "+",
    "-",
    "/",
    "//",
    "%",
    "@",
    "->",
    ":=",
    "'",
    "\"",
    "'''",
    "f'",
    "{x}",
    "\\",
    "\n",
    "    ",
    "\t",
    "#",
    "0x",
    "1e",
    "1_0",
    ".5",
    "lambda",
    "yield",
    "def ",
    "class ",
    "if ",
    "else",
    "elif ",
    "for ",
    "in ",
    "not ",
    "is ",
    "try:",
    "except",
    "finally:",
    "with ",
    "as ",
    "return",
    "async ",
    "await ",
    "global ",
    "nonlocal ",
    "del ",
    "import ",
    "from ",
    "é",
    "\u{0}",
    "\r\n",
];

fn corpus_sources() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/interp/programs");
    let mut out: Vec<String> = std::fs::read_dir(dir)
        .expect("the corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    out.sort();
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    Replace { at: usize, len: usize, piece: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = any::<usize>();
    prop_oneof![
        (at, 1..8usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at, 0..PIECES.len()).prop_map(|(at, piece)| Mutation::Insert { at, piece }),
        (at, 1..4usize, 0..PIECES.len()).prop_map(|(at, len, piece)| Mutation::Replace { at, len, piece }),
    ]
}

/// Apply `m` at a char boundary of `src`.
fn apply(src: &mut String, m: &Mutation) {
    let boundary = |s: &String, at: usize| {
        let mut i = if s.is_empty() { 0 } else { at % (s.len() + 1) };
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    match *m {
        Mutation::Delete { at, len } => {
            let i = boundary(src, at);
            let j = boundary(src, i + len.min(src.len() - i));
            src.replace_range(i..j.max(i), "");
        }
        Mutation::Insert { at, piece } => {
            let i = boundary(src, at);
            src.insert_str(i, PIECES[piece]);
        }
        Mutation::Replace { at, len, piece } => {
            let i = boundary(src, at);
            let j = boundary(src, i + len.min(src.len() - i));
            src.replace_range(i..j.max(i), PIECES[piece]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn mutated_programs_never_panic(which in any::<usize>(), muts in proptest::collection::vec(mutation(), 1..6)) {
        let sources = corpus_sources();
        let mut src = sources[which % sources.len()].clone();
        for m in &muts {
            apply(&mut src, m);
        }
        // Either outcome is fine; a panic fails the test.
        let _ = crate::lang::parse(&src);
    }
}

/// Found by `mutated_programs_never_panic`: the "Perhaps you forgot a comma?" check re-entered itself
/// forever and overflowed the parse stack.
#[test]
fn adjacent_expression_check_does_not_recurse() {
    let err = crate::lang::parse("(\"\"not nonlocal").unwrap_err();
    assert_eq!((err.py_name(), err.line), ("SyntaxError", 1));
}
