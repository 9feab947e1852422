//! Every signal of every selected item, compiled once into one scan.
//!
//! One module per kind of signal: [`phrases`] (phrases, references, group terms and
//! exclusions, all matched as word sequences on stems in one trie), [`patterns`] (regexes, each
//! run only where the literals it needs occur) and [`groups`] (terms that must occur together,
//! resolved from the terms found). A scan cuts each line into words once and runs the pattern
//! triggers' automaton once, however many items are selected. A new kind of signal is a module
//! here and one arm of [`Compiler::item`].

mod groups;
mod patterns;
mod phrases;

use std::ops::Range;
use std::sync::Mutex;

use foldhash::HashSet;

use super::{Item, Scope};
use crate::parallel;

/// Default weights: what one distinct hit of each kind adds to a section's score.
const PHRASE_WEIGHT: f32 = 1.0;
const PATTERN_WEIGHT: f32 = 1.5;
const GROUP_WEIGHT: f32 = 2.0;

/// Which kind of rule a signal comes from; decides its default weight and how `explain` shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SignalKind {
    /// An explicit reference to the item ("Outcome 6").
    Reference,
    /// A phrase, matched on whole words.
    Phrase,
    /// A service's name, matched as a phrase and counted half unless a sentence of purpose
    /// governs it.
    Service,
    /// A regular expression.
    Pattern,
    /// A combination of phrases in one block.
    Group,
}

impl SignalKind {
    /// The lowercase name `explain` and the JSON report use (`pattern`).
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Reference => "reference",
            SignalKind::Phrase => "phrase",
            SignalKind::Service => "service",
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
    /// What kind of rule it is.
    pub kind: SignalKind,
    /// The signal as written in the rule file (a group is shown by its terms).
    pub text: String,
    /// What one distinct hit adds to a section's score.
    pub weight: f32,
    /// The blocks it may match in; any when `None`.
    pub scope: Option<Scope>,
}

/// A signal found in the text: `range` indexes the scanned text, `line` is the (0-based) line
/// of the text it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The signal found, as an index into [`Matcher::signals`].
    pub signal: usize,
    /// The (0-based) line of the scanned text, which is the index of the block it is in.
    pub line: usize,
    /// Where in the scanned text.
    pub range: Range<usize>,
}

/// What a phrase of the trie stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// A phrase or reference signal.
    Signal(usize),
    /// A term of a group; all alternatives of one term share a slot.
    Term {
        group: usize,
        slot: usize,
    },
    Exclusion {
        item: usize,
    },
}

/// Every signal of the selected items compiled together, so a plan is scanned once however
/// many items there are.
#[derive(Debug)]
pub struct Matcher {
    signals: Vec<Signal>,
    phrases: phrases::Phrases,
    groups: groups::Groups,
    patterns: patterns::Patterns,
    /// Word caches, one per concurrent scan, kept between scans (see [`phrases`]).
    words: Mutex<Vec<phrases::Scratch>>,
}

/// Collects the signals of each item by kind.
#[derive(Default)]
struct Compiler {
    signals: Vec<Signal>,
    phrases: phrases::Phrases,
    groups: groups::Groups,
    /// The signal of each pattern, in the order of the items and their patterns.
    pattern_signals: Vec<usize>,
    /// (item, weight, scope, trie ends) of each phrase and reference signal in the trie.
    word_signals: HashSet<(usize, u32, Option<Scope>, Vec<usize>)>,
}

impl Compiler {
    /// Adds the signals of `item`, numbered `index`, whose addressed score is `threshold`.
    fn item(&mut self, index: usize, item: &Item, threshold: f32) {
        let s = &item.signals;
        for reference in &s.references {
            let id = self.signal(index, SignalKind::Reference, reference, threshold, None);
            self.word_signal(id, reference);
        }
        let phrases = s.phrases.iter().map(|p| (SignalKind::Phrase, p));
        for (kind, p) in phrases.chain(s.services.iter().map(|p| (SignalKind::Service, p))) {
            let weight = p.weight.unwrap_or(PHRASE_WEIGHT);
            let id = self.signal(index, kind, &p.text, weight, p.scope);
            self.word_signal(id, &p.text);
        }
        for p in &s.patterns {
            let weight = p.weight.unwrap_or(PATTERN_WEIGHT);
            let id = self.signal(index, SignalKind::Pattern, &p.text, weight, p.scope);
            self.pattern_signals.push(id);
        }
        for g in &s.groups {
            let weight = g.weight.unwrap_or(GROUP_WEIGHT);
            let id = self.signal(index, SignalKind::Group, &g.describe(), weight, g.scope);
            self.groups.add(id, g, &mut self.phrases);
        }
        for exclusion in &s.exclusions {
            self.phrases.add(exclusion, Use::Exclusion { item: index });
        }
    }

