//! Every signal of every selected item, compiled once into one scan.
//!
//! Phrases, references, group terms, exclusions and the literals that trigger patterns all go
//! into one Aho-Corasick automaton, so a plan is read once however many items are selected;
//! each pattern's own automaton then runs only where its literals were found
//! ([`super::pattern`]). Groups and exclusions are resolved per line from the hits found.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Mutex, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::pattern::{Engine, Scratch, Trigger};
use super::{Item, Scope};

/// Default weights: what one distinct hit of each kind adds to a section's score.
const PHRASE_WEIGHT: f32 = 1.0;
const PATTERN_WEIGHT: f32 = 1.5;
const GROUP_WEIGHT: f32 = 2.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SignalKind {
    Reference,
    Phrase,
    Pattern,
    Group,
}

impl SignalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Reference => "reference",
            SignalKind::Phrase => "phrase",
            SignalKind::Pattern => "pattern",
            SignalKind::Group => "group",
        }
    }
}

/// One reference, phrase, pattern or group of one item.
#[derive(Debug, Clone)]
pub struct Signal {
    /// Index of the item in [`super::Rules::items`].
    pub item: usize,
    pub kind: SignalKind,
    /// The signal as written in the rule file (a group is shown by its terms).
    pub text: String,
    pub weight: f32,
    pub scope: Option<Scope>,
}

/// A signal found in the text: `range` indexes the scanned text, `line` is the (0-based) line
/// of the text it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub signal: usize,
    pub line: usize,
    pub range: Range<usize>,
}

/// What one spelling in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Signal(usize),
    /// A term of a group; all alternatives of one term share a slot.
    Term {
        group: usize,
        slot: usize,
    },
    Exclusion {
        item: usize,
    },
    /// A literal that pattern `.0` (an index into [`Matcher::patterns`]) may start with.
    Start(usize),
    /// A literal that every match of pattern `.0` contains.
    Line(usize),
}

impl Use {
    /// Whether the spelling only counts as a whole word; trigger literals count anywhere, as
    /// the pattern decides its own boundaries.
    fn whole_word(self) -> bool {
        !matches!(self, Use::Start(_) | Use::Line(_))
    }
}

/// A pattern signal: how it is triggered and, once first needed, its automaton.
#[derive(Debug)]
struct CompiledPattern {
    signal: usize,
    trigger: Trigger,
    /// Compiled the first time the pattern's trigger occurs: most patterns never match a given
    /// plan. `None` if it cannot compile (see [`Matcher::engine`]).
    engine: OnceLock<Option<Engine>>,
}

/// A group, with its terms numbered into slots.
#[derive(Debug)]
struct CompiledGroup {
    signal: usize,
    all: Vec<usize>,
    any: Vec<usize>,
    not: Vec<usize>,
    near: Option<usize>,
}

#[derive(Debug)]
pub struct Matcher {
    signals: Vec<Signal>,
    words: AhoCorasick,
    /// Automaton pattern → what that spelling stands for.
    word_uses: Vec<Vec<Use>>,
    groups: Vec<CompiledGroup>,
    patterns: Vec<CompiledPattern>,
    /// Scratch space for the pattern automata, one set per concurrent scan, kept between scans
    /// so that a batch does not rebuild the lazy DFAs' states for every plan.
    scratch: Mutex<Vec<Vec<Scratch>>>,
}

/// Collects spellings for the automaton, sharing one entry between all uses of a spelling.
#[derive(Default)]
struct Spellings {
    slots: HashMap<String, usize>,
    uses: Vec<Vec<Use>>,
}

impl Spellings {
    fn add(&mut self, phrase: &str, what: Use) {
        for spelling in spellings_of(phrase) {
            self.add_exact(spelling, what);
        }
    }

    /// Adds one spelling as it is (ASCII-lowercased, as the automaton reads lowercased text).
    fn add_exact(&mut self, spelling: String, what: Use) {
        let next = self.uses.len();
        let slot = *self
            .slots
            .entry(spelling.to_ascii_lowercase())
            .or_insert(next);
        if slot == next {
            self.uses.push(Vec::new());
        }
        if !self.uses[slot].contains(&what) {
            self.uses[slot].push(what);
        }
    }

