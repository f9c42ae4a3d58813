//! Model-based property test, stamped for every strategy: random sequences of object operations checked
//! against a plain Rust model of the object graph.
//!
//! The oracle is a drop counter: every leaf is a [`Probe`] that records its own drop. Any container may hold
//! any node, so the programs build cycles, self-references included, and drop them. A `Safepoint` forces a
//! full collection (tracing, or cycle collection), with the registers as the only roots.
//!
//! - Under reference counting, after every operation each probe the model says is alive must not have
//!   been dropped, and every other one must have been dropped exactly once. Alive means reachable from the
//!   registers *or from a garbage cycle*: counting frees acyclic garbage at once, and cyclic garbage (and
//!   whatever it holds) only at the next collection.
//! - Under a tracing collector nothing is freed between collections, so after every operation no
//!   reachable probe was dropped and none twice, and after a `Safepoint` exactly as above.
//!
//! After a collection the model forgets the edges of everything unreachable (it was freed). At the end
//! every probe has been dropped exactly once and the thread's live-object count is back where it started:
//! nothing freed twice, nothing freed while reachable, nothing leaked.

use std::collections::HashMap;

use proptest::prelude::*;

/// Registers (roots) the program works on.
pub(crate) const REGS: usize = 4;
/// Distinct dict keys (fresh str objects `k0`..).
pub(crate) const KEYS: i64 = 6;

/// One operation of a generated program.
#[derive(Debug, Clone)]
pub(crate) enum Op {
    NewProbe(usize),
    NewList(usize),
    NewDict(usize),
    Copy { src: usize, dst: usize },
    Clear(usize),
    Append { list: usize, val: usize },
    ListSet { list: usize, idx: usize, val: usize },
    ListGet { list: usize, idx: usize, dst: usize },
    ListPop { list: usize, dst: usize },
    DictSet { dict: usize, key: i64, val: usize },
    DictGet { dict: usize, key: i64, dst: usize },
    DictDel { dict: usize, key: i64 },
    Safepoint,
}

pub(crate) fn op() -> impl Strategy<Value = Op> {
    let r = || 0..REGS;
    prop_oneof![
        3 => r().prop_map(Op::NewProbe),
        2 => r().prop_map(Op::NewList),
        2 => r().prop_map(Op::NewDict),
        2 => (r(), r()).prop_map(|(src, dst)| Op::Copy { src, dst }),
        1 => r().prop_map(Op::Clear),
        4 => (r(), r()).prop_map(|(list, val)| Op::Append { list, val }),
        2 => (r(), 0..4usize, r()).prop_map(|(list, idx, val)| Op::ListSet { list, idx, val }),
        2 => (r(), 0..4usize, r()).prop_map(|(list, idx, dst)| Op::ListGet { list, idx, dst }),
        2 => (r(), r()).prop_map(|(list, dst)| Op::ListPop { list, dst }),
        3 => (r(), 0..KEYS, r()).prop_map(|(dict, key, val)| Op::DictSet { dict, key, val }),
        2 => (r(), 0..KEYS, r()).prop_map(|(dict, key, dst)| Op::DictGet { dict, key, dst }),
        2 => (r(), 0..KEYS).prop_map(|(dict, key)| Op::DictDel { dict, key }),
        1 => Just(Op::Safepoint),
    ]
}

/// A node of the model graph.
#[derive(Debug, Clone)]
pub(crate) enum Node {
    Probe(usize),
    List(Vec<usize>),
    Dict(Vec<(i64, usize)>),
}

/// The plain Rust model: nodes (never removed) and registers holding node ids.
#[derive(Debug, Default)]
pub(crate) struct Model {
    pub(crate) nodes: Vec<Node>,
    pub(crate) regs: [Option<usize>; REGS],
    pub(crate) probes: usize,
}

impl Model {
    fn children(&self, n: usize) -> Vec<usize> {
        match &self.nodes[n] {
            Node::Probe(_) => Vec::new(),
            Node::List(items) => items.clone(),
            Node::Dict(items) => items.iter().map(|(_, v)| *v).collect(),
        }
    }

    /// Which nodes are reachable from `from`.
    fn reach(&self, from: impl IntoIterator<Item = usize>) -> Vec<bool> {
        let mut seen = vec![false; self.nodes.len()];
        let mut stack: Vec<usize> = from.into_iter().collect();
        while let Some(n) = stack.pop() {
            if !std::mem::replace(&mut seen[n], true) {
                stack.extend(self.children(n));
            }
        }
        seen
    }

    fn probes_in(&self, nodes: &[bool]) -> Vec<bool> {
        let mut out = vec![false; self.probes];
        for (n, _) in nodes.iter().enumerate().filter(|(_, alive)| **alive) {
            if let Node::Probe(id) = self.nodes[n] {
                out[id] = true;
            }
        }
        out
    }

    /// Which probes are reachable from the registers.
    pub(crate) fn reachable_probes(&self) -> Vec<bool> {
        self.probes_in(&self.reach(self.regs.iter().flatten().copied()))
    }

