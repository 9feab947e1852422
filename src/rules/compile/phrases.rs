//! Phrases, references, group terms and exclusions: word sequences matched on stems.
//!
//! Every phrase of every selected item goes into one trie over stems, so each line is cut into
//! words once and each word starts at most one walk down the trie, however many items are
//! selected. Words are looked up in a cache from their spelling to their stem that is kept
//! between scans: stemming takes ~0.6 µs a word, a cache hit one hash lookup, and plans repeat
//! their words. The built-in phrases come stemmed already (see `PHRASE_ENTRIES` below).
//!
//! How phrases are written (padding, punctuation, hyphens) is [`crate::rules::phrase`]'s;
//! padding stays within a sentence of the plan.

use std::collections::hash_map::Entry;

use foldhash::HashMap;
use std::ops::Range;

use super::Use;
use crate::rules::phrase::{self, Gap, Step};
use crate::rules::words::{self, Stems};

// Every phrase, reference, group term and exclusion of the built-in rule sets, each spelling's
// words stemmed by `build.rs` with [`phrase::steps`]: stemming them at run time was over half
// of compiling the built-in rules. Ranges of one string, so that loading the binary relocates
// none of it:
//   PHRASE_TEXT: &str                   every string below, once each
//   PHRASE_ENTRIES: &[[u32; 4]]         the phrase's text; its spellings; sorted by phrase
//   PHRASE_SPELLINGS: &[[u32; 2]]       a spelling's steps
//   PHRASE_STEPS: &[[u32; 7]]           punctuation, padding, word and stem of one [`Step`]
include!(concat!(env!("OUT_DIR"), "/phrases.rs"));

/// A string of the phrase table.
fn stored(start: u32, end: u32) -> &'static str {
    &PHRASE_TEXT[start as usize..end as usize]
}

/// The spellings of the phrase table's entry `entry`, each as its steps.
fn stored_spellings(
    entry: &[u32; 4],
) -> impl Iterator<Item = impl Iterator<Item = Step<&'static str>>> {
    let spellings = &PHRASE_SPELLINGS[entry[2] as usize..entry[3] as usize];
    spellings.iter().map(|&[first, end]| {
        PHRASE_STEPS[first as usize..end as usize]
            .iter()
            .map(|&[p0, p1, gap, w0, w1, s0, s1]| {
                (stored(p0, p1), gap as u8, stored(w0, w1), stored(s0, s1))
            })
    })
}

/// Stem id of a word that no phrase has, and node id of no node.
const NONE: u32 = u32::MAX;

/// Cached words before a cache is emptied: bounds the memory a scan of hostile text takes.
const CACHE_LIMIT: usize = 1 << 16;

#[derive(Debug)]
struct Edge {
    stem: u32,
    gap: Gap,
    to: u32,
}

#[derive(Debug, Default)]
struct Node {
    /// Edges to a next word straight after, sorted by stem once the trie is built.
    tight: Vec<Edge>,
    /// Edges past padding.
    padded: Vec<Edge>,
    /// What a phrase that ends here stands for.
    ends: Vec<Use>,
}

impl Node {
    fn edges(&mut self, gap: &Gap) -> &mut Vec<Edge> {
        match gap {
            Gap::Tight(_) => &mut self.tight,
            Gap::Padding(_) => &mut self.padded,
        }
    }
}

/// Every phrase of a matcher, as a trie over stems.
#[derive(Debug, Default)]
pub struct Phrases {
    stems: Stems,
    /// Stem → stem id, for every stem a phrase has.
    vocabulary: HashMap<Box<str>, u32>,
    /// Each word of the phrases, lowercased → stem id: the first entries of every word cache.
    known: WordCache,
    /// (node, stem, gap) → the node that edge leads to, while the trie is built.
    edges: HashMap<(usize, u32, Gap), usize>,
    /// Node 0 is the root; its edges are also indexed by stem id in `roots`.
    nodes: Vec<Node>,
    roots: Vec<u32>,
}

impl Phrases {
    /// Adds `phrase`, which stands for `what`. A phrase that [`phrase::check`] refuses adds nothing:
    /// rule files are checked before they are compiled.
    pub fn add(&mut self, phrase: &str, what: Use) {
        for node in self.paths(phrase) {
            self.end(node, what);
        }
    }

