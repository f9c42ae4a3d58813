//! One run per output folder: a sweep holds an exclusive lock on `DIR/.lock` for as long as it writes there,
//! and a second run into the same folder refuses instead of overwriting the first one's results.
//!
//! The lock is the kernel's advisory file lock (`flock`, through `File::try_lock`), so it dies with the
//! process: a run killed with `kill -9` leaves no stale lock behind. The file holds the owner's process id,
//! for the message.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::Path;

/// The held lock; dropping it releases the folder.
#[derive(Debug)]
pub struct OutLock {
    _file: File,
}

/// The lock file's name inside the output folder.
pub const LOCK_FILE: &str = ".lock";

/// Why the folder could not be locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LockError {
    /// Another run holds it (who, where).
    Held(String),
    /// The folder or its lock file could not be made or locked.
    Io(String),
}

impl std::fmt::Display for LockError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LockError::Held(why) | LockError::Io(why) => f.write_str(why),
        }
    }
}

/// Take the folder's lock (creating the folder), or say who holds it.
pub fn lock(dir: &Path) -> Result<OutLock, LockError> {
    let io = |e: String| LockError::Io(e);
    std::fs::create_dir_all(dir).map_err(|e| io(format!("cannot create {}: {e}", dir.display())))?;
    let path = dir.join(LOCK_FILE);
    let mut file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| io(format!("cannot open {}: {e}", path.display())))?;
    match file.try_lock() {
        Ok(()) => {
            let _ = file.set_len(0).and_then(|()| file.write_all(std::process::id().to_string().as_bytes()));
            Ok(OutLock { _file: file })
        }
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut owner = String::new();
            let _ = file.rewind().and_then(|()| file.read_to_string(&mut owner));
            let who = if owner.trim().is_empty() { String::new() } else { format!(" (process {})", owner.trim()) };
            Err(LockError::Held(format!(
                "another gilfree run{who} is writing into {}; wait for it to finish, or choose another --out",
                dir.display()
            )))
        }
        Err(std::fs::TryLockError::Error(e)) => Err(io(format!("cannot lock {}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_folder_is_refused_until_the_first_is_dropped() {
        let dir = std::env::temp_dir().join(format!("gilfree-outlock-{}", std::process::id()));
        let first = lock(&dir).expect("the first lock");
        let LockError::Held(err) = lock(&dir).expect_err("a second lock") else { panic!("not held") };
        assert!(err.contains("another gilfree run") && err.contains(&std::process::id().to_string()), "{err}");
        drop(first);
        lock(&dir).expect("free again");
        std::fs::remove_dir_all(dir).ok();
    }
}
