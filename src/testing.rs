//! Knobs shared by the test suites.
//!
//! [`cases`] scales a property test's case count by `GILFREE_TEST_CASES_PERCENT` (default 100): the
//! sanitizer runs of `.ci/sanitize`, where every operation costs 5–20 times more, run the same properties
//! with fewer cases (each case still runs in full), and a long run by hand can ask for more.

/// `n` scaled by `GILFREE_TEST_CASES_PERCENT`, at least 1.
pub(crate) fn cases(n: u32) -> u32 {
    let percent: u64 = std::env::var("GILFREE_TEST_CASES_PERCENT").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    u32::try_from((u64::from(n) * percent / 100).max(1)).unwrap_or(u32::MAX)
}
