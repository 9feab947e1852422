//! Formats an [`audit::Report`](crate::audit::Report). One module per format; each only reads
//! the report.

mod human;
mod json;

use crate::audit::{Report, Severity};

pub use human::Human;
pub use json::json;

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
