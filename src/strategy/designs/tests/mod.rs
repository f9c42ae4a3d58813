//! Each design with the object layer and its runtime: counts, protocols, collectors (one file per design).

// `atomic` keeps a loom atomic in a `static` (not `const`-constructible under loom).
#[cfg(not(loom))]
mod atomic;
mod biased;
mod gil;
mod isolated;
mod locks;
mod tracing;

/// A design whose constraints do not describe its types (`gil`'s types, `atomic`'s constraints). It is never
/// used to build a runtime or an object: only [`Constraints::describe`] looks at it.
#[derive(Debug)]
struct Liar;

// SAFETY: never used: no runtime, thread or object of `Liar` is made; the impl exists for the check below.
unsafe impl crate::strategy::Strategy for Liar {
    const NAME: &'static str = "liar";
    const SUMMARY: &'static str = "gil's types under atomic's constraints";
    const CONSTRAINTS: crate::strategy::Constraints = super::ATOMIC;
    type Rc = crate::strategy::parts::rc::PlainRc;
    type Lock = crate::strategy::parts::lock::NoLock;
    type Memory = crate::strategy::parts::Immediate;
    type Threads = crate::strategy::parts::gil::GilThreads;
    type Collector = crate::strategy::gc::TrialDeletion;

    fn statics() -> &'static crate::object::Statics<Liar> {
        unreachable!("no object of `Liar` is ever made")
    }
}

#[test]
fn constraints_that_do_not_describe_the_types_are_caught() {
    use crate::strategy::Constraints;
    assert!(!Constraints::describe::<Liar>());
    assert!(Constraints::describe::<super::Gil>());
    assert!(Constraints::describe::<super::Tracing>());
}
