//! Any bytes read as a PDF: a clear error (malformed, scanned, too complex) or a document
//! that audits cleanly, never a panic that escapes the adapter (see shared.rs). Seed it with
//! fixtures/plans/*.pdf.
#![no_main]

#[path = "shared.rs"]
mod shared;

use libfuzzer_sys::fuzz_target;
use planaudit::document::{Document, InputFormat};

fuzz_target!(|data: &[u8]| {
    if let Ok(document) =
        Document::from_bytes_as("fuzz.pdf".into(), data.to_vec(), InputFormat::Pdf)
    {
        shared::check(document);
    }
});
