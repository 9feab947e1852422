//! Per-item coverage: which sections address each item, counting subsections.

use std::collections::{BTreeMap, BTreeSet};

use super::links::{Evidence, Link, Strength};
use super::structure;
use crate::document::Document;
use crate::rules::Rules;

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
    pub fn committed(&self) -> bool {
        self.commitment.is_some()
    }
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Covered => "covered",
            Status::Weak => "weak",
            Status::Missing => "missing",
            Status::Waived => "waived",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    pub item: usize,
    pub status: Status,
    /// The smallest sections that address the item, in document order.
    pub sections: Vec<usize>,
    /// Sections that only mention it, in document order.
    pub mentions: Vec<usize>,
    /// The first commitment or measure that goes with a section addressing it.
    pub commitment: Option<Evidence>,
    /// What a structural check found, for items decided by the plan's shape.
    pub note: Option<String>,
    /// The reason given when a team waived the item.
    pub waiver: Option<String>,
}

pub(super) struct CoverageTable {
    pub items: Vec<Coverage>,
    /// Per section: the items its subtree links to at any strength.
    pub linked: Vec<BTreeSet<usize>>,
}

/// Sections at this level or above stand for the whole plan (its title) or a chapter of it, so
/// they do not add up their subsections: passing mentions scattered over a plan must not sum
/// to coverage.
const TITLE_LEVEL: u8 = 1;

/// A structural item is covered only when the plan's shape shows it; its words alone can make
/// it weak at most.
fn apply_structure(entry: &mut Coverage, shown: structure::Shown) {
    if shown.passed {
        entry.status = Status::Covered;
        entry.sections = shown.sections;
    } else {
        if entry.status == Status::Covered {
            entry.mentions.append(&mut entry.sections);
            entry.mentions.sort_unstable();
            entry.mentions.dedup();
        }
        if entry.status == Status::Covered || !shown.sections.is_empty() {
            entry.status = Status::Weak;
        }
    }
    entry.note = Some(shown.note);
}

pub(super) fn coverage(document: &Document, rules: &Rules, links: &[Vec<Link>]) -> CoverageTable {
    let sections = &document.sections;
    let threshold: Vec<f32> = rules.items().map(|i| i.threshold()).collect();
    let mut subtree: Vec<BTreeMap<usize, f32>> = links
        .iter()
        .map(|own| own.iter().map(|l| (l.item, l.score)).collect())
        .collect();
    let mut linked: Vec<BTreeSet<usize>> = links
        .iter()
        .map(|own| own.iter().map(|l| l.item).collect())
        .collect();
    // Items that some direct subsection addresses by itself.
    let mut addressed_below: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); sections.len()];
    // Subsections come after their parents, so a reverse walk folds each subtree before its
    // parent reads it.
    for child in (0..sections.len()).rev() {
        let Some(parent) = sections[child].parent else {
            continue;
        };
        let scores = std::mem::take(&mut subtree[child]);
        for (&item, &score) in &scores {
            if score >= threshold[item] {
                addressed_below[parent].insert(item);
            }
            if sections[parent].level > TITLE_LEVEL {
                *subtree[parent].entry(item).or_default() += score;
            }
        }
        let child_linked = std::mem::take(&mut linked[child]);
        linked[parent].extend(child_linked.iter().copied());
        linked[child] = child_linked;
        subtree[child] = scores;
    }

    let mut items: Vec<Coverage> = rules
        .items()
        .map(|item| Coverage {
            item: item.index,
            status: Status::Missing,
            sections: Vec::new(),
            mentions: Vec::new(),
            commitment: None,
            note: None,
            waiver: None,
        })
        .collect();
    for (section, own) in links.iter().enumerate() {
        for link in own {
            let entry = &mut items[link.item];
            match link.strength {
                Strength::Mentioned => entry.mentions.push(section),
                Strength::Committed => {
                    if entry.commitment.is_none() {
                        entry.commitment = link.commitments.first().cloned();
                    }
                }
                Strength::Addressed => {}
            }
        }
        for (&item, &score) in &subtree[section] {
            let own_addresses = own
                .iter()
                .any(|l| l.item == item && l.strength >= Strength::Addressed);
            let whole = score >= threshold[item] && !addressed_below[section].contains(&item);
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
            apply_structure(entry, structure::check(document, structure));
        }
    }
    CoverageTable { items, linked }
}
