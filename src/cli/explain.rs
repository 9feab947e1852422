//! `planaudit explain`: why an item is covered, weak or missing — every hit and near miss.

use std::fmt::Write;
use std::path::PathBuf;

use clap::Args;

use super::setup::{ConfigArgs, ReadArgs, Setup};
use super::{RuleArgs, exit, output};
use crate::audit::{
    self, Evidence, FOREGROUND_SHARE, FileReport, Focus, LOCALITY_SECTION, Link, PASSING_SHARE,
    SHORT_SECTION_FACTOR, SHORT_SECTION_WORDS, Source, Strength,
};
use crate::document::Document;
use crate::input::escape_controls;
use crate::rules::{ItemRef, Rules, Signal, SignalKind};

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  planaudit explain fixtures/plans/gaps-plan.md O5\n  planaudit explain fixtures/plans/gaps-plan.md O6 P5 P6"
)]
pub struct ExplainArgs {
    /// The plan to explain; `-` reads it from standard input.
    #[arg(value_name = "PATH")]
    path: PathBuf,

    /// The items to explain, e.g. O6 P3, each in turn in the order reports list items; at
    /// least one, here or with --item.
    #[arg(value_name = "ID")]
    ids: Vec<String>,

    /// An item to explain (repeatable), as naming it after the plan does.
    #[arg(long, value_name = "ID")]
    item: Vec<String>,

    /// Audit with this framework too (repeatable, or comma-separated), as `check` was run [default:
    /// the config's, else outcomes, principles]. The item's own framework is always included. A
    /// restated list of the outcomes is known only when outcomes are audited, so the frameworks can
    /// change a verdict.
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
    config: ConfigArgs,

    #[command(flatten)]
    read: ReadArgs,
}

pub fn run(args: ExplainArgs) -> miette::Result<u8> {
    // Checked here rather than by clap, whose message names only the positional form.
    if args.ids.is_empty() && args.item.is_empty() {
        miette::bail!(
            help = "name them after the plan, `planaudit explain PLAN O6 P3`, or with --item O6; \
                    `planaudit rules list` lists every item",
            "explain needs at least one item id"
        );
    }
    let mut setup = Setup::new(&args.rules, &args.config, &args.frameworks)?;
    let mut ids: Vec<&String> = args.ids.iter().chain(&args.item).collect();
    ids.sort_by_key(|id| id.to_ascii_uppercase());
    ids.dedup_by_key(|id| id.to_ascii_uppercase());
    for id in &ids {
        let (set, _) = setup.catalog.item(id).map_err(|e| {
            let swapped = setup.catalog.item(&args.path.to_string_lossy()).is_ok();
            not_a_second_plan(id, swapped, e)
        })?;
        if !setup.frameworks.contains(&set.id) {
            setup.frameworks.push(set.id.clone());
        }
    }
    // Named first, as `check` names it: its frameworks, rule files and waivers change the
    // verdicts below.
    let config = setup.config.as_ref().map(|c| c.path.display().to_string());
    let (rules, policy) = setup.into_rules()?;
    let document = match args.path.as_os_str() == super::check::STDIN {
        true => super::check::read_stdin("<stdin>", args.read.max_file_size)?,
        false => args.read.read(&args.path)?,
    };
    let report = audit::audit_with(document, &rules, &policy);
    // In the rule sets' order, as every report lists items.
    let items = rules
        .items()
        .filter(|i| ids.iter().any(|id| i.item.id.eq_ignore_ascii_case(id)));
    let options = args.rules.repeat(&args.config).rule_options();
    let text: Vec<String> = items
        .map(|item| explain(&report, &rules, item, &options))
        .collect();
    // Plan and rule text is shown as written, so control characters in it must not reach the
    // terminal.
    let mut text = text.join("\n");
    if let Some(config) = config {
        text.insert_str(0, &format!("config: {config}\n\n"));
    }
    let text = escape_controls(&text);
    output::print_fitted(&text)?;
    Ok(exit::CLEAN)
}

