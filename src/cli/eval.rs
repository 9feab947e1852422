//! `planaudit eval`: precision, recall and F1 against a reviewer's labels.

use std::fmt::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;

use super::{RuleArgs, exit, output};
use crate::eval::{self, Counts, Evaluation};
use crate::rules::DEFAULT_FRAMEWORKS;

#[derive(Debug, Args)]
#[command(
    after_help = "The labels file (YAML, schema_version 1) lists documents, each with
`file` (relative to the labels file), optional `strip_sections` (## headings removed before
auditing) and `sections`: the `heading` of each ## section and the item ids it is `expected`
to address. A section predicts an item when it addresses it, subsections included.

Example:
  planaudit eval --labels ../shared/eval-dev/labels.yaml --neutral-headings"
)]
pub struct EvalArgs {
    /// The labels file.
    #[arg(long, value_name = "FILE")]
    labels: PathBuf,

    /// Framework to score (repeatable) [default: outcomes, principles].
    #[arg(long = "framework", short = 'f', value_name = "ID")]
    frameworks: Vec<String>,

    #[command(flatten)]
    rules: RuleArgs,

    /// Replace headings with neutral text first, to measure how much the headings carry.
    #[arg(long)]
    neutral_headings: bool,

    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: EvalArgs) -> miette::Result<u8> {
    let (catalog, _) = args.rules.catalog()?;
    let frameworks: Vec<String> = if args.frameworks.is_empty() {
        DEFAULT_FRAMEWORKS.iter().map(|s| s.to_string()).collect()
    } else {
        args.frameworks.clone()
    };
    let rules = catalog.select(&frameworks)?;
    let options = eval::Options {
        neutral_headings: args.neutral_headings,
    };
    let evaluation = eval::evaluate(&args.labels, &rules, options)?;
    let text = match args.format {
        Format::Human => human(&evaluation, args.neutral_headings),
        Format::Json => json_report(&evaluation, args.neutral_headings),
    };
    output::print(&text)?;
    Ok(exit::CLEAN)
}

fn human(e: &Evaluation, neutral: bool) -> String {
    let mut out = format!(
        "{} documents, {} labelled sections, headings {}\n\n",
        e.documents,
        e.sections,
        if neutral { "neutralised" } else { "kept" }
    );
    let _ = writeln!(
        out,
        "  {:<12} precision  recall  F1     TP  FP  FN",
        "framework"
    );
    for (id, c) in &e.frameworks {
        let _ = writeln!(out, "  {id:<12} {}", row(c));
    }
    let _ = writeln!(
        out,
        "\n  {:<12} precision  recall  F1     TP  FP  FN",
        "item"
    );
    for (id, c) in e.items.iter().filter(|(_, c)| c.tp + c.fp + c.fn_ > 0) {
        let _ = writeln!(out, "  {id:<12} {}", row(c));
    }
    for (title, predicted) in [("False positives", true), ("False negatives", false)] {
        let _ = writeln!(out, "\n{title}");
        for miss in e.misses.iter().filter(|m| m.predicted == predicted) {
            let mut evidence: Vec<&str> = miss.evidence.iter().map(String::as_str).collect();
            evidence.dedup();
            evidence.truncate(6);
            let _ = writeln!(
                out,
                "  {} § {}: {} (score {}) {}",
                miss.file,
                miss.heading,
                miss.item,
                miss.score,
                evidence
                    .iter()
                    .map(|t| format!("\"{t}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    out
}

fn row(c: &Counts) -> String {
    format!(
        "{:<10.2} {:<7.2} {:<6.2} {:>2}  {:>2}  {:>2}",
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn json_report(e: &Evaluation, neutral: bool) -> String {
    let counts = |c: &Counts| {
        json!({
            "precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
            "tp": c.tp, "fp": c.fp, "fn": c.fn_,
        })
    };
    let value = json!({
        "schema_version": 1,
        "neutral_headings": neutral,
        "documents": e.documents,
        "sections": e.sections,
        "frameworks": e.frameworks.iter().map(|(id, c)| json!({"id": id, "counts": counts(c)})).collect::<Vec<_>>(),
        "items": e.items.iter().map(|(id, c)| json!({"id": id, "counts": counts(c)})).collect::<Vec<_>>(),
        "misses": e.misses.iter().map(|m| json!({
            "file": m.file, "heading": m.heading, "item": m.item,
            "kind": if m.predicted { "false_positive" } else { "false_negative" },
            "score": m.score, "evidence": m.evidence,
        })).collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value)
        .unwrap_or_else(|e| unreachable!("JSON values always serialise: {e}"));
    text.push('\n');
    text
}
