//! The terminal report: miette diagnostics for each finding, then a coverage table.

use std::fmt::{self, Display, Write};
use std::io;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::{Options, Tally};
use crate::audit::{Coverage, FileReport, Finding, Report, Severity, Status};
use crate::document::Document;
use crate::input::{escape_controls, harmless};
use crate::rules::{Item, Rules};
use crate::source::LineIndex;

/// Annotated findings and a coverage table for each plan, for people.
pub(super) fn write(
    report: &Report<'_>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    out.write_all(Human(options).render(report).as_bytes())
}

/// The line that ends a report on more than one plan.
pub(super) fn totals(files: usize, tally: Tally) -> String {
    format!("{files} files: {tally}\n")
}

/// Renders reports for people. Output depends only on the report and these options.
struct Human<'o>(&'o Options);

impl Human<'_> {
    fn render(&self, report: &Report<'_>) -> String {
        let mut out = String::new();
        if let Some(config) = &report.config {
            let _ = writeln!(out, "config: {}\n", escape_controls(config));
        }
        for file in &report.files {
            self.file(&mut out, file, report.rules);
        }
        if report.files.len() > 1 {
            out.push_str(&totals(report.files.len(), Tally::of_report(report)));
        }
        out
    }

    fn file(&self, out: &mut String, file: &FileReport, rules: &Rules) {
        let doc = &file.document;
        let path = escape_controls(&doc.path);
        let _ = writeln!(out, "{}\n", self.paint(&path, Style::Bold));
        let shown = harmless(&doc.source);
        let handler = GraphicalReportHandler::new_themed(self.theme())
            .with_width(self.0.width)
            .with_links(false);
        for finding in &file.findings {
            let diagnostic = FindingDiagnostic::new(finding, doc, &shown, rules);
            let _ = handler.render_report(out, &diagnostic);
            out.push('\n');
        }
        self.coverage_table(out, file, rules);
        let tally = Tally::of(file.findings.iter().map(|f| f.severity));
        let _ = writeln!(out, "{}: {tally}\n", doc.path);
    }

    fn coverage_table(&self, out: &mut String, file: &FileReport, rules: &Rules) {
        for framework in rules.frameworks() {
            let coverage: Vec<&Coverage> = file
                .coverage
                .iter()
                .filter(|c| std::ptr::eq(rules.item(c.item).framework, framework))
                .collect();
            let rows: Vec<Row> = coverage.iter().map(|c| row(file, rules, c)).collect();
            let covered = coverage
                .iter()
                .filter(|c| c.status == Status::Covered)
                .count();
            let _ = writeln!(
                out,
                "{} — {covered}/{} covered",
                self.paint(&framework.name, Style::Bold),
                rows.len()
            );
            self.table(out, &rows);
            out.push('\n');
        }
        if file.coverage.iter().any(Coverage::committed) {
            let _ = writeln!(
                out,
                "* with a commitment or measure (↳ the first one found)\n"
            );
        }
    }

    fn table(&self, out: &mut String, rows: &[Row]) {
        let width = |col: usize| {
            let widths = rows.iter().map(|r| r.cells[col].chars().count());
            widths.max().unwrap_or(0)
        };
        let (id_w, title_w, status_w) = (width(0), width(1), width(2));
        for Row {
            cells: [id, title, status, places],
            detail,
        } in rows
        {
            let style = match status.trim_end_matches('*') {
                "covered" => Style::Green,
                "weak" | "waived" => Style::Yellow,
                _ => Style::Red,
            };
            let padded = format!("{status:status_w$}");
            let _ = writeln!(
                out,
                "  {id:id_w$}  {title:title_w$}  {}  {places}",
                self.paint(&padded, style)
            );
            if let Some(detail) = detail {
                let indent = id_w + title_w + status_w + 6;
                let _ = writeln!(out, "{:indent$}↳ {detail}", "");
            }
        }
    }

    fn theme(&self) -> GraphicalTheme {
        if self.0.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        }
    }

    fn paint(&self, text: &str, style: Style) -> String {
        if !self.0.color {
            return text.to_owned();
        }
        let code = match style {
            Style::Bold => "1",
            Style::Green => "32",
            Style::Yellow => "33",
            Style::Red => "31",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    }
}

/// One line of the coverage table, and what to show beneath it.
struct Row {
    cells: [String; 4],
    detail: Option<String>,
}

/// Longest commitment quoted beneath a coverage row, in characters.
const QUOTE_LIMIT: usize = 90;

fn row(file: &FileReport, rules: &Rules, c: &Coverage) -> Row {
    let doc = &file.document;
    let item = rules.item(c.item).item;
    let places = match super::claim_state(file, rules, c.item) {
        Some(claimed) => format!("{claimed}  {}", super::places(doc, c)),
        None => super::places(doc, c),
    };
    let status = match (c.status, c.committed()) {
        (Status::Covered, true) => "covered*".to_owned(),
        (status, _) => status.as_str().to_owned(),
    };
    let quote = c.commitment.as_ref().map(|e| {
        let line = doc.lines.line(e.span.start);
        format!(
            "line {line}: {}",
            truncate(&escape_controls(&e.text), QUOTE_LIMIT)
        )
    });
    Row {
        cells: [item.id.clone(), item.title.clone(), status, places],
        detail: c
            .waiver
            .as_ref()
            .map(|reason| format!("waived: {}", escape_controls(reason)))
            .or(c.note.clone())
            .or(quote),
    }
}

