//! Records what a results file must name about the binary that produced it (DESIGN.md, "Measuring"): the
//! rustc version, the git commit and whether the checkout was dirty. Outside a git checkout (a crates.io
//! download) the commit is `unknown`.

use std::process::Command;

fn run(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
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
    // Re-run when the commit or the sources change, so `dirty` and `commit` stay true to the binary.
    for path in [".git/HEAD", ".git/index", "src", "benches", "Cargo.toml", "Cargo.lock", "build.rs"] {
        println!("cargo:rerun-if-changed={path}");
    }
}