    /// Which probes reference counting keeps alive: reachable from the registers or from a node on a
    /// cycle (a node that reaches itself).
    pub(crate) fn counted_probes(&self) -> Vec<bool> {
        let on_cycle = (0..self.nodes.len()).filter(|&n| self.reach(self.children(n))[n]);
        self.probes_in(&self.reach(self.regs.iter().flatten().copied().chain(on_cycle)))
    }

    /// A full collection ran: everything unreachable was freed, so its edges are gone.
    pub(crate) fn collected(&mut self) {
        let alive = self.reach(self.regs.iter().flatten().copied());
        for (n, node) in self.nodes.iter_mut().enumerate() {
            if !alive[n] {
                match node {
                    Node::Probe(_) => {}
                    Node::List(items) => items.clear(),
                    Node::Dict(items) => items.clear(),
                }
            }
        }
    }
}

macro_rules! model_tests {
    ($name:ident, $S:ty) => {
        mod $name {
            use super::*;
            use crate::object::counts::live_on_this_thread;
            use crate::object::probe::{Probe, ProbeLog};
            use crate::object::*;
            use crate::strategy::{Attached, Runtime, Strategy};

            type S = $S;

            /// Real registers plus a map from object address to model node.
            struct Real {
                regs: Vec<Option<ObjRef<S>>>,
                node_of: HashMap<usize, usize>,
            }

            /// A fresh (not interned, so not immortal) str key: a leaked key shows in the live count.
            fn key_obj(key: i64) -> ObjRef<S> {
                str_obj::<S>(&format!("k{key}"))
            }

            fn addr(o: &ObjRef<S>) -> usize {
                o.as_ptr().as_ptr() as usize
            }

            fn node_of(real: &Real, o: &ObjRef<S>) -> usize {
                *real.node_of.get(&addr(o)).expect("an object the model knows")
            }

            fn step(
                op: &Op,
                m: &mut Model,
                real: &mut Real,
                log: &crate::sync::Arc<ProbeLog>,
                at: &mut Attached<'_, S>,
            ) {
                let reg_node = |m: &Model, r: usize| m.regs[r];
                match *op {
                    Op::NewProbe(r) => {
                        let id = m.probes;
                        m.probes += 1;
                        m.nodes.push(Node::Probe(id));
                        let o = ObjRef::<S>::new(Probe::new(id, log));
                        real.node_of.insert(addr(&o), m.nodes.len() - 1);
                        real.regs[r] = Some(o);
                        m.regs[r] = Some(m.nodes.len() - 1);
                    }
                    Op::NewList(r) | Op::NewDict(r) => {
                        let is_list = matches!(op, Op::NewList(_));
                        m.nodes.push(if is_list { Node::List(vec![]) } else { Node::Dict(vec![]) });
                        let o = if is_list { list_obj::<S>(vec![]).into_obj() } else { dict_obj::<S>().into_obj() };
                        real.node_of.insert(addr(&o), m.nodes.len() - 1);
                        real.regs[r] = Some(o);
                        m.regs[r] = Some(m.nodes.len() - 1);
                    }
                    Op::Copy { src, dst } => {
                        real.regs[dst] = real.regs[src].clone();
                        m.regs[dst] = m.regs[src];
                    }
                    Op::Clear(r) => {
                        real.regs[r] = None;
                        m.regs[r] = None;
                    }
                    Op::Append { list, val } => {
                        let (Some(l), Some(v)) = (reg_node(m, list), reg_node(m, val)) else {
                            return;
                        };
                        let Node::List(items) = &m.nodes[l] else {
                            return;
                        };
                        let mut items = items.clone();
                        items.push(v);
                        m.nodes[l] = Node::List(items);
                        let real_l = real.regs[list].as_ref().unwrap().downcast::<List<S>>().unwrap();
                        real_l.append(real.regs[val].clone().unwrap(), at);
                    }
                    Op::ListSet { list, idx, val } => {
                        let (Some(l), Some(v)) = (reg_node(m, list), reg_node(m, val)) else {
                            return;
                        };
                        let Node::List(items) = &mut m.nodes[l] else {
                            return;
                        };
                        let real_l = real.regs[list].as_ref().unwrap().downcast::<List<S>>().unwrap();
                        let res = real_l.set(idx, real.regs[val].clone().unwrap(), at);
                        if idx < items.len() {
                            items[idx] = v;
                            assert!(res.is_ok());
                        } else {
                            assert_eq!(res.unwrap_err().py_name(), "IndexError");
                        }
                    }
                    Op::ListGet { list, idx, dst } => {
                        let Some(l) = reg_node(m, list) else { return };
                        let Node::List(items) = &m.nodes[l] else {
                            return;
                        };
                        let want = items.get(idx).copied();
                        let real_l = real.regs[list].as_ref().unwrap().downcast::<List<S>>().unwrap();
                        let got = real_l.get(idx, at);
                        assert_eq!(got.as_ref().map(|o| node_of(real, o)), want);
                        if let Some(g) = got {
                            real.regs[dst] = Some(g);
                            m.regs[dst] = want;
                        }
                    }
                    Op::ListPop { list, dst } => {
                        let Some(l) = reg_node(m, list) else { return };
                        let Node::List(items) = &mut m.nodes[l] else {
                            return;
                        };
                        let want = items.pop();
                        let real_l = real.regs[list].as_ref().unwrap().downcast::<List<S>>().unwrap();
                        let got = real_l.pop(None, at);
                        assert_eq!(got.as_ref().map(|o| node_of(real, o)), want);
                        if let Some(g) = got {
                            real.regs[dst] = Some(g);
                            m.regs[dst] = want;
                        }
                    }
                    Op::DictSet { dict, key, val } => {
                        let (Some(d), Some(v)) = (reg_node(m, dict), reg_node(m, val)) else {
                            return;
                        };
                        let Node::Dict(items) = &mut m.nodes[d] else {
                            return;
                        };
                        match items.iter_mut().find(|(k, _)| *k == key) {
                            Some(e) => e.1 = v,
                            None => items.push((key, v)),
                        }
                        let real_d = real.regs[dict].as_ref().unwrap().downcast::<Dict<S>>().unwrap();
                        real_d.set(key_obj(key), real.regs[val].clone().unwrap(), at).unwrap();
                    }
                    Op::DictGet { dict, key, dst } => {
                        let Some(d) = reg_node(m, dict) else { return };
                        let Node::Dict(items) = &m.nodes[d] else {
                            return;
                        };
                        let want = items.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
                        let real_d = real.regs[dict].as_ref().unwrap().downcast::<Dict<S>>().unwrap();
                        let got = real_d.get(&key_obj(key), at).unwrap();
                        assert_eq!(got.as_ref().map(|o| node_of(real, o)), want);
                        if let Some(g) = got {
                            real.regs[dst] = Some(g);
                            m.regs[dst] = want;
                        }
                    }
                    Op::DictDel { dict, key } => {
                        let Some(d) = reg_node(m, dict) else { return };
                        let Node::Dict(items) = &mut m.nodes[d] else {
                            return;
                        };
                        let pos = items.iter().position(|(k, _)| *k == key);
                        let want = pos.map(|p| items.remove(p).1);
                        let real_d = real.regs[dict].as_ref().unwrap().downcast::<Dict<S>>().unwrap();
                        let got = real_d.remove(&key_obj(key), at).unwrap();
                        assert_eq!(got.as_ref().map(|o| node_of(real, o)), want);
                    }
                    Op::Safepoint => {
                        at.safepoint();
                        // A forced collection, the registers being all the test holds.
                        let roots: Vec<ObjRef<S>> = real.regs.iter().flatten().cloned().collect();
                        at.collect(&ExplicitRoots(&roots));
                        m.collected();
                    }
                }
                // After a store into a dict, its real key order must be the model's insertion order.
                if let Op::DictSet { dict, .. } = op {
                    let Some(d) = m.regs[*dict] else { return };
                    if let Node::Dict(items) = &m.nodes[d] {
                        let real_d = real.regs[*dict].as_ref().unwrap().downcast::<Dict<S>>().unwrap();
                        let keys: Vec<String> =
                            real_d.keys(at).iter().map(|k| k.downcast::<Str>().unwrap().as_str().to_owned()).collect();
                        let want: Vec<String> = items.iter().map(|(k, _)| format!("k{k}")).collect();
                        assert_eq!(keys, want, "dict insertion order");
                    }
                }
            }

            /// Probes the strategy must keep are alive, the others dropped once (`exact`), or at most once.
            fn check(m: &Model, log: &ProbeLog, exact: bool) {
                let kept = if S::CONSTRAINTS.traces() { m.reachable_probes() } else { m.counted_probes() };
                for (id, reachable) in kept.into_iter().enumerate() {
                    let want = if reachable { 0 } else { 1 };
                    if exact {
                        assert_eq!(log.drops(id), want, "probe {id}: reachable={reachable}");
                    } else {
                        assert!(log.drops(id) <= want, "probe {id}: reachable={reachable}, {} drops", log.drops(id));
                    }
                }
            }

            fn run_program(ops: &[Op]) {
                let log = ProbeLog::new(ops.len());
                let rt = Runtime::<S>::default();
                let mut th = rt.thread();
                let before = live_on_this_thread();
                {
                    let mut at = th.attach();
                    let mut m = Model::default();
                    let mut real = Real { regs: (0..REGS).map(|_| None).collect(), node_of: HashMap::new() };
                    for op in ops {
                        step(op, &mut m, &mut real, &log, &mut at);
                        check(&m, &log, !S::CONSTRAINTS.traces() || matches!(op, Op::Safepoint));
                    }
                    real.regs.clear();
                    m.regs = [None; REGS];
                    at.collect(&ExplicitRoots(&[]));
                    m.collected();
                    check(&m, &log, true);
                    at.safepoint();
                }
                assert_eq!(live_on_this_thread(), before, "leaked or double-freed objects");
            }

            proptest! {
                #![proptest_config(ProptestConfig { cases: crate::testing::cases(1000), ..ProptestConfig::default() })]
                #[test]
                fn object_graph_matches_the_model(ops in proptest::collection::vec(op(), 1..120)) {
                    run_program(&ops);
                }
            }
        }
    };
}

crate::for_each_strategy!(model_tests);
