//! The one door through which planaudit reads YAML.
//!
//! serde_yaml is deprecated upstream. Every YAML read goes through [`from_str`], so a maintained
//! fork with the same API (serde_norway) can replace it by changing the `use` below.

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A YAML error with the byte offset it happened at, when the parser knows it.
#[derive(Debug)]
pub struct Error {
    pub message: String,
    pub offset: Option<usize>,
}

/// Deserialises `text` into `T`, keeping the error's location.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    backend::from_str(text).map_err(|error| Error {
        offset: error.location().map(|location| location.index()),
        message: error.to_string(),
    })
}

/// The span of `value` as written in YAML `text` (plain, single- or double-quoted) at or after
/// `from`; an empty span at `from` when it cannot be found.
///
/// serde_yaml keeps no spans for values, so checks made after deserialising find their value's
/// place again this way; it is exact for the way rule and config files are written.
pub fn find_value(text: &str, from: usize, value: &str) -> std::ops::Range<usize> {
    let spellings = [
        value.to_owned(),
        value.replace('\'', "''"),
        value.replace('\\', "\\\\").replace('"', "\\\""),
    ];
    let from = from.min(text.len());
    let rest = &text[from..];
    spellings
        .iter()
        .filter_map(|s| {
            rest.find(s.as_str())
                .map(|at| from + at..from + at + s.len())
        })
        .min_by_key(|span| span.start)
        .unwrap_or(from..from)
}