    /// Builds the automaton. It is case-sensitive over an ASCII-lowercased copy of the text
    /// (same byte offsets): an ASCII-case-insensitive automaton took three times as long to
    /// build, for the same matches.
    fn build(self) -> Result<(AhoCorasick, Vec<Vec<Use>>), String> {
        let mut ordered: Vec<(String, usize)> = self.slots.into_iter().collect();
        ordered.sort_by_key(|(_, slot)| *slot);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(ordered.iter().map(|(spelling, _)| spelling))
            .map_err(|e| e.to_string())?;
        Ok((automaton, self.uses))
    }
}

impl Matcher {
    /// Compiles the signals of `items` (already validated). Item indices are positions in the
    /// iterator; `thresholds` gives each item's addressed score, which a reference scores alone.
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a Item, f32)>) -> Result<Self, String> {
        let mut signals = Vec::new();
        let mut spellings = Spellings::default();
        let mut groups = Vec::new();
        let mut patterns = Vec::new();
        let mut slots = 0;
        for (index, (item, threshold)) in items.into_iter().enumerate() {
            let mut push = |kind, text: &str, weight: Option<f32>, default, scope| {
                signals.push(Signal {
                    item: index,
                    kind,
                    text: text.to_owned(),
                    weight: weight.unwrap_or(default),
                    scope,
                });
                signals.len() - 1
            };
            let s = &item.signals;
            for reference in &s.references {
                let id = push(SignalKind::Reference, reference, None, threshold, None);
                spellings.add(reference, Use::Signal(id));
            }
            for p in &s.phrases {
                let id = push(
                    SignalKind::Phrase,
                    &p.phrase,
                    p.weight,
                    PHRASE_WEIGHT,
                    p.scope,
                );
                spellings.add(&p.phrase, Use::Signal(id));
            }
            for p in &s.patterns {
                let id = push(
                    SignalKind::Pattern,
                    &p.pattern,
                    p.weight,
                    PATTERN_WEIGHT,
                    p.scope,
                );
                let trigger = super::pattern::trigger(&p.pattern);
                let index = patterns.len();
                match &trigger {
                    Trigger::Start(literals) => literals
                        .iter()
                        .for_each(|l| spellings.add_exact(l.clone(), Use::Start(index))),
                    Trigger::Line(literals) => literals
                        .iter()
                        .for_each(|l| spellings.add_exact(l.clone(), Use::Line(index))),
                    Trigger::Always => {}
                }
                patterns.push(CompiledPattern {
                    signal: id,
                    trigger,
                    engine: OnceLock::new(),
                });
            }
            for g in &s.groups {
                let id = push(
                    SignalKind::Group,
                    &g.describe(),
                    g.weight,
                    GROUP_WEIGHT,
                    g.scope,
                );
                let group = groups.len();
                let mut number = |terms: &[super::Term]| -> Vec<usize> {
                    terms
                        .iter()
                        .map(|term| {
                            let slot = slots;
                            slots += 1;
                            for phrase in &term.0 {
                                spellings.add(phrase, Use::Term { group, slot });
                            }
                            slot
                        })
                        .collect()
                };
                groups.push(CompiledGroup {
                    signal: id,
                    all: number(&g.all),
                    any: number(&g.any),
                    not: number(&g.not),
                    near: g.near,
                });
            }
            for exclusion in &s.exclusions {
                spellings.add(exclusion, Use::Exclusion { item: index });
            }
        }
        let (words, word_uses) = spellings.build()?;
        Ok(Self {
            signals,
            words,
            word_uses,
            groups,
            patterns,
            scratch: Mutex::default(),
        })
    }

    pub fn signals(&self) -> &[Signal] {
        &self.signals
    }

    /// Finds every signal in `text`, a sequence of blocks one per line with whitespace
    /// collapsed to single spaces, as the document stage makes it (pattern triggers rely on
    /// that, [`super::trigger`]). Phrases, references and group terms match whole words only;
    /// no match crosses a line; a hit that overlaps one of its item's exclusions is dropped.
    /// Hits come in no particular order.
    pub fn scan(&self, text: &str, mut on_hit: impl FnMut(Hit)) {
        let lines = Lines::new(text);
        let mut hits = Vec::new();
        let mut terms = Vec::new();
        let mut exclusions = Vec::new();
        let mut candidates = vec![Vec::new(); self.patterns.len()];
        let lower = text.to_ascii_lowercase();
        let mut line = 0;
        for found in self.words.find_overlapping_iter(&lower) {
            let range = found.range();
            line = lines.of_after(line, range.start);
            let uses = &self.word_uses[found.pattern().as_usize()];
            let mut whole_word = None;
            for &what in uses {
                if what.whole_word()
                    && !*whole_word.get_or_insert_with(|| is_whole_word(text, &range))
                {
                    continue;
                }
                let range = range.clone();
                match what {
                    Use::Signal(signal) => hits.push(Hit {
                        signal,
                        line,
                        range,
                    }),
                    Use::Term { group, slot } => terms.push((line, group, slot, range)),
                    Use::Exclusion { item } => exclusions.push((item, range)),
                    Use::Start(pattern) => candidates[pattern].push((line, range.start)),
                    Use::Line(pattern) => candidates[pattern].push((line, 0)),
                }
            }
        }
        drop(lower); // as large as the plan text, and not needed past the automaton
        self.scan_patterns(text, &lines, candidates, &mut hits);
        self.resolve_groups(text, terms, &mut hits);
        exclusions.sort_by_key(|(item, range)| (*item, range.start));
        for hit in hits {
            if !self.is_excluded(&hit, &exclusions) {
                on_hit(hit);
            }
        }
    }

    /// Whether `hit` overlaps an exclusion of its item; `exclusions` is sorted by item, start.
    fn is_excluded(&self, hit: &Hit, exclusions: &[(usize, Range<usize>)]) -> bool {
        let item = self.signals[hit.signal].item;
        let before = exclusions.partition_point(|(i, r)| (*i, r.start) < (item, hit.range.end));
        exclusions[..before]
            .iter()
            .rev()
            .take_while(|(i, _)| *i == item)
            .any(|(_, r)| r.end > hit.range.start)
    }

    /// Runs each triggered pattern over the lines its trigger occurred in. `candidates` holds,
    /// for each pattern, (line, trigger start) pairs.
    fn scan_patterns(
        &self,
        text: &str,
        lines: &Lines,
        mut candidates: Vec<Vec<(usize, usize)>>,
        hits: &mut Vec<Hit>,
    ) {
        let mut scratch = self.take_scratch();
        let mut starts = Vec::new();
        for (index, pattern) in self.patterns.iter().enumerate() {
            let candidates = &mut candidates[index];
            if pattern.trigger == Trigger::Always {
                candidates.extend((0..lines.count()).map(|line| (line, 0)));
            }
            if candidates.is_empty() {
                continue;
            }
            let Some(engine) = self.engine(index) else {
                continue;
            };
            // Nearly sorted already: the automaton reports matches in order of their ends.
            candidates.sort_unstable();
            candidates.dedup();
            let scratch = &mut scratch[index];
            for chunk in candidates.chunk_by(|a, b| a.0 == b.0) {
                let line = chunk[0].0;
                starts.clear();
                starts.extend(chunk.iter().map(|c| c.1));
                engine.find(scratch, text, lines.range(line), &starts, |range| {
                    hits.push(Hit {
                        signal: pattern.signal,
                        line,
                        range,
                    })
                });
            }
        }
        if let Ok(mut pool) = self.scratch.lock() {
            pool.push(scratch);
        }
    }

    /// A set of pattern scratch spaces for one scan, reused from an earlier scan if one is free.
    fn take_scratch(&self) -> Vec<Scratch> {
        let mut set = self
            .scratch
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_default();
        set.resize_with(self.patterns.len(), || None);
        set
    }

    /// Pattern `index`'s automaton, compiled on first use. Users' rule files are loaded through
    /// [`super::parse`], which refuses any pattern that does not compile, and a test proves the
    /// built-ins the same way, so `None` only happens for items built by hand.
    fn engine(&self, index: usize) -> Option<&Engine> {
        let pattern = &self.patterns[index];
        pattern
            .engine
            .get_or_init(|| {
                let source = &self.signals[pattern.signal].text;
                Engine::new(source, &pattern.trigger).ok()
            })
            .as_ref()
    }

    /// Turns group terms found in the same line into group hits; `placed` holds
    /// (line, group, slot, range) for each term found.
    fn resolve_groups(
        &self,
        text: &str,
        mut placed: Vec<(usize, usize, usize, Range<usize>)>,
        hits: &mut Vec<Hit>,
    ) {
        placed.sort_by_key(|(line, group, _, range)| (*line, *group, range.start));
        for chunk in placed.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let group = &self.groups[chunk[0].1];
            let found: Vec<(usize, Range<usize>)> = chunk
                .iter()
                .map(|(_, _, slot, r)| (*slot, r.clone()))
                .collect();
            if let Some(range) = group.matches(text, &found) {
                hits.push(Hit {
                    signal: group.signal,
                    line: chunk[0].0,
                    range,
                });
            }
        }
    }
}

