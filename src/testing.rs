//! Knobs and helpers shared by the test suites.
//!
//! [`cases`] scales a property test's case count by `GILFREE_TEST_CASES_PERCENT` (default 100): the
//! sanitizer runs of `.ci/sanitize`, where every operation costs 5–20 times more, run the same properties
//! with fewer cases (each case still runs in full), and a long run by hand can ask for more.

/// `n` scaled by `GILFREE_TEST_CASES_PERCENT`, at least 1.
pub(crate) fn cases(n: u32) -> u32 {
    let percent: u64 = std::env::var("GILFREE_TEST_CASES_PERCENT").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    u32::try_from((u64::from(n) * percent / 100).max(1)).unwrap_or(u32::MAX)
}

/// Run `f` under loom and print how many executions it took (the `loom_*.rs` models; `.ci/loom`).
#[cfg(loom)]
pub(crate) fn loom_model(name: &str, f: impl Fn() + Sync + Send + 'static) {
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = runs.clone();
    loom::model(move || {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        f();
    });
    eprintln!("loom: {name}: {} executions", runs.load(std::sync::atomic::Ordering::Relaxed));
}