    /// Adds the paths of each spelling of `phrase`; returns where they end, sorted.
    pub fn paths(&mut self, phrase: &str) -> Vec<usize> {
        let mut ends: Vec<usize> = match builtin_steps(phrase) {
            Some(spellings) => spellings.map(|spelling| self.insert(spelling)).collect(),
            None => {
                let Ok(spellings) = phrase::steps(phrase, &self.stems) else {
                    return Vec::new();
                };
                spellings
                    .iter()
                    .map(|spelling| self.insert(spelling.iter().map(borrowed)))
                    .collect()
            }
        };
        ends.sort_unstable();
        ends.dedup();
        ends
    }

    /// Marks `node` as the end of a phrase that stands for `what`.
    pub fn end(&mut self, node: usize, what: Use) {
        let ends = &mut self.nodes[node].ends;
        if !ends.contains(&what) {
            ends.push(what);
        }
    }

    /// Adds the path of one spelling; returns its last node.
    fn insert<'s>(&mut self, spelling: impl Iterator<Item = Step<&'s str>>) -> usize {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        let mut node = 0;
        for (i, (punctuation, padding, word, stem)) in spelling.enumerate() {
            let stem = self.stem_id(word, stem);
            // The root's edges are found by stem alone.
            let gap = match (i, padding) {
                (0, _) => Gap::Tight("".into()),
                (_, 0) => Gap::Tight(punctuation.into()),
                (_, limit) => Gap::Padding(limit),
            };
            let to = self.nodes.len();
            node = match self.edges.entry((node, stem, gap)) {
                Entry::Occupied(edge) => *edge.get(),
                Entry::Vacant(edge) => {
                    let (from, stem, gap) = edge.key().clone();
                    edge.insert(to);
                    self.nodes[from].edges(&gap).push(Edge {
                        stem,
                        gap,
                        to: to as u32,
                    });
                    self.nodes.push(Node::default());
                    to
                }
            };
        }
        node
    }

    /// The stem id of a (lowercased) word of a phrase, whose stem is `stem`.
    fn stem_id(&mut self, word: &str, stem: &str) -> u32 {
        if let Some(id) = self.known.get(word) {
            return id;
        }
        let next = self.vocabulary.len() as u32;
        let id = match self.vocabulary.get(stem) {
            Some(&id) => id,
            None => {
                self.vocabulary.insert(stem.into(), next);
                next
            }
        };
        self.known.insert(word, id);
        id
    }

    /// Readies the trie for scanning.
    pub fn finish(&mut self) {
        if self.nodes.is_empty() {
            self.nodes.push(Node::default());
        }
        self.edges = HashMap::default();
        for node in &mut self.nodes {
            node.tight.sort_by_key(|e| e.stem);
        }
        self.roots = vec![NONE; self.vocabulary.len()];
        for edge in &self.nodes[0].tight {
            self.roots[edge.stem as usize] = edge.to;
        }
    }

    /// A word cache for a new scan, holding the phrases' own words already.
    pub fn scratch(&self) -> Scratch {
        Scratch {
            cache: self.known.clone(),
            ..Scratch::default()
        }
    }

    /// Finds every phrase in `line` (one line of lowercased plan text), calling `on_match` with
    /// what it stands for, its bytes in the line and its words (first and last, numbered in the
    /// line). Each phrase is reported once per place it starts, at its shortest.
    pub fn scan_line(
        &self,
        line: &str,
        scratch: &mut Scratch,
        mut on_match: impl FnMut(Use, Range<usize>, (usize, usize)),
    ) {
        scratch.read(self, line);
        let mut walk = Walk {
            phrases: self,
            line,
            words: &scratch.words,
            found: Vec::new(),
        };
        for first in 0..walk.words.len() {
            walk.found.clear();
            let word = walk.words[first];
            for (stem, next) in [(word.stem, first + 1), (word.joined, first + 2)] {
                if let Some(&node) = self.roots.get(stem as usize)
                    && node != NONE
                {
                    walk.from(node as usize, first, next);
                }
            }
            for &(what, last) in &walk.found {
                let words = &walk.words;
                let range = words[first].start as usize..words[last].end as usize;
                on_match(what, range, (first, last));
            }
        }
    }

    /// The stem id of one word of plan text, or [`NONE`].
    fn lookup(&self, word: &str) -> u32 {
        let stem = self.stems.of(word);
        self.vocabulary.get(stem.as_str()).copied().unwrap_or(NONE)
    }
}