impl CompiledGroup {
    /// The span of the group's match among `found` (slot, range) term hits of one line, sorted
    /// by start.
    fn matches(&self, text: &str, found: &[(usize, Range<usize>)]) -> Option<Range<usize>> {
        let has = |slot: &usize| found.iter().any(|(s, _)| s == slot);
        if self.not.iter().any(has) || !self.all.iter().all(has) {
            return None;
        }
        if !self.any.is_empty() && !self.any.iter().any(has) {
            return None;
        }
        let wanted = |slot: usize| self.all.contains(&slot) || self.any.contains(&slot);
        let hits: Vec<&(usize, Range<usize>)> = found.iter().filter(|(s, _)| wanted(*s)).collect();
        let complete = |window: &[&(usize, Range<usize>)]| {
            let in_window = |slot: &usize| window.iter().any(|(s, _)| s == slot);
            self.all.iter().all(in_window)
                && (self.any.is_empty() || self.any.iter().any(in_window))
        };
        let span = |window: &[&(usize, Range<usize>)]| {
            let start = window.iter().map(|(_, r)| r.start).min().unwrap_or(0);
            let end = window.iter().map(|(_, r)| r.end).max().unwrap_or(0);
            start..end
        };
        let Some(limit) = self.near else {
            return Some(span(&hits));
        };
        // The shortest window starting at each hit that holds every wanted term.
        (0..hits.len())
            .filter_map(|from| {
                (from + 1..=hits.len())
                    .map(|to| &hits[from..to])
                    .find(|window| complete(window))
            })
            .map(span)
            .find(|range| words_between(text, range) <= limit)
    }
}

