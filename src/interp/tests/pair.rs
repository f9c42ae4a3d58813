//! Two-object operations in both orders, from several threads at once, under every strategy.
//!
//! Threads run random mixes of operations that read or write two shared containers at once (`a[:] = b`,
//! `a == b`, `a + b`, `d1.update(d2)`, `d1 == d2`, swaps between the lists), each in both orders, against
//! single-object writes. Every write keeps both lists holding values equal to `C` and both dicts equal to
//! `D` (fresh, equal objects replace old ones, which die), so each comparison has one right answer whatever
//! the interleaving. The oracle: the program ends (no deadlock: a strategy that locked two containers in
//! a thread-dependent order would hang here, and the watchdog reports it), no comparison ever went wrong,
//! and the end state is `C`, `D`. Under AddressSanitizer (`.ci/sanitize`) a double free or a use after free
//! of the churned objects fails the run too.

use proptest::prelude::{Just, prop_assert_eq, prop_oneof};
use proptest::strategy::Strategy as _;
use proptest::test_runner::{Config, TestRunner};

use super::random::run_in_process;
use crate::strategy::Strategy;

/// Items of each list and keys of each dict.
const N: usize = 6;
/// Times each thread runs through its operations.
const ROUNDS: usize = 200;
/// Generated cases per CI run (each runs under every strategy).
const CASES: u32 = 24;

/// One operation of a thread; `A`/`B` name the order the two containers appear in.
#[derive(Debug, Clone, Copy)]
enum PairOp {
    CopyAB,
    CopyBA,
    EqAB,
    EqBA,
    LtAB,
    ConcatAB,
    ConcatBA,
    SwapItem(usize),
    SetA(usize),
    SetB(usize),
    InAB(usize),
    SortedAB,
    UpdateD1D2,
    UpdateD2D1,
    EqD1D2,
    EqD2D1,
    MergeD1D2,
    SetD1(usize),
}

impl PairOp {
    /// The Python line(s), indented for the body of a `for` loop in a function.
    fn render(self) -> String {
        let line = match self {
            PairOp::CopyAB => "a[:] = b".to_owned(),
            PairOp::CopyBA => "b[:] = a".to_owned(),
            PairOp::EqAB => "if a != b: bad.append('a != b')".to_owned(),
            PairOp::EqBA => "if not (b == a): bad.append('b == a false')".to_owned(),
            PairOp::LtAB => "if a < b or b < a: bad.append('a < b')".to_owned(),
            PairOp::ConcatAB => "if a + b != C + C: bad.append('a + b')".to_owned(),
            PairOp::ConcatBA => "if len(b + a) != 2 * N: bad.append('len(b + a)')".to_owned(),
            PairOp::SwapItem(i) => format!("a[{i}], b[{i}] = b[{i}], a[{i}]"),
            PairOp::SetA(i) => format!("a[{i}] = make({i})"),
            PairOp::SetB(i) => format!("b[{i}] = make({i})"),
            PairOp::InAB(i) => format!("if a[{i}] not in b: bad.append('a[{i}] in b')"),
            PairOp::SortedAB => "if sorted(a) != sorted(b): bad.append('sorted')".to_owned(),
            PairOp::UpdateD1D2 => "d1.update(d2)".to_owned(),
            PairOp::UpdateD2D1 => "d2.update(d1)".to_owned(),
            PairOp::EqD1D2 => "if d1 != d2: bad.append('d1 != d2')".to_owned(),
            PairOp::EqD2D1 => "if not (d2 == d1): bad.append('d2 == d1 false')".to_owned(),
            PairOp::MergeD1D2 => "if {**d1, **d2} != D: bad.append('merge')".to_owned(),
            PairOp::SetD1(i) => format!("d1[make({i})] = make({i} + 100)"),
        };
        format!("        {line}\n")
    }
}

fn pair_op() -> impl proptest::strategy::Strategy<Value = PairOp> {
    prop_oneof![
        Just(PairOp::CopyAB),
        Just(PairOp::CopyBA),
        Just(PairOp::EqAB),
        Just(PairOp::EqBA),
        Just(PairOp::LtAB),
        Just(PairOp::ConcatAB),
        Just(PairOp::ConcatBA),
        (0..N).prop_map(PairOp::SwapItem),
        (0..N).prop_map(PairOp::SetA),
        (0..N).prop_map(PairOp::SetB),
        (0..N).prop_map(PairOp::InAB),
        Just(PairOp::SortedAB),
        Just(PairOp::UpdateD1D2),
        Just(PairOp::UpdateD2D1),
        Just(PairOp::EqD1D2),
        Just(PairOp::EqD2D1),
        Just(PairOp::MergeD1D2),
        (0..N).prop_map(PairOp::SetD1),
    ]
}

/// The whole program: shared state, one function per thread, the threads started together, the check.
fn render(threads: &[Vec<PairOp>]) -> String {
    let mut src = format!(
        "import threading\n\
         N = {N}\n\
         def make(i):\n    return 'v' + str(i) * 3\n\
         C = [make(i) for i in range(N)]\n\
         D = {{make(i): make(i + 100) for i in range(N)}}\n\
         a = [make(i) for i in range(N)]\n\
         b = [make(i) for i in range(N)]\n\
         d1 = {{make(i): make(i + 100) for i in range(N)}}\n\
         d2 = {{make(i): make(i + 100) for i in range(N)}}\n\
         bad = []\n"
    );
    for (t, ops) in threads.iter().enumerate() {
        src.push_str(&format!("def t{t}():\n    for _ in range({ROUNDS}):\n"));
        src.extend(ops.iter().map(|op| op.render()));
    }
    let names: Vec<String> = (0..threads.len()).map(|t| format!("threading.Thread(target=t{t})")).collect();
    src.push_str(&format!(
        "ts = [{}]\n\
         for t in ts:\n    t.start()\n\
         for t in ts:\n    t.join()\n\
         ok = not bad and a == C and b == C and d1 == D and d2 == D\n\
         print('ok' if ok else ('wrong', bad[:5], a, b, d1, d2))\n",
        names.join(", ")
    ));
    src
}

#[test]
fn two_object_operations_in_both_orders_finish_and_agree_under_every_strategy() {
    let threads = proptest::collection::vec(proptest::collection::vec(pair_op(), 1..12), 2..=3);
    let mut runner = TestRunner::new(Config {
        cases: crate::testing::cases(CASES),
        source_file: Some(file!()),
        ..Config::default()
    });
    let result = runner.run(&threads, |threads| {
        let src = render(&threads);
        macro_rules! check {
            ($snake:ident, $S:ty) => {
                let got = run_in_process::<$S>(&src);
                prop_assert_eq!(
                    (got.code, got.stdout.as_str()),
                    (0, "ok\n"),
                    "{}: {}\n{}",
                    <$S as Strategy>::NAME,
                    got.last_err,
                    src
                );
            };
        }
        crate::for_each_strategy!(check);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}\n{runner}");
    }
}
