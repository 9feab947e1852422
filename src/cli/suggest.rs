//! `planaudit rules suggest`: candidate phrases from labelled plans, printed as YAML to review.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;

use super::eval::{DocumentArgs, select};
use super::{RuleArgs, exit, output};
use crate::eval::suggest::{self, Fold, SectionText, Suggestion};
use crate::eval::{self, Counts};
use crate::rules::ItemRef;

/// Longest example sentence shown, in characters.
const EXAMPLE_CHARS: usize = 100;

#[derive(Debug, Args)]
#[command(
    after_help = "Candidates are word n-grams (1-3 words, not numbers, dates or single letters
alone) that occur in at least two sections labelled with the item and more often there than
elsewhere: a positive z-score of their log-odds, with the whole labelled corpus as an
informative Dirichlet prior (Monroe, Colaresi and Quinn 2008). They are ranked by the F1 the
item would gain on the labelled sections if the phrase were added to its rules, counting a
section as linked when the phrase occurs in it, and kept only where the sections it would newly
link (those the rules do not link to the item yet) are labelled with the item clearly more often
than sections at large: the lower bound of a one-sided 95% Wilson interval beats the item's base
rate. A phrase that only repeats what the rules link already is not suggested. \"alone\" gives
the precision and recall the phrase would give by itself.

Each item's suggestions are one YAML document. Review them, then paste the ones a reviewer would
list from the sources under `signals: phrases:`. Nothing learned here runs at check time.

--folds K splits the documents into K folds by sorted file name, mines on K-1 of them, and
scores the held-out fold with the item's rules as they are and with the top suggestions added,
then all folds' sections pooled: false links in a fold with no section labelled with the item
count too.

Examples:
  planaudit rules suggest --labels labels.yaml --item O6
  planaudit rules suggest --labels labels.yaml --item O6 --folds 5 --top 5"
)]
pub struct SuggestArgs {
    /// The labels file (the format of `planaudit eval`); repeat it to mine several together.
    #[arg(long, value_name = "FILE", required = true)]
    labels: Vec<PathBuf>,

    /// Suggest for this item only [default: every item with labelled sections].
    #[arg(long, value_name = "ID")]
    item: Option<String>,

    /// Frameworks whose items get suggestions (repeatable, or comma-separated) [default: those of
    /// --rules, else outcomes and principles].
    #[arg(
        long = "framework",
        short = 'f',
        value_name = "ID",
        value_delimiter = ','
    )]
    frameworks: Vec<String>,

    /// Candidates per item.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..))]
    top: u16,

    /// Cross-validate over K folds of documents.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u16).range(2..))]
    folds: Option<u16>,

    #[command(flatten)]
    rules: RuleArgs,

    #[command(flatten)]
    documents: DocumentArgs,
}

pub fn run(args: SuggestArgs) -> miette::Result<u8> {
    let (catalog, added) = args.rules.catalog()?;
    let frameworks = match &args.item {
        Some(id) => {
            let (set, _) = catalog
                .item(id)
                .map_err(|error| miette::miette!(help = eval::ITEM_HELP, "{error}"))?;
            vec![set.id.clone()]
        }
        None => args.frameworks.clone(),
    };
    let rules = select(&catalog, &frameworks, &added)?;
    let options = eval::Options {
        neutral_headings: false,
        selection: args.documents.selection()?,
        items: catalog.item_ids(),
        ..eval::Options::default()
    };
    let (plans, _) = eval::load(&args.labels, &options)?;
    if let Some(k) = args.folds.map(usize::from).filter(|&k| k > plans.len()) {
        miette::bail!(
            help = "use at most as many folds as documents",
            "--folds {k} needs {k} documents; {} selected",
            crate::report::counted(plans.len(), "document")
        );
    }
    let sections = suggest::sections(&plans, &rules)?;
    let wanted = |item: &ItemRef<'_>| match &args.item {
        Some(id) => item.item.id.eq_ignore_ascii_case(id),
        None => sections.iter().any(|s| s.expected.contains(&item.item.id)),
    };
    let mut out = String::new();
    let top = usize::from(args.top);
    for item in rules.items().filter(wanted) {
        let id = &item.item.id;
        let existing = suggest::existing_phrases(item.framework, id);
        let found = suggest::mine(&sections, id, &existing, top);
        let before = suggest::item_counts(&sections, id);
        header(&mut out, &item, &sections, before, plans.len());
        suggestions(&mut out, &found, before.fn_, before.tp + before.fn_);
        if let Some(k) = args.folds {
            let folds = suggest::cross_validate(&plans, item.framework, id, usize::from(k), top)?;
            cross_validation(&mut out, &folds, top);
        }
    }
    if out.is_empty() {
        out.push_str("# No item of these frameworks has a labelled section.\n");
    }
    output::print(&out)?;
    Ok(exit::CLEAN)
}