/// The lines of a scanned text, found once per scan.
struct Lines {
    /// Offset of each `\n`.
    newlines: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Self {
        let newlines = text.match_indices('\n').map(|(i, _)| i).collect();
        Self {
            newlines,
            len: text.len(),
        }
    }

    /// The line holding byte `at`.
    fn of(&self, at: usize) -> usize {
        self.newlines.partition_point(|&n| n < at)
    }

    /// [`Self::of`] for a byte at or after the start of line `hint`: a step or two forward, as
    /// the automaton reports matches in order of their ends, where a binary search over a large
    /// plan's lines made the scan superlinear.
    fn of_after(&self, hint: usize, at: usize) -> usize {
        if hint > 0 && self.newlines.get(hint - 1).is_none_or(|&n| n >= at) {
            return self.of(at);
        }
        let ahead = self.newlines[hint.min(self.newlines.len())..].iter();
        hint + ahead.take_while(|&&n| n < at).count()
    }

    fn count(&self) -> usize {
        self.newlines.len() + 1
    }

    /// Line `line`'s bytes, without its `\n`.
    fn range(&self, line: usize) -> Range<usize> {
        let start = match line {
            0 => 0,
            _ => self.newlines[line - 1] + 1,
        };
        start..self.newlines.get(line).copied().unwrap_or(self.len)
    }
}

