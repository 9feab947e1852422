//! `planaudit eval`: precision, recall and F1 against a reviewer's labels.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::{Value, json};

use super::{RuleArgs, exit, output};
use crate::eval::compare::{Comparison, compare};
use crate::eval::interval::{self, Interval};
use crate::eval::{self, Counts, Evaluation, Selection};
use crate::input::{escape_controls, escape_name};
use crate::rules::{Catalog, DEFAULT_FRAMEWORKS, Rules};

#[derive(Debug, Args)]
#[command(
    after_help = "The labels file (YAML, schema_version 1) lists documents, each with
`file` (relative to the labels file), optional `strip_sections` (## headings removed before
auditing) and `sections`: the `heading` of each ## section (or of a deeper section, where no
## section has it; a # title or chapter is judged without its subsections, so none is named)
and the item ids it is `expected` to address, each once. Where the plan has two sections of
the heading, `under` names the heading of the one meant's parent section. A document may note
`title`, `jurisdiction` and `source_url`, a section `rationale` and `source`: free text that
planaudit does not read. Any other key is an error. A section predicts an item when it
addresses it, subsections included.

`strip_sections` and --neutral-headings edit the plan's Markdown source, so they work on
Markdown plans only: an HTML, Word or PDF plan labelled with either is an error where the
labels ask for it. Label a Markdown copy of such a plan to strip sections or neutralise its
headings.

Several --labels files are scored as one set: every section of every file counts once in the
micro-averaged figures, and each document is named by its path from here (`.` and `..`
resolved). --documents and --exclude match the `file` entries as each labels file writes them,
the names the report prints, with `.` and `..` resolved or not, or their file names alone (`*`
crosses `/`); a glob that matches no document is an error.

Precision is undefined (shown as — and null in JSON) where nothing was predicted, recall where
nothing was expected, F1 where neither was.

Each framework's figures come with a 95% interval: the documents are drawn again with
replacement 2,000 times (a fixed seed, so the interval is the same on every run) and the
middle 95% of the draws' scores is shown. Sections of one plan are not independent, so the
document is what is drawn; a set of fewer than 5 documents gets no interval.

--reader FILE scores a second reader's labels of the same sections (the same format, plans
named relative to it) in place of planaudit's links: how far two reviewers agree, which is as
far as any tool can be expected to agree with either. Every section the --labels files score
must be in the --reader files. Run `eval --labels FILE` on each reader's file to set
planaudit beside both.

--agreed-with FILE reads a second reader's labels of the same sections and scores only the
decisions (a section and an item) where they and the --labels files agree; the others are
disputed, left out and counted. Where two careful reviewers differ, neither a hit nor a miss
says much about planaudit.

--compare-to FILE reads an earlier `eval --format json` report of the same labels (before a
rule change, say) and gives each framework's change in F1 on the documents both scored, with
the 95% interval of the change, the same documents drawn for both: a change whose interval
holds 0 is within the pages' own spread. The JSON report records a fingerprint of each
document's labels (`labels`); an earlier report whose document was scored on other labels is
refused, as is one made before reports recorded them: a change in the labels would read as one
in the rules.

Examples:
  planaudit eval --labels ../shared/eval-dev/labels.yaml --neutral-headings
  planaudit eval --labels labels.yaml --documents 'held-out/*' --format json
  planaudit eval --labels batch-1/report.yaml --labels batch-2/report.yaml
  planaudit eval --labels labels.yaml --compare-to before.json
  planaudit eval --labels first-reader.yaml --reader second-reader.yaml
  planaudit eval --labels first-reader.yaml --agreed-with second-reader.yaml"
)]
pub struct EvalArgs {
    /// The labels file; repeat it to score several files' documents together as one set.
    #[arg(long, value_name = "FILE", required = true)]
    labels: Vec<PathBuf>,

    /// Framework to score (repeatable, or comma-separated) [default: those of --rules, else
    /// outcomes and principles].
    #[arg(
        long = "framework",
        short = 'f',
        value_name = "ID",
        value_delimiter = ','
    )]
    frameworks: Vec<String>,

    #[command(flatten)]
    rules: RuleArgs,

    #[command(flatten)]
    documents: DocumentArgs,

    /// Replace headings with neutral text first, to measure how much the headings carry
    /// (Markdown plans only).
    #[arg(long, conflicts_with = "readers")]
    neutral_headings: bool,

    /// Score a second reader's labels of the same sections instead of planaudit's links
    /// (repeatable): how far two reviewers agree.
    #[arg(long = "reader", value_name = "FILE")]
    readers: Vec<PathBuf>,

    /// Score only the decisions a second reader's labels of the same sections agree with
    /// (repeatable); the disputed ones are left out and counted.
    #[arg(long = "agreed-with", value_name = "FILE", conflicts_with = "readers")]
    agreed_with: Vec<PathBuf>,

    /// Compare with an earlier `eval --format json` report of the same labels: each
    /// framework's change in F1 on the documents both scored, with its 95% interval.
    #[arg(long, value_name = "FILE")]
    compare_to: Option<PathBuf>,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

