//! Records what a results file must name about the binary that produced it (DESIGN.md, "Measuring"): the
//! rustc version, the git commit and whether the checkout was dirty. Outside a git checkout (a crates.io
//! download) the commit is `unknown`.
//!
//! The script watches `HEAD`, the branch ref it names and `packed-refs` (a commit or checkout re-runs it),
//! and the sources (an edit re-runs it, so `dirty` stays true to the binary). It does not watch `.git/index`:
//! `git status` refreshes the index, which would make every next cargo command rebuild the binary. It also
//! runs `git status` with `GIT_OPTIONAL_LOCKS=0`, so it does not rewrite the index at all.

use std::process::Command;

fn run(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).env("GIT_OPTIONAL_LOCKS", "0").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

fn main() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = run(&rustc, &["--version"]).unwrap_or_else(|| "unknown".into());
    let commit = run("git", &["rev-parse", "HEAD"]).unwrap_or_else(|| "unknown".into());
    // Dirty = tracked files differ from HEAD (untracked files, e.g. results/, do not count).
    let dirty = run("git", &["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    println!("cargo:rustc-env=GILFREE_RUSTC={version}");
    println!("cargo:rustc-env=GILFREE_COMMIT={commit}");
    println!("cargo:rustc-env=GILFREE_DIRTY={dirty}");
    let mut watched: Vec<String> =
        ["src", "benches", "Cargo.toml", "Cargo.lock", "build.rs"].iter().map(|s| s.to_string()).collect();
    if let Some(git_dir) = run("git", &["rev-parse", "--git-dir"]) {
        let branch = run("git", &["symbolic-ref", "-q", "HEAD"]);
        // A missing path would make cargo re-run the script every time: watch only what exists (a packed
        // branch ref lives in packed-refs).
        let refs = ["HEAD".to_owned(), "packed-refs".to_owned()].into_iter().chain(branch);
        watched.extend(refs.map(|f| format!("{git_dir}/{f}")).filter(|p| std::path::Path::new(p).exists()));
    }
    for path in watched {
        println!("cargo:rerun-if-changed={path}");
    }
}
