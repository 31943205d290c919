//! `oaj backup DEST`: a consistent copy of the data directory, safe while a
//! server is running and writing. The database is copied with SQLite's
//! `VACUUM INTO` (one read transaction: one instant of the database, WAL
//! included, without stopping writers); every other file of the data
//! directory (uploaded problems, ...) is copied afterwards, so whatever the
//! copied database refers to was already on disk. SQLite's `-wal`, `-shm`
//! and `-journal` files are skipped: the copy is a single self-contained
//! database file.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use oaj_oa::Store;

#[derive(clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy: a directory that does not exist or is
    /// empty. Restore by pointing `oaj serve --data` at it (or copying it
    /// back while the server is stopped).
    dest: PathBuf,
    /// The data directory to copy (default: as `oaj serve`: the `data` key
    /// of --config, else $XDG_DATA_HOME/oaj, else ~/.local/share/oaj).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// The server's settings file, to find its data directory.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

pub fn backup(args: &BackupArgs) -> anyhow::Result<ExitCode> {
    let data = match (&args.data, &args.config) {
        (Some(dir), _) => dir.clone(),
        (None, Some(file)) => crate::config::FileConfig::load(file)?.data.unwrap_or_else(oaj_oa::default_data_dir),
        (None, None) => oaj_oa::default_data_dir(),
    };
    let written = copy_data_dir(&data, &args.dest)?;
    for (path, bytes) in &written {
        println!("wrote {} ({bytes} bytes)", path.display());
    }
    let total: u64 = written.iter().map(|(_, bytes)| bytes).sum();
    println!("backed up {} to {}: {} file(s), {total} bytes", data.display(), args.dest.display(), written.len());
    Ok(ExitCode::SUCCESS)
}

/// Copies `data` to `dest`; returns each file written with its size.
pub fn copy_data_dir(data: &Path, dest: &Path) -> anyhow::Result<Vec<(PathBuf, u64)>> {
    let data_real =
        data.canonicalize().with_context(|| format!("cannot read the data directory {}", data.display()))?;
    let database = data.join(oaj_oa::DATABASE_FILE);
    if !database.is_file() {
        bail!("{} is not an OA Judge data directory: it has no {}", data.display(), oaj_oa::DATABASE_FILE);
    }
    match std::fs::read_dir(dest) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!("{} is not empty; a backup is written to a new or empty directory only", dest.display());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dest).with_context(|| format!("cannot create {}", dest.display()))?;
        }
        Err(e) => bail!("cannot read {}: {e}", dest.display()),
    }
    let dest_real = dest.canonicalize().with_context(|| format!("cannot read {}", dest.display()))?;
    if dest_real.starts_with(&data_real) {
        bail!("{} is inside the data directory {}; back up to a directory outside it", dest.display(), data.display());
    }

    let mut written = Vec::new();
    let db_copy = dest.join(oaj_oa::DATABASE_FILE);
    crate::runtime()?.block_on(Store::backup_database(data, &db_copy))?;
    written.push((db_copy.clone(), size(&db_copy)?));
    copy_tree(data, dest, Path::new(""), &mut written)?;
    Ok(written)
}

/// SQLite's own files beside the database: the copy needs none of them.
fn is_database_file(relative: &Path) -> bool {
    let Some(name) = relative.to_str() else { return false };
    let db = oaj_oa::DATABASE_FILE;
    name == db || ["-wal", "-shm", "-journal"].iter().any(|suffix| name == format!("{db}{suffix}"))
}

fn copy_tree(root: &Path, dest: &Path, relative: &Path, written: &mut Vec<(PathBuf, u64)>) -> anyhow::Result<()> {
    let dir = root.join(relative);
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let rel = relative.join(entry.file_name());
        if is_database_file(&rel) {
            continue;
        }
        let from = root.join(&rel);
        let to = dest.join(&rel);
        let kind = entry.file_type().with_context(|| format!("cannot read {}", from.display()))?;
        if kind.is_dir() {
            std::fs::create_dir_all(&to).with_context(|| format!("cannot create {}", to.display()))?;
            copy_tree(root, dest, &rel, written)?;
        } else if kind.is_file() {
            std::fs::copy(&from, &to).with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
            written.push((to.clone(), size(&to)?));
        } else if kind.is_symlink() {
            // Kept as a link (never followed: it may point outside the data dir).
            let target = std::fs::read_link(&from).with_context(|| format!("cannot read {}", from.display()))?;
            std::os::unix::fs::symlink(&target, &to).with_context(|| format!("cannot create {}", to.display()))?;
            written.push((to.clone(), 0));
        } else {
            eprintln!("warning: skipped {}: not a file, directory or symlink", from.display());
        }
    }
    Ok(())
}

fn size(path: &Path) -> anyhow::Result<u64> {
    Ok(std::fs::symlink_metadata(path).with_context(|| format!("cannot read {}", path.display()))?.len())
}
