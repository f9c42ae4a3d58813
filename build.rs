//! Records what a results file must name about the binary that produced it (DESIGN.md, "Measuring"): the
//! rustc version, the git commit and whether the checkout was dirty. Outside a git checkout (a crates.io
//! download) the commit is `unknown`.
//!
//! The script re-runs when the commit changes (`build/git.rs` says which git files show that) or the
//! sources do (so `dirty` stays true to the binary).

#[path = "build/git.rs"]
mod git;

use std::path::Path;

fn main() {
    let here = Path::new(".");
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = git::run(here, &rustc, &["--version"]).unwrap_or_else(|| "unknown".into());
    let commit = git::commit(here).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=GILFREE_RUSTC={version}");
    println!("cargo:rustc-env=GILFREE_COMMIT={commit}");
    println!("cargo:rustc-env=GILFREE_DIRTY={}", git::dirty(here));
    let sources = ["src", "benches", "build", "Cargo.toml", "Cargo.lock", "build.rs"].map(String::from);
    for path in sources.into_iter().chain(git::watched(here)) {
        println!("cargo:rerun-if-changed={path}");
    }
}
