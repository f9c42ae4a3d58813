//! What a worker reads about itself around each sample: its thread CPU clock and the time it waited in the
//! kernel's run queue.
//!
//! Wall time alone cannot tell a slow design from a busy machine. These two can:
//!
//! - **CPU time** (`CLOCK_THREAD_CPUTIME_ID`): a worker of a design without a GIL that got much less CPU
//!   than wall time was not running.
//! - **Run-queue wait** (`/proc/thread-self/schedstat`, second field, nanoseconds): time the thread was
//!   runnable but another thread had its CPU. A worker blocked on a lock or a GIL is asleep, not runnable,
//!   so this counts only the machine's (or an oversubscribed run's) interference. The kernel updates the
//!   running thread's figures at scheduler ticks, so it is exact to a few milliseconds.
//!
//! Neither sees a CPU that runs slower because the host's other tenants share its caches or its SMT
//! sibling; two speed probes tried for that (an arithmetic loop, a pointer chase) tracked the interpreter's
//! slow phases too weakly to flag them (`papers/measurement/`). Rounds and the `control` flag catch them.

use nix::time::{ClockId, clock_gettime};

fn seconds(clock: ClockId) -> Option<f64> {
    clock_gettime(clock).ok().map(|t| t.tv_sec() as f64 + t.tv_nsec() as f64 * 1e-9)
}

/// CPU time of the calling thread, seconds.
pub fn thread_cpu_s() -> Option<f64> {
    seconds(ClockId::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process (every thread, live and exited), seconds.
pub fn process_cpu_s() -> Option<f64> {
    seconds(ClockId::CLOCK_PROCESS_CPUTIME_ID)
}

/// Time the calling thread has spent runnable but not running since it started, seconds (Linux).
pub fn runqueue_wait_s() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = text.split_whitespace().nth(1)?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}

/// A worker's readings at one instant: CPU clock and run-queue wait.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reading {
    /// Thread CPU seconds.
    pub cpu: Option<f64>,
    /// Run-queue wait seconds.
    pub wait: Option<f64>,
}

impl Reading {
    /// Read both now.
    pub fn now() -> Reading {
        Reading { cpu: thread_cpu_s(), wait: runqueue_wait_s() }
    }

    /// What changed from `earlier` to `self`.
    pub fn since(self, earlier: Reading) -> Reading {
        let diff = |a: Option<f64>, b: Option<f64>| Some((a? - b?).max(0.0));
        Reading { cpu: diff(self.cpu, earlier.cpu), wait: diff(self.wait, earlier.wait) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_thread_clock_advances_with_work_and_not_with_sleep() {
        let Some(c0) = thread_cpu_s() else { return };
        std::thread::sleep(std::time::Duration::from_millis(30));
        let slept = thread_cpu_s().expect("a clock") - c0;
        assert!(slept < 0.02, "sleeping used {slept} s of CPU");
        let mut x = 0u64;
        for i in 0..20_000_000u64 {
            x = std::hint::black_box(x.wrapping_add(i));
        }
        let worked = thread_cpu_s().expect("a clock") - c0 - slept;
        assert!(worked > 0.0, "twenty million additions used {worked} s");
        assert!(process_cpu_s().expect("a process clock") >= worked);
    }

    #[test]
    fn run_queue_wait_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let w = runqueue_wait_s().expect("schedstat");
            assert!(w >= 0.0);
        }
    }

    #[test]
    fn readings_subtract_and_never_go_negative() {
        let a = Reading { cpu: Some(2.0), wait: Some(1.0) };
        let b = Reading { cpu: Some(2.5), wait: None };
        let d = b.since(a);
        assert_eq!(d.cpu, Some(0.5));
        assert_eq!(d.wait, None);
        assert_eq!(a.since(b).cpu, Some(0.0));
    }
}