/// Words strictly between the first and last word of `range` in collapsed text, plus one: the
/// distance `near` measures.
fn words_between(text: &str, range: &Range<usize>) -> usize {
    text[range.clone()].matches(' ').count()
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
                phrases: phrases
                    .iter()
                    .map(|s| crate::rules::Phrase {
                        phrase: s.to_string(),
                        weight: None,
                        scope: None,
                    })
                    .collect(),
                patterns: patterns
                    .iter()
                    .map(|s| crate::rules::Pattern {
                        pattern: s.to_string(),
                        weight: None,
                        scope: None,
                    })
                    .collect(),
                ..Signals::default()
            },
            source: None,
            obligation: Default::default(),
            threshold: None,
            structure: None,
            examples: Default::default(),
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
        let m = Matcher::new([(&item(&["carer", "unpaid carers"], &[]), 3.0)]).unwrap();
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
        let m = Matcher::new([(&a, 3.0), (&b, 3.0), (&c, 3.0)]).unwrap();
        let mut items = Vec::new();
        m.scan("short breaks\n", |hit| {
            items.push(m.signals()[hit.signal].item)
        });
        items.sort();
        assert_eq!(items, vec![0, 1, 2]);
    }

    #[test]
    fn apostrophes_match_either_way() {
        let m = Matcher::new([(&item(&["carers' centre"], &[]), 3.0)]).unwrap();
        assert_eq!(hits(&m, "the carers’ centre\n").len(), 1);
    }

    #[test]
    fn patterns_match_within_one_line() {
        let m = Matcher::new([(&item(&[], &[r"carers?\s+centre"]), 3.0)]).unwrap();
        assert_eq!(
            hits(&m, "a Carers Centre\nthe carer\ncentre\n"),
            vec![(r"carers?\s+centre".into(), "Carers Centre".into())]
        );
    }

    fn with_yaml(yaml: &str) -> Item {
        let mut item = item(&[], &[]);
        item.signals = crate::yaml::from_str(yaml).unwrap();
        item
    }

    fn signal_hits(m: &Matcher, text: &str) -> Vec<(SignalKind, String)> {
        let mut found = Vec::new();
        m.scan(text, |hit| {
            found.push((m.signals()[hit.signal].kind, text[hit.range].to_owned()))
        });
        found.sort();
        found
    }

    #[test]
    fn groups_need_every_all_term_in_one_line_and_no_not_term() {
        let i =
            with_yaml("groups: [{all: [[carer, carers], [break, breaks, respite]], not: [staff]}]");
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert_eq!(
            signal_hits(&m, "Carers need a break.\n"),
            vec![(SignalKind::Group, "Carers need a break".into())]
        );
        assert!(
            signal_hits(&m, "Carers talked.\nA break came.\n").is_empty(),
            "across lines"
        );
        assert!(
            signal_hits(&m, "Carers and staff need a break.\n").is_empty(),
            "`not` term"
        );
    }

    #[test]
    fn near_limits_the_words_between_terms() {
        let i = with_yaml("groups: [{all: [carers, respite], near: 3}]");
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert_eq!(signal_hits(&m, "carers get more respite\n").len(), 1);
        assert!(signal_hits(&m, "carers said that in the end respite\n").is_empty());
        let far_then_near = "respite was rare, so carers asked for respite\n";
        assert_eq!(
            signal_hits(&m, far_then_near),
            vec![(SignalKind::Group, "carers asked for respite".into())]
        );
    }

    #[test]
    fn any_needs_one_of_its_terms() {
        let i = with_yaml("groups: [{all: [carers], any: [respite, short breaks]}]");
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert_eq!(signal_hits(&m, "short breaks for carers\n").len(), 1);
        assert!(signal_hits(&m, "carers met\n").is_empty());
    }

    #[test]
    fn exclusions_cancel_overlapping_hits_of_their_item_only() {
        let a = with_yaml("phrases: [prevention]\nexclusions: [infection prevention]");
        let b = with_yaml("phrases: [prevention]");
        let m = Matcher::new([(&a, 3.0), (&b, 3.0)]).unwrap();
        let mut items = Vec::new();
        m.scan("infection prevention and prevention\n", |hit| {
            items.push((m.signals()[hit.signal].item, hit.range.start))
        });
        items.sort();
        assert_eq!(items, vec![(0, 25), (1, 10), (1, 25)]);
    }

    #[test]
    fn weights_default_by_kind_and_references_score_the_threshold() {
        let i = with_yaml(
            "references: [outcome 6]\nphrases: [a, {phrase: b, weight: 0.5}]\npatterns: [c]\ngroups: [{all: [d]}]",
        );
        let m = Matcher::new([(&i, 4.0)]).unwrap();
        let weights: Vec<(SignalKind, f32)> =
            m.signals().iter().map(|s| (s.kind, s.weight)).collect();
        assert_eq!(
            weights,
            vec![
                (SignalKind::Reference, 4.0),
                (SignalKind::Phrase, 1.0),
                (SignalKind::Phrase, 0.5),
                (SignalKind::Pattern, 1.5),
                (SignalKind::Group, 2.0),
            ]
        );
    }

    #[test]
    fn anchored_and_line_patterns_share_the_scan() {
        let i = with_yaml(
            r"patterns: ['\bunpaid\s+carers?\b', '\b(?:two|\d+)\s+localities\b', '\w+\s+hubs\b']",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert_eq!(
            hits(
                &m,
                "UNPAID carers in 4 localities\nunpaid\ncarers, three community hubs\n"
            ),
            vec![
                (
                    r"\b(?:two|\d+)\s+localities\b".into(),
                    "4 localities".into()
                ),
                (r"\bunpaid\s+carers?\b".into(), "UNPAID carers".into()),
                (r"\w+\s+hubs\b".into(), "community hubs".into()),
            ]
        );
    }
}
