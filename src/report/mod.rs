//! Formats an [`audit::Report`](crate::audit::Report). One module per format; each only reads
//! the report.

mod github;
mod human;
mod json;
mod markdown;
mod sarif;

use std::ops::Range;

use crate::audit::{Coverage, Report, Severity, Status};
use crate::document::{Document, Position};

pub use github::github;
pub use human::Human;
pub use json::{json, write_json};
pub use markdown::markdown;
pub use sarif::sarif;

/// Counts of findings by severity, for summaries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Tally {
    pub fn of(severities: impl IntoIterator<Item = Severity>) -> Self {
        let mut tally = Tally::default();
        for severity in severities {
            match severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
        }
        tally
    }

    pub fn of_report(report: &Report<'_>) -> Self {
        Self::of(
            report
                .files
                .iter()
                .flat_map(|f| f.findings.iter().map(|x| x.severity)),
        )
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        write!(
            f,
            "{}, {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.notes, "note")
        )
    }
}

/// What to do about a section that serves no item; shown wherever the finding is explained.
const ORPHAN_HELP: &str =
    "say which outcome or principle this section serves, or ask whether the plan needs it";

/// Most sections named in one cell of a coverage table.
const MAX_PLACES: usize = 6;

/// The sections a coverage row points to: those that cover the item, or for an item not
/// covered those that mention it, or failing that those that only quote it in a restated
/// framework, by heading and line; "—" when there are none.
fn places(doc: &Document, c: &Coverage) -> String {
    let quoted = c.status != Status::Covered && c.mentions.is_empty();
    let sections = if c.status == Status::Covered {
        &c.sections
    } else if quoted {
        &c.quotes
    } else {
        &c.mentions
    };
    let mut places: Vec<String> = sections
        .iter()
        .take(MAX_PLACES)
        .map(|&s| format!("{} (line {})", doc.heading(s), doc.section_line(s)))
        .collect();
    if sections.len() > MAX_PLACES {
        places.push(format!("and {} more", sections.len() - MAX_PLACES));
    }
    match (c.status, places.is_empty()) {
        (_, true) => "—".to_owned(),
        (_, false) if quoted => format!("only quoted in {}", places.join("; ")),
        (Status::Weak, false) => format!("mentioned in {}", places.join("; ")),
        _ => places.join("; "),
    }
}

/// Where a span starts and ends as editors count: 1-based lines, columns in characters, the end
/// being the position just after the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    start: Position,
    end: Position,
}

/// The extent of a source span, without the line break that ends a heading's span: an
/// annotation should stay on the lines that hold the text, not reach column 1 of the next.
fn extent(doc: &Document, span: &Range<usize>) -> Extent {
    let text = doc.source.get(span.clone()).unwrap_or_default();
    let end = span.start + text.trim_end_matches(['\r', '\n']).len();
    Extent {
        start: doc.position(span.start),
        end: doc.position(end),
    }
}
