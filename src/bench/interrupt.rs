//! Ctrl-C, SIGTERM and SIGHUP during a sweep: the first one asks the sweep to stop (the running child is
//! killed, what finished is written out, and the run says how to resume it); a second one exits at once.
//!
//! Children run in their own process group, so the terminal's Ctrl-C reaches only this process, which kills
//! the child itself and knows why it died. A child also asks the kernel to kill it if this process dies
//! ([`die_with_parent`]), so not even `kill -9` of the sweep leaves a point running.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// Exit status after an interrupt (128 + SIGINT, as a shell reports it).
pub const EXIT_INTERRUPTED: u8 = 130;

/// Install the handler (once per process; later calls return the first result).
pub fn install() -> Result<(), String> {
    INSTALLED
        .get_or_init(|| {
            ctrlc::set_handler(|| {
                // Relaxed: the flag carries no data; the sweep polls it.
                if REQUESTED.swap(true, Ordering::Relaxed) {
                    eprintln!("\ngilfree: interrupted twice; exiting without writing the reports");
                    std::process::exit(i32::from(EXIT_INTERRUPTED));
                }
                eprintln!("\ngilfree: interrupted; stopping the running point and writing what finished");
            })
            .map_err(|e| format!("cannot install the Ctrl-C handler: {e}"))
        })
        .clone()
}

/// Whether a stop was asked for.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// The environment variable through which the sweep tells a child its process id.
pub const PARENT_ENV: &str = "GILFREE_SWEEP_PID";

/// In a child: have the kernel send SIGKILL when the parent dies, and exit now if it already has (the sweep
/// names itself in [`PARENT_ENV`]; a child started by hand has no such parent and is left alone).
pub fn die_with_parent() {
    #[cfg(target_os = "linux")]
    {
        let Some(parent) = std::env::var(PARENT_ENV).ok().and_then(|p| p.parse::<u32>().ok()) else { return };
        if nix::sys::prctl::set_pdeathsig(nix::sys::signal::Signal::SIGKILL).is_ok()
            && std::os::unix::process::parent_id() != parent
        {
            std::process::exit(1);
        }
    }
}
