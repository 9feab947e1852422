//! One rule pattern, compiled the way the matcher runs it.
//!
//! A RegexSet of every pattern, run over every line, was most of an audit's cost: building it
//! took ~45 ms per process and its lazy DFA exploded on overlapping case-insensitive patterns
//! (BENCHMARKS.md). Instead each pattern names the literals its matches must start with (or
//! end with), those literals join the phrases in the one Aho-Corasick pass, and the pattern's own
//! small automaton runs only where they occur: anchored at each literal when the literals are
//! distinctive, over the line otherwise. The automaton is made the first time it is needed, so
//! a plan pays only for the patterns its text can match: a built-in pattern's is searched in
//! place in the tables `build.rs` determinized (`crate::dfa`), a user's pattern is compiled.

use std::ops::Range;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::wire::AlignAs;
use regex_automata::{Anchored, HalfMatch, Input, Match, MatchError, meta};

use super::automaton::{SIZE_LIMIT, syntax, thompson};
pub use super::trigger::Trigger;
use crate::dfa::{Pair, Table};

/// A pattern ready to run: its trigger and its automaton.
#[derive(Debug)]
pub enum Engine {
    /// A forward lazy DFA, run anchored at each trigger literal.
    Anchored(Box<DFA>),
    /// A built-in pattern's anchored forward DFA, determinized at build time.
    StoredAnchored(Table),
    /// A full regex, run over a whole line.
    Scan(meta::Regex),
    /// A built-in pattern's forward and reverse DFAs, determinized at build time, run over a
    /// whole line.
    StoredScan(Pair),
}

/// Per-search scratch space of an anchored [`Engine`]: its lazy DFA's cache, made on first use.
pub type Scratch = Option<Box<Cache>>;

/// A built-in pattern's (pattern, `"start"`, `"line"` or `"always"`, trigger literals, stored
/// DFAs).
type Builtin = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [(usize, usize)],
);

// `static BUILTIN_TRIGGERS: &[Builtin]`, sorted by pattern; `stored` is where in [`STORED`]
// the pattern's DFAs are: none, the anchored one, or the forward and reverse ones.
include!(concat!(env!("OUT_DIR"), "/triggers.rs"));

/// The built-in patterns' tables, one after another.
static STORED: &AlignAs<[u8], u32> = &AlignAs {
    _align: [],
    bytes: *include_bytes!(concat!(env!("OUT_DIR"), "/patterns.dfa")),
};

/// How `pattern` is triggered. The built-ins' triggers were worked out by `build.rs` with the
/// same code ([`super::trigger::of`]); extracting them at run time was a third of rule loading.
pub fn trigger(pattern: &str) -> Trigger {
    match builtin(pattern) {
        Some((_, kind, literals, _)) => {
            let literals = literals.iter().map(|l| l.to_string()).collect();
            match *kind {
                "start" => Trigger::Start(literals),
                "line" => Trigger::Line(literals),
                _ => Trigger::Always,
            }
        }
        None => super::trigger::of(pattern),
    }
}

fn builtin(pattern: &str) -> Option<&'static Builtin> {
    let at = BUILTIN_TRIGGERS.binary_search_by_key(&pattern, |(p, ..)| p);
    at.ok().map(|i| &BUILTIN_TRIGGERS[i])
}

impl Engine {
    /// The automaton of `pattern` for `trigger`: a built-in pattern's stored tables when
    /// `build.rs` could make them (finding them costs a few hundred instructions, compiling a
    /// pattern ~0.5–1 M), otherwise compiled now. The same call validates users'
    /// patterns, so what passes validation is exactly what runs.
    pub fn new(pattern: &str, trigger: &Trigger) -> Result<Self, String> {
        match builtin(pattern).and_then(|(.., stored)| Self::stored(stored)) {
            Some(engine) => Ok(engine),
            None => Self::compile(pattern, trigger),
        }
    }

    /// The engine of tables stored at `ranges` of [`STORED`]: one anchored table, or a forward
    /// and reverse pair; `None` if there are none (or they do not read, which a test rules
    /// out).
    fn stored(ranges: &[(usize, usize)]) -> Option<Self> {
        let read = |&(start, end): &(usize, usize)| Table::read(&STORED.bytes[start..end]);
        match ranges {
            [anchored] => read(anchored).map(Engine::StoredAnchored),
            [forward, reverse] => Some(Engine::StoredScan(Pair {
                forward: read(forward)?,
                reverse: read(reverse)?,
            })),
            _ => None,
        }
    }