/// The item, the corpus, and what the rules as they are link (`before`).
fn header(
    out: &mut String,
    item: &ItemRef<'_>,
    sections: &[SectionText],
    before: Counts,
    documents: usize,
) {
    let id = &item.item.id;
    let labelled = before.tp + before.fn_;
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "# {id} ({}): candidate phrases", item.item.title);
    let _ = writeln!(
        out,
        "# mined from {} labelled sections in {documents} documents, {labelled} of them labelled {id}.",
        sections.len()
    );
    let _ = writeln!(
        out,
        "# The rules link {} of those {labelled} and {} other sections to {id}.",
        before.tp, before.fp
    );
    out.push_str(
        "# Review each: keep a phrase only where a reviewer would list it from the sources, then\n\
         # paste it under `signals: phrases:`. ✓ marks a sentence from a section labelled with\n\
         # the item, ✗ one from a section that is not. Sections the rules already link to the\n\
         # item are marked (linked already) and come last.\n",
    );
}

/// The suggestions as YAML, or why there are none; `missed` counts the sections labelled with
/// the item that the rules do not link to it: the only ones a phrase could win.
fn suggestions(out: &mut String, found: &[Suggestion], missed: usize, labelled: usize) {
    if found.is_empty() && labelled == 0 {
        out.push_str(
            "# No candidate: no labelled section carries the item, so none could be mined.\n[]\n",
        );
        return;
    }
    if found.is_empty() && missed == 0 {
        out.push_str(
            "# No candidate: the rules link every section labelled with the item already, so no\n\
             # phrase could add a true link.\n[]\n",
        );
        return;
    }
    if found.is_empty() {
        let _ = writeln!(
            out,
            "# No candidate passes: none that occurs in {} or more labelled sections, more often\n\
             # than elsewhere, would newly link sections labelled with the item clearly more often\n\
             # than chance and raise its F1.\n[]",
            suggest::MIN_SECTIONS
        );
        return;
    }
    for s in found {
        let after = s.after();
        let _ = writeln!(
            out,
            "# F1 {:+.2} ({} → {}) if each section holding it were linked · newly links {} labelled and {} other sections · z {:.2}",
            s.gain(),
            f1(s.before),
            f1(after),
            s.new_labelled,
            s.new_other,
            s.z
        );
        let _ = writeln!(
            out,
            "# alone: precision {:.2} ({} of {} sections) · recall {:.2} ({} of {}) · count {}",
            s.precision(),
            s.matched_labelled,
            s.matched,
            s.recall(),
            s.matched_labelled,
            s.before.tp + s.before.fn_,
            s.count
        );
        for e in &s.examples {
            let mark = if e.labelled { '✓' } else { '✗' };
            let already = if e.linked { " (linked already)" } else { "" };
            let _ = writeln!(
                out,
                "#   {mark} {} § {}{already}: \"{}\"",
                e.file,
                one_line(&e.heading, EXAMPLE_CHARS),
                one_line(&e.sentence, EXAMPLE_CHARS)
            );
        }
        let quoted = serde_json::Value::from(s.phrase.as_str()).to_string();
        let _ = writeln!(out, "- {quoted}");
    }
}

