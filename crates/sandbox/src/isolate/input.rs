//! The program's standard input, handed over as an anonymous sealed copy.

use std::fs::File;
use std::io::{self, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

use crate::SandboxError;

/// The program's standard input, ready to hand over as fd 0.
pub(crate) fn stdin_fd(spec_stdin: &crate::Stdin, bytes: &[u8]) -> Result<OwnedFd, SandboxError> {
    match spec_stdin {
        crate::Stdin::Null => Ok(File::open("/dev/null")?.into()),
        crate::Stdin::File(path) => {
            // Copied, not handed over: an open file of the problem directory
            // would show its host path (and the case's name) to readlink on
            // /proc/self/fd/0. The copy is a kernel-side one.
            let mut input = File::open(path).map_err(|source| SandboxError::Stdin { path: path.clone(), source })?;
            let mut copy = memfd()?;
            io::copy(&mut input, &mut copy).map_err(|source| SandboxError::Stdin { path: path.clone(), source })?;
            seal(copy)
        }
        crate::Stdin::Bytes(_) => {
            let mut copy = memfd()?;
            copy.write_all(bytes)?;
            seal(copy)
        }
    }
}

/// A memfd behaves like a regular file: seekable, never blocks the writer,
/// and has no path (readlink shows `/memfd:stdin (deleted)`).
fn memfd() -> Result<File, SandboxError> {
    // SAFETY: valid C string, flags are constants.
    let fd = unsafe { libc::memfd_create(c"stdin".as_ptr(), libc::MFD_CLOEXEC | libc::MFD_ALLOW_SEALING) };
    if fd < 0 {
        return Err(SandboxError::Io(io::Error::last_os_error()));
    }
    // SAFETY: fresh descriptor we own.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Rewinds the input and seals it: the program reads what the judge wrote.
fn seal(mut file: File) -> Result<OwnedFd, SandboxError> {
    std::io::Seek::seek(&mut file, io::SeekFrom::Start(0))?;
    let seals = libc::F_SEAL_SEAL | libc::F_SEAL_SHRINK | libc::F_SEAL_GROW | libc::F_SEAL_WRITE;
    // SAFETY: plain fcntl on a descriptor we own.
    if unsafe { libc::fcntl(file.as_raw_fd(), libc::F_ADD_SEALS, seals) } != 0 {
        return Err(SandboxError::Io(io::Error::last_os_error()));
    }
    Ok(file.into())
}
