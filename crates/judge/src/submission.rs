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
    #[error("{path}: the file is saved as UTF-16; save it as UTF-8")]
    Utf16 { path: String },
    #[error(
        "{path}:{line}: this line is not valid UTF-8 (byte {offset} is 0x{byte:02x}); the file may be saved in \
         another encoding (Latin-1, Windows-1252): save it as UTF-8"
    )]
    NotUtf8 { path: String, line: usize, offset: usize, byte: u8 },
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
    // UTF-16 text is full of NUL bytes: say what it is rather than "binary".
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return Err(SubmissionError::Utf16 { path });
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SubmissionError::Binary { path, offset });
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        // Text without NUL bytes that is not UTF-8 is text in another
        // encoding far more often than a binary file.
        let offset = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        SubmissionError::NotUtf8 { path: path.clone(), line, offset, byte: bytes[offset] }
    })?;
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
            (b"\x7fELF\x02\x01\x01\0\0\0".to_vec(), "binary file, not source code (byte 7 is not text)"),
            (vec![0xff, 0xfe, b'a', 0], "saved as UTF-16; save it as UTF-8"),
            (vec![0xfe, 0xff, 0, b'a'], "saved as UTF-16; save it as UTF-8"),
            // "café" in Latin-1 on the second line.
            (b"int main(){}\n// caf\xe9\n".to_vec(), "x.cpp:2: this line is not valid UTF-8 (byte 19 is 0xe9)"),
            (vec![b'p', 0xff, b'\n'], "x.cpp:1: this line is not valid UTF-8 (byte 1 is 0xff)"),
            (vec![b'a'; MAX_SOURCE_BYTES + 1], "256 KiB"),
        ];
        for (bytes, needle) in cases {
            let err = check_source("x.cpp", bytes).unwrap_err().to_string();
            assert!(err.starts_with("x.cpp:") && err.contains(needle), "{err}");
        }
        assert_eq!(check_source("x.py", b"print(1)\n".to_vec()).unwrap(), "print(1)\n");
    }
}