/// An unknown item that names a file is a second plan, which `explain` does not take, or the
/// plan itself after an item given first (`swapped`): say so rather than call a path an
/// unknown item.
fn not_a_second_plan(id: &str, swapped: bool, error: crate::rules::Error) -> miette::Report {
    let name = crate::input::escape_name(id);
    match (std::path::Path::new(id).exists(), swapped) {
        (true, true) => miette::miette!(
            help = "name the plan first, then the items: `planaudit explain PLAN ID…`",
            "`{name}` is a file and the first argument an item id: explain takes the plan first"
        ),
        (true, false) => miette::miette!(
            help = "run `planaudit explain` once for each plan",
            "`{name}` is a file, not an item id: explain reads one plan"
        ),
        (false, _) => error.into(),
    }
}

/// What `report` says of `item`, section by section; `options` are the run's rule options, which
/// a suggested `rules show` repeats.
fn explain(report: &FileReport, rules: &Rules, item: ItemRef<'_>, options: &str) -> String {
    let doc = &report.document;
    let threshold = item.threshold();
    let coverage = &report.coverage[item.index];
    let mut out = format!(
        "{} — {} ({}); addressed where a section scores {threshold} points or more\n",
        item.item.id, item.item.title, item.framework.id
    );
    let waiver = coverage
        .waiver
        .as_ref()
        .map(|reason| format!(" ({reason})"));
    let status = coverage.status.as_str();
    let path = crate::input::escape_name(&doc.path);
    let _ = writeln!(out, "{path}: {status}{}", waiver.unwrap_or_default());
    if let Some(note) = &coverage.note {
        // The sections the check names are those `check` and `matrix` show as covering, which
        // the sections' own scores below need not be.
        let shown: Vec<String> = (coverage.sections.iter())
            .map(|&s| format!("{} ({})", doc.heading(s), doc.section_place(s)))
            .collect();
        let _ = match shown.is_empty() {
            true => writeln!(out, "structure: {note}"),
            false => writeln!(out, "structure: {note}: {}", shown.join("; ")),
        };
    }
    let mut linked = false;
    for (section, links) in report.links.iter().enumerate() {
        let Some(link) = links.iter().find(|l| l.item == item.index) else {
            continue;
        };
        linked = true;
        section_explanation(&mut out, report, rules, section, link, threshold);
        if link.strength >= Strength::Addressed {
            own_commitment(&mut out, report, rules, link);
            thread(&mut out, report, section);
        }
    }
    for section in subtree_only(report, rules, item) {
        let score = report.subtree_score(section, item.index);
        let _ = writeln!(
            out,
            "\n§ {} ({}): addressed only with its subsections, {} together",
            doc.heading(section),
            doc.section_place(section),
            super::points(score)
        );
    }
    if !linked {
        let id = &item.item.id;
        let _ = writeln!(
            out,
            "\nNo section has any of its signals. `planaudit rules show{options} {id}` lists \
             what planaudit looks for."
        );
    }
    claims(&mut out, report, item);
    out
}

/// What the plan's own mapping claims for the item, and whether each claim is backed.
fn claims(out: &mut String, report: &FileReport, item: ItemRef<'_>) {
    let doc = &report.document;
    let mut claims = report
        .claims
        .iter()
        .filter(|c| c.item == item.index)
        .peekable();
    if claims.peek().is_none() {
        return;
    }
    let _ = writeln!(out, "\nThe plan claims it for:");
    for claim in claims {
        let verdict = match claim.section {
            None => "names no section of the plan".to_owned(),
            Some(s) => format!(
                "§ {} ({}), {}",
                doc.heading(s),
                doc.section_place(s),
                if claim.evidenced {
                    "evidenced"
                } else {
                    "not evidenced"
                }
            ),
        };
        let at = place(doc, claim.span.start, 5);
        let _ = writeln!(out, "    {at} \"{}\": {verdict}", claim.row);
    }
}

