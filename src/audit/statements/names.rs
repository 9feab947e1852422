//! Names: a hit inside a longer name of Capitalised Words, and lists of documents and laws in
//! a sentence.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::audit::wording::{Wording, forms};

/// How far either side of a hit, in bytes, a name around it is looked for.
const NAME_WINDOW: usize = 160;

/// Words that may join the Capitalised Words of one name ("Alcohol and Drug Partnership").
const NAME_JOINERS: &[&str] = &["and", "of", "for", "the", "&"];

/// The lists of documents and laws in a sentence: two or more names listed one after another
/// ("…, the…", "… and …"), each a run of Capitalised Words ending in "Act 2016", "Plan",
/// "Strategy", "Statement", "Assessment", "Framework", "Duty" or "Standards" ("the Carers
/// (Scotland) Act 2016, the Equality Act 2010"). Such a list is a reading list or the legal
/// background ("the plan should be read with…", "legislation shaping the plan includes…").
/// A name on its own is not: "our Carers Strategy sets out how we meet the duties of the
/// Carers (Scotland) Act 2016" may be what the sentence is about.
pub(super) fn cited_documents(text: &str) -> Vec<Range<usize>> {
    // Most sentences name no document: one search for its last words is cheaper than the
    // pattern, whose capitalised start every sentence has.
    if !DOCUMENT_WORDS.is_match(text) {
        return Vec::new();
    }
    // Each run with the number of names in it.
    let mut runs: Vec<(Range<usize>, usize)> = Vec::new();
    for name in DOCUMENT_NAME.matches(text) {
        match runs.last_mut() {
            Some((run, names)) if is_list_gap(&text[run.end..name.start]) => {
                run.end = name.end;
                *names += 1;
            }
            _ => runs.push((name, 1)),
        }
    }
    runs.into_iter()
        .filter(|&(_, names)| names >= 2)
        .map(|(run, _)| run)
        .collect()
}

/// Whether the text between two names only lists them: ", ", " and an ", "; the ", or the
/// years of the first ("2025–2030 and the").
fn is_list_gap(gap: &str) -> bool {
    let is_years = |word: &str| {
        word.contains(|c: char| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || "–-/".contains(c))
    };
    gap.split_whitespace()
        .map(|word| word.trim_matches([',', ';']))
        .all(|word| {
            matches!(
                word,
                "" | "and" | "or" | "the" | "a" | "an" | "with" | "our"
            ) || is_years(word)
        })
}

/// The words that end [`DOCUMENT_NAME`], one of which a sentence must hold to name a document.
/// Leftmost-first, so that the search runs on a packed (SIMD) searcher.
static DOCUMENT_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .build([
            "Act",
            "Plan",
            "Strateg",
            "Statement",
            "Assessment",
            "Framework",
            "Duty",
            "Standards",
        ])
        .unwrap_or_else(|e| unreachable!("constant words: {e}"))
});

/// See [`forms::document_name`].
static DOCUMENT_NAME: LazyLock<Wording> = LazyLock::new(|| Wording::new(forms::document_name()));

/// Whether `range` of `text` lies inside a longer name: a run of two or more Capitalised Words,
/// possibly joined by "and", "of", "for", "the" or "&", separated by single spaces, that goes
/// beyond the hit ("Improvement" in "Healthcare Improvement Scotland").
pub(super) fn in_proper_name(text: &str, range: &Range<usize>) -> bool {
    // Most hits start in lower case: no name, and nothing to look at.
    if !text[range.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
    {
        return false;
    }
    // A name is a few words: looking a little way either side keeps this cheap on long blocks.
    let mut start = range.start.saturating_sub(NAME_WINDOW);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (range.end + NAME_WINDOW).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let line_start = text[start..range.start]
        .rfind('\n')
        .map_or(start, |i| start + i + 1);
    let line_end = text[range.end..end]
        .find('\n')
        .map_or(end, |i| range.end + i);
    let window = &text[line_start..line_end];
    let range = range.start - line_start..range.end - line_start;
    let text = window;
    let words = words(text);
    let Some(first) = words.iter().position(|w| w.end > range.start) else {
        return false;
    };
    let last = words
        .iter()
        .rposition(|w| w.start < range.end)
        .unwrap_or(first);
    if last < first {
        return false;
    }
    let joiner = |i: usize| {
        let word = &text[words[i].clone()];
        NAME_JOINERS.iter().any(|j| j.eq_ignore_ascii_case(word))
    };
    let capitalised = |i: usize| !joiner(i) && is_capitalised(&text[words[i].clone()]);
    let joined = |a: usize, b: usize| &text[words[a].end..words[b].start] == " ";
    let in_name = |i: usize| capitalised(i) || joiner(i);
    if !(first..=last).all(in_name) || !capitalised(first) || !capitalised(last) {
        return false;
    }
    if (first..last).any(|i| !joined(i, i + 1)) {
        return false;
    }
    // Grow the run both ways; a joiner only counts when a capitalised word follows it.
    let mut start = first;
    while start > 0 && joined(start - 1, start) && in_name(start - 1) {
        start -= 1;
    }
    while !capitalised(start) {
        start += 1;
    }
    let mut end = last;
    while end + 1 < words.len() && joined(end, end + 1) && in_name(end + 1) {
        end += 1;
    }
    while !capitalised(end) {
        end -= 1;
    }
    // A hit that is the whole name names the thing itself ("Strategic Planning Group").
    (start < first || end > last) && (start..=end).filter(|&i| capitalised(i)).count() >= 2
}

/// Word spans of `text`: letters, digits, apostrophes, hyphens and `&`.
pub(super) fn words(text: &str) -> Vec<Range<usize>> {
    let is_word = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '&');
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push(s..text.len());
    }
    words
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