fn truncate(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

#[derive(Clone, Copy)]
enum Style {
    Bold,
    Green,
    Yellow,
    Red,
}

/// A finding seen through miette's eyes.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: PlanSource<'a>,
    help: String,
}

impl<'a> FindingDiagnostic<'a> {
    /// `shown` is the plan's text made harmless to print ([`harmless`]).
    fn new(finding: &'a Finding, doc: &'a Document, shown: &'a str, rules: &Rules) -> Self {
        // A finding about an item is explained by the item's own wording; others by their code.
        let help = match finding.item {
            Some(item) => item_help(rules.item(item).item),
            None => finding.code.doc().help.to_owned(),
        };
        Self {
            finding,
            source: PlanSource {
                name: &doc.path,
                text: shown,
                lines: &doc.lines,
            },
            help,
        }
    }
}

/// The item's statutory wording and its challenge questions: what the plan has to answer.
fn item_help(item: &Item) -> String {
    let mut help = format!("{} says: \"{}\"", item.id, item.statement.trim());
    if !item.questions.is_empty() {
        help.push_str("\nQuestions the plan should answer:");
        for question in &item.questions {
            let _ = write!(help, "\n  • {}", question.trim());
        }
    }
    help
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FindingDiagnostic")
            .field("finding", self.finding)
            .finish()
    }
}

/// Most places underlined for one finding; the JSON report has them all.
const MAX_LABELS: usize = 8;

impl Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&escape_controls(&self.finding.message))?;
        let count = self.finding.labels.len();
        if count > MAX_LABELS {
            write!(f, " (showing {MAX_LABELS} of {count} places)")?;
        }
        Ok(())
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        Some(Box::new(self.finding.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn Display + 'b>> {
        Some(Box::new(&self.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        if self.finding.labels.is_empty() {
            None
        } else {
            Some(&self.source)
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.finding.labels.is_empty() {
            return None;
        }
        Some(Box::new(self.finding.labels.iter().take(MAX_LABELS).map(
            |l| {
                let span = SourceSpan::from(l.span.start..l.span.end);
                LabeledSpan::new_with_span(Some(escape_controls(&l.text).into_owned()), span)
            },
        )))
    }
}

/// The plan's text under its file name, borrowed rather than copied per finding.
///
/// Plans exported from word processors put a whole paragraph on one line; shown whole, one
/// mention becomes a screen of text. On such lines only a window around the span is shown.
#[derive(Debug)]
struct PlanSource<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

/// Lines longer than this (in bytes) are shown as a window around the span.
const WIDE_LINE: usize = 160;
/// Characters of context kept on each side of a span in a window.
const WINDOW_MARGIN: usize = 50;

impl SourceCode for PlanSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette reads a span by counting lines from the start of the text, once per label:
        // on a large plan that was most of the report. It is given the text from the first
        // context line on instead, and its line numbers are shifted back.
        let line = self.lines.line(span.offset());
        let first = line.saturating_sub(context_lines_before).max(1);
        let from = self.lines.line_start(first).unwrap_or(0);
        let shifted = SourceSpan::new((span.offset() - from).into(), span.len());
        let tail = &self.text.as_bytes()[from..];
        let inner = tail.read_span(&shifted, context_lines_before, context_lines_after)?;
        let data_start = from + inner.span().offset();
        let wide = inner
            .data()
            .split(|&b| b == b'\n')
            .any(|l| l.len() > WIDE_LINE);
        if !wide {
            return Ok(Box::new(MietteSpanContents::new_named(
                self.name.to_owned(),
                inner.data(),
                (data_start, inner.span().len()).into(),
                inner.line() + first - 1,
                inner.column(),
                inner.line_count() + first - 1,
            )));
        }
        let window = self.window(span.offset(), span.offset() + span.len());
        let line_start = self.text[..span.offset()].rfind('\n').map_or(0, |i| i + 1);
        let data = &self.text[window.clone()];
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            data.as_bytes(),
            (window.start, window.len()).into(),
            self.lines.line(window.start) - 1,
            self.text[line_start..span.offset()].chars().count(),
            data.matches('\n').count() + 1,
        )))
    }
}

impl PlanSource<'_> {
    /// Up to [`WINDOW_MARGIN`] characters either side of `start..end`, cut at spaces and never
    /// past the lines the span is on.
    fn window(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        let text = self.text;
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[end..]
            .find(['\r', '\n'])
            .map_or(text.len(), |i| end + i);
        let mut from = text[line_start..start]
            .char_indices()
            .rev()
            .nth(WINDOW_MARGIN)
            .map_or(line_start, |(i, _)| line_start + i);
        if from > line_start {
            from = text[from..start].find(' ').map_or(from, |i| from + i + 1);
        }
        let mut to = text[end..line_end]
            .char_indices()
            .nth(WINDOW_MARGIN)
            .map_or(line_end, |(i, _)| end + i);
        if to < line_end {
            to = text[end..to].rfind(' ').map_or(to, |i| end + i);
        }
        from..to
    }
}