/// The item's own commitment: one that holds its evidence or sits next to it, which `covered*`
/// and `no-commitment` go by. The thread's commitment, shown next, may be about another subject.
fn own_commitment(out: &mut String, report: &FileReport, rules: &Rules, link: &Link) {
    let doc = &report.document;
    match link.commitments.first() {
        Some(c) => {
            let at = place(doc, c.span().start, 0);
            let _ = writeln!(out, "    item   commitment {at} \"{}\"", c.text(doc, rules));
        }
        None => {
            let why = "none beside its evidence (no sentence holding it, or next to one, commits)";
            let _ = writeln!(out, "    item   commitment {why}");
        }
    }
}

/// The section's thread: what will be done, how it is measured and what pays for it.
fn thread(out: &mut String, report: &FileReport, section: usize) {
    let doc = &report.document;
    let Some(thread) = report.threads.iter().find(|t| t.section == section) else {
        return;
    };
    let parts = [
        ("commitment", &thread.commitment),
        ("measure", &thread.measure),
        ("resources", &thread.resources),
    ];
    for (name, passage) in parts {
        match passage {
            Some(p) => {
                let at = place(doc, p.span.start, 0);
                let _ = writeln!(out, "    thread {name:<10} {at} \"{}\"", p.text);
            }
            None => {
                let _ = writeln!(out, "    thread {name:<10} none in this section");
            }
        }
    }
}

fn section_explanation(
    out: &mut String,
    report: &FileReport,
    rules: &Rules,
    section: usize,
    link: &Link,
    threshold: f32,
) {
    let doc = &report.document;
    let verdict = match link.strength {
        Strength::Quoted => format!(
            "quoted, {} — a restatement of the framework, not coverage",
            super::points(link.score)
        ),
        Strength::Mentioned if link.score >= threshold => format!(
            "mentioned, {} — {}",
            super::points(link.score),
            why_only_mentioned(link, threshold)
        ),
        Strength::Mentioned => format!(
            "mentioned, {} — a near miss, {} short",
            super::points(link.score),
            super::score(threshold - link.score)
        ),
        strength => format!("{}, {}", strength.as_str(), super::points(link.score)),
    };
    let concentration = match link.focus {
        // A quote scores nothing, whatever its share of the section.
        _ if link.strength == Strength::Quoted => String::new(),
        Focus::Plain => String::new(),
        Focus::Subject => format!(
            " (a short section, ≤ {SHORT_SECTION_WORDS} words, saying two things of it: ×{SHORT_SECTION_FACTOR})"
        ),
        Focus::Passing { blocks: 0, of, .. } => format!(
            " (a passing mention: the section's body, {of} blocks, never names it: ×{})",
            link.focus.factor()
        ),
        Focus::Passing { blocks, of, prose } => format!(
            " (a passing mention: {blocks} of the section's {of} blocks name it, under {}%{}: ×{})",
            PASSING_SHARE * 100.0,
            if prose { ", one a paragraph" } else { "" },
            link.focus.factor()
        ),
    };
    let _ = writeln!(
        out,
        "\n§ {} ({}): {verdict}{concentration}",
        doc.heading(section),
        doc.section_place(section)
    );
    let signals = rules.matcher().signals();
    let repeats = crate::audit::repeat_factors(rules, &link.evidence);
    let factors = repeats.into_iter().chain(std::iter::repeat(1.0));
    for (evidence, repeat) in link.evidence.iter().chain(&link.commitments).zip(factors) {
        let at = place(doc, evidence.span().start, 5);
        let found = found_by(
            evidence,
            &evidence.text(doc, rules),
            signals,
            threshold,
            repeat,
        );
        let _ = writeln!(out, "    {at} {found}");
    }
}

