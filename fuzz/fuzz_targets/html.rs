//! Any bytes read as HTML: a clear error or a document that audits cleanly (see shared.rs).
#![no_main]

#[path = "shared.rs"]
mod shared;

use libfuzzer_sys::fuzz_target;
use planaudit::document::{Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(document) =
        Document::from_bytes_as("fuzz.html".into(), data.to_vec(), InputFormat::Html)
    {
        shared::check(document);
    }
});
