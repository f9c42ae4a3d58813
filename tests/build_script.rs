//! The build script's git questions, on a scratch repository: it watches what marks a new commit, never the
//! index, and asking whether the tree is dirty leaves the index untouched (a rewritten index, watched, made
//! every next cargo command on a fresh clone rebuild the binary).

#[path = "../build/git.rs"]
mod git;

use std::path::Path;
use std::process::Command;

fn sh(dir: &Path, args: &[&str]) {
    let ok = Command::new("git").args(args).current_dir(dir).env("GIT_OPTIONAL_LOCKS", "1").status();
    assert!(ok.is_ok_and(|s| s.success()), "git {args:?}");
}

#[test]
fn the_script_watches_head_and_the_branch_and_leaves_the_index_alone() {
    let dir = std::env::temp_dir().join(format!("gilfree-build-script-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    sh(&dir, &["init", "-q", "-b", "main"]);
    sh(&dir, &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "one"]);
    std::fs::write(dir.join("a.txt"), "a").unwrap();
    sh(&dir, &["add", "a.txt"]);
    sh(&dir, &["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "two"]);

    let watched = git::watched(&dir);
    assert!(watched.contains(&".git/HEAD".to_owned()), "{watched:?}");
    assert!(watched.contains(&".git/refs/heads/main".to_owned()), "{watched:?}");
    assert!(!watched.iter().any(|p| p.ends_with("index")), "{watched:?}");
    assert!(watched.iter().all(|p| dir.join(p).exists()), "only existing paths: {watched:?}");
    assert_eq!(git::commit(&dir).map(|c| c.len()), Some(40));

    // Touch the file without changing it: a refreshing `git status` would rewrite the index now.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(dir.join("a.txt"), "a").unwrap();
    let index = dir.join(".git/index");
    let before = std::fs::metadata(&index).unwrap().modified().unwrap();
    assert!(!git::dirty(&dir));
    assert_eq!(std::fs::metadata(&index).unwrap().modified().unwrap(), before, "the index was rewritten");
    std::fs::write(dir.join("a.txt"), "b").unwrap();
    assert!(git::dirty(&dir));
    std::fs::remove_dir_all(dir).ok();
}
