//! The workload suite, embedded in the binary (`include_str!`) so that `gilfree scale` needs no paths.
//!
//! A workload is a `.py` file under `benches/workloads/` that defines `work(tid, n)` (returns a number) and
//! optionally `setup()` (builds shared module state; run once, or once per thread under `isolated`) and
//! `request()` (one unit of request work, for `gilfree latency`). Its header comment says what contention
//! it probes, and a `# iters: N` line gives the iterations per thread of a full run (`--quick` runs a tenth).

use std::path::Path;

/// One workload: its name (the file stem), its source and its default iterations per thread.
#[derive(Debug, Clone)]
pub struct Workload {
    /// The file stem, e.g. `shared_function`.
    pub name: String,
    /// Where it came from (`benches/workloads/NAME.py` for the embedded suite).
    pub path: String,
    /// The Python source.
    pub source: String,
}

macro_rules! suite {
    ($($name:literal),* $(,)?) => {
        /// Every embedded workload: (name, source), in the order a default run measures them.
        pub const SUITE: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../../benches/workloads/", $name, ".py"))),)*
        ];
    };
}

// One line per file in benches/workloads/ (driver.py excepted).
suite![
    "float_arith",
    "shared_function",
    "shared_method",
    "module_function",
    "list_method",
    "create_instance",
    "create_closure",
    "create_dict",
    "const_string",
    "const_tuple",
    "generator",
    "thread_local_read",
    "independent_script",
    "stats_marshal",
    "request_response",
    "shared_dict_read",
    "shared_dict_read_frozen",
    "shared_dict_disjoint",
    "shared_list_append_pop",
    "lock_counter",
    "handoff",
    "nbody",
    "spectral_norm",
    "fannkuch",
    "richards",
    "float",
    "deltablue",
];

/// The default suite of `gilfree scale`: one workload per contention class, small enough that the default
/// run (every strategy, 1 and 2 threads, 3 rounds) fits in five minutes on two cores. Nothing shared but
/// code (`float_arith`, the control every free-threaded design should scale on); a shared class's refcount
/// (`shared_method`, where biased counting and deferral pay off); read-mostly shared data
/// (`shared_dict_read`, where a design without counts pays off); a write-shared container
/// (`shared_list_append_pop`, where every free-threaded design pays); objects freed by another thread
/// (`handoff`, biased counting's worst case).
pub const DEFAULT_SUITE: &[&str] =
    &["float_arith", "shared_method", "shared_dict_read", "shared_list_append_pop", "handoff"];

/// `benches/workloads/driver.py`: runs a workload under an external Python interpreter.
pub const DRIVER: &str = include_str!("../../benches/workloads/driver.py");

/// Iterations per thread when the file has no `# iters:` line.
pub const DEFAULT_ITERS: u64 = 1000;

impl Workload {
    /// The embedded workload called `name`.
    pub fn embedded(name: &str) -> Option<Workload> {
        SUITE.iter().find(|(n, _)| *n == name).map(|(n, src)| Workload {
            name: (*n).to_owned(),
            path: format!("benches/workloads/{n}.py"),
            source: (*src).to_owned(),
        })
    }

    /// A workload given on the command line: an embedded name, or a path to a `.py` file.
    pub fn resolve(arg: &str) -> Result<Workload, String> {
        if let Some(w) = Workload::embedded(arg) {
            return Ok(w);
        }
        let path = Path::new(arg);
        if path.extension().is_some_and(|e| e == "py") || path.components().count() > 1 {
            let source = std::fs::read_to_string(path).map_err(|e| format!("cannot read workload '{arg}': {e}"))?;
            let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| arg.to_owned());
            return Ok(Workload { name, path: arg.to_owned(), source });
        }
        let names: Vec<&str> = SUITE.iter().map(|(n, _)| *n).collect();
        Err(format!("unknown workload '{arg}' (a path to a .py file, or one of: {})", names.join(", ")))
    }

    /// Every embedded workload (`--suite full`).
    pub fn suite() -> Vec<Workload> {
        SUITE.iter().filter_map(|(n, _)| Workload::embedded(n)).collect()
    }

    /// The default suite ([`DEFAULT_SUITE`]).
    pub fn default_suite() -> Vec<Workload> {
        DEFAULT_SUITE.iter().filter_map(|n| Workload::embedded(n)).collect()
    }

    /// The `# iters: N` of the header, or [`DEFAULT_ITERS`].
    pub fn default_iters(&self) -> u64 {
        self.source
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .find_map(|l| l.trim_start_matches('#').trim().strip_prefix("iters:").and_then(|v| v.trim().parse().ok()))
            .unwrap_or(DEFAULT_ITERS)
    }

    /// The first line of the header comment (what the workload probes), without the `#`.
    pub fn title(&self) -> String {
        self.source.lines().next().unwrap_or("").trim_start_matches('#').trim().to_owned()
    }
}