    /// Adds phrase or reference `text`, signal `id`, to the trie, unless an earlier signal of
    /// the item with the same weight and scope has the very same spellings ("carer" and
    /// "carers"): both would hit at the same places, where a link counts only the first
    /// ([`crate::audit`]), so the second would only cost scan time.
    fn word_signal(&mut self, id: usize, text: &str) {
        let signal = &self.signals[id];
        let ends = self.phrases.paths(text);
        let key = (
            signal.item,
            signal.weight.to_bits(),
            signal.scope,
            ends.clone(),
        );
        if self.word_signals.insert(key) {
            for node in ends {
                self.phrases.end(node, Use::Signal(id));
            }
        }
    }

    fn signal(
        &mut self,
        item: usize,
        kind: SignalKind,
        text: &str,
        weight: f32,
        scope: Option<Scope>,
    ) -> usize {
        self.signals.push(Signal {
            item,
            kind,
            text: text.to_owned(),
            weight,
            scope,
        });
        self.signals.len() - 1
    }
}

impl Matcher {
    /// Compiles the signals of `items` (already validated). Item indices are positions in the
    /// iterator; each comes with its addressed score, which a reference scores alone.
    ///
    /// The patterns' trigger automaton needs the patterns but not their signals' numbers, so on
    /// a rayon pool (`check` compiles the rules on its run's pool) it is built beside the phrase
    /// trie: each was about a fifth of compiling the built-in rules.
    pub fn new<'a>(items: impl IntoIterator<Item = (&'a Item, f32)>) -> Result<Self, String> {
        let items: Vec<(&Item, f32)> = items.into_iter().collect();
        let on_pool = rayon::current_thread_index().is_some();
        let (compiler, patterns) = parallel::join(
            on_pool,
            || {
                let mut compiler = Compiler::default();
                for (index, &(item, threshold)) in items.iter().enumerate() {
                    compiler.item(index, item, threshold);
                }
                compiler.phrases.finish();
                compiler
            },
            || {
                let mut patterns = patterns::Builder::default();
                for p in items.iter().flat_map(|(item, _)| &item.signals.patterns) {
                    patterns.add(&p.text);
                }
                patterns.build()
            },
        );
        Ok(Self {
            signals: compiler.signals,
            phrases: compiler.phrases,
            groups: compiler.groups,
            patterns: patterns?.numbered(compiler.pattern_signals),
            words: Mutex::default(),
        })
    }

    /// Every signal, indexed by [`Hit::signal`] and evidence.
    pub fn signals(&self) -> &[Signal] {
        &self.signals
    }

    /// Finds every signal in `text`, a sequence of blocks one per line with whitespace
    /// collapsed to single spaces, as the document stage makes it (pattern triggers rely on
    /// that, `rules::trigger`). Phrases, references and group terms match whole words on
    /// their stems; no match crosses a line; a hit that overlaps one of its item's exclusions is
    /// dropped. Returns what `keep` makes of each hit, chunk by chunk in document order and in
    /// no particular order within a chunk.
    ///
    /// The text is read a chunk of lines at a time, as no match crosses a line, and a large
    /// text's chunks are scanned in parallel on the current rayon pool: the scan is a third of
    /// a large plan's audit, and a single plan otherwise used one core. `keep` sees each hit as its
    /// chunk finds it, so a scan holds what `keep` returns rather than every hit (on a 10 MB
    /// plan the hits and a lowercased copy of the plan were over a third of the run's peak
    /// memory).
    pub fn scan<T: Send>(&self, text: &str, keep: impl Fn(Hit) -> Option<T> + Sync) -> Vec<T> {
        let lines = Lines::new(text);
        let mut chunks = Vec::new();
        let mut first = 0;
        while first < lines.count() {
            let end = lines.chunk_end(first, CHUNK_BYTES);
            chunks.push(first..end);
            first = end;
        }
        let parallel = parallel::worth_it(text);
        let mut all = Vec::new();
        for window in chunks.chunks(CHUNKS_AT_ONCE) {
            let found = parallel::map_in_order(window, parallel, Chunk::default, |chunk, range| {
                chunk.words = self.take_words();
                let mut kept = Vec::new();
                self.scan_chunk(text, &lines, range.clone(), chunk, &mut |hit| {
                    kept.extend(keep(hit));
                });
                if let Ok(mut pool) = self.words.lock() {
                    pool.push(std::mem::take(&mut chunk.words));
                }
                kept
            });
            for kept in found {
                all.extend(kept);
            }
        }
        all
    }

    /// [`Self::scan`] over the lines `range` of `text`, with `chunk`'s buffers.
    fn scan_chunk(
        &self,
        text: &str,
        lines: &Lines,
        range: Range<usize>,
        chunk: &mut Chunk,
        on_hit: &mut impl FnMut(Hit),
    ) {
        let offset = lines.range(range.start).start;
        let bytes = offset..lines.range(range.end - 1).end;
        chunk.lower.clear();
        chunk.lower.push_str(&text[bytes]);
        chunk.lower.make_ascii_lowercase();
        let Chunk {
            lower,
            words,
            hits,
            terms,
            exclusions,
        } = chunk;
        for line in range.clone() {
            let in_line = lines.range(line);
            let start = in_line.start;
            let lowered = &lower[in_line.start - offset..in_line.end - offset];
            self.phrases.scan_line(lowered, words, |what, range, span| {
                let range = start + range.start..start + range.end;
                match what {
                    Use::Signal(signal) => hits.push(Hit {
                        signal,
                        line,
                        range,
                    }),
                    Use::Term { group, slot } => terms.push(groups::Found {
                        line,
                        group,
                        slot,
                        range,
                        words: span,
                    }),
                    Use::Exclusion { item } => exclusions.push((item, range)),
                }
            });
        }
        self.patterns.scan(text, lower, lines, range, hits);
        exclusions.sort_by_key(|(item, range)| (*item, range.start));
        // A wanted term inside an exclusion is not there for its group: "crisis" in
        // "financial crisis" must not start the span of a group that a later "crisis service"
        // completes. A `not` or `except` term stays, to cancel as it says.
        if !exclusions.is_empty() {
            let item = |group| self.signals[self.groups.signal(group)].item;
            terms.retain(|t| {
                !self.groups.wants(t.group, t.slot)
                    || !is_excluded(item(t.group), &t.range, exclusions)
            });
        }
        self.groups.resolve(terms, hits);
        for hit in hits.drain(..) {
            if !is_excluded(self.signals[hit.signal].item, &hit.range, exclusions) {
                on_hit(hit);
            }
        }
        exclusions.clear();
    }

    /// A word cache for one scan, reused from an earlier scan if one is free.
    fn take_words(&self) -> phrases::Scratch {
        self.words
            .lock()
            .ok()
            .and_then(|mut pool| pool.pop())
            .unwrap_or_else(|| self.phrases.scratch())
    }
}

