//! The threaded part of random programs ([`program`](super::program)): after the single-threaded
//! part, some programs start 2–4 `threading.Thread`s whose targets run generated code on shared module-level
//! objects, join them all, and print what they did.
//!
//! The point is objects crossing threads under every strategy: nodes, lists and strings made by one
//! thread are replaced, dropped or last held by another (biased RC's merges, frees on a thread that is not
//! the owner), instances point at each other across threads (cycles whose garbage a collection on any
//! thread, or the program's final `gc.collect()`, must free), the main thread's initial objects die on the
//! workers and the workers' objects die on the main thread at shutdown.
//!
//! The output is still deterministic, whatever the interleaving, because every operation ([`SHARED`]) is
//! one of:
//!
//! - **a write to the thread's own part** of a shared object: its slot `slots[tid]` and the attributes of
//!   the node in it, its keys `(tid, j)` of `table`, its attribute `a{tid}` of `hub`, its item of
//!   `hub.counts` and of `mail`. Only thread `tid` writes them, so their final values follow its program
//!   order alone;
//! - **a replacement by an equal value** (`ro[q] = ro[q] + 0`: a new object with the same value), so every
//!   read of `ro` and `rs` sees the same values whichever object it gets;
//! - **a read whose result is dropped or never printed** (`peek = slots[other]`, a node's `peer`), which
//!   only keeps an object alive for a while;
//! - **a print**, which goes to the thread's own log (`say(tid, ...)` appends what `print` would have
//!   written), printed per thread after the joins; only own parts and `ro`/`rs` are printed.
//!
//! Every thread target catches any exception and logs it, so nothing reaches `threading.excepthook` (whose
//! output would interleave). The generated code of a target works on locals of the same names and types
//! as the single-threaded part's globals (`v0`..`v5`, `xs`, `d`), so [`Stmt`]s generate and render for it
//! unchanged, with `print` turned into `say` and user functions (which write the globals) not callable.

use proptest::prelude::*;

use super::grammar::{EXPR_DEPTH, LITS, Ty};
use super::program::{GLOBALS, Levels, Render, Stmt, pick, stmt};
use Ty::{Bool as B, Float as F, Int as I, Small as S, Str as T, Tiny as N, Wrap as W};

/// Operations on the shared state, as templates with holes like [`SIMPLE`](super::grammar::SIMPLE)'s:
/// `tid` is the thread's number, `peek` and `q` are locals of the target that generated code never reads.
/// A hole used twice in an index of shared state is a literal (`Small`, `Tiny`), so it cannot evaluate to
/// two values (an expression may pop from `d`); the raise's may, but only its own thread sees them.
#[rustfmt::skip]
pub(super) const SHARED: &[(&str, &[Ty])] = &[
    // The thread's own node: replaced (the old one dies here, or later where a reader or a peer drops it),
    // changed, pointed at itself (a cycle) or at another thread's node (cycles across threads).
    ("slots[tid] = Node(tid, {0})", &[W]), ("slots[tid].v = {0}", &[W]),
    ("if len(slots[tid].items) < 12: slots[tid].items.append({0})", &[W]),
    ("slots[tid].items = slots[tid].items[-3:] + [{0}]", &[W]), ("slots[tid].peer = slots[tid]", &[]),
    ("slots[tid].peer = slots[(tid + {0}) % NT]", &[N]), ("slots[tid].peer = None", &[]),
    // Reads of other threads' objects, kept in `peek` until the next one.
    ("peek = slots[(tid + {0}) % NT]", &[N]), ("peek = slots[(tid + {0}) % NT].items[-2:]", &[N]),
    ("peek = slots[(tid + 1) % NT].peer", &[]), ("peek = table.get(((tid + {0}) % NT, {1} % 4))", &[N, I]),
    ("peek = getattr(hub, 'a%d' % ((tid + {0}) % NT), None)", &[N]), ("peek = mail[(tid + {0}) % NT]", &[N]),
    ("peek = None", &[]), ("peek = [len(table), len(slots[(tid + 1) % NT].items)]", &[]),
    // The thread's own keys of the shared dict.
    ("table[(tid, {0} % 4)] = [tid, {1}]", &[I, W]), ("table[(tid, {0} % 4)] = ({1})[:8]", &[I, T]),
    ("table.pop((tid, {0} % 4), None)", &[I]), ("q = (tid, {0} % 4)\nif q in table: table[q] = table[q][:]", &[I]),
    // Equal replacements in the lists every thread reads.
    ("q = {0} % 8\nro[q] = ro[q] + 0", &[I]), ("q = {0} % 4\nrs[q] = (rs[q] + '.')[:-1]", &[I]),
    ("say(tid, 'ro', sum(ro), len(rs), rs[{0} % 4], ro[{0} % 8])", &[S]),
    // The thread's own attribute and counter of the shared instance, its own mailbox to the main thread.
    ("setattr(hub, 'a%d' % tid, {0})", &[W]), ("hub.counts[tid] += 1", &[]),
    ("mail[tid] = [v3, v5, xs[:], dict(d)]", &[]),
    ("say(tid, 'own', slots[tid].v, slots[tid].items[-3:], table.get((tid, {0} % 4)))", &[I]),
    // A collection while the other threads run; an exception that ends the target (logged by it).
    ("gc.collect()", &[]), ("if {0} == {1}: raise KeyError((tid, {0}))", &[I, I]),
];