    /// Compiles `pattern` for `trigger`.
    fn compile(pattern: &str, trigger: &Trigger) -> Result<Self, String> {
        match trigger {
            Trigger::Start(_) => DFA::builder()
                .syntax(syntax())
                .thompson(thompson())
                .build(pattern)
                .map(|dfa| Engine::Anchored(Box::new(dfa)))
                .map_err(|e| describe(&e)),
            Trigger::Line(_) | Trigger::Always => meta::Regex::builder()
                .syntax(syntax())
                // The one-pass and backtracking engines, and the literal prefilter, cost more to
                // build than they save on the few lines the trigger chooses: without the
                // prefilter a 10 KB plan's audit takes 10% fewer instructions, a 1 MB plan's
                // 1.6% fewer (callgrind).
                .configure(
                    meta::Config::new()
                        .nfa_size_limit(Some(SIZE_LIMIT))
                        .onepass(false)
                        .backtrack(false)
                        .auto_prefilter(false),
                )
                .build(pattern)
                .map(Engine::Scan)
                .map_err(|e| describe(&e)),
        }
    }

    /// Finds the pattern's matches in `text[line]`, leftmost-first and non-overlapping, as
    /// `find_iter` would. For an anchored engine `starts` are the trigger positions in the
    /// line, ascending; every match begins at one of them.
    pub fn find(
        &self,
        scratch: &mut Scratch,
        text: &str,
        line: Range<usize>,
        starts: &[usize],
        found: impl FnMut(Range<usize>),
    ) {
        match self {
            Engine::Anchored(dfa) => {
                let cache = scratch.get_or_insert_with(|| Box::new(dfa.create_cache()));
                anchored(text, line, starts, found, |input| {
                    dfa.try_search_fwd(cache, input)
                });
            }
            Engine::StoredAnchored(table) => {
                anchored(text, line, starts, found, |input| {
                    let at = input.get_range();
                    let end = table.find_fwd(input.haystack(), at, false);
                    Ok(end.map(|end| HalfMatch::must(0, end)))
                });
            }
            Engine::Scan(regex) => {
                scanned(text, regex.find_iter(Input::new(text).range(line)), found)
            }
            Engine::StoredScan(pair) => {
                let matches = pair.find_iter(text.as_bytes(), line);
                scanned(text, matches.map(|m| Match::must(0, m)), found);
            }
        }
    }
}

/// The matches of an anchored DFA whose search is `search`, tried at each of `starts` in
/// `text[line]` that no earlier match covers.
fn anchored(
    text: &str,
    line: Range<usize>,
    starts: &[usize],
    mut found: impl FnMut(Range<usize>),
    mut search: impl FnMut(&Input) -> Result<Option<HalfMatch>, MatchError>,
) {
    let mut end = line.start;
    for &start in starts.iter().filter(|&&s| s < line.end) {
        if start < end {
            continue;
        }
        let input = Input::new(text)
            .range(start..line.end)
            .anchored(Anchored::Yes);
        // Without Unicode word boundaries and with no cache-clearing limit set, a DFA cannot
        // give up, so an error is only ever "no match".
        if let Ok(Some(half)) = search(&input)
            && snap(text, half.offset()) > start
        {
            end = snap(text, half.offset());
            found(start..end);
        }
    }
}

/// The non-empty `matches` of a regex over a line, each ending on a character.
fn scanned(text: &str, matches: impl Iterator<Item = Match>, mut found: impl FnMut(Range<usize>)) {
    for m in matches {
        let end = snap(text, m.end());
        if end > m.start() {
            found(m.start()..end);
        }
    }
}

/// An error with its causes: regex-automata's top-level messages ("error building NFA") leave
/// the reason to the source chain. Each pattern is built alone, so "error parsing pattern 0"
/// numbers nothing a reader has (it read as the item's first pattern): the cause stands alone.
fn describe(error: &dyn std::error::Error) -> String {
    let mut messages = vec![error.to_string()];
    let mut cause = error.source();
    while let Some(inner) = cause {
        messages.push(inner.to_string());
        cause = inner.source();
    }
    if messages.len() > 1 && messages[0].starts_with("error parsing pattern") {
        messages.remove(0);
    }
    messages.join(": ")
}

