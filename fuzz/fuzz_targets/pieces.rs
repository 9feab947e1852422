//! Any bytes as the text between headings of a plan large enough to be parsed in pieces (over
//! 256 KiB): the input is repeated, a heading after each copy, so the cuts fall among fuzzed
//! fences, comments, lists and HTML. Parsing and auditing never panic (see shared.rs); that a
//! plan read in pieces equals it read whole is the property test `pieces_read_as_the_whole`.
#![no_main]

#[path = "shared.rs"]
mod shared;

use libfuzzer_sys::fuzz_target;
use planaudit::document::Document;

/// A little over the size from which a Markdown plan is parsed in pieces.
const PLAN_BYTES: usize = 260 * 1024;

fuzz_target!(|data: &[u8]| {
    if data.is_empty() {
        return;
    }
    let copy = [data, b"\n\n## Part\n\n"].concat();
    let plan = copy.repeat(PLAN_BYTES / copy.len() + 1);
    if let Ok(document) = Document::from_bytes("fuzz.md".into(), plan) {
        shared::check(document);
    }
});
