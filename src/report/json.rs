//! Machine-readable report, `schema_version` 2 (docs/report.schema.json describes it).
//!
//! Schema 2 is shaped by size: a report is read by programs, and schema 1's was 6 times a 1 MB
//! plan. Each signal is described once, in `signals`, and evidence refers to it by number;
//! the bulk of a report, its hits, are short arrays; a section is referred to by its index.

use foldhash::HashMap;
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::io::{self, BufWriter, Write};

use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};

use super::league::{self, League};
use super::{Options, Tally, Unread, capped};
use crate::audit::{self, Evidence, FileReport, Link, Report, Source};
use crate::document::Document;
use crate::rules::Rules;

/// The version of the report's shape, bumped when a consumer must change.
const SCHEMA_VERSION: u32 = 2;

#[derive(Serialize)]
struct Json<'a, F: Serialize, S: Serialize, L: Serialize> {
    schema_version: u32,
    /// The configuration file the run read, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    config: Option<&'a str>,
    frameworks: Vec<Framework<'a>>,
    files: F,
    /// Plans the run could not read: known only once `files` is written, which is when serde
    /// asks whether to skip this (it asks again at each field); absent when every plan was
    /// read.
    #[serde(skip_serializing_if = "Unreads::is_empty")]
    unread: Unreads<'a>,
    /// The signals the files' evidence refers to, written after them: only then is it known
    /// which were used.
    signals: Described<'a>,
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
struct File<'a, S, C, F, W, L, T> {
    path: &'a str,
    front_matter: &'a crate::document::FrontMatter,
    /// Where each page or paragraph starts, for a plan read from a PDF or Word document: hits
    /// carry no location of their own.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    places: Vec<Place<'a>>,
    sections: S,
    coverage: C,
    findings: F,
    /// Findings a waiver took out whole, each with why: a CI log keeps what the team decided
    /// not to fix, as SARIF's suppressions do.
    waived: W,
    claims: L,
    threads: T,
    summary: Summary,
}

/// From `start` on, the plan's text was at `label` in the original file.
#[derive(Serialize)]
struct Place<'a> {
    start: usize,
    label: &'a str,
}

/// A claim the plan makes about itself, with where it is made and whether the text backs it.
#[derive(Serialize)]
struct Claim<'a> {
    item: &'a str,
    section: Option<usize>,
    row: Label<'a>,
    cell: Label<'a>,
    evidenced: bool,
}

/// A section's thread from the items it addresses to commitment, measure and resources.
#[derive(Serialize)]
struct Thread<'a> {
    section: usize,
    items: Vec<&'a str>,
    commitment: Option<Label<'a>>,
    measure: Option<Label<'a>>,
    resources: Option<Label<'a>>,
}

#[derive(Serialize)]
struct Section<'a> {
    heading: Option<&'a str>,
    level: u8,
    parent: Option<usize>,
    line: usize,
    /// The page or paragraph, for a plan read from a PDF or Word document.
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    span: [usize; 2],
    words: usize,
    links: Vec<JsonLink<'a>>,
    /// The commitments its links list, each once: a sentence backs every committed link of
    /// its block, and was written out once per link.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commitments: Vec<Hit<'a>>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    item: &'a str,
    strength: &'static str,
    score: f32,
    evidence: Vec<Hit<'a>>,
    /// Evidence left out by the cap on what a link lists ([`Options::max_evidence`]).
    #[serde(skip_serializing_if = "is_zero")]
    more_evidence: usize,
    /// Indices into the section's `commitments`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    commitments: Vec<usize>,
    /// Commitments left out by the same cap.
    #[serde(skip_serializing_if = "is_zero")]
    more_commitments: usize,
}

pub(super) fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Located text as the bulk of a report carries it, an array rather than an object (the keys
/// were a third of a large report): `[line, start, end, signal, text]` for evidence and
/// `[line, start, end, text]` for a commitment. Evidence leaves its text out when it is
/// exactly its signal's. The column is left to consumers that have the plan, the only ones
/// a byte offset serves.
struct Hit<'a> {
    line: usize,
    span: [usize; 2],
    signal: Option<usize>,
    text: Option<Cow<'a, str>>,
}

