//! The machine a result was measured on: CPU model, logical and physical cores, OS, kernel, and what built
//! the binary (rustc, commit, dirty, allocator), recorded with every result (ARCHITECTURE.md, "Measuring").
//!
//! Linux details come from `/proc` and `/sys`; elsewhere the fields fall back to `unknown`.

use std::collections::BTreeSet;

use super::record::Machine;

fn read(path: &str) -> Option<String> {
    std::fs::read_to_string(path).ok()
}

/// The machine running this process.
pub fn detect() -> Machine {
    let cpu = read("/proc/cpuinfo")
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    let logical = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let os_release = read("/etc/os-release")
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("PRETTY_NAME=")).map(|v| v.trim_matches('"').to_owned()));
    Machine {
        cpu,
        cores_logical: logical,
        cores_physical: physical_cores().len().max(1).min(logical),
        os: match os_release {
            Some(d) => format!("{} ({d})", std::env::consts::OS),
            None => std::env::consts::OS.to_owned(),
        },
        kernel: read("/proc/sys/kernel/osrelease").map(|s| s.trim().to_owned()).unwrap_or_else(|| "unknown".into()),
        rustc: env!("GILFREE_RUSTC").to_owned(),
        commit: env!("GILFREE_COMMIT").to_owned(),
        dirty: env!("GILFREE_DIRTY") == "true",
        allocator: crate::strategy::parts::heap::ALLOCATOR.to_owned(),
        mimalloc_version: crate::strategy::parts::heap::mimalloc_version(),
        host: read("/proc/sys/kernel/hostname").map(|s| s.trim().to_owned()).unwrap_or_else(|| "unknown".into()),
    }
}

/// The CPUs this process may run on, ordered so that the first of each physical core comes first: pinning
/// thread `i` to entry `i` puts threads on distinct physical cores before it doubles up on SMT siblings.
pub fn cpus_by_core() -> Vec<usize> {
    let allowed = allowed_cpus();
    let mut seen_cores = BTreeSet::new();
    let (mut firsts, mut siblings) = (Vec::new(), Vec::new());
    for cpu in allowed {
        if seen_cores.insert(core_of(cpu)) { firsts.push(cpu) } else { siblings.push(cpu) }
    }
    firsts.extend(siblings);
    firsts
}

/// Distinct (package, core) pairs among the allowed CPUs.
fn physical_cores() -> BTreeSet<(i64, i64)> {
    allowed_cpus().into_iter().map(core_of).collect()
}

fn core_of(cpu: usize) -> (i64, i64) {
    let topo = |f: &str| {
        read(&format!("/sys/devices/system/cpu/cpu{cpu}/topology/{f}")).and_then(|s| s.trim().parse::<i64>().ok())
    };
    // Without topology information every CPU counts as its own core.
    match (topo("physical_package_id"), topo("core_id")) {
        (Some(p), Some(c)) => (p, c),
        _ => (-1, cpu as i64),
    }
}

/// The CPUs in this process's affinity mask (`Cpus_allowed_list`), or 0..available_parallelism.
fn allowed_cpus() -> Vec<usize> {
    let listed = read("/proc/self/status")
        .and_then(|s| s.lines().find_map(|l| l.strip_prefix("Cpus_allowed_list:")).map(|v| parse_cpu_list(v.trim())));
    match listed {
        Some(Some(v)) if !v.is_empty() => v,
        _ => (0..std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1)).collect(),
    }
}

/// Parse a kernel CPU list such as `0-3,8,10-11`.
pub fn parse_cpu_list(s: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    for part in s.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => out.extend(a.trim().parse::<usize>().ok()?..=b.trim().parse::<usize>().ok()?),
            None => out.push(part.trim().parse().ok()?),
        }
    }
    Some(out)
}

/// Peak resident set size of this process (`VmHWM`), Linux only.
pub fn peak_rss_bytes() -> Option<u64> {
    let status = read("/proc/self/status")?;
    let kb: u64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_lists_parse_like_the_kernel_writes_them() {
        assert_eq!(parse_cpu_list("0-3,8,10-11"), Some(vec![0, 1, 2, 3, 8, 10, 11]));
        assert_eq!(parse_cpu_list("5"), Some(vec![5]));
        assert_eq!(parse_cpu_list("a-b"), None);
    }

    #[test]
    fn the_machine_names_its_build_and_cores() {
        let m = detect();
        assert!(m.cores_logical >= 1 && m.cores_physical >= 1 && m.cores_physical <= m.cores_logical);
        assert!(m.rustc.starts_with("rustc "), "{}", m.rustc);
        assert_eq!(m.allocator, if cfg!(feature = "mimalloc") { "mimalloc" } else { "system" });
        assert_eq!(m.mimalloc_version.is_some(), cfg!(feature = "mimalloc"));
        if let Some(v) = &m.mimalloc_version {
            let parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap()).collect();
            assert!(parts.len() == 3 && (1..10).contains(&parts[0]), "mimalloc {v}");
        }
        // Pinning order: every allowed CPU once, one per physical core first.
        let cpus = cpus_by_core();
        let mut unique = cpus.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), cpus.len());
        let firsts: BTreeSet<_> = cpus[..m.cores_physical].iter().map(|&c| core_of(c)).collect();
        assert_eq!(firsts.len(), m.cores_physical);
    }

    #[test]
    fn peak_rss_is_reported_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss_bytes().is_some_and(|b| b > 0));
        }
    }
}
