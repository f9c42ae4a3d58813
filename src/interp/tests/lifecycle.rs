//! Concurrent property over whole object life cycles, stamped for every strategy: proptest generates a
//! program for each of 2–3 threads; the threads run their programs at once (each many times over) on shared
//! slots and a shared dict, under the default collector triggers and under tiny ones (a collection at almost
//! every safepoint). Only the programs shrink; each case runs [`REPEATS`] times to meet other schedules.
//!
//! Every object the programs make is a `Mortal` with a `__del__`, so "freed exactly once" is visible from
//! Python: each birth appends a unique number to `born`, each finalizer run appends it to `seen`, and at the
//! end (every slot cleared, collected until nothing is left) `sorted(born) == sorted(seen)`: every object
//! was found dead exactly once, none twice, none never. Every read checks the object's invariants (its
//! fields hold what its constructor put there), and the finalizers check them too, so a reader or a
//! finalizer that got a freed-and-reused object fails the run. No thread may raise, and the live heap
//! returns to its baseline. Under AddressSanitizer (`.ci/sanitize`) a use after free fails it outright.
//!
//! The bug classes of free-threaded CPython this drives, each by a generated operation:
//!
//! - **Resurrection during finalization** (gh-113750): a `__del__` that stores `self` back into a shared
//!   slot, where other threads load, replace and drop it while the finalizing thread still runs `__del__`.
//! - **Objects dying on a thread other than their owner** (gh-119999, the biased merge): objects move between
//!   threads through the slots and the dict, and most die on a thread that did not make them.
//! - **An owner that exits with merges pending**: [`LOp::Spawn`] starts a short-lived thread that makes
//!   objects into the shared slots and exits while the others still hold and drop them.
//! - **Cycles dropped concurrently**: self-cycles and two-object cycles, dropped by any thread while
//!   another collects.
//! - **The collector meeting half-built objects** (gh-117657): [`Kind::HalfBuilt`] calls functions and
//!   builds comprehensions inside `__init__`, so a collection (tiny triggers, or [`LOp::Collect`] on another
//!   thread) finds an instance with half its attributes and a list or dict still being filled.
//! - **Load-then-incref racing a replacement** (gh-115103): [`LOp::Read`] against [`LOp::Move`]/`Drop`.

use proptest::prelude::{Just, prop_oneof};
use proptest::strategy::Strategy as _;
use proptest::test_runner::{Config, TestRunner};

use crate::interp::{VmConfig, run_with};
use crate::strategy::Strategy;

/// Shared slots (and dict keys) the programs aim at.
const SLOTS: usize = 5;
/// Times each thread runs through its program.
const ROUNDS: usize = 12;
/// Generated cases per strategy in a CI run.
const CASES: u32 = 10;
/// Times each case runs, under each trigger.
const REPEATS: usize = 2;

/// What a `Mortal` is built with.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Three fields, no cycle.
    Plain,
    /// `self.me = self`.
    SelfCycle,
    /// `self.pal = Pal(self)`: a cycle through an object without a finalizer.
    PairCycle,
    /// Calls and comprehensions inside `__init__`, before the last fields exist.
    HalfBuilt,
}

/// One operation of a thread's program.
#[derive(Debug, Clone, Copy)]
enum LOp {
    /// `shared[slot] = Mortal(..)`: the slot's old object may die here.
    New { slot: usize, kind: Kind },
    /// `Mortal(..)` dropped at once, on the thread that made it.
    Temp { kind: Kind },
    /// `held = shared[slot]`, checked: this thread keeps a reference until the next `Read` or `Release`.
    Read { slot: usize },
    /// `held = None`.
    Release,
    /// `shared[slot] = None`.
    Drop { slot: usize },
    /// `shared[to] = shared[from]`.
    Move { from: usize, to: usize },
    /// `store[key] = shared[slot]`.
    Stash { slot: usize, key: usize },
    /// `shared[slot] = store.pop(key, None)`.
    Unstash { key: usize, slot: usize },
    /// A thread that makes four objects into the slots from `slot` on and exits; joined at the end.
    Spawn { slot: usize },
    /// `gc.collect()`.
    Collect,
}

