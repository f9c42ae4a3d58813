//! The built-in classes: `object`, `type`, the built-in value types, and the exception hierarchy.
//!
//! Each is a `Class` object whose dict holds the type's methods (natives taking `self` first), so attribute
//! lookup, `type(x)`, `isinstance` and method calls treat built-in and user classes alike.

use crate::object::{Class, ObjRef, TypeKind, dict_obj, intern};
use crate::strategy::{GcGlobal, Strategy};

macro_rules! exceptions {
    ($($name:ident : $parent:ident),* $(,)?) => {
        /// The built-in exception classes, each with its parent (`BaseException`'s is itself).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[expect(missing_docs, reason = "each variant is the Python exception class of the same name")]
        pub enum Exc { $($name),* }

        impl Exc {
            /// Every built-in exception, parents before children.
            pub const ALL: &'static [Exc] = &[$(Exc::$name),*];

            /// The class name.
            pub fn name(self) -> &'static str {
                match self { $(Exc::$name => stringify!($name)),* }
            }

            /// The base class.
            pub fn parent(self) -> Exc {
                match self { $(Exc::$name => Exc::$parent),* }
            }
        }
    };
}

exceptions! {
    BaseException: BaseException,
    Exception: BaseException,
    ArithmeticError: Exception,
    ZeroDivisionError: ArithmeticError,
    OverflowError: ArithmeticError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    ValueError: Exception,
    TypeError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    AttributeError: Exception,
    RuntimeError: Exception,
    RecursionError: RuntimeError,
    NotImplementedError: RuntimeError,
    StopIteration: Exception,
    AssertionError: Exception,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
}

macro_rules! builtin_types {
    ($($field:ident : $kind:expr, $name:literal);* $(;)?) => {
        /// The built-in classes of one VM.
        #[derive(Debug)]
        pub struct Types<S: Strategy> {
            /// `object`, the root of every class.
            pub object: ObjRef<S>,
            $(
                #[doc = concat!("`", $name, "`")]
                pub $field: ObjRef<S>,
            )*
            /// The exception classes, indexed by [`Exc`].
            pub exc: Vec<ObjRef<S>>,
        }

        impl<S: Strategy> Types<S> {
            /// Make every built-in class (with empty method dicts; `builtins` fills them).
            pub fn new(global: &GcGlobal<S>) -> Self {
                let new_class = |name: &str, base: Option<&ObjRef<S>>, builtin, is_exc| {
                    new_class::<S>(name, base, builtin, is_exc, global)
                };
                let object = new_class("object", None, None, false);
                // `bool` derives from `int`; every other built-in type from `object`.
                let mut int_class: Option<ObjRef<S>> = None;
                $(
                    let base = match (&int_class, $name) {
                        (Some(int), "bool") => int.clone(),
                        _ => object.clone(),
                    };
                    let $field = new_class($name, Some(&base), $kind, false);
                    if $name == "int" {
                        int_class = Some($field.clone());
                    }
                )*
                drop(int_class);
                let mut exc: Vec<ObjRef<S>> = Vec::with_capacity(Exc::ALL.len());
                for &e in Exc::ALL {
                    let parent = if e == Exc::BaseException { object.clone() } else { exc[e.parent() as usize].clone() };
                    exc.push(new_class(e.name(), Some(&parent), None, true));
                }
                Types { object, $($field,)* exc }
            }

            /// Report every built-in class (roots for a tracing collector).
            pub fn trace(&self, tracer: &mut crate::object::Tracer<S>) {
                tracer.visit(&self.object);
                $(tracer.visit(&self.$field);)*
                self.exc.iter().for_each(|c| tracer.visit(c));
            }

            /// The class of built-in instances of `kind` (not for instances/exceptions, whose class is in
            /// the payload).
            pub fn of_kind(&self, kind: TypeKind) -> &ObjRef<S> {
                match kind {
                    $(k if Some(k) == $kind => &self.$field,)*
                    _ => &self.object,
                }
            }
        }
    };
}

builtin_types! {
    type_: Some(TypeKind::Class), "type";
    none_type: Some(TypeKind::None), "NoneType";
    int: Some(TypeKind::Int), "int";
    bool_: Some(TypeKind::Bool), "bool";
    float: Some(TypeKind::Float), "float";
    str_: Some(TypeKind::Str), "str";
    tuple: Some(TypeKind::Tuple), "tuple";
    list: Some(TypeKind::List), "list";
    dict: Some(TypeKind::Dict), "dict";
    cell: Some(TypeKind::Cell), "cell";
    function: Some(TypeKind::Function), "function";
    code: Some(TypeKind::Code), "code";
    method: Some(TypeKind::BoundMethod), "method";
    module: Some(TypeKind::Module), "module";
    native: Some(TypeKind::Native), "builtin_function_or_method";
    generator: Some(TypeKind::Generator), "generator";
    iterator: Some(TypeKind::Iter), "iterator";
    range: Some(TypeKind::Range), "range";
    slice: Some(TypeKind::Slice), "slice";
    super_: Some(TypeKind::Super), "super";
    lock: Some(TypeKind::Lock), "lock";
    thread: Some(TypeKind::Thread), "Thread";
    local: Some(TypeKind::Local), "_thread._local";
}

impl<S: Strategy> Types<S> {
    /// The built-in exception class `e`.
    #[inline]
    pub fn exc(&self, e: Exc) -> &ObjRef<S> {
        &self.exc[e as usize]
    }
}

/// A new built-in class object (deferred on `global`'s runtime where the strategy defers: it lives as long
/// as the VM, like CPython's static types, which are immortal).
pub fn new_class<S: Strategy>(
    name: &str,
    base: Option<&ObjRef<S>>,
    builtin: Option<TypeKind>,
    is_exception: bool,
    global: &GcGlobal<S>,
) -> ObjRef<S> {
    let class = Class {
        name: intern::<S>(name),
        base: base.cloned(),
        dict: dict_obj::<S>(),
        builtin,
        is_exception,
        finalizer: false,
    };
    ObjRef::new_deferred(class, global)
}
