//! `gc.collect()` under the tracing collector, from Python: cycles of every shape, built and dropped by
//! several threads at once, are freed, and the live heap returns to its baseline.

use super::{VmConfig, run_with};
use crate::strategy::tracing::Tracing;

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

#[test]
fn cycles_built_by_several_threads_are_freed_and_the_heap_returns_to_its_baseline() {
    for gc_min_bytes in [crate::strategy::GC_MIN_BYTES, 32 << 10] {
        let config = VmConfig { capture: true, gc_min_bytes, ..VmConfig::default() };
        let (outcome, out, err) = run_with::<Tracing>(CYCLES, "cycles.py", config);
        let out = String::from_utf8_lossy(&out);
        assert_eq!(outcome.exit_code, 0, "{out}{}", String::from_utf8_lossy(&err));
        let mut lines = out.lines();
        assert_eq!(lines.next(), Some("freed True"), "{out}");
        assert_eq!(lines.next(), Some("collected True"), "{out}");
        let growth: i64 = lines.next().and_then(|l| l.strip_prefix("growth ")).unwrap().parse().unwrap();
        // What survives: the `Node` class, `build` and the module's new names; not the ~2 MiB of cycles.
        assert!(growth.abs() < 16 << 10, "the live heap grew by {growth} bytes");
    }
}