impl Kind {
    fn code(self) -> u8 {
        match self {
            Kind::Plain => 0,
            Kind::SelfCycle => 1,
            Kind::PairCycle => 2,
            Kind::HalfBuilt => 3,
        }
    }
}

impl LOp {
    /// The Python line(s), indented for the body of the thread's `for` loop.
    fn render(self) -> String {
        let born = "nxt += 1\n        born.append(nxt)\n        ";
        let line = match self {
            LOp::New { slot, kind } => format!("{born}shared[{slot}] = Mortal(nxt, {})", kind.code()),
            LOp::Temp { kind } => format!("{born}Mortal(nxt, {})", kind.code()),
            LOp::Read { slot } => format!("held = shared[{slot}]\n        if held is not None: held.check()"),
            LOp::Release => "held = None".to_owned(),
            LOp::Drop { slot } => format!("shared[{slot}] = None"),
            LOp::Move { from, to } => format!("shared[{to}] = shared[{from}]"),
            LOp::Stash { slot, key } => format!("store[{key}] = shared[{slot}]"),
            LOp::Unstash { key, slot } => format!("shared[{slot}] = store.pop({key}, None)"),
            LOp::Spawn { slot } => format!(
                "kid = threading.Thread(target=child, args=(nxt, {slot}))\n        \
                 kids.append(kid)\n        kid.start()\n        nxt += 4"
            ),
            LOp::Collect => "gc.collect()".to_owned(),
        };
        format!("        {line}\n")
    }
}

fn kind() -> impl proptest::strategy::Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Plain), Just(Kind::SelfCycle), Just(Kind::PairCycle), Just(Kind::HalfBuilt)]
}

fn lop() -> impl proptest::strategy::Strategy<Value = LOp> {
    let s = || 0..SLOTS;
    prop_oneof![
        4 => (s(), kind()).prop_map(|(slot, kind)| LOp::New { slot, kind }),
        1 => kind().prop_map(|kind| LOp::Temp { kind }),
        4 => s().prop_map(|slot| LOp::Read { slot }),
        1 => Just(LOp::Release),
        2 => s().prop_map(|slot| LOp::Drop { slot }),
        3 => (s(), s()).prop_map(|(from, to)| LOp::Move { from, to }),
        2 => (s(), s()).prop_map(|(slot, key)| LOp::Stash { slot, key }),
        2 => (s(), s()).prop_map(|(key, slot)| LOp::Unstash { key, slot }),
        1 => s().prop_map(|slot| LOp::Spawn { slot }),
        1 => Just(LOp::Collect),
    ]
}

/// The shared state, the classes, and the child threads' body.
const PRELUDE: &str = r#"import gc, threading

shared = [None] * SLOTS
store = {}
born = []
seen = []
errors = []

class Pal:
    def __init__(self, owner):
        self.owner = owner

def parts(m):
    return [Pal(m) for _ in range(4)]

class Mortal:
    def __init__(self, ident, kind):
        self.ident = ident
        self.kind = kind
        if kind == 3:
            self.parts = parts(self)
            self.table = {j: [ident, j] for j in range(4)}
        self.data = [ident] * 3
        if kind == 1:
            self.me = self
        if kind == 2:
            self.pal = Pal(self)

    def check(self):
        ok = self.data == [self.ident] * 3
        if self.kind == 1:
            ok = ok and self.me is self
        if self.kind == 2:
            ok = ok and self.pal.owner is self
        if self.kind == 3:
            ok = ok and len(self.parts) == 4 and self.parts[3].owner is self and self.table[3] == [self.ident, 3]
        if not ok:
            errors.append(self.ident)

    def __del__(self):
        seen.append(self.ident)
        self.check()
        if self.ident % 3 == 0:
            shared[self.ident % SLOTS] = self

def child(base, slot):
    for j in range(1, 5):
        born.append(base + j)
        shared[(slot + j) % SLOTS] = Mortal(base + j, j % 4)