/// Whether `range` overlaps an exclusion of `item`; `exclusions` is sorted by item, start.
fn is_excluded(item: usize, range: &Range<usize>, exclusions: &[(usize, Range<usize>)]) -> bool {
    let before = exclusions.partition_point(|(i, r)| (*i, r.start) < (item, range.end));
    exclusions[..before]
        .iter()
        .rev()
        .take_while(|(i, _)| *i == item)
        .any(|(_, r)| r.end > range.start)
}

/// Bytes of text a scan reads at a time (whole lines, so a chunk may be longer).
const CHUNK_BYTES: usize = 1 << 16;

/// Chunks scanned before their hits join the scan's result: enough to keep two threads busy,
/// few enough that the chunks' own lists never stand beside the whole result (on a 30 MB
/// plan of short paragraphs every chunk's list at once had been 97 MB beside a 54 MB result).
const CHUNKS_AT_ONCE: usize = 64;

/// What a thread's scan of its chunks reuses from one to the next.
#[derive(Default)]
struct Chunk {
    /// The chunk's text, ASCII-lowercased (same byte offsets).
    lower: String,
    words: phrases::Scratch,
    hits: Vec<Hit>,
    terms: Vec<groups::Found>,
    exclusions: Vec<(usize, Range<usize>)>,
}

