//! A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: for each plan its
//! totals, a table of findings and a coverage table for each framework. GitHub-flavoured
//! tables; no HTML, so it reads the same wherever it is pasted.

use std::fmt::Write;
use std::io;

use super::{Options, Tally, places};
use crate::audit::{Code, Coverage, FileReport, Report, Status};
// Text fit for a table cell.
use crate::input::markdown_text as cell;
use crate::rules::{RuleSet, Rules};

pub(super) fn write(report: &Report<'_>, _: &Options, out: &mut dyn io::Write) -> io::Result<()> {
    out.write_all(markdown(report).as_bytes())
}

/// The config the run read, the summary of every plan, then the run's totals when there is
/// more than one plan.
fn markdown(report: &Report<'_>) -> String {
    let mut out = String::new();
    if let Some(config) = &report.config {
        let _ = writeln!(out, "Config: {}\n", cell(config));
    }
    for file in &report.files {
        self::file(&mut out, file, report.rules);
    }
    if report.files.len() > 1 {
        out.push_str(&totals(report.files.len(), Tally::of_report(report)));
    }
    out
}

/// The paragraph for a plan that could not be read, where its summary would have been.
pub(super) fn unread(unread: &super::Unread) -> String {
    match &unread.path {
        Some(path) => format!(
            "## {}\n\n**Not read:** {}\n\n",
            cell(path),
            cell(&unread.message)
        ),
        None => format!("**Not read:** {}\n\n", cell(&unread.message)),
    }
}

/// The line that ends a summary of more than one plan.
pub(super) fn totals(files: usize, tally: Tally) -> String {
    format!("**{files} plans:** {tally}{}\n", tally.set_aside())
}

fn file(out: &mut String, file: &FileReport, rules: &Rules) {
    let tally = Tally::of_file(file);
    let _ = writeln!(out, "## {}\n", cell(&file.document.path));
    let mut totals = vec![format!("**{tally}**{}", tally.set_aside())];
    totals.extend(rules.frameworks().iter().map(|framework| {
        let coverage = framework_coverage(file, rules, framework);
        format!(
            "{} {}/{} covered",
            cell(&framework.name),
            covered(&coverage),
            coverage.len()
        )
    }));
    let _ = writeln!(out, "{}\n", totals.join(" · "));
    findings(out, file, rules);
    waivers(out, file, rules);
    claims_matrix(out, file, rules);
    for framework in rules.frameworks() {
        coverage_table(out, file, rules, framework);
    }
}