/// Which labelled documents to use, shared by `eval` and `rules suggest`.
#[derive(Debug, Clone, Args)]
pub(super) struct DocumentArgs {
    /// Use only the documents whose `file` entry or reported name matches GLOB (repeatable).
    #[arg(long = "documents", value_name = "GLOB")]
    include: Vec<String>,

    /// Leave out the documents whose `file` entry or reported name matches GLOB (repeatable).
    #[arg(long = "exclude", value_name = "GLOB")]
    exclude: Vec<String>,
}

impl DocumentArgs {
    pub(super) fn selection(&self) -> miette::Result<Selection> {
        Ok(Selection::new(&self.include, &self.exclude)?)
    }
}

/// The frameworks named with `--framework`; else those the `--rules` files define (`added`):
/// labels made for a team's own rules score those, and scoring the default frameworks beside
/// them would count every link of theirs as a false one; else the default ones. Compiled.
pub(super) fn select(
    catalog: &Catalog,
    frameworks: &[String],
    added: &[String],
) -> miette::Result<Rules> {
    let defaults: Vec<String> = DEFAULT_FRAMEWORKS.iter().map(|s| s.to_string()).collect();
    let chosen = match (frameworks.is_empty(), added.is_empty()) {
        (false, _) => frameworks,
        (true, false) => added,
        (true, true) => &defaults,
    };
    Ok(catalog.select(chosen)?)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: EvalArgs) -> miette::Result<u8> {
    let (catalog, added) = args.rules.catalog()?;
    let rules = select(&catalog, &args.frameworks, &added)?;
    let items = catalog.item_ids();
    let read = |paths: &[PathBuf]| match paths.is_empty() {
        true => Ok(None),
        false => eval::Reader::read(paths, &items).map(Some),
    };
    let options = eval::Options {
        neutral_headings: args.neutral_headings,
        selection: args.documents.selection()?,
        reader: read(&args.readers)?,
        agreed_with: read(&args.agreed_with)?,
        items,
    };
    let evaluation = eval::evaluate(&args.labels, &rules, &options)?;
    let scored = Scored {
        readers: &args.readers,
        agreed_with: &args.agreed_with,
        neutral: args.neutral_headings,
    };
    let comparison = match &args.compare_to {
        Some(path) => Some((
            path.display().to_string(),
            compare(&evaluation, args.neutral_headings, path)?,
        )),
        None => None,
    };
    let text = match args.format {
        Format::Human => human(&evaluation, comparison.as_ref(), &scored),
        Format::Json => json_report(&evaluation, comparison.as_ref(), &scored),
    };
    output::print(&text)?;
    Ok(exit::CLEAN)
}

/// An earlier report's path, as given, and the comparison with it.
type Compared = (String, Vec<Comparison>);

/// What was scored against the labels: planaudit's links (headings kept or neutralised) or a
/// second reader's labels.
struct Scored<'a> {
    readers: &'a [PathBuf],
    /// The second reader whose agreement chose the decisions scored.
    agreed_with: &'a [PathBuf],
    neutral: bool,
}

impl Scored<'_> {
    /// The report's first line says which, and on which decisions.
    fn describe(&self, disputed: usize) -> String {
        let names = |paths: &[PathBuf]| -> String {
            let names: Vec<String> = paths
                .iter()
                .map(|p| escape_name(&p.display().to_string()).into_owned())
                .collect();
            names.join(", ")
        };
        let scored = match self.readers {
            [] if self.neutral => "planaudit's links, headings neutralised".to_owned(),
            [] => "planaudit's links, headings kept".to_owned(),
            readers => format!("a second reader's labels ({})", names(readers)),
        };
        match self.agreed_with {
            [] => scored,
            agreed => format!(
                "{scored}; only where a second reader ({}) agrees with the labels \
                 ({disputed} disputed {} left out)",
                names(agreed),
                if disputed == 1 {
                    "decision"
                } else {
                    "decisions"
                }
            ),
        }
    }

    /// What the scored side did with an item: planaudit links it, a reader labels it.
    fn verb(&self) -> &'static str {
        match self.readers.is_empty() {
            true => "linked",
            false => "labelled",
        }
    }
}

