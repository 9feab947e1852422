//! Baselines: today's findings recorded, so a team can adopt planaudit on an existing plan and
//! be told only about what gets worse.
//!
//! Findings are matched by file, code, item and section heading, never by line, so editing
//! unrelated parts of a plan does not bring old findings back.

use std::collections::BTreeMap;
use std::path::Path;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::audit::{FileReport, Finding, Report};
use crate::rules::Rules;

/// What identifies a finding across edits.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub file: String,
    pub code: String,
    pub item: Option<String>,
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub schema_version: u32,
    pub findings: Vec<Entry>,
}

#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    #[error("cannot read baseline {path}: {cause}")]
    #[diagnostic(
        code(planaudit::baseline::read),
        help("write one with --write-baseline FILE")
    )]
    Read { path: String, cause: std::io::Error },

    #[error("{path}: not a planaudit baseline: {message}")]
    #[diagnostic(
        code(planaudit::baseline::invalid),
        help("write a new one with --write-baseline FILE")
    )]
    Invalid {
        path: String,
        message: String,
        #[source_code]
        src: NamedSource<String>,
        #[label("here")]
        span: SourceSpan,
    },
}

fn entry(rules: &Rules, file: &FileReport, finding: &Finding) -> Entry {
    let doc = &file.document;
    let section = finding.section.or_else(|| {
        let at = finding.labels.first()?.span.start;
        let block = doc
            .blocks
            .partition_point(|b| b.span.start <= at)
            .checked_sub(1)?;
        Some(doc.blocks[block].section)
    });
    Entry {
        file: doc.path.replace('\\', "/"),
        code: finding.code.as_str().to_owned(),
        item: finding.item.map(|i| rules.item(i).item.id.clone()),
        section: section.map(|s| doc.heading(s).to_owned()),
    }
}

impl Baseline {
    /// Every finding in `report`.
    pub fn of(report: &Report<'_>) -> Self {
        let mut findings: Vec<Entry> = report
            .files
            .iter()
            .flat_map(|file| {
                file.findings
                    .iter()
                    .map(move |f| entry(report.rules, file, f))
            })
            .collect();
        findings.sort();
        Self {
            schema_version: 1,
            findings,
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self)
            .unwrap_or_else(|e| unreachable!("baselines always serialise: {e}"));
        text.push('\n');
        text
    }

    pub fn read(path: &Path) -> Result<Self, Error> {
        let name = path.display().to_string();
        let text = crate::input::read_text(path).map_err(|cause| Error::Read {
            path: name.clone(),
            cause,
        })?;
        serde_json::from_str(&text).map_err(|e| {
            let at = crate::source::LineIndex::new(&text)
                .line_start(e.line())
                .map_or(0, |start| start + e.column().saturating_sub(1));
            Error::Invalid {
                path: name.clone(),
                message: e.to_string(),
                src: NamedSource::new(&name, text.clone()),
                span: (at.min(text.len()), 0).into(),
            }
        })
    }

    /// Removes from `report` the findings this baseline holds, each at most as often as it
    /// was recorded; returns how many were removed.
    pub fn suppress(&self, report: &mut Report<'_>) -> usize {
        let mut remaining: BTreeMap<&Entry, usize> = BTreeMap::new();
        for e in &self.findings {
            *remaining.entry(e).or_default() += 1;
        }
        let mut suppressed = 0;
        let rules = report.rules;
        for file in &mut report.files {
            let keys: Vec<Entry> = file
                .findings
                .iter()
                .map(|f| entry(rules, file, f))
                .collect();
            let mut keys = keys.iter();
            file.findings.retain(|_| {
                let recorded = keys.next().and_then(|key| remaining.get_mut(key));
                match recorded {
                    Some(n) if *n > 0 => {
                        *n -= 1;
                        suppressed += 1;
                        false
                    }
                    _ => true,
                }
            });
        }
        suppressed
    }
}
