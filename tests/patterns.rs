//! The matcher runs a pattern only where the literals it must start or end with occur
//! (`src/rules/trigger.rs`). This proves the shortcut loses nothing: on plan text, every
//! built-in pattern finds exactly what a plain regex with the same syntax finds, run over
//! every line.

#[path = "../benches/plan_gen.rs"]
mod plan_gen;

use std::ops::Range;

use planaudit::document::Document;
use planaudit::rules::{Catalog, Item, Matcher, Signals};
use regex::bytes::{Regex, RegexBuilder};

/// Collapsed plan text of every fixture plan and of generated plans with different seeds.
fn texts() -> Vec<String> {
    let fixtures = std::fs::read_dir("fixtures/plans")
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .map(|path| std::fs::read(path).unwrap());
    let generated = (0..3).map(|seed| plan_gen::plan_seeded(100 << 10, seed).into_bytes());
    fixtures
        .chain(generated)
        .map(|bytes| {
            let document = Document::from_bytes("plan.md".into(), bytes).unwrap();
            document.text.as_str().to_owned()
        })
        .collect()
}

/// Every built-in item, with its patterns only.
fn pattern_items() -> Vec<Item> {
    let catalog = Catalog::builtin();
    let items = catalog.sets().flat_map(|set| set.items.iter());
    items
        .map(|item| Item {
            signals: Signals {
                patterns: item.signals.patterns.clone(),
                ..Signals::default()
            },
            ..item.clone()
        })
        .collect()
}

/// What a plain regex finds line by line; a match that a byte class ends inside a character
/// ends before that character, and counts only if something is left, as the matcher's do.
fn expected(text: &str, regexes: &[Regex]) -> Vec<(usize, Range<usize>)> {
    let mut found = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        for (signal, regex) in regexes.iter().enumerate() {
            for m in regex.find_iter(body.as_bytes()) {
                let mut end = start + m.end();
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                if end > start + m.start() {
                    found.push((signal, start + m.start()..end));
                }
            }
        }
        start += line.len();
    }
    found.sort_by_key(|(s, r)| (*s, r.start, r.end));
    found
}

#[test]
fn triggered_patterns_find_what_a_full_scan_finds() {
    let items = pattern_items();
    let matcher = Matcher::new(items.iter().map(|item| (item, 3.0))).unwrap();
    let regexes: Vec<Regex> = matcher
        .signals()
        .iter()
        .map(|s| {
            RegexBuilder::new(&s.text)
                .unicode(false)
                .case_insensitive(true)
                .build()
                .unwrap()
        })
        .collect();
    assert!(regexes.len() > 150, "{} patterns", regexes.len());
    let mut total = 0;
    for text in texts() {
        let mut found = matcher.scan(&text, |hit| Some((hit.signal, hit.range)));
        found.sort_by_key(|(s, r)| (*s, r.start, r.end));
        let expected = expected(&text, &regexes);
        total += expected.len();
        assert_eq!(found, expected);
    }
    assert!(
        total > 1000,
        "only {total} pattern hits: the texts prove little"
    );
}
