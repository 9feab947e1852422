//! Machine-readable report, `schema_version` 1 (docs/report.schema.json describes it).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{self, BufWriter, Write};

use serde::{Serialize, Serializer};

use super::league::{self, League};
use super::{Options, Tally};
use crate::audit::{Evidence, FileReport, Link, Report, Source, span_pair};
use crate::document::Document;
use crate::rules::Rules;

#[derive(Serialize)]
struct Json<'a, F: Serialize, S: Serialize, L: Serialize> {
    schema_version: u32,
    /// The configuration file the run read, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<&'a str>,
    frameworks: Vec<Framework<'a>>,
    files: F,
    summary: S,
    /// One row per plan, best covered first (see [`League`]).
    league: L,
}

/// A sequence serialised straight from an iterator: the files and sections of a report are
/// turned into JSON one at a time rather than built as a whole (for a 10 MB plan that whole
/// was several times the plan's size).
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

#[derive(Serialize)]
struct Framework<'a> {
    id: &'a str,
    name: &'a str,
    source: &'a str,
    items: Vec<&'a str>,
}

/// One plan's report. Every list is a [`Lazy`] sequence: a large plan's coverage rows, findings
/// and threads, built whole, were a tenth of its peak memory.
#[derive(Serialize)]
struct File<'a, S, C, F, L, T> {
    path: &'a str,
    front_matter: &'a crate::document::FrontMatter,
    sections: S,
    coverage: C,
    findings: F,
    claims: L,
    threads: T,
    summary: Summary,
}

/// A claim the plan makes about itself, with where it is made and whether the text backs it.
#[derive(Serialize)]
struct Claim<'a> {
    item: &'a str,
    section: Option<SectionRef<'a>>,
    row: Label<'a>,
    cell: Label<'a>,
    evidenced: bool,
}

/// A section's thread from the items it addresses to commitment, measure and resources.
#[derive(Serialize)]
struct Thread<'a> {
    section: SectionRef<'a>,
    items: Vec<&'a str>,
    commitment: Option<Label<'a>>,
    measure: Option<Label<'a>>,
    resources: Option<Label<'a>>,
}

#[derive(Serialize)]
struct Section<'a> {
    index: usize,
    heading: Option<&'a str>,
    level: u8,
    parent: Option<usize>,
    line: usize,
    span: [usize; 2],
    words: usize,
    links: Vec<JsonLink<'a>>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    item: &'a str,
    strength: &'static str,
    score: f32,
    evidence: Vec<JsonEvidence<'a>>,
    /// Evidence left out by the cap on what a link lists ([`Options::max_evidence`]).
    #[serde(skip_serializing_if = "is_zero")]
    more_evidence: usize,
    commitments: Vec<JsonEvidence<'a>>,
    /// Commitments left out by the same cap.
    #[serde(skip_serializing_if = "is_zero")]
    more_commitments: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    /// Where the evidence is and its text, as for any label.
    #[serde(flatten)]
    at: Label<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signal: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
}

#[derive(Serialize)]
struct Coverage<'a> {
    framework: &'a str,
    item: &'a str,
    title: &'a str,
    status: &'static str,
    committed: bool,
    commitment: Option<JsonEvidence<'a>>,
    note: Option<&'a str>,
    waiver: Option<&'a str>,
    sections: Vec<SectionRef<'a>>,
    mentions: Vec<SectionRef<'a>>,
}

#[derive(Serialize)]
struct SectionRef<'a> {
    index: usize,
    heading: &'a str,
    line: usize,
    /// The page or paragraph, for a plan read from a PDF or Word document.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    severity: &'static str,
    item: Option<&'a str>,
    section: Option<usize>,
    message: &'a str,
    labels: Vec<Label<'a>>,
}

#[derive(Serialize)]
struct Label<'a> {
    /// The page or paragraph, for a plan read from a PDF or Word document.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    line: usize,
    column: usize,
    span: [usize; 2],
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl From<Tally> for Summary {
    fn from(t: Tally) -> Self {
        Summary {
            errors: t.errors,
            warnings: t.warnings,
            notes: t.notes,
        }
    }
}

/// The report as JSON, compact or pretty-printed, newline-terminated, written to `out` as it is
/// produced.
pub(super) fn write(report: &Report<'_>, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let rules = report.rules;
    let json = Json {
        schema_version: 1,
        config: report.config.as_deref(),
        frameworks: frameworks(rules),
        files: Lazy(|| report.files.iter().map(|f| file(f, rules, options))),
        summary: Summary::from(Tally::of_report(report)),
        league: League::of(report),
    };
    write_json(&json, options, out)
}

