//! Coverage as a grid: sections × items for one plan, plans × items for many. The HTML
//! heatmap and `planaudit matrix` read the same grid, so they never disagree.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::audit::{FileReport, Report, Status, Strength};
use crate::input::escape_controls;
use crate::rules::Rules;

/// Rows against items, each cell the strongest link (or nothing).
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// What a row is: `section` or `plan`.
    pub rows_are: &'static str,
    /// Item ids, in rule order.
    pub items: Vec<String>,
    /// One row per section or plan, in document or run order.
    pub rows: Vec<Row>,
}

/// One section's or plan's links to every item.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// A section's heading or a plan's path.
    pub label: String,
    /// The line a section starts on (sections only; of the extracted text, for a Word or PDF
    /// plan).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Where people find a section: its line, or its page or paragraph in a Word or PDF plan.
    #[serde(skip)]
    pub place: Option<String>,
    /// A Word or PDF plan's section by page or paragraph ("page 3"), as `check`'s JSON gives
    /// it: `line` is of the extracted text, nowhere in the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Heading level (sections only); 0 for plans.
    #[serde(skip)]
    pub level: u8,
    /// Index of the section in its document (sections only).
    #[serde(skip)]
    pub section: Option<usize>,
    /// One per item: the strength's name, or `None` when there is no link.
    #[serde(serialize_with = "names")]
    pub cells: Vec<Option<Strength>>,
    /// The items a waiver took out of a plan's coverage (plans only), whose cells are empty:
    /// a reader must tell them from the items the plan misses.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waived: Vec<String>,
}

fn names<S: serde::Serializer>(cells: &[Option<Strength>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(cells.iter().map(|c| c.map(Strength::as_str)))
}

/// A matrix format (`planaudit matrix --format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MatrixFormat {
    /// A terminal table, one letter per cell: 100 columns with the default frameworks, wider
    /// with more.
    Table,
    /// Comma-separated values with the strength's name in each cell, for spreadsheets.
    Csv,
    /// The grid as JSON.
    Json,
    /// A Markdown table of ticks, shaped like the "how our priorities contribute to the
    /// national outcomes" tables plans publish.
    Markdown,
}

impl Matrix {
    /// Sections × items for one plan: each cell the strongest of the section's own links, and
    /// at least addressed where the section covers the item with its subsections.
    pub fn sections(file: &FileReport, rules: &Rules) -> Self {
        let doc = &file.document;
        let mut rows: Vec<Row> = (0..doc.sections.len())
            .map(|s| {
                let mut cells = vec![None; rules.items().len()];
                for link in &file.links[s] {
                    cells[link.item] = cells[link.item].max(Some(link.strength));
                }
                Row {
                    label: doc.heading(s).to_owned(),
                    line: Some(doc.section_line(s)),
                    place: Some(doc.section_place(s)),
                    location: (!doc.places.is_empty()).then(|| doc.section_place(s)),
                    level: doc.sections[s].level,
                    section: Some(s),
                    cells,
                    waived: Vec::new(),
                }
            })
            .collect();
        // A section that addresses an item only with its subsections, none of which does alone,
        // covers it as the coverage table says: its cell shows it addressed.
        for c in &file.coverage {
            for &s in &c.sections {
                let cell = &mut rows[s].cells[c.item];
                *cell = (*cell).max(Some(Strength::Addressed));
            }
        }
        Self {
            rows_are: "section",
            items: item_ids(rules),
            rows,
        }
    }

    /// Plans × items: each cell the plan's coverage of the item as a strength (covered with a
    /// commitment → committed, covered → addressed, weak → mentioned), so a row agrees with the
    /// plan's coverage table rather than with its single strongest passage.
    pub fn plans(report: &Report<'_>) -> Self {
        let rows = report
            .files
            .iter()
            .map(|file| Row {
                label: file.document.path.clone(),
                line: None,
                place: None,
                location: None,
                level: 0,
                section: None,
                cells: file
                    .coverage
                    .iter()
                    .map(|c| match c.status {
                        Status::Covered if c.committed() => Some(Strength::Committed),
                        Status::Covered => Some(Strength::Addressed),
                        Status::Weak => Some(Strength::Mentioned),
                        Status::Missing | Status::Waived => None,
                    })
                    .collect(),
                waived: file
                    .coverage
                    .iter()
                    .filter(|c| c.status == Status::Waived)
                    .map(|c| report.rules.item(c.item).item.id.clone())
                    .collect(),
            })
            .collect();
        Self {
            rows_are: "plan",
            items: item_ids(report.rules),
            rows,
        }
    }

    /// One plan named gives its sections, several give one row per plan: `named` counts the
    /// plans the run set out to read, so a batch with one unreadable plan keeps its shape (a
    /// script reading the CSV gets the columns it asked for).
    pub fn of(report: &Report<'_>, named: usize) -> Self {
        match report.files.as_slice() {
            [file] if named == 1 => Self::sections(file, report.rules),
            _ => Self::plans(report),
        }
    }

