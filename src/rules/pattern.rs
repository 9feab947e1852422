//! One rule pattern, compiled the way the matcher runs it.
//!
//! A RegexSet of every pattern, run over every line, was most of an audit's cost: building it
//! took ~45 ms per process and its lazy DFA exploded on overlapping case-insensitive patterns
//! (BENCHMARKS.md). Instead each pattern names the literals its matches must start with (or
//! end with), those literals join the phrases in the one Aho-Corasick pass, and the pattern's own
//! small automaton runs only where they occur: anchored at each literal when the literals are
//! distinctive, over the line otherwise. The automaton is compiled the first time it is needed,
//! so a plan pays only for the patterns its text can match.

use std::ops::Range;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, meta, nfa::thompson};

pub use super::trigger::Trigger;

/// Largest compiled size of one pattern; keeps a hostile rule file from eating memory.
const SIZE_LIMIT: usize = 1 << 20;

/// A pattern ready to run: its trigger and its automaton.
#[derive(Debug)]
pub enum Engine {
    /// A forward lazy DFA, run anchored at each trigger literal.
    Anchored(Box<DFA>),
    /// A full regex, run over a whole line.
    Scan(meta::Regex),
}

/// Per-search scratch space of an anchored [`Engine`]: its lazy DFA's cache, made on first use.
pub type Scratch = Option<Box<Cache>>;

/// The syntax every pattern gets. ASCII throughout: case-insensitivity, `\w`, `\s`, `\d` and
/// `\b` are ASCII, and a negated class such as `[^.\n]` steps over bytes. Unicode classes and
/// case folding made compiling the built-in patterns take ~50 ms; plan vocabulary is English
/// and non-ASCII letters (’, £, é) still match themselves.
fn syntax() -> syntax::Config {
    syntax::Config::new()
        .case_insensitive(true)
        .unicode(false)
        .utf8(false)
}

// `static BUILTIN_TRIGGERS: &[(pattern, "start" | "line" | "always", literals)]`, sorted by
// pattern.
include!(concat!(env!("OUT_DIR"), "/triggers.rs"));

/// How `pattern` is triggered. The built-ins' triggers were worked out by `build.rs` with the
/// same code ([`super::trigger::of`]); extracting them at run time was a third of rule loading.
pub fn trigger(pattern: &str) -> Trigger {
    match BUILTIN_TRIGGERS.binary_search_by_key(&pattern, |(p, _, _)| p) {
        Ok(i) => {
            let (_, kind, literals) = BUILTIN_TRIGGERS[i];
            let literals = literals.iter().map(|l| l.to_string()).collect();
            match kind {
                "start" => Trigger::Start(literals),
                "line" => Trigger::Line(literals),
                _ => Trigger::Always,
            }
        }
        Err(_) => super::trigger::of(pattern),
    }
}

impl Engine {
    /// Compiles `pattern` for `trigger`. The same call validates users' patterns, so what
    /// passes validation is exactly what runs.
    pub fn new(pattern: &str, trigger: &Trigger) -> Result<Self, String> {
        // A DFA reports no groups, so the NFA it is built from needs no capture states.
        let nfa = thompson::Config::new()
            .nfa_size_limit(Some(SIZE_LIMIT))
            .which_captures(thompson::WhichCaptures::None);
        match trigger {
            Trigger::Start(_) => DFA::builder()
                .syntax(syntax())
                .thompson(nfa)
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
        mut found: impl FnMut(Range<usize>),
    ) {
        match self {
            Engine::Anchored(dfa) => {
                let cache = scratch.get_or_insert_with(|| Box::new(dfa.create_cache()));
                let mut end = line.start;
                for &start in starts.iter().filter(|&&s| s < line.end) {
                    if start < end {
                        continue;
                    }
                    let input = Input::new(text)
                        .range(start..line.end)
                        .anchored(Anchored::Yes);
                    // Without Unicode word boundaries and with no cache-clearing limit set,
                    // the lazy DFA cannot give up, so an error is only ever "no match".
                    if let Ok(Some(half)) = dfa.try_search_fwd(cache, &input)
                        && snap(text, half.offset()) > start
                    {
                        end = snap(text, half.offset());
                        found(start..end);
                    }
                }
            }
            Engine::Scan(regex) => {
                for m in regex.find_iter(Input::new(text).range(line)) {
                    let end = snap(text, m.end());
                    if end > m.start() {
                        found(m.start()..end);
                    }
                }
            }
        }
    }
}

/// An error with its causes: regex-automata's top-level messages ("error building NFA") leave
/// the reason to the source chain.
fn describe(error: &dyn std::error::Error) -> String {
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        message = format!("{message}: {inner}");
        cause = inner.source();
    }
    message
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

    #[test]
    fn built_in_triggers_are_what_extraction_gives() {
        for set in crate::rules::Catalog::builtin().unwrap().sets() {
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
        let starts: Vec<usize> = match &trigger {
            Trigger::Start(literals) => {
                let lower = text.to_ascii_lowercase();
                let mut at: Vec<usize> = literals
                    .iter()
                    .flat_map(|l| lower.match_indices(l.as_str()).map(|(i, _)| i))
                    .collect();
                at.sort();
                at
            }
            _ => Vec::new(),
        };
        let mut out = Vec::new();
        engine.find(&mut None, text, 0..text.len(), &starts, |r| {
            out.push(text[r].to_owned())
        });
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