fn findings(out: &mut String, file: &FileReport, rules: &Rules) {
    if file.findings.is_empty() {
        out.push_str("No findings.\n\n");
        return;
    }
    out.push_str("| severity | code | item | message | line |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for finding in &file.findings {
        let item = finding.item.map_or("—", |i| rules.item(i).item.id.as_str());
        let line = finding.labels.first().map_or("—".to_owned(), |l| {
            let doc = &file.document;
            doc.place_label(l.span.start)
                .map_or_else(|| doc.lines.line(l.span.start).to_string(), str::to_owned)
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {line} |",
            finding.severity.as_str(),
            finding.code.as_str(),
            cell(item),
            cell(&finding.message),
        );
    }
    out.push('\n');
    advice(out, file, rules);
}

/// The waived findings, each with its waiver's reason: the table's "waived" names only items
/// waived whole.
fn waivers(out: &mut String, file: &FileReport, rules: &Rules) {
    if file.waived.is_empty() {
        return;
    }
    out.push_str("**Waived**\n\n");
    for waived in &file.waived {
        let _ = writeln!(out, "- {}", cell(&super::waiver_line(file, rules, waived)));
    }
    out.push('\n');
}

/// What to do, once per kind of finding (and kind of advice: statutory content is added, not
/// promised), in the order the table first shows each.
fn advice(out: &mut String, file: &FileReport, rules: &Rules) {
    let mut shown: Vec<(Code, String)> = Vec::new();
    for finding in &file.findings {
        let advice = (finding.code, super::advice_naming(finding, rules, cell));
        if !shown.contains(&advice) {
            shown.push(advice);
        }
    }
    out.push_str("**What to do**\n\n");
    for (code, advice) in shown {
        let _ = writeln!(out, "- `{}`: {}", code.as_str(), advice);
    }
    out.push('\n');
}

fn coverage_table(out: &mut String, file: &FileReport, rules: &Rules, framework: &RuleSet) {
    let coverage = framework_coverage(file, rules, framework);
    let _ = writeln!(
        out,
        "### {} — {}/{} covered\n",
        cell(&framework.name),
        covered(&coverage),
        coverage.len()
    );
    out.push_str("| item | title | status | sections |\n");
    out.push_str("| --- | --- | --- | --- |\n");
    for c in coverage {
        let item = rules.item(c.item).item;
        // A waived row says why, as the human report's note does: a reviewer of the pull
        // request reads the team's reason beside the gap it covers.
        let why = c
            .waiver
            .as_ref()
            .map(|reason| format!(": {}", cell(reason)));
        let _ = writeln!(
            out,
            "| {} | {} | {}{} | {} |",
            cell(&item.id),
            cell(&item.title),
            status(c),
            why.unwrap_or_default(),
            cell(&places(&file.document, c)),
        );
    }
    out.push('\n');
}

/// The plan's claims against its evidence, for a review paper: a row per section the plan's
/// mapping names (or per row that names none), a column per item it claims.
fn claims_matrix(out: &mut String, file: &FileReport, rules: &Rules) {
    if file.claims.is_empty() {
        return;
    }
    let doc = &file.document;
    let mut items: Vec<usize> = file.claims.iter().map(|c| c.item).collect();
    items.sort_unstable();
    items.dedup();
    // Rows in the order the plan first claims something for them; a row that names no section
    // is known by its label. The first claim of a row for an item decides its cell.
    let mut rows: Vec<(Option<usize>, &str)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut cells = std::collections::HashMap::new();
    for claim in &file.claims {
        let row = (
            claim.section,
            claim.section.map_or(claim.row.as_str(), |_| ""),
        );
        if seen.insert(row) {
            rows.push(row);
        }
        cells.entry((row.0, row.1, claim.item)).or_insert(claim);
    }
    out.push_str("### Claims against evidence\n\n| section |");
    for &item in &items {
        let _ = write!(out, " {} |", cell(&rules.item(item).item.id));
    }
    out.push_str("\n| --- |");
    out.push_str(&" :-: |".repeat(items.len()));
    out.push('\n');
    for (section, row) in rows {
        let addressed = section.map_or_else(Vec::new, |s| file.addressed_in_subtree(s, rules));
        let name = match section {
            Some(s) => format!("{} (line {})", doc.heading(s), doc.section_line(s)),
            None => format!("{row} (no such section)"),
        };
        let _ = write!(out, "| {} |", cell(&name));
        for &item in &items {
            let claim = cells.get(&(section, row, item)).copied();
            let mark = match (claim, addressed.contains(&item)) {
                (Some(c), _) if c.section.is_none() => "⚠️ claimed, no section",
                (Some(c), _) if c.evidenced => "✅ claimed, evidenced",
                (Some(_), _) => "❌ claimed, not evidenced",
                (None, true) => "➕ evidenced, not claimed",
                (None, false) => "",
            };
            let _ = write!(out, " {mark} |");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// The plan's coverage of one framework's items, in rule order.
fn framework_coverage<'a>(
    file: &'a FileReport,
    rules: &Rules,
    framework: &RuleSet,
) -> Vec<&'a Coverage> {
    file.coverage
        .iter()
        .filter(|c| std::ptr::eq(rules.item(c.item).framework, framework))
        .collect()
}

fn covered(coverage: &[&Coverage]) -> usize {
    coverage
        .iter()
        .filter(|c| c.status == Status::Covered)
        .count()
}

/// A coverage row's status; a covered item says whether a commitment or measure goes with it,
/// as the human report's `covered*` does.
fn status(c: &Coverage) -> &'static str {
    match c.status {
        Status::Covered if c.committed() => "✅ covered, committed",
        Status::Covered => "✅ covered",
        Status::Weak => "⚠️ weak",
        Status::Missing => "❌ missing",
        Status::Waived => "➖ waived",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_line_breaks_and_markup() {
        assert_eq!(cell("Carers | families"), "Carers \\| families");
        assert_eq!(cell("one\r\ntwo\nthree"), "one  two three");
        // A heading written with entities is text, not markup, in a rendered comment.
        assert_eq!(
            cell("Plan <img src=x onerror=alert(1)> & more"),
            "Plan &lt;img src=x onerror=alert(1)&gt; &amp; more"
        );
        assert_eq!(cell("red \u{1b}[31m"), "red \\u{1b}\\[31m");
        // A name that would be a link reads as its text.
        assert_eq!(
            cell("[click](https://example.org).md"),
            "\\[click\\](https://example.org).md"
        );
        // Emphasis, code and strike-through marks read as written, and so does a backslash.
        assert_eq!(cell("my_plan_v2.md"), "my\\_plan\\_v2.md");
        assert_eq!(
            cell("*draft* `v2` ~~old~~.md"),
            "\\*draft\\* \\`v2\\` \\~\\~old\\~\\~.md"
        );
        assert_eq!(cell("plans\\a\\*b.md"), "plans\\\\a\\\\\\*b.md");
    }
}
