//! Findings: what a planner should fix, with the spans to look at.

use std::ops::Range;

use super::coverage::{CoverageTable, Status};
use super::links::Link;
use crate::document::Document;
use crate::rules::Rules;

/// Sections shorter than this are signposts or headings, not content that ought to serve an item.
pub const ORPHAN_MIN_WORDS: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Stable finding codes: CI configs and waivers refer to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// No section addresses or mentions the item.
    MissingItem,
    /// The item is only mentioned in passing.
    WeakItem,
    /// A substantial section links to no item.
    OrphanSection,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::MissingItem => "missing-item",
            Code::WeakItem => "weak-item",
            Code::OrphanSection => "orphan-section",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Code::MissingItem => Severity::Error,
            Code::WeakItem => Severity::Warning,
            Code::OrphanSection => Severity::Note,
        }
    }
}

/// A labelled source span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub item: Option<usize>,
    pub section: Option<usize>,
    pub message: String,
    pub labels: Vec<Label>,
}

pub(super) fn findings(
    document: &Document,
    rules: &Rules,
    links: &[Vec<Link>],
    coverage: &CoverageTable,
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = coverage
        .items
        .iter()
        .filter_map(|c| {
            let item = rules.item(c.item).item;
            let (code, message) = match c.status {
                Status::Covered => return None,
                Status::Weak => (
                    Code::WeakItem,
                    format!("{} ({}) is only mentioned in passing", item.id, item.title),
                ),
                Status::Missing => (
                    Code::MissingItem,
                    format!(
                        "{} ({}) is not addressed anywhere in the plan",
                        item.id, item.title
                    ),
                ),
            };
            let labels = c
                .mentions
                .iter()
                .flat_map(|&s| links[s].iter().filter(|l| l.item == c.item))
                .flat_map(|l| &l.evidence)
                .map(|e| Label {
                    span: e.span.clone(),
                    text: "mentioned in passing".into(),
                })
                .collect();
            Some(Finding {
                code,
                severity: code.severity(),
                item: Some(c.item),
                section: None,
                message,
                labels,
            })
        })
        .collect();
    findings.extend(orphans(document, coverage));
    findings.sort_by_key(|f| {
        let at = f.labels.first().map_or(0, |l| l.span.start);
        (std::cmp::Reverse(f.severity), f.item, at)
    });
    findings
}

fn orphans<'a>(
    document: &'a Document,
    coverage: &'a CoverageTable,
) -> impl Iterator<Item = Finding> + 'a {
    (0..document.sections.len())
        .filter(|&s| coverage.linked[s].is_empty() && document.body_words(s) >= ORPHAN_MIN_WORDS)
        .map(|s| {
            let section = &document.sections[s];
            let span = section.heading_span.clone().unwrap_or(section.span.clone());
            Finding {
                code: Code::OrphanSection,
                severity: Code::OrphanSection.severity(),
                item: None,
                section: Some(s),
                message: format!("section \"{}\" serves no item", document.heading(s)),
                labels: vec![Label {
                    span,
                    text: format!(
                        "{} words that address no selected item",
                        document.body_words(s)
                    ),
                }],
            }
        })
}
