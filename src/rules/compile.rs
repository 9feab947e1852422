//! Every signal of every selected item, compiled once into two matchers.
//!
//! Phrases and references go into one Aho-Corasick automaton and patterns into one RegexSet,
//! so a plan is scanned once however many items are selected; only the patterns the set reports
//! for a block are run again to find their spans.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::Item;

/// Largest compiled size of one pattern; keeps a hostile rule file from eating memory.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SignalKind {
    Reference,
    Phrase,
    Pattern,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Reference => "reference",
            SignalKind::Phrase => "phrase",
            SignalKind::Pattern => "pattern",
        }
    }
}

/// One reference, phrase or pattern of one item.
#[derive(Debug, Clone)]
pub struct Signal {
    /// Index of the item in [`super::Rules::items`].
    pub item: usize,
    pub kind: SignalKind,
    /// The signal as written in the rule file.
    pub text: String,
}

/// A signal found in the text: `range` indexes the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub signal: usize,
    pub range: Range<usize>,
}

#[derive(Debug)]
pub struct Matcher {
    signals: Vec<Signal>,
    words: AhoCorasick,
    /// Automaton pattern → the signals that share that spelling.
    word_signals: Vec<Vec<usize>>,
    patterns: RegexSet,
    pattern_regexes: Vec<Regex>,
    pattern_signals: Vec<usize>,
}

/// Compiles one user pattern with the options every pattern gets.
pub fn regex(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .size_limit(PATTERN_SIZE_LIMIT)
        .build()
}

impl Matcher {
    /// Compiles the signals of `items` (already validated). Item indices are positions in the
    /// iterator.
    pub fn new<'a>(items: impl IntoIterator<Item = &'a Item>) -> Result<Self, regex::Error> {
        let mut signals = Vec::new();
        for (index, item) in items.into_iter().enumerate() {
            let kinds = [
                (SignalKind::Reference, &item.signals.references),
                (SignalKind::Phrase, &item.signals.phrases),
                (SignalKind::Pattern, &item.signals.patterns),
            ];
            for (kind, texts) in kinds {
                signals.extend(texts.iter().map(|text| Signal {
                    item: index,
                    kind,
                    text: text.clone(),
                }));
            }
        }

        let mut spellings: HashMap<String, usize> = HashMap::new();
        let mut word_signals: Vec<Vec<usize>> = Vec::new();
        let mut pattern_signals = Vec::new();
        for (i, signal) in signals.iter().enumerate() {
            if signal.kind == SignalKind::Pattern {
                pattern_signals.push(i);
                continue;
            }
            for spelling in spellings_of(&signal.text) {
                let next = word_signals.len();
                let slot = *spellings.entry(spelling).or_insert(next);
                if slot == next {
                    word_signals.push(Vec::new());
                }
                if !word_signals[slot].contains(&i) {
                    word_signals[slot].push(i);
                }
            }
        }
        let mut ordered: Vec<(String, usize)> = spellings.into_iter().collect();
        ordered.sort_by_key(|(_, slot)| *slot);
        let words = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(ordered.iter().map(|(spelling, _)| spelling))
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;

        let sources: Vec<&str> = pattern_signals
            .iter()
            .map(|&i| signals[i].text.as_str())
            .collect();
        let patterns = RegexSetBuilder::new(&sources)
            .case_insensitive(true)
            .size_limit(PATTERN_SIZE_LIMIT * sources.len().max(1))
            .build()?;
        let pattern_regexes = sources.iter().map(|p| regex(p)).collect::<Result<_, _>>()?;
        Ok(Self {
            signals,
            words,
            word_signals,
            patterns,
            pattern_regexes,
            pattern_signals,
        })
    }

    pub fn signals(&self) -> &[Signal] {
        &self.signals
    }

    /// Finds every signal in `text`, a sequence of blocks one per line. Phrases and references
    /// match whole words only; no match crosses a line. Hits come in no particular order.
    pub fn scan(&self, text: &str, mut on_hit: impl FnMut(Hit)) {
        for found in self.words.find_overlapping_iter(text) {
            let range = found.range();
            if !is_whole_word(text, &range) {
                continue;
            }
            for &signal in &self.word_signals[found.pattern().as_usize()] {
                on_hit(Hit {
                    signal,
                    range: range.clone(),
                });
            }
        }
        if self.pattern_regexes.is_empty() {
            return;
        }
        let mut start = 0;
        for line in text.split_inclusive('\n') {
            for index in self.patterns.matches(line).iter() {
                for found in self.pattern_regexes[index].find_iter(line) {
                    if !found.is_empty() {
                        on_hit(Hit {
                            signal: self.pattern_signals[index],
                            range: start + found.start()..start + found.end(),
                        });
                    }
                }
            }
            start += line.len();
        }
    }
}