/// The shared state and the helpers, defined before the threads start.
const PRELUDE: &str = "\
import gc
import threading
logs = [[] for _ in range(NT)]
def say(tid, *a, sep=' ', end='\\n'):
    logs[tid].append(sep.join([str(x) for x in a]) + end)
class Node:
    def __init__(self, tid, v):
        self.tid = tid
        self.v = v
        self.items = [v]
        self.peer = None
class Hub:
    pass
hub = Hub()
hub.counts = [0] * NT
slots = [Node(-1, k) for k in range(NT)]
table = {}
ro = [1000 + 37 * k for k in range(6)] + [0.5, 2.25]
rs = ['s%d' % k for k in range(4)]
mail = [None] * NT";

/// After the joins: the logs in thread order, then the shared state (only the parts a single thread
/// wrote); then everything is dropped and collected, so the run ends with no garbage left in a cycle.
const EPILOGUE: &str = "\
for t in threads:
    t.start()
for t in threads:
    t.join()
for k in range(NT):
    print(''.join(logs[k]), end='')
for k in range(NT):
    n = slots[k]
    print(k, n.tid, n.v, n.items, n.peer is n, n.peer is None)
print(sorted(table.items()))
print(ro, rs, hub.counts, [getattr(hub, 'a%d' % k, None) for k in range(NT)])
print(mail)
n = None
slots.clear()
table.clear()
mail.clear()
gc.collect()";

/// A thread target `work{k}(tid)`: the initial values of its locals and its statements, run `rounds` times.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    init: [u8; 6],
    rounds: u8,
    body: Vec<Stmt>,
}

/// The threaded part of a program: `threads` threads (2–4), thread `k` running target `k % targets.len()`.
#[derive(Clone, Debug)]
pub(crate) struct Threads {
    threads: u8,
    targets: Vec<Target>,
}

/// An operation of [`SHARED`] and its holes.
pub(super) fn shared_stmt(e: &Levels) -> BoxedStrategy<Stmt> {
    let x = |t: Ty| e[EXPR_DEPTH][t as usize].clone();
    let arms = SHARED.iter().enumerate().map(|(i, (_, holes))| {
        let parts: Vec<_> = holes.iter().map(|&h| x(h)).collect();
        (1, parts.prop_map(move |v| Stmt::Shared(i as u16, v)).boxed())
    });
    proptest::strategy::Union::new_weighted(arms.collect()).boxed()
}

/// Threaded parts: 2–4 threads running 1–2 targets of 1–7 statements (nested up to two blocks deep, about
/// half of them shared operations), each run 1–3 times.
pub(super) fn threads(e: &Levels) -> BoxedStrategy<Threads> {
    let target = (any::<[u8; 6]>(), 1..4u8, prop::collection::vec(stmt(e, 2, true), 1..8))
        .prop_map(|(init, rounds, body)| Target { init, rounds, body });
    (2..5u8, prop::collection::vec(target, 1..3)).prop_map(|(threads, targets)| Threads { threads, targets }).boxed()
}

impl Threads {
    /// Render the threaded part with `r` (fresh render state, appended after the single-threaded part).
    pub(super) fn render(&self, r: &mut Render<'_>) {
        r.line(&format!("NT = {}", self.threads));
        r.line(PRELUDE);
        for (k, t) in self.targets.iter().enumerate() {
            t.render(k, r);
        }
        let starts: Vec<String> = (0..self.threads)
            .map(|k| format!("threading.Thread(target=work{}, args=({k},))", usize::from(k) % self.targets.len()))
            .collect();
        r.line(&format!("threads = [{}]", starts.join(", ")));
        r.line(EPILOGUE);
    }
}

impl Target {
    /// `def work{k}(tid):` with this target's locals and statements.
    fn render(&self, k: usize, r: &mut Render<'_>) {
        let [a, b, c, s, t, x] = self.init;
        let lit = |t: Ty, i: u8| pick(LITS[t as usize], i);
        r.line(&format!("def work{k}(tid):"));
        r.ind = 1;
        r.line(&format!("v0 = {} + tid\nv1 = {}\nv2 = {}", lit(I, a), lit(I, b), lit(F, c)));
        r.line(&format!("v3 = {} + str(tid)\nv4 = {}\nv5 = None", lit(T, s), lit(B, t)));
        r.line(&format!("xs = [tid, {}, {}]\nd = {{'a': tid, 'b': {}}}", lit(I, x), lit(I, a ^ x), lit(I, b ^ s)));
        r.line("peek = None\ntry:");
        r.ind = 2;
        r.vars = GLOBALS.iter().map(|(t, n)| (*t, (*n).to_owned())).collect();
        // Returns are allowed; calls of user functions are not (`func` 0 may call none of them).
        (r.base, r.func, r.thread) = (r.vars.len(), Some(0), true);
        let round = r.name(I);
        r.line(&format!("for {round} in range({}):", self.rounds));
        r.vars.push((I, round));
        r.loop_body(&self.body, 1);
        r.ind = 1;
        r.line("except Exception as e:\n    say(tid, 'raised', type(e).__name__, e)");
        r.ind = 0;
        (r.func, r.thread) = (None, false);
    }
}
