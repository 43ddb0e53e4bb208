//! Saving graph files: deterministic output, crash safety, and the lock against a second writer.

use evroad::persist::{to_json, FileLock};
use evroad::Graph;

#[test]
fn saved_files_load_back_and_are_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    let mut g = Graph::nissan();
    g.query("CREATE (:Plant {name: 'New plant'})").unwrap();
    g.save(&path).unwrap();
    let first = std::fs::read_to_string(&path).unwrap();
    let back = Graph::load(&path).unwrap();
    assert_eq!(
        (back.node_count(), back.relationship_count()),
        (g.node_count(), g.relationship_count())
    );
    back.save(&path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "a save/load/save cycle changes nothing"
    );
    assert_eq!(to_json(&back), first);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec![std::ffi::OsString::from("g.json")]);
}

#[test]
fn a_crash_between_write_and_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    let g = Graph::nissan();
    g.save(&path).unwrap();
    let old = std::fs::read(&path).unwrap();
    let mut changed = g.clone();
    changed.query("MATCH (n) DETACH DELETE n").unwrap();
    let pending = changed.prepare_save(&path).unwrap();
    assert!(pending.temp_path().exists());
    drop(pending); // the process dies before the rename
    assert_eq!(std::fs::read(&path).unwrap(), old);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left"
    );
}

#[test]
fn a_graph_that_would_not_load_back_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    std::fs::write(&path, "old").unwrap();
    let mut g = Graph::nissan();
    g.query("CREATE (:Plant)").unwrap();
    let err = g.save(&path).unwrap_err();
    assert!(err.to_string().contains("has no `name`"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    let err = Graph::nissan().save(dir.path()).unwrap_err();
    assert!(err.to_string().contains("directory"), "{err}");
}

#[test]
fn the_lock_refuses_a_second_writer_and_takes_over_a_stale_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.json");
    let lock = FileLock::acquire(&path).unwrap();
    let err = FileLock::acquire(&path).unwrap_err();
    assert!(err.to_string().contains("is writing it"), "{err}");
    drop(lock);
    assert!(!FileLock::lock_path(&path).exists());
    // A lock left behind by a process that no longer exists.
    std::fs::write(FileLock::lock_path(&path), "4294967\n").unwrap();
    let lock = FileLock::acquire(&path).unwrap();
    drop(lock);
}
