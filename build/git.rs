//! What the build script asks git (shared with `tests/build_script.rs`): the commit, whether the tree is
//! dirty, and which files to watch so that a commit or a checkout re-runs the script.
//!
//! It never watches `.git/index`, and it runs git with `GIT_OPTIONAL_LOCKS=0` so that `git status` does not
//! refresh (rewrite) the index: watching a file the script itself rewrites made every next cargo command on a
//! fresh clone rebuild the whole binary.

use std::path::Path;
use std::process::Command;

/// Run `cmd args` in `dir`; its trimmed stdout when it succeeded.
pub fn run(dir: &Path, cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).current_dir(dir).env("GIT_OPTIONAL_LOCKS", "0").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// The commit checked out in `dir`, if it is a git checkout.
pub fn commit(dir: &Path) -> Option<String> {
    run(dir, "git", &["rev-parse", "HEAD"])
}

/// Whether tracked files differ from HEAD (untracked files, e.g. results/, do not count).
pub fn dirty(dir: &Path) -> bool {
    run(dir, "git", &["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty())
}

/// The git files whose change means another commit: `HEAD`, the branch ref it names and `packed-refs`, each
/// only if it exists (cargo re-runs a build script on every build while a watched path is missing).
pub fn watched(dir: &Path) -> Vec<String> {
    let Some(git_dir) = run(dir, "git", &["rev-parse", "--git-dir"]) else { return Vec::new() };
    let branch = run(dir, "git", &["symbolic-ref", "-q", "HEAD"]);
    ["HEAD".to_owned(), "packed-refs".to_owned()]
        .into_iter()
        .chain(branch)
        .map(|f| format!("{git_dir}/{f}"))
        .filter(|p| dir.join(p).exists())
        .collect()
}
