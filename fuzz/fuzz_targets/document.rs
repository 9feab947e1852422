//! Any bytes as a plan, its format detected: parsing and auditing never panic (see shared.rs).
#![no_main]

#[path = "shared.rs"]
mod shared;

use libfuzzer_sys::fuzz_target;
use planaudit::document::Document;

fuzz_target!(|data: &[u8]| {
    if let Ok(document) = Document::from_bytes("fuzz.md".into(), data.to_vec()) {
        shared::check(document);
    }
});
