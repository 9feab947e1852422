//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding
//! (a section's unsupported claims as one), which the Actions runner turns into annotations on
//! the plan in the pull request.

use std::fmt::Write;
use std::io;

use super::{Extent, Options, extent};
use crate::audit::{Finding, Report, Severity};
use crate::document::Document;
use crate::rules::Rules;

pub(super) fn write(report: &Report<'_>, _: &Options, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(github(report).as_bytes())
}

/// One workflow command per finding, in report order, each on its own line; a section's
/// unsupported claims are one annotation ([`super::gathered`]): GitHub shows only the first
/// few annotations of a step, and one mapping line's claims would crowd out the rest.
fn github(report: &Report<'_>) -> String {
    let mut out = String::new();
    for file in &report.files {
        let doc = &file.document;
        for finding in super::gathered(doc, report.rules, &file.findings) {
            let _ = writeln!(out, "{}", command(report.rules, doc, &finding));
        }
    }
    out
}

/// The command for one finding, at its first label, with what to do about it on a second line;
/// a finding about the whole plan (a missing item) is put on line 1, since GitHub shows an
/// annotation only on a line. So is every finding of a Word or PDF plan, whose lines are those
/// of its extracted text, nowhere in the file: its message names the page or paragraph.
fn command(rules: &Rules, doc: &Document, finding: &Finding) -> String {
    let kind = match finding.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut title = finding.code.as_str().to_owned();
    if let Some(item) = finding.item {
        let _ = write!(title, " {}", rules.item(item).item.id);
    }
    let mut properties = vec![("file", doc.path.clone())];
    let first = finding.labels.first();
    let place = first.filter(|_| !doc.places.is_empty());
    match first
        .filter(|_| place.is_none())
        .map(|l| extent(doc, &l.span))
    {
        Some(Extent { start, end }) => properties.extend([
            ("line", start.line.to_string()),
            ("col", start.column.to_string()),
            ("endLine", end.line.to_string()),
            ("endColumn", end.column.to_string()),
        ]),
        None => properties.push(("line", "1".to_owned())),
    }
    properties.push(("title", title));
    let properties: Vec<String> = properties
        .iter()
        .map(|(key, value)| format!("{key}={}", escape_property(value)))
        .collect();
    let at = place.map_or(String::new(), |l| format!(" ({})", doc.place(l.span.start)));
    let message = format!(
        "{}{at}\nhelp: {}",
        finding.message,
        super::advice(finding, rules)
    );
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// The annotation for a plan that could not be read: an error at the place the error names,
/// else on the file's first line, or on the run when no file was found, so the pull request
/// shows that a plan went unaudited.
pub(super) fn unread(unread: &super::Unread) -> String {
    let mut properties = Vec::new();
    if let Some(path) = &unread.path {
        let (line, column) = unread.position.unwrap_or((1, None));
        let column = column.map_or(String::new(), |c| format!(",col={c}"));
        properties.push(format!(
            "file={},line={line}{column}",
            escape_property(path)
        ));
    }
    properties.push("title=unread plan".to_owned());
    format!(
        "::error {}::{}\n",
        properties.join(","),
        escape_data(&unread.message)
    )
}

/// A message as the runner reads it back: `%`, CR and LF would otherwise end or garble the
/// command, and other control characters from the plan would reach the log as they are.
fn escape_data(text: &str) -> String {
    let text = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    crate::input::escape_controls(&text).into_owned()
}

/// A property value, where `:` and `,` also delimit.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_escape_percent_and_line_breaks() {
        assert_eq!(
            escape_data("50% of carers:\r\nsee p. 3, or\nask"),
            "50%25 of carers:%0D%0Asee p. 3, or%0Aask"
        );
        assert_eq!(
            escape_data("%0A"),
            "%250A",
            "a literal escape stays literal"
        );
    }

    #[test]
    fn properties_also_escape_colons_and_commas() {
        assert_eq!(
            escape_property("plans/2024: draft, v2%.md\n"),
            "plans/2024%3A draft%2C v2%25.md%0A"
        );
    }
}