/// The lines of a scanned text, found once per scan.
struct Lines {
    /// Offset of each `\n`.
    newlines: Vec<usize>,
    len: usize,
}

impl Lines {
    fn new(text: &str) -> Self {
        let newlines = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
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

    /// The end (exclusive) of a chunk of lines that starts at line `first` and holds about
    /// `bytes`: at least one line, and whole lines.
    fn chunk_end(&self, first: usize, bytes: usize) -> usize {
        let last = self.of(self.range(first).start.saturating_add(bytes));
        (last + 1).clamp(first + 1, self.count())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Signals, Weighted};

    fn item(phrases: &[&str], patterns: &[&str]) -> Item {
        Item {
            id: "X".into(),
            title: "t".into(),
            names: vec![],
            statement: "s".into(),
            summary: "s".into(),
            questions: vec![],
            signals: Signals {
                phrases: phrases.iter().map(|s| Weighted::new(*s)).collect(),
                patterns: patterns.iter().map(|s| Weighted::new(*s)).collect(),
                ..Signals::default()
            },
            source: None,
            obligation: Default::default(),
            threshold: None,
            structure: None,
            locality_sections: false,
            examples: Default::default(),
        }
    }

    fn hits(matcher: &Matcher, text: &str) -> Vec<(String, String)> {
        let mut found = matcher.scan(text, |hit| {
            let signal = &matcher.signals()[hit.signal];
            Some((signal.text.clone(), text[hit.range].to_owned()))
        });
        found.sort();
        found
    }

    #[test]
    fn phrases_match_whole_words_in_any_form_and_case() {
        let m = Matcher::new([(&item(&["carer", "unpaid carers"], &[]), 3.0)]).unwrap();
        assert_eq!(
            hits(&m, "Unpaid Carers and a carer, not careers or caretakers\n"),
            vec![
                ("carer".into(), "Carers".into()),
                ("carer".into(), "carer".into()),
                ("unpaid carers".into(), "Unpaid Carers".into()),
            ]
        );
        let m = Matcher::new([(&item(&["live independently"], &[]), 3.0)]).unwrap();
        assert_eq!(hits(&m, "living independent lives\n").len(), 1);
    }

    #[test]
    fn spellings_hyphens_and_ampersands_read_alike() {
        let m = Matcher::new([(
            &item(
                &[
                    "organise care",
                    "self-management",
                    "wellbeing",
                    "health and social care",
                ],
                &[],
            ),
            3.0,
        )])
        .unwrap();
        let text = "Organizing care. Self management and well-being in Health & Social Care.\n";
        assert_eq!(
            hits(&m, text),
            vec![
                (
                    "health and social care".into(),
                    "Health & Social Care".into()
                ),
                ("organise care".into(), "Organizing care".into()),
                ("self-management".into(), "Self management".into()),
                ("wellbeing".into(), "well-being".into()),
            ]
        );
    }

    #[test]
    fn punctuation_between_words_must_be_the_phrase_own() {
        let m = Matcher::new([(&item(&["unpaid carers", "you said, we did"], &[]), 3.0)]).unwrap();
        assert!(hits(&m, "unpaid. Carers said we did\n").is_empty());
        assert_eq!(
            hits(&m, "unpaid\u{2019} carers; you said , we did\n").len(),
            2
        );
    }

    #[test]
    fn padding_allows_a_few_words_within_a_sentence() {
        let m = Matcher::new([(
            &item(&["manage ... health", "outcomes ...6 report"], &[]),
            3.0,
        )])
        .unwrap();
        assert_eq!(
            hits(&m, "People manage their own long-term health.\n"),
            vec![(
                "manage ... health".into(),
                "manage their own long-term health".into()
            )]
        );
        assert_eq!(
            hits(&m, "the outcomes that patients and service users report\n").len(),
            1
        );
        assert!(
            hits(&m, "we manage. Health is\n").is_empty(),
            "sentence end"
        );
        assert!(
            hits(&m, "managed by a team of four for health\n").is_empty(),
            "too far"
        );
        assert_eq!(
            hits(&m, "manage health and health\n"),
            vec![("manage ... health".into(), "manage health".into())],
            "shortest match only"
        );
    }

    #[test]
    fn overlapping_phrases_all_match_and_shared_spellings_reach_every_item() {
        let a = item(&["short breaks"], &[]);
        let b = item(&["breaks"], &[]);
        let c = item(&["Short  Breaks"], &[]);
        let m = Matcher::new([(&a, 3.0), (&b, 3.0), (&c, 3.0)]).unwrap();
        let mut items = m.scan("short breaks\n", |hit| Some(m.signals()[hit.signal].item));
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
        let mut found = m.scan(text, |hit| {
            Some((m.signals()[hit.signal].kind, text[hit.range].to_owned()))
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
    fn a_term_inside_an_except_phrase_does_not_count() {
        let i = with_yaml(
            "groups: [{all: [[hospital, ward]], any: [home], except: [care home], near: 5}]",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert!(signal_hits(&m, "Wards and care homes will meet.\n").is_empty());
        // Unlike `not`, the phrase leaves the block's other words free to match.
        assert_eq!(
            signal_hits(&m, "From a care home to hospital and back home.\n"),
            vec![(SignalKind::Group, "hospital and back home".into())]
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
    fn least_needs_that_many_distinct_all_terms_within_near() {
        let i = with_yaml(
            "groups: [{all: [[carer, carers], respite, unpaid, [own health]], least: 3, near: 12}]",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        let three = "unpaid carers need respite\n";
        assert_eq!(
            signal_hits(&m, three),
            [(SignalKind::Group, "unpaid carers need respite".into())]
        );
        assert!(signal_hits(&m, "carers and more carers need respite\n").is_empty());
        let far = "unpaid work is common and many other things happen before anyone mentions carers or respite\n";
        assert!(signal_hits(&m, far).is_empty());
    }

    #[test]
    fn a_term_inside_a_longer_term_is_one_idea_not_two() {
        let i = with_yaml(
            "groups: [{all: [[home], [care home], [hospital], [discharge]], least: 3, near: 12}]",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        assert!(
            signal_hits(&m, "a place in a care home after hospital\n").is_empty(),
            "\"home\" inside \"care home\" is not a third idea"
        );
        assert_eq!(
            signal_hits(&m, "discharge from hospital to a care home\n").len(),
            1
        );
    }

    #[test]
    fn exclusions_cancel_overlapping_hits_of_their_item_only() {
        let a = with_yaml("phrases: [prevention]\nexclusions: [infection prevention]");
        let b = with_yaml("phrases: [prevention]");
        let m = Matcher::new([(&a, 3.0), (&b, 3.0)]).unwrap();
        let mut items = m.scan("infection prevention and prevention\n", |hit| {
            Some((m.signals()[hit.signal].item, hit.range.start))
        });
        items.sort();
        assert_eq!(items, vec![(0, 25), (1, 10), (1, 25)]);
    }

    #[test]
    fn an_excluded_term_leaves_its_group_free_to_match_elsewhere() {
        let i = with_yaml(
            "groups: [{all: [crisis, service], near: 8}]\nexclusions: [financial crisis]",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        let text = "After the financial crisis, we will expand our crisis service.\n";
        assert_eq!(
            signal_hits(&m, text),
            vec![(SignalKind::Group, "crisis service".into())]
        );
        assert!(signal_hits(&m, "The financial crisis hit the service.\n").is_empty());
        // A `not` term inside an exclusion still cancels its group.
        let i = with_yaml(
            "groups: [{all: [carers, respite], not: [foster]}]\nexclusions: [foster care]",
        );
        let m = Matcher::new([(&i, 3.0)]).unwrap();
        let text = "Unpaid carers get respite, and foster care is reviewed.\n";
        assert!(
            signal_hits(&m, text).is_empty(),
            "{:?}",
            signal_hits(&m, text)
        );
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
