//! Prepares the built-in rule sets at build time, so that no run pays for it:
//! - each `rules/*.yaml` becomes JSON: parsing the four YAML files took ~4 ms of every run,
//!   JSON of the same data ~0.4 ms;
//! - every built-in pattern's trigger (the literals that must occur before it can match) is
//!   worked out with the same code the program uses, `src/rules/trigger.rs`: ~3 ms per run.
//!
//! The YAML stays the source of truth; tests prove both forms load alike and that each stored
//! trigger is what extraction gives.

use std::fmt::Write;
use std::path::Path;
use std::{env, fs};

#[path = "src/rules/trigger.rs"]
mod trigger;

use trigger::Trigger;

const BUILTIN: &[&str] = &["outcomes", "principles", "national-voices", "statutory"];

fn main() {
    println!("cargo::rerun-if-changed=rules");
    println!("cargo::rerun-if-changed=src/rules/trigger.rs");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut patterns = Vec::new();
    for name in BUILTIN {
        let path = format!("rules/{name}.yaml");
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let value: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        patterns.extend(patterns_of(&value));
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{path}: {e}"));
        write(&Path::new(&out).join(format!("{name}.json")), &json);
    }
    patterns.sort();
    patterns.dedup();
    write(
        &Path::new(&out).join("triggers.rs"),
        &trigger_table(&patterns),
    );
}

/// Every pattern of every item, written either as a string or as `{pattern: …}`.
fn patterns_of(set: &serde_yaml::Value) -> Vec<String> {
    let items = set["items"].as_sequence().into_iter().flatten();
    let patterns = items.flat_map(|item| {
        item["signals"]["patterns"]
            .as_sequence()
            .into_iter()
            .flatten()
    });
    patterns
        .filter_map(|p| p.as_str().or_else(|| p["pattern"].as_str()))
        .map(str::to_owned)
        .collect()
}

/// A Rust table of (pattern, trigger kind, literals), sorted by pattern for binary search.
fn trigger_table(patterns: &[String]) -> String {
    let mut table = String::from("static BUILTIN_TRIGGERS: &[(&str, &str, &[&str])] = &[\n");
    for pattern in patterns {
        let (kind, literals) = match trigger::of(pattern) {
            Trigger::Start(literals) => ("start", literals),
            Trigger::Line(literals) => ("line", literals),
            Trigger::Always => ("always", Vec::new()),
        };
        let _ = writeln!(table, "    ({pattern:?}, {kind:?}, &{literals:?}),");
    }
    table.push_str("];\n");
    table
}

fn write(path: &Path, text: &str) {
    fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