/// One word of the line being scanned.
#[derive(Debug, Clone, Copy)]
struct LineWord {
    start: u32,
    end: u32,
    stem: u32,
    /// The stem of this word and the next joined, when a lone hyphen joins them.
    joined: u32,
    /// Whether the gap before the word ends a sentence.
    sentence: bool,
    /// Whether a lone hyphen joins the word to the one before: padding counts "long-term" as
    /// one word.
    hyphen: bool,
}

/// What one scan reuses from line to line, and scans from each other: the word cache.
#[derive(Debug, Default)]
pub struct Scratch {
    /// Word as written (lowercased) → stem id.
    cache: WordCache,
    words: Vec<LineWord>,
    joined: String,
}

impl Scratch {
    /// Cuts `line` into words and looks up their stems.
    fn read(&mut self, phrases: &Phrases, line: &str) {
        if self.cache.len() > CACHE_LIMIT {
            self.cache.clear();
        }
        self.words.clear();
        let mut end = 0;
        words::each_word(line, |word| {
            let range = word.range();
            let gap = &line[end..range.start];
            end = range.end;
            let stem = stem_of(&mut self.cache, phrases, &line[range]);
            self.words.push(LineWord {
                start: word.start,
                end: word.end,
                stem,
                joined: NONE,
                sentence: words::ends_sentence(gap),
                hyphen: words::is_hyphen_only(gap),
            });
        });
        for i in 1..self.words.len() {
            let (a, b) = (self.words[i - 1], self.words[i]);
            if b.hyphen {
                self.joined.clear();
                self.joined
                    .push_str(&line[a.start as usize..a.end as usize]);
                self.joined
                    .push_str(&line[b.start as usize..b.end as usize]);
                self.words[i - 1].joined = stem_of(&mut self.cache, phrases, &self.joined);
            }
        }
    }
}

fn stem_of(cache: &mut WordCache, phrases: &Phrases, word: &str) -> u32 {
    if let Some(stem) = cache.get(word) {
        return stem;
    }
    let stem = phrases.lookup(word);
    cache.insert(word, stem);
    stem
}

/// Word → stem id. Words of up to 8 bytes, most of a plan's, are keyed by their bytes packed
/// into an integer, which spares a string comparison and a pointer per lookup.
#[derive(Debug, Clone, Default)]
struct WordCache {
    short: HashMap<u64, u32>,
    long: HashMap<Box<str>, u32>,
}

impl WordCache {
    fn get(&self, word: &str) -> Option<u32> {
        match packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
        .copied()
    }

    fn insert(&mut self, word: &str, stem: u32) {
        match packed(word) {
            Some(key) => self.short.insert(key, stem),
            None => self.long.insert(word.into(), stem),
        };
    }

    fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// A word of up to 8 bytes as an integer. Words hold no NUL byte, so zero padding keeps
/// different words apart.
fn packed(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    (bytes.len() <= 8).then(|| {
        let mut key = [0; 8];
        key[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(key)
    })
}

fn borrowed(step: &Step<String>) -> Step<&str> {
    (&step.0, step.1, &step.2, &step.3)
}

/// The spellings of `phrase` if it is a built-in one.
fn builtin_steps(
    phrase: &str,
) -> Option<impl Iterator<Item = impl Iterator<Item = Step<&'static str>>>> {
    // Bytes order as strings do, and comparing them skips the char-boundary checks.
    let text = PHRASE_TEXT.as_bytes();
    let at = PHRASE_ENTRIES
        .binary_search_by_key(&phrase.as_bytes(), |e| &text[e[0] as usize..e[1] as usize])
        .ok()?;
    Some(stored_spellings(&PHRASE_ENTRIES[at]))
}

/// The walks down the trie from one word of a line.
struct Walk<'a> {
    phrases: &'a Phrases,
    line: &'a str,
    words: &'a [LineWord],
    /// (what, last word) of each phrase found from this word, shortest first.
    found: Vec<(Use, usize)>,
}

