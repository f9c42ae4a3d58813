//! A proptest generator of random, deterministic Python programs in gilfree's subset, for the
//! differential tests of [`random`](super::random): the [`grammar`] (types and production tables), the
//! [`program`] generator and renderer, and the part of some programs that runs [`threads`].

mod grammar;
mod program;
mod threads;

pub(crate) use program::{Program, program};
