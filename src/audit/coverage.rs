//! Per-item coverage: which sections address each item, counting subsections.

use std::collections::BTreeSet;

use super::links::{self, Evidence, Link, Strength};
use super::statements::TITLE_LEVEL;
use super::structure;
use crate::document::Document;
use crate::rules::Rules;

/// How well the plan as a whole covers one item: the verdict reports count and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// At least one section addresses the item.
    Covered,
    /// Only passing mentions.
    Weak,
    /// Not a word.
    Missing,
    /// Not covered, and waived with a reason.
    Waived,
}

impl Coverage {
    /// Whether a commitment or measure goes with a section that addresses the item.
    pub fn committed(&self) -> bool {
        self.commitment.is_some()
    }
}

impl Status {
    /// The lowercase name reports use (`covered`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Weak => "weak",
            Status::Missing => "missing",
            Status::Waived => "waived",
        }
    }
}

/// One item's coverage in a plan: its verdict and the sections behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The item, as an index into [`Rules::items`](crate::rules::Rules::items).
    pub item: usize,
    /// The verdict, after the policy's requirement and waivers.
    pub status: Status,
    /// The smallest sections that address the item, in document order.
    pub sections: Vec<usize>,
    /// Sections that only mention it, in document order.
    pub mentions: Vec<usize>,
    /// Sections that only quote it, in a restatement of its framework, in document order.
    pub quotes: Vec<usize>,
    /// The first commitment or measure that goes with a section addressing it.
    pub commitment: Option<Evidence>,
    /// What a structural check found, for items decided by the plan's shape.
    pub note: Option<String>,
    /// The reason given when a team waived the item (never set on a covered item).
    pub waiver: Option<String>,
}

pub(super) struct CoverageTable {
    pub items: Vec<Coverage>,
    /// Per section: whether its subtree links to any item at any strength (a section that
    /// serves nothing is an orphan). A flag, not the set of items: nothing asks which, and a set
    /// per section was a tenth of the peak memory of a 30 MB plan of headings.
    pub linked: Vec<bool>,
}

/// What a section, read with its subsections, holds for one item.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SectionScore {
    /// The section's own score, plus its subsections' unless it is a title.
    pub score: f32,
    /// The part of that score that is not background ([`Evidence::is_background`]).
    pub foreground: f32,
    /// Some of that evidence states something in the body: it is not a heading, a quote or
    /// background ([`Evidence::is_statement`]).
    pub stated: bool,
}

impl SectionScore {
    /// The section-context rule's verdict (`links::reaches`).
    pub fn addresses(&self, threshold: f32) -> bool {
        links::reaches(self.score, self.foreground, self.stated, threshold)
    }

    fn add(&mut self, other: SectionScore) {
        self.score += other.score;
        self.foreground += other.foreground;
        self.stated |= other.stated;
    }
}

/// The section-context rule, the one way `check`, `explain` and `eval` judge a section:
///
/// - A section's own score for an item sums its own hits, each weighed by where and how it is
///   said: heading hits count double, a sentence of purpose doubles a hit, background counts
///   less and quotes nothing (see `statements`). The opening paragraph counts like the rest
///   of the body. A short section (at most [`SHORT_SECTION_WORDS`] words of its own) is about
///   few things, so its own score counts [`SHORT_SECTION_FACTOR`] times; in a section of
///   [`PASSING_MIN_BLOCKS`] or more body blocks, an item fewer than [`PASSING_SHARE`] of them name
///   is a passing mention, and its score counts [`PASSING_FACTOR`] times, or
///   [`PASSING_PROSE_FACTOR`] times when one of those blocks is a paragraph.
/// - Below a level-1 title, a section adds its subsections' scores to its own: a chapter that
///   spreads an item over its subsections addresses it.
/// - The section addresses the item when that sum reaches the item's threshold, some of the
///   evidence states something in the body (not a heading, a quote or background), and at
///   least [`FOREGROUND_SHARE`] of the threshold is not background: a heading, a list of
///   services or a table of figures decides nothing alone, and background tops up a plain
///   sentence only so far.
///
/// Returns, per section, the score of each item it or its subsections link to.
///
/// [`SHORT_SECTION_WORDS`]: super::links::SHORT_SECTION_WORDS
/// [`SHORT_SECTION_FACTOR`]: super::links::SHORT_SECTION_FACTOR
/// [`PASSING_MIN_BLOCKS`]: super::links::PASSING_MIN_BLOCKS
/// [`PASSING_SHARE`]: super::links::PASSING_SHARE
/// [`PASSING_FACTOR`]: super::links::PASSING_FACTOR
/// [`PASSING_PROSE_FACTOR`]: super::links::PASSING_PROSE_FACTOR
/// [`FOREGROUND_SHARE`]: super::links::FOREGROUND_SHARE
pub(super) fn section_scores(document: &Document, links: &[Vec<Link>]) -> Vec<ItemScores> {
    let sections = &document.sections;
    // A section's own links are ordered by item, one per item, so its list starts sorted.
    let mut scores: Vec<ItemScores> = links
        .iter()
        .map(|own| {
            own.iter()
                .map(|l| {
                    let score = SectionScore {
                        score: l.score,
                        foreground: l.foreground,
                        stated: l.evidence.iter().any(Evidence::is_statement),
                    };
                    (l.item, score)
                })
                .collect()
        })
        .collect();
    // Subsections come after their parents, so a reverse walk folds each subtree before its
    // parent reads it.
    for child in (0..sections.len()).rev() {
        let Some(parent) = sections[child].parent() else {
            continue;
        };
        // A title or chapter does not add up its subsections: passing mentions scattered over a
        // plan must not sum to coverage.
        if sections[parent].level <= TITLE_LEVEL {
            continue;
        }
        let below = std::mem::take(&mut scores[child]);
        for &(item, score) in &below {
            let own = &mut scores[parent];
            match own.binary_search_by_key(&item, |&(item, _)| item) {
                Ok(at) => own[at].1.add(score),
                Err(at) => {
                    let mut sum = SectionScore::default();
                    sum.add(score);
                    own.insert(at, (item, sum));
                }
            }
        }
        scores[child] = below;
    }
    for own in &mut scores {
        own.shrink_to_fit();
    }
    scores
}

