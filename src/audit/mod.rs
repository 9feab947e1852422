//! Joins a document and the rules: which sections address which items, what each item's coverage
//! is, and what a planner should fix.

mod commitments;
mod coverage;
mod findings;
mod links;

use std::ops::Range;

use crate::document::Document;
use crate::rules::Rules;

pub use coverage::{Coverage, Status};
pub use findings::{Code, Finding, Label, Severity};
pub use links::{ADDRESSED_SCORE, Evidence, Link, Strength};

/// The audit of every plan in a run.
#[derive(Debug)]
pub struct Report<'r> {
    pub rules: &'r Rules,
    pub files: Vec<FileReport>,
}

/// The audit of one plan.
#[derive(Debug)]
pub struct FileReport {
    pub document: Document,
    /// For each section, its own links (subsections excluded), ordered by item.
    pub links: Vec<Vec<Link>>,
    /// One entry per item, in rule order.
    pub coverage: Vec<Coverage>,
    /// Ordered by severity (highest first), then item, then position.
    pub findings: Vec<Finding>,
}

/// Audits one plan against the selected rules.
pub fn audit(document: Document, rules: &Rules) -> FileReport {
    let links = links::link_sections(&document, rules);
    let coverage = coverage::coverage(&document, rules, &links);
    let findings = findings::findings(&document, rules, &links, &coverage);
    FileReport {
        document,
        links,
        coverage: coverage.items,
        findings,
    }
}

impl FileReport {
    /// The highest severity among the findings, if there are any.
    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// A source span as the plain pair used in reports.
pub fn span_pair(span: &Range<usize>) -> [usize; 2] {
    [span.start, span.end]
}