fn human(e: &Evaluation, compared: Option<&Compared>, scored: &Scored) -> String {
    let documents = match e.documents.len() == e.labelled_documents {
        true => crate::report::counted(e.documents.len(), "document"),
        false => format!(
            "{} of {}",
            e.documents.len(),
            crate::report::counted(e.labelled_documents, "document")
        ),
    };
    // A label on a section the labels also strip is not scored: said, not dropped unseen.
    let stripped = match e.stripped {
        0 => String::new(),
        n => format!(" ({n} more stripped, not scored)"),
    };
    let mut out = format!(
        "{documents}, {}{stripped}; scored: {}\n\n",
        crate::report::counted(e.sections, "labelled section"),
        scored.describe(e.disputed)
    );
    counts_table(&mut out, "framework", &e.frameworks);
    intervals_table(&mut out, e);
    if let Some(compared) = compared {
        comparison_table(&mut out, compared);
    }
    documents_table(&mut out, e);
    out.push('\n');
    counts_table(&mut out, "item", &e.items);
    let verb = scored.verb();
    let _ = writeln!(out, "\nConfusions (expected → {verb} instead, in sections)");
    for c in &e.confusions {
        let _ = writeln!(out, "  {} → {}  {}", c.expected, c.linked, c.sections);
    }
    none_if(&mut out, e.confusions.is_empty());
    for (title, predicted, other) in [
        ("False positives", true, "expected instead".to_owned()),
        ("False negatives", false, format!("{verb} instead")),
    ] {
        let _ = writeln!(out, "\n{title}");
        for miss in e.misses.iter().filter(|m| m.predicted == predicted) {
            let mut evidence: Vec<&str> = miss.evidence.iter().map(String::as_str).collect();
            evidence.dedup();
            evidence.truncate(6);
            let instead = match miss.instead.is_empty() {
                true => "nothing".to_owned(),
                false => miss.instead.join(", "),
            };
            let quoted: Vec<String> = evidence.iter().map(|t| format!(" \"{t}\"")).collect();
            let score = miss
                .score
                .map(|s| format!("score {}; ", super::score(s)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {} § {}: {} ({score}{other}: {instead}){}",
                escape_name(&miss.file),
                miss.heading,
                miss.item,
                quoted.join(",")
            );
        }
        none_if(&mut out, !e.misses.iter().any(|m| m.predicted == predicted));
    }
    // Headings, evidence and file names come from plans and labels: none may drive the terminal.
    escape_controls(&out).into_owned()
}

/// Says "none" under an empty list's title, so that an empty list reads as checked.
fn none_if(out: &mut String, empty: bool) {
    if empty {
        out.push_str("  none\n");
    }
}

fn counts_table(out: &mut String, title: &str, rows: &[(String, Counts)]) {
    // Counts are right-aligned under their headers, however many digits a pooled set needs.
    let w = rows
        .iter()
        .flat_map(|(_, c)| [c.tp, c.fp, c.fn_])
        .map(|n| n.to_string().len())
        .max()
        .unwrap_or(0)
        .max(2);
    let _ = writeln!(
        out,
        "  {title:<12} precision  recall  F1     {:>w$}  {:>w$}  {:>w$}",
        "TP", "FP", "FN"
    );
    for (id, c) in rows {
        let _ = writeln!(
            out,
            "  {id:<12} {:<10} {:<7} {:<6} {:>w$}  {:>w$}  {:>w$}",
            fixed(c.precision()),
            fixed(c.recall()),
            fixed(c.f1()),
            c.tp,
            c.fp,
            c.fn_
        );
    }
}

/// Each framework's 95% intervals, or why there are none: a figure is read with its spread.
fn intervals_table(out: &mut String, e: &Evaluation) {
    if e.intervals.iter().all(Option::is_none) {
        let _ = writeln!(
            out,
            "\n  No 95% intervals: fewer than {} documents.",
            interval::MIN_DOCUMENTS
        );
        return;
    }
    let _ = writeln!(
        out,
        "\n  95% intervals, the {} documents drawn again {} times",
        e.documents.len(),
        interval::RESAMPLES
    );
    let _ = writeln!(out, "  {:<12} precision  recall     F1", "framework");
    for ((id, _), intervals) in e.frameworks.iter().zip(&e.intervals) {
        let i = intervals.unwrap_or_default();
        let row = [i.precision, i.recall, i.f1].map(|r| format!("{:<10}", range(r)));
        let _ = writeln!(out, "  {id:<12} {}", row.join(" ").trim_end());
    }
}

/// Each framework's F1 then and now, and the interval of the change: a change whose interval
/// holds 0 is within the pages' own spread.
fn comparison_table(out: &mut String, (path, comparisons): &Compared) {
    let _ = writeln!(out, "\n  Against {path}");
    let _ = writeln!(
        out,
        "  {:<12} documents  F1 then  F1 now  change  95% interval of the change",
        "framework"
    );
    for c in comparisons {
        let change = c.after.f1().zip(c.before.f1()).map(|(a, b)| a - b);
        let interval = c.change.map_or_else(
            || "—".to_owned(),
            |i| format!("{:+.2} to {:+.2}", i.low, i.high),
        );
        let _ = writeln!(
            out,
            "  {:<12} {:>9}  {:<8} {:<7} {:<7} {interval}",
            c.framework,
            c.documents,
            fixed(c.before.f1()),
            fixed(c.after.f1()),
            change.map_or_else(|| "—".to_owned(), |d| format!("{d:+.2}")),
        );
    }
}

/// An interval to two places ("0.52–0.83"), or "—".
fn range(interval: Option<Interval>) -> String {
    interval.map_or_else(|| "—".to_owned(), |i| format!("{:.2}–{:.2}", i.low, i.high))
}

/// One row per document: precision / recall / F1 for each framework.
fn documents_table(out: &mut String, e: &Evaluation) {
    let names: Vec<_> = e.documents.iter().map(|d| escape_name(&d.file)).collect();
    let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let _ = write!(out, "\n  {:<width$}  sections", "document");
    // Each framework's column as wide as its header or its figures ("0.67 / 0.50 / 0.57").
    let headers: Vec<String> = e
        .frameworks
        .iter()
        .map(|(id, _)| format!("{id} P / R / F1"))
        .collect();
    let widths: Vec<usize> = headers.iter().map(|h| h.chars().count().max(18)).collect();
    for (header, width) in headers.iter().zip(&widths) {
        let _ = write!(out, "  {header:<width$}");
    }
    out.push('\n');
    for (d, name) in e.documents.iter().zip(&names) {
        let _ = write!(out, "  {name:<width$}  {:>8}", d.sections);
        for ((_, c), width) in d.frameworks.iter().zip(&widths) {
            let prf = [c.precision(), c.recall(), c.f1()].map(fixed).join(" / ");
            let _ = write!(out, "  {prf:<width$}");
        }
        // Trailing padding would make the table awkward to diff.
        out.truncate(out.trim_end().len());
        out.push('\n');
    }
}

/// A score to two places, or "—" where it is undefined.
fn fixed(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

fn json_report(e: &Evaluation, compared: Option<&Compared>, scored: &Scored) -> String {
    let frameworks = |frameworks: &[(String, Counts)]| -> Vec<Value> {
        frameworks
            .iter()
            .map(|(id, c)| json!({"id": id, "counts": counts(c)}))
            .collect()
    };
    let value = json!({
        "schema_version": 2,
        "neutral_headings": scored.neutral,
        "readers": scored.readers.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "agreed_with": scored.agreed_with.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "disputed": e.disputed,
        "labelled_documents": e.labelled_documents,
        "sections": e.sections,
        "stripped_sections": e.stripped,
        "frameworks": frameworks(&e.frameworks),
        "intervals": e.frameworks.iter().zip(&e.intervals).map(|((id, _), i)| json!({
            "id": id,
            "resamples": interval::RESAMPLES,
            "precision": i.and_then(|i| i.precision).map(bounds),
            "recall": i.and_then(|i| i.recall).map(bounds),
            "f1": i.and_then(|i| i.f1).map(bounds),
        })).collect::<Vec<_>>(),
        "comparison": compared.map(|(path, comparisons)| json!({
            "earlier": path,
            "frameworks": comparisons.iter().map(|c| json!({
                "id": c.framework,
                "documents": c.documents,
                "before": counts(&c.before),
                "after": counts(&c.after),
                "change": c.change.map(bounds),
            })).collect::<Vec<_>>(),
        })),
        "documents": e.documents.iter().map(|d| json!({
            "file": d.file, "sections": d.sections, "labels": d.labels,
            "frameworks": frameworks(&d.frameworks),
        })).collect::<Vec<_>>(),
        "items": frameworks(&e.items),
        "confusions": e.confusions.iter().map(|c| json!({
            "expected": c.expected, "linked": c.linked, "sections": c.sections,
        })).collect::<Vec<_>>(),
        "misses": e.misses.iter().map(|m| json!({
            "file": m.file, "heading": m.heading, "item": m.item,
            "kind": if m.predicted { "false_positive" } else { "false_negative" },
            "score": m.score, "evidence": m.evidence, "instead": m.instead,
        })).collect::<Vec<_>>(),
    });
    let mut text = crate::json::to_string_pretty(&value)
        .unwrap_or_else(|e| unreachable!("JSON values always serialise: {e}"));
    text.push('\n');
    text
}

/// An interval as `[low, high]`.
fn bounds(i: Interval) -> Value {
    json!([i.low, i.high])
}

/// Counts with their scores; an undefined score is null.
fn counts(c: &Counts) -> Value {
    json!({
        "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
        "tp": c.tp, "fp": c.fp, "fn": c.fn_,
    })
}