/// Each fold, then the counts pooled over all of them. The pooled F1 is the verdict: a fold
/// with no section labelled with the item has no F1 of its own, but the false links the
/// phrases make there count against them all the same.
fn cross_validation(out: &mut String, folds: &[Fold], top: usize) {
    let _ = writeln!(
        out,
        "# Cross-validation over {} folds of documents (top {top} phrases mined on the others):",
        folds.len()
    );
    let (mut before, mut after) = (Counts::default(), Counts::default());
    for (i, fold) in folds.iter().enumerate() {
        before.add(fold.before);
        after.add(fold.after);
        let gain = match fold.gain() {
            Some(_) => change(fold.before, fold.after),
            None => "no held-out label".to_owned(),
        };
        let _ = writeln!(
            out,
            "#   fold {} ({}): F1 {} → {} ({gain}; {}) with {}",
            i + 1,
            fold.documents.join(", "),
            f1(fold.before),
            f1(fold.after),
            added(fold.before, fold.after),
            match fold.phrases.is_empty() {
                true => "no phrase".to_owned(),
                false => fold.phrases.join(", "),
            }
        );
    }
    let gain = change(before, after);
    let _ = writeln!(
        out,
        "#   all folds: F1 {} → {} ({gain}; {})",
        f1(before),
        f1(after),
        added(before, after)
    );
}

/// The true and false links the phrases add, "+2 true, +5 false links".
fn added(before: Counts, after: Counts) -> String {
    let change = |b: usize, a: usize| a as i64 - b as i64;
    format!(
        "{:+} true, {:+} false links",
        change(before.tp, after.tp),
        change(before.fp, after.fp)
    )
}

fn f1(c: Counts) -> String {
    c.f1().map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
}

/// The change between two F1s as [`f1`] prints them, so "0.68 → 0.68" never reads "-0.01".
fn change(before: Counts, after: Counts) -> String {
    let hundredths = |c: Counts| c.f1().map(|v| (v * 100.0).round() as i64);
    match (hundredths(before), hundredths(after)) {
        (Some(b), Some(a)) => {
            let d = a - b;
            let sign = if d < 0 { "-" } else { "+" };
            format!("{sign}{}.{:02}", d.abs() / 100, d.abs() % 100)
        }
        _ => "—".to_owned(),
    }
}

/// Text for a YAML comment: one line, control characters escaped, cut at `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let mut line = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            line.push('…');
            break;
        }
        match c {
            '\n' | '\r' | '\t' => line.push(' '),
            c if crate::input::is_unsafe(c) => line.extend(c.escape_unicode()),
            c => line.push(c),
        }
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The change is between the F1s as printed: 0.684 → 0.676 prints "0.68 → 0.68 (+0.00)".
    #[test]
    fn a_change_agrees_with_the_figures_printed() {
        let counts = |tp, fp, fn_| Counts { tp, fp, fn_ };
        // F1 0.684 (2·13/(2·13+6+6) = 26/38) and 0.676 (46/68).
        let (before, after) = (counts(13, 6, 6), counts(23, 11, 11));
        assert_eq!(f1(before), f1(after));
        assert_eq!(change(before, after), "+0.00");
        assert_eq!(change(counts(1, 1, 0), counts(1, 0, 0)), "+0.33");
        assert_eq!(change(counts(1, 0, 0), counts(1, 1, 0)), "-0.33");
        assert_eq!(change(counts(0, 0, 0), counts(1, 0, 0)), "—");
    }

    /// A fold with no section labelled with the item has no F1 of its own, but the false links
    /// the phrases make there count against them in the figure over all folds: the mean of
    /// the folds with labels would have called this a gain.
    #[test]
    fn false_links_in_a_fold_without_labels_count() {
        let counts = |tp, fp, fn_| Counts { tp, fp, fn_ };
        let fold = |before, after| Fold {
            documents: vec!["a.md".into()],
            phrases: vec!["staff".into()],
            before,
            after,
        };
        let folds = [
            fold(counts(2, 0, 2), counts(3, 0, 1)),
            fold(counts(0, 0, 0), counts(0, 6, 0)),
        ];
        let mut out = String::new();
        cross_validation(&mut out, &folds, 1);
        for line in [
            "F1 0.67 → 0.86 (+0.19; +1 true, +0 false links) with staff",
            "F1 — → 0.00 (no held-out label; +0 true, +6 false links) with staff",
            "all folds: F1 0.67 → 0.46 (-0.21; +1 true, +6 false links)",
        ] {
            assert!(out.contains(line), "{line}\n{out}");
        }
    }

    #[test]
    fn example_text_stays_on_one_comment_line() {
        assert_eq!(one_line("a\nb\u{7}c", 10), "a b\\u{7}c");
        assert_eq!(one_line("abcdef", 3), "abc…");
        assert_eq!(one_line("abc", 3), "abc");
    }
}
