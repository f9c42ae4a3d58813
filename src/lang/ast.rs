//! The abstract syntax tree of gilfree's Python subset. Shapes follow CPython's `ast` module closely, so
//! the compiler can follow CPython's code generation, but only the subset's nodes exist.

/// An identifier.
pub type Name = String;

/// A whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    /// Top-level statements.
    pub body: Vec<Stmt>,
}

/// A statement and its first line.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// 1-based line where the statement starts.
    pub line: u32,
    /// What it is.
    pub kind: StmtKind,
}

/// Statement kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `t1 = t2 = value` (targets left to right).
    Assign {
        /// Targets: names, attributes, subscripts, tuples/lists of targets (possibly with one starred).
        targets: Vec<Expr>,
        /// The value.
        value: Expr,
    },
    /// `target op= value`
    AugAssign {
        /// A name, attribute or subscript.
        target: Expr,
        /// The operator.
        op: BinOp,
        /// The value.
        value: Expr,
    },
    /// `del t1, t2`
    Delete(Vec<Expr>),
    /// `pass`
    Pass,
    /// `break`
    Break,
    /// `continue`
    Continue,
    /// `return [value]`
    Return(Option<Expr>),
    /// `raise [exc [from cause]]`
    Raise {
        /// The exception (a class or an instance); `None` re-raises.
        exc: Option<Expr>,
        /// `from cause`
        cause: Option<Expr>,
    },
    /// `assert test[, msg]`
    Assert {
        /// The condition.
        test: Expr,
        /// The message.
        msg: Option<Expr>,
    },
    /// `global a, b`
    Global(Vec<Name>),
    /// `nonlocal a, b`
    Nonlocal(Vec<Name>),
    /// `if test: body [elif ...] [else: orelse]` (`elif` nests as an `If` in `orelse`).
    If {
        /// The condition.
        test: Expr,
        /// Taken branch.
        body: Vec<Stmt>,
        /// Else branch (possibly one nested `If` for `elif`).
        orelse: Vec<Stmt>,
    },
    /// `while test: body [else: orelse]`
    While {
        /// The condition.
        test: Expr,
        /// Loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `for target in iter: body [else: orelse]`
    For {
        /// Assignment target.
        target: Expr,
        /// The iterable.
        iter: Expr,
        /// Loop body.
        body: Vec<Stmt>,
        /// Runs when the loop ends without `break`.
        orelse: Vec<Stmt>,
    },
    /// `try: body except ...: ... [else: orelse] [finally: finalbody]`
    Try {
        /// Protected body.
        body: Vec<Stmt>,
        /// `except` clauses in order.
        handlers: Vec<ExceptHandler>,
        /// Runs when `body` raised nothing.
        orelse: Vec<Stmt>,
        /// Runs always.
        finalbody: Vec<Stmt>,
    },
    /// `with e1 [as t1], e2 [as t2]: body`
    With {
        /// Context managers in order.
        items: Vec<WithItem>,
        /// Body.
        body: Vec<Stmt>,
    },
    /// `def`
    FunctionDef(Box<FunctionDef>),
    /// `class`
    ClassDef(Box<ClassDef>),
    /// `import a.b [as c], d`
    Import(Vec<Alias>),
    /// `from module import a [as b], c`
    ImportFrom {
        /// Dotted module name.
        module: Name,
        /// Imported names.
        names: Vec<Alias>,
    },
}

/// One `except [type [as name]]:` clause.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptHandler {
    /// Line of the `except` keyword.
    pub line: u32,
    /// The exception type (or tuple of types); `None` catches everything.
    pub typ: Option<Expr>,
    /// `as name`
    pub name: Option<Name>,
    /// Handler body.
    pub body: Vec<Stmt>,
}

/// One `expr [as target]` of a `with`.
#[derive(Debug, Clone, PartialEq)]
pub struct WithItem {
    /// The context manager.
    pub context: Expr,
    /// `as target`
    pub target: Option<Expr>,
}

/// `name [as asname]` in an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    /// Dotted name.
    pub name: Name,
    /// `as` name.
    pub asname: Option<Name>,
}

/// A function definition.
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    /// Function name.
    pub name: Name,
    /// Parameters.
    pub params: Params,
    /// Body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A class definition.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassDef {
    /// Class name.
    pub name: Name,
    /// Base classes (the subset allows at most one).
    pub bases: Vec<Expr>,
    /// Class body.
    pub body: Vec<Stmt>,
    /// Decorators, outermost first.
    pub decorators: Vec<Expr>,
}

/// A parameter list: `a, b=1, *args, c, d=2, **kwargs`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params {
    /// Positional-or-keyword parameters, with defaults on a trailing run of them.
    pub args: Vec<Param>,
    /// `*args`
    pub vararg: Option<Name>,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// `**kwargs`
    pub kwarg: Option<Name>,
}

/// One parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Its name.
    pub name: Name,
    /// Its default value.
    pub default: Option<Expr>,
}

