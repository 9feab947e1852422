//! Group signals: phrases that must occur together in one block.
//!
//! A group's terms are phrases of the one trie ([`super::phrases`]), so a group costs no pass of
//! its own: the terms found in a line are resolved into group hits after the scan.

use std::ops::Range;

use super::phrases::Phrases;
use super::{Hit, Use};
use crate::rules::Term;

/// A group, with its terms numbered into slots.
#[derive(Debug)]
pub(super) struct Group {
    signal: usize,
    all: Vec<usize>,
    any: Vec<usize>,
    not: Vec<usize>,
    /// How many distinct `all` terms must occur: all of them unless the rule says fewer.
    least: usize,
    near: Option<usize>,
}

/// A group term found in the text.
#[derive(Debug, Clone)]
pub(super) struct Found {
    pub line: usize,
    pub group: usize,
    pub slot: usize,
    pub range: Range<usize>,
    /// First and last word, numbered in the line.
    pub words: (usize, usize),
}

/// The groups of a matcher.
#[derive(Debug, Default)]
pub(super) struct Groups {
    groups: Vec<Group>,
    slots: usize,
}

impl Groups {
    /// Adds `group`, the signal numbered `signal`, its terms to `phrases`.
    pub fn add(&mut self, signal: usize, group: &crate::rules::Group, phrases: &mut Phrases) {
        let index = self.groups.len();
        let mut number = |terms: &[Term]| -> Vec<usize> {
            terms
                .iter()
                .map(|term| {
                    let slot = self.slots;
                    self.slots += 1;
                    for phrase in &term.0 {
                        phrases.add(phrase, Use::Term { group: index, slot });
                    }
                    slot
                })
                .collect()
        };
        let all = number(&group.all);
        let compiled = Group {
            signal,
            least: group.least.unwrap_or(all.len()),
            all,
            any: number(&group.any),
            not: number(&group.not),
            near: group.near,
        };
        // An `except` phrase is found like any term and wanted by no slot: `covered` drops the
        // terms inside it.
        number(&group.except);
        self.groups.push(compiled);
    }

    /// Whether `slot` is one of group `group`'s `all` or `any` terms, not a `not` or `except`.
    pub fn wants(&self, group: usize, slot: usize) -> bool {
        let group = &self.groups[group];
        group.all.contains(&slot) || group.any.contains(&slot)
    }

    /// The signal of group `group`.
    pub fn signal(&self, group: usize) -> usize {
        self.groups[group].signal
    }

    /// Turns group terms found in the same line into group hits, and empties `found` for the
    /// next chunk of lines. `found` comes in line order, as the scan reads lines in order, so
    /// each line's terms are sorted on their own: one sort of a chunk's terms was 4% of a dense
    /// 1 MB plan's audit.
    pub fn resolve(&self, found: &mut Vec<Found>, hits: &mut Vec<Hit>) {
        for line in found.chunk_by_mut(|a, b| a.line == b.line) {
            line.sort_by_key(|f| (f.group, f.range.start));
        }
        debug_assert!(found.is_sorted_by_key(|f| (f.line, f.group, f.range.start)));
        for chunk in found.chunk_by(|a, b| (a.line, a.group) == (b.line, b.group)) {
            let group = &self.groups[chunk[0].group];
            if let Some(range) = group.matches(chunk) {
                hits.push(Hit {
                    signal: group.signal,
                    line: chunk[0].line,
                    range,
                });
            }
        }
        found.clear();
    }
}

impl Group {
    /// The span of the group's match among the terms `found` in one line, sorted by start.
    fn matches(&self, found: &[Found]) -> Option<Range<usize>> {
        if found.iter().any(|f| self.not.contains(&f.slot)) {
            return None;
        }
        let wanted = |slot: usize| self.all.contains(&slot) || self.any.contains(&slot);
        let hits: Vec<&Found> = found
            .iter()
            .zip(covered(found))
            .filter(|(f, covered)| wanted(f.slot) && !covered)
            .map(|(f, _)| f)
            .collect();
        if !self.complete(&hits) {
            return None;
        }
        let Some(limit) = self.near else {
            return Some(span(&hits).0);
        };
        // The shortest window starting at each hit that holds every wanted term.
        (0..hits.len())
            .filter_map(|from| {
                (from + 1..=hits.len())
                    .map(|to| &hits[from..to])
                    .find(|window| self.complete(window))
            })
            .map(span)
            .find(|(_, words)| *words <= limit)
            .map(|(range, _)| range)
    }

    /// Whether `window` holds enough `all` terms (`least` distinct ones) and one `any` term
    /// when the group has them.
    fn complete(&self, window: &[&Found]) -> bool {
        let present = |slot: &&usize| window.iter().any(|f| f.slot == **slot);
        self.all.iter().filter(present).count() >= self.least
            && (self.any.is_empty() || self.any.iter().any(|slot| present(&slot)))
    }
}

/// For each term found in the line, whether another covers it and more: "home" in "care homes"
/// is the one idea "care home", not a second one, so it cannot make up a group's count alone.
/// `found` is sorted by start, so one pass with the furthest end of the terms that start
/// earlier answers it, however many terms a long line holds.
fn covered(found: &[Found]) -> Vec<bool> {
    let mut covered = Vec::with_capacity(found.len());
    let mut reach = 0;
    for same_start in found.chunk_by(|a, b| a.range.start == b.range.start) {
        let longest = same_start.iter().map(|f| f.range.end).max().unwrap_or(0);
        covered.extend(
            same_start
                .iter()
                .map(|f| reach >= f.range.end || f.range.end < longest),
        );
        reach = reach.max(longest);
    }
    covered
}

/// The bytes a window of terms spans, and how many words its last word is after its first: the
/// distance `near` measures.
fn span(window: &[&Found]) -> (Range<usize>, usize) {
    let start = window.iter().map(|f| f.range.start).min().unwrap_or(0);
    let end = window.iter().map(|f| f.range.end).max().unwrap_or(0);
    let first = window.iter().map(|f| f.words.0).min().unwrap_or(0);
    let last = window.iter().map(|f| f.words.1).max().unwrap_or(0);
    (start..end, last - first)
}
