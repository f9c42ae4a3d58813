//! The interpreter: a stack VM over [`crate::lang::bytecode`], generic over the strategy.
//!
//! - [`Vm`] is one interpreter (its runtime, built-in namespace, types and modules), shared by its threads.
//! - [`ThreadState`] is one OS thread running Python code: the [`Attached`](crate::strategy::Attached)
//!   token, the recursion depth, the exception being handled.
//! - [`Frame`] is one activation: the function, its locals and cells, and a value stack of owned references.
//! - `eval/` is the eval loop, split by opcode family; `ops/` the object protocols (arithmetic, comparison,
//!   repr, iteration, subscripts, attributes, calls) that instructions and built-ins share; `builtins/` the
//!   built-in functions, the methods of built-in types, and the `threading` and `time` modules.
//!
//! Refcounting follows CPython's discipline: every push is an owned reference (an incref, or a fresh
//! object), every pop releases one, and arguments move from the caller's stack into the callee's frame.

mod args;
pub mod builtins;
mod cache;
mod error;
pub mod eval;
mod finalize;
pub mod format;
mod frame;
pub mod ops;
mod run;
mod thread;
mod types;
mod vm;

#[cfg(test)]
mod tests;

pub use error::{PyErr, PyResult, print_exception};
pub(crate) use finalize::shut_down;
pub use frame::Frame;
pub use run::{
    RunOutcome, exec_module, format_compile_error, panic_message, run_captured, run_file, run_source, run_with,
};
pub use thread::ThreadState;
pub use types::{Exc, Types};
pub use vm::{Vm, VmConfig};

use crate::object::ObjRef;

/// A built-in function: `args` holds the positional arguments followed by the keyword arguments whose names
/// are `kwnames` (CPython's vectorcall convention). Methods of built-in types get `self` as `args[0]`.
pub type NativeFn<S> = fn(&mut ThreadState<'_, S>, &[ObjRef<S>], &[ObjRef<S>]) -> PyResult<S>;

/// A native function object's payload: the object layer's `Native`, with the interpreter's signature.
pub type Native<S> = crate::object::Native<NativeFn<S>>;

/// A generator object's payload: the object layer's `Generator`, holding the interpreter's frame.
pub type Generator<S> = crate::object::Generator<S, Frame<S>>;

/// A generator's state: its suspended frame and whether it runs.
pub type GenState<S> = crate::object::GenState<Frame<S>>;
