//! Any text as a rule file: loading either succeeds and compiles, or fails with an error; never
//! a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use planaudit::rules::{Rules, parse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(set) = parse("fuzz.yaml", text) {
        let _ = Rules::new(vec![set]);
    }
});