impl Serialize for Hit<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        seq.serialize_element(&self.line)?;
        seq.serialize_element(&self.span[0])?;
        seq.serialize_element(&self.span[1])?;
        if let Some(signal) = self.signal {
            seq.serialize_element(&signal)?;
        }
        if let Some(text) = &self.text {
            seq.serialize_element(text)?;
        }
        seq.end()
    }
}

/// The signals (and authors' declarations) evidence has referred to, numbered in order of first
/// use, so that a signal's text, often a long pattern or group, is written once per report.
/// Files are written in a fixed order, so the numbers do not depend on the thread count.
#[derive(Default)]
struct Signals {
    numbers: HashMap<Source, usize>,
    used: Vec<Source>,
}

impl Signals {
    fn number(&mut self, source: Source) -> usize {
        *self.numbers.entry(source).or_insert_with(|| {
            self.used.push(source);
            self.used.len() - 1
        })
    }
}

/// One entry of `signals`.
#[derive(Serialize)]
struct Signal<'a> {
    item: &'a str,
    kind: &'static str,
    text: Cow<'a, str>,
}

fn signal<'a>(rules: &'a Rules, source: Source) -> Signal<'a> {
    match source {
        Source::Signal(s) => {
            let s = &rules.matcher().signals()[s as usize];
            Signal {
                item: &rules.item(s.item).item.id,
                kind: s.kind.as_str(),
                text: Cow::Borrowed(&s.text),
            }
        }
        Source::Declared(item) => Signal {
            item: &rules.item(item as usize).item.id,
            kind: "declared",
            text: Cow::Owned(crate::audit::declaration(rules, item as usize)),
        },
        Source::Locality(item) => Signal {
            item: &rules.item(item as usize).item.id,
            kind: "locality",
            text: Cow::Borrowed(audit::LOCALITY_SECTION),
        },
        Source::Commitment => unreachable!("commitments are not numbered as signals"),
    }
}

/// The `signals` table of the files written before it.
struct Described<'a>(&'a RefCell<Signals>, &'a Rules);

impl Serialize for Described<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let used = self.0.borrow();
        serializer.collect_seq(used.used.iter().map(|&s| signal(self.1, s)))
    }
}

#[derive(Serialize)]
struct Coverage<'a> {
    framework: &'a str,
    item: &'a str,
    title: &'a str,
    status: &'static str,
    committed: bool,
    commitment: Option<Label<'a>>,
    note: Option<&'a str>,
    waiver: Option<&'a str>,
    sections: &'a [usize],
    mentions: &'a [usize],
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'static str,
    severity: &'static str,
    item: Option<&'a str>,
    section: Option<usize>,
    message: &'a str,
    labels: Vec<Label<'a>>,
    /// Places left out by the cap on what a finding lists ([`Options::max_labels`]).
    #[serde(skip_serializing_if = "is_zero")]
    more_labels: usize,
}

/// A finding as it stood before a waiver took it out, with the waiver's reason and whether a
/// comment in the plan or the config gave it.
#[derive(Serialize)]
struct Waived<'a> {
    finding: Finding<'a>,
    reason: &'a str,
    by: &'static str,
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
    #[serde(skip_serializing_if = "is_zero")]
    waived: usize,
    #[serde(skip_serializing_if = "is_zero")]
    baselined: usize,
}

impl From<Tally> for Summary {
    fn from(t: Tally) -> Self {
        Summary {
            errors: t.errors,
            warnings: t.warnings,
            notes: t.notes,
            waived: t.waived,
            baselined: t.baselined,
        }
    }
}

/// The report as JSON, compact or pretty-printed, newline-terminated, written to `out` as it is
/// produced.
pub(super) fn write(report: &Report<'_>, options: &Options, out: &mut dyn Write) -> io::Result<()> {
    let rules = report.rules;
    let signals = RefCell::default();
    let json = Json {
        schema_version: SCHEMA_VERSION,
        config: report.config.as_deref(),
        frameworks: frameworks(rules),
        files: Lazy(|| {
            let at = Context {
                rules,
                options,
                signals: &signals,
            };
            report.files.iter().map(move |f| file(f, at))
        }),
        unread: Unreads(&RefCell::default()),
        signals: Described(&signals, rules),
        summary: Summary::from(Tally::of_report(report)),
        league: League::of(report),
    };
    write_json(&json, options, out)
}