impl Walk<'_> {
    /// At `node`, having matched words `first..next`.
    fn from(&mut self, node: usize, first: usize, next: usize) {
        let phrases = self.phrases;
        let node = &phrases.nodes[node];
        for &what in &node.ends {
            if !self.found.iter().any(|(w, _)| *w == what) {
                self.found.push((what, next - 1));
            }
        }
        if let Some(word) = self.words.get(next) {
            for (stem, after) in [(word.stem, next + 1), (word.joined, next + 2)] {
                let from = node.tight.partition_point(|e| e.stem < stem);
                for edge in node.tight[from..].iter().take_while(|e| e.stem == stem) {
                    if let Gap::Tight(punctuation) = &edge.gap
                        && self.gap_is(next, punctuation)
                    {
                        self.from(edge.to as usize, first, after);
                    }
                }
            }
        }
        for edge in &node.padded {
            let Gap::Padding(limit) = edge.gap else {
                continue;
            };
            let mut skipped = 0;
            for at in next..self.words.len() {
                if self.words[at].sentence {
                    break;
                }
                // Word `at - 1` is passed over; the second half of a hyphenated word passed
                // over with its first is not counted again.
                if at > next && !(at - 1 > next && self.words[at - 1].hyphen) {
                    skipped += 1;
                }
                if skipped > limit {
                    break;
                }
                self.step(edge, first, at);
            }
        }
    }

    /// Follows `edge` if word `at` (alone, or joined to the next) is its stem.
    fn step(&mut self, edge: &Edge, first: usize, at: usize) {
        let word = self.words[at];
        if word.stem == edge.stem {
            self.from(edge.to as usize, first, at + 1);
        }
        if word.joined == edge.stem {
            self.from(edge.to as usize, first, at + 2);
        }
    }

    /// Whether the gap before word `at` holds exactly `punctuation`.
    fn gap_is(&self, at: usize, punctuation: &str) -> bool {
        let gap = &self.line[self.words[at - 1].end as usize..self.words[at].start as usize];
        words::punctuation(gap).eq(punctuation.chars())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::phrase::{check, parse, spellings};
    use proptest::prelude::*;

    /// Every (phrase, first word, last word) the trie reports in `line`.
    fn fast(phrases: &[String], line: &str) -> Vec<(usize, usize, usize)> {
        let mut trie = Phrases::default();
        for (i, phrase) in phrases.iter().enumerate() {
            trie.add(phrase, Use::Signal(i));
        }
        trie.finish();
        let mut found = Vec::new();
        let mut scratch = trie.scratch();
        trie.scan_line(line, &mut scratch, |what, _, (first, last)| {
            let Use::Signal(i) = what else { unreachable!() };
            found.push((i, first, last));
        });
        found.sort();
        found
    }

    /// The slow obvious way: stem every word of the line and of each phrase, and try each phrase
    /// at each word on its own, every way its words could line up.
    fn slow(phrases: &[String], line: &str) -> Vec<(usize, usize, usize)> {
        let stems = Stems::default();
        let mut words = Vec::new();
        words::each_word(line, |w| words.push(w.range()));
        let gap = |i: usize| &line[words[i - 1].end..words[i].start];
        let stem = |i: usize| stems.of(&line[words[i].clone()]);
        let joined = |i: usize| {
            (i + 1 < words.len() && words::is_hyphen_only(gap(i + 1))).then(|| {
                stems.of(&format!(
                    "{}{}",
                    &line[words[i].clone()],
                    &line[words[i + 1].clone()]
                ))
            })
        };
        // Each way the phrase could be written, as (gap before, stem).
        let mut found = Vec::new();
        for (p, phrase) in phrases.iter().enumerate() {
            let spellings: Vec<Vec<(Gap, String)>> = spellings(&parse(phrase).unwrap())
                .into_iter()
                .map(|s| s.into_iter().map(|w| (w.gap, stems.of(&w.word))).collect())
                .collect();
            for first in 0..words.len() {
                let mut ends = Vec::new();
                for spelling in &spellings {
                    ends.extend(ends_of(
                        spelling,
                        first,
                        0,
                        &|i| stem(i),
                        &joined,
                        &gap,
                        words.len(),
                    ));
                }
                if let Some(last) = ends.into_iter().min() {
                    found.push((p, first, last));
                }
            }
        }
        found.sort();
        found
    }

    /// Last words of every match of `steps[step..]` whose word `step` is at word `at`.
    fn ends_of<'a>(
        steps: &[(Gap, String)],
        at: usize,
        step: usize,
        stem: &dyn Fn(usize) -> String,
        joined: &dyn Fn(usize) -> Option<String>,
        gap: &dyn Fn(usize) -> &'a str,
        len: usize,
    ) -> Vec<usize> {
        let mut ends = Vec::new();
        let want = &steps[step].1;
        for (matches, width) in [
            (stem(at) == *want, 1),
            (joined(at).as_ref() == Some(want), 2),
        ] {
            if !matches {
                continue;
            }
            let next = at + width;
            let Some((gap_after, _)) = steps.get(step + 1) else {
                ends.push(next - 1);
                continue;
            };
            let candidates: Vec<usize> = match gap_after {
                Gap::Tight(p) => (next < len && words::punctuation(gap(next)).eq(p.chars()))
                    .then_some(next)
                    .into_iter()
                    .collect(),
                Gap::Padding(limit) => (next..len)
                    .take_while(|&k| !words::ends_sentence(gap(k)))
                    .filter(|&k| {
                        let passed = (next..k)
                            .filter(|&j| j == next || !words::is_hyphen_only(gap(j)))
                            .count();
                        passed <= usize::from(*limit)
                    })
                    .collect(),
            };
            for k in candidates {
                ends.extend(ends_of(steps, k, step + 1, stem, joined, gap, len));
            }
        }
        ends
    }

    const WORDS: &[&str] = &[
        "carer",
        "carers",
        "caring",
        "care",
        "unpaid",
        "home",
        "homes",
        "well",
        "being",
        "wellbeing",
        "organize",
        "organisation",
        "the",
        "at",
        "self",
        "managing",
        "health",
    ];
    const GAPS: &[&str] = &[" ", " ", " ", "-", ", ", ". ", " & ", "’ "];

    fn line() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (prop::sample::select(WORDS), prop::sample::select(GAPS)),
            1..14,
        )
        .prop_map(|parts| parts.into_iter().map(|(w, g)| format!("{w}{g}")).collect())
    }

    fn phrase() -> impl Strategy<Value = String> {
        let word = prop::sample::select(WORDS);
        let joiner = prop::sample::select(&[" ", " ", "-", " ... ", " ...1 ", ", "][..]);
        (word.clone(), prop::collection::vec((joiner, word), 0..3)).prop_map(|(first, rest)| {
            rest.into_iter()
                .fold(first.to_owned(), |p, (j, w)| format!("{p}{j}{w}"))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_trie_finds_what_stemming_every_word_finds(
            phrases in prop::collection::vec(phrase(), 1..6),
            line in line(),
        ) {
            prop_assert_eq!(fast(&phrases, &line), slow(&phrases, &line));
        }
    }

    #[test]
    fn hyphenated_words_also_read_as_one_anywhere_in_a_phrase() {
        let phrases = ["own wellbeing".to_owned(), "well-being support".to_owned()];
        let line = "own well-being, wellbeing support";
        assert_eq!(fast(&phrases, line), vec![(0, 0, 2), (1, 3, 4)]);
        assert_eq!(fast(&phrases, line), slow(&phrases, line));
    }

    #[test]
    fn built_in_phrases_are_stored_as_stemming_them_gives() {
        let stems = Stems::default();
        assert!(PHRASE_ENTRIES.len() > 3000, "{}", PHRASE_ENTRIES.len());
        for entry in PHRASE_ENTRIES {
            let text = stored(entry[0], entry[1]);
            let computed = phrase::steps(text, &stems).unwrap();
            let stored: Vec<Vec<Step<String>>> = stored_spellings(entry)
                .map(|s| {
                    s.map(|(p, n, w, t)| (p.into(), n, w.into(), t.into()))
                        .collect()
                })
                .collect();
            assert_eq!(stored, computed, "{text}");
        }
    }

    #[test]
    fn every_built_in_phrase_is_stored() {
        let catalog = crate::rules::Catalog::builtin();
        for item in catalog.sets().flat_map(|set| &set.items) {
            let s = &item.signals;
            let groups = s
                .groups
                .iter()
                .flat_map(|g| [&g.all, &g.any, &g.not, &g.except]);
            let terms = groups.flatten().flat_map(|term| &term.0);
            let phrases = s.phrases.iter().map(|p| &p.text);
            for text in s
                .references
                .iter()
                .chain(&s.exclusions)
                .chain(phrases)
                .chain(terms)
            {
                assert!(builtin_steps(text).is_some(), "{text}");
            }
        }
    }

    #[test]
    fn padding_syntax_is_checked() {
        assert!(check("manage ... health").is_ok());
        assert!(check("outcomes ...6 report").is_ok());
        for bad in [
            "...",
            "... health",
            "manage ...",
            "a ...9 b",
            "a ...0 b",
            "a...b",
            "a .... b",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
        assert!(check("+++").is_err(), "no words");
    }
}
