//! `--output FILE`: never onto an input, never half a file.
//!
//! Why: `lvyue eval c.json --events e.json --output c.json` used to overwrite the contract
//! with the report, and a write that failed half-way left a truncated file. So an output that is
//! one of the inputs — by its canonical path, or by device and inode, which also catches symbolic
//! and hard links — is refused before anything is evaluated or written; and the answer goes to a
//! temporary file beside the target, renamed over it only once it is whole.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Whether `a` and `b` name the same file: the same device and inode where the system has them,
/// else the same canonical path (symbolic links and `..` resolved). A path that does not exist
/// is no file that exists.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            if (x.dev(), x.ino()) == (y.dev(), y.ino()) {
                return true;
            }
        }
    }
    matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
}

/// The first of `inputs` that `output` would overwrite.
pub fn input_at<'a>(output: &str, inputs: &[&'a str]) -> Option<&'a str> {
    inputs
        .iter()
        .copied()
        .find(|i| same_file(Path::new(output), Path::new(i)))
}

/// Writes `bytes` to `path` whole or not at all: into a new temporary file in the target's
/// directory, then renamed over the target (through a symbolic link, onto the file it names;
/// keeping an existing file's permissions). A device or a pipe (`/dev/stdout`) is written
/// directly: it cannot be renamed over.
///
/// # Errors
/// What the system says: a directory that does not exist, a target that is a directory, no
/// room. The target is then as it was, and no temporary file is left.
pub fn write_whole(path: &str, bytes: &[u8]) -> io::Result<()> {
    let target = Path::new(path);
    if let Ok(m) = fs::metadata(target) {
        if !m.is_file() {
            return fs::write(target, bytes);
        }
    }
    let dest = fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let name = dest
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tmp, mut file) = temporary(&dir, &name.to_string_lossy())?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| match fs::metadata(&dest) {
            Ok(m) => fs::set_permissions(&tmp, m.permissions()),
            Err(_) => Ok(()),
        })
        .and_then(|()| fs::rename(&tmp, &dest));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A new file `.NAME.lvyue-PID-N.tmp` in `dir` (the first N free).
fn temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.lvyue-{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no temporary file")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("lvyue-output-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn the_same_file_by_any_name() {
        let d = scratch("same");
        let a = d.join("a.json");
        fs::write(&a, "{}").unwrap();
        let b = d.join("b.json");
        fs::write(&b, "{}").unwrap();
        fs::create_dir_all(d.join("sub")).unwrap();
        assert!(same_file(&a, &d.join("sub/../a.json")));
        assert!(same_file(&a, &d.join(".").join("a.json")));
        assert!(!same_file(&a, &b));
        assert!(!same_file(&a, &d.join("missing.json")));
        let hard = d.join("hard.json");
        fs::hard_link(&a, &hard).unwrap();
        assert!(same_file(&hard, &a));
        #[cfg(unix)]
        {
            let link = d.join("link.json");
            std::os::unix::fs::symlink(&a, &link).unwrap();
            assert!(same_file(&link, &a));
        }
        let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
        assert_eq!(input_at(hard.to_str().unwrap(), &[b, a]), Some(a));
        assert_eq!(input_at(b, &[a]), None);
    }

    #[test]
    fn a_write_replaces_the_file_whole() {
        let d = scratch("whole");
        let t = d.join("out.md");
        fs::write(&t, "old and much longer than the new text").unwrap();
        write_whole(t.to_str().unwrap(), b"new").unwrap();
        assert_eq!(fs::read(&t).unwrap(), b"new");
        #[cfg(unix)]
        {
            // Through a symbolic link: the file it names gets the text, the link stays.
            let link = d.join("link.md");
            std::os::unix::fs::symlink(&t, &link).unwrap();
            write_whole(link.to_str().unwrap(), b"via link").unwrap();
            assert_eq!(fs::read(&t).unwrap(), b"via link");
            assert!(fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
        }
        let left = fs::read_dir(&d)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .ends_with(".tmp")
            })
            .count();
        assert_eq!(left, 0, "a temporary file left");
        // A directory that does not exist: an error, nothing written.
        assert!(write_whole(d.join("no/out.md").to_str().unwrap(), b"x").is_err());
        // A directory as the target: an error, the directory as it was.
        assert!(write_whole(d.to_str().unwrap(), b"x").is_err());
        assert!(d.is_dir());
    }
}
