//! Retention of a local-directory lake: objects whose date partition (`dt=YYYY-MM-DD` in the key)
//! is before a cutoff day are deleted with their `.meta.json`, at most a batch at a time, and the
//! partition directories left empty go too. Only `raw/` is looked at. (An S3 lake is pruned by
//! the bucket's lifecycle rule instead: see the README's "Retention".)

use chrono::NaiveDate;
use std::path::Path;

/// Deletes at most `limit` objects (each with its metadata, and anything else in the partition,
/// such as a temporary file a crash left behind) from the partitions of `root/raw` dated before
/// `before`; returns how many objects went. Fewer than `limit`: nothing older is left.
pub fn prune_local(root: &Path, before: NaiveDate, limit: usize) -> std::io::Result<u64> {
    let mut left = limit.max(1);
    let mut objects = 0;
    prune_dir(&root.join("raw"), before, &mut left, &mut objects)?;
    Ok(objects)
}

/// The date of a `dt=YYYY-MM-DD` directory name (`None` for any other name).
fn partition_date(name: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(name.strip_prefix("dt=")?, "%Y-%m-%d").ok()
}

/// Walks `dir` for old partitions; `left` files may still be deleted.
fn prune_dir(dir: &Path, before: NaiveDate, left: &mut usize, objects: &mut u64) -> std::io::Result<()> {
    let mut subdirs = Vec::new();
    for entry in read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            subdirs.push(entry.path());
        }
    }
    // Oldest partitions first (the names sort by date).
    subdirs.sort();
    for sub in subdirs {
        if *left == 0 {
            return Ok(());
        }
        let name = sub.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        match partition_date(name) {
            Some(date) if date < before => remove_partition(&sub, left, objects)?,
            Some(_) => {}
            None => prune_dir(&sub, before, left, objects)?,
        }
    }
    Ok(())
}

/// Deletes the files of an old partition (`hour=HH/…` below it), then its empty directories.
fn remove_partition(dir: &Path, left: &mut usize, objects: &mut u64) -> std::io::Result<()> {
    let mut files = Vec::new();
    let mut subdirs = Vec::new();
    for entry in read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            subdirs.push(entry.path());
        } else {
            files.push(entry.path());
        }
    }
    files.sort();
    for file in files {
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let is_object = name.ends_with(".json.gz");
        if is_object && *left == 0 {
            break;
        }
        remove_file(&file)?;
        if is_object {
            // The object first, then its metadata: a crash in between leaves only metadata
            // behind, which no listing shows and the next run removes.
            remove_file(Path::new(&format!("{}.meta.json", file.display())))?;
            *objects += 1;
            *left -= 1;
        }
    }
    for sub in subdirs {
        if *left == 0 {
            return Ok(());
        }
        remove_partition(&sub, left, objects)?;
    }
    remove_if_empty(dir)
}

fn read_dir(dir: &Path) -> std::io::Result<Vec<std::io::Result<std::fs::DirEntry>>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries.collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

fn remove_file(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

fn remove_if_empty(dir: &Path) -> std::io::Result<()> {
    if read_dir(dir)?.is_empty() {
        match std::fs::remove_dir(dir) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn object(root: &Path, day: &str, hour: u32, n: usize) {
        let dir = root.join(format!("raw/opensky/states-all/dt={day}/hour={hour:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        for i in 0..n {
            std::fs::write(dir.join(format!("b{i}.json.gz")), b"x").unwrap();
            std::fs::write(dir.join(format!("b{i}.json.gz.meta.json")), b"{}").unwrap();
        }
    }

    #[test]
    fn old_partitions_go_in_batches_and_leave_no_empty_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        object(root, "2026-10-01", 1, 3);
        object(root, "2026-10-01", 2, 2);
        object(root, "2026-10-02", 0, 2);
        object(root, "2026-10-03", 0, 1);
        std::fs::create_dir_all(root.join("doctor")).unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
        assert_eq!(prune_local(root, before, 4).unwrap(), 4);
        assert_eq!(prune_local(root, before, 4).unwrap(), 3);
        assert_eq!(prune_local(root, before, 4).unwrap(), 0);
        let states = root.join("raw/opensky/states-all");
        let left: Vec<_> = std::fs::read_dir(&states).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, vec![std::ffi::OsString::from("dt=2026-10-03")]);
        assert!(states.join("dt=2026-10-03/hour=00/b0.json.gz.meta.json").exists());
        assert!(root.join("doctor").exists(), "only raw/ is pruned");
    }

    #[test]
    fn a_missing_lake_and_odd_names_are_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
        assert_eq!(prune_local(&dir.path().join("nothing"), before, 10).unwrap(), 0);
        std::fs::create_dir_all(dir.path().join("raw/x/dt=garbage")).unwrap();
        std::fs::write(dir.path().join("raw/x/dt=garbage/a.json.gz"), b"x").unwrap();
        assert_eq!(prune_local(dir.path(), before, 10).unwrap(), 0);
        assert!(dir.path().join("raw/x/dt=garbage/a.json.gz").exists());
    }
}