/// [`write`] for files audited as they are written: each is taken from `files`, written
/// and dropped, so a run holds one plan's report at a time, not all of them.
pub(super) fn write_stream(
    rules: &Rules,
    config: Option<&str>,
    files: impl Iterator<Item = FileReport>,
    options: &Options,
    out: impl Write,
) -> io::Result<()> {
    let tally = Cell::new(Tally::default());
    let rows = RefCell::new(Vec::new());
    let files = files.inspect(|f| {
        tally.set(tally.get() + Tally::of_file(f));
        rows.borrow_mut().push(league::Row::of(f, rules));
    });
    let json = Json {
        schema_version: 1,
        config,
        frameworks: frameworks(rules),
        files: Once::new(files.map(|f| Owned(f, rules, options))),
        summary: Counted(&tally),
        league: Ranked(&rows),
    };
    write_json(&json, options, out)
}

/// A file's report that is serialised and then dropped.
struct Owned<'r>(FileReport, &'r Rules, &'r Options);

impl Serialize for Owned<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        file(&self.0, self.1, self.2).serialize(serializer)
    }
}

/// A sequence serialised from an iterator that can be consumed only once: a stream of plans'
/// reports, each made, written and dropped in turn.
pub(super) struct Once<I>(RefCell<Option<I>>);

impl<I> Once<I> {
    pub(super) fn new(items: I) -> Self {
        Self(RefCell::new(Some(items)))
    }
}

impl<I: Iterator> Serialize for Once<I>
where
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self.0.borrow_mut().take().into_iter().flatten();
        serializer.collect_seq(items)
    }
}

/// The league table of the files written before it.
struct Ranked<'r>(&'r RefCell<Vec<league::Row>>);

impl Serialize for Ranked<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        League::from_rows(self.0.take()).serialize(serializer)
    }
}

/// The summary of the files written before it.
struct Counted<'t>(&'t Cell<Tally>);

impl Serialize for Counted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Summary::from(self.0.get()).serialize(serializer)
    }
}

fn frameworks(rules: &Rules) -> Vec<Framework<'_>> {
    rules
        .frameworks()
        .iter()
        .map(|f| Framework {
            id: &f.id,
            name: &f.name,
            source: &f.source,
            items: f.items.iter().map(|i| i.id.as_str()).collect(),
        })
        .collect()
}

fn write_json(json: &impl Serialize, options: &Options, mut out: impl Write) -> io::Result<()> {
    // serde_json writes in fragments of a few bytes; a buffer of a concrete type here keeps
    // them off the caller's `dyn Write` (a tenth of a large run went to those calls).
    let mut buffer = BufWriter::with_capacity(1 << 16, &mut out);
    match options.pretty {
        true => serde_json::to_writer_pretty(&mut buffer, json)?,
        false => serde_json::to_writer(&mut buffer, json)?,
    }
    buffer.write_all(b"\n")?;
    buffer.flush()
}

fn file<'a>(report: &'a FileReport, rules: &'a Rules, options: &'a Options) -> impl Serialize + 'a {
    let doc = &report.document;
    let section_ref = |index: usize| SectionRef {
        index,
        heading: doc.heading(index),
        line: doc.section_line(index),
        location: doc.section_label(index),
    };
    File {
        path: &doc.path,
        front_matter: &doc.front_matter,
        sections: Lazy(move || {
            doc.sections
                .iter()
                .enumerate()
                .map(move |(index, s)| Section {
                    index,
                    heading: s.heading.as_deref(),
                    level: s.level,
                    parent: s.parent,
                    line: doc.section_line(index),
                    span: span_pair(&s.span),
                    words: doc.body_words(index),
                    links: report.links[index]
                        .iter()
                        .map(|l| link(doc, rules, l, options.max_evidence))
                        .collect(),
                })
        }),
        coverage: Lazy(move || {
            report.coverage.iter().map(move |c| {
                let item = rules.item(c.item);
                Coverage {
                    framework: &item.framework.id,
                    item: &item.item.id,
                    title: &item.item.title,
                    status: c.status.as_str(),
                    committed: c.committed(),
                    commitment: c.commitment.as_ref().map(|e| evidence(doc, rules, e)),
                    note: c.note.as_deref(),
                    waiver: c.waiver.as_deref(),
                    sections: c.sections.iter().map(|&s| section_ref(s)).collect(),
                    mentions: c.mentions.iter().map(|&s| section_ref(s)).collect(),
                }
            })
        }),
        findings: Lazy(move || {
            report.findings.iter().map(move |f| Finding {
                code: f.code.as_str(),
                severity: f.severity.as_str(),
                item: f.item.map(|i| rules.item(i).item.id.as_str()),
                section: f.section,
                message: &f.message,
                labels: f
                    .labels
                    .iter()
                    .map(|l| label(doc, &l.span, &l.text))
                    .collect(),
            })
        }),
        claims: Lazy(move || {
            report.claims.iter().map(move |c| Claim {
                item: &rules.item(c.item).item.id,
                section: c.section.map(section_ref),
                row: label(doc, &c.row_span, &c.row),
                cell: label(doc, &c.span, &doc.source[c.span.clone()]),
                evidenced: c.evidenced,
            })
        }),
        threads: Lazy(move || {
            report.threads.iter().map(move |t| Thread {
                section: section_ref(t.section),
                items: t
                    .items
                    .iter()
                    .map(|&i| rules.item(i).item.id.as_str())
                    .collect(),
                commitment: t.commitment.as_ref().map(|p| label(doc, &p.span, &p.text)),
                measure: t.measure.as_ref().map(|p| label(doc, &p.span, &p.text)),
                resources: t.resources.as_ref().map(|p| label(doc, &p.span, &p.text)),
            })
        }),
        summary: Tally::of(report.findings.iter().map(|f| f.severity)).into(),
    }
}

