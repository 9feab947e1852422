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