    /// Writes the grid in `format`: a terminal table, CSV, JSON or a Markdown table.
    pub fn write(&self, format: MatrixFormat, out: &mut dyn io::Write) -> io::Result<()> {
        let text = match format {
            MatrixFormat::Table => self.table(),
            MatrixFormat::Csv => self.csv(),
            MatrixFormat::Json => crate::json::to_string_pretty(self)? + "\n",
            MatrixFormat::Markdown => self.markdown(),
        };
        out.write_all(text.as_bytes())
    }

    /// A fixed-width table: labels cut to leave room for every item column within
    /// [`TABLE_WIDTH`], a legend beneath.
    fn table(&self) -> String {
        let widths: Vec<usize> = self.items.iter().map(|i| i.chars().count() + 1).collect();
        let label = TABLE_WIDTH
            .saturating_sub(widths.iter().sum())
            .max(MIN_LABEL);
        let shared = self.shared_directory();
        let header = match shared.is_empty() {
            true => self.rows_are.to_owned(),
            false => shorten(&format!("plans in {}", escape_controls(shared)), label - 1),
        };
        let mut out = pad(&header, label);
        for (item, width) in self.items.iter().zip(&widths) {
            let _ = write!(out, "{item:>width$}");
        }
        out.push('\n');
        for row in &self.rows {
            let indent = "  ".repeat(usize::from(row.level.saturating_sub(1)));
            let name = &row.label[shared.len()..];
            let name = format!("{indent}{}", escape_controls(name));
            // Plans' names often share a long start ("…-strategic-plan-2025-2028-angus.md"):
            // their ends tell them apart. A heading's start says more than its end.
            let text = match self.rows_are {
                "plan" => from_the_left(&name, label - 1).into_owned(),
                _ => shorten(&name, label - 1),
            };
            out.push_str(&pad(&text, label));
            for (i, width) in widths.iter().enumerate() {
                let _ = write!(
                    out,
                    "{:>width$}",
                    self.mark(row, i, letter, ".", WAIVED_LETTER)
                );
            }
            out.push('\n');
        }
        out.push('\n');
        let waived = format!("{WAIVED_LETTER} waived");
        out.push_str(&self.legend(|s| letter(s).to_owned(), &waived));
        out
    }

    /// Row `row`'s cell for item `i`: its strength's `mark`, `waived` when a waiver took the
    /// item out of the plan's coverage, else `none`.
    fn mark<'m>(
        &self,
        row: &Row,
        i: usize,
        mark: impl Fn(Strength) -> &'m str,
        none: &'m str,
        waived: &'m str,
    ) -> &'m str {
        match row.cells[i] {
            Some(strength) => mark(strength),
            None if row.waived.contains(&self.items[i]) => waived,
            None => none,
        }
    }

    /// The directory every plan row's path starts with, up to its last `/`, said once in the
    /// table's header instead of taking the room of each name; empty for sections or one plan.
    fn shared_directory(&self) -> &str {
        let labels: Vec<&str> = self.rows.iter().map(|r| r.label.as_str()).collect();
        let [first, rest @ ..] = labels.as_slice() else {
            return "";
        };
        if self.rows_are != "plan" || rest.is_empty() {
            return "";
        }
        let mut shared = first.len();
        for label in rest {
            let common = first.bytes().zip(label.bytes()).take_while(|(a, b)| a == b);
            shared = shared.min(common.count());
        }
        first[..shared]
            .rfind('/')
            .map_or("", |slash| &first[..=slash])
    }

    fn csv(&self) -> String {
        let mut header = vec![self.rows_are.to_owned()];
        // A Word or PDF plan's sections by page or paragraph: its lines are nowhere in the file.
        let located = self.rows.iter().any(|r| r.location.is_some());
        if self.rows_are == "section" {
            header.push(if located { "location" } else { "line" }.into());
        }
        header.extend(self.items.iter().cloned());
        let mut out = csv_line(&header);
        for row in &self.rows {
            let mut fields = vec![row.label.clone()];
            match (&row.location, row.line) {
                (Some(location), _) => fields.push(location.clone()),
                (None, Some(line)) => fields.push(line.to_string()),
                (None, None) => {}
            }
            fields.extend(
                (0..row.cells.len())
                    .map(|i| self.mark(row, i, Strength::as_str, "", "waived").to_owned()),
            );
            out.push_str(&csv_line(&fields));
        }
        out
    }

    /// Only rows that link to something, as published contribution tables list priorities.
    fn markdown(&self) -> String {
        let title = if self.rows_are == "section" {
            "Priority (section)"
        } else {
            "Plan"
        };
        let mut out = format!("| {title} |");
        for item in &self.items {
            let _ = write!(out, " {item} |");
        }
        out.push_str("\n| --- |");
        out.push_str(&" :-: |".repeat(self.items.len()));
        out.push('\n');
        // Every row, as the other formats have: a priority or a plan with no tick is the gap a
        // review paper is looking for.
        for row in &self.rows {
            let label = match &row.place {
                Some(place) => format!("{} ({place})", row.label),
                None => row.label.clone(),
            };
            let _ = write!(out, "| {} |", crate::input::markdown_text(&label));
            for i in 0..row.cells.len() {
                let _ = write!(out, " {} |", self.mark(row, i, tick, "", "waived"));
            }
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.legend(|s| tick(s).to_owned(), "waived: taken out by a waiver"));
        out
    }

    /// The strengths that appear in any cell, once each, in strength order: what a legend
    /// has to explain.
    pub fn strengths_used(&self) -> Vec<Strength> {
        let mut used: Vec<Strength> = self
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().flatten().copied())
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }

    /// The strengths that appear, each with its mark, in strength order, then `waived`, the
    /// key's entry for a waived item, when a plan has one.
    fn legend(&self, mark: impl Fn(Strength) -> String, waived: &str) -> String {
        let used = self.strengths_used();
        let mut parts: Vec<String> = used
            .iter()
            .map(|&s| format!("{} {}", mark(s), s.as_str()))
            .collect();
        if self.rows.iter().any(|r| !r.waived.is_empty()) {
            parts.push(waived.to_owned());
        }
        match parts.is_empty() {
            true => "No links.\n".to_owned(),
            false => format!("Key: {}\n", parts.join(", ")),
        }
    }
}

