//! Formats an [`audit::Report`](crate::audit::Report). One module per format, each with a
//! `write(report, options, out)` that only reads the report; [`write()`] picks one by [`Format`].
//! A new format is one module and one variant of [`Format`].

mod excerpt;
mod github;
pub mod html;
mod human;
mod json;
pub mod league;
mod markdown;
pub mod matrix;
mod sarif;

use std::borrow::Cow;
use std::fmt::Write;
use std::io;
use std::ops::Range;

use serde::Deserialize;

use crate::audit::{Code, Coverage, FileReport, Finding, Report, Severity, Status};
use crate::document::Document;
use crate::input::shell_argument;
use crate::rules::Rules;
use crate::source::Position;

/// A report format (`--format`, config `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Annotated findings and a coverage table, for people.
    Human,
    /// Everything, for programs (schema in docs/report.schema.json).
    Json,
    /// SARIF 2.1.0, for code scanning (e.g. GitHub's upload-sarif action).
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding, a section's unsupported
    /// claims in one.
    Github,
    /// A Markdown summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
    Markdown,
    /// One self-contained HTML page: section tree, heatmap, evidence, gaps and commitments.
    Html,
    /// The league table (one row per plan, covered/weak/missing per framework) as CSV.
    Csv,
}

impl Format {
    /// The name `--format` takes and messages use ("sarif").
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|value| value.get_name().to_owned())
            .unwrap_or_default()
    }
}

/// Columns the human report is laid out for.
pub const WIDTH: usize = 100;

/// Fewest columns the human report wraps to, however narrow the terminal.
const MIN_WIDTH: usize = 60;

/// "1 item", "3 items": `n` and `noun`, made plural with an "s" unless `n` is 1.
pub fn counted(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// The human report's width for a terminal `columns` wide (`None` when its width is unknown):
/// its own width when narrower than [`WIDTH`], so lines do not wrap twice, but never under 60
/// columns.
pub fn fit_width(columns: Option<usize>) -> usize {
    columns.map_or(WIDTH, |c| c.clamp(MIN_WIDTH, WIDTH))
}

/// Settings a format may use; each format ignores those it has no use for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Colour the human report with ANSI escapes.
    pub color: bool,
    /// Width the human report's diagnostics wrap at: [`WIDTH`] for a file or a pipe, so that
    /// such output is reproducible; a narrower terminal's own width ([`fit_width`]).
    pub width: usize,
    /// How much of each plan's report the human format shows.
    pub detail: Detail,
    /// Findings recorded in a baseline were left out, so a plan with none left is fine and
    /// gets one line in the human report.
    pub baseline: bool,
    /// Indent the JSON report for people (`--pretty`); compact, it is a third of the size.
    pub pretty: bool,
    /// Most evidence (and most commitments) the JSON report lists per link, the strongest,
    /// with a count of the rest; `None` lists all (`--all-evidence`). A dense plan's links
    /// can hold dozens of hits each, which made the report many times the plan's size.
    pub max_evidence: Option<usize>,
    /// Most places the JSON and SARIF reports list per finding, in the plan's order, with a
    /// count of the rest; `None` lists all (`--all-evidence`). A finding about an item
    /// mentioned in every paragraph of a long plan has a place per mention.
    pub max_labels: Option<usize>,
    /// The run's options that `explain` and `rules show` need to read the same rules, which
    /// the commands the human report suggests repeat.
    pub repeat: Repeat,
    /// Whether the human report ends a plan's findings with the commands that show more; a
    /// report on many plans shows them once, after the first plan that has an item to explain.
    pub hints: bool,
}

/// Options of a `check` run that change what `explain` and `rules show` see: without them, a
/// suggested command about an item of the run's own rule file says the item is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repeat {
    /// `--rules` files, as given.
    pub rules: Vec<String>,
    /// `--config FILE`, as given.
    pub config: Option<String>,
    /// `--no-config`.
    pub no_config: bool,
    /// `--framework` ids given on the command line (a config's are read again by `explain`).
    pub frameworks: Vec<String>,
    /// `--max-file-size` in bytes, when it is not the default: a larger plan is refused
    /// otherwise.
    pub max_file_size: Option<u64>,
    /// `--input-format`, as its command-line name.
    pub input_format: Option<String>,
}

