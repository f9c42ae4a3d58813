//! Tokens: what the lexer hands the parser.

/// One token and where it starts (1-based line and column, as CPython reports them).
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// 1-based line of its first character.
    pub line: u32,
    /// 1-based column of its first character.
    pub col: u32,
}

/// Token kinds. Keywords and operators are their own variants so the parser matches on them directly.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// An identifier that is not a keyword.
    Name(String),
    /// An integer literal (decimal, `0x`, `0o`, `0b`, underscores allowed) that fits in an i64.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal with escapes processed (prefixes `r`, `u` handled). Adjacent literals arrive as
    /// separate tokens; the parser concatenates them.
    Str(String),
    /// An f-string literal: the raw text between the quotes, escapes *not* processed (the parser splits it
    /// into literal parts and `{expression!conversion:spec}` fields). `raw` is true for `rf`/`fr` prefixes.
    FString {
        /// Text between the quotes.
        body: String,
        /// Whether backslash escapes are left alone (`rf"..."`).
        raw: bool,
    },
    /// End of a logical line.
    Newline,
    /// The indentation level grew.
    Indent,
    /// The indentation level shrank by one level.
    Dedent,
    /// End of input (after the final Newline and Dedents).
    EndMarker,
    /// A keyword.
    Kw(Kw),
    /// An operator or delimiter.
    Op(Op),
}

/// Python keywords.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is the keyword of the same name")]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Kw {
    /// The keyword spelled `s`, if any.
    pub fn lookup(s: &str) -> Option<Kw> {
        Some(match s {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            _ => return None,
        })
    }
}

/// Operators and delimiters, longest match first in the lexer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is named after its spelling, given in the lexer's table")]
pub enum Op {
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Dot,
    Arrow,
    Walrus,
    At,
    AtEq,
    Plus,
    Minus,
    Star,
    DoubleStar,
    Slash,
    DoubleSlash,
    Percent,
    Lt,
    Gt,
    LtE,
    GtE,
    EqEq,
    NotEq,
    LShift,
    RShift,
    Amp,
    Pipe,
    Caret,
    Tilde,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    DoubleStarEq,
    SlashEq,
    DoubleSlashEq,
    PercentEq,
    AmpEq,
    PipeEq,
    CaretEq,
    LShiftEq,
    RShiftEq,
}

impl Op {
    /// Every operator with its spelling, longest spellings first (the lexer's matching order).
    pub const TABLE: &'static [(&'static str, Op)] = &[
        ("**=", Op::DoubleStarEq),
        ("//=", Op::DoubleSlashEq),
        (">>=", Op::RShiftEq),
        ("<<=", Op::LShiftEq),
        ("->", Op::Arrow),
        (":=", Op::Walrus),
        ("**", Op::DoubleStar),
        ("//", Op::DoubleSlash),
        ("<<", Op::LShift),
        (">>", Op::RShift),
        ("<=", Op::LtE),
        (">=", Op::GtE),
        ("==", Op::EqEq),
        ("!=", Op::NotEq),
        ("+=", Op::PlusEq),
        ("-=", Op::MinusEq),
        ("*=", Op::StarEq),
        ("/=", Op::SlashEq),
        ("%=", Op::PercentEq),
        ("&=", Op::AmpEq),
        ("|=", Op::PipeEq),
        ("^=", Op::CaretEq),
        ("@=", Op::AtEq),
        ("(", Op::LPar),
        (")", Op::RPar),
        ("[", Op::LSqb),
        ("]", Op::RSqb),
        ("{", Op::LBrace),
        ("}", Op::RBrace),
        (":", Op::Colon),
        (",", Op::Comma),
        (";", Op::Semi),
        (".", Op::Dot),
        ("@", Op::At),
        ("+", Op::Plus),
        ("-", Op::Minus),
        ("*", Op::Star),
        ("/", Op::Slash),
        ("%", Op::Percent),
        ("<", Op::Lt),
        (">", Op::Gt),
        ("&", Op::Amp),
        ("|", Op::Pipe),
        ("^", Op::Caret),
        ("~", Op::Tilde),
        ("=", Op::Eq),
    ];

    /// The operator's spelling.
    pub fn spelling(self) -> &'static str {
        Self::TABLE.iter().find(|(_, op)| *op == self).map_or("?", |(s, _)| s)
    }
}