/// An expression and its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// 1-based line where the expression starts.
    pub line: u32,
    /// What it is.
    pub kind: ExprKind,
}

/// A literal constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    /// `None`
    None,
    /// `True` / `False`
    Bool(bool),
    /// An int literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal (adjacent literals already joined).
    Str(String),
    /// `...`
    Ellipsis,
}

/// One piece of an f-string.
#[derive(Debug, Clone, PartialEq)]
pub enum FStringPart {
    /// Literal text (escapes and `{{`/`}}` already processed).
    Literal(String),
    /// `{expr!conversion:spec}`
    Field {
        /// The expression.
        expr: Box<Expr>,
        /// `!r`, `!s` or `!a`.
        conversion: Option<char>,
        /// The format spec, itself an f-string (it may contain nested fields).
        spec: Vec<FStringPart>,
    },
}

/// One `for target in iter [if cond]...` clause of a comprehension.
#[derive(Debug, Clone, PartialEq)]
pub struct Comprehension {
    /// Assignment target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// `if` filters.
    pub ifs: Vec<Expr>,
}

/// A call argument: positional, `*iterable`, `name=value` or `**mapping`.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// `value`
    Positional(Expr),
    /// `*value`
    Star(Expr),
    /// `name=value`
    Keyword(Name, Expr),
    /// `**value`
    DoubleStar(Expr),
}

/// Expression kinds.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// A literal.
    Const(Const),
    /// An f-string.
    FString(Vec<FStringPart>),
    /// A variable.
    Name(Name),
    /// `(a, b)` or `a, b`
    Tuple(Vec<Expr>),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{k: v}` (`None` key for `**mapping`)
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `{a, b}`
    Set(Vec<Expr>),
    /// `left op right`
    BinOp {
        /// Operator.
        op: BinOp,
        /// Left operand.
        left: Box<Expr>,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `op operand`
    UnaryOp {
        /// Operator.
        op: UnaryOp,
        /// Operand.
        operand: Box<Expr>,
    },
    /// `a and b and c` / `a or b`
    BoolOp {
        /// `and` or `or`.
        op: BoolOp,
        /// Two or more operands.
        values: Vec<Expr>,
    },
    /// `a < b <= c`
    Compare {
        /// First operand.
        left: Box<Expr>,
        /// Operators, one per comparator.
        ops: Vec<CmpOp>,
        /// The other operands.
        comparators: Vec<Expr>,
    },
    /// `func(args)`
    Call {
        /// The callee.
        func: Box<Expr>,
        /// Arguments in source order.
        args: Vec<Arg>,
    },
    /// `value.attr`
    Attribute {
        /// The object.
        value: Box<Expr>,
        /// Attribute name.
        attr: Name,
    },
    /// `value[index]` (a slice index is an `ExprKind::Slice`)
    Subscript {
        /// The container.
        value: Box<Expr>,
        /// The index.
        index: Box<Expr>,
    },
    /// `lower:upper:step` inside a subscript.
    Slice {
        /// Start.
        lower: Option<Box<Expr>>,
        /// Stop.
        upper: Option<Box<Expr>>,
        /// Step.
        step: Option<Box<Expr>>,
    },
    /// `*value` in a target list or a display.
    Starred(Box<Expr>),
    /// `body if test else orelse`
    IfExp {
        /// Condition.
        test: Box<Expr>,
        /// Value when true.
        body: Box<Expr>,
        /// Value when false.
        orelse: Box<Expr>,
    },
    /// `lambda params: body`
    Lambda {
        /// Parameters.
        params: Box<Params>,
        /// The returned expression.
        body: Box<Expr>,
    },
    /// `[elt for ...]`
    ListComp {
        /// Element.
        elt: Box<Expr>,
        /// Clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `{elt for ...}`
    SetComp {
        /// Element.
        elt: Box<Expr>,
        /// Clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `{key: value for ...}`
    DictComp {
        /// Key.
        key: Box<Expr>,
        /// Value.
        value: Box<Expr>,
        /// Clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `(elt for ...)`
    GeneratorExp {
        /// Element.
        elt: Box<Expr>,
        /// Clauses, outermost first.
        generators: Vec<Comprehension>,
    },
    /// `yield [value]`
    Yield(Option<Box<Expr>>),
    /// `yield from value`
    YieldFrom(Box<Expr>),
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is the operator of CPython's ast module of the same name")]
pub enum BinOp {
    Add,
    Sub,
    Mult,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitOr,
    BitXor,
    BitAnd,
    MatMult,
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is the operator of CPython's ast module of the same name")]
pub enum UnaryOp {
    Not,
    USub,
    UAdd,
    Invert,
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is the operator of CPython's ast module of the same name")]
pub enum BoolOp {
    And,
    Or,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[expect(missing_docs, reason = "each variant is the operator of CPython's ast module of the same name")]
pub enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}