impl Repeat {
    /// The options that choose the rules, as shell words each after a space: what `explain`
    /// and `rules show` must repeat to know the run's items.
    pub fn rule_options(&self) -> String {
        let mut rules = String::new();
        // A file whose name is shown escaped is named FILE, as a plan is named PLAN.
        let file = |path: &str| shell_argument(path).unwrap_or_else(|| "FILE".into());
        for path in &self.rules {
            let _ = write!(rules, " --rules {}", file(path));
        }
        match (&self.config, self.no_config) {
            (Some(config), _) => {
                let _ = write!(rules, " --config {}", file(config));
            }
            (None, true) => rules.push_str(" --no-config"),
            (None, false) => {}
        }
        rules
    }

    /// The options only `explain` takes (frameworks, the size limit, the input format), as
    /// shell words each after a space.
    fn explain_options(&self) -> String {
        let mut explain = String::new();
        for framework in &self.frameworks {
            let id = shell_argument(framework).unwrap_or_else(|| "ID".into());
            let _ = write!(explain, " -f {id}");
        }
        if let Some(size) = self.max_file_size {
            let _ = write!(explain, " --max-file-size {size}");
        }
        if let Some(format) = &self.input_format {
            let _ = write!(explain, " --input-format {format}");
        }
        explain
    }
}

/// Evidence listed per link unless `--all-evidence`: enough to see why a link holds.
pub const MAX_EVIDENCE: usize = 3;

/// Places listed per finding unless `--all-evidence`; the human report underlines as many.
pub const MAX_LABELS: usize = 8;

/// The first `max` of `list` (all when `None`), and how many were left out.
fn capped<T>(list: &[T], max: Option<usize>) -> (&[T], usize) {
    let shown = max.map_or(list.len(), |max| max.min(list.len()));
    (&list[..shown], list.len() - shown)
}

/// How much the human report shows of each plan (`--summary`, `--verbose`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Detail {
    /// Only the coverage summary per framework and the totals.
    Summary,
    /// The summary, then one short block per finding: where, and what to do.
    #[default]
    Concise,
    /// Also the statutory wording and challenge questions of each item a finding is about, and
    /// the full coverage table.
    Verbose,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            color: false,
            width: WIDTH,
            detail: Detail::default(),
            baseline: false,
            pretty: false,
            max_evidence: Some(MAX_EVIDENCE),
            max_labels: Some(MAX_LABELS),
            repeat: Repeat::default(),
            hints: true,
        }
    }
}

/// Writes `report` to `out` in `format`. The only way a report is written, so every format
/// sees the same report and options.
pub fn write(
    format: Format,
    report: &Report<'_>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, options, out),
        Format::Json => json::write(report, options, out),
        Format::Sarif => sarif::write(report, options, out),
        Format::Github => github::write(report, options, out),
        Format::Markdown => markdown::write(report, options, out),
        Format::Html => html::write(report, &[], out),
        Format::Csv => league::write(report, &[], out),
    }
}

/// A plan a run was asked to audit and could not read, or a path that named no plan. The
/// reports for programs and CI list these beside the plans, so a report missing a plan says
/// so rather than passing for whole; the error itself goes to standard error, and the run
/// exits 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// The plan as the command line or the walk named it, as a plan's report names it (each
    /// format escapes it as it does a plan's path); `None` for a path or glob that found no
    /// plan at all, which the message names.
    pub path: Option<String>,
    /// What went wrong, as the error's first line says it, control characters escaped.
    pub message: String,
    /// The line and maybe the column (from 1) of the plan the error points at, if it does.
    pub position: Option<(usize, Option<usize>)>,
}

impl Unread {
    /// The entry for `error`, met reading `path` (if a plan was named).
    pub fn new(path: Option<String>, error: &dyn std::fmt::Display) -> Self {
        let message = error.to_string();
        Self {
            path,
            message: crate::input::escape_name(&message).into_owned(),
            position: None,
        }
    }

    /// The entry, pointing at `position` of the plan.
    pub fn at(self, position: Option<(usize, Option<usize>)>) -> Self {
        Self { position, ..self }
    }
}

