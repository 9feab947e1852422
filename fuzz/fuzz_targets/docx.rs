//! Any bytes read as a Word document: a clear error (a broken archive, a ZIP bomb) or a
//! document that audits cleanly (see shared.rs). Seed it with fixtures/plans/*.docx.
#![no_main]

#[path = "shared.rs"]
mod shared;

use libfuzzer_sys::fuzz_target;
use planaudit::document::{Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(document) =
        Document::from_bytes_as("fuzz.docx".into(), data.to_vec(), InputFormat::Docx)
    {
        shared::check(document);
    }
});