/// [`write()`] for files audited as they are written: each is taken from `files`, written
/// and dropped, so a run holds one plan's report at a time, not all of them.
pub(super) fn write_stream(
    rules: &Rules,
    config: Option<&str>,
    files: impl Iterator<Item = Result<FileReport, Unread>>,
    options: &Options,
    out: impl Write,
) -> io::Result<()> {
    let tally = Cell::new(Tally::default());
    let rows = RefCell::new(Vec::new());
    let signals = RefCell::default();
    let unread = RefCell::default();
    let files = super::set_aside(files, &unread).inspect(|f| {
        tally.set(tally.get() + Tally::of_file(f));
        rows.borrow_mut().push(league::Row::of(f, rules));
    });
    let at = Context {
        rules,
        options,
        signals: &signals,
    };
    let json = Json {
        schema_version: SCHEMA_VERSION,
        config,
        frameworks: frameworks(rules),
        files: Once::new(files.map(|f| Owned(f, at))),
        unread: Unreads(&unread),
        signals: Described(&signals, rules),
        summary: Counted(&tally),
        league: Ranked(&rows),
    };
    write_json(&json, options, out)
}

/// What every file of one report is written with.
#[derive(Clone, Copy)]
struct Context<'r> {
    rules: &'r Rules,
    options: &'r Options,
    /// The signals numbered so far, shared by the report's files.
    signals: &'r RefCell<Signals>,
}

/// A file's report that is serialised and then dropped.
struct Owned<'r>(FileReport, Context<'r>);

impl Serialize for Owned<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        file(&self.0, self.1).serialize(serializer)
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
/// The plans set aside as unread while the files were written.
struct Unreads<'u>(&'u RefCell<Vec<Unread>>);

impl Unreads<'_> {
    fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
}

impl Serialize for Unreads<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Entry<'a> {
            #[serde(skip_serializing_if = "Option::is_none")]
            path: Option<&'a str>,
            message: &'a str,
        }
        let unread = self.0.borrow();
        serializer.collect_seq(unread.iter().map(|u| Entry {
            path: u.path.as_deref(),
            message: &u.message,
        }))
    }
}

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
    crate::json::to_writer(&mut buffer, json, options.pretty)?;
    buffer.write_all(b"\n")?;
    buffer.flush()
}

