//! [`Frame`]: one activation of a code object.

use crate::object::{Code, Function, ObjRef, Trace, Tracer, Typed};
use crate::strategy::Strategy;

/// A frame: the function it runs (which gives the code, globals and closure), local slots, cells (cellvars
/// then freevars), the value stack and the program counter.
pub struct Frame<S: Strategy> {
    /// The running function (module code runs as a function too, as in CPython 3.11).
    pub func: Option<Typed<S, Function<S>>>,
    /// Fast locals (`varnames`), `None` while unbound.
    pub locals: Vec<Option<ObjRef<S>>>,
    /// Cell objects: `cellvars` then `freevars`.
    pub cells: Vec<ObjRef<S>>,
    /// The value stack.
    pub stack: Vec<ObjRef<S>>,
    /// Next instruction.
    pub pc: usize,
    /// The locals dict of module and class-body code (`LoadName`/`StoreName`).
    pub locals_dict: Option<ObjRef<S>>,
}

impl<S: Strategy> std::fmt::Debug for Frame<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Frame").field("pc", &self.pc).field("stack", &self.stack.len()).finish()
    }
}

impl<S: Strategy> Default for Frame<S> {
    fn default() -> Self {
        Self { func: None, locals: Vec::new(), cells: Vec::new(), stack: Vec::new(), pc: 0, locals_dict: None }
    }
}

impl<S: Strategy> Frame<S> {
    /// The function.
    #[inline(always)]
    pub fn function(&self) -> &Function<S> {
        self.func.as_ref().expect("a running frame has a function")
    }

    /// The code object.
    #[inline(always)]
    pub fn code(&self) -> &Code<S> {
        self.function().code.downcast::<Code<S>>().expect("a function's code is a code object")
    }

    /// Release everything the frame holds, keeping the buffers' capacity for reuse.
    pub fn clear(&mut self) {
        self.stack.clear();
        self.locals.clear();
        self.cells.clear();
        self.locals_dict = None;
        self.func = None;
        self.pc = 0;
    }
}

impl<S: Strategy> Trace<S> for Frame<S> {
    fn trace(&self, tracer: &mut Tracer<S>) {
        if let Some(f) = &self.func {
            tracer.visit(f.as_obj());
        }
        self.locals.iter().flatten().chain(self.cells.iter()).chain(self.stack.iter()).for_each(|o| tracer.visit(o));
        if let Some(d) = &self.locals_dict {
            tracer.visit(d);
        }
    }
}