/// The terminal table's mark for an item a waiver took out of a plan's coverage.
const WAIVED_LETTER: &str = "w";

/// The terminal table's width: it must fit a 100-column terminal.
const TABLE_WIDTH: usize = 100;
/// Narrowest label column, even when there are many items.
const MIN_LABEL: usize = 12;

fn item_ids(rules: &Rules) -> Vec<String> {
    rules.items().map(|i| i.item.id.clone()).collect()
}

/// One character per strength for the terminal table: capitals for links that count towards
/// coverage. A strength added later shows as its initial.
fn letter(strength: Strength) -> &'static str {
    let name = strength.as_str();
    match name {
        "mentioned" => "m",
        "addressed" => "A",
        "committed" => "C",
        _ => name.get(..1).unwrap_or("?"),
    }
}

/// The marks published contribution tables use: a tick for a contribution, two for one with a
/// commitment, a circle for a passing mention.
fn tick(strength: Strength) -> &'static str {
    match strength.as_str() {
        "mentioned" => "○",
        "addressed" => "✓",
        "committed" => "✓✓",
        other => other,
    }
}

/// `path` in at most `width` columns: whole, or its end after "…", which keeps the file name.
pub(super) fn from_the_left(path: &str, width: usize) -> Cow<'_, str> {
    if path.width() <= width {
        return Cow::Borrowed(path);
    }
    let mut start = path.len();
    let mut used = 1;
    for (i, c) in path.char_indices().rev() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        start = i;
    }
    Cow::Owned(format!("…{}", &path[start..]))
}

/// `text` in at most `max` columns, its end replaced by "…" when cut: a wide (CJK) letter
/// takes two columns.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_owned();
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > max.saturating_sub(1) {
            break;
        }
        cut.push(c);
    }
    cut.push('…');
    cut
}

/// `text` padded with spaces to `columns` on the right, counting wide letters as two.
fn pad(text: &str, columns: usize) -> String {
    format!("{text}{}", " ".repeat(columns.saturating_sub(text.width())))
}

/// RFC 4180: quote fields holding commas, quotes or line breaks, doubling quotes. A field that
/// starts as a spreadsheet formula would (`=`, `+`, `-`, `@`, or a tab) gets a `'` first, so a
/// heading such as `=HYPERLINK(…)` opens as text, not as a live formula (OWASP's CSV injection
/// advice).
pub(super) fn csv_line(fields: &[String]) -> String {
    let quoted: Vec<String> = fields
        .iter()
        .map(|f| escape_controls(f))
        .map(|f| match f.starts_with(['=', '+', '-', '@', '\t']) {
            true => format!("'{f}"),
            false => f.into_owned(),
        })
        .map(|f| match f.contains([',', '"', '\n', '\r']) {
            true => format!("\"{}\"", f.replace('"', "\"\"")),
            false => f,
        })
        .collect();
    quoted.join(",") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_what_needs_quoting() {
        let line = csv_line(&["a,b".into(), "say \"hi\"".into(), "plain".into()]);
        assert_eq!(line, "\"a,b\",\"say \"\"hi\"\"\",plain\n");
        let formulas = [
            "=HYPERLINK(\"x\",\"y\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "a=b",
            "\t=1",
        ];
        let line = csv_line(&formulas.map(String::from));
        assert_eq!(
            line,
            "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\",'+1,'-2,'@SUM(A1),a=b,'\t=1\n"
        );
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("abcdef", 4), "abc…");
        assert_eq!(shorten("abc", 4), "abc");
        // Wide letters take two columns each.
        assert_eq!(shorten("全角の見出し", 7), "全角の…");
        assert_eq!(pad("全角", 6), "全角  ");
    }
}