/// What found a piece of evidence. A signal is shown as its rule file writes it: a pattern
/// between slashes with its backslashes single, a phrase or reference in quotes; an
/// `addresses` comment as the author's declaration, worth the item's threshold. A signal's
/// repeat (`repeat`, below 1) says so, so the weights shown add up to the score.
fn found_by(
    evidence: &Evidence,
    text: &str,
    signals: &[Signal],
    threshold: f32,
    repeat: f32,
) -> String {
    let signal = match evidence.source {
        Source::Signal(signal) => &signals[signal as usize],
        Source::Commitment => return format!("commitment \"{text}\""),
        Source::Declared(_) => {
            return format!(
                "declared  \"{text}\": the author says this section addresses it ({})",
                super::points(threshold)
            );
        }
        Source::Locality(_) => {
            return format!(
                "locality  \"{text}\": {LOCALITY_SECTION}, with a purpose ({})",
                super::points(threshold)
            );
        }
    };
    let written = match signal.kind {
        SignalKind::Pattern => format!("/{}/", signal.text),
        SignalKind::Group => brief(&signal.text),
        SignalKind::Phrase | SignalKind::Service | SignalKind::Reference => {
            format!("\"{}\"", signal.text)
        }
    };
    let mut adjustment = evidence
        .adjustment
        .map(|a| format!(", {} ×{}", a.as_str(), a.factor()))
        .unwrap_or_default();
    match repeat {
        1.0 => {}
        0.0 => adjustment.push_str(", a repeat not counted"),
        repeat => adjustment.push_str(&format!(", repeat ×{repeat}")),
    }
    format!(
        "{:<9} {written} (weight {}{adjustment}) matched \"{text}\"",
        signal.kind.as_str(),
        signal.weight,
    )
}

/// A group as written, cut to [`GROUP_WIDTH`] characters: a topic group lists dozens of words,
/// and the matched text beside it shows which of them counted (`rules show` gives them all).
fn brief(group: &str) -> String {
    match group.char_indices().nth(GROUP_WIDTH) {
        Some((cut, _)) => format!("{}…", &group[..cut]),
        None => group.to_owned(),
    }
}

/// The most characters of a group's terms `explain` prints.
const GROUP_WIDTH: usize = 100;

/// Sections that address the item only when their subsections are counted with them.
fn subtree_only(report: &FileReport, rules: &Rules, item: ItemRef<'_>) -> Vec<usize> {
    (0..report.document.sections.len())
        .filter(|&s| {
            let own = report.links[s]
                .iter()
                .any(|l| l.item == item.index && l.strength >= Strength::Addressed);
            !own && report.coverage[item.index].sections.contains(&s)
        })
        .filter(|&s| report.addressed_in_subtree(s, rules).contains(&item.index))
        .collect()
}

/// Where `offset` is, as a reader would look it up: `line:column` in a text plan, its column
/// padded to `width`; the page or paragraph of a PDF or Word plan, padded to line up alike.
fn place(doc: &Document, offset: usize, width: usize) -> String {
    match doc.place_label(offset) {
        Some(label) => format!("{label:<0$}", width + 2),
        None => {
            let at = doc.position(offset);
            format!("{}:{:<width$}", at.line, at.column)
        }
    }
}

/// Why a link that reaches its threshold still only mentions its item.
fn why_only_mentioned(link: &Link, threshold: f32) -> String {
    if !link.evidence.iter().any(Evidence::is_body) {
        "only in its heading, which decides nothing alone".to_owned()
    } else if !link.evidence.iter().any(Evidence::is_statement) {
        let heading = if link.evidence.iter().all(Evidence::is_body) {
            ""
        } else {
            "its heading and "
        };
        format!(
            "only {heading}background (names, lists, figures, measures, reported views, a look \
             back, legal duties, exclusions, notices), which decide nothing alone"
        )
    } else {
        format!(
            "background gives all but {} of it, and {} must be something else",
            super::points(link.foreground),
            super::points(FOREGROUND_SHARE * threshold)
        )
    }
}
