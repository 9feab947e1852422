//! Reading the small text files planaudit is given besides plans: rule sets, configs, labels
//! and baselines. Each has a size cap, so a wrong path to a huge file fails fast instead of
//! being parsed.

use std::io::Read;
use std::path::Path;

/// Largest rule set, config, labels or baseline file read: 16 MiB, far beyond any real one.
pub const MAX_TEXT_FILE: u64 = 16 * 1024 * 1024;

/// The file's text, or why it cannot be had (missing, unreadable, too large, not UTF-8).
pub fn read_text(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_TEXT_FILE + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_TEXT_FILE {
        return Err(std::io::Error::other(format!(
            "the file is over the limit of {MAX_TEXT_FILE} bytes"
        )));
    }
    String::from_utf8(bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}
