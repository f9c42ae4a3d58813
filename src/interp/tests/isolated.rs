//! `isolated` with the whole interpreter: runtimes side by side on separate threads, sharing only the
//! immortal statics (the design's own tests are in `strategy::designs::tests::isolated`).

use crate::strategy::designs::Isolated;

/// Two interpreters (two `run` calls, each with its own runtime and VM) run programs at the same time and
/// print what they would alone.
#[test]
fn two_interpreters_run_side_by_side() {
    let src = "d = {}\nfor i in range(300):\n    d['k%d' % (i % 10)] = i\nprint(sorted(d.items())[0], None, True)\n";
    let want = b"('k0', 290) None True\n".to_vec();
    let outs: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> =
            (0..2).map(|_| s.spawn(|| crate::interp::run_captured::<Isolated>(src, "side.py"))).collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for (outcome, out, err) in outs {
        assert_eq!(outcome.exit_code, 0, "{err}");
        assert_eq!(out, want);
    }
}
