//! The interpreter: a stack VM over [`crate::lang::bytecode`], generic over the strategy.
//!
//! - [`Vm`] is one interpreter (its runtime, built-in namespace, types and modules), shared by its threads.
//! - [`ThreadState`] is one OS thread running Python code: the [`Attached`](crate::strategy::Attached)
//!   token, the recursion depth, the exception being handled.
//! - [`Frame`] is one activation: the function, its locals and cells, and a value stack of owned references.
//! - [`eval`] is the eval loop, split by opcode family; [`ops`] the object protocols (arithmetic,
//!   comparison, repr, iteration, subscripts, attributes, calls, constructing an instance) that
//!   instructions and built-ins share; [`format`](mod@format) formatting (`format()`, `str.format`,
//!   `str % args`); [`builtins`] the built-in functions, the methods of built-in types, and the
//!   `threading`, `time` and `gc` modules.
//!
//! Refcounting follows CPython's discipline: every push is an owned reference (an incref, or a fresh
//! object), every pop releases one, and arguments move from the caller's stack into the callee's frame.
//!
//! ## Layers
//!
//! From the top down. A layer calls into the layers below it, never above; the two exceptions are named
//! (the protocols call each other, and the runtime's services run Python code through the protocols).
//!
//! 1. **Entry points** (`run.rs`): build a [`Vm`], call [`builtins::install`], run a module, shut down.
//!    The only other caller of `install` is the bench's worker process, which assembles its VM the same
//!    way. The cross-module tests (`tests/`) sit here too.
//! 2. **Built-ins** ([`builtins`]): `functions/`, `methods/`, `modules/`. They use the protocols; nothing
//!    below names `builtins`. What the protocols need is a protocol, not a built-in: calling a class
//!    ([`ops::construct`]), formatting ([`format`](mod@format)), the `NotImplemented` singleton's native
//!    (`vm.rs`).
//! 3. **Protocols**: [`eval`], [`ops`] and [`format`](mod@format), and `args.rs` (argument checking for
//!    natives, shared by the built-in classes' constructors, `str.format` and the built-ins). They call
//!    each other: an operator calls back into Python code (`ops` -> `eval`), `str % x` and f-strings
//!    format (`ops`, `eval` -> `format`), and formatting calls `repr`, `getattr` and `__format__`
//!    (`format` -> `ops`).
//! 4. **Runtime**: `vm.rs`, `thread.rs`, `frame.rs`, `types.rs`, `cache.rs`, `error.rs` ([`PyErr`]), and
//!    `finalize.rs`. The state of the VM and its threads, and the services that run Python code on their
//!    behalf (printing an exception calls `__str__`, a finalizer is `__del__`) through the protocols.
//!
//! Below the interpreter: [`crate::object`] (with [`crate::object::format`], the number and string
//! formatting core), [`crate::strategy`] and [`crate::lang`], none of which names `interp`.
//! `tests/layers.rs` checks that no file of layers 3 and 4 names `builtins` or `run`.

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