/// Writes plans' reports to `out` in `format` as `files` yields them (each a plan's report, or
/// why a plan could not be read), holding one plan's report at a time where the format allows.
/// Reads the same as [`write()`] on the whole report, apart from where the config is named and
/// the plans that could not be read.
pub fn write_stream(
    format: Format,
    rules: &Rules,
    config: Option<String>,
    files: impl Iterator<Item = Result<FileReport, Unread>>,
    options: &Options,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let totals = match format {
        Format::Json => return json::write_stream(rules, config.as_deref(), files, options, out),
        Format::Sarif => {
            return sarif::write_stream(rules, config.as_deref(), files, options, out);
        }
        // The HTML page (league first) and the league CSV need every plan; they name the plans
        // not read too, the page above its plans and the spreadsheet below them.
        Format::Html | Format::Csv => {
            let (mut read, mut unread) = (Vec::new(), Vec::new());
            for entry in files {
                match entry {
                    Ok(file) => read.push(file),
                    Err(entry) => unread.push(entry),
                }
            }
            let all = Report {
                rules,
                files: read,
                config,
            };
            return match format {
                Format::Html => html::write(&all, &unread, out),
                _ => league::write(&all, &unread, out),
            };
        }
        Format::Human => Some(human::totals as fn(usize, Tally) -> String),
        Format::Markdown => Some(markdown::totals as fn(usize, Tally) -> String),
        Format::Github => None,
    };
    let (mut count, mut tally, mut unread) = (0, Tally::default(), 0);
    let mut rows = Vec::new();
    let mut config = config;
    let mut options = Cow::Borrowed(options);
    for entry in files {
        let file = match entry {
            Ok(file) => file,
            Err(entry) => {
                unread += 1;
                write_unread(format, &entry, out)?;
                continue;
            }
        };
        count += 1;
        tally = tally + Tally::of_file(&file);
        if format == Format::Human {
            rows.push(league::Row::of(&file, rules));
        }
        let hinted = file.findings.iter().any(|f| f.item.is_some());
        // The config is named once, at the top.
        let one = Report {
            rules,
            files: vec![file],
            config: config.take(),
        };
        write(format, &one, &options, out)?;
        if hinted {
            options.to_mut().hints = false;
        }
    }
    if count > 1 && format == Format::Human {
        out.write_all(human::league(&league::League::from_rows(rows), &options).as_bytes())?;
    }
    if let Some(totals) = totals.filter(|_| count > 1) {
        out.write_all(totals(count, tally).as_bytes())?;
    }
    // The human report's errors went to standard error, which a log may keep apart: the report
    // says last that it is not of every plan asked for, or, when it read none, that it is of
    // none.
    match unread {
        0 => Ok(()),
        _ if format != Format::Human => Ok(()),
        1 => out.write_all(b"1 plan or path not read: see standard error\n"),
        n => writeln!(out, "{n} plans or paths not read: see standard error"),
    }
}

/// The plans of `entries` that were read; those that were not are pushed onto `unread`, for a
/// report that lists them after the plans.
fn set_aside<'u, F>(
    entries: impl Iterator<Item = Result<F, Unread>> + 'u,
    unread: &'u std::cell::RefCell<Vec<Unread>>,
) -> impl Iterator<Item = F> + 'u {
    entries.filter_map(|entry| entry.map_err(|u| unread.borrow_mut().push(u)).ok())
}

/// A plan that could not be read, where the stream's plans are: an annotation for GitHub, a
/// line of the Markdown summary. The human report leaves it to standard error, where it is
/// already.
fn write_unread(format: Format, unread: &Unread, out: &mut dyn io::Write) -> io::Result<()> {
    match format {
        Format::Github => out.write_all(github::unread(unread).as_bytes()),
        Format::Markdown => out.write_all(markdown::unread(unread).as_bytes()),
        _ => Ok(()),
    }
}

/// Counts of findings by severity, for summaries, and of those a report leaves out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Note findings.
    pub notes: usize,
    /// Findings a waiver took out (in the config or the plan).
    pub waived: usize,
    /// Findings a baseline took out.
    pub baselined: usize,
}

impl Tally {
    /// Counts `severities`.
    pub fn of(severities: impl IntoIterator<Item = Severity>) -> Self {
        let mut tally = Tally::default();
        for severity in severities {
            match severity {
                Severity::Error => tally.errors += 1,
                Severity::Warning => tally.warnings += 1,
                Severity::Note => tally.notes += 1,
            }
        }
        tally
    }

    /// Counts every finding of every plan in `report`.
    pub fn of_report(report: &Report<'_>) -> Self {
        report
            .files
            .iter()
            .map(Self::of_file)
            .fold(Self::default(), |a, b| a + b)
    }

    /// The findings of one plan, and those set aside.
    pub fn of_file(file: &FileReport) -> Self {
        Tally {
            waived: file.waived.len(),
            baselined: file.baselined.len(),
            ..Self::of(file.findings.iter().map(|x| x.severity))
        }
    }

