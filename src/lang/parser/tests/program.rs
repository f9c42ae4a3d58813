//! A realistic program (classes, generators, closures, threads, f-strings, comprehensions) parses to the same
//! tree as in CPython 3.11.

use super::*;

/// The program, 84 lines.
const PROGRAM: &str = r#""""A small multi-threaded workload: the kind of program gilfree runs."""
import threading
import time
from collections import deque as Deque


class Counter:
    """A counter shared between threads."""

    total = 0

    def __init__(self, start=0, *, step=1):
        self.value = start
        self.step = step
        self.lock = threading.Lock()

    def bump(self, times=1):
        for _ in range(times):
            with self.lock:
                self.value += self.step
        Counter.total += times
        return self.value

    def __repr__(self):
        return f"Counter({self.value!r}, step={self.step:>3})"


class Squares(Counter):
    def items(self, n):
        i = 0
        while i < n:
            yield i * i
            i += 1
        else:
            return


def make_adder(k):
    def add(x, *rest, **opts):
        nonlocal k
        k += len(rest)
        return x + k if opts.get("plus", True) else x - k
    return add


def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def worker(counter, results, idx, n=1000):
    try:
        counter.bump(n)
        results[idx] = sum(x for x in range(n) if x % 3 == 0)
    except (ValueError, KeyError) as exc:
        raise RuntimeError("worker failed") from exc
    finally:
        pass


def main(nthreads=4):
    counter = Counter(step=2)
    results = [None] * nthreads
    threads = [threading.Thread(target=worker, args=(counter, results, i)) for i in range(nthreads)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    table = {i: r for i, r in enumerate(results) if r is not None}
    squares = list(Squares().items(5))
    adder = make_adder(10)
    assert counter.value == 2 * 1000 * nthreads, counter
    print(f"{len(table)} results, squares={squares}, fib={fib(20)}, add={adder(1, 2, 3)}")
    print("elapsed: %.3f s" % elapsed if elapsed > 0 else "instant", end="\n")
    del threads[:], table
    return not -elapsed ** 2 < 0 and elapsed >= 0


if __name__ == "__main__":
    main()
"#;

/// CPython's tree for it, one rendered top-level statement per line.
const EXPECTED: &[&str] = &[
    r#""A small multi-threaded workload: the kind of program gilfree runs.""#,
    "import threading",
    "import time",
    "from collections import deque as Deque",
    r#"class Counter(): ["A counter shared between threads."; total = 0; def __init__(self, start=0, *, step=1): [self.value = start; self.step = step; self.lock = threading.Lock()]; def bump(self, times=1): [for _ in range(times): [with self.lock: [self.value += self.step]] else: []; Counter.total += times; return self.value]; def __repr__(self): [return f["Counter(", {self.value!r}, ", step=", {self.step:[">3"]}, ")"]]]"#,
    "class Squares(Counter): [def items(self, n): [i = 0; while (i < n): [(yield (i * i)); i += 1] else: [return]]]",
    r#"def make_adder(k): [def add(x, *rest, **opts): [nonlocal k; k += len(rest); return ((x + k) if opts.get("plus", True) else (x - k))]; return add]"#,
    "def fib(n): [Tuple(a, b) = Tuple(0, 1); for _ in range(n): [Tuple(a, b) = Tuple(b, (a + b))] else: []; return a]",
    r#"def worker(counter, results, idx, n=1000): [try: [counter.bump(n); results[idx] = sum(Gen(x for x in range(n) if ((x % 3) == 0)))] except Tuple(ValueError, KeyError) as exc: [raise RuntimeError("worker failed") from exc] else: [] finally: [pass]]"#,
    r#"def main(nthreads=4): [counter = Counter(step=2); results = (List(None) * nthreads); threads = ListComp(threading.Thread(target=worker, args=Tuple(counter, results, i)) for i in range(nthreads)); start = time.perf_counter(); for t in threads: [t.start()] else: []; for t in threads: [t.join()] else: []; elapsed = (time.perf_counter() - start); table = DictComp(i: r for Tuple(i, r) in enumerate(results) if (r is not None)); squares = list(Squares().items(5)); adder = make_adder(10); assert (counter.value == ((2 * 1000) * nthreads)), counter; print(f[{len(table)}, " results, squares=", {squares}, ", fib=", {fib(20)}, ", add=", {adder(1, 2, 3)}]); print((("elapsed: %.3f s" % elapsed) if (elapsed > 0) else "instant"), end="\n"); del threads[:], table; return ((not ((-(elapsed ** 2)) < 0)) and (elapsed >= 0))]"#,
    r#"if (__name__ == "__main__"): [main()] else: []"#,
];

#[test]
fn realistic_program() {
    let m = module(PROGRAM);
    let got: Vec<String> = m.body.iter().map(dump::stmt).collect();
    assert_eq!(got.len(), EXPECTED.len());
    for (got, expected) in got.iter().zip(EXPECTED) {
        assert_eq!(got, expected);
    }
    // Statements record their own lines: the classes, the functions and the final `if`.
    let lines: Vec<u32> = m.body.iter().map(|s| s.line).collect();
    assert_eq!(lines, [1, 2, 3, 4, 7, 28, 38, 46, 53, 63, 83]);
}
