//! `gc.collect()` from Python under every strategy (the tracing collector, or cycle collection under
//! reference counting): cycles of every shape, built and dropped by several threads at once, are freed,
//! and the live heap returns to its baseline.

use crate::interp::{VmConfig, run_with};
use crate::strategy::Strategy;

/// Builds ~2 MiB of cyclic garbage (parent pointers, self-references, instance ↔ dict and list ↔ list
/// cycles, closures that capture themselves) on 4 threads, then compares the live heap after
/// `gc.collect()` with the baseline taken before.
const CYCLES: &str = r#"
import gc, threading

class Node:
    def __init__(self, parent):
        self.parent = parent
        self.children = []
        self.me = self
        if parent is not None:
            parent.children.append(self)

def build(k):
    for i in range(300):
        root = Node(None)
        for j in range(5):
            Node(Node(root))
        a = [i]
        b = [a]
        a.append(b)
        d = {"self": None}
        d["self"] = d
        def rec(n):
            return rec if n == 0 else rec(n - 1)
        rec(2)

gc.collect()
base = gc.get_stats()[0]
threads = [threading.Thread(target=build, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
del threads, t
build(9)
freed = gc.collect()
after = gc.get_stats()[0]
print("freed", freed > 0)
print("collected", after["collected"] - base["collected"] >= 4 * 300 * 14)
print("growth", after["live_bytes"] - base["live_bytes"])
"#;

/// Runs `source` under `S` with the default collector triggers and with tiny ones (collections at almost
/// every safepoint of every thread, racing the threads that build and drop garbage); its outputs, each
/// from a clean exit.
fn outputs<S: Strategy>(source: &str, file: &str) -> Vec<String> {
    let tiny = VmConfig { gc_min_bytes: 32 << 10, gc_threshold: 16, ..VmConfig::default() };
    [VmConfig::default(), tiny]
        .into_iter()
        .map(|config| {
            let (outcome, out, err) = run_with::<S>(source, file, VmConfig { capture: true, ..config });
            let out = String::from_utf8_lossy(&out).into_owned();
            assert_eq!(outcome.exit_code, 0, "{out}{}", String::from_utf8_lossy(&err));
            out
        })
        .collect()
}

/// The number on `line` (of `out`), which must read `growth N`.
fn growth(line: Option<&str>, out: &str) -> i64 {
    let n = line.and_then(|l| l.strip_prefix("growth ")).and_then(|g| g.parse().ok());
    n.unwrap_or_else(|| panic!("expected a growth line in {out}"))
}

/// Runs [`CYCLES`] under `S` with both triggers.
fn cycles_are_freed<S: Strategy>() {
    for out in outputs::<S>(CYCLES, "cycles.py") {
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("freed True"), "{out}");
        assert_eq!(lines.next(), Some("collected True"), "{out}");
        let growth = growth(lines.next(), &out);
        // What survives: the `Node` class, `build` and the module's new names; not the ~2 MiB of cycles.
        assert!(growth.abs() < 16 << 10, "the live heap grew by {growth} bytes");
    }
}

/// Classes and top-level functions made in loops, by the main thread and by 4 threads: under `biased`
/// they are deferred objects, which only a collection that sees every thread's roots can free; elsewhere
/// classes are ordinary cyclic garbage (a class and its methods' globals, its MRO).
const DEFINITIONS: &str = r#"
import gc, threading

def make(k):
    for i in range(300):
        class T(object):
            x = [i, k]
            def get(self):
                return self.x
        T().get()

gc.collect()
base = gc.get_stats()[0]
for i in range(500):
    class K:
        def m(self):
            return i
    def top(x):
        return x + i
    K().m()
    top(1)
threads = [threading.Thread(target=make, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
del threads, t, K, top
gc.collect()
print("growth", gc.get_stats()[0]["live_bytes"] - base["live_bytes"])
"#;

/// Runs [`DEFINITIONS`] under `S` with both triggers.
fn definitions_are_freed<S: Strategy>() {
    for out in outputs::<S>(DEFINITIONS, "definitions.py") {
        let growth = growth(out.lines().next(), &out);
        // 1,700 classes with their dicts and methods are about 500 KiB; `tracing` counts every object
        // (the module's new names, the threads' caches), the others only tracked containers.
        assert!(growth.abs() < 64 << 10, "the live heap grew by {growth} bytes");
    }
}

/// Finalizers under concurrency (CPython's bug classes: resurrection during finalization, gh-113750 and
/// gh-127582; objects dying on a thread other than their owner, gh-119999; cycles dropped concurrently).
/// Phase 1: 4 threads make 400 objects with a `__del__` each (a third in self-cycles), hand a quarter to
/// a neighbour's list, and drop the rest. Phase 2: 4 new threads drop the handed-over objects, whose
/// allocating threads are gone. Every `__del__` resurrects the object if its number is even. Then: each
/// finalizer ran exactly once, the resurrected objects are intact, dropping them again runs no
/// finalizer, and the live heap returns to its baseline.
const FINALIZERS: &str = r#"
import gc, threading

N = 400
seen = []
graveyard = []
handoff = [[] for _ in range(4)]

class Mortal:
    def __init__(self, k, i):
        self.k = k
        self.i = i
        self.data = [i] * 4
        if i % 3 == 0:
            self.me = self
    def __del__(self):
        seen.append((self.k, self.i))
        if self.i % 2 == 0:
            graveyard.append(self)

def make(k):
    for i in range(N):
        m = Mortal(k, i)
        if i % 4 == 1:
            handoff[(k + 1) % 4].append(m)
        m = None

def drop(k):
    handoff[k].clear()

def distinct(xs):
    d = {}
    for x in xs:
        d[x] = 1
    return len(d)

def run(target):
    threads = [threading.Thread(target=target, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

gc.collect()
base = gc.get_stats()[0]
run(make)
run(drop)
gc.collect()
print("finalized once", len(seen) == 4 * N and distinct(seen) == 4 * N)
print("resurrected", len(graveyard) == 2 * N and all(g.data == [g.i] * 4 for g in graveyard))
graveyard.clear()
gc.collect()
print("not again", len(seen) == 4 * N)
seen.clear()
gc.collect()
print("growth", gc.get_stats()[0]["live_bytes"] - base["live_bytes"])
"#;

/// Runs [`FINALIZERS`] under `S` with both triggers.
fn finalizers_run_once<S: Strategy>() {
    for out in outputs::<S>(FINALIZERS, "finalizers.py") {
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("finalized once True"), "{out}");
        assert_eq!(lines.next(), Some("resurrected True"), "{out}");
        assert_eq!(lines.next(), Some("not again True"), "{out}");
        let growth = growth(lines.next(), &out);
        // 1,600 objects with a list and a dict each are over 200 KiB.
        assert!(growth.abs() < 32 << 10, "the live heap grew by {growth} bytes");
    }
}

/// A `__del__` that raises, run while another exception is being handled: CPython prints `Exception
/// ignored in: <function ...>` and the traceback, and the program goes on with its own exception intact.
const RAISING_FINALIZER: &str = r#"import gc
class E:
    def __del__(self):
        raise ValueError("boom")
try:
    raise KeyError("k")
except KeyError:
    e = E()
    del e
    gc.collect()
    print("still handling")
    try:
        raise
    except KeyError as k:
        print("reraised", k)
print("end")
"#;

/// Runs [`RAISING_FINALIZER`] under `S`.
fn raising_finalizer_is_reported_and_ignored<S: Strategy>() {
    let (outcome, out, err) =
        run_with::<S>(RAISING_FINALIZER, "raising.py", VmConfig { capture: true, ..VmConfig::default() });
    let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
    assert_eq!((outcome.exit_code, &*out), (0, "still handling\nreraised 'k'\nend\n"), "{err}");
    assert!(err.starts_with("Exception ignored in: <function E.__del__ at 0x"), "{err}");
    assert!(err.contains("File \"raising.py\", line 4, in __del__"), "{err}");
    assert_eq!(err.lines().last(), Some("ValueError: boom"), "{err}");
    assert_eq!(err.matches("Exception ignored").count(), 1, "{err}");
}

macro_rules! gc_tests {
    ($name:ident, $S:ty) => {
        mod $name {
            #[test]
            fn cycles_built_by_several_threads_are_freed_and_the_heap_returns_to_its_baseline() {
                super::cycles_are_freed::<$S>();
            }

            #[test]
            fn classes_and_functions_made_in_loops_are_freed() {
                super::definitions_are_freed::<$S>();
            }

            #[test]
            fn finalizers_run_once_across_threads_and_resurrection_is_safe() {
                super::finalizers_run_once::<$S>();
            }

            #[test]
            fn a_raising_finalizer_is_reported_and_the_program_goes_on() {
                super::raising_finalizer_is_reported_and_ignored::<$S>();
            }
        }
    };
}

crate::for_each_strategy!(gc_tests);