    /// " (2 waived and 13 in the baseline, not shown)", or nothing when nothing was set aside:
    /// every format says it beside its counts, so "0 errors" never reads as a plan with no gaps
    /// when a waiver or baseline hid them.
    pub fn set_aside(&self) -> String {
        match (self.waived, self.baselined) {
            (0, 0) => String::new(),
            (w, 0) => format!(" ({w} waived, not shown)"),
            (0, b) => format!(" ({b} in the baseline, not shown)"),
            (w, b) => format!(" ({w} waived and {b} in the baseline, not shown)"),
        }
    }
}

impl std::ops::Add for Tally {
    type Output = Tally;

    fn add(self, other: Tally) -> Tally {
        Tally {
            errors: self.errors + other.errors,
            warnings: self.warnings + other.warnings,
            notes: self.notes + other.notes,
            waived: self.waived + other.waived,
            baselined: self.baselined + other.baselined,
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, {}, {}",
            counted(self.errors, "error"),
            counted(self.warnings, "warning"),
            counted(self.notes, "note")
        )
    }
}

/// One waived finding in a line: its code, what it is about (an item, else a section's
/// heading), the waiver's reason and where the waiver is, for the human and Markdown reports,
/// which list waivers in detail where JSON and SARIF keep each finding.
fn waiver_line(file: &FileReport, rules: &Rules, waived: &crate::audit::Waived) -> String {
    let finding = &waived.finding;
    let about = match (finding.item, finding.section) {
        (Some(item), _) => rules.item(item).item.id.clone(),
        (None, Some(section)) => format!("\"{}\"", file.document.heading(section)),
        (None, None) => String::new(),
    };
    let by = if waived.in_plan {
        "a comment in the plan"
    } else {
        "the config"
    };
    let about = if about.is_empty() {
        about
    } else {
        format!(" {about}")
    };
    // A config's reason may run over lines; the lists show it on one.
    let reason = waived
        .reason
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    format!("{}{about}: {reason} ({by})", finding.code.as_str())
}

/// Most sections named in one cell of a coverage table.
const MAX_PLACES: usize = 6;

/// The sections a coverage row points to: those that cover the item, or for an item not
/// covered those that mention it, or failing that those that only quote it in a restated
/// framework, by heading and place (line, or paragraph for a Word document); "—" when there
/// are none.
fn places(doc: &Document, c: &Coverage) -> String {
    let quoted = c.status != Status::Covered && c.mentions.is_empty();
    let sections = if c.status == Status::Covered {
        &c.sections
    } else if quoted {
        &c.quotes
    } else {
        &c.mentions
    };
    let mut places: Vec<String> = sections
        .iter()
        .take(MAX_PLACES)
        .map(|&s| {
            let heading = crate::input::escape_controls(doc.heading(s));
            format!("{heading} ({})", doc.section_place(s))
        })
        .collect();
    if sections.len() > MAX_PLACES {
        places.push(format!("and {} more", sections.len() - MAX_PLACES));
    }
    match (c.status, places.is_empty()) {
        (_, true) => "—".to_owned(),
        (_, false) if quoted => format!("only quoted in {}", places.join("; ")),
        (Status::Weak, false) => format!("mentioned in {}", places.join("; ")),
        _ => places.join("; "),
    }
}

/// What the plan's own mapping says of an item beside what its text shows, for a coverage
/// row: `claimed ✓ evidenced ✗`, padded to one width. `None` when the plan claims nothing of
/// the item's framework, so plans without a mapping keep their table as it was.
fn claim_state(
    file: &crate::audit::FileReport,
    rules: &crate::rules::Rules,
    item: usize,
) -> Option<String> {
    let framework = rules.item(item).framework;
    let in_framework = |i: usize| std::ptr::eq(rules.item(i).framework, framework);
    if !file.claims.iter().any(|c| in_framework(c.item)) {
        return None;
    }
    let claims: Vec<&crate::audit::Claim> = file.claims.iter().filter(|c| c.item == item).collect();
    let state = match (claims.is_empty(), claims.iter().all(|c| c.evidenced)) {
        (true, _) => "claimed ✗",
        (false, true) => "claimed ✓ evidenced ✓",
        (false, false) => "claimed ✓ evidenced ✗",
    };
    Some(format!("{state:<21}"))
}

