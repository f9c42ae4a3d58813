//! What the rest of the machine does while a point runs: `/proc/stat`'s CPU times (steal, I/O wait, busy),
//! `/proc/loadavg`, and the kernel's limits on how many threads one run may start.
//!
//! The parent reads a [`Snapshot`] before and after every visit; the difference, less the child's own CPU
//! time, is what other processes took ([`Visit`](super::record::Visit)). Linux only; elsewhere every
//! reading is `None` and no point is ever judged busy from it.

/// The machine's CPU time counters at one instant, seconds summed over all CPUs.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Snapshot {
    /// user + nice + system + irq + softirq: time the guest's CPUs ran something.
    pub busy: f64,
    /// Waiting for I/O.
    pub iowait: f64,
    /// Taken by the hypervisor for someone else.
    pub steal: f64,
    /// The 1-minute load average.
    pub loadavg: f64,
}

/// Clock ticks per second of `/proc/stat` (`sysconf(_SC_CLK_TCK)`, 100 on Linux).
fn ticks_per_s() -> f64 {
    match nix::unistd::sysconf(nix::unistd::SysconfVar::CLK_TCK) {
        Ok(Some(t)) if t > 0 => t as f64,
        _ => 100.0,
    }
}

impl Snapshot {
    /// Now, or `None` where `/proc/stat` cannot be read.
    pub fn now() -> Option<Snapshot> {
        let stat = std::fs::read_to_string("/proc/stat").ok()?;
        let loadavg = std::fs::read_to_string("/proc/loadavg").ok()?;
        Snapshot::parse(&stat, &loadavg, ticks_per_s())
    }

    /// Read the aggregate `cpu` line of `/proc/stat` and the first field of `/proc/loadavg`.
    pub fn parse(stat: &str, loadavg: &str, hz: f64) -> Option<Snapshot> {
        let line = stat.lines().find(|l| l.starts_with("cpu "))?;
        let v: Vec<f64> = line.split_whitespace().skip(1).map(|x| x.parse::<f64>().ok()).collect::<Option<_>>()?;
        let at = |i: usize| v.get(i).copied().unwrap_or(0.0) / hz;
        // user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user).
        Some(Snapshot {
            busy: at(0) + at(1) + at(2) + at(5) + at(6),
            iowait: at(4),
            steal: at(7),
            loadavg: loadavg.split_whitespace().next()?.parse().ok()?,
        })
    }
}

/// How many threads one point may start: the smallest of the kernel's limits, less a margin for the rest
/// of the process. `None` where the limits cannot be read.
pub fn max_threads() -> Option<(usize, String)> {
    let read = |p: &str| std::fs::read_to_string(p).ok().and_then(|s| s.trim().parse::<usize>().ok());
    let nproc = std::fs::read_to_string("/proc/self/limits").ok().and_then(|s| {
        let line = s.lines().find(|l| l.starts_with("Max processes"))?;
        line.split_whitespace().nth(2).and_then(|v| v.parse::<usize>().ok())
    });
    let limits = [
        ("kernel.threads-max", read("/proc/sys/kernel/threads-max")),
        ("kernel.pid_max", read("/proc/sys/kernel/pid_max")),
        ("max user processes (ulimit -u)", nproc),
        // Every thread's stack is two mappings (the stack and its guard page).
        ("vm.max_map_count / 2", read("/proc/sys/vm/max_map_count").map(|m| m / 2)),
    ];
    let (name, limit) = limits.iter().filter_map(|(n, l)| Some((*n, (*l)?))).min_by_key(|(_, l)| *l)?;
    Some((limit.saturating_sub(64), format!("{name} = {limit}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_stat_parses_into_seconds() {
        let stat = "cpu  100 50 30 1000 20 5 5 40 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1\n";
        let s = Snapshot::parse(stat, "0.52 0.40 0.31 2/117 3248\n", 100.0).expect("parsed");
        let want = Snapshot { busy: 1.9, iowait: 0.2, steal: 0.4, loadavg: 0.52 };
        for (got, want) in
            [(s.busy, want.busy), (s.iowait, want.iowait), (s.steal, want.steal), (s.loadavg, want.loadavg)]
        {
            assert!((got - want).abs() < 1e-12, "{s:?}");
        }
        assert_eq!(Snapshot::parse("intr 1\n", "0.1", 100.0), None);
    }

    #[test]
    fn this_machine_reports_its_counters_and_limits() {
        if cfg!(target_os = "linux") {
            let a = Snapshot::now().expect("a snapshot");
            let mut x = 0u64;
            for i in 0..5_000_000u64 {
                x = std::hint::black_box(x.wrapping_add(i));
            }
            let b = Snapshot::now().expect("a snapshot");
            assert!(b.busy >= a.busy && b.steal >= a.steal, "{a:?} then {b:?}");
            let (limit, why) = max_threads().expect("limits");
            assert!(limit > 64, "{limit} ({why})");
        }
    }
}
