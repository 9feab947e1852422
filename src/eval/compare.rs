//! This evaluation against an earlier one of the same labels (`eval --compare-to FILE`), document
//! by document: whether a rule change moved F1 by more than the pages' own spread.

use std::path::Path;

use serde::Deserialize;

use super::interval::{self, Interval};
use super::{Counts, Evaluation};
use crate::input::{self, Kind, Source};

const EARLIER_FILE: Kind = Kind {
    noun: "earlier evaluation",
    read_help: "write one with `planaudit eval … --format json --output FILE`",
};

/// One framework's F1 then and now, on the documents both evaluations scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The framework's id.
    pub framework: String,
    /// Documents both evaluations scored, matched by their `file`.
    pub documents: usize,
    /// Counts summed over those documents, in the earlier evaluation.
    pub before: Counts,
    /// The same, now.
    pub after: Counts,
    /// The 95% interval of the change in F1, documents drawn in pairs.
    pub change: Option<Interval>,
}

/// What is read of an earlier `eval --format json` report: each document's counts.
#[derive(Debug, Deserialize)]
struct Earlier {
    documents: Vec<EarlierDocument>,
}

#[derive(Debug, Deserialize)]
struct EarlierDocument {
    file: String,
    frameworks: Vec<EarlierFramework>,
}

#[derive(Debug, Deserialize)]
struct EarlierFramework {
    id: String,
    counts: Counts,
}

/// Compares `now` with the JSON report at `path`, framework by framework, on the documents
/// both scored; a framework the earlier report lacks compares no documents.
pub fn compare(now: &Evaluation, path: &Path) -> Result<Vec<Comparison>, input::Error> {
    let source = Source::read(path, EARLIER_FILE)?;
    let earlier: Earlier = source.parse(
        input::Format::Json,
        "give the JSON report of an earlier `planaudit eval` of the same labels",
    )?;
    Ok(now
        .frameworks
        .iter()
        .enumerate()
        .map(|(f, (id, _))| {
            let pairs: Vec<(Counts, Counts)> = now
                .documents
                .iter()
                .filter_map(|document| {
                    let then = earlier.documents.iter().find(|e| e.file == document.file)?;
                    let counts = then.frameworks.iter().find(|e| e.id == *id)?.counts;
                    Some((counts, document.frameworks[f].1))
                })
                .collect();
            Comparison {
                framework: id.clone(),
                documents: pairs.len(),
                before: pairs.iter().map(|p| p.0).sum(),
                after: pairs.iter().map(|p| p.1).sum(),
                change: interval::of_change(&pairs),
            }
        })
        .collect())
}