/// The spellings a phrase matches: whitespace collapsed like the plan text, and both straight
/// and curly apostrophes, since plans use either.
fn spellings_of(phrase: &str) -> Vec<String> {
    let collapsed = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let curly = collapsed.replace('\'', "’");
    let straight = collapsed.replace('’', "'");
    let mut spellings = vec![straight, curly];
    spellings.dedup();
    spellings
}

/// A match is a whole word when it does not start or end inside a word of the text.
fn is_whole_word(text: &str, range: &Range<usize>) -> bool {
    let matched = &text[range.clone()];
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let starts_word = word(matched.chars().next());
    let ends_word = word(matched.chars().next_back());
    let joins_before = starts_word && word(text[..range.start].chars().next_back());
    let joins_after = ends_word && word(text[range.end..].chars().next());
    !joins_before && !joins_after
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Signals;

    fn item(phrases: &[&str], patterns: &[&str]) -> Item {
        Item {
            id: "X".into(),
            title: "t".into(),
            statement: "s".into(),
            summary: "s".into(),
            questions: vec![],
            signals: Signals {
                references: vec![],
                phrases: phrases.iter().map(|s| s.to_string()).collect(),
                patterns: patterns.iter().map(|s| s.to_string()).collect(),
            },
        }
    }

    fn hits(matcher: &Matcher, text: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        matcher.scan(text, |hit| {
            let signal = &matcher.signals()[hit.signal];
            found.push((signal.text.clone(), text[hit.range].to_owned()));
        });
        found.sort();
        found
    }

    #[test]
    fn phrases_match_whole_words_case_insensitively() {
        let m = Matcher::new([&item(&["carer", "unpaid carers"], &[])]).unwrap();
        assert_eq!(
            hits(&m, "Unpaid Carers and a carer, not careers or carers\n"),
            vec![
                ("carer".into(), "carer".into()),
                ("unpaid carers".into(), "Unpaid Carers".into()),
            ]
        );
    }

    #[test]
    fn overlapping_phrases_all_match_and_shared_spellings_reach_every_item() {
        let a = item(&["short breaks"], &[]);
        let b = item(&["breaks"], &[]);
        let c = item(&["Short  Breaks"], &[]);
        let m = Matcher::new([&a, &b, &c]).unwrap();
        let mut items = Vec::new();
        m.scan("short breaks\n", |hit| {
            items.push(m.signals()[hit.signal].item)
        });
        items.sort();
        assert_eq!(items, vec![0, 1, 2]);
    }

    #[test]
    fn apostrophes_match_either_way() {
        let m = Matcher::new([&item(&["carers' centre"], &[])]).unwrap();
        assert_eq!(hits(&m, "the carers’ centre\n").len(), 1);
    }

    #[test]
    fn patterns_match_within_one_line() {
        let m = Matcher::new([&item(&[], &[r"carers?\s+centre"])]).unwrap();
        assert_eq!(
            hits(&m, "a Carers Centre\nthe carer\ncentre\n"),
            vec![(r"carers?\s+centre".into(), "Carers Centre".into())]
        );
    }

    #[test]
    fn oversized_patterns_are_refused() {
        assert!(regex(r"\w{1000}{1000}").is_err());
    }
}
