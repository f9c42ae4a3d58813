//! The object layer's cross-module tests, under every design (`for_each_strategy!`): each object type's
//! behaviour and its frees ([`types`]), a model-based property test of the object graph ([`model`]), and
//! racing readers and writers on shared containers ([`races`]). Unit tests of one module stay beside it.

mod model;
mod races;
mod types;