gc.collect()
base = gc.get_stats()[0]["live_bytes"]
"#;

/// The whole program: the prelude, one function per thread, the threads run together, the checks.
fn render(threads: &[Vec<LOp>]) -> String {
    let mut src = PRELUDE.replace("SLOTS", &SLOTS.to_string());
    for (t, ops) in threads.iter().enumerate() {
        src.push_str(&format!(
            "\ndef t{t}():\n    nxt = {}\n    held = None\n    kids = []\n    for _ in range({ROUNDS}):\n",
            (t + 1) * 1_000_000
        ));
        src.extend(ops.iter().map(|op| op.render()));
        src.push_str("    held = None\n    for kid in kids:\n        kid.join()\n");
    }
    let names: Vec<String> = (0..threads.len()).map(|t| format!("threading.Thread(target=t{t})")).collect();
    src.push_str(&format!(
        "\nts = [{}]\n\
         for t in ts:\n    t.start()\n\
         for t in ts:\n    t.join()\n\
         for _ in range(3):\n    shared[:] = [None] * {SLOTS}\n    store.clear()\n    gc.collect()\n\
         print('finalized once', sorted(born) == sorted(seen))\n\
         if sorted(born) != sorted(seen):\n    print('born', sorted(born))\n    print('seen', sorted(seen))\n\
         print('errors', errors)\n\
         print('growth', gc.get_stats()[0]['live_bytes'] - base)\n",
        names.join(", ")
    ));
    src
}

/// Runs every generated case under `S`, with both triggers, [`REPEATS`] times each.
fn life_cycles_are_exact<S: Strategy>() {
    let threads = proptest::collection::vec(proptest::collection::vec(lop(), 1..10), 2..=3);
    let mut runner = TestRunner::new(Config {
        cases: crate::testing::cases(CASES),
        source_file: Some(file!()),
        ..Config::default()
    });
    let result = runner.run(&threads, |threads| {
        let src = render(&threads);
        let tiny = VmConfig { gc_min_bytes: 32 << 10, gc_threshold: 16, ..VmConfig::default() };
        let configs = [VmConfig::default(), tiny].into_iter().flat_map(|c| std::iter::repeat_n(c, REPEATS));
        for (run, config) in configs.enumerate() {
            // The second run of each trigger frees through the epoch at every safepoint, recycling nothing.
            let _stress = (run % REPEATS == 1).then(crate::strategy::parts::epoch::stress);
            let (outcome, out, err) = run_with::<S>(&src, "lifecycle.py", VmConfig { capture: true, ..config });
            let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
            let fail = |what: &str| format!("{}: {what}\n{out}{err}\n{src}", S::NAME);
            proptest::prop_assert_eq!(outcome.exit_code, 0, "{}", fail("exit status"));
            proptest::prop_assert!(err.is_empty(), "{}", fail("a thread raised"));
            let mut lines = out.lines();
            proptest::prop_assert_eq!(lines.next(), Some("finalized once True"), "{}", fail("finalizers"));
            proptest::prop_assert_eq!(lines.next(), Some("errors []"), "{}", fail("invariants"));
            let growth: i64 = lines.next().and_then(|l| l.strip_prefix("growth ")?.parse().ok()).unwrap_or(i64::MAX);
            proptest::prop_assert!(growth.abs() < 16 << 10, "{}", fail("the live heap did not return"));
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}

macro_rules! lifecycle_tests {
    ($name:ident, $S:ty) => {
        mod $name {
            /// Resurrection during finalization (gh-113750), deaths away from the owner (gh-119999), owners
            /// exiting with merges pending, cycles dropped concurrently, half-built objects met by the
            /// collector (gh-117657), load-then-incref against replacement (gh-115103): see the module doc.
            #[test]
            fn every_object_is_found_dead_exactly_once_whatever_the_threads_do() {
                super::life_cycles_are_exact::<$S>();
            }
        }
    };
}

crate::for_each_strategy!(lifecycle_tests);