/// `findings` in report order, each section's unsupported claims gathered into one finding at
/// the first of them: "outcomes 1, 3, 4, 5 and 7" with four unsupported is one place to fix in
/// the plan's mapping, not four. For the reports people read (human, GitHub annotations); the
/// machine formats keep a finding per item, which waivers, baselines and code scanning follow.
pub(super) fn gathered<'f>(
    doc: &Document,
    rules: &Rules,
    findings: &'f [Finding],
) -> Vec<Cow<'f, Finding>> {
    let mut groups: Vec<Vec<&Finding>> = Vec::new();
    // The group of each section's unsupported claims, by section.
    let mut claims: foldhash::HashMap<usize, usize> = Default::default();
    for finding in findings {
        let section = finding
            .section
            .filter(|_| finding.code == Code::UnsupportedClaim);
        match section.and_then(|s| claims.get(&s)) {
            Some(&group) => groups[group].push(finding),
            None => {
                if let Some(section) = section {
                    claims.insert(section, groups.len());
                }
                groups.push(vec![finding]);
            }
        }
    }
    groups
        .into_iter()
        .map(|group| match group.as_slice() {
            [one] => Cow::Borrowed(*one),
            _ => Cow::Owned(together(&group, doc, rules)),
        })
        .collect()
}

/// One finding for a section's unsupported claims: "the plan claims \"Alcohol and drugs\"
/// serves O1 (…), O3 (…) and O7 (…)", each claiming cell or sentence underlined. It names its
/// items in its message, and so is about no one item.
fn together(group: &[&Finding], doc: &Document, rules: &Rules) -> Finding {
    let first = group[0];
    // Each finding underlines the places that claim its item, then its section's heading.
    let claims: Vec<(usize, Range<usize>)> = group
        .iter()
        .filter_map(|f| Some((f.item?, f.labels.split_last()?.1)))
        .flat_map(|(item, places)| places.iter().map(move |l| (item, l.span.clone())))
        .collect();
    let section = first.section.unwrap_or_default();
    Finding {
        severity: first.severity,
        item: None,
        ..crate::audit::unsupported_claim(doc, rules, section, &claims)
    }
}

/// What to do about a finding of `code`, as every format words it. An orphan section's hint names the frameworks this
/// run audited: "outcome or principle" means nothing to a plan checked against others.
pub(crate) fn advice(finding: &Finding, rules: &Rules) -> String {
    advice_naming(finding, rules, str::to_owned)
}

/// [`advice`] with each framework's name, which a user's rule file chose, written by `name`:
/// the Markdown summary escapes it but keeps the advice's own `code` marks. An item of content
/// a plan holds or not (a framework that asks no commitments: the statutory content) is added
/// or set out, not promised.
fn advice_naming(finding: &Finding, rules: &Rules, name: impl Fn(&str) -> String) -> String {
    let content = (finding.item).is_some_and(|i| !rules.item(i).framework.asks_commitments);
    match finding.code {
        Code::MissingItem if content => {
            "add it to the plan: a section or passage that sets it out".to_owned()
        }
        Code::WeakItem if content => {
            "set it out where the plan mentions it, rather than in passing".to_owned()
        }
        Code::OrphanSection => {
            let names: Vec<String> = rules.frameworks().iter().map(|f| name(&f.name)).collect();
            format!(
                "say which item of {} this section serves, or ask whether the plan needs it",
                names.join(" or ")
            )
        }
        code => code.doc().help.to_owned(),
    }
}

/// Where a span starts and ends as editors count: 1-based lines, columns in characters, the end
/// being the position just after the last character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    start: Position,
    end: Position,
}

/// The extent of a source span, without the line break that ends a heading's span: an
/// annotation should stay on the lines that hold the text, not reach column 1 of the next.
fn extent(doc: &Document, span: &Range<usize>) -> Extent {
    let text = doc.source.get(span.clone()).unwrap_or_default();
    let end = span.start + text.trim_end_matches(['\r', '\n']).len();
    Extent {
        start: doc.position(span.start),
        end: doc.position(end),
    }
}

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::*;

    /// A narrow terminal gets its own width, a wide one or an unknown one the report's, and
    /// no terminal is narrower than the least the report wraps to.
    #[test]
    fn the_width_fits_a_narrow_terminal() {
        assert_eq!(fit_width(Some(80)), 80);
        assert_eq!(fit_width(Some(200)), WIDTH);
        assert_eq!(fit_width(None), WIDTH);
        assert_eq!(fit_width(Some(20)), MIN_WIDTH);
    }

    /// `--format NAME` and config `format: NAME` accept the same names.
    #[test]
    fn command_line_and_config_name_formats_alike() {
        for format in Format::value_variants() {
            let name = format.to_possible_value().unwrap().get_name().to_owned();
            let parsed: Format = crate::yaml::from_str(&name).unwrap();
            assert_eq!(parsed, *format, "{name}");
        }
    }
}