/// Moves a match end that a byte class left inside a character back to that character's start;
/// a match left empty by that is no match.
fn snap(text: &str, mut end: usize) -> usize {
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of the fixture plans, its whitespace collapsed as the document stage does.
    fn fixture_lines() -> Vec<String> {
        let mut lines = Vec::new();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/plans");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(path).unwrap();
                lines.extend(
                    text.lines()
                        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")),
                );
            }
        }
        lines
    }

    #[test]
    fn stored_built_in_automata_match_as_compiled_ones() {
        let lines = fixture_lines();
        let mut stored = 0;
        let mut matched = 0;
        for (pattern, _, _, ranges) in BUILTIN_TRIGGERS {
            let trigger = trigger(pattern);
            let compiled = Engine::compile(pattern, &trigger).unwrap();
            let Some(read) = Engine::stored(ranges) else {
                assert!(ranges.is_empty(), "{pattern}: stored DFAs do not read");
                continue;
            };
            stored += 1;
            for line in &lines {
                let found = find_all(&compiled, &trigger, line);
                matched += found.len();
                assert_eq!(
                    find_all(&read, &trigger, line),
                    found,
                    "{pattern} on {line:?}"
                );
                // A line inside a plan, as the matcher searches it: a word character either side
                // decides a `\b` at its ends.
                let inside = format!("a{line}a");
                let range = 1..1 + line.len();
                assert_eq!(
                    find_in(&read, &trigger, &inside, range.clone()),
                    find_in(&compiled, &trigger, &inside, range),
                    "{pattern} inside {inside:?}"
                );
            }
        }
        assert!(
            stored * 10 > BUILTIN_TRIGGERS.len() * 9,
            "only {stored} stored"
        );
        assert!(matched > 100, "{matched} matches");
    }

    #[test]
    fn built_in_triggers_are_what_extraction_gives() {
        for set in crate::rules::Catalog::builtin().sets() {
            for item in &set.items {
                for p in &item.signals.patterns {
                    assert_eq!(trigger(&p.text), super::super::trigger::of(&p.text));
                }
            }
        }
    }

    fn run(pattern: &str, text: &str) -> Vec<String> {
        let trigger = trigger(pattern);
        let engine = Engine::new(pattern, &trigger).unwrap();
        let found = find_all(&engine, &trigger, text);
        found.into_iter().map(|r| text[r].to_owned()).collect()
    }

    /// Every match of `engine` in `text`, tried wherever `trigger`'s literals occur.
    fn find_all(engine: &Engine, trigger: &Trigger, text: &str) -> Vec<Range<usize>> {
        find_in(engine, trigger, text, 0..text.len())
    }

    /// The matches in `text[line]`, whose searches read the bytes either side of it.
    fn find_in(
        engine: &Engine,
        trigger: &Trigger,
        text: &str,
        line: Range<usize>,
    ) -> Vec<Range<usize>> {
        let starts: Vec<usize> = match trigger {
            Trigger::Start(literals) => {
                let lower = text[line.clone()].to_ascii_lowercase();
                let mut at: Vec<usize> = literals
                    .iter()
                    .flat_map(|l| lower.match_indices(l.as_str()).map(|(i, _)| line.start + i))
                    .collect();
                at.sort();
                at
            }
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        engine.find(&mut None, text, line, &starts, |r| out.push(r));
        out
    }

    #[test]
    fn anchored_and_scanning_engines_agree_with_find_iter() {
        let text = "Supporting staff, and value staff; supports staff.";
        for pattern in [r"\b(?:support\w*|value)\s+staff\b", r"\w+\s+staff\b"] {
            let expected: Vec<String> = regex::RegexBuilder::new(pattern)
                .case_insensitive(true)
                .build()
                .unwrap()
                .find_iter(text)
                .map(|m| m.as_str().to_owned())
                .collect();
            assert_eq!(run(pattern, text), expected, "{pattern}");
        }
    }

    #[test]
    fn word_boundaries_and_case_are_ascii() {
        assert_eq!(run(r"\bcarers\b", "Ùige CARERS’ group"), vec!["CARERS"]);
        assert_eq!(
            run(r"people’s\s+views", "People’s views"),
            vec!["People’s views"]
        );
    }

    #[test]
    fn a_match_ending_in_a_byte_class_ends_on_a_character() {
        assert_eq!(run(r"£\d+[^.]{0,2}", "£5’ …"), vec!["£5"]);
    }

    #[test]
    fn oversized_patterns_are_refused() {
        let pattern = r"carers\w{1000}{1000}";
        assert!(Engine::new(pattern, &trigger(pattern)).is_err());
    }
}
