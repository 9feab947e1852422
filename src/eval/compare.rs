//! This evaluation against an earlier one of the same labels (`eval --compare-to FILE`), document
//! by document: whether a rule change moved F1 by more than the pages' own spread.

use std::path::Path;

use serde::Deserialize;

use super::interval::{self, Interval};
use super::{Counts, Evaluation};
use crate::input::{self, Kind, Source};
use crate::yaml::{self, Step};

const EARLIER_FILE: Kind = Kind {
    noun: "earlier evaluation",
    read_help: "write one with `planaudit eval … --format json > FILE`",
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

/// What is read of an earlier `eval --format json` report: each document's counts, and what
/// it scored them on (reports from before these fields read as all decisions, headings kept).
#[derive(Debug, Deserialize)]
struct Earlier {
    documents: Vec<EarlierDocument>,
    #[serde(default)]
    neutral_headings: bool,
    #[serde(default)]
    disputed: usize,
}

#[derive(Debug, Deserialize)]
struct EarlierDocument {
    file: String,
    frameworks: Vec<EarlierFramework>,
    /// The fingerprint of the labels it was scored on; `None` in a report from before they were
    /// recorded.
    labels: Option<String>,
}

#[derive(Debug, Deserialize)]
struct EarlierFramework {
    id: String,
    counts: Counts,
}

/// Compares `now` (with headings neutralised or not) with the JSON report at `path`, framework
/// by framework, on the documents both scored; a framework the earlier report lacks compares
/// no documents. An earlier report made the other way (headings, or decisions left out as
/// disputed), or whose document was scored on other labels, is refused: the change would be
/// the way's or the labels', not the rules'. So is one from before reports recorded their
/// labels, which cannot be told apart from one of other labels.
pub fn compare(
    now: &Evaluation,
    neutral_headings: bool,
    path: &Path,
) -> Result<Vec<Comparison>, input::Error> {
    let source = Source::read(path, EARLIER_FILE)?;
    let earlier: Earlier = source.parse(
        input::Format::Json,
        "give the JSON report of an earlier `planaudit eval` of the same labels",
    )?;
    let differs = |key: &str, then: String, now: String| {
        let span = yaml::node_span(&source.text, &[Step::Value(key)]).unwrap_or(0..0);
        let message = format!("the earlier evaluation's `{key}` is {then}, and this one's {now}");
        source.invalid(
            span,
            message,
            "compare evaluations made the same way: the same --neutral-headings and \
             --agreed-with",
        )
    };
    if earlier.neutral_headings != neutral_headings {
        let (then, now) = (earlier.neutral_headings, neutral_headings);
        return Err(differs("neutral_headings", then.to_string(), now.to_string()).into());
    }
    if earlier.disputed != now.disputed {
        let (then, now) = (earlier.disputed, now.disputed);
        return Err(differs("disputed", then.to_string(), now.to_string()).into());
    }
    let scored = |file: &str| earlier.documents.iter().any(|e| e.file == file);
    if !now.documents.iter().any(|d| scored(&d.file)) {
        return Err(unmatched(&source, &earlier, now).into());
    }
    refuse_other_labels(&source, &earlier, now)?;
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

/// The error for the first document both evaluations scored whose labels differ, or whose
/// earlier labels are not recorded.
fn refuse_other_labels(
    source: &Source,
    earlier: &Earlier,
    now: &Evaluation,
) -> Result<(), Box<input::Invalid>> {
    for (e, then) in earlier.documents.iter().enumerate() {
        let Some(document) = now.documents.iter().find(|d| d.file == then.file) else {
            continue;
        };
        let (key, message, help) = match &then.labels {
            Some(labels) if *labels == document.labels => continue,
            Some(_) => (
                "labels",
                format!(
                    "the earlier evaluation scored {} on other labels",
                    then.file
                ),
                "compare evaluations of the same labels: a change in the labels would read as \
                 one in the rules (to compare the rest, leave the document out with --exclude)",
            ),
            None => (
                "file",
                format!(
                    "the earlier evaluation does not record which labels it scored {} on",
                    then.file
                ),
                "it was made before `eval` recorded its labels: make it again with this \
                 planaudit, from the earlier rules",
            ),
        };
        let at = [Step::Value("documents"), Step::Index(e), Step::Value(key)];
        let span = yaml::node_span(&source.text, &at).unwrap_or(0..0);
        return Err(source.invalid(span, message, help));
    }
    Ok(())
}

/// The error for an earlier evaluation that scored none of this run's documents: a comparison
/// of nothing would print dashes as if the rules had changed nothing.
fn unmatched(source: &Source, earlier: &Earlier, now: &Evaluation) -> Box<input::Invalid> {
    let first = |files: &mut dyn Iterator<Item = &str>| {
        files
            .next()
            .map_or("none".to_owned(), |f| format!("\"{f}\""))
    };
    let then = first(&mut earlier.documents.iter().map(|d| d.file.as_str()));
    let here = first(&mut now.documents.iter().map(|d| d.file.as_str()));
    let span = yaml::node_span(&source.text, &[Step::Value("documents")]).unwrap_or(0..0);
    let message = format!(
        "the earlier evaluation scored none of this run's documents (it names {then}, this run \
         {here})"
    );
    source.invalid(
        span,
        message,
        "compare evaluations of the same labels files, given the same way: with one labels \
         file a plan is named by its path from that file, with several by its path from where \
         planaudit runs",
    )
}
