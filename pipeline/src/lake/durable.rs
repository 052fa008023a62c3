//! Durable file writes for the local lake: a renamed object must hold all its bytes after a power
//! cut, not an empty or partial file behind its real name.
//!
//! POSIX gives that only with `fsync`: the temp file's data before the rename (otherwise the
//! rename can reach the disk before the data), and the directory after it (otherwise the rename
//! itself, or a newly created directory's entry, can be lost).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// A temporary name beside `path`, unique per writer: the process id tells processes apart, the
/// counter tells apart the tasks of one process that write the same key at once. It is hidden and
/// ends in `.tmp`, so it never ends in `.json.gz` and a scan never takes it for an object.
pub(super) fn temp_path(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// Writes `data` to `path` through a temp file: write, `fsync` the file, rename over `path`,
/// `fsync` the directory. After it returns, `path` holds `data` whole, even after a power cut;
/// if it fails, `path` is untouched and the temp file is removed.
pub(super) fn write_atomic(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let written = (|| {
        // create_new: the name is unique, so an existing file there is a bug, not ours to truncate.
        let mut file = File::create_new(&tmp)?;
        file.write_all(data)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    match path.parent() {
        Some(dir) => sync_dir(dir),
        None => Ok(()),
    }
}

/// `create_dir_all`, then `fsync` the parent of every directory it created (top-down), so that
/// the new directory entries survive a power cut along with the files later put in them.
pub(super) fn create_dir_all_durable(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    // The missing directories, deepest first; `dir` was just seen missing, so it is one of them.
    let missing: Vec<&Path> = dir.ancestors().take_while(|d| !d.as_os_str().is_empty() && !d.is_dir()).collect();
    std::fs::create_dir_all(dir)?;
    for created in missing.iter().rev() {
        match created.parent() {
            Some(parent) if parent.as_os_str().is_empty() => sync_dir(Path::new("."))?,
            Some(parent) => sync_dir(parent)?,
            None => {}
        }
    }
    Ok(())
}

/// Makes a directory's entries (renames, new files, new subdirectories) durable.
#[cfg(unix)]
pub(super) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a directory as a `File` (`File::open` fails without
/// `FILE_FLAG_BACKUP_SEMANTICS`) and has no directory `fsync`; NTFS journals its metadata, so the
/// rename is as durable as the platform makes it. Other non-Unix platforms: the same no-op.
#[cfg(not(unix))]
pub(super) fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_unique_per_writer_and_never_look_like_objects() {
        let path = Path::new("/lake/raw/x/20261127T090501.000Z-abc.json.gz");
        let (a, b) = (temp_path(path), temp_path(path));
        assert_ne!(a, b);
        for t in [a, b] {
            assert_eq!(t.parent(), path.parent());
            let name = t.file_name().unwrap().to_string_lossy().to_string();
            assert!(!name.ends_with(".json.gz") && !name.ends_with(".meta.json"), "{name}");
        }
    }

    #[test]
    fn a_failed_write_leaves_neither_the_object_nor_a_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a directory: the rename fails after the temp file was written.
        let target = dir.path().join("x.json.gz");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), b"keeps the directory non-empty").unwrap();
        assert!(write_atomic(&target, b"data").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("x.json.gz")]);
    }

    #[test]
    fn creates_nested_directories_and_replaces_whole_files() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("raw/a/dt=2026-11-27/hour=09");
        create_dir_all_durable(&deep).unwrap();
        create_dir_all_durable(&deep).unwrap();
        assert!(deep.is_dir());
        let file = deep.join("x.json.gz");
        write_atomic(&file, b"first").unwrap();
        write_atomic(&file, b"second").unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), b"second");
        assert_eq!(std::fs::read_dir(&deep).unwrap().count(), 1, "no temp file left");
    }
}