/// A span of the plan with its position (and page or paragraph, where the format has them).
fn label<'a>(
    doc: &'a Document,
    span: &std::ops::Range<usize>,
    text: impl Into<Cow<'a, str>>,
) -> Label<'a> {
    let at = doc.position(span.start);
    Label {
        location: doc.place_label(span.start),
        line: at.line,
        column: at.column,
        span: span_pair(span),
        text: text.into(),
    }
}

fn link<'a>(
    doc: &'a Document,
    rules: &'a Rules,
    link: &'a Link,
    max: Option<usize>,
) -> JsonLink<'a> {
    let (shown, more_evidence) = strongest(&link.evidence, rules, max);
    let (committed, more_commitments) = strongest(&link.commitments, rules, max);
    let json = |list: Vec<&'a Evidence>| list.into_iter().map(|e| evidence(doc, rules, e));
    JsonLink {
        item: &rules.item(link.item).item.id,
        strength: link.strength.as_str(),
        score: link.score,
        evidence: json(shown).collect(),
        more_evidence,
        commitments: json(committed).collect(),
        more_commitments,
    }
}

/// Up to `max` of `list` (all when `None`), in document order, and how many were left out. The
/// strongest stay: a declared link first, then by signal weight times its adjustment, then
/// the earliest; commitments, which have no weight, the earliest.
fn strongest<'e>(
    list: &'e [Evidence],
    rules: &Rules,
    max: Option<usize>,
) -> (Vec<&'e Evidence>, usize) {
    let Some(max) = max.filter(|&max| list.len() > max) else {
        return (list.iter().collect(), 0);
    };
    let signals = rules.matcher().signals();
    let weight = |e: &Evidence| match e.source {
        Source::Signal(s) => signals[s as usize].weight * e.factor(),
        Source::Declared(_) => f32::INFINITY,
        Source::Commitment => 0.0,
    };
    let mut order: Vec<usize> = (0..list.len()).collect();
    order.sort_by(|&a, &b| {
        weight(&list[b])
            .total_cmp(&weight(&list[a]))
            .then(a.cmp(&b))
    });
    order.truncate(max);
    order.sort_unstable();
    (
        order.into_iter().map(|i| &list[i]).collect(),
        list.len() - max,
    )
}

fn evidence<'a>(doc: &'a Document, rules: &'a Rules, e: &'a Evidence) -> JsonEvidence<'a> {
    let signal = e.signal().map(|s| &rules.matcher().signals()[s]);
    JsonEvidence {
        at: label(doc, &e.span(), e.text(doc, rules)),
        signal: signal.map(|s| s.text.as_str()),
        kind: match e.source {
            Source::Declared(_) => Some("declared"),
            _ => signal.map(|s| s.kind.as_str()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Source;
    use crate::rules::{Catalog, SignalKind};

    #[test]
    fn a_capped_link_keeps_its_strongest_evidence_in_document_order() {
        let rules = Catalog::builtin().unwrap().select(&["outcomes"]).unwrap();
        let signals = rules.matcher().signals();
        let first = |kind| signals.iter().position(|s| s.kind == kind).unwrap();
        let (phrase, group) = (first(SignalKind::Phrase), first(SignalKind::Group));
        assert!(signals[group].weight > signals[phrase].weight);
        let (phrase, group) = (Source::Signal(phrase as u32), Source::Signal(group as u32));
        let at = |start: usize, source| Evidence::new(start..start + 1, 0..0, source);
        let list = [
            at(0, phrase),
            at(10, phrase),
            at(20, group),
            at(30, phrase),
            at(40, Source::Declared(0)),
        ];
        let starts = |max| {
            let (kept, more) = strongest(&list, &rules, max);
            (
                kept.iter().map(|e| e.span().start).collect::<Vec<_>>(),
                more,
            )
        };
        assert_eq!(starts(Some(2)), (vec![20, 40], 3));
        assert_eq!(starts(Some(3)), (vec![0, 20, 40], 2));
        assert_eq!(starts(Some(5)), (vec![0, 10, 20, 30, 40], 0));
        assert_eq!(starts(None), (vec![0, 10, 20, 30, 40], 0));
    }
}
