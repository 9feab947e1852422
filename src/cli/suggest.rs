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
    after_help = "Candidates are word n-grams (1-3 words) that occur in at least two
sections labelled with the item, ranked by the z-score of their log-odds between those sections
and the rest, with the whole labelled corpus as an informative Dirichlet prior (Monroe, Colaresi
and Quinn 2008). Precision and recall are those the phrase alone would give, counting a labelled
section as linked when the phrase occurs in it. \"Not linked yet\" counts the sections it occurs
in that the rules do not already link to the item: those that adding it could change.

Each item's suggestions are one YAML document. Review them, then paste the ones a reviewer would
list from the sources under `signals: phrases:`. Nothing learned here runs at check time.

--folds K splits the documents into K folds by sorted file name, mines on K-1 of them, and
scores the held-out fold with the item's rules as they are and with the top suggestions added.

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

    /// Frameworks whose items get suggestions (repeatable) [default: outcomes, principles and
    /// those of --rules].
    #[arg(long = "framework", short = 'f', value_name = "ID")]
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
        Some(id) => vec![catalog.item(id)?.0.id.clone()],
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
            "--folds {k} needs {k} documents; the labels give {}",
            plans.len()
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
        header(&mut out, &item, &sections, plans.len());
        suggestions(&mut out, &found);
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

fn header(out: &mut String, item: &ItemRef<'_>, sections: &[SectionText], documents: usize) {
    let id = &item.item.id;
    let labelled = sections.iter().filter(|s| s.expected.contains(id)).count();
    let _ = writeln!(out, "---");
    let _ = writeln!(out, "# {id} ({}): candidate phrases", item.item.title);
    let _ = writeln!(
        out,
        "# mined from {} labelled sections in {documents} documents, {labelled} of them labelled {id}.",
        sections.len()
    );
    out.push_str(
        "# Review each: keep a phrase only where a reviewer would list it from the sources, then\n\
         # paste it under `signals: phrases:`. ✓ marks a sentence from a section labelled with\n\
         # the item, ✗ one from a section that is not. Sections the rules already link to the\n\
         # item are marked (linked already) and come last.\n",
    );
}

fn suggestions(out: &mut String, found: &[Suggestion]) {
    if found.is_empty() {
        let _ = writeln!(
            out,
            "# No candidate occurs in {} or more labelled sections more often than elsewhere.\n[]",
            suggest::MIN_SECTIONS
        );
        return;
    }
    for s in found {
        let _ = writeln!(
            out,
            "# z {:.2} · precision {:.2} ({} of {} sections) · recall {:.2} ({} of {}) · count {}",
            s.z,
            s.precision(),
            s.matched_labelled,
            s.matched,
            s.recall(),
            s.matched_labelled,
            s.labelled,
            s.count
        );
        let _ = writeln!(
            out,
            "# not linked yet: {} labelled and {} other sections",
            s.new_labelled, s.new_other
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

/// Folds, then the mean gain over the folds where the item has labelled sections.
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
        let gain = fold
            .gain()
            .map_or_else(|| "no held-out label".to_owned(), |g| format!("{g:+.2}"));
        let _ = writeln!(
            out,
            "#   fold {} ({}): F1 {} → {} ({gain}) with {}",
            i + 1,
            fold.documents.join(", "),
            f1(fold.before),
            f1(fold.after),
            match fold.phrases.is_empty() {
                true => "no phrase".to_owned(),
                false => fold.phrases.join(", "),
            }
        );
    }
    let gains: Vec<f64> = folds.iter().filter_map(Fold::gain).collect();
    let mean = match gains.is_empty() {
        true => "—".to_owned(),
        false => format!("{:+.2}", gains.iter().sum::<f64>() / gains.len() as f64),
    };
    let counted = match gains.len() {
        1 => "1 fold".to_owned(),
        n => format!("{n} folds"),
    };
    let _ = writeln!(
        out,
        "#   mean F1 gain {mean} over {counted} with held-out labels; pooled F1 over all folds {} → {}",
        f1(before),
        f1(after)
    );
}

fn f1(c: Counts) -> String {
    c.f1().map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
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

    #[test]
    fn example_text_stays_on_one_comment_line() {
        assert_eq!(one_line("a\nb\u{7}c", 10), "a b\\u{7}c");
        assert_eq!(one_line("abcdef", 3), "abc…");
        assert_eq!(one_line("abc", 3), "abc");
    }
}
