//! Checks on a submitted source file before anything is compiled.

use std::path::Path;

/// Larger sources are refused: no OA solution is this long, and the limit
/// keeps a careless paste or a binary from reaching a compiler.
pub const MAX_SOURCE_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SubmissionError {
    #[error("{path}: cannot read the source file: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: the source file is empty")]
    Empty { path: String },
    #[error("{path}: the source file is {size} bytes; the limit is {} KiB", MAX_SOURCE_BYTES / 1024)]
    TooLarge { path: String, size: u64 },
    #[error("{path}: this looks like a binary file, not source code (byte {offset} is not text)")]
    Binary { path: String, offset: usize },
}

/// Reads a source file, refusing empty, oversized and binary files.
pub fn read_source(path: &Path) -> Result<String, SubmissionError> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| SubmissionError::Unreadable { path: shown.clone(), message: e.to_string() })?;
    if !meta.is_file() {
        return Err(SubmissionError::Unreadable { path: shown, message: "not a regular file".into() });
    }
    if meta.len() > MAX_SOURCE_BYTES as u64 {
        return Err(SubmissionError::TooLarge { path: shown, size: meta.len() });
    }
    let bytes =
        std::fs::read(path).map_err(|e| SubmissionError::Unreadable { path: shown.clone(), message: e.to_string() })?;
    check_source(&shown, bytes)
}

/// The same checks for a source that arrived some other way (a web form).
pub fn check_source(origin: &str, bytes: Vec<u8>) -> Result<String, SubmissionError> {
    let path = origin.to_string();
    if bytes.len() > MAX_SOURCE_BYTES {
        return Err(SubmissionError::TooLarge { path, size: bytes.len() as u64 });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SubmissionError::Binary { path, offset });
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| SubmissionError::Binary { path: path.clone(), offset: e.utf8_error().valid_up_to() })?;
    if text.trim().is_empty() {
        return Err(SubmissionError::Empty { path });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_bad_sources() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"".to_vec(), "empty"),
            (b"  \n\t\n".to_vec(), "empty"),
            (b"int main(){}\0\x01".to_vec(), "binary"),
            (vec![0xff, 0xfe, b'a'], "binary"),
            (vec![b'a'; MAX_SOURCE_BYTES + 1], "256 KiB"),
        ];
        for (bytes, needle) in cases {
            let err = check_source("x.cpp", bytes).unwrap_err().to_string();
            assert!(err.starts_with("x.cpp: ") && err.contains(needle), "{err}");
        }
        assert_eq!(check_source("x.py", b"print(1)\n".to_vec()).unwrap(), "print(1)\n");
    }
}