/// A section's score for each item it or its subsections link to, ordered by item. A sorted
/// list rather than a map: a section links few items, and a map per section was a twentieth of
/// a large plan's peak memory.
pub type ItemScores = Vec<(usize, SectionScore)>;

/// A structural item is covered when the plan's shape shows it. Where the structure
/// `decides`, its words alone can make it weak at most; otherwise they decide as they would.
fn apply_structure(entry: &mut Coverage, shown: structure::Shown, decides: bool) {
    match (shown.passed, decides) {
        (true, true) => entry.sections = shown.sections,
        (true, false) => {
            entry.sections.extend(shown.sections);
            entry.sections.sort_unstable();
            entry.sections.dedup();
        }
        // Without its structure, an item whose structure only adds is its words' alone.
        (false, false) => return,
        (false, true) => {
            if entry.status == Status::Covered {
                entry.mentions.append(&mut entry.sections);
                entry.mentions.sort_unstable();
                entry.mentions.dedup();
            }
            if entry.status == Status::Covered || !shown.sections.is_empty() {
                entry.status = Status::Weak;
            }
        }
    }
    if shown.passed {
        entry.status = Status::Covered;
    }
    entry.note = Some(shown.note);
}

pub(super) fn coverage(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    scores: &[ItemScores],
    mapped: &[structure::Mapped],
) -> CoverageTable {
    let sections = &document.sections;
    let threshold: Vec<f32> = rules.items().map(|i| i.threshold()).collect();
    let mut linked: Vec<bool> = links.iter().map(|own| !own.is_empty()).collect();
    // Items that some direct subsection addresses by itself.
    let mut addressed_below: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); sections.len()];
    for child in (0..sections.len()).rev() {
        let Some(parent) = sections[child].parent() else {
            continue;
        };
        for &(item, score) in &scores[child] {
            if score.addresses(threshold[item]) {
                addressed_below[parent].insert(item);
            }
        }
        linked[parent] |= linked[child];
    }

    let mut items: Vec<Coverage> = rules
        .items()
        .map(|item| Coverage {
            item: item.index,
            status: Status::Missing,
            sections: Vec::new(),
            mentions: Vec::new(),
            quotes: Vec::new(),
            commitment: None,
            note: None,
            waiver: None,
        })
        .collect();
    for (section, own) in links.iter().enumerate() {
        for link in own {
            let entry = &mut items[link.item];
            match link.strength {
                Strength::Quoted => entry.quotes.push(section),
                Strength::Mentioned => entry.mentions.push(section),
                Strength::Committed => {
                    if entry.commitment.is_none() {
                        entry.commitment = link.commitments.first().cloned();
                    }
                }
                Strength::Addressed => {}
            }
        }
        for &(item, score) in &scores[section] {
            let own_addresses = own
                .iter()
                .any(|l| l.item == item && l.strength >= Strength::Addressed);
            let whole =
                score.addresses(threshold[item]) && !addressed_below[section].contains(&item);
            if own_addresses || whole {
                items[item].sections.push(section);
            }
        }
    }
    for entry in &mut items {
        entry.status = match (entry.sections.is_empty(), entry.mentions.is_empty()) {
            (false, _) => Status::Covered,
            (true, false) => Status::Weak,
            (true, true) => Status::Missing,
        };
        if let Some(structure) = rules.item(entry.item).item.structure {
            let shown = structure::check(document, rules, mapped, structure);
            apply_structure(entry, shown, structure.decides());
        }
        // A section its subsections or the plan's structure make addressing no longer only
        // mentions the item: listing it under both read as two verdicts on one section.
        let Coverage {
            sections, mentions, ..
        } = entry;
        mentions.retain(|s| sections.binary_search(s).is_err());
    }
    CoverageTable { items, linked }
}