fn file<'a>(report: &'a FileReport, at: Context<'a>) -> impl Serialize + 'a {
    let (doc, rules) = (&report.document, at.rules);
    File {
        path: &doc.path,
        front_matter: &doc.front_matter,
        places: doc
            .places
            .iter()
            .map(|p| Place {
                start: p.start,
                label: &p.label,
            })
            .collect(),
        sections: Lazy(move || {
            doc.sections.iter().enumerate().map(move |(index, s)| {
                let mut commitments = Vec::new();
                let links = report.links[index]
                    .iter()
                    .map(|l| link(doc, at, l, &mut commitments))
                    .collect();
                Section {
                    heading: doc.section_heading(index),
                    level: s.level,
                    parent: s.parent(),
                    line: doc.section_line(index),
                    location: doc.section_label(index),
                    span: doc.file_span(&s.span()),
                    words: doc.body_words(index),
                    links,
                    commitments: commitments.into_iter().map(|e| hit(doc, at, e)).collect(),
                }
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
                    commitment: c
                        .commitment
                        .as_ref()
                        .map(|e| label(doc, &e.span(), e.text(doc, rules))),
                    note: c.note.as_deref(),
                    waiver: c.waiver.as_deref(),
                    sections: &c.sections,
                    mentions: &c.mentions,
                }
            })
        }),
        findings: Lazy(move || report.findings.iter().map(move |f| finding(doc, at, f))),
        waived: Lazy(move || {
            report.waived.iter().map(move |w| Waived {
                finding: finding(doc, at, &w.finding),
                reason: &w.reason,
                by: if w.in_plan { "plan" } else { "config" },
            })
        }),
        claims: Lazy(move || {
            report.claims.iter().map(move |c| Claim {
                item: &rules.item(c.item).item.id,
                section: c.section,
                row: label(doc, &c.row_span, &c.row),
                cell: label(doc, &c.span, &doc.source[c.span.clone()]),
                evidenced: c.evidenced,
            })
        }),
        threads: Lazy(move || {
            report.threads.iter().map(move |t| Thread {
                section: t.section,
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
        summary: Tally::of_file(report).into(),
    }
}

fn finding<'a>(doc: &'a Document, at: Context<'a>, f: &'a audit::Finding) -> Finding<'a> {
    let (shown, more_labels) = capped(&f.labels, at.options.max_labels);
    Finding {
        code: f.code.as_str(),
        severity: f.severity.as_str(),
        item: f.item.map(|i| at.rules.item(i).item.id.as_str()),
        section: f.section,
        message: &f.message,
        labels: shown
            .iter()
            .map(|l| label(doc, &l.span, &*l.text))
            .collect(),
        more_labels,
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
        span: doc.file_span(span),
        text: text.into(),
    }
}

/// The link, its commitments added to the section's `commitments` (those already there, found
/// by their span, are referred to again).
fn link<'a>(
    doc: &'a Document,
    at: Context<'a>,
    link: &'a Link,
    commitments: &mut Vec<&'a Evidence>,
) -> JsonLink<'a> {
    let max = at.options.max_evidence;
    let (shown, more_evidence) = strongest(&link.evidence, at.rules, max);
    let (committed, more_commitments) = strongest(&link.commitments, at.rules, max);
    let mut index = |e: &'a Evidence| {
        commitments
            .iter()
            .position(|c| c.span() == e.span())
            .unwrap_or_else(|| {
                commitments.push(e);
                commitments.len() - 1
            })
    };
    JsonLink {
        item: &at.rules.item(link.item).item.id,
        strength: link.strength.as_str(),
        score: link.score,
        evidence: shown.into_iter().map(|e| hit(doc, at, e)).collect(),
        more_evidence,
        commitments: committed.into_iter().map(&mut index).collect(),
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
        Source::Declared(_) | Source::Locality(_) => f32::INFINITY,
        Source::Commitment => 0.0,
    };
    // The strongest `max`, strongest first, kept as the list is read: ordering every piece of
    // evidence was a quarter of the report's memory on a plan that is one long section.
    let ranks_above = |a: usize, b: usize| {
        weight(&list[b])
            .total_cmp(&weight(&list[a]))
            .then(a.cmp(&b))
            .is_lt()
    };
    let mut top: Vec<usize> = Vec::with_capacity(max + 1);
    for i in 0..list.len() {
        if top.len() == max && !top.last().is_some_and(|&last| ranks_above(i, last)) {
            continue;
        }
        let at = top.partition_point(|&kept| ranks_above(kept, i));
        top.insert(at, i);
        top.truncate(max);
    }
    top.sort_unstable();
    (
        top.into_iter().map(|i| &list[i]).collect(),
        list.len() - max,
    )
}

/// Evidence or a commitment as a [`Hit`]; evidence is numbered in the report's signals.
fn hit<'a>(doc: &'a Document, at: Context<'a>, e: &'a Evidence) -> Hit<'a> {
    let text = e.text(doc, at.rules);
    let number = match e.source {
        Source::Commitment => None,
        source => Some(at.signals.borrow_mut().number(source)),
    };
    let said = number.is_some() && text == signal(at.rules, e.source).text;
    Hit {
        line: doc.line(e.span().start),
        span: doc.file_span(&e.span()),
        signal: number,
        text: (!said).then_some(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Source;
    use crate::rules::{Catalog, SignalKind};

    #[test]
    fn a_capped_link_keeps_its_strongest_evidence_in_document_order() {
        let rules = Catalog::builtin().select(&["outcomes"]).unwrap();
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
        assert_eq!(starts(Some(0)), (vec![], 5));
        assert_eq!(starts(Some(1)), (vec![40], 4));
        assert_eq!(starts(Some(2)), (vec![20, 40], 3));
        assert_eq!(starts(Some(3)), (vec![0, 20, 40], 2));
        assert_eq!(starts(Some(5)), (vec![0, 10, 20, 30, 40], 0));
        assert_eq!(starts(None), (vec![0, 10, 20, 30, 40], 0));
    }
}
